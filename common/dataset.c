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

int
dataset_load(struct dataset *ds, const json_t *state)
{
	const json_t *series, *as_of, *v, *cals;
	const char *key;
	char path[128];
	size_t i = 0;

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
	ds->s = xcalloc(json_object_size(series), sizeof(*ds->s));
	json_object_foreach((json_t *)series, key, v) {
		snprintf(path, sizeof(path), "ingest.series.%s", key);
		if (series_from_json_cal(&ds->s[i], v, path, cals) < 0) {
			ds->n = i;
			dataset_release(ds);
			return -1;
		}
		/* The key is the id: it wins over a differing "id" field. */
		snprintf(ds->s[i].id, sizeof(ds->s[i].id), "%s", key);
		i++;
	}
	ds->n = i;
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
	struct series key;

	if (ds->n == 0)
		return NULL;
	memset(&key, 0, sizeof(key));
	snprintf(key.id, sizeof(key.id), "%s", id);
	return bsearch(&key, ds->s, ds->n, sizeof(*ds->s), cmp_series);
}
