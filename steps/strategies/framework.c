/* Shared pieces of the strategies: parameters, data access, statistics, legs. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "field.h"
#include "instrument.h"
#include "series.h"
#include "state.h"
#include "strategies.h"

double
sparam(const struct sctx *c, const char *name)
{
	char prefix[64];

	snprintf(prefix, sizeof prefix, "strategies.%s", c->id);
	return conf_num2(c->state, prefix, name);
}

int
sres_set(struct sres *r, int status, const char *fmt, ...)
{
	char buf[sizeof r->reason];	/* the arguments may include r->reason */
	va_list ap;

	r->status = status;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	memcpy(r->reason, buf, sizeof buf);
	return status;
}

int
latest(const struct sctx *c, struct sres *r, const char *id, double *v)
{
	const struct series *s = dataset_get(c->ds, id);
	char buf[DATE_BUFSZ];
	day_t when;

	if (s == NULL) {
		sres_set(r, ST_NO_DATA, "series '%s' absent", id);
		return -1;
	}
	*v = series_last(s, c->as_of, &when);
	if (isnan(*v)) {
		sres_set(r, ST_NO_DATA, "series '%s' has no value on or before as_of", id);
		return -1;
	}
	if (c->as_of - when > stale_days(STALE_LATEST, s->freq)) {
		sres_set(r, ST_NO_DATA, "series '%s' is stale: last value %s", id,
		    date_format(when, buf));
		return -1;
	}
	return 0;
}

/*
 * Focus IPCA 12m: the daily survey, else its month average BR_FOCUS_IPCA_12M_M
 * (the research data's daily file stops in 2022-11, the monthly one goes on);
 * -1 with no_data naming the daily series when neither is recent.
 */
int
focus_latest(const struct sctx *c, struct sres *r, double *v)
{
	struct sres tmp = { 0 };

	if (latest(c, r, "BR_FOCUS_IPCA_12M", v) == 0)
		return 0;
	if (latest(c, &tmp, "BR_FOCUS_IPCA_12M_M", v) == 0) {
		json_object_set_new(r->inputs, "focus_source", json_string("BR_FOCUS_IPCA_12M_M"));
		return 0;
	}
	return -1;
}

double
svalue_at(const struct sctx *c, const char *id, day_t d)
{
	const struct series *s = dataset_get(c->ds, id);

	return s == NULL ? NAN : series_at(s, d, stale_days(STALE_LATEST, s->freq));
}

size_t
history(const struct sctx *c, const char *id, day_t since, size_t max, double *vals,
    day_t *dates)
{
	const struct series *s = dataset_get(c->ds, id);

	if (s == NULL || max == 0)
		return 0;
	return series_recent(s, c->as_of, since, max, vals, dates);
}

size_t
history_diff(const struct sctx *c, const char *a, const char *b, size_t max, double *out,
    day_t *dates)
{
	const struct series *sa = dataset_get(c->ds, a), *sb = dataset_get(c->ds, b);
	long i, j;
	size_t k = 0, m;

	if (sa == NULL || sb == NULL || max == 0)
		return 0;
	i = series_index_on(sa, c->as_of);
	j = series_index_on(sb, c->as_of);
	while (i >= 0 && j >= 0 && k < max) {
		if (sa->dates[i] > sb->dates[j])
			i--;
		else if (sa->dates[i] < sb->dates[j])
			j--;
		else {
			if (!isnan(sa->values[i]) && !isnan(sb->values[j])) {
				out[k] = sa->values[i] - sb->values[j];
				if (dates)
					dates[k] = sa->dates[i];
				k++;
			}
			i--;
			j--;
		}
	}
	for (m = 0; m < k / 2; m++) {
		double t = out[m];

		out[m] = out[k - 1 - m];
		out[k - 1 - m] = t;
		if (dates) {
			day_t d = dates[m];

			dates[m] = dates[k - 1 - m];
			dates[k - 1 - m] = d;
		}
	}
	return k;
}

void
put_nums(json_t *o, const struct knum *kv, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		json_object_set_new(o, kv[i].key, jnum(kv[i].v));
}

int
z_beyond(struct sres *r, const char *what, double z, double thr)
{
	if (isnan(z))
		sres_set(r, ST_NO_POSITION, "%s history is flat: z undefined", what);
	else if (fabs(z) <= thr)
		sres_set(r, ST_NO_POSITION, "%s z %.3f within +-%g", what, z, thr);
	else
		return 1;
	return 0;
}

double
tidy(double x)
{
	return round_to(x, 9);
}

void
single_leg(struct spos *p, const char *instrument, int dir, double conf, double level,
    int gain_sign)
{
	memset(p, 0, sizeof *p);
	snprintf(p->instrument, sizeof p->instrument, "%s", instrument);
	p->legs[0].instrument = instrument;
	p->legs[0].w = 1;
	p->nlegs = 1;
	p->dir = dir;
	p->confidence = conf;
	p->level = level;
	p->gain_sign = gain_sign;
	p->scale = 1;
}

int
spread_position(const struct sctx *c, struct sres *r, const struct spread_trade *t,
    double z, double thr, double level)
{
	if (!z_beyond(r, t->what, z, thr))
		return 0;
	single_leg(&r->pos[0], t->instrument, z > 0 ? t->dir : -t->dir,
	    fmin(1, fabs(z) / t->z_full), level, t->gain_sign);
	if (dv01_pair(c, r, &r->pos[0], t->a, t->sa, t->b, t->sb) < 0)
		return 0;
	r->npos = 1;
	return 1;
}

double
leg_duration(const struct dataset *ds, const char *id, day_t d)
{
	const struct instrument *in = instrument_find(id);
	const struct series *s;
	double y;

	if (in == NULL || in->tenor <= 0 || (s = dataset_get(ds, in->series)) == NULL)
		return NAN;
	if (isnan(y = series_last(s, d, NULL)))
		return NAN;
	/* DI and breakeven: zero-coupon duration on the DI rate; bonds: par bond. */
	if (strncmp(id, "DI_", 3) == 0 || strncmp(id, "BREAKEVEN_", 10) == 0)
		return in->tenor / (1 + y / 100);
	return par_bond_duration(y, in->tenor);
}

int
dv01_pair(const struct sctx *c, struct sres *r, struct spos *p, const char *a, int sa,
    const char *b, int sb)
{
	double da = leg_duration(c->ds, a, c->as_of), db = leg_duration(c->ds, b, c->as_of);
	double ia, ib;

	if (!(da > 0) || !(db > 0)) {
		sres_set(r, ST_NO_DATA, "no duration for '%s' or '%s'", a, b);
		return -1;
	}
	ia = 1 / da;
	ib = 1 / db;
	p->legs[0].instrument = a;
	p->legs[0].w = sa * ia / (ia + ib);
	p->legs[1].instrument = b;
	p->legs[1].w = sb * ib / (ia + ib);
	p->nlegs = 2;
	return 0;
}
