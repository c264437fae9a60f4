/* The state decoder (see jparse.h; docs/STATE.md "Reading and writing the state"). */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jparse.h"
#include "xalloc.h"

#define MAX_DEPTH 2048	/* jansson's JSON_PARSER_DEFAULT_DEPTH */

/*
 * The reals made so far, by bit pattern: equal reals share one jansson value (steps
 * never change a real in place), which halves the decoded size of market data, where
 * values repeat (a third of the synthetic default's 26,298 are distinct). Open
 * addressing, at most MAX_REALS slots; past that, reals are made one by one.
 */
#define MAX_REALS (1 << 20)
/*
 * Strings of at most SHARE_STR_MAX bytes are shared likewise, found by a hash of their
 * bytes (the monthly series repeat their dates: 1,107 distinct of the default's 7,791
 * strings); steps never change a decoded string in place either (json_string_set).
 */
#define SHARE_STR_MAX 32

struct reals {
	struct rslot {		/* one cache line holds the pattern (or hash) and the value */
		uint64_t bits;
		json_t *v;
	} *slot;
	size_t n, cap;		/* cap: 0 or a power of two */
};

struct parse {
	const unsigned char *p, *end, *start;
	const char *why;
	char *sbuf;		/* decoded text of a string holding escapes */
	size_t scap;
	struct reals reals, strs;
	/*
	 * The elements of the arrays being decoded, innermost last: an array's table is
	 * made once its size is known, sized to it (jansson's appends double the table,
	 * leaving up to half of it unused: a third of the decoded size of a large state,
	 * docs/BENCH.md "State I/O"). Moving them costs no reference counting.
	 */
	json_t **stk;
	size_t nstk, capstk;
	json_t *nulls;		/* json_null()s: json_array_extend's size for a new array */
};

static void *
fail(struct parse *s, const char *why)
{
	if (s->why == NULL)
		s->why = why;
	return NULL;
}

/* v, or a failure "out of memory" when a jansson constructor returned NULL. */
static json_t *
oom(struct parse *s, json_t *v)
{
	return v != NULL ? v : fail(s, "out of memory");
}

static void
skip_ws(struct parse *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' ||
	    *s->p == '\r'))
		s->p++;
}

int
jparse_hex4(const unsigned char *p, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		v <<= 4;
		if (p[i] >= '0' && p[i] <= '9')
			v |= (unsigned)(p[i] - '0');
		else if (p[i] >= 'a' && p[i] <= 'f')
			v |= (unsigned)(p[i] - 'a' + 10);
		else if (p[i] >= 'A' && p[i] <= 'F')
			v |= (unsigned)(p[i] - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* Length of the strict UTF-8 sequence (RFC 3629) at p (first byte >= 0x80), or 0. */
static size_t
utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned c = *p, cp, n, i, min;

	if (c >= 0xC2 && c <= 0xDF)
		n = 1, cp = c & 0x1F, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 2, cp = c & 0x0F, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 3, cp = c & 0x07, min = 0x10000;
	else
		return 0;
	if ((size_t)(end - p) <= n)
		return 0;
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n + 1;
}

static void
sbuf_put(struct parse *s, size_t *n, const void *src, size_t len)
{
	if (len == 0)
		return;
	if (*n + len > s->scap) {
		while (*n + len > s->scap)
			s->scap = s->scap ? 2 * s->scap : 256;
		s->sbuf = xreallocarray(s->sbuf, s->scap, 1);
	}
	memcpy(s->sbuf + *n, src, len);
	*n += len;
}

/* Append code point cp as UTF-8. */
static void
sbuf_utf8(struct parse *s, size_t *n, unsigned cp)
{
	unsigned char u[4];
	size_t k;

	if (cp < 0x80)
		u[0] = (unsigned char)cp, k = 1;
	else if (cp < 0x800)
		u[0] = (unsigned char)(0xC0 | cp >> 6), u[1] = (unsigned char)(0x80 | (cp & 0x3F)), k = 2;
	else if (cp < 0x10000)
		u[0] = (unsigned char)(0xE0 | cp >> 12), u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F)),
		    u[2] = (unsigned char)(0x80 | (cp & 0x3F)), k = 3;
	else
		u[0] = (unsigned char)(0xF0 | cp >> 18), u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F)),
		    u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F)), u[3] = (unsigned char)(0x80 | (cp & 0x3F)),
		    k = 4;
	sbuf_put(s, n, u, k);
}

/* The escape after the backslash at s->p[-1], decoded into sbuf. */
static int
escape(struct parse *s, size_t *n)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *e;
	unsigned u, lo;

	if (s->p >= s->end)
		return fail(s, "premature end of input"), -1;
	if (*s->p != '\0' && (e = strchr(from, *s->p)) != NULL) {
		sbuf_put(s, n, to + (e - from), 1);
		s->p++;
		return 0;
	}
	if (*s->p != 'u' || s->end - s->p < 5 || jparse_hex4(s->p + 1, &u) < 0)
		return fail(s, "invalid escape"), -1;
	s->p += 5;
	if (u == 0)
		return fail(s, "\\u0000 is not allowed"), -1;
	if (u >= 0xDC00 && u <= 0xDFFF)
		return fail(s, "invalid Unicode escape (lone low surrogate)"), -1;
	if (u >= 0xD800 && u <= 0xDBFF) {
		if (s->end - s->p < 6 || s->p[0] != '\\' || s->p[1] != 'u' ||
		    jparse_hex4(s->p + 2, &lo) < 0 || lo < 0xDC00 || lo > 0xDFFF)
			return fail(s, "invalid Unicode escape (lone high surrogate)"), -1;
		s->p += 6;
		u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
	}
	sbuf_utf8(s, n, u);
	return 0;
}

/*
 * The string at s->p (its opening quote): 0 with its decoded bytes in *str, *len
 * (pointing into the input when it holds no escape, else into s->sbuf), or -1.
 */
static int
string(struct parse *s, const char **str, size_t *len)
{
	const unsigned char *q = ++s->p, *run;
	size_t n = 0, k;
	int escaped = 0;

	for (run = q; s->p < s->end;) {
		unsigned char c = *s->p;

		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			s->p++;
			continue;
		}
		if (c == '"') {
			if (escaped)
				sbuf_put(s, &n, run, (size_t)(s->p - run));
			*str = escaped ? s->sbuf : (const char *)q;
			*len = escaped ? n : (size_t)(s->p - q);
			s->p++;
			return 0;
		}
		if (c < 0x20)
			return fail(s, "control character in string"), -1;
		if (c == '\\') {
			sbuf_put(s, &n, run, (size_t)(s->p - run));
			escaped = 1;
			s->p++;
			if (escape(s, &n) < 0)
				return -1;
			run = s->p;
		} else if ((k = utf8_len(s->p, s->end)) == 0)
			return fail(s, "invalid UTF-8"), -1;
		else
			s->p += k;
	}
	return fail(s, "premature end of input"), -1;
}

static int
digits(struct parse *s)
{
	const unsigned char *q = s->p;

	while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
		s->p++;
	return s->p > q ? 0 : (fail(s, "invalid number"), -1);
}

/* Advance over a number; *real when it has a fraction or an exponent. */
static int
number_span(struct parse *s, int *real)
{
	*real = 0;
	if (*s->p == '-')
		s->p++;
	if (s->p < s->end && *s->p == '0')
		s->p++;
	else if (digits(s) < 0)
		return -1;
	if (s->p < s->end && *s->p == '.') {
		s->p++;
		*real = 1;
		if (digits(s) < 0)
			return -1;
	}
	if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
		s->p++;
		*real = 1;
		if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
			s->p++;
		if (digits(s) < 0)
			return -1;
	}
	return 0;
}

/* strtod on a NUL-terminated copy of s[0..n). */
static double
slow_real(const char *s, size_t n, int *overflow)
{
	char buf[64], *copy = n < sizeof(buf) ? buf : xmalloc(n + 1);
	double d;

	memcpy(copy, s, n);
	copy[n] = '\0';
	errno = 0;
	d = strtod(copy, NULL);
	*overflow = errno == ERANGE && isinf(d);
	if (copy != buf)
		free(copy);
	return d;
}

double
jparse_real(const char *s, size_t n, int *overflow)
{
	/* Powers of ten that are exact doubles (10^22 < 2^53 * 2^22). */
	static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
		1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
	const char *p = s, *end = s + n;
	uint64_t m = 0;
	long e = 0, x = 0;
	int neg = 0, nsig = 0, eneg = 0;
	double d;

	*overflow = 0;
	if (p < end && *p == '-')
		neg = 1, p++;
	for (; p < end && *p >= '0' && *p <= '9'; p++)
		if (nsig > 0 || *p != '0') {
			if (++nsig <= 19)
				m = m * 10 + (uint64_t)(*p - '0');
		}
	if (p < end && *p == '.')
		for (p++; p < end && *p >= '0' && *p <= '9'; p++) {
			if (nsig > 0 || *p != '0') {
				if (++nsig <= 19)
					m = m * 10 + (uint64_t)(*p - '0');
			}
			e--;
		}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (*p == '+' || *p == '-')
			eneg = *p++ == '-';
		for (; p < end && *p >= '0' && *p <= '9'; p++)
			if (x < 100000)
				x = x * 10 + (*p - '0');
		e += eneg ? -x : x;
	}
	/*
	 * Clinger's fast path: a mantissa of at most 15 digits and a power of ten up to
	 * 10^22 are exact doubles, so one IEEE multiply or divide rounds correctly.
	 */
	if (m == 0 && nsig == 0)
		return neg ? -0.0 : 0.0;
	if (nsig <= 15 && e >= -22 && e <= 22) {
		d = e < 0 ? (double)m / p10[-e] : (double)m * p10[e];
		return neg ? -d : d;
	}
	return slow_real(s, n, overflow);
}

static size_t
hash64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (size_t)x;
}

/*
 * A table twice the size, or from 1,024 slots; past 1,024, straight to a size for
 * one value in 8 bytes of the input left (at most MAX_REALS): the ingest section's
 * table grew five times, each a rehash and a new block of pages (4 % of a step).
 */
static void
reals_grow(struct reals *r, size_t left)
{
	size_t cap = r->cap ? 2 * r->cap : 1024, i, h;
	struct rslot *slot;

	while (r->cap > 0 && cap < left / 8 && cap < MAX_REALS)
		cap *= 2;
	slot = xcalloc(cap, sizeof(*slot));

	for (i = 0; i < r->cap; i++) {
		if (r->slot[i].v == NULL)
			continue;
		for (h = hash64(r->slot[i].bits) & (cap - 1); slot[h].v != NULL;
		    h = (h + 1) & (cap - 1))
			;
		slot[h] = r->slot[i];
	}
	free(r->slot);
	r->slot = slot;
	r->cap = cap;
}

/* The real d: another reference to an equal one made before, or a new value. */
static json_t *
shared_real(struct parse *s, double d)
{
	struct reals *r = &s->reals;
	uint64_t b;
	size_t h;
	json_t *v;

	if (2 * (r->n + 1) > r->cap) {
		if (r->cap >= MAX_REALS)
			return oom(s, json_real(d));
		reals_grow(r, (size_t)(s->end - s->p));
	}
	memcpy(&b, &d, sizeof(b));
	for (h = hash64(b) & (r->cap - 1); r->slot[h].v != NULL; h = (h + 1) & (r->cap - 1))
		if (r->slot[h].bits == b)
			return json_incref(r->slot[h].v);
	if ((v = json_real(d)) == NULL)
		return fail(s, "out of memory");
	r->slot[h] = (struct rslot){ b, v };
	r->n++;
	return v;
}

/* The string str[0..len): another reference to an equal short one, or a new value. */
static json_t *
shared_string(struct parse *s, const char *str, size_t len)
{
	struct reals *r = &s->strs;
	uint64_t b = 0xcbf29ce484222325ULL;	/* FNV-1a */
	size_t h, i;
	json_t *v;

	if (len > SHARE_STR_MAX || (2 * (r->n + 1) > r->cap && r->cap >= MAX_REALS))
		return oom(s, json_stringn_nocheck(str, len));
	if (2 * (r->n + 1) > r->cap)
		reals_grow(r, 0);	/* doubling: few strings differ */
	for (i = 0; i < len; i++)
		b = (b ^ (unsigned char)str[i]) * 0x100000001b3ULL;
	for (h = hash64(b) & (r->cap - 1); r->slot[h].v != NULL; h = (h + 1) & (r->cap - 1))
		if (r->slot[h].bits == b && json_string_length(r->slot[h].v) == len &&
		    memcmp(json_string_value(r->slot[h].v), str, len) == 0)
			return json_incref(r->slot[h].v);
	if ((v = json_stringn_nocheck(str, len)) == NULL)
		return fail(s, "out of memory");
	r->slot[h] = (struct rslot){ b, v };
	r->n++;
	return v;
}

/* An integer token (no fraction, no exponent) as jansson reads it: int64 or an error. */
static json_t *
integer(struct parse *s, const unsigned char *q, size_t n)
{
	const unsigned char *p = q + (*q == '-');
	char buf[64], *copy;
	long long v = 0;

	if (n - (size_t)(p - q) <= 18) {
		for (; p < q + n; p++)
			v = v * 10 + (*p - '0');
		return oom(s, json_integer(*q == '-' ? -v : v));
	}
	copy = n < sizeof(buf) ? buf : xmalloc(n + 1);
	memcpy(copy, q, n);
	copy[n] = '\0';
	errno = 0;
	v = strtoll(copy, NULL, 10);
	if (copy != buf)
		free(copy);
	if (errno == ERANGE)
		return fail(s, *q == '-' ? "too big negative integer" : "too big integer");
	return oom(s, json_integer(v));
}

static json_t *
number(struct parse *s)
{
	const unsigned char *q = s->p;
	int real, overflow;
	double d;

	if (number_span(s, &real) < 0)
		return NULL;
	if (!real)
		return integer(s, q, (size_t)(s->p - q));
	d = jparse_real((const char *)q, (size_t)(s->p - q), &overflow);
	if (overflow)
		return fail(s, "real number overflow");
	return shared_real(s, d);
}

static json_t *value(struct parse *s, int depth);

/* After a member or an element: 1 at the closing byte, 0 after a comma, -1 on error. */
static int
next_member(struct parse *s, char close)
{
	skip_ws(s);
	if (s->p >= s->end)
		return fail(s, "premature end of input"), -1;
	if (*s->p == close) {
		s->p++;
		return 1;
	}
	if (*s->p != ',')
		return fail(s, close == '}' ? "'}' expected" : "']' expected"), -1;
	s->p++;
	skip_ws(s);
	return 0;
}

/* One "key": value into obj; -1 on error. */
static int
member(struct parse *s, json_t *obj, int depth)
{
	const char *k;
	char *own = NULL;
	size_t klen;
	json_t *v;

	if (s->p >= s->end || *s->p != '"')
		return fail(s, "string or '}' expected"), -1;
	if (string(s, &k, &klen) < 0)
		return -1;
	if (json_object_getn(obj, k, klen) != NULL)
		return fail(s, "duplicate object key"), -1;
	if (k == s->sbuf) {	/* the value's strings reuse sbuf */
		own = xmalloc(klen + 1);
		memcpy(own, k, klen);
		k = own;
	}
	skip_ws(s);
	if (s->p >= s->end || *s->p != ':') {
		free(own);
		return fail(s, "':' expected"), -1;
	}
	s->p++;
	v = value(s, depth);
	/* setn_new takes v, also when it fails (out of memory). */
	if (v != NULL && json_object_setn_new_nocheck(obj, k, klen, v) < 0)
		v = fail(s, "out of memory");
	free(own);
	return v != NULL ? 0 : -1;
}

/* Past the '{' or '[' at s->p and the spaces after it; -1 after fail(). */
static int
open_container(struct parse *s, int depth)
{
	if (depth > MAX_DEPTH)
		return fail(s, "maximum parsing depth reached"), -1;
	s->p++;
	skip_ws(s);
	if (s->p >= s->end)
		return fail(s, "premature end of input"), -1;
	return 0;
}

static json_t *
object(struct parse *s, int depth)
{
	json_t *obj;
	int r;

	if (open_container(s, depth) < 0)
		return NULL;
	if ((obj = json_object()) == NULL)
		return fail(s, "out of memory");
	if (*s->p == '}') {
		s->p++;
		return obj;
	}
	do {
		if (member(s, obj, depth) < 0) {
			json_decref(obj);
			return NULL;
		}
	} while ((r = next_member(s, '}')) == 0);
	if (r < 0) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

/* jansson's initial table of an array (json_array): appends fill it without regrowing. */
#define ARRAY_FIRST 8

static int
push(struct parse *s, json_t *v)
{
	if (s->nstk == s->capstk) {
		size_t cap = s->capstk ? 2 * s->capstk : 1024;
		json_t **p = realloc(s->stk, cap * sizeof(*p));

		if (p == NULL) {
			json_decref(v);
			return fail(s, "out of memory"), -1;
		}
		s->stk = p;
		s->capstk = cap;
	}
	s->stk[s->nstk++] = v;
	return 0;
}

/* Drop the elements pushed from base on. */
static void
pop_to(struct parse *s, size_t base)
{
	while (s->nstk > base)
		json_decref(s->stk[--s->nstk]);
}

/*
 * s->nulls holding exactly n json_null()s (static: no reference counting); -1 when
 * out of memory.
 */
static int
nulls(struct parse *s, size_t n)
{
	size_t m;

	if (s->nulls == NULL && (s->nulls = json_array()) == NULL)
		return -1;
	for (m = json_array_size(s->nulls); m > n; m--)
		json_array_remove(s->nulls, m - 1);
	for (; m < n; m++)
		if (json_array_append_new(s->nulls, json_null()) < 0)
			return -1;
	return 0;
}

/*
 * A new array of the elements pushed from base on (taken off the stack), its table
 * sized to them: a larger one is first extended by as many nulls (one allocation of
 * the exact size), which the elements then replace.
 */
static json_t *
array_of(struct parse *s, size_t base)
{
	size_t n = s->nstk - base, i;
	json_t *arr = json_array();

	if (arr == NULL || (n > ARRAY_FIRST &&
	    (nulls(s, n) < 0 || json_array_extend(arr, s->nulls) < 0))) {
		json_decref(arr);
		pop_to(s, base);
		return fail(s, "out of memory");
	}
	for (i = 0; i < n; i++)
		if ((n > ARRAY_FIRST ? json_array_set_new(arr, i, s->stk[base + i]) :
		    json_array_append_new(arr, s->stk[base + i])) < 0) {
			pop_to(s, base + i + 1);	/* set_new/append_new took the i-th */
			s->nstk = base;
			json_decref(arr);
			return fail(s, "out of memory");
		}
	s->nstk = base;
	return arr;
}

static json_t *
array(struct parse *s, int depth)
{
	size_t base = s->nstk;
	json_t *v;
	int r;

	if (open_container(s, depth) < 0)
		return NULL;
	if (*s->p == ']') {
		s->p++;
		return oom(s, json_array());
	}
	do {
		if ((v = value(s, depth)) == NULL || push(s, v) < 0) {
			pop_to(s, base);
			return NULL;
		}
	} while ((r = next_member(s, ']')) == 0);
	if (r < 0) {
		pop_to(s, base);
		return NULL;
	}
	return array_of(s, base);
}

/* The parser's own buffers. */
static void
parse_free(struct parse *s)
{
	free(s->sbuf);
	free(s->reals.slot);
	free(s->strs.slot);
	free(s->stk);
	json_decref(s->nulls);
}

static json_t *
literal(struct parse *s, const char *word, json_t *v)
{
	size_t n = strlen(word);

	if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
		return fail(s, "invalid token");
	s->p += n;
	return v;
}

static json_t *
value(struct parse *s, int depth)
{
	const char *str;
	size_t len;

	skip_ws(s);
	if (s->p >= s->end)
		return fail(s, "premature end of input");
	switch (*s->p) {
	case '{':
		return object(s, depth + 1);
	case '[':
		return array(s, depth + 1);
	case '"':
		if (string(s, &str, &len) < 0)
			return NULL;
		return shared_string(s, str, len);
	case 't':
		return literal(s, "true", json_true());
	case 'f':
		return literal(s, "false", json_false());
	case 'n':
		return literal(s, "null", json_null());
	default:
		if (*s->p == '-' || (*s->p >= '0' && *s->p <= '9'))
			return number(s);
		return fail(s, "invalid token");
	}
}

void
jparse_where(const char *start, size_t off, int bytes, int *line, int *col)
{
	const unsigned char *q = (const unsigned char *)start, *p = q + off;

	*line = 1;
	*col = 1;
	for (; q < p; q++) {
		if (*q == '\n') {
			(*line)++;
			*col = 1;
		} else if (bytes || (*q & 0xC0) != 0x80)
			(*col)++;
	}
}

json_t *
jparse(const char *buf, size_t len, char *err, size_t errsz)
{
	struct parse s = { (const unsigned char *)buf, (const unsigned char *)buf + len,
		(const unsigned char *)buf, NULL, NULL, 0, { NULL, 0, 0 }, { NULL, 0, 0 },
		NULL, 0, 0, NULL };
	json_t *j;
	int line, col;

	if ((j = value(&s, 0)) != NULL) {
		skip_ws(&s);
		if (s.p != s.end) {
			json_decref(j);
			j = fail(&s, "end of file expected");
		}
	}
	parse_free(&s);
	if (j == NULL) {
		jparse_where(buf, (size_t)((s.p < s.end ? s.p : s.end) - s.start), 0,
		    &line, &col);
		snprintf(err, errsz, "line %d, column %d: %s", line, col,
		    s.why ? s.why : "out of memory");
	}
	return j;
}

json_t *
jparse_prefix(const char *buf, size_t len, int depth, size_t *used)
{
	struct parse s = { (const unsigned char *)buf, (const unsigned char *)buf + len,
		(const unsigned char *)buf, NULL, NULL, 0, { NULL, 0, 0 }, { NULL, 0, 0 },
		NULL, 0, 0, NULL };
	json_t *j = value(&s, depth);

	parse_free(&s);
	*used = (size_t)(s.p - s.start);
	return j;
}

size_t
jparse_utf8(const unsigned char *p, const unsigned char *end)
{
	return utf8_len(p, end);
}
