/* Unit tests of common/state.c: canonical output and strict input. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonout.h"
#include "state.h"
#include "tap.h"

static char *
dumpstr(const char *json)
{
	json_t *j = json_loads(json, JSON_DECODE_ANY, NULL);
	char *s = state_dumps(j);

	json_decref(j);
	return s;
}

static int
load_fails(const char *text, const char *want)
{
	char err[256];
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	json_t *j = state_load(f, err, sizeof(err));
	int ok = j == NULL && strstr(err, want) != NULL;

	if (!ok)
		printf("#   '%s': got %s\n", text, j ? "a document" : err);
	json_decref(j);
	fclose(f);
	return ok;
}

/* xorshift64: a reproducible stream of bit patterns. */
static uint64_t
next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

int
main(void)
{
	struct { const char *in, *out; } cases[] = {
		{ "{\"b\":1,\"a\":2}", "{\"a\":2,\"b\":1}" },
		{ "{\"Z\":1,\"a\":2,\"_\":3}", "{\"Z\":1,\"_\":3,\"a\":2}" },
		{ "[0.1, 1.0, 2.5e-8, 1e300, -0.0, 13.75]", "[0.1,1.0,2.5e-08,1e+300,-0.0,13.75]" },
		{ "[0.30000000000000004]", "[0.30000000000000004]" },
		{ "[\"a\\\"b\\\\c\\n\\u0001\"]", "[\"a\\\"b\\\\c\\n\\u0001\"]" },
		{ "{\"x\":{\"b\":[true,false,null],\"a\":{}}}", "{\"x\":{\"a\":{},\"b\":[true,false,null]}}" },
		{ "[9007199254740993]", "[9007199254740993]" },
		{ "[\"\xc3\xa9\xe2\x9c\x93\"]", "[\"\xc3\xa9\xe2\x9c\x93\"]" },
	};
	uint64_t seed = 88172645463325252ULL, bits;
	size_t i;
	char *s, buf[64];
	double x, y;
	size_t n;
	int ok = 1;
	json_t *j;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = dumpstr(cases[i].in);
		check_str(s, cases[i].out, cases[i].in);
		free(s);
	}
	/* Every finite double survives dump and parse unchanged. */
	for (i = 0; i < 20000; i++) {
		bits = next(&seed);
		memcpy(&x, &bits, sizeof(x));
		if (!isfinite(x))
			continue;
		j = json_pack("[f]", x);
		s = state_dumps(j);
		y = strtod(s + 1, NULL);
		if (y != x || (x == 0 && signbit(x) != signbit(y))) {
			ok = 0;
			snprintf(buf, sizeof(buf), "%.17g", x);
			printf("#   %s dumped as %s\n", buf, s);
		}
		free(s);
		json_decref(j);
	}
	check(ok, "20000 random doubles round-trip through the canonical form");
	/* Decimals with few digits (the fast path) round-trip and print as written. */
	ok = 1;
	for (i = 0; i < 200000; i++) {
		long long m = (long long)(next(&seed) % 2000000000000ULL) - 1000000000000LL;
		int k = (int)(next(&seed) % 10);

		x = (double)m / pow(10, k);
		n = json_format_real(x, buf);
		if (strtod(buf, NULL) != x || n != strlen(buf))
			ok = 0;
	}
	check(ok, "200000 random short decimals round-trip");
	json_format_real(13.75, buf);
	check_str(buf, "13.75", "13.75");
	json_format_real(-0.0001, buf);
	check_str(buf, "-0.0001", "-0.0001");
	json_format_real(5.0, buf);
	check_str(buf, "5.0", "5.0 keeps its point");
	json_format_real(123456789.123, buf);
	check_str(buf, "123456789.123", "large with decimals");
	json_format_real(0.1 + 0.2, buf);
	check_str(buf, "0.30000000000000004", "0.1+0.2 takes the slow path");
	json_format_real(1e-7, buf);
	check_str(buf, "1e-07", "1e-7 below the fast range prints %g style");
	j = json_pack("{s:o}", "x", json_real(1.5));
	json_array_size(j);
	json_object_set_new(j, "y", jnum(NAN));
	s = state_dumps(j);
	check_str(s, "{\"x\":1.5,\"y\":null}", "jnum(NAN) is null");
	free(s);
	json_decref(j);
	check_dbl(round_to(1.23456, 2), 1.23, 0, "round_to 2 decimals");
	check_dbl(round_to(-2.675, 1), -2.7, 0, "round_to negative");
	check(load_fails("{\"a\":1,\"a\":2}", "duplicate"), "duplicate keys rejected");
	check(load_fails("{} {}", "end of file expected"), "two documents rejected");
	check(load_fails("{}x", "end of file expected"), "trailing garbage rejected");
	check(load_fails("\xEF\xBB\xBF{}", "byte order mark"), "BOM rejected");
	check(load_fails("", "empty input"), "empty input rejected");
	check(load_fails("  \n", "empty input"), "blank input rejected");
	check(load_fails("[1,2]", "not an object"), "array rejected");
	check(load_fails("{\"a\":", "line 1, column"), "truncated document quotes the position");
	check(load_fails("{\"a\":NaN}", "line 1"), "NaN token rejected");
	check(load_fails("{\"a\":1e400}", "line 1"), "1e400 rejected, not silently infinite");
	return test_done();
}
