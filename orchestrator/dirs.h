/*
 * Where a run's files go (docs/ORCHESTRATOR.md "Where files go"): the state
 * directory, the report directory and the per-run report layout
 * <reportdir>/<date>/<run_id>/ with <reportdir>/<date>/latest.
 */
#ifndef DIRS_H
#define DIRS_H

#include "run.h"

/*
 * DAILY_VARDIR, else installed (the compiled-in VARDIR of an installed
 * daily_run: /var/lib/daily_run; empty in the tree), else $XDG_STATE_HOME/daily_run (an absolute one), else
 * $HOME/.local/state/daily_run; absolute (a relative DAILY_VARDIR is taken from
 * the current directory). A new string, or NULL after error() (no HOME).
 */
char *dirs_vardir(const char *installed);
/* DAILY_REPORT_DIR (absolute, as above), else <vardir>/reports. New string. */
char *dirs_reportdir(const char *vardir);
/* Where the report step writes this run's files: <reportdir>/runs/<run_id>. New. */
char *dirs_run_reports(const struct run *r);
/*
 * After a successful run with its row: <reportdir>/<date>/<run_id> links to the
 * run's report files and <reportdir>/<date>/latest to <run_id>. 0 or -1 after error().
 */
int dirs_publish(const struct run *r);

#endif
