/*
 * Replay a saved run in a scratch directory and, with --verify, compare each
 * output with the saved one (docs/ORCHESTRATOR.md "Replay"). Nothing is
 * written to the run directory, the reports or the database.
 */
#define _XOPEN_SOURCE 700	/* nftw(3) */
#include <sys/stat.h>
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "console.h"
#include "die.h"
#include "opts.h"
#include "proc.h"
#include "replay.h"
#include "run.h"
#include "xalloc.h"
#include "state.h"

#define EXIT_FAILED	1
#define EXIT_BADUSAGE	2

static _Noreturn void
bad(const char *what, const char *arg)
{
	error("%s '%s'", what, arg);
	usage_exit(REPLAY_USAGE + 7, EXIT_BADUSAGE);
}

/* The whole file as a new buffer (NUL added), its length in *len; NULL if missing. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	size_t cap = 0, n;

	*len = 0;
	if (f == NULL)
		return NULL;
	for (;;) {
		if (*len + 65536 + 1 > cap) {
			cap = (*len + 65536 + 1) * 2;
			buf = xreallocarray(buf, cap, 1);	/* dies when out of memory */
		}
		if ((n = fread(buf + *len, 1, 65536, f)) == 0)
			break;
		*len += n;
	}
	fclose(f);
	buf[*len] = '\0';
	return buf;
}

/*
 * The state file of step i (i < 0: 00-initial.json) in the saved run dir src,
 * looked up by the step's name (run_file: its NN may differ from this table's),
 * or NULL; in the scratch run, by its place. New.
 */
static char *
saved(const struct run *r, const char *src, long i)
{
	if (i < 0)
		return xasprintf("%s/00-initial.json", src);
	return run_file(src, r->steps[i].name, ".json");
}

static char *
scratch(const struct run *r, long i)
{
	if (i < 0)
		return xasprintf("%s/00-initial.json", r->rundir);
	return run_step_path(r, (size_t)i, ".json");
}

/*
 * Copy the input of the first replayed step into the scratch directory, its
 * config.report_dir (and report_index_dir, the reports/ it lies in) moved into the
 * scratch (*old_rd, *new_rd: the mapped prefix, both or NULL).
 */
static int
stage_input(struct run *r, const char *src, char **old_rd, char **new_rd)
{
	char *from = saved(r, src, (long)r->first - 1);
	char *to = scratch(r, (long)r->first - 1);
	json_error_t e;
	json_t *st, *cfg, *rd, *ix;
	FILE *f;
	size_t n;
	int rc = -1;

	if (from == NULL || (st = json_load_file(from, JSON_REJECT_DUPLICATES,
	    &e)) == NULL) {
		error("run '%s' has no saved state before step '%s'%s%s", src,
		    r->steps[r->first].name, from ? ": " : "", from ? e.text : "");
		goto out;
	}
	cfg = json_object_get(st, "config");
	rd = json_object_get(cfg, "report_dir");
	ix = json_object_get(cfg, "report_index_dir");
	if (json_is_string(rd) && json_is_string(ix) && (n = strlen(json_string_value(ix))) > 0 &&
	    strncmp(json_string_value(rd), json_string_value(ix), n) == 0 &&
	    json_string_value(rd)[n] == '/') {
		/* daily_run's tree: reports/ holds runs/<id>/; one mapping moves both */
		*old_rd = xasprintf("%s", json_string_value(ix));
		*new_rd = xasprintf("%s/reports", r->rundir);
		json_object_set_new(cfg, "report_dir", json_sprintf("%s%s", *new_rd,
		    json_string_value(rd) + n));
		json_object_set_new(cfg, "report_index_dir", json_string(*new_rd));
	} else if (json_is_string(rd)) {
		json_object_del(cfg, "report_index_dir");
		*old_rd = xasprintf("%s", json_string_value(rd));
		*new_rd = xasprintf("%s/reports", r->rundir);
		json_object_set_new(cfg, "report_dir", json_string(*new_rd));
	}
	if ((f = fopen(to, "we")) == NULL || state_dump(f, st) == -1 ||
	    fputc('\n', f) == EOF || fclose(f) == EOF)
		error("cannot write '%s':", to);
	else
		rc = 0;
	json_decref(st);
out:
	free(from);
	free(to);
	return rc;
}

/* buf with every occurrence of a replaced by b; a new string. */
static char *
replace_all(const char *buf, const char *a, const char *b, size_t *len)
{
	size_t la = strlen(a), lb = strlen(b), n = 0;
	const char *p, *q;
	char *out, *o;

	for (p = buf; (q = strstr(p, a)) != NULL; p = q + la)
		n++;
	out = o = malloc(strlen(buf) + n * (lb > la ? lb - la : 0) + 1);
	if (out == NULL)
		die(EXIT_FAILED, "out of memory");
	for (p = buf; (q = strstr(p, a)) != NULL; p = q + la) {
		memcpy(o, p, (size_t)(q - p));
		o += q - p;
		memcpy(o, b, lb);
		o += lb;
	}
	strcpy(o, p);
	*len = strlen(out);
	return out;
}

/* The first path where a and b differ, into path ("" if equal). */
static int
diff(const json_t *a, const json_t *b, char *path, size_t sz)
{
	size_t n = strlen(path), i;
	const char *k;
	json_t *v;

	if (json_typeof(a) != json_typeof(b))
		return 1;
	if (json_is_object(a)) {
		json_object_foreach((json_t *)a, k, v) {
			snprintf(path + n, sz - n, "%s%s", n ? "." : "", k);
			if (json_object_get(b, k) == NULL ||
			    diff(v, json_object_get(b, k), path, sz))
				return 1;
		}
		json_object_foreach((json_t *)b, k, v) {
			snprintf(path + n, sz - n, "%s%s", n ? "." : "", k);
			if (json_object_get(a, k) == NULL)
				return 1;
		}
		path[n] = '\0';
		return 0;
	}
	if (json_is_array(a)) {
		for (i = 0; i < json_array_size(a) || i < json_array_size(b); i++) {
			snprintf(path + n, sz - n, "[%zu]", i);
			if (i >= json_array_size(a) || i >= json_array_size(b) ||
			    diff(json_array_get(a, i), json_array_get(b, i), path, sz))
				return 1;
		}
		path[n] = '\0';
		return 0;
	}
	return !json_equal((json_t *)a, (json_t *)b);
}

/* Compare step i's replayed output with the saved one. 0 same, -1 after printing why. */
static int
verify_step(const struct run *r, const char *src, size_t i, const char *old_rd,
    const char *new_rd)
{
	char *sp = saved(r, src, (long)i), *rp = scratch(r, (long)i);
	char *sb = NULL, *rb, *mapped = NULL, path[1024] = "";
	size_t sl = 0, rl, ml;
	json_t *a, *b;
	int rc = 0;

	if (sp != NULL)
		sb = slurp(sp, &sl);
	rb = slurp(rp, &rl);
	if (sb == NULL || rb == NULL) {
		printf("verify: step '%s': %s\n", r->steps[i].name, sb == NULL ?
		    "the saved run has no output (it stopped there)" :
		    "the replay has no output");
		rc = -1;
	} else {
		mapped = old_rd ? replace_all(rb, new_rd, old_rd, &ml) : NULL;
		if (mapped == NULL)
			ml = rl;
		if (ml != sl || memcmp(mapped ? mapped : rb, sb, sl) != 0) {
			a = json_loads(sb, 0, NULL);
			b = json_loads(mapped ? mapped : rb, 0, NULL);
			if (a != NULL && b != NULL && diff(a, b, path, sizeof(path)))
				printf("verify: step '%s' differs at %s\n",
				    r->steps[i].name, path[0] ? path : "(top)");
			else
				printf("verify: step '%s' differs in its bytes "
				    "(same JSON value)\n", r->steps[i].name);
			json_decref(a);
			json_decref(b);
			rc = -1;
		}
	}
	free(sp);
	free(rp);
	free(sb);
	free(rb);
	free(mapped);
	return rc;
}

/* A backfill's run: CHAIN_STEP read the chained input; give it the same book. */
static void
read_chain(struct run *r, const char *src)
{
	int p = run_step_index(r, CHAIN_STEP);
	char *f;
	json_t *st;
	const char *prev;

	if (p < 1 || (f = run_file(src, r->steps[p - 1].name,
	    ".chained.json")) == NULL)
		return;
	if ((st = json_load_file(f, 0, NULL)) != NULL) {
		prev = json_string_value(json_object_get(json_object_get(st,
		    "config"), "previous_portfolio_file"));
		r->chained = 1;
		r->chain_prev = xasprintf("%s", prev ? prev : "");
		json_decref(st);
	}
	free(f);
}

/* The saved run's as_of and, for ingest, its catalogue (DAILY_CATALOGUE). */
static int
read_run(struct run *r, const char *src)
{
	char *p = xasprintf("%s/00-initial.json", src), *q;
	json_t *st = json_load_file(p, 0, NULL), *ing;
	const char *d = json_string_value(json_object_get(st, "as_of")), *cat;

	free(p);
	if (d == NULL || strlen(d) != 10) {
		json_decref(st);
		return error("'%s' is not a run directory (no 00-initial.json with "
		    "as_of)", src);
	}
	memcpy(r->as_of, d, DATE_BUFSZ);
	json_decref(st);
	/* The catalogue ingest recorded: the replay reads the same one. */
	q = saved(r, src, 0);
	ing = q != NULL ? json_load_file(q, 0, NULL) : NULL;
	free(q);
	cat = json_string_value(json_object_get(json_object_get(ing, "ingest"),
	    "catalogue"));
	if (cat != NULL && r->first == 0)
		setenv("DAILY_CATALOGUE", cat, 1);
	json_decref(ing);
	read_chain(r, src);
	return 0;
}

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if ((flag == FTW_DP ? rmdir(path) : unlink(path)) == -1)
		return error("cannot remove '%s':", path);
	return 0;
}

static int
rm_scratch(const char *dir)
{
	return nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

static int
run_replay(struct run *r, const char *src, int verify)
{
	char tmpl[4096], *old_rd = NULL, *new_rd = NULL;
	const char *t = getenv("TMPDIR");
	size_t i;
	int rc = 0;

	snprintf(tmpl, sizeof(tmpl), "%s/daily_run-replay.XXXXXX",
	    t != NULL && *t == '/' ? t : "/tmp");
	if (mkdtemp(tmpl) == NULL)
		return error("cannot create a scratch directory '%s':", tmpl);
	r->rundir = xasprintf("%s", tmpl);
	if ((r->res = calloc(r->nsteps, sizeof(*r->res))) == NULL)
		die(EXIT_FAILED, "out of memory");
	for (i = 0; i < r->nsteps; i++)
		r->res[i].code = -1;
	r->failed = -1;
	if (stage_input(r, src, &old_rd, &new_rd) == -1)
		return -1;
	printf("═══ Replay of %s (%s) from %s ═══\n  Scratch: %s\n", r->run_id,
	    r->as_of, r->steps[r->first].name, r->rundir);
	r->t0_ns = mono_ns();
	if (run_steps(r) == -1)
		rc = -1;
	for (i = r->first; verify && i < r->nsteps; i++)
		if (verify_step(r, src, i, old_rd, new_rd) == -1) {
			rc = -1;
			break;
		}
	if (verify && rc == 0) {
		printf("verify: %zu step outputs byte-identical to the saved run%s\n",
		    r->nsteps - r->first, old_rd ? " (report_dir mapped to the "
		    "scratch directory)" : "");
		/* Proven identical: nothing to look at, the scratch goes. */
		if (rm_scratch(r->rundir) == -1)
			rc = -1;
	}
	free(old_rd);
	free(new_rd);
	return rc;
}

int
replay_main(int argc, char *argv[], struct run *r)
{
	const char *from = NULL;
	char *src;
	int verify = 0, rc;
	struct stat sb;
	const struct opt tab[] = {
		OPT_S("from", 'f', &from), OPT_F("verify", 'v', &verify), OPT_END
	};

	opts_parse(argc, argv, ":h", tab, REPLAY_USAGE + 7);
	if (optind + 1 != argc) {
		error("replay needs one RUN_ID");
		usage_exit(REPLAY_USAGE + 7, EXIT_BADUSAGE);
	}
	if (strlen(argv[optind]) != 36 ||
	    strspn(argv[optind], "0123456789abcdef-") != 36)
		bad("not a run id:", argv[optind]);
	if (from != NULL && run_step_index(r, from) < 0)
		bad("unknown step", from);
	r->first = from != NULL ? (size_t)run_step_index(r, from) : 0;
	memcpy(r->run_id, argv[optind], 37);
	src = xasprintf("%s/runs/%s", r->vardir, r->run_id);
	if (stat(src, &sb) == -1) {
		error("no run directory '%s':", src);
		free(src);
		return EXIT_FAILED;
	}
	rc = read_run(r, src) == 0 && run_replay(r, src, verify) == 0 ? 0 :
	    EXIT_FAILED;
	free(src);
	if (fflush(stdout) == EOF)
		rc = EXIT_FAILED;
	return rc;
}
