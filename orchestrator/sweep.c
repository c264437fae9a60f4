/*
 * Sweep: one backtest per point of the Cartesian product of a grid of
 * configuration values, each in DIR/point-NNN, then DIR/ranking.csv and
 * ranking.md by Sharpe ratio (docs/BACKTEST.md "Sweep").
 */
#define _XOPEN_SOURCE 700	/* realpath */
#include <sys/wait.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "backtest.h"
#include "conf.h"
#include "config.h"
#include "die.h"
#include "field.h"
#include "opts.h"
#include "parse.h"
#include "run.h"
#include "slurm.h"
#include "sweep.h"

#define EXIT_FAILED	1
#define EXIT_BADUSAGE	2
#define EXIT_CONFIG	78
#define MAX_POINTS	10000

enum mode { M_LOCAL, M_PRINT, M_SUBMIT, M_RANK };

struct sopts {
	const char *grid, *from, *to, *every, *config, *costs, *out, *j;
	int mode;		/* enum mode: --slurm-print, --slurm, --rank-only */
	int prune;		/* --prune, passed to each point's backtest */
};

/* The grid: its paths sorted, each with its list of values. */
struct grid {
	size_t nk;
	const char **keys;
	json_t **vals;		/* borrowed from root */
	json_t *root;
	size_t npoints;
};

/* One point's outcome. */
struct point {
	size_t idx;		/* 1-based */
	int status;		/* the backtest's exit status */
	json_t *sum;		/* its summary.json, or NULL */
	double sharpe;
};

static _Noreturn void
bad(const char *what, const char *arg)
{
	error("%s%s%s", what, arg ? " " : "", arg ? arg : "");
	usage_exit(SWEEP_USAGE + 7, EXIT_BADUSAGE);
}

/* "a.b_c.d": dot-separated names of letters, digits, '_' and '-'. */
static int
good_path(const char *p)
{
	int seg = 0;

	for (; *p; p++) {
		if (*p == '.') {
			if (seg == 0)
				return 0;
			seg = 0;
		} else if (isalnum((unsigned char)*p) || *p == '_' || *p == '-') {
			seg++;
		} else {
			return 0;
		}
	}
	return seg > 0;
}

static int
key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Load and check GRID.json; 0 or -1 after error(). */
static int
load_grid(const char *file, struct grid *g)
{
	const char *k;
	json_t *v, *x;
	size_t i, n = 0;

	memset(g, 0, sizeof(*g));
	if ((g->root = backtest_load_object(file, "grid file")) == NULL)
		return -1;
	if (json_object_size(g->root) == 0)
		return error("grid file '%s': no parameter", file);
	g->keys = calloc(json_object_size(g->root), sizeof(*g->keys));
	g->vals = calloc(json_object_size(g->root), sizeof(*g->vals));
	if (g->keys == NULL || g->vals == NULL)
		die(EXIT_FAILED, "out of memory");
	g->npoints = 1;
	json_object_foreach(g->root, k, v) {
		if (!good_path(k))
			return error("grid file '%s': '%s' is not a config path (a.b.c)",
			    file, k);
		if (!json_is_array(v) || json_array_size(v) == 0)
			return error("grid file '%s': '%s' is not a non-empty list of values",
			    file, k);
		json_array_foreach(v, i, x)
			if (json_is_object(x) || json_is_array(x) || json_is_null(x))
				return error("grid file '%s': '%s' value %zu is not a number, "
				    "string or boolean", file, k, i + 1);
		g->npoints *= json_array_size(v);
		if (g->npoints > MAX_POINTS)
			return error("grid file '%s': more than %d points", file, MAX_POINTS);
		g->keys[n++] = k;
	}
	g->nk = n;
	qsort(g->keys, n, sizeof(*g->keys), key_cmp);
	for (i = 0; i < n; i++)
		g->vals[i] = json_object_get(g->root, g->keys[i]);
	return 0;
}

/* Value of key k at point p (0-based; the last key varies fastest). */
static json_t *
point_value(const struct grid *g, size_t p, size_t k)
{
	size_t i, stride = 1;

	for (i = g->nk; i-- > k + 1;)
		stride *= json_array_size(g->vals[i]);
	return json_array_get(g->vals[k], (p / stride) % json_array_size(g->vals[k]));
}

/* config: base merged with the point's values set at their paths. New. */
static json_t *
point_config(const struct grid *g, size_t p, const json_t *base)
{
	json_t *c = base ? json_deep_copy(base) : json_object();
	size_t k;

	for (k = 0; k < g->nk; k++)
		field_set(c, g->keys[k], json_incref(point_value(g, p, k)));
	return c;
}

/* A grid value as a CSV/Markdown cell. New string. */
static char *
cell(const json_t *v)
{
	if (json_is_string(v))
		return xasprintf("%s", json_string_value(v));
	return json_dumps(v, JSON_ENCODE_ANY | JSON_REAL_PRECISION(12));
}

/* Run "daily_run backtest ..." for point p into dir; its exit status. */
static int
run_point(const struct sopts *o, const char *dir, const char *cfg)
{
	const char *argv[20] = { "daily_run", "backtest", "--from", o->from, "--to", o->to,
		"--config", cfg, "--out", dir, "--every", o->every ? o->every : "1",
		"-j", o->j ? o->j : "1" };
	size_t na = 14;
	char *log = xasprintf("%s/backtest.log", dir);
	int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644), st = 0;
	pid_t pid;

	if (o->costs != NULL) {
		argv[na++] = "--costs";
		argv[na++] = o->costs;
	}
	if (o->prune)
		argv[na++] = "--prune";
	free(log);
	if (fd < 0)
		return error("cannot create '%s/backtest.log':", dir), EXIT_FAILED;
	if ((pid = fork()) == 0) {
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		execv("/proc/self/exe", (char *const *)argv);
		_exit(127);
	}
	close(fd);
	if (pid == -1)
		return error("cannot fork:"), EXIT_FAILED;
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static double
fig(const json_t *sum, const char *a, const char *b)
{
	json_t *v = json_object_get(sum, a);

	if (b != NULL)
		v = json_object_get(v, b);
	return json_is_number(v) ? json_number_value(v) : NAN;
}

/* Sharpe descending (NaN and failed points last), then the point's number. */
static int
rank_cmp(const void *pa, const void *pb)
{
	const struct point *a = pa, *b = pb;
	int fa = !isfinite(a->sharpe), fb = !isfinite(b->sharpe);

	if (fa != fb)
		return fa - fb;
	if (!fa && a->sharpe != b->sharpe)
		return a->sharpe > b->sharpe ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static const char *const FIGS[][2] = {
	{ "sharpe", NULL }, { "annualised_return", NULL }, { "annualised_vol", NULL },
	{ "max_drawdown", "value" }, { "hit_rate", NULL }, { "var95", "exceptions" },
	{ "var95", "kupiec_p" }, { "var95", "christoffersen_p" },
	{ "turnover", "total" }, { "costs", "total" }, { "total_return", NULL },
};
static const char *const FIG_NAMES[] = { "sharpe", "annualised_return",
	"annualised_vol", "max_drawdown", "hit_rate", "var95_exceptions", "kupiec_p",
	"christoffersen_p", "turnover", "costs", "total_return" };
#define NFIGS (sizeof(FIG_NAMES) / sizeof(FIG_NAMES[0]))

/* One row: rank, point, the grid values, status, the figures; sep "," or " | ". */
static void
put_row(FILE *f, const struct grid *g, const struct point *p, size_t rank, int md)
{
	const char *sep = md ? " | " : ",";
	size_t k;

	fprintf(f, "%s%zu%spoint-%03zu", md ? "| " : "", rank, sep, p->idx);
	for (k = 0; k < g->nk; k++) {
		char *c = cell(point_value(g, p->idx - 1, k));

		fprintf(f, "%s%s", sep, c ? c : "");
		free(c);
	}
	fprintf(f, "%s%s", sep, p->status == 0 ? "ok" : "failed");
	for (k = 0; k < NFIGS; k++) {
		double x = fig(p->sum, FIGS[k][0], FIGS[k][1]);

		if (isfinite(x))
			fprintf(f, "%s%.6g", sep, x);
		else
			fprintf(f, "%s%s", sep, md ? "n/a" : "");
	}
	fputs(md ? " |\n" : "\n", f);
}

static void
put_head(FILE *f, const struct grid *g, int md)
{
	const char *sep = md ? " | " : ",";
	size_t k, ncol = 3 + g->nk + NFIGS;

	fprintf(f, "%srank%spoint", md ? "| " : "", sep);
	for (k = 0; k < g->nk; k++)
		fprintf(f, "%s%s", sep, g->keys[k]);
	fprintf(f, "%sstatus", sep);
	for (k = 0; k < NFIGS; k++)
		fprintf(f, "%s%s", sep, FIG_NAMES[k]);
	if (!md) {
		fputc('\n', f);
		return;
	}
	fputs(" |\n|", f);
	for (k = 0; k < ncol; k++)
		fputs("---|", f);
	fputc('\n', f);
}

/* ranking.csv and ranking.md, each through a temporary file; 0 or -1. */
static int
write_ranking(const struct sopts *o, const struct grid *g, struct point *pts)
{
	const char *names[2] = { "ranking.csv", "ranking.md" };
	size_t i, md;
	int rc = 0;

	qsort(pts, g->npoints, sizeof(*pts), rank_cmp);
	for (md = 0; md < 2; md++) {
		char *t = xasprintf("%s/%s.tmp", o->out, names[md]);
		char *p = xasprintf("%s/%s", o->out, names[md]);
		FILE *f = fopen(t, "we");

		if (f == NULL) {
			rc = error("cannot create '%s':", t);
		} else {
			if (md)
				fprintf(f, "# Sweep %s to %s: %zu points by Sharpe ratio\n\n",
				    o->from, o->to, g->npoints);
			put_head(f, g, (int)md);
			for (i = 0; i < g->npoints; i++)
				put_row(f, g, &pts[i], i + 1, (int)md);
			if ((ferror(f) | (fclose(f) == EOF)) || rename(t, p) == -1)
				rc = error("cannot write '%s':", p);
		}
		free(t);
		free(p);
	}
	return rc;
}

static void
parse(int argc, char *argv[], struct sopts *o)
{
	const char *xor = "--slurm-print, --slurm and --rank-only exclude each other";
	const struct opt tab[] = {
		OPT_S("grid", 'g', &o->grid), OPT_S("from", 'f', &o->from),
		OPT_S("to", 't', &o->to), OPT_S("config", 'c', &o->config),
		OPT_S("costs", 'C', &o->costs), OPT_S("out", 'o', &o->out),
		OPT_NS("every", 'e', &o->every, 1, 1000, "invalid --every (1 to 1000): %s"),
		OPT_NS(NULL, 'j', &o->j, 1, 64, "invalid -j (1 to 64): %s"),
		OPT_1("slurm-print", 'P', &o->mode, M_PRINT, xor),
		OPT_1("slurm", 'S', &o->mode, M_SUBMIT, xor),
		OPT_1("rank-only", 'R', &o->mode, M_RANK, xor),
		OPT_F("prune", 'D', &o->prune),
		OPT_END
	};

	memset(o, 0, sizeof(*o));
	optind = 1;
	opts_parse(argc, argv, ":hj:", tab, SWEEP_USAGE + 7);
	if (optind != argc)
		bad("unexpected argument", argv[optind]);
	if (o->grid == NULL || o->from == NULL || o->to == NULL)
		bad("sweep needs --grid, --from and --to", NULL);
}

/* Every point's configuration against the table (docs/CONFIG.md); -1 after error(). */
static int
check_points(const struct sopts *o, const struct grid *g, const json_t *base)
{
	char err[512];
	size_t p;
	int rc = 0;

	for (p = 0; p < g->npoints && rc == 0; p++) {
		json_t *cfg = point_config(g, p, base);

		if (conf_check_config(cfg, NULL, 0, err, sizeof(err)) == -1)
			rc = error("grid file '%s': point %zu: %s", o->grid, p + 1, err);
		json_decref(cfg);
	}
	return rc;
}

/* Each point's backtest, in order; the number that failed. */
static size_t
run_points(const struct sopts *o, const struct grid *g, const json_t *base,
    struct point *pts)
{
	size_t p, failed = 0;

	for (p = 0; p < g->npoints; p++) {
		char *dir = xasprintf("%s/point-%03zu", o->out, p + 1);
		char *cf = xasprintf("%s/config.json", dir), *sf;
		json_t *cfg = point_config(g, p, base);

		pts[p].idx = p + 1;
		pts[p].status = EXIT_FAILED;
		sf = xasprintf("%s/summary.json", dir);
		if (o->mode == M_RANK)
			pts[p].status = access(sf, R_OK) == 0 ? 0 : EXIT_FAILED;
		else if (mkdirs(dir) == -1)
			error("cannot create '%s':", dir);
		else if (json_dump_file(cfg, cf, JSON_INDENT(1) | JSON_SORT_KEYS |
		    JSON_REAL_PRECISION(12)) == -1)
			error("cannot write '%s'", cf);
		else
			pts[p].status = o->mode == M_LOCAL ? run_point(o, dir, cf) : 0;
		if (o->mode == M_PRINT || o->mode == M_SUBMIT) {
			failed += pts[p].status != 0;
			goto next;
		}
		pts[p].sum = pts[p].status == 0 ? json_load_file(sf, 0, NULL) : NULL;
		pts[p].sharpe = pts[p].sum ? fig(pts[p].sum, "sharpe", NULL) : NAN;
		if (pts[p].status != 0)
			printf("sweep: point-%03zu failed (exit %d): see %s/backtest.log\n",
			    p + 1, pts[p].status, dir);
		failed += pts[p].status != 0;
next:
		json_decref(cfg);
		free(sf);
		free(cf);
		free(dir);
	}
	return failed;
}

/* DIR/grid.json: what --rank-only reads (the keys and values of each point). */
static int
copy_grid(const struct sopts *o, const struct grid *g)
{
	char *p = xasprintf("%s/grid.json", o->out);
	int rc = json_dump_file(g->root, p, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(17));

	if (rc == -1)
		error("cannot write '%s'", p);
	free(p);
	return rc;
}

/* The options every task repeats: --from, --to, --every, -j, --costs. */
static void
put_common(FILE *f, const struct sopts *o)
{
	fputs(" --from ", f);
	slurm_quote(f, o->from);
	fputs(" --to ", f);
	slurm_quote(f, o->to);
	fprintf(f, " --every %s -j %s", o->every ? o->every : "1", o->j ? o->j : "1");
	if (o->costs != NULL) {
		fputs(" --costs ", f);
		slurm_quote(f, o->costs);
	}
}

/* DIR/sweep.sbatch: the job array, one task per point (docs/BACKTEST.md "Slurm"). */
static void
put_array(FILE *f, const struct sopts *o, const struct grid *g, const char *exe)
{
	fprintf(f, "#!/bin/sh\n"
	    "#SBATCH --job-name=daily_run-sweep\n"
	    "#SBATCH --array=1-%zu\n"
	    "#SBATCH --cpus-per-task=%s\n"
	    "#SBATCH --output=%s/slurm-%%A_%%a.log\n"
	    "# daily_run sweep: task k runs the backtest of DIR/point-k (docs/BACKTEST.md);\n"
	    "# then DIR/rank.sbatch (afterany) writes DIR/ranking.csv and ranking.md.\n",
	    g->npoints, o->j ? o->j : "1", o->out);
	slurm_env(f);
	fputs("p=$(printf '%03d' \"$SLURM_ARRAY_TASK_ID\")\nd=", f);
	slurm_quote(f, o->out);
	fputs("/point-$p\nexec ", f);
	slurm_quote(f, exe);
	fputs(" backtest", f);
	put_common(f, o);
	if (o->prune)
		fputs(" --prune", f);
	fputs(" --config \"$d/config.json\" --out \"$d\" > \"$d/backtest.log\" 2>&1\n", f);
}

/* DIR/rank.sbatch: the ranking once every task has ended. */
static void
put_rank(FILE *f, const struct sopts *o, const char *exe)
{
	fprintf(f, "#!/bin/sh\n"
	    "#SBATCH --job-name=daily_run-sweep-rank\n"
	    "#SBATCH --output=%s/slurm-rank-%%j.log\n", o->out);
	slurm_env(f);
	fputs("d=", f);
	slurm_quote(f, o->out);
	fputs("\nexec ", f);
	slurm_quote(f, exe);
	fputs(" sweep --rank-only --grid \"$d/grid.json\" --out \"$d\"", f);
	put_common(f, o);
	fputc('\n', f);
}

/* Write DIR/name with put(); 0 or -1 after error(). */
static int
write_script(const struct sopts *o, const struct grid *g, const char *exe,
    const char *name)
{
	char *p = xasprintf("%s/%s", o->out, name);
	FILE *f = fopen(p, "we");
	int rc = 0;

	if (f == NULL)
		rc = error("cannot create '%s':", p);
	else {
		if (strcmp(name, "sweep.sbatch") == 0)
			put_array(f, o, g, exe);
		else
			put_rank(f, o, exe);
		if (ferror(f) | (fclose(f) == EOF))
			rc = error("cannot write '%s':", p);
	}
	free(p);
	return rc;
}

/* --slurm-print: the scripts written, the array one printed; --slurm: submitted. */
static int
slurm(const struct sopts *o, const struct grid *g)
{
	char exe[PATH_MAX];

	if (slurm_exe(exe, sizeof(exe)) == -1)
		return EXIT_FAILED;
	if (write_script(o, g, exe, "sweep.sbatch") == -1 ||
	    write_script(o, g, exe, "rank.sbatch") == -1)
		return EXIT_FAILED;
	if (o->mode == M_PRINT)
		return slurm_print(o->out, "sweep.sbatch") == 0 ? 0 : EXIT_FAILED;
	return slurm_submit_chain(o->out, "sweep.sbatch", "rank.sbatch", "afterany",
	    "sweep", (long)g->npoints, "ranking") == 0 ? 0 : EXIT_FAILED;
}

int
sweep_main(int argc, char *argv[], const struct run *r)
{
	struct sopts o;
	struct grid g;
	struct point *pts;
	json_t *base = NULL;
	const char *cfile;
	char *out = NULL, cwd[PATH_MAX], cpath[PATH_MAX];
	size_t failed, p;
	int rc;

	parse(argc, argv, &o);
	/* --config, else DAILY_CONFIG, checked against the table, under each point. */
	if (load_grid(o.grid, &g) == -1 ||
	    (base = config_load(o.config, NULL, &cfile)) == NULL ||
	    check_points(&o, &g, base) == -1) {
		json_decref(base);
		json_decref(g.root);
		free(g.keys);
		free(g.vals);
		return EXIT_CONFIG;
	}
	if (o.out == NULL)
		o.out = out = xasprintf("%s/sweep/%s_%s", r->vardir, o.from, o.to);
	else if (o.out[0] != '/' && getcwd(cwd, sizeof(cwd)) != NULL)
		o.out = out = xasprintf("%s/%s", cwd, o.out);
	/* A task of a Slurm job runs elsewhere: the costs file by its absolute path. */
	if (o.costs != NULL && realpath(o.costs, cpath) != NULL)
		o.costs = cpath;
	if ((pts = calloc(g.npoints, sizeof(*pts))) == NULL)
		die(EXIT_FAILED, "out of memory");
	rc = EXIT_FAILED;
	if (mkdirs(o.out) == -1)
		error("cannot create '%s':", o.out);
	else if (o.mode == M_PRINT || o.mode == M_SUBMIT) {
		if (run_points(&o, &g, base, pts) == 0 && copy_grid(&o, &g) == 0)
			rc = slurm(&o, &g);
	} else {
		failed = run_points(&o, &g, base, pts);
		if (write_ranking(&o, &g, pts) == 0) {
			printf("sweep: %zu point%s, %zu failed; ranking in %s/ranking.md\n",
			    g.npoints, g.npoints == 1 ? "" : "s", failed, o.out);
			rc = failed == 0 ? 0 : EXIT_FAILED;
		}
	}
	for (p = 0; p < g.npoints; p++)
		json_decref(pts[p].sum);
	free(pts);
	json_decref(base);
	json_decref(g.root);
	free(g.keys);
	free(g.vals);
	free(out);
	return rc;
}
