/*
 * A scanner for text that is already canonical: exactly what the writer (common/jsonout.c)
 * would print for the value it denotes, so that a step can copy a section it does not
 * read from its input to its output without decoding it (docs/STATE.md "Reading and
 * writing the state"). Anything else, valid or not, is "not canonical" and the caller
 * decodes it (which rejects what is invalid).
 */
#ifndef JCANON_H
#define JCANON_H

#include <stddef.h>

/*
 * The length of the canonical JSON value at the start of p[0..n), or 0 when the text
 * there is not one: compact, members in strictly increasing bytewise key order (keys
 * without escapes), strings valid UTF-8 in the writer's escape form, integers as %lld
 * within int64, reals in the writer's exact form; nested inside depth open containers
 * (1 for a top-level member), nesting at most 2048 in all, as the decoder allows.
 */
size_t jcanon_span(const char *p, size_t n, int depth);
/* 1 when the number text s[0..n) (RFC 8259 grammar) is what the writer prints for it. */
int jcanon_number(const char *s, size_t n);

#endif
