/*
 * Differential libFuzzer harness: jscan_object must accept exactly what state_load
 * (jansson) accepts, except documents jansson rejects only for a duplicate key, and
 * jscan_object_unique exactly (or say 1: an escaped key, not compared), and
 * jscan_object_members list what jscan_members does; and for
 * an accepted document, jscan_find's span of each top-level key must parse to the same
 * value jansson built. Any disagreement aborts. Built and run by `make fuzz`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jscan.h"
#include "state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every top-level key of j is found by jscan_find, and its span parses to the same value. */
static void
check_spans(const char *buf, size_t len, json_t *j)
{
	const char *key;
	json_t *v, *w;
	size_t off, vlen;

	json_object_foreach(j, key, v) {
		if (*key == '\0' || strchr(key, '.') != NULL || strchr(key, '\\') != NULL ||
		    strchr(key, '"') != NULL || strlen(key) != strcspn(key, "\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f/"))
			continue;	/* escaped in the text: not matched byte for byte */
		if (jscan_find(buf, len, key, &off, &vlen) < 0)
			continue;	/* the key may be written with escapes */
		w = json_loadb(buf + off, vlen, JSON_DECODE_ANY, NULL);
		if (w == NULL || !json_equal(v, w))
			abort();
		json_decref(w);
	}
}

/* The members the checking pass lists are jscan_members' (the first 16). */
static void
check_members(const char *buf, size_t len)
{
	struct jscan_member a[16], b[16];
	char err[256];
	size_t na = jscan_members(buf, len, a, 16), nb;

	struct jscan_prev self = { buf, a, na < 16 ? na : 16 };

	if (jscan_object_members(buf, len, 0, b, 16, &nb, NULL, err, sizeof(err)) != 0 ||
	    na != nb || memcmp(a, b, (na < 16 ? na : 16) * sizeof(*a)) != 0)
		abort();
	/* Itself as the previous document: its sections taken, the same members. */
	if (jscan_object_members(buf, len, 0, b, 16, &nb, &self, err, sizeof(err)) != 0 ||
	    na != nb || memcmp(a, b, (na < 16 ? na : 16) * sizeof(*a)) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char e1[256], e2[256];
	FILE *f;
	json_t *j;
	int a, b, u;

	if (size == 0 || (f = fmemopen((void *)data, size, "r")) == NULL)
		return 0;
	j = state_load(f, e1, sizeof(e1));
	fclose(f);
	a = j != NULL;
	b = jscan_object((const char *)data, size, e2, sizeof(e2)) == 0;
	if (a != b && !(b && !a && strstr(e1, "duplicate") != NULL))
		abort();
	/* jscan_object_unique: jansson's verdict, except 1 (an escaped key) when valid. */
	u = jscan_object_unique((const char *)data, size, e2, sizeof(e2));
	if ((u == 0 && !a) || (u < 0 && a) || (u == 1 && !b))
		abort();
	if (b)
		check_members((const char *)data, size);
	if (a)
		check_spans((const char *)data, size, j);
	json_decref(j);
	return 0;
}
