/* Field access by dotted path; errors name the path (docs/STYLE.md R9). */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "date.h"
#include "die.h"
#include "exitcodes.h"
#include "field.h"

json_t *
field_get(const json_t *root, const char *path)
{
	char key[256];
	const char *p = path, *dot;
	json_t *j = (json_t *)root;
	size_t n;

	while (j != NULL && *p != '\0') {
		if (!json_is_object(j))
			return NULL;
		dot = strchr(p, '.');
		n = dot ? (size_t)(dot - p) : strlen(p);
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		j = json_object_get(j, key);
		p += n + (dot != NULL);
	}
	return j;
}

void
field_set(json_t *root, const char *path, json_t *v)
{
	const char *dot;
	char key[256];
	json_t *o = root, *n;

	while ((dot = strchr(path, '.')) != NULL) {
		snprintf(key, sizeof(key), "%.*s", (int)(dot - path), path);
		if (!json_is_object(n = json_object_get(o, key))) {
			n = json_object();
			json_object_set_new(o, key, n);
		}
		o = n;
		path = dot + 1;
	}
	json_object_set_new(o, path, v);
}

/* "an object", "an array", ...: a JSON type as the messages name it. */
static const char *
type_name(json_type t)
{
	switch (t) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "an integer";
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a bool";
	case JSON_NULL:
		return "null";
	}
	return "unknown";
}

const char *
json_kind(const json_t *j)
{
	return type_name(json_typeof(j));
}

/*
 * The field at path, which must exist (unless opt: NULL when absent or null)
 * and have type t (JSON_REAL: any number).
 */
static json_t *
typed(const json_t *root, const char *path, json_type t, int opt)
{
	json_t *j = field_get(root, path);
	int ok;

	if (j == NULL || (opt && json_is_null(j))) {
		if (opt)
			return NULL;
		die(EXIT_DATAERR, "missing field '%s'", path);
	}
	if (t == JSON_REAL)
		ok = json_is_number(j);
	else
		ok = json_typeof(j) == t;
	if (!ok)
		die(EXIT_DATAERR, "field '%s' is %s, expected %s", path, json_kind(j),
		    type_name(t));
	return j;
}

/* field_NAME and field_NAME_opt of a container type t (field.h). */
#define CONTAINER(NAME, t)						\
json_t *field_##NAME(const json_t *root, const char *path)		\
{ return typed(root, path, t, 0); }					\
json_t *field_##NAME##_opt(const json_t *root, const char *path)	\
{ return typed(root, path, t, 1); }

/* field_NAME and field_NAME_opt of a scalar type t, value get(j) (field.h). */
#define SCALAR(NAME, T, t, get)						\
T field_##NAME(const json_t *root, const char *path)			\
{ return get(typed(root, path, t, 0)); }				\
T field_##NAME##_opt(const json_t *root, const char *path, T def)	\
{ json_t *j = typed(root, path, t, 1); return j ? get(j) : def; }

CONTAINER(obj, JSON_OBJECT)
CONTAINER(arr, JSON_ARRAY)
SCALAR(str, const char *, JSON_STRING, json_string_value)
SCALAR(num, double, JSON_REAL, json_number_value)
SCALAR(int, json_int_t, JSON_INTEGER, json_integer_value)

day_t
field_date(const json_t *root, const char *path)
{
	const char *s = field_str(root, path);
	day_t d;

	if (date_parse(s, &d) < 0)
		die(EXIT_DATAERR, "field '%s': invalid date '%s', expected YYYY-MM-DD", path, s);
	return d;
}

day_t
state_as_of(const json_t *state)
{
	return field_date(state, "as_of");
}
