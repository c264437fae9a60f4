/* The run loop: each step reads the previous state file and writes its own (R21). */
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "console.h"
#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "jparse.h"
#include "jscan.h"
#include "proc.h"
#include "prov.h"
#include "state.h"
#include "summary.h"
#include "text.h"
#include "track.h"
#include "xalloc.h"
#include "run.h"

/* Bytes of a step's stderr kept in its .stderr file and echoed (DAILY_STDERR_CAP_KB). */
#define STDERR_CAP_KB 1024UL

const char *
step_status_name(enum step_status s)
{
	static const char *const names[] = { "pending", "ok", "failed",
		"timeout", "bad_output", "aborted", "skipped" };

	return names[s];
}

const char *
run_status(const struct run *r)
{
	if (r->failed < 0)
		return "SUCCESS";
	switch (r->res[r->failed].status) {
	case STEP_TIMEOUT:
		return "TIMEOUT";
	case STEP_BAD_OUTPUT:
		return "BAD_OUTPUT";
	case STEP_ABORTED:
		return "ABORTED";
	default:
		return "FAILED";
	}
}

int
run_exit_code(const struct run *r)
{
	return r->failed < 0 ? 0 : r->res[r->failed].code;
}

long long
run_steps_ns(const struct run *r)
{
	long long ns = 0;
	size_t i;

	for (i = 0; i < r->nsteps; i++)
		ns += r->res[i].ns;
	return ns;
}

/*
 * The address-space bound of each step (DAILY_STEP_MEMORY_MB, RLIMIT_AS), in bytes;
 * 0 for none. The default leaves room for the largest state the cap admits; an
 * AddressSanitizer build reserves terabytes of shadow, so it has none by default.
 */
#if defined(__SANITIZE_ADDRESS__)
#define STEP_MEMORY_MB_DEFAULT 0UL
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STEP_MEMORY_MB_DEFAULT 0UL
#endif
#endif
#ifndef STEP_MEMORY_MB_DEFAULT
#define STEP_MEMORY_MB_DEFAULT 8192UL
#endif

/*
 * A size from the environment in units of 1 << shift bytes, both limits read
 * the same way (docs/ORCHESTRATOR.md "Process handling"): unset or empty gives
 * dflt units; anything but a whole number from min to ENV_SIZE_MAX warns, naming
 * the variable and the value, and gives dflt units.
 */
#define ENV_SIZE_MAX 1048576UL
static size_t
env_size(const char *name, unsigned shift, unsigned long min, unsigned long dflt)
{
	const char *e = getenv(name);
	char *end;
	unsigned long n;

	if (e == NULL || *e == '\0')
		return (size_t)dflt << shift;
	errno = 0;
	n = strtoul(e, &end, 10);
	if (errno != 0 || *end != '\0' || !isdigit((unsigned char)*e) ||
	    n < min || n > ENV_SIZE_MAX) {
		warn("%s '%s' is not a whole number from %lu to %lu, using %lu",
		    name, e, min, ENV_SIZE_MAX, dflt);
		return (size_t)dflt << shift;
	}
	return (size_t)n << shift;
}

static char *
prev_path(const struct run *r, size_t i)
{
	if (i == 0)
		return xasprintf("%s/00-initial.json", r->rundir);
	return run_step_path(r, i - 1, ".json");
}

/* Read the whole output file (size bytes) into a new buffer, or NULL with errno. */
static char *
read_output(int fd, size_t size)
{
	char *buf = malloc(size ? size : 1);
	size_t got = 0;
	ssize_t n;

	if (buf == NULL)
		return NULL;
	while (got < size) {
		n = pread(fd, buf + got, size - got, (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			free(buf);
			errno = n < 0 ? errno : EIO;
			return NULL;
		}
		got += (size_t)n;
	}
	return buf;
}

/*
 * A step's output that jscan accepted and its top-level members, listed by the pass
 * that checks it: each path below is then looked for inside its section only, not past
 * the ingest section again (docs/ORCHESTRATOR.md "Process handling").
 */
#define OUT_MEMBERS 64
struct out {
	const char *buf;
	size_t len, n;
	struct jscan_member m[OUT_MEMBERS];
};

/*
 * The last output the scanner accepted in this run: the next output's sections that
 * are byte for byte its own (every step passes those before it through) are not
 * scanned again (common/jscan.h).
 */
static struct {
	char *buf;
	size_t n;
	struct jscan_member m[OUT_MEMBERS];
} seen;

/* o's text (taken) is the one the next output is compared with. */
static void
keep_seen(struct out *o, char *buf)
{
	free(seen.buf);
	seen.buf = buf;
	seen.n = o->n < OUT_MEMBERS ? o->n : OUT_MEMBERS;
	memcpy(seen.m, o->m, seen.n * sizeof(*seen.m));
}

/* The value at path in the output, parsed with jansson; new or NULL. */
static json_t *
extract(const struct out *o, const char *path)
{
	size_t i, klen = strcspn(path, "."), off, vlen;

	if (o->n > OUT_MEMBERS) {	/* more than the table holds: from the start */
		if (jscan_find(o->buf, o->len, path, &off, &vlen) < 0)
			return NULL;
		return json_loadb(o->buf + off, vlen, JSON_DECODE_ANY, NULL);
	}
	for (i = 0; i < o->n; i++)	/* the first of equal keys, as jscan_find */
		if (o->m[i].klen == klen && memcmp(o->buf + o->m[i].key, path, klen) == 0)
			break;
	if (i == o->n)
		return NULL;
	off = o->m[i].off;
	vlen = o->m[i].len;
	if (path[klen] != '\0') {
		if (jscan_find(o->buf + off, vlen, path + klen + 1, &off, &vlen) < 0)
			return NULL;
		off += o->m[i].off;
	}
	return json_loadb(o->buf + off, vlen, JSON_DECODE_ANY, NULL);
}

/* The final state as kept: report.summary and what the track record row reads. */
static json_t *
final_of(json_t *sum, const struct out *o)
{
	static const char *const paths[] = { TRACK_PATHS };
	json_t *f = json_pack("{s:{s:o}}", "report", "summary", sum), *v;
	size_t k;

	for (k = 0; k < sizeof(paths) / sizeof(paths[0]); k++)
		if ((v = extract(o, paths[k])) != NULL)
			field_set(f, paths[k], v);
	return f;
}

/*
 * The data source as ingest recorded it, for the run row (prov.h). Returns 1
 * when --require-real is set and ingest used synthetic series, else 0.
 */
static int
take_source(struct run *r, const struct out *o)
{
	json_t *src = extract(o, "ingest.sources");
	json_t *cat = extract(o, "ingest.catalogue");
	char *label = prov_from_ingest(src, cat);

	if (label != NULL) {
		text_printable(label, 1);
		free(r->data_source);
		r->data_source = label;
	}
	json_decref(src);
	json_decref(cat);
	return r->require_real && r->data_source != NULL &&
	    strncmp(r->data_source, "synthetic", 9) == 0;
}

/*
 * The last output when the scanner could not judge its keys (one holds an escape) or
 * found two equal: parse it with the state decoder (common/jparse.h: it accepts what
 * jansson's JSON_REJECT_DUPLICATES does, about 3 times faster); only when it fails,
 * with jansson, whose message says which key. 0 or -1 with why.
 */
static int
no_duplicates(const char *buf, size_t len, char *why, size_t sz)
{
	json_error_t e;
	json_t *j = jparse(buf, len, why, sz);

	if (j == NULL)
		j = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &e);
	if (j != NULL) {
		json_decref(j);
		return 0;
	}
	snprintf(why, sz, "line %d, column %d: %s", e.line, e.column, e.text);
	return -1;
}

/*
 * Check the output is one JSON object with the validating scanner (common/jscan.h: the
 * grammar, UTF-8 and number ranges, about 20 times faster than building the tree; the
 * next step's reader also rejects duplicate keys), take its detail and the report
 * summary, and rename it into place.
 */
static void
accept_output(struct run *r, size_t i, const char *tmp, int out_fd)
{
	struct step_result *sr = &r->res[i];
	char err[256], path[128], *dst, *buf;
	json_t *d, *sum, *final;
	struct stat sb;
	struct jscan_prev prev;
	struct out o;
	size_t len;
	int rc, last;

	if (fstat(out_fd, &sb) == 0 && (size_t)sb.st_size > state_max_bytes()) {
		sr->status = STEP_BAD_OUTPUT;
		snprintf(sr->reason, sizeof(sr->reason),
		    "output is larger than %zu MiB", state_max_bytes() >> 20);
		return;
	}
	len = (size_t)sb.st_size;
	if ((buf = read_output(out_fd, len)) == NULL) {
		sr->status = STEP_FAILED;
		snprintf(sr->reason, sizeof(sr->reason), "cannot read output: %s",
		    strerror(errno));
		return;
	}
	/*
	 * One pass checks the output and lists its sections. No step reads the last
	 * output: its duplicate keys are looked for here, in the same pass (1: a key with
	 * an escape, 2: a duplicate, jansson says where, unless the grammar fails too).
	 */
	last = i + 1 == r->nsteps;
	prev = (struct jscan_prev){ seen.buf, seen.m, seen.buf != NULL ? seen.n : 0 };
	rc = jscan_object_members(buf, len, last, o.m, OUT_MEMBERS, &o.n, &prev, err,
	    sizeof(err));
	if (rc < 0 && last && strstr(err, "duplicate object key") != NULL)
		rc = jscan_object_members(buf, len, 0, o.m, OUT_MEMBERS, &o.n, &prev, err,
		    sizeof(err)) < 0 ? -1 : 2;
	if (rc < 0) {
		sr->status = STEP_BAD_OUTPUT;
		if (strncmp(err, "top-level", 9) == 0)
			snprintf(sr->reason, sizeof(sr->reason),
			    "output is not a JSON object");
		else
			snprintf(sr->reason, sizeof(sr->reason),
			    "output is not a JSON object: %s", err);
		free(buf);
		return;
	}
	if (rc > 0 && no_duplicates(buf, len, err, sizeof(err)) == -1) {
		sr->status = STEP_BAD_OUTPUT;
		snprintf(sr->reason, sizeof(sr->reason), "bad output: %s", err);
		free(buf);
		return;
	}
	o.buf = buf;
	o.len = len;
	snprintf(path, sizeof(path), "%s.summary.detail", r->steps[i].name);
	d = extract(&o, path);
	/* A step's text reaches the terminal and the row: no escape sequence. */
	if (json_is_string(d) && (sr->detail = strdup(json_string_value(d))) != NULL)
		text_printable(sr->detail, 1);
	json_decref(d);
	sum = extract(&o, "report.summary");
	final = sum != NULL ? final_of(json_incref(sum), &o) : NULL;
	if (strcmp(r->steps[i].name, "ingest") == 0 && take_source(r, &o)) {
		/* --require-real and synthetic series: the output is not accepted. */
		sr->status = STEP_FAILED;
		sr->code = EXIT_CONFIG;
		snprintf(sr->reason, sizeof(sr->reason), "--require-real: ingest "
		    "used synthetic series (%s)", r->data_source);
		json_decref(sum);
		json_decref(final);
		free(buf);
		return;
	}
	keep_seen(&o, buf);
	/* The row stores what was checked here: a summary that does not fit its
	 * columns makes the step's output bad, not the run's row lost. */
	if ((sum != NULL || strcmp(r->steps[i].name, "report") == 0) &&
	    summary_check(sum, err, sizeof(err)) == -1) {
		sr->status = STEP_BAD_OUTPUT;
		snprintf(sr->reason, sizeof(sr->reason), "bad output: %s", err);
		json_decref(sum);
		json_decref(final);
		return;
	}
	json_decref(sum);
	dst = run_step_path(r, i, ".json");
	if (rename(tmp, dst) == -1) {
		sr->status = STEP_FAILED;
		snprintf(sr->reason, sizeof(sr->reason), "cannot rename '%s': %s",
		    tmp, strerror(errno));
		json_decref(final);
	} else {
		sr->status = STEP_OK;
		/* What the summary block, the run row and the track record row read. */
		if (final != NULL) {
			json_decref(r->final);
			r->final = final;
		}
	}
	free(dst);
}

/* Fill the result from a finished process. */
static void
take_proc(struct run *r, size_t i, const struct proc *p, int code)
{
	struct step_result *sr = &r->res[i];

	sr->code = code;
	sr->ns = proc_ns(p);
	sr->maxrss_kb = p->ru.ru_maxrss;
	sr->utime_ms = (long long)p->ru.ru_utime.tv_sec * 1000 +
	    p->ru.ru_utime.tv_usec / 1000;
	sr->stime_ms = (long long)p->ru.ru_stime.tv_sec * 1000 +
	    p->ru.ru_stime.tv_usec / 1000;
	if (WIFSIGNALED(p->wstatus))
		sr->sig = WTERMSIG(p->wstatus);
	if (p->aborted) {
		sr->status = STEP_ABORTED;
		snprintf(sr->reason, sizeof(sr->reason),
		    "aborted: daily_run got signal %d", p->aborted);
	} else if (p->timed_out) {
		sr->status = STEP_TIMEOUT;
		status_describe(sr->reason, sizeof(sr->reason), p);
	} else if (code == (128 + SIGXFSZ) && p->fsize_eff > 0 &&
	    p->fsize_eff < p->fsize_cap) {
		/* A lower ulimit -f that daily_run inherited, not the state cap. */
		sr->status = STEP_FAILED;
		snprintf(sr->reason, sizeof(sr->reason), "killed by signal %d (code "
		    "%d): a file over the file size limit of %llu KiB (ulimit -f)",
		    SIGXFSZ, code, p->fsize_eff >> 10);
	} else if (code == (128 + SIGXFSZ) && p->fsize_cap > 0) {
		sr->status = STEP_BAD_OUTPUT;
		snprintf(sr->reason, sizeof(sr->reason),
		    "output is larger than %zu MiB", p->fsize_cap >> 20);
	} else if (code != 0 && p->mem_cap > 0 && p->said_oom) {
		char how[64];

		sr->status = STEP_FAILED;
		snprintf(sr->reason, sizeof(sr->reason), "out of memory: over the "
		    "step's bound of %zu MiB (DAILY_STEP_MEMORY_MB); %s",
		    p->mem_cap >> 20, status_describe(how, sizeof(how), p));
	} else if (code != 0) {
		sr->status = STEP_FAILED;
		status_describe(sr->reason, sizeof(sr->reason), p);
	}
}

/* Spawn failed before the program ran: 127 not found, 126 cannot execute. */
static void
take_spawn_error(struct run *r, size_t i, const char *path, int e)
{
	struct step_result *sr = &r->res[i];

	sr->status = STEP_FAILED;
	/* ENOENT for a program that exists: its #! interpreter is missing. */
	if (e == ENOENT && access(path, F_OK) == 0) {
		sr->code = EXIT_CANNOTEXEC;
		snprintf(sr->reason, sizeof(sr->reason), "cannot execute %s: its "
		    "interpreter (#!) was not found (code 126)", path);
		return;
	}
	sr->code = e == ENOENT ? EXIT_NOTFOUND : EXIT_CANNOTEXEC;
	if (e == ENOENT)
		snprintf(sr->reason, sizeof(sr->reason),
		    "program not found: %s (code 127)", path);
	else
		snprintf(sr->reason, sizeof(sr->reason),
		    "cannot execute %s: %s (code 126)", path, strerror(e));
}

/* Open the files, run step i, judge its output. */
static void
run_one(struct run *r, size_t i, const char *errp, int in_fd, int out_fd,
    const char *tmp)
{
	struct proc p;
	char *path = xasprintf("%s/step-%s", r->stepdir, r->steps[i].name);
	int code;

	proc_init(&p);
	p.name = r->steps[i].name;
	p.path = path;
	p.in_fd = in_fd;
	p.out_fd = out_fd;
	p.err_path = errp;
	p.echo_fd = STDERR_FILENO;
	p.err_cap = r->err_cap;
	p.timeout_ms = r->timeout_ms > 0 ? r->timeout_ms :
	    (long long)r->steps[i].timeout_s * 1000;
	p.grace_ms = r->grace_ms;
	p.fsize_cap = state_max_bytes();
	p.mem_cap = r->mem_cap;
	p.sig_fd = r->sig_fd;
	p.lock_fd = r->lock_fd;
	if (proc_start(&p) == -1) {
		take_spawn_error(r, i, path, errno);
	} else if ((code = proc_finish(&p)) == -1) {
		r->res[i].status = STEP_FAILED;
		r->res[i].code = EXIT_SOFTWARE;
		snprintf(r->res[i].reason, sizeof(r->res[i].reason),
		    "cannot wait for the step: %s", strerror(errno));
	} else {
		take_proc(r, i, &p, code);
		if (r->res[i].status == STEP_PENDING)
			accept_output(r, i, tmp, out_fd);
	}
	free(path);
}

/*
 * Wait for the file chain_wait; 0, or the stop signal that ended the wait. Woken by
 * inotify when the file is created in its folder, or by a stop signal on sig_fd; the
 * 50 ms timeout still finds it where inotify sees nothing (a file made by another
 * machine on a shared file system, a Slurm chain). Polling alone put 25 ms on
 * average between two dates of a walk, one date after the other (docs/BENCH.md).
 */
static int
chain_wait(const struct run *r)
{
	char *dir = xstrdup(r->chain_wait), *slash = strrchr(dir, '/'), ev[4096];
	int in = inotify_init1(IN_CLOEXEC | IN_NONBLOCK), sig = 0;
	struct pollfd pfd[2];

	if (slash != NULL)
		*(slash == dir ? slash + 1 : slash) = '\0';
	if (in >= 0 && inotify_add_watch(in, slash != NULL ? dir : ".",
	    IN_CREATE | IN_MOVED_TO) == -1) {
		close(in);
		in = -1;
	}
	while (access(r->chain_wait, F_OK) == -1) {
		if ((sig = proc_pending_abort(r->sig_fd)) != 0)
			break;
		pfd[0] = (struct pollfd){ .fd = in, .events = POLLIN };
		pfd[1] = (struct pollfd){ .fd = r->sig_fd, .events = POLLIN };
		if (poll(pfd, 2, 50) > 0 && in >= 0)
			while (read(in, ev, sizeof(ev)) > 0)
				;	/* which file does not matter: access() decides */
	}
	if (in >= 0)
		close(in);
	free(dir);
	return sig;
}

/*
 * The chained input of step i (CHAIN_STEP): its usual input plus
 * config.previous_portfolio_file, as NN-<previous>.chained.json. A new path,
 * or NULL with the step's result failed.
 */
static char *
chain_input(struct run *r, size_t i)
{
	char *in = prev_path(r, i), *out = run_step_path(r, i - 1, ".chained.json");
	char *prev;
	json_t *st, *cfg;
	char err[256];
	FILE *f;
	int sig;

	/* Read before the wait: only the previous portfolio waits for the previous date. */
	st = state_load_file(in, err, sizeof(err));
	if (r->chain_wait != NULL && (sig = chain_wait(r)) != 0) {
		r->res[i].status = STEP_ABORTED;
		r->res[i].code = 128 + sig;
		snprintf(r->res[i].reason, sizeof(r->res[i].reason),
		    "aborted waiting for the previous date: daily_run got signal %d",
		    sig);
		goto fail;
	}
	/* A replay's chain_prev: the saved one ("" for none). */
	if (r->chain_prev != NULL)
		prev = *r->chain_prev ? xasprintf("%s", r->chain_prev) : NULL;
	else
		prev = run_previous_portfolio(r);
	if (st != NULL && json_is_object(cfg = json_object_get(st, "config"))) {
		if (prev != NULL)
			json_object_set_new(cfg, "previous_portfolio_file",
			    json_string(prev));
		if ((f = fopen(out, "we")) != NULL && state_dump(f, st) == 0 &&
		    fputc('\n', f) != EOF && fclose(f) == 0) {
			free(prev);
			json_decref(st);
			free(in);
			return out;
		}
	}
	free(prev);
	r->res[i].status = STEP_FAILED;
	r->res[i].code = EXIT_IOERR;
	snprintf(r->res[i].reason, sizeof(r->res[i].reason),
	    "cannot write the chained input '%s'", out);
fail:
	json_decref(st);
	free(in);
	free(out);
	return NULL;
}

/* Step i with its files; returns 0 when it succeeded. */
static int
run_step(struct run *r, size_t i)
{
	char *in, *tmp;
	char *errp;
	int in_fd, out_fd = -1;

	if (r->chained && i > 0 && strcmp(r->steps[i].name, CHAIN_STEP) == 0) {
		if ((in = chain_input(r, i)) == NULL)
			return -1;
	} else {
		in = prev_path(r, i);
	}
	tmp = run_step_path(r, i, ".json.tmp");
	errp = run_step_path(r, i, ".stderr");
	in_fd = open(in, O_RDONLY | O_CLOEXEC);
	if (in_fd >= 0)
		out_fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out_fd < 0) {
		r->res[i].status = STEP_FAILED;
		r->res[i].code = EXIT_IOERR;
		snprintf(r->res[i].reason, sizeof(r->res[i].reason),
		    "cannot open the step's files in '%s': %s", r->rundir,
		    strerror(errno));
	} else {
		run_one(r, i, errp, in_fd, out_fd, tmp);
	}
	if (in_fd >= 0)
		close(in_fd);
	if (out_fd >= 0)
		close(out_fd);
	free(in);
	free(tmp);
	free(errp);
	return r->res[i].status == STEP_OK ? 0 : -1;
}

int
run_steps(struct run *r)
{
	size_t i;
	int sig;

	/* Read once, so a bad value warns once. 0 MiB: no memory bound. */
	r->err_cap = env_size("DAILY_STDERR_CAP_KB", 10, 1, STDERR_CAP_KB);
	r->mem_cap = env_size("DAILY_STEP_MEMORY_MB", 20, 0, STEP_MEMORY_MB_DEFAULT);
	for (i = r->first; i < r->nsteps; i++) {
		if (r->failed >= 0) {
			r->res[i].status = STEP_SKIPPED;
		} else if ((sig = proc_pending_abort(r->sig_fd)) != 0) {
			r->failed = (int)i;
			r->res[i].status = STEP_ABORTED;
			r->res[i].code = 128 + sig;
			snprintf(r->res[i].reason, sizeof(r->res[i].reason),
			    "aborted before start: daily_run got signal %d", sig);
		} else if (run_step(r, i) == -1) {
			r->failed = (int)i;
			text_printable(r->res[i].reason, 1);	/* a path, a cut */
			error("step '%s': %s after %.3fs", r->steps[i].name,
			    r->res[i].reason, (double)r->res[i].ns / 1e9);
		}
		/* --quiet: only a failed step's line; --json: none (machine.h). */
		if (r->out_mode == 0 || (r->out_mode == 1 && r->failed == (int)i))
			console_step(stdout, r, i);
	}
	free(seen.buf);
	seen.buf = NULL;
	return r->failed < 0 ? 0 : -1;
}
