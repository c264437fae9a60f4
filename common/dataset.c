/* The state's ingest.series parsed once into a sorted array of series. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dataset.h"
#include "die.h"
#include "field.h"
#include "xalloc.h"

static int
cmp_series(const void *a, const void *b)
{
	return strcmp(((const struct series *)a)->id, ((const struct series *)b)->id);
}

/*
 * bsearch's order for an id: strcmp of the id cut as a series keeps it (SERIES_IDSZ - 1
 * bytes) against the series' id. Called for every day of every instrument's returns,
 * so without copying the id first (a snprintf a lookup was 1 % of step-risk).
 */
static int
cmp_id(const void *key, const void *s)
{
	return strncmp(key, ((const struct series *)s)->id, SERIES_IDSZ - 1);
}

/*
 * Each shared calendar parsed once, its dates shared by the series that name it
 * instead of a copy each (peak memory, docs/BENCH.md "State I/O"); *n of them.
 */
static struct series_cal *
load_calendars(const json_t *cals, size_t *n)
{
	struct series_cal *c;
	const char *key;
	json_t *v;

	*n = 0;
	if (cals == NULL || json_object_size(cals) == 0)
		return NULL;
	c = xcalloc(json_object_size(cals), sizeof(*c));
	json_object_foreach((json_t *)cals, key, v)
		series_cal_parse(&c[(*n)++], v);
	return c;
}

static void
release_calendars(struct series_cal *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		series_cal_release(&c[i]);
	free(c);
}

int
dataset_load(struct dataset *ds, const json_t *state)
{
	const json_t *series, *as_of, *v, *cals;
	struct series_cal *cal;
	const char *key;
	char path[128];
	size_t i = 0, ncal;

	memset(ds, 0, sizeof(*ds));
	as_of = json_object_get(state, "as_of");
	if (!json_is_string(as_of) || date_parse(json_string_value(as_of), &ds->as_of) < 0)
		return error("missing or invalid field 'as_of'");
	if (json_object_get(state, "ingest") == NULL)
		return error("missing field 'ingest'");
	series = field_get(state, "ingest.series");
	if (!json_is_object(series))
		return error("missing field 'ingest.series' (an object keyed by series id)");
	cals = field_get(state, "ingest.calendars");
	if (cals != NULL && !json_is_object(cals))
		return error("field 'ingest.calendars' is not an object");
	cal = load_calendars(cals, &ncal);
	ds->s = xcalloc(json_object_size(series), sizeof(*ds->s));
	json_object_foreach((json_t *)series, key, v) {
		snprintf(path, sizeof(path), "ingest.series.%s", key);
		if (series_from_json_shared(&ds->s[i], v, path, cals, cal, ncal) < 0) {
			ds->n = i;
			dataset_release(ds);
			release_calendars(cal, ncal);
			return -1;
		}
		/* The key is the id: it wins over a differing "id" field. */
		snprintf(ds->s[i].id, sizeof(ds->s[i].id), "%s", key);
		i++;
	}
	ds->n = i;
	release_calendars(cal, ncal);
	qsort(ds->s, ds->n, sizeof(*ds->s), cmp_series);
	return 0;
}

void
dataset_release(struct dataset *ds)
{
	size_t i;

	for (i = 0; i < ds->n; i++)
		series_release(&ds->s[i]);
	free(ds->s);
	ds->s = NULL;
	ds->n = 0;
}

const struct series *
dataset_get(const struct dataset *ds, const char *id)
{
	if (ds->n == 0 || id == NULL)
		return NULL;
	return bsearch(id, ds->s, ds->n, sizeof(*ds->s), cmp_id);
}
