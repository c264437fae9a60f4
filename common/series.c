/* The columnar series type and its JSON form. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "date.h"
#include "die.h"
#include "series.h"
#include "state.h"
#include "xalloc.h"

void
series_init(struct series *s, const char *id, char freq, const char *unit)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->id, sizeof(s->id), "%s", id ? id : "");
	s->freq = freq;
	snprintf(s->unit, sizeof(s->unit), "%s", unit ? unit : "");
}

/* The dates of a shared calendar behind their reference count (struct series_cal). */
struct shared_dates {
	size_t refs;
	day_t d[];
};

static struct shared_dates *
shared_of(day_t *d)
{
	return (struct shared_dates *)(void *)((char *)d - offsetof(struct shared_dates, d));
}

static day_t *
shared_new(size_t n)
{
	struct shared_dates *sd = xmalloc(sizeof(*sd) + (n > 0 ? n : 1) * sizeof(day_t));

	sd->refs = 1;
	return sd->d;
}

static void
shared_drop(day_t *d)
{
	struct shared_dates *sd;

	if (d == NULL)
		return;
	sd = shared_of(d);
	if (--sd->refs == 0)
		free(sd);
}

void
series_release(struct series *s)
{
	if (s->dates_shared)
		shared_drop(s->dates);
	else
		free(s->dates);
	free(s->values);
	s->dates = NULL;
	s->values = NULL;
	s->n = s->cap = 0;
	s->dates_shared = 0;
}

/* Make shared dates s's own before they change (cap entries, as values). */
static void
own_dates(struct series *s)
{
	day_t *d;

	if (!s->dates_shared)
		return;
	d = xreallocarray(NULL, s->cap > 0 ? s->cap : 1, sizeof(*d));
	if (s->n > 0)
		memcpy(d, s->dates, s->n * sizeof(*d));
	shared_drop(s->dates);
	s->dates = d;
	s->dates_shared = 0;
}

int
series_push(struct series *s, day_t d, double v)
{
	if (s->n > 0 && d <= s->dates[s->n - 1])
		return -1;
	own_dates(s);
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->dates = xreallocarray(s->dates, s->cap, sizeof(*s->dates));
		s->values = xreallocarray(s->values, s->cap, sizeof(*s->values));
	}
	s->dates[s->n] = d;
	s->values[s->n] = v;
	s->n++;
	return 0;
}

/* Parse the dates and values arrays of j into s (already initialised). */
static int
parse_columns(struct series *s, const json_t *dates, const json_t *values, const char *path)
{
	size_t i, n = json_array_size(dates);
	const json_t *jd, *jv;
	day_t d;

	if (json_array_size(values) != n)
		return error("series '%s': %zu dates but %zu values", path, n,
		    json_array_size(values));
	/* Sized once: series_push's doubling left up to half unused (docs/BENCH.md). */
	if (n > s->cap) {
		s->dates = xreallocarray(s->dates, n, sizeof(*s->dates));
		s->values = xreallocarray(s->values, n, sizeof(*s->values));
		s->cap = n;
	}
	for (i = 0; i < n; i++) {
		jd = json_array_get(dates, i);
		jv = json_array_get(values, i);
		if (!json_is_string(jd) || date_parse(json_string_value(jd), &d) < 0)
			return error("series '%s': dates[%zu] is not a YYYY-MM-DD date", path, i);
		if (!json_is_number(jv) && !json_is_null(jv))
			return error("series '%s': values[%zu] is not a number or null", path, i);
		if (series_push(s, d, json_is_null(jv) ? NAN : json_number_value(jv)) < 0)
			return error("series '%s': dates[%zu] does not increase", path, i);
	}
	return 0;
}

/* The values of a series on shared calendar c, its dates shared (see parse_columns). */
static int
parse_values(struct series *s, const struct series_cal *c, const json_t *values,
    const char *path)
{
	size_t i, n = c->n;
	const json_t *jv;

	if (json_array_size(values) != n)
		return error("series '%s': %zu dates but %zu values", path, n,
		    json_array_size(values));
	s->values = xreallocarray(NULL, n > 0 ? n : 1, sizeof(*s->values));
	s->dates = c->dates;
	s->dates_shared = 1;
	shared_of(c->dates)->refs++;
	s->cap = n;
	for (i = 0; i < n; i++) {
		jv = json_array_get(values, i);
		if (!json_is_number(jv) && !json_is_null(jv))
			return error("series '%s': values[%zu] is not a number or null", path, i);
		s->values[i] = json_is_null(jv) ? NAN : json_number_value(jv);
		s->n++;
	}
	return 0;
}

void
series_cal_parse(struct series_cal *c, const json_t *arr)
{
	size_t i, n = json_array_size(arr);
	const json_t *jd;

	c->arr = arr;
	c->n = n;
	c->dates = NULL;
	if (!json_is_array(arr))
		return;
	c->dates = shared_new(n);
	for (i = 0; i < n; i++) {
		jd = json_array_get(arr, i);
		if (!json_is_string(jd) || date_parse(json_string_value(jd), &c->dates[i]) < 0 ||
		    (i > 0 && c->dates[i] <= c->dates[i - 1])) {
			series_cal_release(c);
			return;
		}
	}
}

void
series_cal_release(struct series_cal *c)
{
	shared_drop(c->dates);
	c->dates = NULL;
}

int
series_from_json(struct series *s, const json_t *j, const char *path)
{
	return series_from_json_shared(s, j, path, NULL, NULL, 0);
}

int
series_from_json_cal(struct series *s, const json_t *j, const char *path,
    const json_t *calendars)
{
	return series_from_json_shared(s, j, path, calendars, NULL, 0);
}

/* The parsed calendar of cals whose array is dates, or NULL. */
static const struct series_cal *
shared_cal(const struct series_cal *cals, size_t ncal, const json_t *dates)
{
	size_t i;

	for (i = 0; i < ncal; i++)
		if (cals[i].arr == dates && cals[i].dates != NULL)
			return &cals[i];
	return NULL;
}

int
series_from_json_shared(struct series *s, const json_t *j, const char *path,
    const json_t *calendars, const struct series_cal *cals, size_t ncal)
{
	const struct series_cal *sc = NULL;
	const json_t *dates, *values, *f, *u, *id, *cal;
	const char *fs;

	if (!json_is_object(j))
		return error("series '%s' is not an object", path);
	id = json_object_get(j, "id");
	f = json_object_get(j, "freq");
	u = json_object_get(j, "unit");
	dates = json_object_get(j, "dates");
	values = json_object_get(j, "values");
	cal = json_object_get(j, "calendar");
	if (dates == NULL && cal != NULL) {
		if (!json_is_string(cal))
			return error("series '%s': 'calendar' must be a string", path);
		dates = json_object_get(calendars, json_string_value(cal));
		if (dates == NULL)
			return error("series '%s': unknown calendar '%s'", path,
			    json_string_value(cal));
		sc = shared_cal(cals, ncal, dates);
	}
	if (!json_is_array(dates) || !json_is_array(values))
		return error("series '%s': 'dates' and 'values' must be arrays", path);
	/* Absent is daily; any other type is an error, not daily. */
	if (f != NULL && !json_is_string(f))
		return error("series '%s': freq is not a string", path);
	fs = f != NULL ? json_string_value(f) : "D";
	if (strlen(fs) != 1 || strchr("DWMQ", fs[0]) == NULL)
		return error("series '%s': freq '%s' is not D, W, M or Q", path, fs);
	series_init(s, json_is_string(id) ? json_string_value(id) : path, fs[0],
	    json_is_string(u) ? json_string_value(u) : "");
	if ((sc != NULL ? parse_values(s, sc, values, path) :
	    parse_columns(s, dates, values, path)) < 0) {
		series_release(s);
		return -1;
	}
	return 0;
}

/* s as JSON with its own dates, or naming calendar cal (not NULL) instead. */
static json_t *
to_json(const struct series *s, int nd, const char *cal)
{
	json_t *j = json_object(), *values = json_array();
	char freq[2] = { s->freq, '\0' };
	size_t i;

	for (i = 0; i < s->n; i++)
		json_array_append_new(values, nd < 0 ? jnum(s->values[i]) :
		    jnum_round(s->values[i], nd));
	json_object_set_new(j, "id", json_string(s->id));
	json_object_set_new(j, "freq", json_string(freq));
	json_object_set_new(j, "unit", json_string(s->unit));
	if (cal == NULL)
		json_object_set_new(j, "dates", series_dates_json(s));
	json_object_set_new(j, "values", values);
	if (cal != NULL)
		json_object_set_new(j, "calendar", json_string(cal));
	return j;
}

json_t *
series_to_json(const struct series *s, int nd)
{
	return to_json(s, nd, NULL);
}

json_t *
series_dates_json(const struct series *s)
{
	json_t *dates = json_array();
	char buf[DATE_BUFSZ];
	size_t i;

	for (i = 0; i < s->n; i++)
		json_array_append_new(dates, json_string(date_format(s->dates[i], buf)));
	return dates;
}

/* Without formatting the dates it leaves out (ingest: 45 series of 757 each). */
json_t *
series_to_json_cal(const struct series *s, int nd, const char *cal)
{
	return to_json(s, nd, cal);
}

long
series_index_on(const struct series *s, day_t d)
{
	size_t lo = 0, hi = s->n, mid;

	/* First index with date > d, minus one. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->dates[mid] <= d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)lo - 1;
}

double
series_last(const struct series *s, day_t d, day_t *when)
{
	long i = d < 0 ? (long)s->n - 1 : series_index_on(s, d);

	for (; i >= 0; i--)
		if (!isnan(s->values[i])) {
			if (when)
				*when = s->dates[i];
			return s->values[i];
		}
	return NAN;
}

size_t
series_count(const struct series *s)
{
	size_t i, c = 0;

	for (i = 0; i < s->n; i++)
		c += (size_t)!isnan(s->values[i]);
	return c;
}

/*
 * The finite values of rows [from, to) dated after since (since < 0: any) into
 * vals, and their dates into dates unless NULL; returns how many.
 */
static size_t
copy_finite(const struct series *s, size_t from, size_t to, day_t since, double *vals,
    day_t *dates)
{
	size_t i, k = 0;

	for (i = from; i < to; i++)
		if (!isnan(s->values[i]) && !(since >= 0 && s->dates[i] <= since)) {
			vals[k] = s->values[i];
			if (dates)
				dates[k] = s->dates[i];
			k++;
		}
	return k;
}

size_t
series_tail(const struct series *s, size_t max, double *vals, day_t *dates)
{
	return copy_finite(s, s->n > max ? s->n - max : 0, s->n, -1, vals, dates);
}

size_t
series_recent(const struct series *s, day_t d, day_t since, size_t max, double *vals,
    day_t *dates)
{
	long end = series_index_on(s, d), i;
	size_t k = 0;

	/* Walk back to the oldest value wanted, then copy forward in date order. */
	for (i = end; i >= 0 && k < max; i--) {
		if (since >= 0 && s->dates[i] <= since)
			break;
		k += (size_t)!isnan(s->values[i]);
	}
	return copy_finite(s, (size_t)(i + 1), (size_t)(end + 1), since, vals, dates);
}

double
series_at(const struct series *s, day_t d, int maxgap)
{
	day_t when;
	double v = series_last(s, d, &when);

	if (isnan(v) || d - when > maxgap)
		return NAN;
	return v;
}
