/* report.summary against the run row's columns (docs/ORCHESTRATOR.md "The run row"). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "summary.h"

/* Characters (UTF-8 code points) of s, or -1 when it holds a control character. */
static long
text_chars(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;

	for (; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return -1;
		if ((*p & 0xc0) != 0x80)
			n++;
	}
	return n;
}

/* Characters of v, or -1 when v is not a string or holds a NUL or a control character. */
static long
printable_chars(const json_t *v)
{
	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
		return -1;
	return text_chars(json_string_value(v));
}

/*
 * The rule of one key of the summary (v neither absent nor null): 0, or -1
 * with what follows "report.summary.KEY" in the message into why.
 */
typedef int rule_fn(const json_t *v, char *why, size_t sz);

static int
count(const json_t *v, char *why, size_t sz)
{
	if (json_is_integer(v) && json_integer_value(v) >= 0 &&
	    json_integer_value(v) <= SUMMARY_COUNT_MAX)
		return 0;
	snprintf(why, sz, " is not an integer from 0 to %lld", SUMMARY_COUNT_MAX);
	return -1;
}

static int
number(const json_t *v, char *why, size_t sz)
{
	if (json_is_number(v) && isfinite(json_number_value(v)))
		return 0;
	snprintf(why, sz, " is not a number");
	return -1;
}

static int
regime(const json_t *v, char *why, size_t sz)
{
	long n = printable_chars(v);

	if (n >= 0 && n <= SUMMARY_REGIME_MAX)
		return 0;
	snprintf(why, sz, " is not a string of at most %d printable characters",
	    SUMMARY_REGIME_MAX);
	return -1;
}

static int
alerts(const json_t *a, char *why, size_t sz)
{
	json_t *v;
	size_t i;

	if (!json_is_array(a)) {
		snprintf(why, sz, " is not an array");
		return -1;
	}
	json_array_foreach(a, i, v)
		if (printable_chars(v) < 0) {
			snprintf(why, sz, "[%zu] is not a string of printable characters", i);
			return -1;
		}
	return 0;
}

/* One of top_positions: a printable instrument and side and numbers. */
static int
position(const json_t *v, size_t i, char *why, size_t sz)
{
	static const char *const nums[] = { "weight", "dv01_brl", "usd_delta" };
	json_t *x = json_object_get(v, "instrument");
	const char *side;
	size_t k;

	if (printable_chars(x) < 0 || json_string_length(x) > 48) {
		snprintf(why, sz, "[%zu].instrument is not a short printable string", i);
		return -1;
	}
	x = json_object_get(v, "side");
	side = json_string_value(x);
	if (x != NULL && (side == NULL || (strcmp(side, "LONG") != 0 &&
	    strcmp(side, "SHORT") != 0))) {
		snprintf(why, sz, "[%zu].side is not LONG or SHORT", i);
		return -1;
	}
	for (k = 0; k < 3; k++)
		if ((x = json_object_get(v, nums[k])) != NULL && !json_is_number(x)) {
			snprintf(why, sz, "[%zu].%s is not a number", i, nums[k]);
			return -1;
		}
	return 0;
}

static int
top(const json_t *a, char *why, size_t sz)
{
	json_t *v;
	size_t i;

	if (!json_is_array(a) || json_array_size(a) > 100) {
		snprintf(why, sz, " is not an array (of at most 100)");
		return -1;
	}
	json_array_foreach(a, i, v)
		if (position(v, i, why, sz) == -1)
			return -1;
	return 0;
}

int
summary_check(const json_t *sum, char *why, size_t sz)
{
	static const struct {
		const char *key;
		rule_fn *ok;
	} rules[] = {
		{ "signal_count", count }, { "position_count", count },
		{ "leverage", number }, { "var_95", number }, { "regime", regime },
		{ "risk_alerts", alerts }, { "top_positions", top },
	};
	char rest[256];
	json_t *v;
	size_t i;

	if (!json_is_object(sum)) {
		snprintf(why, sz, "report.summary is not an object");
		return -1;
	}
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		v = json_object_get(sum, rules[i].key);
		if (v != NULL && !json_is_null(v) &&
		    rules[i].ok(v, rest, sizeof(rest)) == -1) {
			snprintf(why, sz, "report.summary.%s%s", rules[i].key, rest);
			return -1;
		}
	}
	return 0;
}
