/* "daily_run sweep" (docs/BACKTEST.md "Sweep"). */
#ifndef SWEEP_H
#define SWEEP_H

struct run;

/* Indented 7 columns, for the list in --help (usage_exit() skips them). */
#define SWEEP_USAGE \
	"       daily_run sweep --grid GRID.json --from DATE --to DATE [--every N]\n" \
	"                       [--config FILE] [--costs FILE] [-j N] [--out DIR]\n" \
	"                       [--slurm-print | --slurm | --rank-only] [--prune]\n"

/* argv[0] is "sweep"; r as for backtest_main(). Returns the exit status. */
int sweep_main(int argc, char *argv[], const struct run *r);

#endif
