/*
 * The state decoder behind state_load: a recursive-descent parser that builds jansson
 * values straight from the text (docs/STATE.md "Reading and writing the state"). It
 * accepts and rejects exactly what json_loadb with JSON_REJECT_DUPLICATES |
 * JSON_DECODE_ANY does: RFC 8259 grammar, strict UTF-8, no \u0000, no lone surrogates,
 * no duplicate keys, nesting at most 2048, integers within int64 (json_integer, "-0"
 * included), reals (with '.' or an exponent) that do not overflow; the same tree, reals
 * bit-identical (a correctly rounded conversion: Clinger's exact fast path, else strtod).
 * Equal reals of one document share a single jansson value (more references to it), and
 * so do equal strings of at most 32 bytes: never change a decoded real or string in
 * place (json_real_set, json_string_set).
 */
#ifndef JPARSE_H
#define JPARSE_H

#include <stddef.h>
#include <jansson.h>

/*
 * Parse buf[0..len) as one JSON value surrounded by whitespace only. Returns a new
 * reference, or NULL with "line L, column C: why" in err (errsz bytes); the text of
 * the input is never quoted.
 */
json_t *jparse(const char *buf, size_t len, char *err, size_t errsz);
/*
 * One value at the start of buf[0..len) (after optional whitespace), nested depth levels
 * deep (the nesting limit counts from there): a new reference with the bytes it used in
 * *used, or NULL (no position: jparse of the whole document says where).
 */
json_t *jparse_prefix(const char *buf, size_t len, int depth, size_t *used);
/* Length of the strict UTF-8 sequence at p (first byte >= 0x80) before end, or 0. */
size_t jparse_utf8(const unsigned char *p, const unsigned char *end);
/* The four hex digits at p as a code unit in *out: 0, or -1 when one is not hex. */
int jparse_hex4(const unsigned char *p, unsigned *out);
/*
 * Line and column (1-based) of start[off] for an error message: the column counts
 * characters, as jansson's does, or bytes when bytes is set (common/jscan.c).
 */
void jparse_where(const char *start, size_t off, int bytes, int *line, int *col);
/*
 * The double nearest the number text s[0..n) (RFC 8259 grammar, already checked):
 * exact and correctly rounded like strtod. Sets *overflow when it is out of range.
 */
double jparse_real(const char *s, size_t n, int *overflow);

#endif
