/* "daily_run prune --keep-days N" (docs/ORCHESTRATOR.md "Where files go"). */
#ifndef PRUNE_H
#define PRUNE_H

/* Indented 7 columns, for the list in --help (usage_exit() skips them). */
#define PRUNE_USAGE "       daily_run prune --keep-days N [--dry-run]\n"

/* argv[0] is "prune"; vardir and reportdir as dirs.h gives them. Exit status. */
int prune_main(int argc, char *argv[], const char *vardir, const char *reportdir);

#endif
