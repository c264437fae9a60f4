/* The configuration reader over the table of conf_keys.c (common/conf.h, docs/CONFIG.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "conf.h"
#include "die.h"
#include "exitcodes.h"
#include "field.h"

#define PATHSZ 256

const char *
conf_type_name(enum conf_type t)
{
	static const char *const names[] = { "integer", "number", "bool", "string",
		"path", "object", "array" };

	return (unsigned)t < sizeof(names) / sizeof(names[0]) ? names[t] : "?";
}

/* Whether path matches the pattern component by component ("*" matches one). */
static int
key_match(const char *pat, const char *path)
{
	size_t np, nk;

	for (;;) {
		np = strcspn(pat, ".");
		nk = strcspn(path, ".");
		if (!(np == 1 && pat[0] == '*' && nk > 0) &&
		    (np != nk || strncmp(pat, path, np) != 0))
			return 0;
		pat += np;
		path += nk;
		if (*pat == '\0' || *path == '\0')
			return *pat == *path;
		pat++;
		path++;
	}
}

const struct conf_key *
conf_find(const char *path)
{
	size_t i;

	for (i = 0; i < conf_nkeys; i++)
		if (key_match(conf_keys[i].key, path))
			return &conf_keys[i];
	return NULL;
}

/* Whether some key lies under path ("risk" for "risk.window"). */
static int
is_section(const char *path)
{
	char pat[PATHSZ];
	size_t i, n;

	for (i = 0; i < conf_nkeys; i++) {
		snprintf(pat, sizeof(pat), "%s", conf_keys[i].key);
		/* the key cut after as many components as path has */
		for (n = 0; pat[n] != '\0'; n++)
			if (pat[n] == '.') {
				pat[n] = '\0';
				if (key_match(pat, path))
					return 1;
				pat[n] = '.';
			}
	}
	return 0;
}

/* Whether step is one of the words of readers. */
static int
reads(const struct conf_key *k, const char *step)
{
	const char *r = k->readers;
	size_t n = strlen(step), w;

	while (*r != '\0') {
		w = strcspn(r, " ");
		if (w == n && strncmp(r, step, n) == 0)
			return 1;
		r += w;
		r += strspn(r, " ");
	}
	return 0;
}

void
conf_range(const struct conf_key *k, char *buf, size_t sz)
{
	if (k->choices != NULL)
		snprintf(buf, sz, "%s", k->choices);
	else if (k->type == CONF_INT || k->type == CONF_NUM)
		snprintf(buf, sz, "%c%.10g, %.10g%c", k->flags & CONF_GT_MIN ||
		    isinf(k->min) ? '(' : '[', k->min, k->max,
		    k->flags & CONF_LT_MAX || isinf(k->max) ? ')' : ']');
	else
		buf[0] = '\0';
}

static int
type_ok(const struct conf_key *k, const json_t *v)
{
	switch (k->type) {
	case CONF_INT:
		return json_is_integer(v);
	case CONF_NUM:
		return json_is_number(v);
	case CONF_BOOL:
		return json_is_boolean(v);
	case CONF_STR:
	case CONF_PATH:
		return json_is_string(v);
	case CONF_OBJ:
		return json_is_object(v);
	default:
		return json_is_array(v);
	}
}

static int
in_range(const struct conf_key *k, double x)
{
	if (x < k->min || (k->flags & CONF_GT_MIN && x == k->min))
		return 0;
	return !(x > k->max || (k->flags & CONF_LT_MAX && x == k->max));
}

/* Whether s is one of the '|'-separated choices. */
static int
is_choice(const char *choices, const char *s)
{
	size_t n = strlen(s), w;

	for (;;) {
		w = strcspn(choices, "|");
		if (w == n && strncmp(choices, s, n) == 0)
			return 1;
		if (choices[w] == '\0')
			return 0;
		choices += w + 1;
	}
}

/* v (not null) at config.<path> against k; 0, or -1 with the message in err. */
static int
check_value(const struct conf_key *k, const char *path, const json_t *v, char *err,
    size_t errsz)
{
	char range[96];
	const char *s;

	if (!type_ok(k, v)) {
		snprintf(err, errsz, "config.%s: expected %s %s, found %s", path,
		    k->type == CONF_INT || k->type == CONF_OBJ || k->type == CONF_ARR ?
		    "an" : "a", conf_type_name(k->type), json_kind(v));
		return -1;
	}
	conf_range(k, range, sizeof(range));
	if (k->type == CONF_INT && !in_range(k, (double)json_integer_value(v))) {
		snprintf(err, errsz, "config.%s: %" JSON_INTEGER_FORMAT " is out of range %s",
		    path, json_integer_value(v), range);
		return -1;
	}
	if (k->type == CONF_NUM && !in_range(k, json_number_value(v))) {
		snprintf(err, errsz, "config.%s: %.10g is out of range %s", path,
		    json_number_value(v), range);
		return -1;
	}
	if (k->type == CONF_STR || k->type == CONF_PATH) {
		s = json_string_value(v);
		if (k->type == CONF_PATH && *s == '\0') {
			snprintf(err, errsz, "config.%s: empty path", path);
			return -1;
		}
		if (k->choices != NULL && !is_choice(k->choices, s)) {
			snprintf(err, errsz, "config.%s: '%.64s' is not one of %s", path, s,
			    k->choices);
			return -1;
		}
	}
	return 0;
}

struct walk {
	const char *step;
	int runtime_ok;
	char *err;
	size_t errsz;
};

static int walk_obj(const struct walk *w, const json_t *obj, const char *prefix);

/* config.<path> = v: a declared key, or a section of them; 0 or -1. */
static int
walk_one(const struct walk *w, const char *path, const json_t *v)
{
	const struct conf_key *k = conf_find(path);

	if (json_is_null(v))
		return 0;
	if (k == NULL && is_section(path)) {
		if (json_is_object(v))
			return walk_obj(w, v, path);
		snprintf(w->err, w->errsz, "config.%s: expected an object, found %s", path,
		    json_kind(v));
		return -1;
	}
	if (k == NULL) {
		snprintf(w->err, w->errsz, "config.%s: unknown key", path);
		return -1;
	}
	if (k->flags & CONF_RUNTIME && !w->runtime_ok) {
		snprintf(w->err, w->errsz, "config.%s: set by daily_run for each run, not "
		    "by a configuration file", path);
		return -1;
	}
	if (check_value(k, path, v, w->err, w->errsz) == -1)
		return -1;
	if (k->type == CONF_OBJ && !(k->flags & CONF_OPEN))
		return walk_obj(w, v, path);
	return 0;
}

static int
walk_obj(const struct walk *w, const json_t *obj, const char *prefix)
{
	char path[PATHSZ];
	const char *name;
	json_t *v;

	json_object_foreach((json_t *)obj, name, v) {
		if (snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "." : "",
		    name) >= (int)sizeof(path)) {
			snprintf(w->err, w->errsz, "config.%.64s...: key too long", path);
			return -1;
		}
		if (walk_one(w, path, v) == -1)
			return -1;
	}
	return 0;
}

/* The first component of key into buf. */
static const char *
top_of(const char *key, char *buf, size_t sz)
{
	snprintf(buf, sz, "%.*s", (int)strcspn(key, "."), key);
	return buf;
}

int
conf_check_config(const json_t *config, const char *step, int runtime_ok, char *err,
    size_t errsz)
{
	struct walk w = { step, runtime_ok, err, errsz };
	char top[PATHSZ], prev[PATHSZ] = "";
	size_t i;

	if (config == NULL || json_is_null(config))
		return 0;
	if (!json_is_object(config)) {
		snprintf(err, errsz, "config: expected an object, found %s",
		    json_kind(config));
		return -1;
	}
	if (step == NULL)
		return walk_obj(&w, config, "");
	/* The sections of the keys the step reads (each key's first component). */
	for (i = 0; i < conf_nkeys; i++) {
		if (!reads(&conf_keys[i], step))
			continue;
		top_of(conf_keys[i].key, top, sizeof(top));
		if (strcmp(top, prev) == 0)
			continue;
		snprintf(prev, sizeof(prev), "%s", top);
		if (json_object_get(config, top) != NULL &&
		    walk_one(&w, top, json_object_get(config, top)) == -1)
			return -1;
	}
	return 0;
}

void
conf_check(const json_t *state, const char *step)
{
	char err[512];

	if (conf_check_config(json_object_get(state, "config"), step, 1, err,
	    sizeof(err)) == -1)
		die(EXIT_CONFIG, "%s", err);
}

/* The decoded default of k (kept for the process), or NULL. */
static const json_t *
default_of(const struct conf_key *k)
{
	static json_t **defs;
	size_t i = (size_t)(k - conf_keys);

	if (k->def == NULL)
		return NULL;
	if (defs == NULL && (defs = calloc(conf_nkeys, sizeof(*defs))) == NULL)
		die(EXIT_SOFTWARE, "out of memory");
	if (defs[i] == NULL &&
	    (defs[i] = json_loads(k->def, JSON_DECODE_ANY, NULL)) == NULL)
		die(EXIT_SOFTWARE, "config.%s: bad default '%s' in the table", k->key,
		    k->def);
	return defs[i];
}

static const struct conf_key *
declared(const char *key)
{
	const struct conf_key *k = conf_find(key);

	if (k == NULL)
		die(EXIT_SOFTWARE, "config.%s: read but not declared in common/CONF_KEYS",
		    key);
	return k;
}

/* config.<key> in state, or NULL (absent or null). */
static const json_t *
raw(const json_t *state, const char *key)
{
	char path[PATHSZ];
	const json_t *v;

	snprintf(path, sizeof(path), "config.%s", key);
	v = field_get(state, path);
	return v == NULL || json_is_null(v) ? NULL : v;
}

const json_t *
conf_value(const json_t *state, const char *key)
{
	const struct conf_key *k = declared(key);
	const json_t *v = raw(state, key);
	char err[512];

	if (v == NULL)
		return default_of(k);
	if (check_value(k, key, v, err, sizeof(err)) == -1)
		die(EXIT_CONFIG, "%s", err);
	return v;
}

int
conf_isset(const json_t *state, const char *key)
{
	declared(key);
	return raw(state, key) != NULL;
}

double
conf_num(const json_t *state, const char *key)
{
	const json_t *v = conf_value(state, key);

	return json_is_number(v) ? json_number_value(v) : NAN;
}

long long
conf_int(const json_t *state, const char *key)
{
	const json_t *v = conf_value(state, key);

	if (!json_is_integer(v))
		die(EXIT_SOFTWARE, "config.%s: no integer default in the table", key);
	return json_integer_value(v);
}

int
conf_bool(const json_t *state, const char *key)
{
	return json_is_true(conf_value(state, key));
}

const char *
conf_str(const json_t *state, const char *key)
{
	return json_string_value(conf_value(state, key));
}

double
conf_num2(const json_t *state, const char *prefix, const char *name)
{
	char key[PATHSZ];

	snprintf(key, sizeof(key), "%s.%s", prefix, name);
	return conf_num(state, key);
}

long long
conf_int2(const json_t *state, const char *prefix, const char *name)
{
	char key[PATHSZ];

	snprintf(key, sizeof(key), "%s.%s", prefix, name);
	return conf_int(state, key);
}
