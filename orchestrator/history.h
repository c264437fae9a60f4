/*
 * "daily_run list" and "daily_run show": the run table read back
 * (docs/ORCHESTRATOR.md "History"). Each returns the exit status.
 */
#ifndef HISTORY_H
#define HISTORY_H

/* Indented 7 columns, for the list in --help (usage_exit() skips them). */
#define HISTORY_USAGE \
	"       daily_run list [--since DATE] [--until DATE] [--status STATUS]\n" \
	"                      [--limit N] [--json]\n" \
	"       daily_run show RUN_ID|DATE [--json]\n"

/* argv[0] is the subcommand's name. */
int history_list(int argc, char *argv[]);
int history_show(int argc, char *argv[]);

#endif
