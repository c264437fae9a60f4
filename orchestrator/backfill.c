/*
 * Backfill: one daily_run per desk business day of [from, to], at most j at
 * once, each date's book reading its predecessor's (docs/ORCHESTRATOR.md
 * "Backfill"): a date's run does its date-independent steps at once and waits
 * before CHAIN_STEP (strategies) until the previous date of the backfill has
 * ended (DAILY_CHAIN_WAIT, run.c chain_input).
 */
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "backfill.h"
#include "calendar.h"
#include "date.h"
#include "dbread.h"
#include "die.h"
#include "opts.h"
#include "parse.h"
#include "proc.h"
#include "run.h"

#define EXIT_FAILED	1
#define EXIT_BADUSAGE	2

enum pick { PICK_ALL, PICK_MISSING, PICK_FAILED };
#define XOR_PICK "--only-missing and --rerun-failed exclude each other"

/* The first SIGINT/SIGTERM/SIGHUP: forwarded to the running dates, no new one starts. */
static volatile sig_atomic_t stop_sig;

static void
on_stop(int sig)
{
	if (stop_sig == 0)
		stop_sig = sig;
}

/* SIGCHLD only has to end sigsuspend() in reap(). */
static void
on_child(int sig)
{
	(void)sig;
}

/*
 * The mask backfill_execute() found, which the children get back; the engine runs
 * with SIGCHLD and the stop signals blocked but inside reap()'s sigsuspend().
 */
static sigset_t child_mask;


static _Noreturn void
bad(const char *what, const char *arg)
{
	error("%s%s%s", what, arg ? " " : "", arg ? arg : "");
	usage_exit(BACKFILL_USAGE + 7, EXIT_BADUSAGE);
}

/*
 * The dates' rows: {"2024-01-15": true|false} (true: a SUCCESS row), one
 * query. NULL after error().
 */
static json_t *
row_states(const char *from, const char *to)
{
	const char *v[2] = { from, to };
	char *t = db_json("SELECT coalesce(json_object_agg(run_date, ok), '{}') FROM"
	    " (SELECT run_date, bool_or(status = 'SUCCESS') AS ok FROM pipeline_runs"
	    " WHERE run_date BETWEEN $1::date AND $2::date GROUP BY run_date) AS d",
	    2, v, "cannot read the runs of the dates");
	json_t *j;

	if (t == NULL)
		return NULL;
	j = json_loads(t, 0, NULL);
	free(t);
	if (!json_is_object(j)) {
		json_decref(j);
		error("cannot read the runs of the dates");
		return NULL;
	}
	return j;
}

/* The business days of [a, b] that pick keeps, into *jobs; their count or -1. */
static long
plan(day_t a, day_t b, enum pick pick, struct bf_job **jobs)
{
	char fa[DATE_BUFSZ], fb[DATE_BUFSZ];
	json_t *rows = NULL, *v;
	long n = 0;
	day_t d;

	if (pick != PICK_ALL &&
	    (rows = row_states(date_format(a, fa), date_format(b, fb))) == NULL)
		return -1;
	*jobs = calloc((size_t)(b - a + 1), sizeof(**jobs));
	if (*jobs == NULL)
		die(EXIT_FAILED, "out of memory");
	for (d = a; d <= b; d++) {
		if (!cal_is_bday(CAL_DESK, d))
			continue;
		date_format(d, fa);
		v = json_object_get(rows, fa);
		/* only-missing: no row; rerun-failed: rows, none a success. */
		if ((pick == PICK_MISSING && v != NULL) ||
		    (pick == PICK_FAILED && (v == NULL || json_is_true(v))))
			continue;
		memcpy((*jobs)[n].date, fa, DATE_BUFSZ);
		(*jobs)[n].status = -1;
		n++;
	}
	json_decref(rows);
	return n;
}

static char *
done_file(const char *dir, const char *date)
{
	return xasprintf("%s/%s.done", dir, date);
}

/* The arguments after "daily_run --date D" of each date's run (backfill_execute). */
static const char *const *run_args;
static const char *label = "backfill";

/* Start date k of jobs: daily_run --date D, its output in <dir>/<date>.log. */
static int
start(struct bf_job *jobs, long k, const char *dir)
{
	const char *argv[16] = { "daily_run", "--date", jobs[k].date };
	size_t na = 3;
	char *log = xasprintf("%s/%s.log", dir, jobs[k].date);
	char *wait = k > 0 ? done_file(dir, jobs[k - 1].date) : NULL;
	pid_t pid;
	int fd;

	if ((fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) == -1) {
		error("cannot create '%s':", log);
		free(log);
		free(wait);
		return -1;
	}
	if ((pid = fork()) == 0) {
		sigprocmask(SIG_SETMASK, &child_mask, NULL);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		setenv("DAILY_CHAIN", "1", 1);
		if (wait != NULL)
			setenv("DAILY_CHAIN_WAIT", wait, 1);
		else
			unsetenv("DAILY_CHAIN_WAIT");
		while (run_args != NULL && run_args[na - 3] != NULL && na < 15) {
			argv[na] = run_args[na - 3];
			na++;
		}
		execv("/proc/self/exe", (char *const *)argv);
		fprintf(stderr, "daily_run: cannot run /proc/self/exe: %s\n",
		    strerror(errno));
		_exit(127);
	}
	close(fd);
	free(log);
	free(wait);
	if (pid == -1)
		return error("cannot fork:");
	jobs[k].pid = pid;
	return 0;
}

/* "1:05" */
static void
fmt_eta(char *b, size_t sz, double s)
{
	long t = (long)(s + 0.5);

	snprintf(b, sz, "%ld:%02ld", t / 60, t % 60);
}

static void
progress(long done, long n, long failed, long long t0, int tty)
{
	char eta[32] = "?";

	if (!tty)
		return;
	if (done > 0)
		fmt_eta(eta, sizeof(eta), (double)(mono_ns() - t0) / 1e9 / (double)done *
		    (double)(n - done));
	fprintf(stderr, "\r%s: %ld/%ld done, %ld failed, ETA %s   ", label, done, n,
	    failed, eta);
	fflush(stderr);
}

/* What backfill_execute()'s caller wants done as each date's run ends. */
static void (*on_ended)(const struct bf_job *, void *);
static void *on_ended_arg;

/*
 * Wait for one child and mark its date done (the next date's chain goes on):
 * 1; 0 when a stop signal came first (stopped: 0 or 1, already forwarded);
 * -1 on error. SIGCHLD and the stop signals are blocked but in sigsuspend(), so
 * one that comes between the check and the wait is not lost, and a date is marked
 * done as soon as its run ends (a 20 ms poll put 10 ms on average between dates).
 */
static int
reap(struct bf_job *jobs, long n, const char *dir, int stopped)
{
	int st;
	pid_t pid;
	long k;

	while ((pid = waitpid(-1, &st, WNOHANG)) == 0) {
		if (stop_sig != 0 && !stopped)
			return 0;
		sigsuspend(&child_mask);
	}
	if (pid == -1)
		return errno == EINTR ? 0 : -1;
	/* Only a running date: an ended one's pid may have been reused since. */
	for (k = 0; k < n; k++)
		if (jobs[k].pid == pid && jobs[k].status == -1) {
			char *f = done_file(dir, jobs[k].date);
			int fd;

			if ((fd = open(f, O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) >= 0)
				close(fd);
			free(f);
			jobs[k].status = WIFEXITED(st) ? WEXITSTATUS(st) :
			    128 + WTERMSIG(st);
			if (on_ended != NULL)	/* after the next date was let go on */
				on_ended(&jobs[k], on_ended_arg);
			return 1;
		}
	return 0;
}

/* Forward the stop signal to the running dates once; the rest never start. */
static void
stop_all(struct bf_job *jobs, long n, long *next)
{
	long k;

	for (k = 0; k < n; k++)
		if (jobs[k].pid > 0 && jobs[k].status == -1)
			kill(jobs[k].pid, stop_sig);
	for (k = *next; k < n; k++)
		jobs[k].status = NOT_RUN;
	*next = n;
}

/* The dispositions and the mask backfill_execute() found. */
static void
restore(void)
{
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	sigprocmask(SIG_SETMASK, &child_mask, NULL);
}

int
backfill_execute(struct bf_job *jobs, long n, long j, const char *dir,
    const char *const *args, const char *who,
    void (*ended)(const struct bf_job *job, void *arg), void *arg)
{
	long next = 0, running = 0, done = 0, failed = 0, k;
	long long t0 = mono_ns();
	sigset_t run_mask;
	int tty = isatty(STDERR_FILENO), r, stopped = 0;
	struct sigaction sa;

	run_args = args;
	label = who;
	on_ended = ended;
	on_ended_arg = arg;
	sigemptyset(&run_mask);
	sigaddset(&run_mask, SIGCHLD);
	sigaddset(&run_mask, SIGINT);
	sigaddset(&run_mask, SIGTERM);
	sigaddset(&run_mask, SIGHUP);
	sigprocmask(SIG_BLOCK, &run_mask, &child_mask);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: waitpid() returns EINTR */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_child;
	sigaction(SIGCHLD, &sa, NULL);
	while (done < n) {
		if (stop_sig != 0 && !stopped) {
			stopped = 1;
			done += n - next;
			stop_all(jobs, n, &next);
		}
		while (next < n && running < j) {
			if (start(jobs, next, dir) == -1) {
				/* Its done file lets the next date go on. */
				char *f = done_file(dir, jobs[next].date);
				int fd = open(f, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

				if (fd >= 0)
					close(fd);
				free(f);
				jobs[next].status = EXIT_FAILED;
				done++;
				failed++;
			} else {
				running++;
			}
			next++;
		}
		if (running == 0)
			break;
		if ((r = reap(jobs, n, dir, stopped)) == -1) {
			error("cannot wait for a date's run:");
			restore();
			return -1;
		}
		if (r == 1) {
			running--;
			done++;
			failed = 0;
			for (k = 0; k < n; k++)
				failed += jobs[k].status > 0 || jobs[k].status == NOT_RUN;
			progress(done, n, failed, t0, tty);
		}
	}
	if (tty)
		fputc('\n', stderr);
	restore();
	return 0;
}

static int
summary(const struct bf_job *jobs, long n, const char *dir)
{
	long k, ok = 0;

	for (k = 0; k < n; k++) {
		if (jobs[k].status == 0) {
			ok++;
			continue;
		}
		if (jobs[k].status == NOT_RUN)
			printf("backfill: %s not run (stopped by signal %d)\n",
			    jobs[k].date, (int)stop_sig);
		else
			printf("backfill: %s failed (exit %d): see %s/%s.log\n",
			    jobs[k].date, jobs[k].status, dir, jobs[k].date);
	}
	printf("backfill: %ld date%s, %ld succeeded, %ld failed\n", n,
	    n == 1 ? "" : "s", ok, n - ok);
	return ok == n ? 0 : EXIT_FAILED;
}

int
backfill_main(int argc, char *argv[], const char *vardir)
{
	const char *fa = NULL, *fb = NULL;
	struct bf_job *jobs = NULL;
	day_t a, b;
	long j = 1, n, k;
	int dry = 0, pick = PICK_ALL, rc;
	char *dir;
	const struct opt tab[] = {
		OPT_S("from", 'f', &fa), OPT_S("to", 't', &fb),
		OPT_F("dry-run", 'n', &dry), OPT_JOBS(&j),
		OPT_1("only-missing", 'm', &pick, PICK_MISSING, XOR_PICK),
		OPT_1("rerun-failed", 'r', &pick, PICK_FAILED, XOR_PICK),
		OPT_END
	};

	opts_parse(argc, argv, ":hj:", tab, BACKFILL_USAGE + 7);
	if (optind != argc)
		bad("unexpected argument", argv[optind]);
	if (fa == NULL || fb == NULL)
		bad("backfill needs --from and --to", NULL);
	if (date_parse(fa, &a) == -1)
		bad("invalid date (YYYY-MM-DD):", fa);
	if (date_parse(fb, &b) == -1)
		bad("invalid date (YYYY-MM-DD):", fb);
	if (b < a)
		bad("--to is before --from:", fb);
	if ((n = plan(a, b, (enum pick)pick, &jobs)) == -1)
		return EXIT_FAILED;
	if (dry || n == 0) {
		for (k = 0; k < n; k++)
			printf("backfill: would run %s\n", jobs[k].date);
		printf("backfill: %ld date%s to run\n", n, n == 1 ? "" : "s");
		free(jobs);
		return 0;
	}
	dir = xasprintf("%s/backfill/%s_%s.%ld", vardir, fa, fb, (long)getpid());
	if (mkdirs(dir) == -1) {
		error("cannot create '%s':", dir);
		free(dir);
		free(jobs);
		return EXIT_FAILED;
	}
	rc = backfill_execute(jobs, n, j, dir, NULL, "backfill", NULL, NULL) == 0 ?
	    summary(jobs, n, dir) : EXIT_FAILED;
	free(dir);
	free(jobs);
	return rc;
}

int
backfill_stop_signal(void)
{
	return (int)stop_sig;
}
