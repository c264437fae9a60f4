/* "daily_run backtest" (docs/BACKTEST.md). */
#ifndef BACKTEST_H
#define BACKTEST_H

#include <jansson.h>

struct run;

/* Indented 7 columns, for the list in --help (usage_exit() skips them). */
#define BACKTEST_USAGE \
	"       daily_run backtest --from DATE --to DATE [--every N] [--config FILE]\n" \
	"                          [-j N] [--out DIR] [--costs FILE]\n" \
	"                          [--slurm-print | --slurm] [--tasks N] [--prune]\n"

/*
 * argv[0] is "backtest"; r holds vardir, stepdir and the step table (daily_run.c).
 * Returns the exit status (docs/BACKTEST.md "Exit status").
 */
int backtest_main(int argc, char *argv[], const struct run *r);

/* The JSON object in file (what names it in the error), or NULL after error(). */
json_t *backtest_load_object(const char *file, const char *what);

#endif
