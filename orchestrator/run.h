/*
 * One pipeline run: the run directory, the initial state, the steps in order
 * and their outcome. Files live in <vardir>/runs/<run_id>/: 00-initial.json,
 * NN-<step>.json (renamed into place after exit 0 and a parse as a JSON
 * object; a rejected output stays as NN-<step>.json.tmp) and NN-<step>.stderr.
 */
#ifndef RUN_H
#define RUN_H

#include <stddef.h>
#include <time.h>
#include <jansson.h>

#include "date.h"

/* The first step that reads config.previous_portfolio_file (docs/STRATEGIES.md). */
#define CHAIN_STEP "strategies"

/* An entry of the step table (R4). */
struct step {
	const char *name;
	unsigned timeout_s;
};

/* The step table, steps/STEPS in run order (orchestrator/steptable.c). */
extern const struct step step_table[];
extern const size_t step_table_n;

enum step_status {
	STEP_PENDING, STEP_OK, STEP_FAILED, STEP_TIMEOUT, STEP_BAD_OUTPUT,
	STEP_ABORTED, STEP_SKIPPED
};

struct step_result {
	enum step_status status;
	int code;		/* exit code, 124, 126, 127 or 128+N; -1 not run */
	int sig;		/* signal that ended the step, or 0 */
	long long ns;		/* wall time, CLOCK_MONOTONIC */
	long maxrss_kb;
	long long utime_ms, stime_ms;
	char reason[320];	/* why it failed, for the console and the row */
	char *detail;		/* <step>.summary.detail, or NULL; owned */
};

struct run {
	/* Set before run_init(). */
	char as_of[DATE_BUFSZ];
	int dry_run;
	int require_real;	/* --require-real: no synthetic default */
	long long timeout_ms;	/* --step-timeout; 0: the table's */
	long long grace_ms;
	const char *stepdir;
	char *vardir, *reportdir;	/* dirs.h; absolute, owned by main */
	const struct step *steps;
	size_t nsteps;
	int sig_fd;
	int lock_fd;		/* the date's lock, handed to each step as fd 3 */
	int colour;
	json_t *track;		/* config.track_record (owned), or NULL (dry run) */
	int out_mode;		/* machine.h OUT_TEXT, OUT_QUIET or OUT_JSON */
	size_t first;		/* replay --from: the steps before it are not run */
	/*
	 * The book's chain (docs/ORCHESTRATOR.md "Backfill"): when chained, the
	 * initial state has no previous_portfolio_file; before CHAIN_STEP, the
	 * first step that reads it, the run waits for the file chain_wait (if
	 * set), then gives that step NN-<previous>.chained.json: its input plus
	 * the key (chain_prev when set, as a replay has it, else the latest
	 * successful earlier run's portfolio).
	 */
	int chained;
	const char *chain_wait;
	char *chain_prev;
	char *data_source;	/* prov.h: from the environment, then ingest's record (owned) */

	/* Set by run_init() and run_steps(). */
	char run_id[37];
	char *rundir;
	struct step_result *res;
	int failed;		/* index of the failed step, or -1 */
	int row_lost;		/* the run row could not be stored */
	size_t err_cap, mem_cap;	/* DAILY_STDERR_CAP_KB, DAILY_STEP_MEMORY_MB in bytes */
	const char *not_started;	/* why no step ran (fail fast), or NULL */
	json_t *final;		/* the last accepted state (new reference) */
	long long t0_ns, t1_ns;	/* CLOCK_MONOTONIC around the whole run */
	struct timespec wall0, wall1;	/* CLOCK_REALTIME, for the row only */
	/* The configuration file's object, checked (config.h), or NULL; owned by main. */
	json_t *config;
};

/* Name of the step status ("ok", "failed", ...). */
const char *step_status_name(enum step_status s);
/* The run's status: SUCCESS, FAILED, TIMEOUT, BAD_OUTPUT or ABORTED. */
const char *run_status(const struct run *r);
/* Exit code of the failed step, or 0. */
int run_exit_code(const struct run *r);

/* Create the run directory and write 00-initial.json; -1 after error(). */
int run_init(struct run *r);
/* Run the steps in order, printing each line; 0 when all succeeded, else -1. */
int run_steps(struct run *r);
/* Index of the step called name in r's table, or -1. */
int run_step_index(const struct run *r, const char *name);
/*
 * The files of a run are named by step: NN-<step><suffix>, NN its place in the
 * table of the run that wrote it. run_step_path: step i's file in this run
 * (new). run_file: the file of the step called step in run directory dir,
 * found by its name whatever NN (a saved run written before a step was
 * inserted), as a new path, or NULL (docs/ORCHESTRATOR.md "Where files go").
 */
char *run_step_path(const struct run *r, size_t i, const char *suffix);
char *run_file(const char *dir, const char *step, const char *suffix);
/* The portfolio of the latest successful run dated before r->as_of, or NULL. New. */
char *run_previous_portfolio(const struct run *r);
/* After a successful non-dry run: point runs/success/<date> at this run. */
int run_record_success(const struct run *r);
/* Sum of the steps' wall times in ns. */
long long run_steps_ns(const struct run *r);
void run_release(struct run *r);

/* mkdir -p; 0 or -1 with errno. */
int mkdirs(const char *path);
/* A new string "fmt..." (dies on allocation failure). */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
