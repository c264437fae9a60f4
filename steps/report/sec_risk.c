/*
 * The risk sections of the report (docs/REPORT.md): VaR by method with its
 * trend and back-test (risk.track_record), stress and reverse stress, limits in
 * percent with utilisation, and data quality (absent and stale series).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "field.h"
#include "report.h"
#include "xalloc.h"

#define G(o, k) json_object_get(o, k)
#define TREND_ROWS 20		/* back-test rows shown (docs/REPORT.md) */

static void
var_methods(struct rep *r, const json_t *risk)
{
	static const char *const head[] = { "Slot", "Method", "VaR 95%", "VaR 99%",
		"CVaR 95%", "CVaR 99%", "Obs.", "Warning" };
	static const char *const slots[] = { "historical", "parametric", "monte_carlo" };
	static const struct rcol col[] = { { "method", 's', 0, "" },
		{ "var_95", '%', 2, NULL }, { "var_99", '%', 2, NULL },
		{ "cvar_95", '%', 2, NULL }, { "cvar_99", '%', 2, NULL },
		{ "n_observations", 'n', 0, NULL }, { "warning", 's', 0, "" } };
	size_t i;

	r_thead(r, head, 8);
	for (i = 0; i < 3; i++)
		r_obj_row(r, slots[i], G(G(risk, "var"), slots[i]), col, 7);
	r_tend(r);
}

static void
var_contributions(struct rep *r, const json_t *risk)
{
	static const char *const h[] = { "Instrument", "Weight", "Marginal VaR",
		"Component VaR", "Share" };
	static const struct rcol col[] = { { "instrument", 's', 0, NULL },
		{ "weight", '%', 2, NULL }, { "marginal_var", '%', 3, NULL },
		{ "component_var", '%', 3, NULL }, { "pct", '%', 1, NULL } };
	json_t *x;
	size_t i;

	r_h3(r, "VaR contribution by instrument (parametric 95%)");
	r_thead(r, h, 5);
	json_array_foreach(G(risk, "decomposition"), i, x)
		r_obj_row(r, NULL, x, col, 5);
	r_tend(r);
}

/* The last TREND_ROWS days: realised P&L against the VaR predicted for the day. */
static void
var_trend(struct rep *r, const json_t *hist)
{
	static const char *const h[] = { "Date", "P&L", "VaR 95%", "VaR 99%", "Exception" };
	size_t n = json_array_size(hist), k0 = n > TREND_ROWS ? n - TREND_ROWS : 0, i;
	double v[3][TREND_ROWS];
	const char *xl[TREND_ROWS], *c[5];
	char a[32], b[32], d[32];
	struct svg_line l[3];
	json_t *x;

	r_h3(r, "VaR trend: realised P&L against the VaR predicted the day before");
	for (i = k0; i < n; i++) {
		x = json_array_get(hist, i);
		xl[i - k0] = jstr_or(G(x, "date"), "?");
		v[0][i - k0] = jnum_or(G(x, "pnl"), NAN) * 100;
		v[1][i - k0] = jnum_or(G(x, "var95"), NAN) * 100;
		v[2][i - k0] = jnum_or(G(x, "var99"), NAN) * 100;
	}
	if (r->html && n > 0) {
		l[0] = (struct svg_line){ "P&L (% NAV)", v[0], "#1565c0" };
		l[1] = (struct svg_line){ "VaR 95%", v[1], "#ef6c00" };
		l[2] = (struct svg_line){ "VaR 99%", v[2], "#c62828" };
		svg_lines(r->f, "Daily P&L and predicted VaR", "book date", "% of NAV", xl,
		    n - k0, l, 3);
	}
	r_thead(r, h, 5);
	for (i = k0; i < n; i++) {
		x = json_array_get(hist, i);
		c[0] = xl[i - k0];
		c[1] = fmt_pct(a, sizeof(a), G(x, "pnl"), 3);
		c[2] = fmt_pct(b, sizeof(b), G(x, "var95"), 3);
		c[3] = fmt_pct(d, sizeof(d), G(x, "var99"), 3);
		c[4] = json_is_true(G(x, "exception99")) ? "!99% and 95%" :
		    json_is_true(G(x, "exception95")) ? "!95%" : "";
		r_row(r, c, 5);
	}
	r_tend(r);
}

static void
backtest(struct rep *r, const json_t *bt)
{
	static const char *const h[] = { "Level", "Days", "Exceptions", "Rate",
		"Kupiec p", "Christoffersen p", "Basel zone" };
	static const char *const lv[] = { "var95", "var99" }, *const name[] = { "95%", "99%" };
	char a[32], b[32], c[32], d[32], e[32];
	const char *cells[7];
	json_t *x;
	size_t i;

	r_h3(r, "VaR back-test");
	r_para(r, "Window %s days; %s days with a prediction.",
	    fmt_num(a, sizeof(a), G(bt, "window"), 0), fmt_num(b, sizeof(b), G(bt, "days"), 0));
	r_thead(r, h, 7);
	for (i = 0; i < 2; i++) {
		x = G(bt, lv[i]);
		cells[0] = name[i];
		cells[1] = b;
		cells[2] = fmt_num(a, sizeof(a), G(x, "exceptions"), 0);
		cells[3] = fmt_pct(c, sizeof(c), G(x, "rate"), 2);
		cells[4] = fmt_num(d, sizeof(d), G(x, "kupiec_p"), 4);
		cells[5] = fmt_num(e, sizeof(e), G(x, "christoffersen_p"), 4);
		cells[6] = jstr_or(G(x, "basel_zone"), "-");
		r_row(r, cells, 7);
	}
	r_tend(r);
}

void
sec_var(struct rep *r, const json_t *st)
{
	json_t *risk = field_get(st, "risk"), *t = G(risk, "track_record");
	json_t *dd = G(risk, "drawdown"), *cb = G(risk, "circuit_breaker");
	char a[32], b[32], c[32], d[32];

	r_h2(r, "Value at risk (1 day, % of NAV)");
	var_methods(r, risk);
	var_contributions(r, risk);
	r_para(r, "Circuit breaker %s (%s), realised drawdown %s, scale %s. Hypothetical "
	    "back-cast of today's weights (not a track record): current drawdown %s, maximum %s.",
	    jstr_or(G(cb, "state"), "n/a"), jstr_or(G(cb, "reason"), "n/a"),
	    fmt_pct(a, sizeof(a), G(cb, "drawdown"), 2), fmt_num(b, sizeof(b), G(cb, "scale"), 2),
	    fmt_pct(c, sizeof(c), G(dd, "current"), 2), fmt_pct(d, sizeof(d), G(dd, "max"), 2));
	if (!json_is_object(t) || !json_is_true(G(t, "available"))) {
		r_para(r, "VaR trend and back-test unavailable: %s.", json_is_object(t) ?
		    jstr_or(G(t, "reason"), "no reason given") : "no risk.track_record in the state");
		return;
	}
	var_trend(r, G(t, "history"));
	if (json_is_object(G(t, "backtest")))
		backtest(r, G(t, "backtest"));
	else
		r_para(r, "No back-test in risk.track_record.");
}

/* A scenario's cells after its name: row i of the array s. */
static void
stress_cells(const void *s, size_t i, const char **cells, char (*buf)[40])
{
	const json_t *x = json_array_get(s, i);

	cells[1] = fmt_pct(buf[1], sizeof(buf[1]), G(x, "pnl_pct"), 2);
	cells[2] = jstr_or(G(x, "worst_position"), "-");
	cells[3] = fmt_pct(buf[3], sizeof(buf[3]), G(x, "worst_position_pnl"), 2);
	cells[4] = json_is_number(G(x, "reverse_multiple")) ?
	    fmt_num(buf[4], sizeof(buf[4]), G(x, "reverse_multiple"), 2) :
	    jstr_or(G(x, "reverse_reason"), "n/a");
}

void
sec_stress(struct rep *r, const json_t *st)
{
	const char *h[] = { "Scenario", "P&L", "Worst position", "Its P&L", NULL };
	json_t *s = field_get(st, "risk.stress"), *x;
	struct bars b;
	size_t i;
	char hd[48];

	r_h2(r, "Stress tests and reverse stress");
	bars_init(&b, json_array_size(s));
	json_array_foreach(s, i, x) {
		b.lab[i] = jstr_or(G(x, "scenario"), "?");
		b.v[i] = jnum_or(G(x, "pnl_pct"), NAN);
	}
	h[4] = fmt_reverse_header(hd, sizeof(hd), st);
	r_bars_table(r, "Stress P&L by scenario", &b, h, 5, stress_cells, s);
}

void
sec_limits(struct rep *r, const json_t *st)
{
	static const char *const h[] = { "Limit", "Value", "Maximum", "Utilisation", "Status",
		"Reason" };
	char a[32], b[32], c[32];
	const char *cells[6];
	json_t *l;
	size_t i;

	r_h2(r, "Limits (% of NAV)");
	r_thead(r, h, 6);
	json_array_foreach(field_get(st, "risk.limits"), i, l) {
		cells[0] = jstr_or(G(l, "name"), "?");
		cells[1] = fmt_pct(a, sizeof(a), G(l, "value"), 2);
		cells[2] = fmt_pct(b, sizeof(b), G(l, "limit"), 2);
		cells[3] = fmt_pct(c, sizeof(c), G(l, "utilisation"), 1);
		cells[4] = !json_is_true(G(l, "checked")) ? "not checked" :
		    json_is_true(G(l, "breached")) ? "!BREACHED" : "ok";
		cells[5] = jstr_or(G(l, "reason"), "");
		r_row(r, cells, 6);
	}
	r_tend(r);
}

/* The absent and stale series: quality.checks.completeness.details (docs/STATE.md). */
void
sec_quality(struct rep *r, const json_t *st)
{
	static const char *const h[] = { "Series", "Finding", "Last", "Days behind", "Critical" };
	json_t *q = field_get(st, "quality"), *comp = G(G(q, "checks"), "completeness"), *x;
	char a[32], b[32], c[32], d[32], e[32];
	const char *cells[5];
	size_t i;

	r_h2(r, "Data quality");
	if (!json_is_object(q)) {
		r_para(r, "No quality section in the state.");
		return;
	}
	r_para(r, "Score %s, status %s: %s series, %s stale, %s absent, %s critical stale "
	    "or absent.", fmt_num(a, sizeof(a), G(q, "score"), 0), jstr_or(G(q, "status"), "n/a"),
	    fmt_num(b, sizeof(b), G(comp, "total"), 0), fmt_num(c, sizeof(c), G(comp, "stale"), 0),
	    fmt_num(d, sizeof(d), G(comp, "absent"), 0),
	    fmt_num(e, sizeof(e), G(comp, "critical_stale"), 0));
	if (json_array_size(G(comp, "details")) == 0)
		r_para(r, "No absent or stale series.");
	else {
		r_thead(r, h, 5);
		json_array_foreach(G(comp, "details"), i, x) {
			cells[0] = jstr_or(G(x, "series"), "?");
			cells[1] = strcmp(jstr_or(G(x, "reason"), ""), "absent") == 0 ? "!absent" :
			    "!stale";
			cells[2] = jstr_or(G(x, "last"), "none");
			cells[3] = fmt_num(b, sizeof(b), G(x, "days_behind"), 0);
			cells[4] = json_is_true(G(x, "critical")) ? "yes" : "no";
			r_row(r, cells, 5);
		}
		r_tend(r);
	}
	if (json_is_string(field_get(st, "quality.summary.detail")))
		r_para(r, "%s.", field_str(st, "quality.summary.detail"));
}
