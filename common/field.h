/*
 * Field access by dotted path ("ingest.series", "config.risk.mc_draws"). The plain
 * forms die EXIT_DATAERR naming the path ("missing field 'ingest.series'", "field
 * 'as_of' is an integer, expected a string"); the _opt forms return a default when the
 * field is absent or null but still die when it has the wrong type. Returned json_t
 * pointers are borrowed.
 */
#ifndef FIELD_H
#define FIELD_H

#include <jansson.h>
#include "date.h"

/*
 * What j is, for a message: "an object", "an array", "a string", "an integer",
 * "a number" (a real), "a bool" or "null". The field and config errors both say it.
 */
const char *json_kind(const json_t *j);

/* NULL when absent; never dies. */
json_t *field_get(const json_t *root, const char *path);
/*
 * root.<path> = v (a new reference, stolen), making the objects on the way and
 * replacing any non-object there. A component is cut at 255 bytes.
 */
void field_set(json_t *root, const char *path, json_t *v);

json_t *field_obj(const json_t *root, const char *path);
json_t *field_arr(const json_t *root, const char *path);
const char *field_str(const json_t *root, const char *path);
/* Any JSON number (integer or real); a non-finite result is impossible from JSON. */
double field_num(const json_t *root, const char *path);
json_int_t field_int(const json_t *root, const char *path);
/* A strict YYYY-MM-DD string. */
day_t field_date(const json_t *root, const char *path);

json_t *field_obj_opt(const json_t *root, const char *path);
json_t *field_arr_opt(const json_t *root, const char *path);
const char *field_str_opt(const json_t *root, const char *path, const char *def);
double field_num_opt(const json_t *root, const char *path, double def);
json_int_t field_int_opt(const json_t *root, const char *path, json_int_t def);

/* The as_of date of the state (dies when missing or invalid). */
day_t state_as_of(const json_t *state);

#endif
