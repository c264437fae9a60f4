/* ingest_compute: every catalogued series, point in time, as the "ingest" section. */
/* realpath(3) is XSI, outside plain _POSIX_C_SOURCE. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "conf.h"
#include "data_catalogue.h"
#include "data_pit.h"
#include "dataset.h"
#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "ingest.h"
#include "instrument.h"
#include "source.h"
#include "state.h"
#include "synth.h"
#include "xalloc.h"

struct cfg {
	int lookback_days, lookback_years, weekly_years;
	uint64_t seed;
};

/* The installed or in-tree catalogue next to this executable, else NULL. */
static char *
default_catalogue(void)
{
	static const char *const rel[] = { "/../data/catalogue.tsv",
		"/../../share/daily_run/data/catalogue.tsv" };
	char exe[PATH_MAX], cand[PATH_MAX + 64], *slash, *real;
	ssize_t n;
	size_t i;

	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) < 0)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) != NULL)
		*slash = '\0';
	for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		snprintf(cand, sizeof(cand), "%s%s", exe, rel[i]);
		if ((real = realpath(cand, NULL)) != NULL)
			return real;
	}
	return NULL;
}

char *
ingest_catalogue_path(const json_t *state)
{
	const char *p = getenv("DAILY_CATALOGUE");
	char *def;

	if (p != NULL && *p != '\0')
		return xstrdup(p);
	if ((p = conf_str(state, "catalogue")) != NULL)
		return xstrdup(p);
	if ((def = default_catalogue()) == NULL)
		die(EXIT_CONFIG, "no catalogue: set DAILY_CATALOGUE or config.catalogue");
	return def;
}

static void
read_cfg(const json_t *state, struct cfg *c)
{
	/* Defaults and ranges: common/conf_keys.c (docs/CONFIG.md). */
	c->lookback_days = (int)conf_int(state, "ingest.lookback_days");
	c->lookback_years = (int)conf_int(state, "ingest.lookback_years");
	c->weekly_years = (int)conf_int(state, "ingest.lookback_weekly_years");
	c->seed = (uint64_t)conf_int(state, "ingest.seed");
}

/* DAILY_DATA_ROOT, else the catalogue's data_root directive, else its directory. */
static char *
data_root(const struct catalogue *cat)
{
	const char *env = getenv("DAILY_DATA_ROOT"), *slash;

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	if (cat->data_root != NULL)
		return xstrdup(cat->data_root);
	if ((slash = strrchr(cat->path, '/')) == NULL)
		return xstrdup(".");
	return strndup(cat->path, (size_t)(slash - cat->path));
}

static int
cmp_id(const void *a, const void *b)
{
	return strcmp(((const struct series *)a)->id, ((const struct series *)b)->id);
}

/* Row e's file= argument, else its source kind, into buf (n bytes). */
static void
source_name(const struct cat_entry *e, char *buf, size_t n)
{
	if (cat_arg(e, "file", buf, n) < 0)
		snprintf(buf, n, "%s", e->source);
}

/* The sources used: the generator once, each file once, rows counted. New. */
static json_t *
sources_json(const struct catalogue *cat, uint64_t seed)
{
	json_t *arr = json_array(), *o;
	char (*file)[256] = xcalloc(cat->n ? cat->n : 1, sizeof(*file));
	size_t i, j, n;

	/* Each row's name once: the pairs below compare them n^2 / 2 times. */
	for (i = 0; i < cat->n; i++)
		source_name(&cat->e[i], file[i], sizeof(file[i]));
	for (i = 0; i < cat->n; i++) {
		const struct cat_entry *e = &cat->e[i];

		for (j = 0, n = 0; j < cat->n; j++) {
			if (strcmp(cat->e[j].source, e->source) != 0 || strcmp(file[i], file[j]))
				continue;
			if (j < i)
				break;
			n++;
		}
		if (j < cat->n && j < i)
			continue;
		o = json_object();
		json_object_set_new(o, "name", json_string(file[i]));
		json_object_set_new(o, "kind", json_string(e->source));
		if (strcmp(e->source, "synthetic") == 0)
			json_object_set_new(o, "seed", json_integer((json_int_t)seed));
		json_object_set_new(o, "series", json_integer((json_int_t)n));
		json_array_append_new(arr, o);
	}
	free(file);
	return arr;
}

/* Instrument ids whose series are all present. New. */
static json_t *
instruments_json(struct series *ser, size_t n, day_t as_of)
{
	struct dataset ds = { as_of, n, ser };
	json_t *arr = json_array();
	size_t i;

	qsort(ser, n, sizeof(*ser), cmp_id);
	for (i = 0; i < n_instruments; i++)
		if (instrument_available(&ds, &instruments[i]))
			json_array_append_new(arr, json_string(instruments[i].id));
	return arr;
}

/*
 * A daily series starts at its last published level on or before the window's
 * first day (at most 10 calendar days earlier, the carry of common/instrument.c):
 * when that day is a holiday of the series, the first of the risk window's 756
 * returns still has its starting level (docs/RISK.md, "Interaction with ingest").
 */
static day_t
daily_start(const struct obs *o, const struct cat_entry *e, day_t start, day_t as_of)
{
	size_t i;

	/* The latest qualifying date on or before start: walk back from it. */
	for (i = ingest_lower(o, start + 1); i > 0 && start - o->d[i - 1] <= 10; i--)
		if (!isnan(o->v[i - 1]) &&
		    pit_published(e->freq, e->lag, o->d[i - 1]) <= as_of)
			return o->d[i - 1];
	return start;
}

/* Load, merge and window every id; returns the number of non-empty series. */
static size_t
load_all(const struct catalogue *cat, struct src_ctx *src, const struct cfg *cfg,
    day_t as_of, struct series *ser, day_t *first)
{
	size_t i, j, n = 0;
	day_t start;

	for (i = 0; i < cat->n; i++) {
		const struct cat_entry *e = &cat->e[i];
		struct obs o = { 0 };
		int len = e->freq == 'D' ? cfg->lookback_days : e->freq == 'W' ?
		    cfg->weekly_years : cfg->lookback_years;

		if (!catalogue_first_row(cat, i))
			continue;
		for (j = i; j < cat->n; j++)
			if (strcmp(cat->e[j].id, e->id) == 0)
				src_load(src, cat, &cat->e[j], &o);
		ingest_merge(&o);
		if (o.n > 0 && o.d[0] < *first)
			*first = o.d[0];
		start = pit_window_start(e->freq, as_of, len);
		if (e->freq == 'D')
			start = daily_start(&o, e, start, as_of);
		ingest_window(&o, e, start, as_of, &ser[n]);
		obs_release(&o);
		if (ser[n].n == 0)
			series_release(&ser[n]);
		else
			n++;
	}
	return n;
}

/* 1 when s is a daily series on exactly cal's dates. */
static int
same_dates(const struct series *s, const struct series *cal)
{
	return s->freq == 'D' && s->n == cal->n &&
	    memcmp(s->dates, cal->dates, s->n * sizeof(*s->dates)) == 0;
}

/*
 * The calendar most daily series share (docs/STATE.md "ingest.calendars"): the dates of
 * the daily series that the most others match, so that they are written once instead
 * of once per series (more than half of an ingest state otherwise). NULL if none.
 */
static const struct series *
daily_calendar(const struct series *ser, size_t n)
{
	const struct series *best = NULL;
	size_t i, j, c, bestc = 1;

	for (i = 0; i < n; i++) {
		if (ser[i].freq != 'D' || (best != NULL && same_dates(&ser[i], best)))
			continue;
		for (c = 0, j = 0; j < n; j++)
			c += (size_t)same_dates(&ser[j], &ser[i]);
		if (c > bestc) {
			bestc = c;
			best = &ser[i];
		}
	}
	return best;
}

static json_t *
section(const struct catalogue *cat, struct series *ser, size_t n, day_t as_of,
    uint64_t seed)
{
	json_t *ing = json_object(), *series = json_object(), *sum = json_object();
	char buf[DATE_BUFSZ], detail[96];
	size_t i, nobs = 0, shared = 0;
	const struct series *cal = daily_calendar(ser, n);

	for (i = 0; i < n; i++) {
		const struct cat_entry *e = catalogue_find(cat, ser[i].id);

		if (cal != NULL && same_dates(&ser[i], cal)) {
			json_object_set_new(series, ser[i].id,
			    series_to_json_cal(&ser[i], e->dec, "D"));
			shared++;
		} else
			json_object_set_new(series, ser[i].id, series_to_json(&ser[i], e->dec));
		nobs += ser[i].n;
	}
	if (shared > 0)
		json_object_set_new(ing, "calendars", json_pack("{s:o}", "D",
		    series_dates_json(cal)));
	json_object_set_new(ing, "as_of", json_string(date_format(as_of, buf)));
	json_object_set_new(ing, "series", series);
	json_object_set_new(ing, "instruments", instruments_json(ser, n, as_of));
	json_object_set_new(ing, "sources", sources_json(cat, seed));
	json_object_set_new(ing, "catalogue", json_string(cat->path));
	snprintf(detail, sizeof(detail), "%zu series, %zu observations", n, nobs);
	json_object_set_new(sum, "series", json_integer((json_int_t)n));
	json_object_set_new(sum, "observations", json_integer((json_int_t)nobs));
	json_object_set_new(sum, "detail", json_string(detail));
	json_object_set_new(ing, "summary", sum);
	return ing;
}

json_t *
ingest_compute(const json_t *state)
{
	day_t as_of = state_as_of(state), first = INT32_MAX;
	char *path, *root, err[CAT_ERRSZ], b1[DATE_BUFSZ], b2[DATE_BUFSZ];
	struct catalogue cat;
	struct src_ctx src;
	struct series *ser;
	struct cfg cfg;
	size_t i, n;
	int rc, saved;
	json_t *ing;

	read_cfg(state, &cfg);
	path = ingest_catalogue_path(state);
	rc = catalogue_load(&cat, path, err);
	saved = errno;
	free(path);
	if (rc < 0) {
		catalogue_release(&cat);	/* LSan sees no leak on the way out */
		die(saved == EINVAL ? EXIT_CONFIG : EXIT_IOERR, "%s", err);
	}
	for (i = 0; i < cat.n; i++)
		src_check(&cat, &cat.e[i]);
	root = data_root(&cat);
	src_init(&src, cfg.seed, as_of < synth_first() ? synth_first() : as_of, root);
	ser = xcalloc(cat.n, sizeof(*ser));
	n = load_all(&cat, &src, &cfg, as_of, ser, &first);
	if (first == INT32_MAX)
		die(EXIT_DATAERR, "no observations in any catalogued series");
	if (first > as_of)
		die(EXIT_DATAERR, "as_of %s is before the first observation (%s)",
		    date_format(as_of, b1), date_format(first, b2));
	ing = section(&cat, ser, n, as_of, cfg.seed);
	for (i = 0; i < n; i++)
		series_release(&ser[i]);
	free(ser);
	src_release(&src);
	free(root);
	catalogue_release(&cat);
	return ing;
}
