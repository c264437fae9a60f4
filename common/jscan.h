/*
 * A JSON scanner that validates a document without building it, and finds the byte
 * span of a value by a dotted path of object keys. daily_run uses it to check a step's
 * output (about 20 times faster than building the tree with jansson) and then parses only
 * the small pieces it prints. It accepts what state_load accepts except that duplicate
 * keys are only detected by jscan_object_unique (the next step's state_read rejects
 * them; daily_run checks the last output so): RFC 8259 grammar,
 * strict UTF-8, no \u0000, no lone surrogates, nesting at most 2048, integers within
 * int64, reals that do not overflow, a top-level object, surrounding whitespace only.
 */
#ifndef JSCAN_H
#define JSCAN_H

#include <stddef.h>

/* 0 when buf[0..len) is one JSON object; else -1 with "line L, column C: why" in err. */
int jscan_object(const char *buf, size_t len, char *err, size_t errsz);
/*
 * jscan_object that also rejects an object with two equal keys ("duplicate object
 * key", the first such object to close), as state_load does: 0, or -1 with why in err,
 * or 1 when the document is valid but a key holds an escape, whose keys it does not
 * compare (the caller decodes the document to know).
 */
int jscan_object_unique(const char *buf, size_t len, char *err, size_t errsz);
/*
 * In a document jscan_object accepted, the value at path ("report.summary"; keys are
 * matched byte for byte, escapes are not decoded): 0 with its offset and length, or -1.
 */
int jscan_find(const char *buf, size_t len, const char *path, size_t *off, size_t *vlen);
/* A top-level member: its key's bytes (without the quotes) and its value's, as offsets. */
struct jscan_member {
	size_t key, klen, off, len;
};
/*
 * In a document jscan_object accepted, the top-level members in their order: the first
 * max into m; returns how many there are. One pass, where a jscan_find per path would
 * skip the large sections again each time (daily_run reads several paths of each output).
 */
size_t jscan_members(const char *buf, size_t len, struct jscan_member *m, size_t max);
/* A document jscan_object accepted and its first n top-level members. */
struct jscan_prev {
	const char *buf;
	const struct jscan_member *m;
	size_t n;
};
/*
 * jscan_object, or jscan_object_unique when unique is set (the same returns), that
 * also lists the top-level members as jscan_members does, in the same pass: the first
 * max into m, their number in *n (meaningful when it returns 0 or 1). With prev (not
 * NULL, and unique not set), a top-level object, array or string whose bytes are those
 * of prev's member of the same key is not scanned again: it is valid as it was there
 * (daily_run: each step passes the sections before it through unchanged).
 */
int jscan_object_members(const char *buf, size_t len, int unique, struct jscan_member *m,
    size_t max, size_t *n, const struct jscan_prev *prev, char *err, size_t errsz);

#endif
