/* What backtest and sweep share to run on Slurm (docs/BACKTEST.md "Slurm"). */
#ifndef SLURM_H
#define SLURM_H

#include <stddef.h>
#include <stdio.h>

struct run;

/* s as one single-quoted shell word. */
void slurm_quote(FILE *f, const char *s);
/* "set -eu" and the exports of the environment a task needs (data source, steps). */
void slurm_env(FILE *f);
/*
 * sbatch --parsable [--dependency=AFTER] DIR/NAME (AFTER e.g. "afterany:4241"): the
 * job id into id. 0, or -1 after error().
 */
int slurm_submit(const char *dir, const char *name, const char *after, char *id,
    size_t sz);
/*
 * DIR/FIRST (an array of ntasks) submitted, then DIR/THEN after it (AFTER
 * "afterok" or "afterany"), and said on stdout: "CMD: submitted job ID (N
 * tasks) and LABEL job ID2; results in DIR". 0, or -1 after error().
 */
int slurm_submit_chain(const char *dir, const char *first, const char *then,
    const char *after, const char *cmd, long ntasks, const char *label);
/* DIR/NAME on stdout (--slurm-print); 0, or -1 if it cannot be read or written. */
int slurm_print(const char *dir, const char *name);
/* This daily_run's absolute path (what a task runs); 0, or -1 after error(). */
int slurm_exe(char *buf, size_t sz);

/*
 * A date of a backtest split over tasks (docs/BACKTEST.md "Slurm"), called by
 * daily_run before run_init(): under DAILY_BACKTEST_PART, the run stops before
 * CHAIN_STEP (the date-independent steps only).
 */
void slurm_date_part(struct run *r);
/*
 * After run_init(): under DAILY_BACKTEST_PRE=DIR, the states before CHAIN_STEP are
 * those of the run DIR/<date> links to (its run_id replaced by this run's), and the
 * run starts at CHAIN_STEP. 0, or -1 after error().
 */
int slurm_date_resume(struct run *r);

#endif
