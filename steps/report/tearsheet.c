/*
 * step-report --tearsheet: a backtest's summary.json on stdin (docs/BACKTEST.md),
 * one self-contained XHTML tearsheet on stdout, drawn by the daily report's own
 * writer and charts (emit.c, svg.c): the figures, the calendar years, cumulative
 * P&L, drawdown, rolling vol against the target and the exposure over time.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "die.h"
#include "exitcodes.h"
#include "report.h"

/* Series key of the summary as doubles times scale (null: NaN); n its length. */
static double *
vec(const json_t *s, const char *key, size_t n, double scale)
{
	json_t *a = json_object_get(s, key);
	double *v = calloc(n + 1, sizeof(*v));
	size_t i;

	if (v == NULL)
		die(EXIT_SOFTWARE, "out of memory");
	for (i = 0; i < n; i++) {
		json_t *x = json_array_get(a, i);

		v[i] = json_is_number(x) ? json_number_value(x) * scale : NAN;
	}
	return v;
}

static const char *
pct(char *b, size_t sz, const json_t *x)
{
	return fmt_pct(b, sz, x, 2);
}

static void
figures(struct rep *r, const json_t *sum)
{
	static const char *const head[] = { "Figure", "Value" };
	const json_t *dd = json_object_get(sum, "max_drawdown");
	const json_t *v = json_object_get(sum, "var95");
	char b[10][64];
	const char *rows[][2] = {
		{ "Annualised return", pct(b[0], 64, json_object_get(sum, "annualised_return")) },
		{ "Annualised volatility", pct(b[1], 64, json_object_get(sum, "annualised_vol")) },
		{ "Sharpe ratio", fmt_num(b[2], 64, json_object_get(sum, "sharpe"), 2) },
		{ "Max drawdown", pct(b[3], 64, json_object_get(dd, "value")) },
		{ "Hit rate", pct(b[4], 64, json_object_get(sum, "hit_rate")) },
		{ "VaR95 exceptions", fmt_num(b[5], 64, json_object_get(v, "exceptions"), 0) },
		{ "Kupiec p-value", fmt_num(b[6], 64, json_object_get(v, "kupiec_p"), 3) },
		{ "Christoffersen p-value",
		    fmt_num(b[7], 64, json_object_get(v, "christoffersen_p"), 3) },
		{ "Turnover (x NAV, total)",
		    fmt_num(b[8], 64, json_object_get(json_object_get(sum, "turnover"), "total"), 2) },
		{ "Costs (total)", pct(b[9], 64, json_object_get(json_object_get(sum, "costs"),
		    "total")) },
	};
	size_t i;

	r_h2(r, "Figures");
	r_para(r, "Max drawdown from %s to %s; VaR95 back-test over %s days.",
	    jstr_or(json_object_get(dd, "peak_date"), "the start"),
	    jstr_or(json_object_get(dd, "trough_date"), "n/a"),
	    fmt_num(b[0], 64, json_object_get(v, "days"), 0));
	r_thead(r, head, 2);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		r_row(r, rows[i], 2);
	r_tend(r);
}

static void
years(struct rep *r, const json_t *sum)
{
	static const char *const head[] = { "Year", "Dates", "Gross P&L", "Costs",
		"Net P&L", "Return" };
	const json_t *y;
	char b[5][64];
	size_t i;

	r_h2(r, "Calendar years");
	r_thead(r, head, 6);
	json_array_foreach(json_object_get(sum, "by_year"), i, y) {
		const char *row[6] = { jstr_or(json_object_get(y, "year"), "?"),
			fmt_num(b[0], 64, json_object_get(y, "dates"), 0),
			pct(b[1], 64, json_object_get(y, "pnl_gross")),
			pct(b[2], 64, json_object_get(y, "costs")),
			pct(b[3], 64, json_object_get(y, "pnl_net")),
			pct(b[4], 64, json_object_get(y, "return")) };

		r_row(r, row, 6);
	}
	r_tend(r);
}

static void
charts(struct rep *r, const json_t *s)
{
	const json_t *dates = json_object_get(s, "dates");
	size_t n = json_array_size(dates), i;
	const char **xl = calloc(n + 1, sizeof(*xl));
	double *cum = vec(s, "nav", n, 100), *dd = vec(s, "drawdown", n, -100);
	double *rv = vec(s, "rolling_vol", n, 100), *tv = vec(s, "target_vol", n, 100);
	double *g = vec(s, "gross_leverage", n, 1), *nl = vec(s, "net_leverage", n, 1);
	struct svg_line l1[] = { { "cumulative net P&L", cum, "#1565c0" } };
	struct svg_line l2[] = { { "drawdown", dd, "#c62828" } };
	struct svg_line l3[] = { { "rolling vol", rv, "#1565c0" },
		{ "target vol", tv, "#888888" } };
	struct svg_line l4[] = { { "gross", g, "#1565c0" }, { "net", nl, "#2e7d32" } };

	if (xl == NULL)
		die(EXIT_SOFTWARE, "out of memory");
	for (i = 0; i < n; i++) {
		xl[i] = json_string_value(json_array_get(dates, i));
		cum[i] -= 100;	/* NAV index 1 = 0 % */
	}
	r_h2(r, "Charts");
	svg_lines(r->f, "Cumulative net P&L", "date", "% of NAV", xl, n, l1, 1);
	svg_lines(r->f, "Drawdown", "date", "% of NAV", xl, n, l2, 1);
	svg_lines(r->f, "Rolling volatility vs target", "date", "% a year", xl, n, l3, 2);
	svg_lines(r->f, "Exposure", "date", "x NAV", xl, n, l4, 2);
	free(xl);
	free(cum);
	free(dd);
	free(rv);
	free(tv);
	free(g);
	free(nl);
}

int
report_tearsheet(FILE *out, const json_t *sum)
{
	struct rep r = { out, 1 };
	char every[32];

	snprintf(every, sizeof(every), "%lld",
	    (long long)json_integer_value(json_object_get(sum, "every")));
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
	    "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
	    "<meta charset=\"UTF-8\"/>\n<title>Backtest ", out);
	put_escaped(out, jstr_or(json_object_get(sum, "from"), "?"));
	fputs(" to ", out);
	put_escaped(out, jstr_or(json_object_get(sum, "to"), "?"));
	fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>Backtest ",
	    report_css);
	put_escaped(out, jstr_or(json_object_get(sum, "from"), "?"));
	fputs(" to ", out);
	put_escaped(out, jstr_or(json_object_get(sum, "to"), "?"));
	fputs("</h1>\n", out);
	r_para(&r, "Every %s desk business day(s), %lld dates; figures net of "
	    "transaction costs (docs/BACKTEST.md).", every,
	    (long long)json_integer_value(json_object_get(sum, "dates")));
	figures(&r, sum);
	years(&r, sum);
	charts(&r, json_object_get(sum, "series"));
	fputs("</body>\n</html>\n", out);
	return ferror(out) ? -1 : 0;
}

int
report_tearsheet_main(void)
{
	json_error_t e;
	json_t *sum = json_loadf(stdin, 0, &e);
	int rc;

	if (!json_is_object(sum))
		die(EXIT_DATAERR, "--tearsheet: stdin is not a backtest summary: line %d: %s",
		    e.line, e.text);
	rc = report_tearsheet(stdout, sum);
	json_decref(sum);
	if (rc == -1 || fflush(stdout) == EOF)
		die(EXIT_IOERR, "--tearsheet: cannot write stdout");
	return 0;
}
