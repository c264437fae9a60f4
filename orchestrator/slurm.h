/* What backtest and sweep share to run on Slurm (docs/BACKTEST.md "Slurm"). */
#ifndef SLURM_H
#define SLURM_H

#include <stddef.h>
#include <stdio.h>

/* s as one single-quoted shell word. */
void slurm_quote(FILE *f, const char *s);
/* "set -eu" and the exports of the environment a task needs (data source, steps). */
void slurm_env(FILE *f);
/*
 * sbatch --parsable [--dependency=afterany:AFTER] DIR/NAME: the job id into id.
 * 0, or -1 after error().
 */
int slurm_submit(const char *dir, const char *name, const char *after, char *id,
    size_t sz);
/* This daily_run's absolute path (what a task runs); 0, or -1 after error(). */
int slurm_exe(char *buf, size_t sz);

#endif
