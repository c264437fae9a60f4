/* "daily_run backfill" (docs/ORCHESTRATOR.md "Backfill"). */
#ifndef BACKFILL_H
#define BACKFILL_H

/* Indented 7 columns, for the list in --help (usage_exit() skips them). */
#define BACKFILL_USAGE \
	"       daily_run backfill --from DATE --to DATE [-j N]\n" \
	"                          [--only-missing | --rerun-failed] [--dry-run]\n"

/* argv[0] is "backfill"; vardir as dirs.h gives it. Returns the exit status. */
int backfill_main(int argc, char *argv[], const char *vardir);

#endif
