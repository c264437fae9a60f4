/* The validating JSON scanner (see jscan.h). */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jparse.h"
#include "jscan.h"
#include "xalloc.h"

#define MAX_DEPTH 2048

/* The keys of the objects being scanned, innermost last (jscan_object_unique). */
struct keys {
	struct kspan {
		const unsigned char *k;
		size_t n;
	} *v;
	size_t n, cap;
	int escaped;		/* a key held a backslash: not compared */
};

/* The top-level members found so far (jscan_object_members). */
struct members {
	struct jscan_member *m;
	size_t max, n;
};

struct scan {
	const unsigned char *p, *end, *start;
	const char *why;
	struct keys *keys;	/* NULL: duplicate keys are not looked for */
	struct members *top;	/* NULL: the top-level members are not listed */
	const struct jscan_prev *prev;	/* NULL: every section is scanned */
};

static int
fail(struct scan *s, const char *why)
{
	if (s->why == NULL)
		s->why = why;
	return -1;
}

static void
skip_ws(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' ||
	    *s->p == '\r'))
		s->p++;
}

/* One UTF-8 sequence starting at s->p (first byte >= 0x80): strict, as RFC 3629. */
static int
utf8(struct scan *s)
{
	size_t k = jparse_utf8(s->p, s->end);

	if (k == 0)
		return fail(s, "invalid UTF-8");
	s->p += k;
	return 0;
}

/* An escape after the backslash at s->p[-1]. */
static int
escape(struct scan *s)
{
	unsigned u, lo;

	if (s->p >= s->end)
		return fail(s, "premature end of input");
	if (strchr("\"\\/bfnrt", *s->p) != NULL && *s->p != '\0') {
		s->p++;
		return 0;
	}
	if (*s->p != 'u' || s->end - s->p < 5 || jparse_hex4(s->p + 1, &u) < 0)
		return fail(s, "invalid escape");
	s->p += 5;
	if (u == 0)
		return fail(s, "\\u0000 is not allowed");
	if (u >= 0xDC00 && u <= 0xDFFF)
		return fail(s, "invalid Unicode escape (lone low surrogate)");
	if (u >= 0xD800 && u <= 0xDBFF) {
		if (s->end - s->p < 6 || s->p[0] != '\\' || s->p[1] != 'u' ||
		    jparse_hex4(s->p + 2, &lo) < 0 || lo < 0xDC00 || lo > 0xDFFF)
			return fail(s, "invalid Unicode escape (lone high surrogate)");
		s->p += 6;
	}
	return 0;
}

static int
string(struct scan *s)
{
	s->p++;	/* the opening quote */
	while (s->p < s->end) {
		unsigned char c = *s->p;

		if (c == '"') {
			s->p++;
			return 0;
		}
		if (c < 0x20)
			return fail(s, "control character in string");
		if (c == '\\') {
			s->p++;
			if (escape(s) < 0)
				return -1;
		} else if (c >= 0x80) {
			if (utf8(s) < 0)
				return -1;
		} else
			s->p++;
	}
	return fail(s, "premature end of input");
}

static int
digits(struct scan *s)
{
	const unsigned char *q = s->p;

	while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
		s->p++;
	return s->p > q ? 0 : fail(s, "invalid number");
}

static int
number(struct scan *s)
{
	const unsigned char *q = s->p, *int_start;
	int real = 0, expo = 0;
	char buf[64], *copy;
	size_t n, int_digits;
	double d;

	if (*s->p == '-')
		s->p++;
	int_start = s->p;
	if (s->p < s->end && *s->p == '0')
		s->p++;
	else if (digits(s) < 0)
		return -1;
	int_digits = (size_t)(s->p - int_start);
	if (s->p < s->end && *s->p == '.') {
		s->p++;
		real = 1;
		if (digits(s) < 0)
			return -1;
	}
	if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
		s->p++;
		real = expo = 1;
		if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
			s->p++;
		if (digits(s) < 0)
			return -1;
	}
	/* Short numbers cannot be out of range: skip the conversion (the common case). */
	if ((!real && int_digits <= 18) || (real && !expo && int_digits < 300))
		return 0;
	/* Range, as jansson: integers must fit int64 and reals must not overflow. */
	n = (size_t)(s->p - q);
	copy = n < sizeof(buf) ? buf : malloc(n + 1);
	if (copy == NULL)
		return fail(s, "out of memory");
	memcpy(copy, q, n);
	copy[n] = '\0';
	errno = 0;
	if (real) {
		d = strtod(copy, NULL);
		if (errno == ERANGE && isinf(d))
			fail(s, "real number overflow");
	} else {
		(void)strtoll(copy, NULL, 10);
		if (errno == ERANGE)
			fail(s, "too big integer");
	}
	if (copy != buf)
		free(copy);
	return s->why ? -1 : 0;
}

static int value(struct scan *s, int depth);

static int
cmpkey(const void *a, const void *b)
{
	const struct kspan *x = a, *y = b;

	if (x->n != y->n)
		return (x->n > y->n) - (x->n < y->n);
	return memcmp(x->k, y->k, x->n);
}

/* The key just scanned (its text ends before s->p's closing quote) onto s->keys. */
static void
push_key(struct scan *s, const unsigned char *k)
{
	struct keys *ks = s->keys;
	size_t n = (size_t)(s->p - 1 - k);

	if (memchr(k, '\\', n) != NULL)
		ks->escaped = 1;
	if (ks->n == ks->cap) {
		ks->cap = ks->cap ? 2 * ks->cap : 256;
		ks->v = xreallocarray(ks->v, ks->cap, sizeof(*ks->v));
	}
	ks->v[ks->n++] = (struct kspan){ k, n };
}

/* Are the keys from base on (one object's) all different? Pops them. */
static int
keys_unique(struct scan *s, size_t base)
{
	struct kspan *v = s->keys->v + base;
	size_t n = s->keys->n - base, i, j;
	int ok = 1;

	if (n <= 8) {
		for (i = 0; i < n && ok; i++)
			for (j = i + 1; j < n && ok; j++)
				ok = cmpkey(&v[i], &v[j]) != 0;
	} else {
		qsort(v, n, sizeof(*v), cmpkey);
		for (i = 1; i < n && ok; i++)
			ok = cmpkey(&v[i - 1], &v[i]) != 0;
	}
	s->keys->n = base;
	return ok ? 0 : fail(s, "duplicate object key");
}

/*
 * The length of the top-level value at s->p when it is, byte for byte, the value of
 * the previous document's member of the same key and that value is an object, an
 * array or a string (which end with their own last byte: the bytes after it do not
 * change where it ends); else 0. Such a value is valid here as it was there.
 */
static size_t
seen_before(const struct scan *s, const unsigned char *k, size_t klen)
{
	const struct jscan_prev *pv = s->prev;
	const struct jscan_member *m;
	const unsigned char *b = (const unsigned char *)pv->buf;
	size_t i;

	for (i = 0; i < pv->n; i++) {
		m = &pv->m[i];
		if (m->klen != klen || memcmp(b + m->key, k, klen) != 0)
			continue;
		if ((b[m->off] == '{' || b[m->off] == '[' || b[m->off] == '"') &&
		    m->len <= (size_t)(s->end - s->p) && memcmp(s->p, b + m->off, m->len) == 0)
			return m->len;
		return 0;	/* the first of equal keys, as jscan_find */
	}
	return 0;
}

static int
container(struct scan *s, int depth, char close)
{
	size_t base = s->keys != NULL ? s->keys->n : 0, klen = 0, skip;
	struct members *top = depth == 1 && close == '}' ? s->top : NULL;
	const unsigned char *k = NULL, *v;
	int first = 1;

	if (depth > MAX_DEPTH)
		return fail(s, "maximum parsing depth reached");
	s->p++;
	for (;;) {
		skip_ws(s);
		if (s->p >= s->end)
			return fail(s, "premature end of input");
		if (*s->p == close && first) {
			s->p++;
			return 0;
		}
		if (close == '}') {
			if (*s->p != '"')
				return fail(s, "string or '}' expected");
			k = s->p + 1;
			if (string(s) < 0)
				return -1;
			klen = (size_t)(s->p - 1 - k);
			if (s->keys != NULL)
				push_key(s, k);
			skip_ws(s);
			if (s->p >= s->end || *s->p != ':')
				return fail(s, "':' expected");
			s->p++;
		}
		skip_ws(s);
		v = s->p;
		if (depth == 1 && close == '}' && s->prev != NULL && s->keys == NULL &&
		    (skip = seen_before(s, k, klen)) > 0)
			s->p += skip;
		else if (value(s, depth) < 0)
			return -1;
		if (top != NULL && top->n++ < top->max)
			top->m[top->n - 1] = (struct jscan_member){ (size_t)(k - s->start), klen,
				(size_t)(v - s->start), (size_t)(s->p - v) };
		skip_ws(s);
		if (s->p >= s->end)
			return fail(s, "premature end of input");
		if (*s->p == close) {
			s->p++;
			return close == '}' && s->keys != NULL ? keys_unique(s, base) : 0;
		}
		if (*s->p != ',')
			return fail(s, close == '}' ? "'}' expected" : "']' expected");
		s->p++;
		first = 0;
	}
}

static int
literal(struct scan *s, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
		return fail(s, "invalid token");
	s->p += n;
	return 0;
}

static int
value(struct scan *s, int depth)
{
	skip_ws(s);
	if (s->p >= s->end)
		return fail(s, "premature end of input");
	switch (*s->p) {
	case '{':
		return container(s, depth + 1, '}');
	case '[':
		return container(s, depth + 1, ']');
	case '"':
		return string(s);
	case 't':
		return literal(s, "true");
	case 'f':
		return literal(s, "false");
	case 'n':
		return literal(s, "null");
	default:
		if (*s->p == '-' || (*s->p >= '0' && *s->p <= '9'))
			return number(s);
		return fail(s, "invalid token");
	}
}

static int
scan_object(const char *buf, size_t len, struct keys *keys, struct members *top,
    const struct jscan_prev *prev, char *err, size_t errsz)
{
	struct scan s = { (const unsigned char *)buf, (const unsigned char *)buf + len,
		(const unsigned char *)buf, NULL, keys, top, prev };
	int line, col;

	skip_ws(&s);
	if (s.p == s.end) {
		snprintf(err, errsz, "empty input");
		return -1;
	}
	if (*s.p != '{') {
		if (value(&s, 0) == 0) {
			skip_ws(&s);
			snprintf(err, errsz, "top-level value is not an object");
			return -1;
		}
	} else if (value(&s, 0) == 0) {
		skip_ws(&s);
		if (s.p == s.end)
			return 0;
		fail(&s, "end of file expected");
	}
	jparse_where(buf, (size_t)((s.p < s.end ? s.p : s.end) - s.start), 1, &line, &col);
	snprintf(err, errsz, "line %d, column %d: %s", line, col, s.why);
	return -1;
}

int
jscan_object(const char *buf, size_t len, char *err, size_t errsz)
{
	return scan_object(buf, len, NULL, NULL, NULL, err, errsz);
}

int
jscan_object_members(const char *buf, size_t len, int unique, struct jscan_member *m,
    size_t max, size_t *n, const struct jscan_prev *prev, char *err, size_t errsz)
{
	struct keys keys = { NULL, 0, 0, 0 };
	struct members top = { m, max, 0 };
	int rc = scan_object(buf, len, unique ? &keys : NULL, &top, prev, err, errsz);

	free(keys.v);
	*n = top.n;
	return rc == 0 && keys.escaped ? 1 : rc;
}

int
jscan_object_unique(const char *buf, size_t len, char *err, size_t errsz)
{
	size_t n;

	return jscan_object_members(buf, len, 1, NULL, 0, &n, NULL, err, errsz);
}

/*
 * The bytes skip_value stops at: 1 the quote, 2 an opening and 3 a closing bracket, 4
 * the backslash (inside a string). A table: the final state's fields are found after
 * the whole ingest section (docs/BENCH.md "State I/O").
 */
static const unsigned char stop[256] = {
	['"'] = 1, ['{'] = 2, ['['] = 2, ['}'] = 3, [']'] = 3, ['\\'] = 4,
};

/* Skip a string at s->p (valid: escapes are two bytes or \uXXXX, which contains no quote). */
static void
skip_string(struct scan *s)
{
	s->p++;
	for (;;) {
		while (stop[*s->p] != 1 && stop[*s->p] != 4)
			s->p++;
		if (*s->p == '"')
			break;
		s->p += 2;
	}
	s->p++;
}

/* Skip one value at s->p (the document is known to be valid). */
static void
skip_value(struct scan *s)
{
	int depth = 0;

	skip_ws(s);
	if (*s->p == '"') {
		skip_string(s);
		return;
	}
	if (*s->p != '{' && *s->p != '[') {
		while (s->p < s->end && *s->p != ',' && *s->p != '}' && *s->p != ']' &&
		    *s->p != ' ' && *s->p != '\t' && *s->p != '\n' && *s->p != '\r')
			s->p++;
		return;
	}
	do {
		while (stop[*s->p] == 0 || stop[*s->p] == 4)
			s->p++;	/* a backslash is only inside a string */
		if (*s->p == '"') {
			skip_string(s);
			continue;
		}
		depth += stop[*s->p] == 2 ? 1 : -1;
		s->p++;
	} while (depth > 0);
}

int
jscan_find(const char *buf, size_t len, const char *path, size_t *off, size_t *vlen)
{
	struct scan s = { (const unsigned char *)buf, (const unsigned char *)buf + len,
		(const unsigned char *)buf, NULL, NULL, NULL, NULL };
	const char *key = path, *dot;
	const unsigned char *k;
	size_t klen;
	int found;

	while (*key != '\0') {
		dot = strchr(key, '.');
		klen = dot ? (size_t)(dot - key) : strlen(key);
		skip_ws(&s);
		if (s.p >= s.end || *s.p != '{')
			return -1;
		s.p++;
		found = 0;
		for (;;) {
			skip_ws(&s);
			if (*s.p == '}')
				return -1;
			k = s.p + 1;
			skip_string(&s);
			found = (size_t)(s.p - 1 - k) == klen && memcmp(k, key, klen) == 0;
			skip_ws(&s);
			s.p++;	/* ':' */
			if (found)
				break;
			skip_value(&s);
			skip_ws(&s);
			if (*s.p == ',')
				s.p++;
		}
		key += klen + (dot != NULL);
	}
	skip_ws(&s);
	k = s.p;
	skip_value(&s);
	*off = (size_t)(k - (const unsigned char *)buf);
	*vlen = (size_t)(s.p - k);
	return 0;
}

size_t
jscan_members(const char *buf, size_t len, struct jscan_member *m, size_t max)
{
	struct scan s = { (const unsigned char *)buf, (const unsigned char *)buf + len,
		(const unsigned char *)buf, NULL, NULL, NULL, NULL };
	const unsigned char *b = s.start, *k, *v;
	size_t n = 0, klen;

	skip_ws(&s);
	if (s.p >= s.end || *s.p++ != '{')
		return 0;
	for (;;) {
		skip_ws(&s);
		if (*s.p == '}')
			return n;
		k = s.p + 1;
		skip_string(&s);
		klen = (size_t)(s.p - 1 - k);
		skip_ws(&s);
		s.p++;	/* ':' */
		skip_ws(&s);
		v = s.p;
		skip_value(&s);
		if (n < max)
			m[n] = (struct jscan_member){ (size_t)(k - b), klen, (size_t)(v - b),
				(size_t)(s.p - v) };
		n++;
		skip_ws(&s);
		if (*s.p == ',')
			s.p++;
	}
}
