/*
 * daily_run: run the steps of the daily pipeline (steps/STEPS) for one date,
 * each in its own process group with the state passed through files under
 * $DAILY_VARDIR/runs/<run_id>/, print the report and store one pipeline_runs
 * row (not on --dry-run). "daily_run migrate" applies the database migrations.
 * Exit status: 0 success, 1 the pipeline failed or was aborted or the row
 * could not be written, 2 usage or not a desk business day, 75 another run
 * holds the date's lock, 78 a bad data-source configuration.
 */
#include <sys/prctl.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backfill.h"
#include "backtest.h"
#include "bday.h"
#include "config.h"
#include "console.h"
#include "date.h"
#include "db.h"
#include "dbread.h"
#include "die.h"
#include "dirs.h"
#include "history.h"
#include "lock.h"
#include "machine.h"
#include "opts.h"
#include "parse.h"
#include "proc.h"
#include "replay.h"
#include "prune.h"
#include "prov.h"
#include "row.h"
#include "run.h"
#include "slurm.h"
#include "sweep.h"

#ifndef STEPDIR
#define STEPDIR "bin"
#endif
#ifndef VERSION
#define VERSION "0.0.0"
#endif
/* The state directory of an installed daily_run; empty in the tree (dirs.h). */
#ifndef VARDIR
#define VARDIR ""
#endif
/* The installed configuration file; empty in the tree (docs/CONFIG.md). */
#ifndef CONFIGFILE
#define CONFIGFILE ""
#define CONFIGFILE_SHOWN "none in the tree"
#endif
#ifndef CONFIGFILE_SHOWN
#define CONFIGFILE_SHOWN CONFIGFILE
#endif
#ifndef MIGRATIONDIR
#define MIGRATIONDIR "migrations"
#endif

#define EXIT_FAILED	1
#define EXIT_BADUSAGE	2
#define EXIT_LOCKED	75
#define EXIT_CONFIG	78

#define USAGE "daily_run [--date YYYY-MM-DD] [--allow-holiday] [--dry-run]\n" \
	"          [--step-timeout SECONDS] [--require-real] [--on-failure CMD]\n" \
	"          [--json | --quiet] [--config FILE]\n" \
	"       daily_run migrate\n" CONFIG_USAGE HISTORY_USAGE PRUNE_USAGE REPLAY_USAGE \
	BACKFILL_USAGE BACKTEST_USAGE SWEEP_USAGE
#define HELP "usage: " USAGE "\n" \
	"Run the steps of the daily pipeline (steps/STEPS: ingest ... report) for\n" \
	"one date and store one pipeline_runs row.\n\n" \
	"  --date YYYY-MM-DD       the as-of date, a desk business day (a weekday\n" \
	"                          that is not an ANBIMA holiday); default: the last\n" \
	"                          desk business day on or before today\n" \
	"  --allow-holiday         run a date that is not a desk business day\n" \
	"  --on-failure CMD        after a failed run, run CMD with sh -c, the --json\n" \
	"                          document on stdin and RUN_ID, RUN_DATE, STATUS,\n" \
	"                          FAILED_STEP set (also DAILY_ON_FAILURE; time limit\n" \
	"                          DAILY_HOOK_TIMEOUT seconds, default 60)\n" \
	"  --json                  print one JSON document at the end instead of the\n" \
	"                          console report\n" \
	"  --quiet                 print only failures (the failed step and Summary)\n" \
	"  --require-real          refuse the synthetic default data (also\n" \
	"                          DAILY_REQUIRE_REAL=1): DAILY_CATALOGUE must be set\n" \
	"  --dry-run               run every step but store nothing in the database\n" \
	"  --config FILE           merge the JSON object FILE into the state's config\n" \
	"                          (also DAILY_CONFIG; default " CONFIGFILE_SHOWN "),\n" \
	"                          checked before any step: docs/CONFIG.md\n" \
	"  --step-timeout SECONDS  the deadline of every step (default: per step)\n" \
	"  --help                  print this help and exit\n" \
	"  --version               print the version and exit\n"
/* Two strings: C11 guarantees string literals of 4095 bytes only. */
#define HELP_COMMANDS \
	"  migrate                 apply the pending database migrations\n" \
	"  config                  every configuration key with its value and origin\n" \
	"                          (default, file, environment, command line); --json,\n" \
	"                          --markdown (the table: docs/CONFIG.md). Sections:\n" \
	"                          require_real, catalogue, ingest.*, strategies.<ID>.*,\n" \
	"                          portfolio.*, risk.*, risk.limits.*\n" \
	"  list                    the runs, newest first: --since/--until DATE (run\n" \
	"                          dates), --status STATUS, --limit N (default 20),\n" \
	"                          --json\n" \
	"  show RUN_ID|DATE        one run (a date: its latest), its steps and the\n" \
	"                          failed step's last stderr lines; --json\n" \
	"  prune --keep-days N     remove the run directories and reports older than\n" \
	"                          N days, never a date's last success nor a run a\n" \
	"                          later run reads; --dry-run lists them\n" \
	"  replay RUN_ID           rerun a saved run in a scratch directory (from\n" \
	"                          --from STEP); --verify compares every output\n" \
	"  backfill                one run per desk business day of --from..--to,\n" \
	"                          -j N at once, each book reading the previous\n" \
	"                          date's; --only-missing (dates without a row),\n" \
	"                          --rerun-failed (rows, none a success), --dry-run\n" \
	"                          (list the dates); exit 0 only if all succeeded\n" \
	"  backtest                a dry-run walk-forward over --from..--to (every\n" \
	"                          N-th desk business day), each book chained from\n" \
	"                          the previous; NAV, P&L, costs, figures and a\n" \
	"                          tearsheet in --out DIR (docs/BACKTEST.md)\n" \
	"  sweep                   one backtest per point of --grid GRID.json and\n" \
	"                          DIR/ranking.{csv,md} by Sharpe\n\n"
/* A second string: one would pass the 4095 bytes of -Woverlength-strings. */
#define HELP_ENV \
	"Environment: DAILY_STEPDIR, DAILY_VARDIR (default $XDG_STATE_HOME/daily_run,\n" \
	"else ~/.local/state/daily_run), DAILY_REPORT_DIR (default $DAILY_VARDIR/reports),\n" \
	"DAILY_KILL_GRACE, DATABASE_URL (else PGHOST, PGPORT, PGUSER, PGDATABASE),\n" \
	"DAILY_CONFIG, DAILY_DB_TIMEOUT, DAILY_MIGRATIONS, DAILY_CATALOGUE, DAILY_DATA_ROOT,\n" \
	"DAILY_REQUIRE_REAL, DAILY_ON_FAILURE, DAILY_HOOK_TIMEOUT, DAILY_STDERR_CAP_KB,\n" \
	"DAILY_MAX_STATE_MB, DAILY_STEP_MEMORY_MB, DAILY_LIBPQ, TMPDIR (replay),\n" \
	"NO_COLOR. Exit: 0 success, 1 failed, 2 usage or not a desk business day,\n" \
	"75 locked, 78 configuration (config file, data source, no state directory).\n"

/* --on-failure CMD, else DAILY_ON_FAILURE. */
static const char *on_failure;
/* --config FILE, else DAILY_CONFIG, else CONFIGFILE (config.h). */
static const char *config_arg;

static _Noreturn void
bad_usage(void)
{
	usage_exit(USAGE, EXIT_BADUSAGE);
}

static _Noreturn void
print_exit(const char *s)
{
	if (fputs(s, stdout) == EOF || fflush(stdout) == EOF || ferror(stdout))
		exit(EXIT_FAILED);
	exit(0);
}

static const char *
env_or(const char *name, const char *def)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : def;
}

#define XOR_OUT	"--json and --quiet exclude each other"

/*
 * --step-timeout: seconds (decimals allowed) as ms into *(long long *)to; -1
 * if not. Below 1 ms it would round to 0, which means "the table's" (up to
 * 600 s).
 */
static int
timeout_arg(const char *arg, void *to)
{
	double secs;

	if (parse_double(arg, &secs) == -1 || !(secs >= 0.001) || secs > 86400)
		return -1;
	*(long long *)to = (long long)(secs * 1000 + 0.5);
	return 0;
}

static int
help(const char *arg, void *to)
{
	(void)arg;
	(void)to;
	if (fputs(HELP, stdout) == EOF || fputs(HELP_COMMANDS, stdout) == EOF)
		exit(EXIT_FAILED);
	print_exit(HELP_ENV);
}

static int
version(const char *arg, void *to)
{
	(void)arg;
	(void)to;
	print_exit("daily_run " VERSION "\n");
}

/* Options into r; returns 1 for "migrate". */
static int
parse_args(int argc, char *argv[], struct run *r)
{
	const char *date = NULL;
	int nopt, allow = 0;
	const struct opt tab[] = {
		OPT_S("date", 'd', &date), OPT_F("dry-run", 'n', &r->dry_run),
		OPT_F("allow-holiday", 'H', &allow),
		OPT_F("require-real", 'R', &r->require_real),
		OPT_S("on-failure", 'F', &on_failure), OPT_S("config", 'C', &config_arg),
		OPT_1("json", 'J', &r->out_mode, OUT_JSON, XOR_OUT),
		OPT_1("quiet", 'q', &r->out_mode, OUT_QUIET, XOR_OUT),
		OPT_X("step-timeout", 't', &r->timeout_ms, timeout_arg,
		    "invalid step timeout '%s': expected seconds"),
		OPT_XF("help", 'h', help), OPT_XF("version", 'V', version),
		OPT_END
	};

	/* '+': options stop at "migrate". */
	nopt = opts_parse(argc, argv, "+:hV", tab, USAGE);
	if (optind < argc) {
		const char *next = optind + 1 < argc ? argv[optind + 1] : "";

		if (strcmp(argv[optind], "migrate") != 0)
			error("unknown command '%s'", argv[optind]);
		else if (nopt == 0 && optind + 1 == argc)
			return 1;
		else if (nopt == 0 && optind + 2 == argc &&
		    (strcmp(next, "-h") == 0 || strcmp(next, "--help") == 0))
			print_exit("usage: daily_run migrate\n");
		else
			error("migrate takes no option or argument");
		bad_usage();
	}
	if (bday_pick(date, allow, r->as_of) == -1)
		bad_usage();
	return 0;
}

/* Make sure fds 0, 1 and 2 exist, so no file we open lands on them. */
static void
std_fds(void)
{
	int fd;

	while ((fd = open("/dev/null", O_RDWR)) >= 0 && fd <= 2)
		;
	if (fd > 2)
		close(fd);
}

static long long
grace_ms(void)
{
	const char *g = getenv("DAILY_KILL_GRACE");
	double s;

	if (g == NULL || *g == '\0')
		return 5000;
	if (parse_double(g, &s) == -1 || s < 0 || s > 3600) {
		warn("DAILY_KILL_GRACE '%s' is not a number of seconds, using 5", g);
		return 5000;
	}
	return (long long)(s * 1000 + 0.5);
}

/*
 * Take the date's lock or exit 75 naming the holder. Returns the lock fd.
 * Fixed buffers: nothing is left allocated when die() exits (LSan under SAN=1
 * would otherwise turn exit 75 into 1).
 */
static int
take_lock(const struct run *r)
{
	char dir[PATH_MAX], path[PATH_MAX];
	pid_t holder;
	int fd;

	if (snprintf(dir, sizeof(dir), "%s/locks", r->vardir) >= (int)sizeof(dir) ||
	    snprintf(path, sizeof(path), "%s/%s.lock", dir, r->as_of) >=
	    (int)sizeof(path))
		die(EXIT_FAILED, "DAILY_VARDIR is too long");
	if (mkdirs(dir) == -1)
		die(EXIT_FAILED, "no step ran: cannot create '%s' (set DAILY_VARDIR to "
		    "a writable directory):", dir);
	if ((fd = lock_take(path, &holder)) == -1) {
		if (errno == EAGAIN && holder > 0 && kill(holder, 0) == -1 &&
		    errno == ESRCH)
			die(EXIT_LOCKED, "another run holds '%s' (pid %ld has exited; "
			    "a step it started still runs)", path, (long)holder);
		if (errno == EAGAIN || errno == ESRCH)
			die(EXIT_LOCKED, "another run holds '%s' (pid %ld)", path,
			    (long)holder);
		die(EXIT_FAILED, "cannot lock '%s':", path);
	}
	return fd;
}

/*
 * Before the first step of a non-dry run: config.track_record from the
 * database, or {"error": why} (the risk step says it is unavailable; a database
 * that is down is reported once, by the row's write at the end).
 */
static json_t *
read_track(const struct run *r)
{
	char why[512];
	json_t *t = db_read_track(r->as_of, why, sizeof(why));

	return t != NULL ? t : json_pack("{s:s}", "error", why);
}

/*
 * After the last step: the run row and (a successful run with a track record)
 * the day's track_record row in one transaction, then the success record, so
 * that no success link exists without a row; the console's Summary says the row
 * was lost (docs/ORCHESTRATOR.md "Fail fast"). 0 or -1.
 */
static int
persist(struct run *r)
{
	struct row w;
	struct track_row t;
	const json_t *err = json_object_get(r->track, "error");
	char *text;
	int rc = 0, track;

	text = console_summary_text(r);
	row_init(&w, r, text);
	track = track_row_init(&t, r) == 0;
	/* db_write_run() has said why on one line; the files stay in r->rundir. */
	if (db_write_run(&w, track ? &t : NULL, r->sig_fd, r->grace_ms) == -1) {
		r->row_lost = 1;
		rc = -1;
	} else if (r->failed < 0 && (run_record_success(r) == -1 ||
	    dirs_publish(r) == -1))
		rc = -1;
	else if (r->failed < 0 && !track && json_is_string(err))
		warn("the day's track record row is not stored: the track record could "
		    "not be read before the run: %s", json_string_value(err));
	track_row_release(&t);
	row_release(&w);
	free(text);
	return rc;
}

/* DAILY_HOOK_TIMEOUT: the failure hook's time limit in seconds (default 60). */
static double
hook_timeout(void)
{
	const char *e = getenv("DAILY_HOOK_TIMEOUT");
	double s;

	if (e == NULL || *e == '\0')
		return 60;
	if (parse_double(e, &s) == -1 || !(s > 0) || s > 86400) {
		warn("DAILY_HOOK_TIMEOUT '%s' is not a number of seconds, using 60", e);
		return 60;
	}
	return s;
}

/*
 * The end of a run on stdout (the Summary, nothing, or the JSON document) and
 * the failure hook. rc: the run's exit so far.
 */
static void
report(struct run *r, int rc)
{
	json_t *doc = machine_summary(r);
	const char *cmd = on_failure ? on_failure : getenv("DAILY_ON_FAILURE");

	if (r->out_mode == OUT_JSON) {
		json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
	} else if (r->not_started == NULL && (r->out_mode == OUT_TEXT || rc != 0)) {
		console_summary(stdout, r, r->colour);
	}
	fflush(stdout);
	/* The hook's own failure is said on stderr; the run has failed anyway. */
	if (rc != 0 && cmd != NULL && *cmd != '\0')
		machine_hook(cmd, doc, r, hook_timeout());
	json_decref(doc);
}

/* What running steps needs: subreaper, signals, the table, the directories. */
static void
runner(struct run *r)
{
	/* The orphans of a step (setsid ones too) become our children, so that
	 * none outlives its step (proc.c kill_tree). */
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) == -1)
		die(EXIT_FAILED, "cannot become the steps' subreaper:");
	signal(SIGPIPE, SIG_IGN);	/* a closed terminal must not orphan a step */
	signal(SIGXFSZ, SIG_IGN);	/* nor a file size limit: write() says EFBIG */
	if ((r->sig_fd = proc_signals_init()) == -1)
		die(EXIT_FAILED, "cannot set up signal handling:");
	r->stepdir = env_or("DAILY_STEPDIR", STEPDIR);
	if ((r->vardir = dirs_vardir(VARDIR)) == NULL)
		exit(EXIT_CONFIG);
	r->reportdir = dirs_reportdir(r->vardir);
	r->steps = step_table;		/* steps/STEPS (R4) */
	r->nsteps = step_table_n;
	r->grace_ms = grace_ms();
	r->colour = console_colour(STDOUT_FILENO);
	r->lock_fd = -1;
}

int
main(int argc, char *argv[])
{
	struct run r;
	int lockfd, rc;

	prog_setname("daily_run");
	std_fds();
	memset(&r, 0, sizeof(r));
	if (argc > 1 && strcmp(argv[1], "config") == 0)
		return config_main(argc - 1, argv + 1, CONFIGFILE);
	if (argc > 1 && strcmp(argv[1], "list") == 0)
		return history_list(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "show") == 0)
		return history_show(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "prune") == 0) {
		if ((r.vardir = dirs_vardir(VARDIR)) == NULL)
			return EXIT_CONFIG;
		r.reportdir = dirs_reportdir(r.vardir);
		rc = prune_main(argc - 1, argv + 1, r.vardir, r.reportdir);
		free(r.vardir);
		free(r.reportdir);
		return rc;
	}
	if (argc > 1 && strcmp(argv[1], "backfill") == 0) {
		/* Each date's run reads DAILY_CONFIG: a bad file fails once, here. */
		if ((r.config = config_load(NULL, CONFIGFILE, &config_arg)) == NULL)
			return EXIT_CONFIG;
		json_decref(r.config);
		if ((r.vardir = dirs_vardir(VARDIR)) == NULL)
			return EXIT_CONFIG;
		rc = backfill_main(argc - 1, argv + 1, r.vardir);
		free(r.vardir);
		return rc;
	}
	if (argc > 1 && (strcmp(argv[1], "backtest") == 0 ||
	    strcmp(argv[1], "sweep") == 0)) {
		if ((r.vardir = dirs_vardir(VARDIR)) == NULL)
			return EXIT_CONFIG;
		r.stepdir = env_or("DAILY_STEPDIR", STEPDIR);
		r.steps = step_table;
		r.nsteps = step_table_n;
		rc = argv[1][1] == 'a' ? backtest_main(argc - 1, argv + 1, &r) :
		    sweep_main(argc - 1, argv + 1, &r);
		free(r.vardir);
		return rc;
	}
	if (argc > 1 && strcmp(argv[1], "replay") == 0) {
		runner(&r);
		rc = replay_main(argc - 1, argv + 1, &r);
		run_release(&r);
		free(r.vardir);
		free(r.reportdir);
		close(r.sig_fd);
		return rc;
	}
	if (parse_args(argc, argv, &r) == 1)
		return db_migrate(env_or("DAILY_MIGRATIONS", MIGRATIONDIR)) == 0 ?
		    0 : EXIT_FAILED;
	/* A bad configuration file fails before anything is created (exit 78). */
	if ((r.config = config_load(config_arg, CONFIGFILE, &config_arg)) == NULL)
		exit(EXIT_CONFIG);
	if (json_is_true(json_object_get(r.config, "require_real")))
		r.require_real = 1;
	/* The file's catalogue is the run's unless DAILY_CATALOGUE says otherwise, for
	 * the data source (prov.c) as for step-ingest (docs/CONFIG.md). */
	if (json_is_string(json_object_get(r.config, "catalogue")) &&
	    (getenv("DAILY_CATALOGUE") == NULL || *getenv("DAILY_CATALOGUE") == '\0'))
		setenv("DAILY_CATALOGUE", json_string_value(json_object_get(r.config,
		    "catalogue")), 1);
	runner(&r);
	/* A date of a backfill (backfill.c): the book's chain. */
	if (getenv("DAILY_CHAIN") != NULL) {
		r.chained = 1;
		r.chain_wait = getenv("DAILY_CHAIN_WAIT");
	}
	slurm_date_part(&r);	/* a split backtest's date (docs/BACKTEST.md "Slurm") */
	if (strcmp(env_or("DAILY_REQUIRE_REAL", "0"), "0") != 0)
		r.require_real = 1;
	/* A configuration error before anything is created (exit 78). */
	if ((r.data_source = prov_label(r.require_real)) == NULL)
		exit(EXIT_CONFIG);
	lockfd = r.lock_fd = take_lock(&r);
	/* Fail fast: no step runs when its row could not be stored. */
	if (!r.dry_run && db_ready(env_or("DAILY_MIGRATIONS", MIGRATIONDIR),
	    r.sig_fd) == -1) {
		r.not_started = "no step ran: the database check failed";
		r.failed = -1;
		report(&r, EXIT_FAILED);
		exit(EXIT_FAILED);
	}
	r.t0_ns = mono_ns();
	clock_gettime(CLOCK_REALTIME, &r.wall0);
	if (!r.dry_run)
		r.track = read_track(&r);
	if (run_init(&r) == -1)
		die(EXIT_FAILED, "no step ran: cannot start the run in '%s'", r.vardir);
	if (slurm_date_resume(&r) == -1)
		die(EXIT_FAILED, "no step ran: the date-independent states are missing");
	if (r.out_mode == OUT_TEXT)
		console_header(stdout, &r);
	rc = run_steps(&r) == 0 ? 0 : EXIT_FAILED;
	r.t1_ns = mono_ns();
	clock_gettime(CLOCK_REALTIME, &r.wall1);
	if (!r.dry_run && persist(&r) == -1)
		rc = EXIT_FAILED;
	/* A backtest's date (its private state directory): the next date's chain reads it. */
	if (r.dry_run && r.chained && rc == 0 && getenv("DAILY_BACKTEST") != NULL &&
	    run_record_success(&r) == -1)
		rc = EXIT_FAILED;
	report(&r, rc);
	/* A report nobody could read (> /dev/full, a closed pipe) is a failure. */
	if (fflush(stdout) == EOF || ferror(stdout)) {
		error("cannot write the report to stdout");
		rc = EXIT_FAILED;
	}
	run_release(&r);
	json_decref(r.config);
	free(r.vardir);
	free(r.reportdir);
	close(lockfd);
	close(r.sig_fd);
	return rc;
}
