/* Series access for the agents: last values, monthly grids, YoY, HP gaps. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agents.h"
#include "hpfilter.h"
#include "xalloc.h"

/* A daily or weekly value older than this many days does not stand for a month. */
#define MONTH_MAXGAP 10

double
clampd(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

const struct series *
in_get(const struct actx *c, const char *id)
{
	const struct series *s = dataset_get(c->ds, id);

	return s != NULL && series_count(s) > 0 ? s : NULL;
}

/* The last value of id on or before as_of when at most maxage days old, else NAN. */
static double
in_fresh(const struct actx *c, const char *id, int maxage)
{
	const struct series *s = in_get(c, id);
	day_t when = 0;
	double v;

	if (s == NULL)
		return NAN;
	v = series_last(s, c->as_of, &when);
	return c->as_of - when > maxage ? NAN : v;
}

double
in_last(const struct actx *c, const char *id)
{
	const struct series *s = in_get(c, id);

	return s == NULL ? NAN : in_fresh(c, id, stale_days(STALE_AGENT, s->freq));
}

double
in_policy(const struct actx *c, const char *id)
{
	return in_fresh(c, id, POLICY_MAXAGE);
}

double
in_current(const struct actx *c, const char *id)
{
	char mid[64];
	double v = in_last(c, id);

	if (!isnan(v))
		return v;
	snprintf(mid, sizeof mid, "%s_M", id);
	return in_policy(c, mid);
}

long
month_of(day_t d)
{
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	return (long)y * 12 + m - 1;
}

/* Monthly and quarterly observations by their reference month (NAN elsewhere kept). */
static void
by_month(const struct actx *c, const struct series *s, size_t nm, double *out)
{
	long m0 = month_of(c->as_of) - (long)nm + 1, mi;
	size_t i, k;

	for (i = 0; i < s->n; i++) {
		if (s->dates[i] > c->as_of || isnan(s->values[i]))
			continue;
		for (k = 0; k < (s->freq == 'Q' ? 3u : 1u); k++) {
			mi = month_of(s->dates[i]) + (long)k - m0;
			if (mi >= 0 && mi < (long)nm)
				out[mi] = s->values[i];
		}
	}
}

size_t
in_monthly(const struct actx *c, const char *id, size_t nm, double *out)
{
	const struct series *s = in_get(c, id), *avg;
	long m0 = month_of(c->as_of) - (long)nm + 1;
	char mid[64];
	size_t i, got = 0;

	for (i = 0; i < nm; i++)
		out[i] = NAN;
	if (s == NULL)
		return 0;
	if (s->freq == 'M' || s->freq == 'Q') {
		by_month(c, s, nm, out);
		goto count;
	}
	/*
	 * A daily series keeps three years; its month averages <id>_M (docs/STATE.md)
	 * keep lookback_years: they fill the months they have, the daily month-end
	 * values the rest (the month in progress, which _M publishes once ended).
	 */
	snprintf(mid, sizeof mid, "%s_M", id);
	if ((avg = in_get(c, mid)) != NULL && avg->freq == 'M')
		by_month(c, avg, nm, out);
	for (i = 0; i < nm; i++) {
		long am = m0 + (long)i;
		day_t end = date_month_end(date_from_ymd((int)(am / 12),
		    (int)(am % 12) + 1, 1));

		if (isnan(out[i]))
			out[i] = series_at(s, end < c->as_of ? end : c->as_of, MONTH_MAXGAP);
	}
count:
	for (i = 0; i < nm; i++)
		got += (size_t)!isnan(out[i]);
	return got;
}

double
last_finite(const double *x, size_t n, long *at)
{
	size_t i;

	for (i = n; i-- > 0;)
		if (!isnan(x[i])) {
			if (at)
				*at = (long)i;
			return x[i];
		}
	if (at)
		*at = -1;
	return NAN;
}

void
yoy_from_mom(const double *mom, size_t n, double *yoy)
{
	size_t t, j;
	double p;

	for (t = 0; t < n; t++) {
		yoy[t] = NAN;
		if (t < 11)
			continue;
		for (p = 1, j = t - 11; j <= t; j++)
			p *= 1 + mom[j] / 100;
		if (!isnan(p))
			yoy[t] = (p - 1) * 100;
	}
}

void
pct_change(const double *x, size_t n, size_t lag, double *out)
{
	size_t t;

	for (t = 0; t < n; t++)
		out[t] = t >= lag && x[t - lag] != 0 ?
		    (x[t] / x[t - lag] - 1) * 100 : NAN;
}

size_t
hp_gap_grid(const struct actx *c, const char *id, size_t nm, double lambda,
    size_t minobs, int sign, int pct, double *gap)
{
	double *g = xmalloc(nm * sizeof *g), *v = xmalloc(nm * sizeof *v);
	size_t i, k = 0, *at = xmalloc(nm * sizeof *at);

	for (i = 0; i < nm; i++)
		gap[i] = NAN;
	in_monthly(c, id, nm, g);
	for (i = 0; i < nm; i++)
		if (!isnan(g[i])) {
			at[k] = i;
			v[k++] = g[i];
		}
	if (k < minobs || hp_filter(v, k, lambda, v) != 0) {
		k = 0;
		goto out;
	}
	for (i = 0; i < k; i++) {
		double a = g[at[i]], t = v[i];

		gap[at[i]] = sign * (pct ? (a - t) / t * 100 : a - t);
	}
out:
	free(g);
	free(v);
	free(at);
	return k;
}

size_t
in_tail(const struct actx *c, const char *id, size_t n, double *v, day_t *d)
{
	const struct series *s = in_get(c, id);

	if (s == NULL)
		return 0;
	return series_recent(s, c->as_of, -1, n, v, d);
}

void
daily_grid(const struct actx *c, size_t nd, day_t *days)
{
	day_t d = date_prev_bday(c->as_of);
	size_t i;

	for (i = nd; i-- > 0;) {
		days[i] = d;
		d = date_add_bdays(d, -1);
	}
}

void
in_daily(const struct actx *c, const char *id, const day_t *days, size_t nd,
    double *out)
{
	const struct series *s = in_get(c, id);
	size_t i, j = 0;
	long last = -1;

	/*
	 * series_at(s, days[i], 5) for each day, as one walk: the grid and the
	 * series' dates both ascend, so the last finite value on or before a day
	 * is found where the previous day's search stopped.
	 */
	for (i = 0; i < nd; i++) {
		if (s == NULL || (i > 0 && days[i] < days[i - 1])) {
			out[i] = s ? series_at(s, days[i], 5) : NAN;
			continue;
		}
		for (; j < s->n && s->dates[j] <= days[i]; j++)
			if (!isnan(s->values[j]))
				last = (long)j;
		out[i] = last >= 0 && days[i] - s->dates[last] <= 5 ? s->values[last] : NAN;
	}
}
