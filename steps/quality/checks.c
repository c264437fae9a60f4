/*
 * Per-series quality checks: staleness against as_of (publication date for monthly
 * and quarterly series), gaps (missing business days and null runs in daily
 * series), range, outliers (|z| > 5 on daily changes) and point-in-time violations.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "data_catalogue.h"
#include "data_pit.h"
#include "date.h"
#include "quality.h"
#include "series.h"
#include "state.h"

#define RANGE_DETAILS 10	/* flagged rows kept per series, as the reference */
#define OUTLIER_Z 5.0
#define DETAIL_CAP 50

static json_t *
obs_detail(const char *id, day_t d, const char *k, double v)
{
	char buf[DATE_BUFSZ];
	json_t *o = json_object();

	json_object_set_new(o, "series", json_string(id));
	json_object_set_new(o, "date", json_string(date_format(d, buf)));
	json_object_set_new(o, k, jnum_round(v, 4));
	return o;
}

static void
staleness(const struct series *s, const struct cat_entry *e, day_t as_of,
    struct q_series *q)
{
	char freq = e ? e->freq : s->freq;
	day_t ref;

	if (isnan(series_last(s, as_of, &q->last))) {
		q->last = -1;
		q->stale = 1;
		return;
	}
	ref = q->last;
	if (freq == 'M' || freq == 'Q')
		ref = pit_published(freq, e ? e->lag : 0, q->last);
	q->days_behind = as_of - ref;
	q->stale = q->days_behind > stale_days(STALE_QUALITY, freq);
}

/* Missing business days between the first and last observation, and null runs. */
static void
gaps(const struct series *s, struct q_series *q)
{
	size_t i, run = 0, holes;

	if (s->freq != 'D' || s->n == 0)
		return;
	for (i = 0; i < s->n; i++) {
		int miss = i > 0 ? date_bdays_between(s->dates[i - 1], s->dates[i]) - 1 : 0;

		if (miss > 0) {
			q->missing_days += (size_t)miss;
			run += (size_t)miss;
		}
		if (isnan(s->values[i])) {
			q->null_values++;
			run++;
			continue;
		}
		if (run > q->longest_run)
			q->longest_run = run;
		run = 0;
	}
	if (run > q->longest_run)
		q->longest_run = run;
	/*
	 * A week without data, or more than 8 % of the days (at least 5) missing:
	 * holidays alone (the calendar has none) leave up to about 5 % out in Brazil.
	 */
	holes = q->missing_days + q->null_values;
	q->gap_flag = q->longest_run > 5 || (holes >= 5 &&
	    (double)holes > 0.08 * (double)(s->n + q->missing_days));
}

static void
range(const struct series *s, const struct cat_entry *e, struct q_series *q, json_t *det)
{
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < s->n; i++) {
		double v = s->values[i];

		if (isnan(v) || ((isnan(e->min) || v >= e->min) &&
		    (isnan(e->max) || v <= e->max)))
			continue;
		if (q->range_flagged++ < RANGE_DETAILS && det != NULL)
			json_array_append_new(det, obs_detail(s->id, s->dates[i], "value", v));
	}
	if (q->range_flagged > RANGE_DETAILS)
		q->range_flagged = RANGE_DETAILS;
}

/* |z| > 5 on day-to-day changes; step series (mostly unchanged) are skipped. */
static void
outliers(const struct series *s, struct q_series *q, json_t *det)
{
	double sum = 0, sq = 0, prev = NAN, m, sd;
	size_t i, n = 0, zero = 0;

	if (s->freq != 'D')
		return;
	for (i = 0; i < s->n; i++) {
		double v = s->values[i];

		if (isnan(v))
			continue;
		if (!isnan(prev)) {
			sum += v - prev;
			sq += (v - prev) * (v - prev);
			zero += v == prev;
			n++;
		}
		prev = v;
	}
	if (n < 20 || 2 * zero > n)
		return;
	m = sum / (double)n;
	sd = sqrt(fmax(0, sq / (double)n - m * m));
	if (sd <= 0)
		return;
	prev = NAN;
	for (i = 0; i < s->n; i++) {
		double v = s->values[i], z;

		if (isnan(v))
			continue;
		if (!isnan(prev) && fabs(z = (v - prev - m) / sd) > OUTLIER_Z) {
			if (q->outliers++ < DETAIL_CAP && det != NULL) {
				json_t *o = obs_detail(s->id, s->dates[i], "change", v - prev);

				json_object_set_new(o, "z", jnum_round(z, 2));
				json_array_append_new(det, o);
			}
		}
		prev = v;
	}
}

static void
pit(const struct series *s, const struct cat_entry *e, day_t as_of, struct q_series *q,
    json_t *det)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		day_t pub = pit_published(s->freq, e ? e->lag : 0, s->dates[i]);

		if (s->dates[i] <= as_of && pub <= as_of)
			continue;
		if (q->pit++ < DETAIL_CAP && det != NULL) {
			char buf[DATE_BUFSZ];
			json_t *o = obs_detail(s->id, s->dates[i], "value", s->values[i]);

			json_object_set_new(o, "published", json_string(date_format(pub, buf)));
			json_array_append_new(det, o);
		}
	}
}

void
q_check_series(const struct series *s, const struct cat_entry *e, day_t as_of,
    struct q_series *q, json_t *range_det, json_t *outlier_det, json_t *pit_det)
{
	memset(q, 0, sizeof(*q));
	q->id = s ? s->id : e->id;
	q->last = -1;
	if (s == NULL) {
		q->stale = 1;
		return;
	}
	q->present = 1;
	staleness(s, e, as_of, q);
	gaps(s, q);
	range(s, e, q, range_det);
	outliers(s, q, outlier_det);
	pit(s, e, as_of, q, pit_det);
}
