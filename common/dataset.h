/* All series of a state's ingest section, parsed once, looked up by id. */
#ifndef DATASET_H
#define DATASET_H

#include <jansson.h>
#include "series.h"

struct dataset {
	day_t as_of;
	size_t n;
	struct series *s;	/* sorted by id */
};

/*
 * Parse state.ingest.series (an object keyed by series id). Returns 0, or -1 with
 * error() naming the path. A missing "ingest" is an error.
 */
int dataset_load(struct dataset *ds, const json_t *state);
void dataset_release(struct dataset *ds);
/* Borrowed; NULL when absent. */
const struct series *dataset_get(const struct dataset *ds, const char *id);

#endif
