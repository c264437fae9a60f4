/*
 * Unit tests of common/jsonout.c, the canonical writer (docs/ARCHITECTURE.md "The state
 * document"). References: the formatting rule as first written (ref_format_real below:
 * the fast decimal path with libm's nearbyint, else the first of %.15g..%.17g that reads
 * back) for the exact bytes of a real; printf's %lld for integers; Python's json with
 * sorted keys and repr floats (tests/oracles/canon.py) for whole synthetic states.
 */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "jparse.h"
#include "jsonout.h"
#include "tap.h"

/*
 * The smallest k <= 9 whose m = nearbyint(|x| 10^k) gives m / 10^k == |x| (m < 2^53,
 * |x| in [1e-4, 1e15)); m's digits, zero-padded to k + 1, with the point k from the
 * end ("m.0" when k is 0). 0 when there is no such k.
 */
static size_t
ref_format_decimal(double x, char *buf)
{
	double a = fabs(x), m = 0;
	char digits[32];
	int k, n;

	if (!(a >= 1e-4 && a < 1e15))
		return 0;
	for (k = 0; k <= 9; k++) {
		m = nearbyint(a * pow(10, k));
		if (m >= 0x1p53)
			return 0;
		if (m / pow(10, k) == a)
			break;
	}
	if (k > 9)
		return 0;
	n = snprintf(digits, sizeof(digits), "%0*" PRIu64, k + 1, (uint64_t)m);
	return (size_t)sprintf(buf, "%s%.*s.%s", x < 0 ? "-" : "", n - k, digits,
	    k > 0 ? digits + n - k : "0");
}

/* The rule itself: zero by its sign; the decimal path; else %.15g, %.16g, then %.17g. */
static size_t
ref_format_real(double x, char *buf)
{
	int extra = 0;

	if (x == 0)
		return (size_t)sprintf(buf, "%s", signbit(x) ? "-0.0" : "0.0");
	if (ref_format_decimal(x, buf) > 0)
		return strlen(buf);
	do
		snprintf(buf, 32, "%.*g", 15 + extra, x);
	while (strtod(buf, NULL) != x && ++extra < 3);
	if (strspn(buf, "-0123456789") == strlen(buf))
		strcat(buf, ".0");	/* an integer's text still reads as a real */
	return strlen(buf);
}

static uint64_t
next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* A double of class c: random bits, a short decimal, a tie m+0.5 scaled, an integer, a boundary. */
static double
sample(uint64_t *seed, int c)
{
	static const double p10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11 };
	uint64_t b = next(seed);
	double x;

	switch (c) {
	case 0:
		memcpy(&x, &b, sizeof(x));
		return x;
	case 1:
		return (double)((int64_t)(b % 2000000000000ULL) - 1000000000000LL) /
		    p10[next(seed) % 12];
	case 2:
		return ((double)(b % 100000000) + 0.5) / p10[next(seed) % 12];
	case 3:
		return (double)(int64_t)b;
	default:
		x = (b & 1) ? 1e15 : 1e-4;
		return nextafter(x, (b & 2) ? 0 : INFINITY) * ((b & 4) ? -1 : 1);
	}
}

static void
test_reals(void)
{
	uint64_t seed = 0x2545F4914F6CDD1DULL;
	char a[40], b[40];
	int i, bad = 0;
	double x;

	for (i = 0; i < 1000000; i++) {
		x = sample(&seed, i % 5);
		if (!isfinite(x))
			continue;
		ref_format_real(x, a);
		if (json_format_real(x, b) != strlen(a) || strcmp(a, b) != 0) {
			if (bad++ < 5)
				printf("#   %.17g: %s, reference %s\n", x, b, a);
		}
	}
	check_int(bad, 0, "1000000 reals of five kinds format as the reference rule does");
}

static void
test_ints(void)
{
	static const json_int_t edge[] = { 0, -1, 9, 10, -10, 1234567890123456789LL,
		INT64_MAX, INT64_MIN, INT64_MIN + 1 };
	uint64_t seed = 99;
	char want[64], *got;
	size_t len;
	int i, bad = 0;
	json_int_t v;
	json_t *j;

	for (i = 0; i < 100009; i++) {
		v = i < 9 ? edge[i] : (json_int_t)next(&seed) >> (next(&seed) % 63);
		j = json_integer(v);
		got = json_canonical(j, &len);
		snprintf(want, sizeof(want), "%lld", (long long)v);
		if (len != strlen(want) || memcmp(got, want, len) != 0)
			bad++;
		free(got);
		json_decref(j);
	}
	check_int(bad, 0, "integers print as %lld (extremes and 100000 random)");
}

static void
test_keys(void)
{
	const char *in = "{\"b\":1,\"a\\u00e9\":2,\"ab\":3,\"a\":[true,null,\"x\\n\\u001f\\\"\"],\"B\":{}}";
	char err[128], *out;
	size_t len;
	json_t *j = jparse(in, strlen(in), err, sizeof(err));

	out = json_canonical(j, &len);
	/* By hand: bytes B (0x42) < a < ab (0x61 0x62) < a\xc3\xa9 < b. */
	check(len == strlen("{\"B\":{},\"a\":[true,null,\"x\\n\\u001f\\\"\"],\"ab\":3,\"a\xc3\xa9\":2,\"b\":1}") &&
	    memcmp(out, "{\"B\":{},\"a\":[true,null,\"x\\n\\u001f\\\"\"],\"ab\":3,\"a\xc3\xa9\":2,\"b\":1}",
	    len) == 0, "keys sorted bytewise (prefix first, UTF-8 after ASCII), escapes");
	free(out);
	json_decref(j);
}

/* Significant digits of a number token (no sign, point, exponent, outer zeros). */
static size_t
sigdigits(const char *s, size_t n, char *d)
{
	size_t i, k = 0;

	for (i = 0; i < n && s[i] != 'e' && s[i] != 'E'; i++)
		if (s[i] >= '0' && s[i] <= '9' && (k > 0 || s[i] != '0'))
			d[k++] = s[i];
	while (k > 0 && d[k - 1] == '0')
		k--;
	return k;
}

static size_t
numlen(const char *s, const char *end)
{
	const char *p = s;

	while (p < end && strchr("+-.0123456789eE", *p) != NULL && *p != '\0')
		p++;
	return (size_t)(p - s);
}

/*
 * a (ours) against b (the oracle): bytes equal except where both hold a number that
 * reads back to the same double and whose significant digits are the oracle's (Python
 * writes 1e15 and above as 1000000000000000.0, the writer as 1e+15).
 */
static int
same_text(const char *a, size_t na, const char *b, size_t nb)
{
	const char *ea = a + na, *eb = b + nb;
	char da[40], db[40], ta[40], tb[40];
	size_t la, lb, ka, kb;
	int instr = 0;

	while (a < ea && b < eb) {
		if (!instr && (*a == '-' || (*a >= '0' && *a <= '9'))) {
			la = numlen(a, ea);
			lb = numlen(b, eb);
			if (la >= sizeof(ta) || lb >= sizeof(tb))
				return 0;
			memcpy(ta, a, la), ta[la] = '\0';
			memcpy(tb, b, lb), tb[lb] = '\0';
			ka = sigdigits(a, la, da);
			kb = sigdigits(b, lb, db);
			if (strtod(ta, NULL) != strtod(tb, NULL) || ka != kb || memcmp(da, db, ka) != 0)
				return 0;
			/* Without an exponent on either side the texts must be equal. */
			if (strpbrk(ta, "eE") == NULL && strpbrk(tb, "eE") == NULL && strcmp(ta, tb) != 0)
				return 0;
			a += la, b += lb;
			continue;
		}
		if (*a != *b)
			return 0;
		if (*a == '"')
			instr = !instr;
		else if (*a == '\\' && instr) {	/* the escaped byte too */
			if (a + 1 >= ea || b + 1 >= eb || a[1] != b[1])
				return 0;
			a++, b++;
		}
		a++, b++;
	}
	return a == ea && b == eb;
}

static char *
slurp(FILE *f, size_t *len)
{
	size_t cap = 1 << 16, n = 0, r;
	char *b = malloc(cap);

	while (b != NULL && (r = fread(b + n, 1, cap - n, f)) > 0)
		if ((n += r) == cap)
			b = realloc(b, cap *= 2);
	*len = n;
	return b;
}

/* Our canonical text of file path equals the oracle's (same_text). */
static int
against_oracle(const char *path, const char *name)
{
	char cmd[1024], err[256], *in, *ours, *ref;
	size_t nin, nours, nref;
	json_t *j;
	FILE *f;
	int ok;

	if ((f = fopen(path, "r")) == NULL)
		return 0;
	in = slurp(f, &nin);
	fclose(f);
	j = jparse(in, nin, err, sizeof(err));
	ours = j ? json_canonical(j, &nours) : NULL;
	snprintf(cmd, sizeof(cmd), "python3 tests/oracles/canon.py '%s'", path);
	f = popen(cmd, "r");
	ref = slurp(f, &nref);
	ok = pclose(f) == 0 && ours != NULL && same_text(ours, nours, ref, nref);
	free(in);
	free(ours);
	free(ref);
	json_decref(j);
	if (!ok)
		printf("#   %s differs from the oracle\n", name);
	return ok;
}

static int
same_str(const char *a, const char *b)
{
	return same_text(a, strlen(a), b, strlen(b));
}

static void
test_same_text(void)
{
	check(same_str("[1e+15,\"e\\\"1\"]", "[1000000000000000.0,\"e\\\"1\"]") &&
	    !same_str("[1.5]", "[1.50]") && !same_str("[1.5]", "[1.6]") &&
	    !same_str("[1.5e+16]", "[15000000000000001.0]") &&
	    !same_str("{\"a\":1}", "{\"b\":1}") && !same_str("[1]", "[1,2]"),
	    "the oracle comparison allows only the notation of large reals to differ");
}

static void
test_states(void)
{
	static const char *steps[] = { "ingest", "quality", "agents", "aggregate",
		"strategies", "portfolio", "risk" };
	char cmd[4096], path[] = "/tmp/test_jsonout.XXXXXX", pretty[64];
	size_t i, n;
	int ok = 1, fd;
	json_t *j;

	if ((fd = mkstemp(path)) < 0)
		return;
	close(fd);
	snprintf(pretty, sizeof(pretty), "%s.pretty", path);
	snprintf(cmd, sizeof(cmd), "echo '{\"as_of\":\"2024-01-15\",\"config\":{}}'");
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]) && ok; i++) {
		n = strlen(cmd);
		snprintf(cmd + n, sizeof(cmd) - n, " | bin/step-%s", steps[i]);
		n = strlen(cmd);
		snprintf(cmd + n, sizeof(cmd) - n, " > %s", path);
		if (system(cmd) != 0) {
			printf("# skip: %s failed (are the steps built?)\n", cmd);
			ok = -1;
			break;
		}
		cmd[n] = '\0';
		ok &= against_oracle(path, steps[i]);
		/* Indented input (jansson's own writer) gives the same canonical text. */
		j = json_load_file(path, 0, NULL);
		json_dump_file(j, pretty, JSON_INDENT(3) | JSON_REAL_PRECISION(17));
		json_decref(j);
		ok &= against_oracle(pretty, steps[i]);
	}
	unlink(path);
	unlink(pretty);
	if (ok >= 0)
		check(ok, "the seven synthetic states (compact and indented) match the Python oracle");
}

int
main(void)
{
	test_reals();
	test_ints();
	test_keys();
	test_same_text();
	test_states();
	return test_done();
}
