/*
 * Unit tests of common/jparse.c, against jansson's json_loadb (JSON_REJECT_DUPLICATES |
 * JSON_DECODE_ANY) as the independent reference: the same verdict on every
 * JSONTestSuite vector, the same tree with bit-identical reals on the accepted ones and
 * on the states of the synthetic default (compact and indented), and jparse_real equal
 * to strtod bit for bit on random decimal texts.
 */
#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jparse.h"
#include "tap.h"

/* The same tree: types, integers, strings byte for byte, reals bit for bit. */
static int
same(const json_t *a, const json_t *b)
{
	const char *k;
	json_t *v;
	double x, y;
	size_t i;

	if (json_typeof(a) != json_typeof(b))
		return 0;
	switch (json_typeof(a)) {
	case JSON_OBJECT:
		if (json_object_size(a) != json_object_size(b))
			return 0;
		json_object_foreach((json_t *)a, k, v)
			if (json_object_get(b, k) == NULL || !same(v, json_object_get(b, k)))
				return 0;
		return 1;
	case JSON_ARRAY:
		if (json_array_size(a) != json_array_size(b))
			return 0;
		for (i = 0; i < json_array_size(a); i++)
			if (!same(json_array_get(a, i), json_array_get(b, i)))
				return 0;
		return 1;
	case JSON_STRING:
		return json_string_length(a) == json_string_length(b) &&
		    memcmp(json_string_value(a), json_string_value(b), json_string_length(a)) == 0;
	case JSON_INTEGER:
		return json_integer_value(a) == json_integer_value(b);
	case JSON_REAL:
		x = json_real_value(a);
		y = json_real_value(b);
		return memcmp(&x, &y, sizeof(x)) == 0;
	default:
		return 1;
	}
}

/* Both parsers on buf: -1 when they disagree, else 1 accepted or 0 rejected. */
static int
compare(const char *buf, size_t len, const char *name)
{
	json_error_t e;
	char err[256];
	json_t *a = jparse(buf, len, err, sizeof(err));
	json_t *b = json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &e);
	int r = (a != NULL) == (b != NULL) && (a == NULL || same(a, b)) ? a != NULL : -1;

	if (r < 0)
		printf("#   %s: jparse %s, jansson %s\n", name, a ? "accepts" : err,
		    b ? "accepts" : e.text);
	if (a == NULL && strncmp(err, "line ", 5) != 0) {
		printf("#   %s: error without a position: %s\n", name, err);
		r = -1;
	}
	json_decref(a);
	json_decref(b);
	return r;
}

static char *
slurp(FILE *f, size_t *len)
{
	size_t cap = 1 << 16, n = 0, r;
	char *b = malloc(cap);

	while (b != NULL && (r = fread(b + n, 1, cap - n, f)) > 0)
		if ((n += r) == cap)
			b = realloc(b, cap *= 2);
	*len = n;
	return b;
}

static void
test_suite(void)
{
	const char *top = getenv("RESEARCH_DATA");
	char dir[1024], path[2048];
	struct dirent *d;
	int n = 0, bad = 0, accepted = 0, r;
	size_t len;
	char *buf;
	FILE *f;
	DIR *dp;

	snprintf(dir, sizeof(dir), "%s/jsontestsuite/test_parsing",
	    top ? top : "../shared/research");
	if ((dp = opendir(dir)) == NULL) {
		printf("# skip: no %s\n", dir);
		return;
	}
	while ((d = readdir(dp)) != NULL) {
		if (strstr(d->d_name, ".json") == NULL)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		if ((f = fopen(path, "rb")) == NULL)
			continue;
		buf = slurp(f, &len);
		fclose(f);
		/* state_load refuses NUL bytes before parsing (jansson skips some). */
		if (memchr(buf, '\0', len) == NULL) {
			r = compare(buf, len, d->d_name);
			bad += r < 0;
			accepted += r > 0;
			if (r > 0 && d->d_name[0] == 'n') {
				printf("#   %s accepted\n", d->d_name);
				bad++;
			}
			n++;
		}
		free(buf);
	}
	closedir(dp);
	check(n >= 300 && bad == 0, "jparse and jansson agree on every JSONTestSuite file");
	check(accepted >= 90, "and accept the valid ones (at least 90)");
}

/* Run the synthetic default through the steps; compare on each state, compact and indented. */
static void
test_states(void)
{
	static const char *steps[] = { "ingest", "quality", "agents", "aggregate",
		"strategies", "portfolio", "risk" };
	char cmd[4096], *buf, *pretty;
	size_t i, len, n = 0, total = 0;
	int ok = 1;
	json_t *j;
	FILE *f;

	if (getenv("JPARSE_NO_STATES") != NULL) {
		printf("# skip: JPARSE_NO_STATES\n");
		return;
	}
	snprintf(cmd, sizeof(cmd), "echo '{\"as_of\":\"2024-01-15\",\"config\":{}}'");
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		n = strlen(cmd);
		snprintf(cmd + n, sizeof(cmd) - n, " | bin/step-%s", steps[i]);
		if ((f = popen(cmd, "r")) == NULL)
			break;
		buf = slurp(f, &len);
		if (pclose(f) != 0 || len < 1000) {
			printf("# skip: %s failed (are the steps built?)\n", cmd);
			free(buf);
			return;
		}
		total += len;
		ok &= compare(buf, len, steps[i]) == 1;
		j = json_loadb(buf, len, 0, NULL);
		pretty = json_dumps(j, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
		ok &= compare(pretty, strlen(pretty), steps[i]) == 1;
		free(pretty);
		json_decref(j);
		free(buf);
	}
	check(ok && total > 1000000, "same trees as jansson on the seven synthetic states");
}

static uint64_t
next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* jparse_real equals strtod bit for bit on random texts about the fast path's bounds. */
static void
test_reals(void)
{
	static const char *edge[] = { "0.1", "9007199254740993.0", "1e22", "1e23",
		"123456789012345e-22", "123456789012345e22", "1234567890123456e-22",
		"-0.0", "0e400", "4.9e-324", "2.2250738585072011e-308", "1.7976931348623157e308",
		"0.000000000000000000000000000001", "100000000000000000000000.0", "-1E-5",
		"3.0e+0", "1.5e-0" };
	uint64_t seed = 0x9E3779B97F4A7C15ULL;
	char buf[64];
	double a, b;
	int i, ok = 1, ovf, nd, k;

	for (i = 0; i < (int)(sizeof(edge) / sizeof(edge[0])); i++) {
		a = jparse_real(edge[i], strlen(edge[i]), &ovf);
		b = strtod(edge[i], NULL);
		if (memcmp(&a, &b, sizeof(a)) != 0) {
			printf("#   %s: %.17g, strtod %.17g\n", edge[i], a, b);
			ok = 0;
		}
	}
	check(ok, "jparse_real equals strtod on the edge cases");
	ok = 1;
	for (i = 0; i < 300000; i++) {
		nd = 1 + (int)(next(&seed) % 18);
		k = (int)(next(&seed) % 50) - 25;
		snprintf(buf, sizeof(buf), "%s%.*f%se%d", next(&seed) & 1 ? "-" : "",
		    nd, (double)(next(&seed) % 100000) / 7.0, "", k);
		a = jparse_real(buf, strlen(buf), &ovf);
		b = strtod(buf, NULL);
		if (memcmp(&a, &b, sizeof(a)) != 0 && ok) {
			printf("#   %s: %.17g, strtod %.17g\n", buf, a, b);
			ok = 0;
		}
	}
	check(ok, "jparse_real equals strtod on 300000 random texts");
	jparse_real("1e400", 5, &ovf);
	check(ovf, "1e400 overflows");
	jparse_real("-1e309", 6, &ovf);
	check(ovf, "-1e309 overflows");
	a = jparse_real("1e-400", 6, &ovf);
	check(!ovf && a == 0, "1e-400 underflows to 0 (accepted, as jansson)");
}

static void
test_errors(void)
{
	const char *esc = "{\"\\u00e9\":\"x\\ud83d\\ude00\"}";
	char err[256];
	json_t *j;

	j = jparse("{\"a\":1,\n \"a\":2}", 16, err, sizeof(err));
	check(j == NULL && strcmp(err, "line 2, column 5: duplicate object key") == 0,
	    "a duplicate key names its line and column");
	j = jparse("{\"b\\u0061\":1,\"ba\":2}", 20, err, sizeof(err));
	check(j == NULL && strstr(err, "duplicate") != NULL, "an escaped duplicate key is found");
	j = jparse(esc, strlen(esc), err, sizeof(err));
	check(j != NULL && json_object_get(j, "\xc3\xa9") != NULL &&
	    strcmp(json_string_value(json_object_get(j, "\xc3\xa9")), "x\xf0\x9f\x98\x80") == 0,
	    "escapes decode to UTF-8 (BMP and a surrogate pair)");
	json_decref(j);
	j = jparse("[-0, -0.0, 12, 1.5e1]", 21, err, sizeof(err));
	check(j != NULL && json_is_integer(json_array_get(j, 0)) &&
	    json_integer_value(json_array_get(j, 0)) == 0 &&
	    signbit(json_real_value(json_array_get(j, 1))) &&
	    json_is_integer(json_array_get(j, 2)) && json_is_real(json_array_get(j, 3)) &&
	    json_real_value(json_array_get(j, 3)) == 15.0,
	    "-0 is the integer 0, -0.0 a negative zero real, 1.5e1 the real 15");
	json_decref(j);
	j = jparse("[9223372036854775808]", 21, err, sizeof(err));
	check(j == NULL && strstr(err, "too big integer") != NULL, "int64 overflow rejected");
}

/*
 * Arrays are gathered at their depth and moved in one json_array_extend (the table
 * sized to them, docs/BENCH.md "State I/O"): nested and sibling arrays keep their
 * elements, an error inside a nested array is reported where it is, and a decoded array
 * still grows when a step appends to it.
 */
static void
test_arrays(void)
{
	const char *nest = "[[1,[2,3],[]],[4],[[5]],{\"a\":[6,[7,\"x\"]]},"
	    "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18.5,null,true]]";
	char big[8000], err[256];
	size_t n = 0;
	json_t *j;
	int i;

	check_int(compare(nest, strlen(nest), "nested arrays"), 1, "nested arrays as jansson");
	n += (size_t)snprintf(big + n, sizeof(big) - n, "[");
	for (i = 0; i < 1000; i++)
		n += (size_t)snprintf(big + n, sizeof(big) - n, "%s%d.5", i ? "," : "", i);
	n += (size_t)snprintf(big + n, sizeof(big) - n, "]");
	check_int(compare(big, n, "1000 reals"), 1, "an array of 1000 reals as jansson");
	j = jparse(big, n, err, sizeof(err));
	check(j != NULL && json_array_size(j) == 1000 &&
	    json_real_value(json_array_get(j, 999)) == 999.5, "its last element is 999.5");
	for (i = 0; i < 100; i++)
		json_array_append_new(j, json_integer(i));
	check(json_array_size(j) == 1100 && json_integer_value(json_array_get(j, 1099)) == 99,
	    "a decoded array grows when appended to");
	json_decref(j);
	j = jparse("[[1,2],[3,x]]", 13, err, sizeof(err));
	check(j == NULL && strcmp(err, "line 1, column 11: invalid token") == 0,
	    "an error in a nested array names its place");
	check_int(compare("[[1,2],[3,x]]", 13, "bad nested"), 0, "and jansson rejects it too");
	j = jparse("[[1,2],[3,4]]", 13, err, sizeof(err));
	check(j != NULL && json_integer_value(json_array_get(json_array_get(j, 1), 1)) == 4 &&
	    json_array_size(json_array_get(j, 0)) == 2, "the same text without the error");
	json_decref(j);
}

/*
 * Equal strings of at most 32 bytes are one value (its reference count the number of
 * places), longer ones are not; the tree is still jansson's (compare), and the value
 * outlives the document while a reference is held.
 */
static void
test_strings(void)
{
	const char *t = "{\"a\":[\"2024-01-31\",\"2024-02-29\"],\"b\":[\"2024-01-31\","
	    "\"2024-02-29\"],\"c\":\"2024-01-\\u0033\\u0031\","
	    "\"d\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\","
	    "\"e\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"f\":\"2024-01-3\"}";
	char err[256];
	json_t *j = jparse(t, strlen(t), err, sizeof(err)), *v;

	check_int(compare(t, strlen(t), "strings"), 1, "strings as jansson");
	v = json_array_get(json_object_get(j, "a"), 0);
	check(v == json_array_get(json_object_get(j, "b"), 0) && v == json_object_get(j, "c") &&
	    v->refcount == 3, "\"2024-01-31\" three times (once escaped): one value, 3 references");
	check(json_object_get(j, "d") != json_object_get(j, "e") &&
	    json_object_get(j, "f") != v, "33 bytes: two values; a prefix: another value");
	json_incref(v);
	json_decref(j);
	check(strcmp(json_string_value(v), "2024-01-31") == 0 && v->refcount == 1,
	    "a held reference outlives the document");
	json_decref(v);
}

int
main(void)
{
	test_errors();
	test_strings();
	test_arrays();
	test_reals();
	test_suite();
	test_states();
	return test_done();
}
