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

static int
check_count(const json_t *sum, const char *key, char *why, size_t sz)
{
	json_t *v = json_object_get(sum, key);

	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > SUMMARY_COUNT_MAX) {
		snprintf(why, sz, "report.summary.%s is not an integer from 0 to %lld",
		    key, SUMMARY_COUNT_MAX);
		return -1;
	}
	return 0;
}

static int
check_number(const json_t *sum, const char *key, char *why, size_t sz)
{
	json_t *v = json_object_get(sum, key);

	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_number(v) || !isfinite(json_number_value(v))) {
		snprintf(why, sz, "report.summary.%s is not a number", key);
		return -1;
	}
	return 0;
}

static int
check_regime(const json_t *sum, char *why, size_t sz)
{
	json_t *v = json_object_get(sum, "regime");
	long n;

	if (v == NULL || json_is_null(v))
		return 0;
	if ((n = printable_chars(v)) < 0 || n > SUMMARY_REGIME_MAX) {
		snprintf(why, sz, "report.summary.regime is not a string of at most "
		    "%d printable characters", SUMMARY_REGIME_MAX);
		return -1;
	}
	return 0;
}

static int
check_alerts(const json_t *sum, char *why, size_t sz)
{
	json_t *a = json_object_get(sum, "risk_alerts"), *v;
	size_t i;

	if (a == NULL || json_is_null(a))
		return 0;
	if (!json_is_array(a)) {
		snprintf(why, sz, "report.summary.risk_alerts is not an array");
		return -1;
	}
	json_array_foreach(a, i, v)
		if (printable_chars(v) < 0) {
			snprintf(why, sz, "report.summary.risk_alerts[%zu] is not a "
			    "string of printable characters", i);
			return -1;
		}
	return 0;
}

/* top_positions: objects with a printable instrument and side and numbers. */
static int
check_top(const json_t *sum, char *why, size_t sz)
{
	static const char *const nums[] = { "weight", "dv01_brl", "usd_delta" };
	json_t *a = json_object_get(sum, "top_positions"), *v, *x;
	size_t i, k;

	if (a == NULL || json_is_null(a))
		return 0;
	if (!json_is_array(a) || json_array_size(a) > 100) {
		snprintf(why, sz, "report.summary.top_positions is not an array (of at most 100)");
		return -1;
	}
	json_array_foreach(a, i, v) {
		x = json_object_get(v, "instrument");
		if (printable_chars(x) < 0 || json_string_length(x) > 48) {
			snprintf(why, sz, "report.summary.top_positions[%zu].instrument is not "
			    "a short printable string", i);
			return -1;
		}
		x = json_object_get(v, "side");
		if (x != NULL && !(json_is_string(x) && (strcmp(json_string_value(x), "LONG") == 0 ||
		    strcmp(json_string_value(x), "SHORT") == 0))) {
			snprintf(why, sz, "report.summary.top_positions[%zu].side is not LONG or "
			    "SHORT", i);
			return -1;
		}
		for (k = 0; k < 3; k++)
			if ((x = json_object_get(v, nums[k])) != NULL && !json_is_number(x)) {
				snprintf(why, sz, "report.summary.top_positions[%zu].%s is not a "
				    "number", i, nums[k]);
				return -1;
			}
	}
	return 0;
}

int
summary_check(const json_t *sum, char *why, size_t sz)
{
	if (!json_is_object(sum)) {
		snprintf(why, sz, "report.summary is not an object");
		return -1;
	}
	if (check_count(sum, "signal_count", why, sz) == -1 ||
	    check_count(sum, "position_count", why, sz) == -1 ||
	    check_number(sum, "leverage", why, sz) == -1 ||
	    check_number(sum, "var_95", why, sz) == -1 ||
	    check_regime(sum, why, sz) == -1 || check_alerts(sum, why, sz) == -1 ||
	    check_top(sum, why, sz) == -1)
		return -1;
	return 0;
}
