/* The canonical-text scanner (see jcanon.h; docs/STATE.md "Reading and writing the state"). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jcanon.h"
#include "jparse.h"
#include "jsonout.h"

#define MAX_DEPTH 2048	/* as the decoder (common/jparse.c) */

struct canon {
	const unsigned char *p, *end;
};

/* The writer's \u00XX: lowercase hex, a control byte without a short escape. */
static int
canon_u00(const unsigned char *p)
{
	static const char hex[] = "0123456789abcdef";
	const char *a, *b;
	unsigned v;

	if (p[0] != '0' || p[1] != '0' || (a = memchr(hex, p[2], 16)) == NULL ||
	    (b = memchr(hex, p[3], 16)) == NULL)
		return 0;
	v = (unsigned)(a - hex) << 4 | (unsigned)(b - hex);
	return v < 0x20 && v != '\b' && v != '\t' && v != '\n' && v != '\f' && v != '\r';
}

/* A string at c->p (its quote) as the writer prints it; keys (key) hold no escape. */
static int
string(struct canon *c, int key)
{
	size_t k;

	for (c->p++; c->p < c->end;) {
		unsigned char ch = *c->p;

		if (ch >= 0x20 && ch < 0x80 && ch != '"' && ch != '\\') {
			c->p++;
		} else if (ch == '"') {
			c->p++;
			return 1;
		} else if (ch >= 0x80) {
			if ((k = jparse_utf8(c->p, c->end)) == 0)
				return 0;
			c->p += k;
		} else if (ch == '\\' && !key && c->end - c->p >= 2 &&
		    memchr("\"\\nrtbf", c->p[1], 7) != NULL && c->p[1] != '\0') {
			c->p += 2;
		} else if (ch == '\\' && !key && c->end - c->p >= 6 && c->p[1] == 'u' &&
		    canon_u00(c->p + 2)) {
			c->p += 6;
		} else
			return 0;
	}
	return 0;
}

static const char *
digits(const char *p, const char *end)
{
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	return p;
}

/* An integer token: %lld of an int64 (no "-0", no leading zero). */
static int
canon_integer(const char *s, size_t n)
{
	char buf[32];
	size_t nd = n - (s[0] == '-');

	if (n == 2 && s[0] == '-' && s[1] == '0')
		return 0;
	if (nd <= 18)
		return 1;
	if (nd > 19)
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	errno = 0;
	(void)strtoll(buf, NULL, 10);
	return errno == 0;
}

/*
 * A real I.F without exponent decided by its text (1 canonical, 0 not, -1 undecided).
 * With at most 15 significant digits, at most 9 decimals and 1e-4 <= |x| < 1e15, the
 * writer's fast path prints I.F itself once trailing zeros are dropped ("5.0" keeps
 * one): m = IF is below 2^50, so round(x*10^k) = m at k = len(F) and m/10^k == x; and
 * no shorter k works, since two different decimals of at most 15 significant digits
 * never read as the same double (DBL_DIG). Zero is "0.0" or "-0.0".
 */
static int
canon_decimal(const char *i, size_t ni, const char *f, size_t nf)
{
	size_t lead = 0, nsig;

	if (nf > 9 || ni > 15)
		return -1;
	if (ni == 1 && i[0] == '0') {
		while (lead < nf && f[lead] == '0')
			lead++;
		if (lead == nf)
			return nf == 1;	/* 0.0 */
		if (lead > 3)
			return -1;	/* below 1e-4: %g form */
		nsig = nf - lead;
	} else
		nsig = ni + nf;
	if (nsig > 15)
		return -1;
	return f[nf - 1] != '0' || nf == 1;
}

int
jcanon_number(const char *s, size_t n)
{
	const char *p = s + (s[0] == '-'), *end = s + n, *i, *f = NULL;
	size_t ni, nf = 0;
	char buf[40];
	double d;
	int r, overflow;

	i = p;
	p = digits(p, end);
	ni = (size_t)(p - i);
	if (ni == 0 || (ni > 1 && i[0] == '0'))
		return 0;
	if (p == end)
		return canon_integer(s, n);
	if (*p == '.') {
		f = p + 1;
		p = digits(f, end);
		nf = (size_t)(p - f);
		if (nf == 0)
			return 0;
		if (p == end && (r = canon_decimal(i, ni, f, nf)) >= 0)
			return r;
	}
	/* Otherwise compare with what the writer prints. */
	d = jparse_real(s, n, &overflow);
	if (overflow)
		return 0;
	return json_format_real(d, buf) == n && memcmp(buf, s, n) == 0;
}

/* The bytes of a number token: + - . 0-9 e E (a table: memchr was 45 % of a scan). */
static const unsigned char numch[256] = {
	['+'] = 1, ['-'] = 1, ['.'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1,
	['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['e'] = 1,
	['E'] = 1,
};

/* Advance over a number token (the JSON grammar's characters) and judge it. */
static int
number(struct canon *c)
{
	const unsigned char *q = c->p;

	while (c->p < c->end && numch[*c->p])
		c->p++;
	if (c->p - q > 40 || (*q != '-' && (*q < '0' || *q > '9')))
		return 0;
	/* The grammar is checked by the decoder when this says no: reject anything odd. */
	for (const unsigned char *t = q + 1; t < c->p; t++)
		if ((*t == '-' || *t == '+') && t[-1] != 'e' && t[-1] != 'E')
			return 0;
	if (c->p[-1] < '0' || c->p[-1] > '9')
		return 0;
	return jcanon_number((const char *)q, (size_t)(c->p - q));
}

static int value(struct canon *c, int depth);

/* Key strictly after the previous one (prev, np) bytewise. */
static int
after(const unsigned char *prev, size_t np, const unsigned char *k, size_t nk)
{
	int r;

	if (prev == NULL)
		return 1;
	r = memcmp(prev, k, np < nk ? np : nk);
	return r < 0 || (r == 0 && np < nk);
}

/* After a member or an element: 1 past the closing byte, 0 past a ',', -1 otherwise. */
static int
next_item(struct canon *c, char close)
{
	if (c->p >= c->end)
		return -1;
	if (*c->p == close)
		return c->p++, 1;
	return *c->p++ == ',' ? 0 : -1;
}

static int
object(struct canon *c, int depth)
{
	const unsigned char *prev = NULL, *k;
	size_t np = 0;
	int r;

	if (++c->p < c->end && *c->p == '}')
		return c->p++, 1;
	do {
		if (c->p >= c->end || *c->p != '"')
			return 0;
		k = c->p + 1;
		if (!string(c, 1) || !after(prev, np, k, (size_t)(c->p - 1 - k)))
			return 0;
		prev = k;
		np = (size_t)(c->p - 1 - k);
		if (c->p >= c->end || *c->p++ != ':' || !value(c, depth))
			return 0;
	} while ((r = next_item(c, '}')) == 0);
	return r > 0;
}

static int
array(struct canon *c, int depth)
{
	int r;

	if (++c->p < c->end && *c->p == ']')
		return c->p++, 1;
	do {
		if (!value(c, depth))
			return 0;
	} while ((r = next_item(c, ']')) == 0);
	return r > 0;
}

static int
literal(struct canon *c, const char *w, size_t n)
{
	if ((size_t)(c->end - c->p) < n || memcmp(c->p, w, n) != 0)
		return 0;
	c->p += n;
	return 1;
}

static int
value(struct canon *c, int depth)
{
	if (c->p >= c->end)
		return 0;
	switch (*c->p) {
	case '{':
		return depth + 1 <= MAX_DEPTH && object(c, depth + 1);
	case '[':
		return depth + 1 <= MAX_DEPTH && array(c, depth + 1);
	case '"':
		return string(c, 0);
	case 't':
		return literal(c, "true", 4);
	case 'f':
		return literal(c, "false", 5);
	case 'n':
		return literal(c, "null", 4);
	default:
		return number(c);
	}
}

size_t
jcanon_span(const char *p, size_t n, int depth)
{
	struct canon c = { (const unsigned char *)p, (const unsigned char *)p + n };

	return value(&c, depth) ? (size_t)(c.p - (const unsigned char *)p) : 0;
}
