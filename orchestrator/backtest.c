/*
 * Backtest: a walk-forward of dry runs over the desk business days of [from, to]
 * (every N-th), each date's book chained from its predecessor's by the backfill
 * engine (backfill.h), in a private state directory under --out DIR; then the
 * NAV, the P&L attributions, turnover and costs, the figures and the tearsheet
 * in DIR (docs/BACKTEST.md).
 */
#define _XOPEN_SOURCE 700	/* nftw */
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "backfill.h"
#include "backtest.h"
#include "config.h"
#include "calendar.h"
#include "date.h"
#include "die.h"
#include "field.h"
#include "instrument.h"
#include "jscan.h"
#include "opts.h"
#include "parse.h"
#include "prov.h"
#include "run.h"
#include "slurm.h"
#include "varbt.h"

#define EXIT_FAILED	1
#define EXIT_BADUSAGE	2
#define EXIT_CONFIG	78
/* The mark of a backtest's own state directory DIR/var. */
#define MARK		".daily_run-backtest"

/* Business days a year, to annualise (docs/BACKTEST.md "Figures"). */
#define DAYS_PER_YEAR	252.0
/* Default half-spreads by instrument kind, bp of the notional traded. */
static const double default_bp[IK_COUNT] = {
	[IK_RATE] = 1.0, [IK_SPREAD] = 2.0, [IK_FX] = 1.5, [IK_EQUITY] = 1.0,
	[IK_COMMODITY] = 2.0, [IK_INFLATION] = 2.0,
};

struct opts {
	const char *from, *to, *config, *costs, *out;
	long every, j;
	int slurm;		/* 1 --slurm-print, 2 --slurm */
	/* A walk split over tasks (docs/BACKTEST.md "Slurm"): --tasks N, and a task's
	 * --part K (date-independent steps) or --chain-parts (the chained part). */
	long tasks, part;
	int chain_parts;
	int prune;		/* --prune: keep only what the figures read */
};

/* What the walk keeps of one date's states. */
struct day {
	char date[DATE_BUFSZ];
	int avail;		/* portfolio.pnl.available */
	double pnl, cost, turnover, gross, net, var95, target_vol;
	json_t *by_pkg, *by_ins;	/* portfolio.pnl's attributions (owned) */
	json_t *trades;		/* [{instrument, from, to, delta}] (owned) */
	json_t *weights;	/* portfolio.weights, the book held (owned) */
};

struct figs {
	double P, ann_ret, ann_vol, sharpe, hit, mdd, cost, turnover;
	long peak, trough, recovery;	/* indices or -1 */
	struct varbt bt;
	int bt_ok;
	size_t nret;
};

static _Noreturn void
bad(const char *what, const char *arg)
{
	error("%s%s%s", what, arg ? " " : "", arg ? arg : "");
	usage_exit(BACKTEST_USAGE + 7, EXIT_BADUSAGE);
}

json_t *
backtest_load_object(const char *file, const char *what)
{
	json_error_t e;
	json_t *j = json_load_file(file, JSON_REJECT_DUPLICATES, &e);

	if (j == NULL) {
		error("%s '%s': line %d: %s", what, file, e.line, e.text);
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		error("%s '%s': not a JSON object", what, file);
		return NULL;
	}
	return j;
}

/* The costs file: {"<instrument id or kind>": half-spread in bp}; NULL after error(). */
static json_t *
load_costs(const char *file)
{
	json_t *c = backtest_load_object(file, "costs file"), *v;
	const char *k;
	size_t i;
	int known;

	if (c == NULL)
		return NULL;
	json_object_foreach(c, k, v) {
		known = instrument_find(k) != NULL;
		for (i = 0; i < IK_COUNT && !known; i++)
			known = strcmp(k, ins_kind_name((enum ins_kind)i)) == 0;
		if (!known || !json_is_number(v) || !(json_number_value(v) >= 0) ||
		    json_number_value(v) > 10000) {
			error("costs file '%s': '%s': %s", file, k, !known ?
			    "not an instrument id nor a kind" :
			    "not a half-spread in bp (0 to 10000)");
			json_decref(c);
			return NULL;
		}
	}
	return c;
}

/* Half-spread of instrument id in bp: the costs file's id, its kind, the default. */
static double
half_spread_bp(const json_t *costs, const char *id)
{
	const struct instrument *in = instrument_find(id);
	json_t *v = json_object_get(costs, id);

	if (v != NULL)
		return json_number_value(v);
	if (in == NULL)
		return 0;
	if ((v = json_object_get(costs, ins_kind_name(in->kind))) != NULL)
		return json_number_value(v);
	return default_bp[in->kind];
}

static int
rm_one(const char *p, const struct stat *sb, int flag, struct FTW *f)
{
	(void)sb;
	(void)f;
	return (flag == FTW_DP ? rmdir(p) : unlink(p)) == -1 && errno != ENOENT ? -1 : 0;
}

/* rm -rf path (our own state directory); 0 or -1. */
static int
rm_tree(const char *path)
{
	if (access(path, F_OK) == -1)
		return 0;
	return nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Every N-th desk business day of [a, b], into *jobs; their count. */
static long
plan(day_t a, day_t b, long every, struct bf_job **jobs)
{
	long n = 0, k = 0;
	day_t d;

	*jobs = calloc((size_t)(b - a + 1), sizeof(**jobs));
	if (*jobs == NULL)
		die(EXIT_FAILED, "out of memory");
	for (d = a; d <= b; d++) {
		if (!cal_is_bday(CAL_DESK, d) || k++ % every != 0)
			continue;
		date_format(d, (*jobs)[n].date);
		(*jobs)[n].status = -1;
		n++;
	}
	return n;
}

static double
num(const json_t *root, const char *path)
{
	json_t *v = field_get(root, path);

	return json_is_number(v) ? json_number_value(v) : NAN;
}

/* The whole file path as a new buffer (its length in *len), or NULL. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = path ? fopen(path, "re") : NULL;
	char *buf = NULL;
	long n;

	if (f != NULL && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL &&
	    fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf != NULL)
		*len = (size_t)n;
	if (f != NULL)
		fclose(f);
	return buf;
}

/*
 * The value at path of an accepted state (daily_run checked it with the scanner),
 * parsed alone: the states are large and the walk keeps only these. New or NULL.
 */
static json_t *
pick(const char *buf, size_t len, const char *path)
{
	size_t off, vlen;

	if (buf == NULL || jscan_find(buf, len, path, &off, &vlen) < 0)
		return NULL;
	return json_loadb(buf + off, vlen, JSON_DECODE_ANY, NULL);
}

static double
pick_num(const char *buf, size_t len, const char *path)
{
	json_t *v = pick(buf, len, path);
	double x = json_is_number(v) ? json_number_value(v) : NAN;

	json_decref(v);
	return x;
}

/* One date's figures from its portfolio and risk states; -1 after error(). */
static int
take_day(struct day *d, const char *rundir)
{
	char *pf = run_file(rundir, "portfolio", ".json");
	char *rf = run_file(rundir, "risk", ".json");
	size_t pl = 0, rl = 0;
	char *p = slurp(pf, &pl), *k = slurp(rf, &rl);
	json_t *av = pick(p, pl, "portfolio.pnl.available");

	free(pf);
	free(rf);
	d->weights = pick(p, pl, "portfolio.weights");
	if (p == NULL || k == NULL || !json_is_object(d->weights)) {
		free(p);
		free(k);
		json_decref(av);
		return error("%s: cannot read the portfolio or risk state in '%s'",
		    d->date, rundir);
	}
	d->avail = json_is_true(av);
	json_decref(av);
	d->pnl = d->avail ? pick_num(p, pl, "portfolio.pnl.total") : 0;
	if (!isfinite(d->pnl))
		d->pnl = 0;
	d->by_pkg = d->avail ? pick(p, pl, "portfolio.pnl.by_package") : NULL;
	d->by_ins = d->avail ? pick(p, pl, "portfolio.pnl.by_instrument") : NULL;
	d->gross = pick_num(p, pl, "portfolio.gross_leverage");
	d->net = pick_num(p, pl, "portfolio.net_leverage");
	d->target_vol = pick_num(p, pl, "portfolio.sizing.target_vol");
	d->var95 = pick_num(k, rl, "risk.var.historical.var_95");
	free(p);
	free(k);
	return 0;
}

static int
key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of objects a and b (either may be NULL), sorted, unique; their count. */
static size_t
union_keys(const json_t *a, const json_t *b, const char ***keys)
{
	size_t n = 0, m = 0, i;
	const char *k;
	json_t *v;

	*keys = calloc(json_object_size(a) + json_object_size(b) + 1, sizeof(**keys));
	if (*keys == NULL)
		die(EXIT_FAILED, "out of memory");
	json_object_foreach((json_t *)a, k, v)
		(*keys)[n++] = k;
	json_object_foreach((json_t *)b, k, v)
		(*keys)[n++] = k;
	qsort(*keys, n, sizeof(**keys), key_cmp);
	for (i = 0; i < n; i++)
		if (m == 0 || strcmp((*keys)[m - 1], (*keys)[i]) != 0)
			(*keys)[m++] = (*keys)[i];
	return m;
}

/*
 * Turnover and costs of date d: every change of the book held (portfolio.weights)
 * from the previous date's (w0, NULL on the first date), at the instrument's
 * half-spread. Not portfolio.trades, which omits changes under min_trade.
 */
static void
turnover(struct day *d, const json_t *w0, const json_t *costs)
{
	const json_t *w1 = d->weights;
	const char **keys;
	size_t n = union_keys(w0, w1, &keys), i;

	d->trades = json_array();
	d->turnover = d->cost = 0;
	for (i = 0; i < n; i++) {
		json_t *a = json_object_get(w0, keys[i]), *b = json_object_get(w1, keys[i]);
		double x0 = json_is_number(a) ? json_number_value(a) : 0;
		double x1 = json_is_number(b) ? json_number_value(b) : 0;
		double hs = half_spread_bp(costs, keys[i]);

		if (x1 == x0)
			continue;
		d->turnover += fabs(x1 - x0);
		d->cost += fabs(x1 - x0) * hs / 1e4;
		json_array_append_new(d->trades, json_pack("{s:s,s:f,s:f,s:f,s:f}",
		    "instrument", keys[i], "from", x0, "to", x1, "delta", x1 - x0,
		    "half_spread_bp", hs));
	}
	free(keys);
}

/* The run directory of a date's successful run in the private state directory. */
static char *
rundir_of(const char *vardir, const char *date)
{
	char *l = xasprintf("%s/runs/success/%s", vardir, date), buf[PATH_MAX];
	ssize_t n = readlink(l, buf, sizeof(buf) - 1);

	free(l);
	if (n <= 3 || strncmp(buf, "../", 3) != 0)
		return NULL;
	buf[n] = '\0';
	return xasprintf("%s/runs/%s", vardir, buf + 3);
}

/* Max drawdown of the NAV path, its peak, trough and recovery (indices or -1). */
static void
drawdown(const double *nav, size_t n, double *dd, struct figs *f)
{
	double peak = 1;
	long pk = -1, i;

	f->mdd = 0;
	f->peak = f->trough = f->recovery = -1;
	for (i = 0; i < (long)n; i++) {
		if (nav[i] > peak) {
			peak = nav[i];
			pk = i;
		}
		dd[i] = 1 - nav[i] / peak;
		if (dd[i] > f->mdd) {
			f->mdd = dd[i];
			f->peak = pk;
			f->trough = i;
		}
	}
	if (f->trough < 0)
		return;
	peak = f->peak >= 0 ? nav[f->peak] : 1;
	for (i = f->trough + 1; i < (long)n; i++)
		if (nav[i] >= peak) {
			f->recovery = i;
			break;
		}
}

/* Mean and sample standard deviation of x[0..n). */
static void
moments(const double *x, size_t n, double *mean, double *sd)
{
	double s = 0, q = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += x[i];
	*mean = n > 0 ? s / (double)n : NAN;
	for (i = 0; i < n; i++)
		q += (x[i] - *mean) * (x[i] - *mean);
	*sd = n > 1 ? sqrt(q / (double)(n - 1)) : NAN;
}

/*
 * The figures (docs/BACKTEST.md "Figures"): the returns are the net P&L of the
 * dates after the first (the first has no held book); the VaR95 of date t-1,
 * scaled by sqrt(every), is the prediction for date t's gross P&L.
 */
static void
figures(const struct day *d, size_t n, long every, const double *nav, double *dd,
    struct figs *f)
{
	double *r = calloc(n + 1, sizeof(*r)), m, sd;
	unsigned char *hit = calloc(n + 1, 1);
	size_t i, nh = 0, up = 0;

	if (r == NULL || hit == NULL)
		die(EXIT_FAILED, "out of memory");
	f->P = DAYS_PER_YEAR / (double)every;
	f->cost = f->turnover = 0;
	f->nret = 0;
	for (i = 0; i < n; i++) {
		f->cost += d[i].cost;
		f->turnover += d[i].turnover;
		if (i == 0)
			continue;
		r[f->nret++] = d[i].pnl - d[i].cost;
		up += d[i].pnl - d[i].cost > 0;
		if (d[i].avail && isfinite(d[i - 1].var95))
			hit[nh++] = d[i].pnl < d[i - 1].var95 * sqrt((double)every);
	}
	moments(r, f->nret, &m, &sd);
	f->ann_ret = m * f->P;
	f->ann_vol = sd * sqrt(f->P);
	f->sharpe = f->ann_vol > 0 ? f->ann_ret / f->ann_vol : NAN;
	f->hit = f->nret > 0 ? (double)up / (double)f->nret : NAN;
	f->bt_ok = nh > 0 && varbt_compute(hit, nh, 0.05, &f->bt) == 0;
	drawdown(nav, n, dd, f);
	free(r);
	free(hit);
}

static json_t *
jnum(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

static json_t *
jdate(const struct day *d, long i)
{
	return i >= 0 ? json_string(d[i].date) : json_null();
}

/* Rolling annualised vol of the net P&L over w dates ending at each date. */
static double
rolling_vol(const struct day *d, size_t i, size_t w, double P)
{
	double x[512], m, sd;
	size_t k;

	if (i < w || w > sizeof(x) / sizeof(x[0]))
		return NAN;
	for (k = 0; k < w; k++)
		x[k] = d[i - k].pnl - d[i - k].cost;
	moments(x, w, &m, &sd);
	return sd * sqrt(P);
}

/* The calendar-year table: [{year, dates, pnl_gross, costs, pnl_net, return}]. */
static json_t *
by_year(const struct day *d, size_t n)
{
	json_t *a = json_array();
	size_t i = 0, k;

	while (i < n) {
		double g = 0, c = 0, net = 0, ret = 1;

		for (k = i; k < n && strncmp(d[k].date, d[i].date, 4) == 0; k++) {
			g += d[k].pnl;
			c += d[k].cost;
			net += d[k].pnl - d[k].cost;
			ret *= 1 + d[k].pnl - d[k].cost;
		}
		json_array_append_new(a, json_pack("{s:s#,s:I,s:o,s:o,s:o,s:o}", "year",
		    d[i].date, 4, "dates", (json_int_t)(k - i), "pnl_gross", jnum(g),
		    "costs", jnum(c), "pnl_net", jnum(net), "return", jnum(ret - 1)));
		i = k;
	}
	return a;
}

static json_t *
series(const struct day *d, size_t n, const double *nav, const double *dd, double P,
    long every)
{
	json_t *s = json_object();
	const char *names[] = { "nav", "pnl_net", "drawdown", "rolling_vol", "target_vol",
		"gross_leverage", "net_leverage" };
	json_t *a[7], *dates = json_array();
	size_t i, k, w = (size_t)(63 / every < 5 ? 5 : 63 / every);

	for (k = 0; k < 7; k++)
		a[k] = json_array();
	for (i = 0; i < n; i++) {
		json_array_append_new(dates, json_string(d[i].date));
		json_array_append_new(a[0], jnum(nav[i]));
		json_array_append_new(a[1], jnum(d[i].pnl - d[i].cost));
		json_array_append_new(a[2], jnum(dd[i]));
		json_array_append_new(a[3], jnum(rolling_vol(d, i, w, P)));
		json_array_append_new(a[4], jnum(d[i].target_vol));
		json_array_append_new(a[5], jnum(d[i].gross));
		json_array_append_new(a[6], jnum(d[i].net));
	}
	json_object_set_new(s, "dates", dates);
	json_object_set_new(s, "rolling_window", json_integer((json_int_t)w));
	for (k = 0; k < 7; k++)
		json_object_set_new(s, names[k], a[k]);
	return s;
}

static json_t *
summary_json(const struct opts *o, const struct day *d, size_t n, const double *nav,
    const double *dd, const struct figs *f)
{
	const struct varbt *b = &f->bt;
	json_t *v = json_pack("{s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
	    "days", (json_int_t)(f->bt_ok ? b->n : 0),
	    "exceptions", (json_int_t)(f->bt_ok ? b->x : 0),
	    "rate", jnum(f->bt_ok ? b->rate : NAN),
	    "kupiec_lr", jnum(f->bt_ok ? b->lr_pof : NAN),
	    "kupiec_p", jnum(f->bt_ok ? b->p_pof : NAN),
	    "christoffersen_lr", jnum(f->bt_ok ? b->lr_ind : NAN),
	    "christoffersen_p", jnum(f->bt_ok ? b->p_ind : NAN),
	    "conditional_coverage_lr", jnum(f->bt_ok ? b->lr_cc : NAN),
	    "conditional_coverage_p", jnum(f->bt_ok ? b->p_cc : NAN));

	return json_pack("{s:s,s:s,s:I,s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:o,"
	    "s:{s:o,s:o,s:o,s:o},s:o,s:o,s:{s:o,s:o},s:{s:o,s:o},s:o,s:o}",
	    "from", o->from, "to", o->to, "every", (json_int_t)o->every,
	    "dates", (json_int_t)n, "returns", (json_int_t)f->nret,
	    "periods_per_year", jnum(f->P),
	    "nav_final", jnum(n > 0 ? nav[n - 1] : NAN),
	    "total_return", jnum(n > 0 ? nav[n - 1] - 1 : NAN),
	    "annualised_return", jnum(f->ann_ret), "annualised_vol", jnum(f->ann_vol),
	    "sharpe", jnum(f->sharpe),
	    "hit_rate", jnum(f->hit),
	    "max_drawdown", "value", jnum(f->mdd), "peak_date", jdate(d, f->peak),
	    "trough_date", jdate(d, f->trough), "recovery_date", jdate(d, f->recovery),
	    "var95", v,
	    "target_vol", jnum(n > 0 ? d[n - 1].target_vol : NAN),
	    "turnover", "total", jnum(f->turnover), "annualised",
	    jnum(n > 0 ? f->turnover / (double)n * f->P : NAN),
	    "costs", "total", jnum(f->cost), "annualised",
	    jnum(n > 0 ? f->cost / (double)n * f->P : NAN),
	    "by_year", by_year(d, n),
	    "series", series(d, n, nav, dd, f->P, o->every));
}

/* A file of DIR written as <name>.tmp, renamed by commit(). */
static FILE *
out_open(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s.tmp", dir, name);
	FILE *f = fopen(p, "we");

	if (f == NULL)
		error("cannot create '%s':", p);
	free(p);
	return f;
}

static int
out_close(FILE *f, const char *dir, const char *name)
{
	if (f == NULL)
		return -1;
	if (ferror(f) | (fclose(f) == EOF))
		return error("cannot write '%s/%s.tmp':", dir, name);
	return 0;
}

/* date,<what>,pnl rows of an attribution object, keys sorted. */
static void
put_attrib(FILE *f, const char *date, const json_t *o)
{
	const char *k, **keys = calloc(json_object_size(o) + 1, sizeof(*keys));
	size_t n = 0, i;
	json_t *v;

	if (keys == NULL)
		die(EXIT_FAILED, "out of memory");
	json_object_foreach((json_t *)o, k, v)
		keys[n++] = k;
	qsort(keys, n, sizeof(*keys), key_cmp);
	for (i = 0; i < n; i++)
		fprintf(f, "%s,%s,%.12g\n", date, keys[i],
		    json_number_value(json_object_get(o, keys[i])));
	free(keys);
}

static const char *const OUTS[] = { "nav.csv", "pnl_by_package.csv",
	"pnl_by_instrument.csv", "pnl_by_year.csv", "turnover.csv", "summary.json" };
#define NOUTS (sizeof(OUTS) / sizeof(OUTS[0]))

static int
write_csvs(const char *dir, const struct day *d, size_t n, const double *nav,
    const json_t *years)
{
	FILE *f[5];
	size_t i, k;
	json_t *t;
	int rc = 0;

	for (k = 0; k < 5; k++)
		if ((f[k] = out_open(dir, OUTS[k])) == NULL)
			rc = -1;
	if (rc == 0) {
		fputs("date,nav,pnl_gross,costs,pnl_net,gross_leverage,net_leverage\n", f[0]);
		fputs("date,package,pnl\n", f[1]);
		fputs("date,instrument,pnl\n", f[2]);
		fputs("year,dates,pnl_gross,costs,pnl_net,return\n", f[3]);
		fputs("date,instrument,from,to,delta,half_spread_bp,cost\n", f[4]);
		for (i = 0; i < n; i++) {
			fprintf(f[0], "%s,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g\n", d[i].date,
			    nav[i], d[i].pnl, d[i].cost, d[i].pnl - d[i].cost, d[i].gross,
			    d[i].net);
			put_attrib(f[1], d[i].date, d[i].by_pkg);
			put_attrib(f[2], d[i].date, d[i].by_ins);
			json_array_foreach(d[i].trades, k, t) {
				double dl = num(t, "delta"), hs = num(t, "half_spread_bp");

				fprintf(f[4], "%s,%s,%.12g,%.12g,%.12g,%.12g,%.12g\n", d[i].date,
				    json_string_value(json_object_get(t, "instrument")),
				    num(t, "from"), num(t, "to"), dl, hs, fabs(dl) * hs / 1e4);
			}
		}
		json_array_foreach(years, i, t)
			fprintf(f[3], "%s,%lld,%.12g,%.12g,%.12g,%.12g\n",
			    json_string_value(json_object_get(t, "year")),
			    (long long)json_integer_value(json_object_get(t, "dates")),
			    num(t, "pnl_gross"), num(t, "costs"), num(t, "pnl_net"),
			    num(t, "return"));
	}
	for (k = 0; k < 5; k++)
		if (f[k] != NULL && out_close(f[k], dir, OUTS[k]) == -1)
			rc = -1;
	return rc;
}

/* step-report --tearsheet < summary.json.tmp > tearsheet.html.tmp */
static int
tearsheet(const char *dir, const char *stepdir)
{
	char *in = xasprintf("%s/summary.json.tmp", dir);
	char *out = xasprintf("%s/tearsheet.html.tmp", dir);
	char *prog = xasprintf("%s/step-report", stepdir);
	int ifd = open(in, O_RDONLY | O_CLOEXEC), ofd = -1, st = -1;
	pid_t pid = -1;

	if (ifd >= 0)
		ofd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (ofd >= 0 && (pid = fork()) == 0) {
		dup2(ifd, STDIN_FILENO);
		dup2(ofd, STDOUT_FILENO);
		execl(prog, "step-report", "--tearsheet", (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
			;
	if (ifd >= 0)
		close(ifd);
	if (ofd >= 0)
		close(ofd);
	if (pid <= 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		error("cannot render the tearsheet with '%s --tearsheet'", prog);
	free(in);
	free(out);
	free(prog);
	return pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

/* Rename every <name>.tmp of DIR into place (after all were written). */
static int
commit(const char *dir)
{
	static const char *const all[] = { "nav.csv", "pnl_by_package.csv",
		"pnl_by_instrument.csv", "pnl_by_year.csv", "turnover.csv", "summary.json",
		"tearsheet.html" };
	size_t k;
	int rc = 0;

	for (k = 0; k < sizeof(all) / sizeof(all[0]); k++) {
		char *t = xasprintf("%s/%s.tmp", dir, all[k]);
		char *p = xasprintf("%s/%s", dir, all[k]);

		if (rename(t, p) == -1)
			rc = error("cannot rename '%s':", t);
		free(t);
		free(p);
	}
	return rc;
}

static void
discard(const char *dir)
{
	size_t k;

	for (k = 0; k <= NOUTS; k++) {
		char *t = xasprintf("%s/%s.tmp", dir, k < NOUTS ? OUTS[k] : "tearsheet.html");

		unlink(t);
		free(t);
	}
}

/* Gather the dates' states and write DIR's files; 0 or -1 after error(). */
static int
gather(const struct opts *o, const struct bf_job *jobs, size_t n, const char *vardir,
    const struct run *r, const json_t *costs)
{
	struct day *d = calloc(n + 1, sizeof(*d));
	double *nav = calloc(n + 1, sizeof(*nav)), *dd = calloc(n + 1, sizeof(*dd));
	struct figs f;
	json_t *sum = NULL;
	size_t i;
	int rc = 0;
	FILE *fp;

	if (d == NULL || nav == NULL || dd == NULL)
		die(EXIT_FAILED, "out of memory");
	for (i = 0; i < n && rc == 0; i++) {
		char *rd = rundir_of(vardir, jobs[i].date);

		memcpy(d[i].date, jobs[i].date, DATE_BUFSZ);
		rc = rd == NULL ? error("%s: no successful run in '%s/runs'", d[i].date,
		    vardir) : take_day(&d[i], rd);
		free(rd);
		if (rc == 0)
			turnover(&d[i], i > 0 ? d[i - 1].weights : NULL, costs);
		nav[i] = (i > 0 ? nav[i - 1] : 1) * (1 + d[i].pnl - d[i].cost);
	}
	if (rc == 0) {
		figures(d, n, o->every, nav, dd, &f);
		sum = summary_json(o, d, n, nav, dd, &f);
		rc = write_csvs(o->out, d, n, nav, json_object_get(sum, "by_year"));
	}
	if (rc == 0 && (fp = out_open(o->out, "summary.json")) != NULL) {
		json_dumpf(sum, fp, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
		    JSON_REAL_PRECISION(12));
		fputc('\n', fp);
		rc = out_close(fp, o->out, "summary.json");
	} else
		rc = -1;
	if (rc == 0)
		rc = tearsheet(o->out, r->stepdir);
	if (rc == 0)
		rc = commit(o->out);
	else
		discard(o->out);
	for (i = 0; i < n; i++) {
		json_decref(d[i].weights);
		json_decref(d[i].by_pkg);
		json_decref(d[i].by_ins);
		json_decref(d[i].trades);
	}
	json_decref(sum);
	free(d);
	free(nav);
	free(dd);
	return rc;
}

/* --tasks, --part and --chain-parts: which go together (docs/BACKTEST.md "Slurm"). */
static void
split_check(const struct opts *o)
{
	if ((o->part != 0) + o->chain_parts + (o->slurm != 0) > 1)
		bad("--part, --chain-parts, --slurm-print and --slurm exclude each other",
		    NULL);
	if (o->part != 0 && o->tasks == 0)
		bad("--part needs --tasks", NULL);
	if (o->part > o->tasks)
		bad("--part is more than --tasks", NULL);
	if (o->tasks != 0 && o->part == 0 && o->slurm == 0)
		bad("--tasks needs --slurm-print, --slurm or --part", NULL);
}

#define XOR_SLURM	"--slurm-print and --slurm exclude each other"

static void
parse(int argc, char *argv[], struct opts *o)
{
	const struct opt tab[] = {
		OPT_S("from", 'f', &o->from), OPT_S("to", 't', &o->to),
		OPT_S("config", 'c', &o->config), OPT_S("costs", 'C', &o->costs),
		OPT_S("out", 'o', &o->out), OPT_JOBS(&o->j),
		OPT_N("every", 'e', &o->every, 1, 1000, "invalid --every (1 to 1000): %s"),
		OPT_N("tasks", 'T', &o->tasks, 1, 1000, "invalid --tasks (1 to 1000): %s"),
		OPT_N("part", 'K', &o->part, 1, 1000, "invalid --part (1 to 1000): %s"),
		OPT_1("slurm-print", 'P', &o->slurm, 1, XOR_SLURM),
		OPT_1("slurm", 'S', &o->slurm, 2, XOR_SLURM),
		OPT_F("chain-parts", 'H', &o->chain_parts),
		OPT_F("prune", 'D', &o->prune),
		OPT_END
	};

	memset(o, 0, sizeof(*o));
	o->every = o->j = 1;
	optind = 1;
	opts_parse(argc, argv, ":hj:", tab, BACKTEST_USAGE + 7);
	if (optind != argc)
		bad("unexpected argument", argv[optind]);
	if (o->from == NULL || o->to == NULL)
		bad("backtest needs --from and --to", NULL);
	split_check(o);
}

/* The private state directory and the environment of the dates' runs. */
static char *
prepare(const struct opts *o)
{
	char *var = xasprintf("%s/var", o->out), *rep = xasprintf("%s/reports", var);
	char *mark = xasprintf("%s/" MARK, var), cfg[PATH_MAX];
	int fd, ok = 0;

	/* Only a directory an earlier backtest made is emptied (its mark file). */
	if (access(var, F_OK) == 0 && access(mark, F_OK) == -1) {
		error("'%s' exists and is not a backtest's state directory: choose "
		    "another --out", var);
	} else if (mkdirs(o->out) == -1 || rm_tree(var) == -1 || mkdirs(var) == -1 ||
	    (fd = open(mark, O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) == -1) {
		error("cannot create '%s':", var);
	} else {
		close(fd);
		ok = 1;
	}
	free(mark);
	/* --config is each date's configuration file, as daily_run --config. */
	if (ok && o->config != NULL && realpath(o->config, cfg) == NULL) {
		error("config file '%s':", o->config);
		ok = 0;
	}
	if (!ok) {
		free(var);
		free(rep);
		return NULL;
	}
	if (o->config != NULL)
		setenv("DAILY_CONFIG", cfg, 1);
	setenv("DAILY_VARDIR", var, 1);
	setenv("DAILY_REPORT_DIR", rep, 1);
	setenv("DAILY_BACKTEST", "1", 1);
	setenv("DAILY_ON_FAILURE", "", 1);
	unsetenv("DAILY_BACKTEST_PART");
	unsetenv("DAILY_BACKTEST_PRE");
	free(rep);
	return var;
}

static int
failed_dates(const struct bf_job *jobs, long n, const char *logdir)
{
	long k, bad_n = 0, not_run = 0;

	for (k = 0; k < n; k++) {
		if (jobs[k].status == 0)
			continue;
		bad_n++;
		if (jobs[k].status == NOT_RUN)
			not_run++;
		else
			printf("backtest: %s failed (exit %d): see %s/%s.log\n",
			    jobs[k].date, jobs[k].status, logdir, jobs[k].date);
	}
	if (not_run > 0)
		printf("backtest: %ld date%s not run (stopped by signal %d)\n", not_run,
		    not_run == 1 ? "" : "s", backfill_stop_signal());
	return (int)bad_n;
}

/* The walk's dates into jobs, their number; usage errors exit 2. */
static long
dates(const struct opts *o, struct bf_job **jobs)
{
	day_t a, b;
	long n;

	if (date_parse(o->from, &a) == -1)
		bad("invalid date (YYYY-MM-DD):", o->from);
	if (date_parse(o->to, &b) == -1)
		bad("invalid date (YYYY-MM-DD):", o->to);
	if (b < a)
		bad("--to is before --from:", o->to);
	n = plan(a, b, o->every, jobs);
	if (n == 0)
		bad("no desk business day in", o->from);
	if (o->tasks > n)
		bad("--tasks is more than the walk's dates", NULL);
	return n;
}

/* Link DIR/pre/dates/<date> to each date's run of a part; 0 or -1 after error(). */
static int
link_dates(const struct bf_job *jobs, long n, const char *var, const char *dates)
{
	long k;
	int rc = 0;

	for (k = 0; k < n && rc == 0; k++) {
		char *rd = rundir_of(var, jobs[k].date);
		char *l = xasprintf("%s/%s", dates, jobs[k].date);

		if (rd == NULL || (unlink(l) == -1 && errno != ENOENT) ||
		    symlink(rd, l) == -1)
			rc = error("cannot link '%s' to the run of %s:", l, jobs[k].date);
		free(rd);
		free(l);
	}
	return rc;
}

/*
 * --part K of --tasks N: the date-independent steps of the K-th of N runs of
 * consecutive dates, in DIR/pre/part-K, each date's run linked as
 * DIR/pre/dates/<date> for --chain-parts (docs/BACKTEST.md "Slurm").
 */
static int
walk_part(const struct opts *o, struct bf_job *jobs, long n)
{
	static const char *const args[] = { "--dry-run", "--quiet", NULL };
	struct opts p = *o;
	long lo = (o->part - 1) * n / o->tasks, m = o->part * n / o->tasks - lo;
	char *dates = xasprintf("%s/pre/dates", o->out), *var, *logdir = NULL;
	char *out = xasprintf("%s/pre/part-%03ld", o->out, o->part);
	int rc = EXIT_FAILED;

	p.out = out;
	if ((var = prepare(&p)) != NULL) {
		setenv("DAILY_BACKTEST_PART", "1", 1);
		logdir = xasprintf("%s/logs", var);
		if (mkdirs(logdir) == -1 || mkdirs(dates) == -1)
			error("cannot create '%s' or '%s':", logdir, dates);
		else if (backfill_execute(jobs + lo, m, o->j, logdir, args, "backtest",
		    NULL, NULL) == 0) {
			if (failed_dates(jobs + lo, m, logdir) > 0)
				printf("backtest: part %ld: not all dates succeeded\n", o->part);
			else if (link_dates(jobs + lo, m, var, dates) == 0) {
				printf("backtest: part %ld of %ld, %ld date%s, states in %s\n",
				    o->part, o->tasks, m, m == 1 ? "" : "s", dates);
				rc = 0;
			}
		}
	}
	free(logdir);
	free(var);
	free(out);
	free(dates);
	return rc;
}

/*
 * A state the walk still reads after the date's run ended: the initial one, the
 * portfolio (the figures, the next date's book) and risk (the figures). Names are
 * NN-<step>.json, looked up by step name (docs/EXTENDING.md).
 */
static int
kept(const char *name)
{
	static const char *const keep[] = { "-initial.json", "-portfolio.json",
		"-risk.json" };
	size_t n = strlen(name), i, k;

	if (n < 5 || strcmp(name + n - 5, ".json") != 0)
		return 1;	/* stderr files, anything else: small, kept */
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (n > (k = strlen(keep[i])) && strcmp(name + n - k, keep[i]) == 0)
			return 1;
	return 0;
}

/*
 * --prune: as a date's run ends successfully, delete its states the walk will not
 * read again (ingest .. aggregate, the chained input, strategies, report): about
 * three quarters of its bytes (docs/BACKTEST.md "Commands"). A failed date keeps all.
 */
static void
prune_date(const struct bf_job *job, void *var)
{
	char *rd;
	DIR *d;
	struct dirent *e;

	if (job->status != 0 || (rd = rundir_of(var, job->date)) == NULL)
		return;
	if ((d = opendir(rd)) != NULL) {
		while ((e = readdir(d)) != NULL)
			if (e->d_name[0] != '.' && !kept(e->d_name) &&
			    unlinkat(dirfd(d), e->d_name, 0) == -1)
				warn("--prune: cannot remove '%s/%s':", rd, e->d_name);
		closedir(d);
	}
	free(rd);
}

/* The dates, each chained, then the outputs. */
static int
walk(struct opts *o, const struct run *r, const json_t *costs)
{
	static const char *const args[] = { "--dry-run", "--quiet", NULL };
	struct bf_job *jobs = NULL;
	long n;
	char *var, *logdir;
	int rc = EXIT_FAILED;

	n = dates(o, &jobs);
	if (o->part != 0) {
		rc = walk_part(o, jobs, n);
		free(jobs);
		return rc;
	}
	if ((var = prepare(o)) == NULL) {
		free(jobs);
		return EXIT_FAILED;
	}
	if (o->chain_parts) {
		char *pre = xasprintf("%s/pre/dates", o->out);

		setenv("DAILY_BACKTEST_PRE", pre, 1);
		free(pre);
	}
	logdir = xasprintf("%s/logs", var);
	if (mkdirs(logdir) == -1)
		error("cannot create '%s':", logdir);
	else if (backfill_execute(jobs, n, o->j, logdir, args, "backtest",
	    o->prune ? prune_date : NULL, var) == 0) {
		if (failed_dates(jobs, n, logdir) > 0)
			printf("backtest: not all dates succeeded: no output written\n");
		else if (gather(o, jobs, (size_t)n, var, r, costs) == 0) {
			printf("backtest: %ld date%s, outputs in %s\n", n, n == 1 ? "" : "s",
			    o->out);
			rc = 0;
		}
	}
	free(logdir);
	free(var);
	free(jobs);
	return rc;
}

/* " --NAME 'absolute path of file'" */
static void
put_file_opt(FILE *f, const char *name, const char *file)
{
	char abs[PATH_MAX];

	if (file == NULL)
		return;
	fprintf(f, " --%s ", name);
	slurm_quote(f, realpath(file, abs) != NULL ? abs : file);
}

/*
 * DIR/NAME, a script of the backtest (docs/BACKTEST.md "Slurm"): backtest.sbatch,
 * the whole walk as one job of -j CPUs (with --tasks, its chained part,
 * --chain-parts), or backtest-parts.sbatch, the array of --tasks tasks of the
 * date-independent steps (--part). 0 or -1 after error().
 */
static int
write_sbatch(const struct opts *o, const char *name)
{
	char exe[PATH_MAX], *path = xasprintf("%s/%s", o->out, name);
	int parts = strcmp(name, "backtest-parts.sbatch") == 0, rc = 0;
	FILE *f;

	if (slurm_exe(exe, sizeof(exe)) == -1 || mkdirs(o->out) == -1 ||
	    (f = fopen(path, "we")) == NULL) {
		rc = error("cannot create '%s':", path);
		free(path);
		return rc;
	}
	fprintf(f, "#!/bin/sh\n#SBATCH --job-name=daily_run-backtest%s\n",
	    parts ? "-parts" : "");
	if (parts)
		fprintf(f, "#SBATCH --array=1-%ld\n", o->tasks);
	else if (o->tasks)	/* a failed part cancels it rather than leave it pending */
		fputs("#SBATCH --kill-on-invalid-dep=yes\n", f);
	fprintf(f, "#SBATCH --cpus-per-task=%ld\n"
	    "#SBATCH --output=%s/slurm-%s.log\n"
	    "# daily_run backtest %s (docs/BACKTEST.md \"Slurm\").\n",
	    o->j, o->out, parts ? "%A_%a" : "%j", parts ?
	    "--part: task k, the date-independent steps of its dates" :
	    o->tasks ? "--chain-parts: the chained part, after the parts" : "as one job");
	slurm_env(f);
	fputs("exec ", f);
	slurm_quote(f, exe);
	fputs(" backtest --from ", f);
	slurm_quote(f, o->from);
	fputs(" --to ", f);
	slurm_quote(f, o->to);
	fprintf(f, " --every %ld -j %ld --out ", o->every, o->j);
	slurm_quote(f, o->out);
	put_file_opt(f, "config", o->config);
	put_file_opt(f, "costs", o->costs);
	if (parts)
		fprintf(f, " --tasks %ld --part \"$SLURM_ARRAY_TASK_ID\"", o->tasks);
	else if (o->tasks)
		fputs(" --chain-parts", f);
	if (o->prune && !parts)	/* a part's states are the chained job's input */
		fputs(" --prune", f);
	fputc('\n', f);
	if (ferror(f) | (fclose(f) == EOF))
		rc = error("cannot write '%s':", path);
	free(path);
	return rc;
}

/*
 * --slurm-print: DIR/backtest.sbatch written and printed (with --tasks,
 * backtest-parts.sbatch first); --slurm: submitted, with --tasks the chained
 * part after the array (afterok).
 */
static int
slurm_job(const struct opts *o)
{
	char id[64];

	if ((o->tasks && write_sbatch(o, "backtest-parts.sbatch") == -1) ||
	    write_sbatch(o, "backtest.sbatch") == -1)
		return EXIT_FAILED;
	if (o->slurm == 1)
		return (o->tasks && slurm_print(o->out, "backtest-parts.sbatch") != 0) ||
		    slurm_print(o->out, "backtest.sbatch") != 0 ? EXIT_FAILED : 0;
	if (!o->tasks) {
		if (slurm_submit(o->out, "backtest.sbatch", NULL, id, sizeof(id)) == -1)
			return EXIT_FAILED;
		printf("backtest: submitted job %s; results in %s\n", id, o->out);
		return 0;
	}
	return slurm_submit_chain(o->out, "backtest-parts.sbatch", "backtest.sbatch",
	    "afterok", "backtest", o->tasks, "chained") == 0 ? 0 : EXIT_FAILED;
}

int
backtest_main(int argc, char *argv[], const struct run *r)
{
	struct opts o;
	json_t *costs = NULL, *cfg;
	const char *cpath;
	char *label, *out = NULL, abs[PATH_MAX];
	int rc;

	parse(argc, argv, &o);
	/* A bad data-source configuration or file: exit 78 before anything runs. */
	if ((label = prov_label(0)) == NULL)
		return EXIT_CONFIG;
	free(label);
	if (o.costs != NULL && (costs = load_costs(o.costs)) == NULL)
		return EXIT_CONFIG;
	/* --config, else DAILY_CONFIG: checked against the table once, here. */
	if ((cfg = config_load(o.config, NULL, &cpath)) == NULL) {
		json_decref(costs);
		return EXIT_CONFIG;
	}
	json_decref(cfg);
	if (costs == NULL)
		costs = json_object();
	if (o.out == NULL)
		o.out = out = xasprintf("%s/backtest/%s_%s", r->vardir, o.from, o.to);
	/* Absolute: the dates' runs and the tearsheet get it through the environment. */
	if (o.out[0] != '/' && getcwd(abs, sizeof(abs)) != NULL) {
		char *a = xasprintf("%s/%s", abs, o.out);

		free(out);
		o.out = out = a;
	}
	if (o.slurm && o.tasks) {
		struct bf_job *jobs = NULL;

		dates(&o, &jobs);	/* --tasks no more than the dates */
		free(jobs);
	}
	rc = o.slurm ? slurm_job(&o) : walk(&o, r, costs);
	json_decref(costs);
	free(out);
	return rc;
}
