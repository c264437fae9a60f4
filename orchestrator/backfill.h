/* "daily_run backfill" (docs/ORCHESTRATOR.md "Backfill"). */
#ifndef BACKFILL_H
#define BACKFILL_H

/* Indented 7 columns, for the list in --help (usage_exit() skips them). */
#define BACKFILL_USAGE \
	"       daily_run backfill --from DATE --to DATE [-j N]\n" \
	"                          [--only-missing | --rerun-failed] [--dry-run]\n"

#include <sys/types.h>

#include "date.h"

#define NOT_RUN	(-2)	/* job status: never started (stopped) */

/* One date of a backfill or a backtest. */
struct bf_job {
	char date[DATE_BUFSZ];
	pid_t pid;
	int status;	/* exit code; -1 not ended */
};

/*
 * The engine of backfill and backtest (docs/ORCHESTRATOR.md "Backfill"): run
 * "daily_run --date D ARGS..." (args: NULL-terminated, at most 12, or NULL) for each
 * of the n jobs in date order, at most j at once, each chained to the previous job's
 * end (DAILY_CHAIN, DAILY_CHAIN_WAIT), its output in <dir>/<date>.log; who names the
 * progress line. Fills each job's status (exit code or NOT_RUN after a stop signal).
 * ended, when not NULL, is called with each job and arg as its run ends (its status
 * set, the next date's chain already let go on). 0, or -1 after error().
 */
int backfill_execute(struct bf_job *jobs, long n, long j, const char *dir,
    const char *const *args, const char *who,
    void (*ended)(const struct bf_job *job, void *arg), void *arg);
/* The first stop signal backfill_execute() got, or 0. */
int backfill_stop_signal(void);

/* argv[0] is "backfill"; vardir as dirs.h gives it. Returns the exit status. */
int backfill_main(int argc, char *argv[], const char *vardir);

#endif
