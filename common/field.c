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

const char *
json_kind(const json_t *j)
{
	switch (json_typeof(j)) {
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

/* The field at path, which must exist (unless opt) and have type t (or be a number). */
static json_t *
typed(const json_t *root, const char *path, json_type t, const char *want, int opt)
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
		die(EXIT_DATAERR, "field '%s' is %s, expected %s", path, json_kind(j), want);
	return j;
}

json_t *
field_obj(const json_t *root, const char *path)
{
	return typed(root, path, JSON_OBJECT, "an object", 0);
}

json_t *
field_arr(const json_t *root, const char *path)
{
	return typed(root, path, JSON_ARRAY, "an array", 0);
}

const char *
field_str(const json_t *root, const char *path)
{
	return json_string_value(typed(root, path, JSON_STRING, "a string", 0));
}

double
field_num(const json_t *root, const char *path)
{
	return json_number_value(typed(root, path, JSON_REAL, "a number", 0));
}

json_int_t
field_int(const json_t *root, const char *path)
{
	return json_integer_value(typed(root, path, JSON_INTEGER, "an integer", 0));
}

day_t
field_date(const json_t *root, const char *path)
{
	const char *s = field_str(root, path);
	day_t d;

	if (date_parse(s, &d) < 0)
		die(EXIT_DATAERR, "field '%s': invalid date '%s', expected YYYY-MM-DD", path, s);
	return d;
}

json_t *
field_obj_opt(const json_t *root, const char *path)
{
	return typed(root, path, JSON_OBJECT, "an object", 1);
}

json_t *
field_arr_opt(const json_t *root, const char *path)
{
	return typed(root, path, JSON_ARRAY, "an array", 1);
}

const char *
field_str_opt(const json_t *root, const char *path, const char *def)
{
	json_t *j = typed(root, path, JSON_STRING, "a string", 1);

	return j ? json_string_value(j) : def;
}

double
field_num_opt(const json_t *root, const char *path, double def)
{
	json_t *j = typed(root, path, JSON_REAL, "a number", 1);

	return j ? json_number_value(j) : def;
}

json_int_t
field_int_opt(const json_t *root, const char *path, json_int_t def)
{
	json_t *j = typed(root, path, JSON_INTEGER, "an integer", 1);

	return j ? json_integer_value(j) : def;
}

day_t
state_as_of(const json_t *state)
{
	return field_date(state, "as_of");
}
