/*
 * step-report pieces by hand: report.summary's fallbacks and ordering, the
 * formatters, and the SVG charts' shapes (bars scaled to the largest |value|).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../../steps/report/report.h"
#include "tap.h"

static json_t *
state(const char *extra)
{
	char buf[1024];
	json_error_t e;

	snprintf(buf, sizeof(buf), "{\"as_of\":\"2024-01-15\",\"portfolio\":{\"weights\":"
	    "{\"B\":-0.2,\"A\":0.2,\"C\":0,\"D\":0.05,\"E\":0.01,\"F\":0.3,\"G\":-0.02}%s},"
	    "\"risk\":{\"alerts\":[\"x\"],\"risk_level\":\"HIGH\",\"var\":{\"historical\":"
	    "{\"var_95\":-0.021,\"cvar_95\":-0.03}}}}", extra);
	return json_loads(buf, 0, &e);
}

static void
summary(void)
{
	json_t *st = state(""), *s = report_summary(st), *top = json_object_get(s, "top_positions");
	const char *want[] = { "F", "A", "B", "D", "G" };
	size_t i;

	check_int(json_integer_value(json_object_get(s, "position_count")), 6, "zero weight not a position");
	check_dbl(json_number_value(json_object_get(s, "leverage")), 0.78, 1e-15, "leverage = sum |w| without gross_leverage");
	check_int(json_integer_value(json_object_get(s, "signal_count")), 0, "no agents: 0 signals");
	check_str(json_string_value(json_object_get(s, "regime")), "NEUTRAL", "no regime: NEUTRAL");
	check_int(json_array_size(top), 5, "five top positions");
	for (i = 0; i < 5; i++)
		check_str(json_string_value(json_object_get(json_array_get(top, i), "instrument")),
		    want[i], "top positions by |w|, ties by name");
	check_dbl(json_number_value(json_object_get(s, "var_95")), -0.021, 0, "var_95 from the historical slot");
	json_decref(s);
	json_decref(st);
	st = state(",\"gross_leverage\":1.8,\"regime\":\"RISK_OFF\"");
	s = report_summary(st);
	check_dbl(json_number_value(json_object_get(s, "leverage")), 1.8, 0, "portfolio.gross_leverage wins");
	check_str(json_string_value(json_object_get(s, "regime")), "RISK_OFF", "portfolio.regime");
	json_decref(s);
	json_decref(st);
}

static void
charts(void)
{
	char *buf = NULL, fb[32];
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	const char *labels[] = { "a<b", "c" };
	double v[] = { -0.02, 0.01 };
	json_t *x = json_real(-0.0213);

	svg_bars(m, "T&T", labels, v, 2);
	fclose(m);
	check(strstr(buf, "<title>T&amp;T</title>") != NULL, "title escaped");
	check(strstr(buf, ">a&lt;b</text>") != NULL, "label escaped");
	check(strstr(buf, "width=\"130.00\"") != NULL, "largest |value| spans the half width");
	check(strstr(buf, "width=\"65.00\"") != NULL, "half the value, half the bar");
	check(strstr(buf, "x=\"315.00\"") != NULL, "a negative bar ends at the axis");
	free(buf);
	buf = NULL;
	m = open_memstream(&buf, &len);
	svg_bars(m, "empty", NULL, NULL, 0);
	fclose(m);
	check(strstr(buf, "no data") != NULL, "no bars: says so");
	free(buf);
	check_str(fmt_pct(fb, sizeof(fb), x, 1), "-2.1%", "percent with one decimal");
	check_str(fmt_pct(fb, sizeof(fb), NULL, 1), "n/a", "missing number: n/a");
	json_decref(x);
}

int
main(void)
{
	summary();
	charts();
	return test_done();
}
