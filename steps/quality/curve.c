/*
 * Curve integrity: every tenor of each curve present on each date the curve is
 * quoted, no negative nominal yields, and DI consistent with NTN-B (the implied
 * breakeven DI - NTN-B within -1 % .. 15 %). Each problem is one issue for the
 * whole window ("BR_DI: BR_DI_10Y missing on 37 of 756 dates"), not one per day.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dataset.h"
#include "quality.h"
#include "series.h"
#include "xalloc.h"

#define BE_MIN -1.0
#define BE_MAX 15.0

static const struct curve {
	const char *name;
	const char *tenor[4];
	int nominal;
} curves[] = {
	{ "BR_DI", { "BR_DI_1Y", "BR_DI_2Y", "BR_DI_5Y", "BR_DI_10Y" }, 1 },
	{ "BR_NTNB", { "BR_NTNB_2Y", "BR_NTNB_5Y", "BR_NTNB_10Y", NULL }, 0 },
	{ "US_UST", { "US_UST_2Y", "US_UST_5Y", "US_UST_10Y", NULL }, 1 },
};

static void
issue(json_t *det, size_t *n, const char *msg)
{
	json_array_append_new(det, json_string(msg));
	(*n)++;
}

static int
cmp_day(const void *a, const void *b)
{
	day_t x = *(const day_t *)a, y = *(const day_t *)b;

	return (x > y) - (x < y);
}

/*
 * The dates the curve is quoted on, sorted: those on which at least half of its
 * have present tenors have a value (so a lone tenor quoted on a holiday is not the
 * others' gap, and the first tenor's own gaps count like any other's).
 */
static day_t *
quoted_dates(const struct dataset *ds, const struct curve *c, size_t have, size_t *n)
{
	const struct series *u;
	size_t i, j, k = 0, cap = 0, run;
	day_t *d;

	for (j = 0; j < 4 && c->tenor[j]; j++)
		if ((u = dataset_get(ds, c->tenor[j])) != NULL)
			cap += u->n;
	d = xmalloc((cap ? cap : 1) * sizeof(*d));
	for (j = 0; j < 4 && c->tenor[j]; j++) {
		if ((u = dataset_get(ds, c->tenor[j])) == NULL)
			continue;
		for (i = 0; i < u->n; i++)
			if (!isnan(u->values[i]))
				d[k++] = u->dates[i];
	}
	qsort(d, k, sizeof(*d), cmp_day);
	for (i = 0, *n = 0; i < k; i += run) {
		for (run = 1; i + run < k && d[i + run] == d[i]; run++)
			;
		if (2 * run >= have)
			d[(*n)++] = d[i];
	}
	return d;
}

/* Of the n dates the curve is quoted on, those where tenor t is missing or null. */
static size_t
missing_on(const struct series *t, const day_t *quoted, size_t n)
{
	size_t i, miss = 0;

	for (i = 0; i < n; i++) {
		long k = series_index_on(t, quoted[i]);

		if (k < 0 || t->dates[k] != quoted[i] || isnan(t->values[k]))
			miss++;
	}
	return miss;
}

static void
one_curve(const struct dataset *ds, const struct curve *c, json_t *det, size_t *n)
{
	const struct series *s;
	size_t j, i, miss, dates, neg, have = 0;
	day_t *quoted;
	char buf[256];

	for (j = 0; j < 4 && c->tenor[j]; j++)
		have += dataset_get(ds, c->tenor[j]) != NULL;
	if (have == 0)
		return;		/* a wholly absent curve is completeness's finding */
	quoted = quoted_dates(ds, c, have, &dates);
	for (j = 0; j < 4 && c->tenor[j]; j++) {
		if ((s = dataset_get(ds, c->tenor[j])) == NULL) {
			snprintf(buf, sizeof(buf), "%s: tenor %s absent", c->name, c->tenor[j]);
			issue(det, n, buf);
			continue;
		}
		if ((miss = missing_on(s, quoted, dates)) > 0) {
			snprintf(buf, sizeof(buf), "%s: %s missing on %zu of %zu dates",
			    c->name, c->tenor[j], miss, dates);
			issue(det, n, buf);
		}
		for (i = 0, neg = 0; c->nominal && i < s->n; i++)
			neg += s->values[i] < 0;
		if (neg > 0) {
			snprintf(buf, sizeof(buf), "%s: %s negative nominal yield on %zu of "
			    "%zu dates", c->name, c->tenor[j], neg, s->n);
			issue(det, n, buf);
		}
	}
	free(quoted);
}

/* DI minus NTN-B at 2, 5 and 10 years: an implied breakeven outside BE_MIN..BE_MAX. */
static void
breakevens(const struct dataset *ds, json_t *det, size_t *n)
{
	static const char *const di[] = { "BR_DI_2Y", "BR_DI_5Y", "BR_DI_10Y" };
	static const char *const nb[] = { "BR_NTNB_2Y", "BR_NTNB_5Y", "BR_NTNB_10Y" };
	const struct series *a, *b;
	size_t t, i, bad, both;
	char buf[256];

	for (t = 0; t < 3; t++) {
		if ((a = dataset_get(ds, di[t])) == NULL || (b = dataset_get(ds, nb[t])) == NULL)
			continue;
		for (i = 0, bad = 0, both = 0; i < a->n; i++) {
			long k = series_index_on(b, a->dates[i]);
			double be;

			if (k < 0 || b->dates[k] != a->dates[i])
				continue;
			be = a->values[i] - b->values[k];
			if (isnan(be))
				continue;
			both++;
			bad += be < BE_MIN || be > BE_MAX;
		}
		if (bad > 0) {
			snprintf(buf, sizeof(buf), "%s - %s: implied breakeven outside -1..15 %% "
			    "on %zu of %zu dates", di[t], nb[t], bad, both);
			issue(det, n, buf);
		}
	}
}

size_t
q_check_curves(const struct dataset *ds, json_t *details)
{
	size_t k, n = 0;

	for (k = 0; k < sizeof(curves) / sizeof(curves[0]); k++)
		one_curve(ds, &curves[k], details, &n);
	breakevens(ds, details, &n);
	return n;
}
