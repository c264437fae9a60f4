/*
 * The canonical JSON serializer behind state_dump: keys sorted bytewise, compact, reals
 * in a short form that reads back to the same double (always with '.' or 'e'), integers
 * as they are. It builds the text in memory and so needs one write.
 */
#ifndef JSONOUT_H
#define JSONOUT_H

#include <stddef.h>
#include <stdio.h>
#include <jansson.h>

/*
 * A new malloc'd buffer holding the canonical text of j (not NUL-terminated; *len bytes),
 * or NULL with errno EDOM when j holds a non-finite real.
 */
char *json_canonical(const json_t *j, size_t *len);
/* A value to write as the given text: canonical text kept from the input (jcanon.h). */
struct jsonout_raw {
	const json_t *mark;	/* where this value stands in the tree */
	const char *text;
	size_t len;
};
/* json_canonical, writing raw[i].text in place of the value raw[i].mark. */
char *json_canonical_raw(const json_t *j, const struct jsonout_raw *raw, size_t nraw,
    size_t *len);
/*
 * The same text written to f as it is made, in 64 KiB pieces (the whole text is never
 * in memory): 0, or -1 with errno (EDOM for a non-finite real, after part of the text
 * was written; a write error).
 */
int json_canonical_write(FILE *f, const json_t *j, const struct jsonout_raw *raw,
    size_t nraw);
/* Format x as json_canonical does into buf (at least 32 bytes); returns the length. */
size_t json_format_real(double x, char *buf);

#endif
