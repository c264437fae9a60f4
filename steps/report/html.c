/*
 * report.html: one self-contained XHTML page (inline CSS and SVG; no script, no
 * external resource) with the tables of report.md and four charts: weights by
 * instrument, VaR contribution by instrument, stress P&L by scenario, and the
 * portfolio's return history with its VaR line.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "field.h"
#include "report.h"
#include "xalloc.h"

#define G(o, k) json_object_get(o, k)

static const char CSS[] =
    "@page{size:A4;margin:10mm}"
    "body{font-family:sans-serif;margin:2em;color:#222;max-width:190mm}"
    "@media print{body{margin:0}h2{break-after:avoid}table,svg{break-inside:avoid}}"
    "table{border-collapse:collapse;margin:0.5em 0 1.5em}"
    "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
    "td:first-child,th:first-child{text-align:left}"
    ".bad{color:#c62828;font-weight:bold}";

/* One row of cells; a cell starting with '!' is flagged. */
static void
row(FILE *out, const char *tag, const char *const *cells, size_t n)
{
	size_t i;

	fputs("<tr>", out);
	for (i = 0; i < n; i++) {
		fprintf(out, "<%s%s>", tag, cells[i][0] == '!' ? " class=\"bad\"" : "");
		put_escaped(out, cells[i] + (cells[i][0] == '!'));
		fprintf(out, "</%s>", tag);
	}
	fputs("</tr>\n", out);
}

static void
html_summary(FILE *out, const json_t *s)
{
	static const char *const head[] = { "Signals", "Positions", "Leverage", "VaR 95%",
		"CVaR 95%", "Regime", "Risk level" };
	char a[32], b[32], c[32], d[32], e[32];
	const char *cells[7];
	json_t *x;
	size_t i;

	snprintf(a, sizeof(a), "%lld", (long long)json_integer_value(G(s, "signal_count")));
	snprintf(b, sizeof(b), "%lld", (long long)json_integer_value(G(s, "position_count")));
	snprintf(c, sizeof(c), "%.2fx", jnum_or(G(s, "leverage"), 0));
	cells[0] = a, cells[1] = b, cells[2] = c;
	cells[3] = fmt_pct(d, sizeof(d), G(s, "var_95"), 2);
	cells[4] = fmt_pct(e, sizeof(e), G(s, "cvar_95"), 2);
	cells[5] = json_string_value(G(s, "regime"));
	cells[6] = json_string_value(G(s, "risk_level"));
	fputs("<h2>Summary</h2>\n<table>\n", out);
	row(out, "th", head, 7);
	row(out, "td", cells, 7);
	fputs("</table>\n<p>Risk alerts: ", out);
	if (json_array_size(G(s, "risk_alerts")) == 0)
		fputs("None", out);
	fputs("</p>\n<ul>\n", out);
	json_array_foreach(G(s, "risk_alerts"), i, x) {
		fputs("<li class=\"bad\">", out);
		put_escaped(out, json_string_value(x));
		fputs("</li>\n", out);
	}
	fputs("</ul>\n", out);
}

static void
html_tables(FILE *out, const json_t *risk, const json_t *state)
{
	static const char *const lh[] = { "Limit", "Value", "Limit", "Utilisation", "Status" };
	char a[32], b[32], c[32], d[32], h[48];
	const char *sh[] = { "Scenario", "P&L", "Worst position", NULL };
	const char *cells[5];
	json_t *x;
	size_t i;

	fputs("<h2>Limits</h2>\n<table>\n", out);
	row(out, "th", lh, 5);
	json_array_foreach(G(risk, "limits"), i, x) {
		cells[0] = json_string_value(G(x, "name"));
		cells[1] = fmt_num(a, sizeof(a), G(x, "value"), 4);
		cells[2] = fmt_num(b, sizeof(b), G(x, "limit"), 4);
		cells[3] = fmt_pct(c, sizeof(c), G(x, "utilisation"), 1);
		cells[4] = !json_is_true(G(x, "checked")) ? "not checked" :
		    json_is_true(G(x, "breached")) ? "!BREACHED" : "ok";
		row(out, "td", cells, 5);
	}
	fputs("</table>\n<h2>Stress tests</h2>\n<table>\n", out);
	sh[3] = fmt_reverse_header(h, sizeof(h), state);
	row(out, "th", sh, 4);
	json_array_foreach(G(risk, "stress"), i, x) {
		cells[0] = json_string_value(G(x, "scenario"));
		cells[1] = fmt_pct(a, sizeof(a), G(x, "pnl_pct"), 2);
		cells[2] = json_is_string(G(x, "worst_position")) ?
		    json_string_value(G(x, "worst_position")) : "-";
		cells[3] = json_is_number(G(x, "reverse_multiple")) ?
		    fmt_num(d, sizeof(d), G(x, "reverse_multiple"), 2) :
		    json_string_value(G(x, "reverse_reason"));
		row(out, "td", cells, 4);
	}
	fputs("</table>\n", out);
}

static void
html_var(FILE *out, const json_t *risk)
{
	static const char *const head[] = { "Slot", "Method", "VaR 95%", "VaR 99%",
		"CVaR 95%", "CVaR 99%", "Warning" };
	static const char *const slots[] = { "historical", "parametric", "monte_carlo" };
	char a[32], b[32], c[32], d[32];
	const char *cells[7];
	json_t *v, *dd = G(risk, "drawdown"), *cb = G(risk, "circuit_breaker");
	size_t i;

	fputs("<h2>Value at risk (1 day)</h2>\n<table>\n", out);
	row(out, "th", head, 7);
	for (i = 0; i < 3; i++) {
		v = G(G(risk, "var"), slots[i]);
		cells[0] = slots[i];
		cells[1] = json_is_string(G(v, "method")) ? json_string_value(G(v, "method")) : "";
		cells[2] = fmt_pct(a, sizeof(a), G(v, "var_95"), 2);
		cells[3] = fmt_pct(b, sizeof(b), G(v, "var_99"), 2);
		cells[4] = fmt_pct(c, sizeof(c), G(v, "cvar_95"), 2);
		cells[5] = fmt_pct(d, sizeof(d), G(v, "cvar_99"), 2);
		cells[6] = json_is_string(G(v, "warning")) ? json_string_value(G(v, "warning")) : "";
		row(out, "td", cells, 7);
	}
	fputs("</table>\n<p>Circuit breaker: ", out);
	put_escaped(out, json_is_string(G(cb, "state")) ? json_string_value(G(cb, "state")) : "n/a");
	fputs(" (", out);
	put_escaped(out, json_is_string(G(cb, "reason")) ? json_string_value(G(cb, "reason")) : "n/a");
	fprintf(out, "), realised drawdown %s, scale %s. Hypothetical back-cast of today's "
	    "weights (not a track record): current %s, maximum %s.</p>\n",
	    fmt_pct(d, sizeof(d), G(cb, "drawdown"), 2), fmt_num(c, sizeof(c), G(cb, "scale"), 2),
	    fmt_pct(a, sizeof(a), G(dd, "current"), 2), fmt_pct(b, sizeof(b), G(dd, "max"), 2));
}

/* A bar chart of field `val` of each element of arr, labelled by field `lab`. */
static void
chart(FILE *out, const char *title, const json_t *arr, const char *lab, const char *val)
{
	size_t n = json_array_size(arr), i;
	const char **labels = xcalloc(n + 1, sizeof(*labels));
	double *v = xcalloc(n + 1, sizeof(*v));
	json_t *x;

	json_array_foreach(arr, i, x) {
		labels[i] = json_is_string(G(x, lab)) ? json_string_value(G(x, lab)) : "?";
		v[i] = jnum_or(G(x, val), 0);
	}
	fputs("<h3>", out);
	put_escaped(out, title);
	fputs("</h3>\n", out);
	svg_bars(out, title, labels, v, n);
	free(labels);
	free(v);
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every non-zero portfolio weight, by instrument. */
static void
chart_weights(FILE *out, const json_t *weights)
{
	size_t n = 0, i;
	const char **labels = xcalloc(json_object_size(weights) + 1, sizeof(*labels));
	double *v = xcalloc(json_object_size(weights) + 1, sizeof(*v));
	const char *key;
	json_t *x;

	json_object_foreach((json_t *)weights, key, x)
		if (jnum_or(x, 0) != 0)
			labels[n++] = key;
	qsort(labels, n, sizeof(*labels), cmpstr);
	for (i = 0; i < n; i++)
		v[i] = jnum_or(G(weights, labels[i]), 0);
	fputs("<h3>Weights by instrument</h3>\n", out);
	svg_bars(out, "Weights by instrument", labels, v, n);
	free(labels);
	free(v);
}

int
report_html(FILE *out, const json_t *state)
{
	json_t *risk = field_get(state, "risk"), *s = field_get(state, "report.summary");

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
	    "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
	    "<meta charset=\"UTF-8\"/>\n<title>Daily report ", out);
	put_escaped(out, field_str(state, "as_of"));
	fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>Daily report ", CSS);
	put_escaped(out, field_str(state, "as_of"));
	fputs("</h1>\n", out);
	html_summary(out, s);
	fputs("<h2>Charts</h2>\n", out);
	chart_weights(out, field_get(state, "portfolio.weights"));
	chart(out, "VaR contribution by instrument (parametric 95%)", G(risk, "decomposition"),
	    "instrument", "component_var");
	chart(out, "Stress P&L by scenario", G(risk, "stress"), "scenario", "pnl_pct");
	fputs("<h3>Portfolio daily returns and historical-slot VaR 95%</h3>\n", out);
	svg_history(out, "Portfolio daily returns", G(G(risk, "returns"), "dates"),
	    G(G(risk, "returns"), "values"), jnum_or(G(s, "var_95"), NAN));
	html_var(out, risk);
	html_tables(out, risk, state);
	fputs("</body>\n</html>\n", out);
	return ferror(out) ? -1 : 0;
}
