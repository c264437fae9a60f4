/* The canonical JSON serializer (see jsonout.h). */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jsonout.h"
#include "xalloc.h"

/* A growable output buffer: p[0..n) is written, cap bytes are allocated. */
struct out {
	char *p;
	size_t n, cap;
};

static void
reserve(struct out *o, size_t more)
{
	if (o->n + more <= o->cap)
		return;
	while (o->n + more > o->cap)
		o->cap = o->cap ? 2 * o->cap : 1 << 16;
	o->p = xreallocarray(o->p, o->cap, 1);
}

static void
put(struct out *o, const char *s, size_t n)
{
	reserve(o, n);
	memcpy(o->p + o->n, s, n);
	o->n += n;
}

static void
putch(struct out *o, char c)
{
	reserve(o, 1);
	o->p[o->n++] = c;
}

static void
put_string(struct out *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;
	unsigned char c;
	char esc[6];

	putch(o, '"');
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(o, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': put(o, "\\\"", 2); break;
		case '\\': put(o, "\\\\", 2); break;
		case '\n': put(o, "\\n", 2); break;
		case '\r': put(o, "\\r", 2); break;
		case '\t': put(o, "\\t", 2); break;
		case '\b': put(o, "\\b", 2); break;
		case '\f': put(o, "\\f", 2); break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			put(o, esc, 6);
		}
	}
	put(o, s + run, n - run);
	putch(o, '"');
}

/*
 * Fast path: when x has at most 9 decimals and |x| is in [1e-4, 1e15), the integer
 * m = x*10^k divided by 10^k (both exact doubles, so the division is correctly rounded)
 * equals x exactly, and the decimal text of m/10^k therefore reads back as x. This is
 * the common case for stored market data (2 to 4 decimals). Returns 0 when it does not apply.
 */
static size_t
format_decimal(double x, char *buf)
{
	static const double p10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };
	double a = fabs(x), m;
	char digits[32];
	int k, nd, i, pos = 0;
	uint64_t u;

	if (!(a >= 1e-4 && a < 1e15))
		return 0;
	for (k = 0; k <= 9; k++) {
		m = nearbyint(a * p10[k]);
		if (m >= 9007199254740992.0)
			return 0;
		if (m / p10[k] == a)
			break;
	}
	if (k > 9)
		return 0;
	u = (uint64_t)m;
	nd = 0;
	do {
		digits[nd++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	while (nd <= k)
		digits[nd++] = '0';	/* at least one digit before the point */
	if (x < 0)
		buf[pos++] = '-';
	for (i = nd - 1; i >= k; i--)
		buf[pos++] = digits[i];
	buf[pos++] = '.';
	if (k == 0)
		buf[pos++] = '0';
	for (i = k - 1; i >= 0; i--)
		buf[pos++] = digits[i];
	buf[pos] = '\0';
	return (size_t)pos;
}

size_t
json_format_real(double x, char *buf)
{
	size_t n;
	int prec;

	if (x == 0) {
		strcpy(buf, signbit(x) ? "-0.0" : "0.0");
		return strlen(buf);
	}
	if ((n = format_decimal(x, buf)) > 0)
		return n;
	for (prec = 15; prec <= 17; prec++) {
		snprintf(buf, 32, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	if (strpbrk(buf, ".eEn") == NULL)
		strcat(buf, ".0");
	return strlen(buf);
}

static int
cmpkey(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int emit(struct out *o, const json_t *j);

static int
emit_object(struct out *o, const json_t *j)
{
	const char *small[64], **keys, *k;
	json_t *v;
	size_t n = json_object_size(j), i = 0;
	int rc = 0;

	keys = n <= 64 ? small : xcalloc(n, sizeof(*keys));
	json_object_foreach((json_t *)j, k, v)
		keys[i++] = k;
	qsort(keys, n, sizeof(*keys), cmpkey);
	putch(o, '{');
	for (i = 0; i < n && rc == 0; i++) {
		if (i > 0)
			putch(o, ',');
		put_string(o, keys[i], strlen(keys[i]));
		putch(o, ':');
		rc = emit(o, json_object_get(j, keys[i]));
	}
	putch(o, '}');
	if (keys != small)
		free(keys);
	return rc;
}

static int
emit(struct out *o, const json_t *j)
{
	char buf[40];
	size_t i, n;

	switch (json_typeof(j)) {
	case JSON_OBJECT:
		return emit_object(o, j);
	case JSON_ARRAY:
		putch(o, '[');
		n = json_array_size(j);
		for (i = 0; i < n; i++) {
			if (i > 0)
				putch(o, ',');
			if (emit(o, json_array_get(j, i)) < 0)
				return -1;
		}
		putch(o, ']');
		return 0;
	case JSON_STRING:
		put_string(o, json_string_value(j), json_string_length(j));
		return 0;
	case JSON_INTEGER:
		n = (size_t)snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT, json_integer_value(j));
		put(o, buf, n);
		return 0;
	case JSON_REAL:
		if (!isfinite(json_real_value(j)))
			return errno = EDOM, -1;
		put(o, buf, json_format_real(json_real_value(j), buf));
		return 0;
	case JSON_TRUE:
		put(o, "true", 4);
		return 0;
	case JSON_FALSE:
		put(o, "false", 5);
		return 0;
	case JSON_NULL:
		put(o, "null", 4);
		return 0;
	}
	return errno = EINVAL, -1;
}

char *
json_canonical(const json_t *j, size_t *len)
{
	struct out o = { NULL, 0, 0 };

	if (emit(&o, j) < 0) {
		free(o.p);
		return NULL;
	}
	*len = o.n;
	if (o.p == NULL)
		o.p = xmalloc(1);
	return o.p;
}
