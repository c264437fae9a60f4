/*
 * step-report pieces by hand: report.summary's fallbacks and ordering, the
 * formatters, and the SVG charts' shapes (bars scaled to the largest |value|).
 */
#include <math.h>
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
	check(strstr(buf, ">-2.00%</text>") != NULL && strstr(buf, ">2.00%</text>") != NULL,
	    "value axis ticks at -max and +max");
	check(strstr(buf, ">% of NAV</text>") != NULL, "value axis unit");
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

/* Formatters: values worked by hand. */
static void
formatters(void)
{
	char b[48];
	json_t *x;

	x = json_real(-1234567.5);
	check_str(fmt_brl(b, sizeof(b), x), "-1,234,568", "BRL: rounded, grouped by thousands");
	json_decref(x);
	x = json_real(999.4);
	check_str(fmt_brl(b, sizeof(b), x), "999", "BRL: no separator below 1,000");
	json_decref(x);
	x = json_real(1e6);
	check_str(fmt_brl(b, sizeof(b), x), "1,000,000", "BRL: a million");
	json_decref(x);
	x = json_real(-0.2);
	check_str(fmt_brl(b, sizeof(b), x), "0", "BRL: -0.2 rounds to 0, no minus");
	json_decref(x);
	x = json_real(-0.5);
	check_str(fmt_brl(b, sizeof(b), x), "0", "BRL: -0.5 rounds to even 0, no minus");
	json_decref(x);
	x = json_real(-0.6);
	check_str(fmt_brl(b, sizeof(b), x), "-1", "BRL: -0.6 is -1");
	json_decref(x);
	check_str(fmt_brl(b, sizeof(b), NULL), "n/a", "BRL: missing");
	check_str(fmt_change(b, sizeof(b), 10.46, 10.51, "%"), "-5.0 bp", "rate in %: bp");
	check_str(fmt_change(b, sizeof(b), 212, 208, "bp"), "+4.0 bp", "spread in bp: bp");
	check_str(fmt_change(b, sizeof(b), 5.05, 5.00, "BRL/USD"), "+1.00%", "FX: percent change");
	check_str(fmt_change(b, sizeof(b), 15.45, 15.13, "index"), "+0.32 pts", "VIX: points");
	check_str(fmt_change(b, sizeof(b), 2, 1.5, "USD/bbl"), "+33.33%", "a price: percent");
	check_str(fmt_change(b, sizeof(b), 3.5, 3, "x"), "+0.50 x", "other unit: difference");
	check_str(fmt_change(b, sizeof(b), NAN, 3, "%"), "n/a", "no value: n/a");
	check_str(fmt_change(b, sizeof(b), 1, 2, NULL), "n/a", "no unit: n/a");
}

/* One writer, two renderings: the same cells, escaped for each. */
static void
emit(void)
{
	const char *h[] = { "Name", "Value" }, *c[] = { "a|b<c", "!-1.5%" };
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	struct rep r = { m, 0 };

	r_h2(&r, "P&L");
	r_thead(&r, h, 2);
	r_row(&r, c, 2);
	r_tend(&r);
	fclose(m);
	check_str(buf, "## P&L\n\n| Name | Value |\n|---|---:|\n| a\\|b<c | **-1.5%** |\n\n",
	    "Markdown: heading, aligned table, '|' escaped, flag in bold");
	free(buf);
	buf = NULL;
	m = open_memstream(&buf, &len);
	r = (struct rep){ m, 1 };
	r_h2(&r, "P&L");
	r_thead(&r, h, 2);
	r_row(&r, c, 2);
	r_tend(&r);
	r_para(&r, "%d < %s", 3, "4");
	fclose(m);
	check_str(buf, "<h2>P&amp;L</h2>\n<table>\n<tr><th>Name</th><th>Value</th></tr>\n"
	    "<tr><td>a|b&lt;c</td><td class=\"bad\">-1.5%</td></tr>\n</table>\n"
	    "<p>3 &lt; 4</p>\n", "HTML: escaped, flagged cell");
	free(buf);
}

/* A line chart: axis titles, tick labels at lo..hi, legend, a gap at NaN. */
static void
lines(void)
{
	const char *xl[] = { "1Y", "2Y", "5Y" };
	double a[] = { 10, 11, 12 }, b[] = { 9, NAN, 14 };
	struct svg_line l[] = { { "today", a, "#111111" }, { "ago", b, "#222222" } };
	char *buf = NULL, *p;
	size_t len = 0, segs = 0, dots = 0;
	FILE *m = open_memstream(&buf, &len);

	svg_lines(m, "DI", "tenor", "rate (%)", xl, 3, l, 2);
	fclose(m);
	check(strstr(buf, ">tenor</text>") != NULL, "x axis title");
	check(strstr(buf, "rotate(-90") != NULL && strstr(buf, ">rate (%)</text>") != NULL,
	    "y axis title, rotated");
	check(strstr(buf, ">9</text>") != NULL && strstr(buf, ">14</text>") != NULL &&
	    strstr(buf, ">11.5</text>") != NULL, "ticks: lo 9, mid 11.5, hi 14");
	check(strstr(buf, ">today</text>") != NULL && strstr(buf, ">ago</text>") != NULL,
	    "legend names each line");
	check(strstr(buf, ">1Y</text>") != NULL && strstr(buf, ">5Y</text>") != NULL, "x labels");
	for (p = buf; (p = strstr(p, "stroke-width=\"1.5\"")) != NULL; p++)
		segs++;
	for (p = buf; (p = strstr(p, "<circle")) != NULL; p++)
		dots++;
	check_int(segs, 2, "2 segments for the full line, none across the NaN");
	check_int(dots, 5, "a dot per finite point");
	/* hi 14 at the top (y 40), lo 9 at the bottom (y 200): 12 at 200 - 3/5 * 160 = 104. */
	check(strstr(buf, "cy=\"104.00\"") != NULL, "12 plotted at y 104");
	free(buf);
}

int
main(void)
{
	summary();
	charts();
	formatters();
	emit();
	lines();
	return test_done();
}
