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

/*
 * The output: p[0..n) is pending, cap bytes are allocated. With a sink, the pending
 * bytes go to it whenever the buffer is full (the text is streamed); without, the
 * buffer grows to hold all of it.
 */
struct out {
	char *p;
	size_t n, cap;
	const struct jsonout_raw *raw;	/* values written as given text */
	size_t nraw;
	FILE *sink;
	int werr;			/* errno of the first failed write, or 0 */
};

static void
flush(struct out *o)
{
	if (o->n > 0 && o->werr == 0 && fwrite(o->p, 1, o->n, o->sink) != o->n)
		o->werr = errno ? errno : EIO;
	o->n = 0;
}

static void
reserve(struct out *o, size_t more)
{
	if (o->n + more <= o->cap)
		return;
	if (o->sink != NULL)
		flush(o);
	if (o->n + more <= o->cap)
		return;
	while (o->n + more > o->cap)
		o->cap = o->cap ? 2 * o->cap : 1 << 16;
	o->p = xreallocarray(o->p, o->cap, 1);
}

/* Text kept from the input: copied, or written straight to the sink. */
static void
put_raw(struct out *o, const char *s, size_t n)
{
	if (o->sink == NULL) {
		reserve(o, n);
		memcpy(o->p + o->n, s, n);
		o->n += n;
		return;
	}
	flush(o);
	if (o->werr == 0 && fwrite(s, 1, n, o->sink) != n)
		o->werr = errno ? errno : EIO;
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
 * nearbyint(t) for 0 <= t < 2^53 in the default rounding mode (ties to even), without
 * the libm call: t - trunc(t) is exact there.
 */
static double
round_even(double t)
{
	double r = (double)(uint64_t)t, f = t - r;

	if (f > 0.5 || (f == 0.5 && ((uint64_t)r & 1) != 0))
		r += 1;
	return r;
}

/*
 * Fast path: when x has at most 9 decimals and |x| is in [1e-4, 1e15), the integer
 * m = x*10^k divided by 10^k (both exact doubles, so the division is correctly rounded)
 * equals x exactly, and the decimal text of m/10^k therefore reads back as x. This is
 * the common case for stored market data (2 to 4 decimals). Returns 0 when it does not
 * apply. k is the smallest that works. The division is skipped when t = x*10^k is
 * farther than t*2^-50 from m: m/10^k == x implies |m - x*10^k| <= x*10^k*2^-53 and t
 * is within t*2^-53 of x*10^k, so such a k cannot work.
 */
static size_t
format_decimal(double x, char *buf)
{
	static const double p10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };
	double a = fabs(x), m = 0, t;
	char digits[32];
	int k, nd, i, pos = 0;
	uint64_t u;

	if (!(a >= 1e-4 && a < 1e15))
		return 0;
	for (k = 0; k <= 9; k++) {
		t = a * p10[k];
		if (t >= 9007199254740992.0)
			return 0;
		m = round_even(t);
		if (m >= 9007199254740992.0)
			return 0;
		if (fabs(t - m) <= t * 0x1p-50 && m / p10[k] == a)
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

/* v in decimal, as printf's %lld: returns the length (buf: at least 21 bytes). */
static size_t
format_int(json_int_t v, char *buf)
{
	char d[24];
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	size_t n = 0, i = 0;

	do {
		d[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		buf[i++] = '-';
	while (n > 0)
		buf[i++] = d[--n];
	return i;
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

struct member {
	const char *key;
	size_t len;
	const json_t *v;
};

static int
cmpmember(const void *a, const void *b)
{
	const struct member *x = a, *y = b;
	int c = memcmp(x->key, y->key, x->len < y->len ? x->len : y->len);

	return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

static int emit(struct out *o, const json_t *j);

/* The members sorted bytewise by key (keys hold no NUL: strcmp's order). */
static int
emit_object(struct out *o, const json_t *j)
{
	struct member small[64], *m;
	const char *k;
	size_t n = json_object_size(j), i = 0, klen;
	json_t *v;
	int rc = 0;

	m = n <= 64 ? small : xcalloc(n, sizeof(*m));
	json_object_keylen_foreach((json_t *)j, k, klen, v)
		m[i++] = (struct member){ k, klen, v };
	qsort(m, n, sizeof(*m), cmpmember);
	putch(o, '{');
	for (i = 0; i < n && rc == 0; i++) {
		if (i > 0)
			putch(o, ',');
		put_string(o, m[i].key, m[i].len);
		putch(o, ':');
		rc = emit(o, m[i].v);
	}
	putch(o, '}');
	if (m != small)
		free(m);
	return rc;
}

static int
emit(struct out *o, const json_t *j)
{
	char buf[40];
	size_t i, n;

	for (i = 0; i < o->nraw; i++)
		if (o->raw[i].mark == j) {
			put_raw(o, o->raw[i].text, o->raw[i].len);
			return 0;
		}
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
		put(o, buf, format_int(json_integer_value(j), buf));
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
	return json_canonical_raw(j, NULL, 0, len);
}

char *
json_canonical_raw(const json_t *j, const struct jsonout_raw *raw, size_t nraw, size_t *len)
{
	struct out o = { NULL, 0, 0, raw, nraw, NULL, 0 };

	if (emit(&o, j) < 0) {
		free(o.p);
		return NULL;
	}
	*len = o.n;
	if (o.p == NULL)
		o.p = xmalloc(1);
	return o.p;
}

int
json_canonical_write(FILE *f, const json_t *j, const struct jsonout_raw *raw, size_t nraw)
{
	struct out o = { xmalloc(1 << 16), 0, 1 << 16, raw, nraw, f, 0 };
	int rc = emit(&o, j), e = errno;

	if (rc == 0)
		flush(&o);
	free(o.p);
	if (rc < 0)
		return errno = e, -1;
	return o.werr ? (errno = o.werr, -1) : 0;
}
