/*
 * The columnar series: {"id","freq","unit","dates":[...],"values":[...]}, null for a
 * missing value (NAN in memory). Dates strictly increasing. A series may instead name a
 * shared calendar, {"id","freq","unit","calendar":"D","values":[...]}, whose dates are
 * the array ingest.calendars.D (docs/STATE.md): the daily series of a state share one.
 */
#ifndef SERIES_H
#define SERIES_H

#include <stddef.h>
#include <jansson.h>
#include "date.h"

#define SERIES_IDSZ 40
#define SERIES_UNITSZ 24

struct series {
	char id[SERIES_IDSZ];
	char freq;			/* 'D', 'W', 'M' or 'Q' */
	char unit[SERIES_UNITSZ];
	size_t n, cap;
	day_t *dates;
	double *values;			/* NAN = missing */
	int dates_shared;		/* dates are a shared calendar's (struct series_cal) */
};

/*
 * A shared calendar's dates parsed once for all the series that name it (dataset.c),
 * counted references: each such series holds one (series_release drops it, series_push
 * copies the dates first), and so does the series_cal until series_cal_release. A
 * calendar with a defect is not shared (dates NULL): each series naming it then parses
 * it and reports the defect as before.
 */
struct series_cal {
	const json_t *arr;		/* ingest.calendars.<name>, borrowed */
	day_t *dates;
	size_t n;
};

void series_init(struct series *s, const char *id, char freq, const char *unit);
void series_release(struct series *s);
/* Append; dates must increase (returns -1 otherwise). */
int series_push(struct series *s, day_t d, double v);
/*
 * Parse from JSON; -1 with error() naming path on any defect. calendars (borrowed, may
 * be NULL) is the object of shared calendars a "calendar" member refers to.
 */
int series_from_json(struct series *s, const json_t *j, const char *path);
int series_from_json_cal(struct series *s, const json_t *j, const char *path,
    const json_t *calendars);
/* Parse calendar arr into c (c->dates NULL when it is not an array of increasing dates). */
void series_cal_parse(struct series_cal *c, const json_t *arr);
void series_cal_release(struct series_cal *c);
/* series_from_json_cal, sharing the dates of the one of cals[0..ncal) it names. */
int series_from_json_shared(struct series *s, const json_t *j, const char *path,
    const json_t *calendars, const struct series_cal *cals, size_t ncal);
/* New reference; values rounded to nd decimals (nd < 0: as they are). */
json_t *series_to_json(const struct series *s, int nd);
/* The same with "calendar": cal instead of "dates" (the caller checked they agree). */
json_t *series_to_json_cal(const struct series *s, int nd, const char *cal);
/* A new JSON array of s's dates (to publish a shared calendar). */
json_t *series_dates_json(const struct series *s);

/* Index of the last observation dated on or before d, or -1. */
long series_index_on(const struct series *s, day_t d);
/* Last non-missing value on or before d (d < 0: anywhere); NAN when none. */
double series_last(const struct series *s, day_t d, day_t *when);
/* Number of non-missing values. */
size_t series_count(const struct series *s);
/*
 * Copy the non-missing values (and their dates, when dates != NULL) of the last
 * `max` observations into caller buffers of `max` elements; returns how many.
 */
size_t series_tail(const struct series *s, size_t max, double *vals, day_t *dates);
/*
 * The last `max` non-missing values dated on or before d and after `since` (since < 0:
 * no lower bound), oldest first, into caller buffers of `max` (dates may be NULL);
 * returns how many.
 */
size_t series_recent(const struct series *s, day_t d, day_t since, size_t max, double *vals,
    day_t *dates);
/* Value on or before d, carried forward at most maxgap calendar days; NAN otherwise. */
double series_at(const struct series *s, day_t d, int maxgap);

#endif
