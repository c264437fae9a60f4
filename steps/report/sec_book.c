/*
 * The book's sections of the report (docs/REPORT.md): header, P&L, positions,
 * trades. Every figure is read from the state; a missing or unavailable piece is
 * said so with its reason, never filled in.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "conf.h"
#include "domain.h"
#include "field.h"
#include "report.h"
#include "xalloc.h"

#define G(o, k) json_object_get(o, k)
#define N(a) (sizeof(a) / sizeof((a)[0]))
#define HISTORY_ROWS 20		/* track-record rows shown (docs/REPORT.md) */

static void
cat(char *b, size_t sz, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
cat(char *b, size_t sz, const char *fmt, ...)
{
	size_t n = strlen(b);
	va_list ap;

	if (n + 1 >= sz)
		return;
	va_start(ap, fmt);
	vsnprintf(b + n, sz - n, fmt, ap);
	va_end(ap);
}

/* "synthetic (seed 20050103, 52 series); catalogue data/catalogue.tsv". */
static void
source_text(char *b, size_t sz, const json_t *st)
{
	json_t *x;
	size_t i;

	b[0] = '\0';
	json_array_foreach(field_get(st, "ingest.sources"), i, x) {
		cat(b, sz, "%s%s (", i ? "; " : "", jstr_or(G(x, "name"), "?"));
		if (json_is_integer(G(x, "seed")))
			cat(b, sz, "seed %lld, ", (long long)json_integer_value(G(x, "seed")));
		cat(b, sz, "%lld series)", (long long)json_integer_value(G(x, "series")));
	}
	if (json_is_string(field_get(st, "ingest.catalogue")))
		cat(b, sz, "%scatalogue %s", b[0] ? "; " : "", field_str(st, "ingest.catalogue"));
	if (b[0] == '\0')
		snprintf(b, sz, "n/a (no ingest.sources in the state)");
}

void
sec_header(struct rep *r, const json_t *st)
{
	static const char *const h[] = { "Item", "Value" };
	const json_t *s = field_get(st, "report.summary");
	char src[1024], gen[160], q[64], a[32], b[32], c[32], al[1024];
	const char *run = jstr_or(field_get(st, "run_id"), "n/a (no run id in the state)");
	json_t *x;
	size_t i;

	source_text(src, sizeof(src), st);
	snprintf(gen, sizeof(gen), "as of %s, run %s", field_str(st, "as_of"), run);
	if (json_is_string(field_get(st, "quality.status")))
		snprintf(q, sizeof(q), "%s (score %s)", field_str(st, "quality.status"),
		    fmt_num(a, sizeof(a), field_get(st, "quality.score"), 0));
	else
		snprintf(q, sizeof(q), "n/a (no quality section)");
	al[0] = '\0';
	json_array_foreach(G(s, "risk_alerts"), i, x)
		cat(al, sizeof(al), "%s%s", i ? "; " : "", jstr_or(x, "?"));
	if (json_is_number(G(s, "leverage")))
		fmt_leverage(c, sizeof(c), json_number_value(G(s, "leverage")));
	else
		snprintf(c, sizeof(c), "n/a");
	{
		char sig[32], pos[32];
		const char *rows[][2] = {
			{ "Date", field_str(st, "as_of") },
			{ "Run id", run },
			{ "Dry run", json_is_true(field_get(st, "dry_run")) ? "yes" :
			    json_is_false(field_get(st, "dry_run")) ? "no" : "n/a" },
			{ "Data source", src },
			{ "Generated at", gen },
			{ "Quality status", q },
			{ "Risk level", jstr_or(G(s, "risk_level"), "n/a") },
			{ "Signals", sig },
			{ "Positions", pos },
			{ "Gross leverage", c },
			{ "VaR 95% (1 day)", fmt_pct(a, sizeof(a), G(s, "var_95"), 2) },
			{ "CVaR 95% (1 day)", fmt_pct(b, sizeof(b), G(s, "cvar_95"), 2) },
			{ "Regime", jstr_or(G(s, "regime"), "n/a") },
			{ "Risk alerts", al[0] ? al : "None" },
		};

		snprintf(sig, sizeof(sig), "%lld", (long long)json_integer_value(G(s, "signal_count")));
		snprintf(pos, sizeof(pos), "%lld", (long long)json_integer_value(G(s, "position_count")));
		r_h2(r, "Header");
		r_thead(r, h, 2);
		for (i = 0; i < N(rows); i++)
			r_row(r, rows[i], 2);
		r_tend(r);
	}
}

/* The NAV in BRL: portfolio.totals.nav_brl, else config.portfolio.nav (or its default). */
static double
nav_brl(const json_t *st)
{
	double nav = jnum_or(field_get(st, "portfolio.totals.nav_brl"), NAN);

	if (!isfinite(nav))
		nav = conf_num(st, "portfolio.nav");
	return nav;
}

/* One attribution table: key, NAV fraction in %, BRL. */
static void
attribution(struct rep *r, const char *title, const char *what, const json_t *obj, double nav)
{
	const char *h[] = { what, "P&L % NAV", "P&L BRL" }, *key, *c[3];
	char a[32], b[40];
	json_t *v, *brl;

	r_h3(r, title);
	r_thead(r, h, 3);
	json_object_foreach((json_t *)obj, key, v) {
		brl = json_is_number(v) ? json_real(json_number_value(v) * nav) : NULL;
		c[0] = key, c[1] = fmt_pct(a, sizeof(a), v, 4), c[2] = fmt_brl(b, sizeof(b), brl);
		r_row(r, c, 3);
		json_decref(brl);
	}
	r_tend(r);
}

static void
realised(struct rep *r, const json_t *st)
{
	static const char *const h[] = { "Date", "P&L % NAV", "P&L BRL" };
	json_t *p = field_get(st, "portfolio.pnl"), *d, *brl;
	double nav = nav_brl(st);
	char a[32], b[40], t[32], tb[40];
	const char *c[3];
	size_t i;

	if (!json_is_object(p) || !json_is_true(G(p, "available"))) {
		r_para(r, "Realised P&L unavailable: %s.", json_is_object(p) ?
		    jstr_or(G(p, "reason"), "no reason given") : "no portfolio.pnl in the state");
		return;
	}
	r_para(r, "Realised P&L of the book held from %s to %s: %s of NAV, BRL %s "
	    "(NAV BRL %s; %lld holding-days without a return, counted as 0).",
	    jstr_or(G(p, "from"), "?"), jstr_or(G(p, "to"), "?"),
	    fmt_pct(t, sizeof(t), G(p, "total"), 4), fmt_brl(tb, sizeof(tb), G(p, "total_brl")),
	    fmt_brl(b, sizeof(b), brl = json_real(nav)),
	    (long long)json_integer_value(G(p, "missing_returns")));
	json_decref(brl);
	r_thead(r, h, 3);
	json_array_foreach(G(p, "days"), i, d) {
		brl = json_is_number(G(d, "pnl")) ? json_real(json_number_value(G(d, "pnl")) * nav) :
		    NULL;
		c[0] = jstr_or(G(d, "date"), "?");
		c[1] = fmt_pct(a, sizeof(a), G(d, "pnl"), 4);
		c[2] = fmt_brl(b, sizeof(b), brl);
		r_row(r, c, 3);
		json_decref(brl);
	}
	r_tend(r);
	attribution(r, "P&L by package", "Package", G(p, "by_package"), nav);
	attribution(r, "P&L by instrument", "Instrument", G(p, "by_instrument"), nav);
	attribution(r, "P&L by asset class", "Asset class", G(p, "by_asset_class"), nav);
}

/* The last HISTORY_ROWS rows of risk.track_record.history: table and NAV-index chart. */
static void
track_history(struct rep *r, const json_t *hist)
{
	static const char *const h[] = { "Date", "P&L % NAV", "NAV index", "Drawdown" };
	static const struct rcol col[] = { { "date", 's', 0, NULL }, { "pnl", '%', 4, NULL },
		{ "nav_index", 'n', 6, NULL }, { "drawdown", '%', 2, NULL } };
	size_t n = json_array_size(hist), k0 = n > HISTORY_ROWS ? n - HISTORY_ROWS : 0, i;
	const char *xl[HISTORY_ROWS];
	double v[HISTORY_ROWS], pl[HISTORY_ROWS];
	json_t *x;
	struct svg_line l[2];

	r_h3(r, "Track record, last days");
	for (i = k0; i < n; i++) {
		x = json_array_get(hist, i);
		xl[i - k0] = jstr_or(G(x, "date"), "?");
		pl[i - k0] = jnum_or(G(x, "pnl"), NAN) * 100;
		v[i - k0] = (jnum_or(G(x, "nav_index"), NAN) - 1) * 100;
	}
	if (r->html && n > 0) {
		l[0] = (struct svg_line){ "NAV index - 1 (%)", v, "#1565c0" };
		l[1] = (struct svg_line){ "daily P&L (% NAV)", pl, "#2e7d32" };
		svg_lines(r->f, "Track record: NAV index and daily P&L", "book date",
		    "% of NAV", xl, n - k0, l, 2);
	}
	r_thead(r, h, 4);
	for (i = k0; i < n; i++)
		r_obj_row(r, NULL, json_array_get(hist, i), col, 4);
	r_tend(r);
}

static void
track_record(struct rep *r, const json_t *st)
{
	static const char *const h[] = { "Day", "MTD", "YTD", "Drawdown", "Peak date",
		"Max drawdown", "NAV index", "Days" };
	json_t *t = field_get(st, "risk.track_record");
	char a[32], b[32], c[32], d[32], e[32], f[32], g[32];
	const char *cells[8];

	r_h3(r, "Track record");
	if (!json_is_object(t) || !json_is_true(G(t, "available"))) {
		r_para(r, "Track record unavailable: %s.", json_is_object(t) ?
		    jstr_or(G(t, "reason"), "no reason given") : "no risk.track_record in the state");
		return;
	}
	cells[0] = fmt_pct(a, sizeof(a), G(t, "pnl_day"), 4);
	cells[1] = fmt_pct(b, sizeof(b), G(t, "pnl_mtd"), 4);
	cells[2] = fmt_pct(c, sizeof(c), G(t, "pnl_ytd"), 4);
	cells[3] = fmt_pct(d, sizeof(d), G(t, "drawdown"), 2);
	cells[4] = jstr_or(G(t, "peak_date"), "n/a");
	cells[5] = fmt_pct(e, sizeof(e), G(t, "max_drawdown"), 2);
	cells[6] = fmt_num(f, sizeof(f), G(t, "nav_index"), 6);
	snprintf(g, sizeof(g), "%lld", (long long)json_integer_value(G(t, "days")));
	cells[7] = g;
	r_thead(r, h, 8);
	r_row(r, cells, 8);
	r_tend(r);
	track_history(r, G(t, "history"));
}

void
sec_pnl(struct rep *r, const json_t *st)
{
	r_h2(r, "P&L");
	realised(r, st);
	track_record(r, st);
}

static void
instruments(struct rep *r, const json_t *st)
{
	static const char *const h[] = { "Instrument", "Class", "Weight", "Notional BRL",
		"DV01 BRL/bp", "USD delta" };
	json_t *ins = field_get(st, "portfolio.instruments"), *x, *tot;
	size_t n = json_array_size(ins), i;
	const char **lab = xcalloc(n + 1, sizeof(*lab)), *c[6];
	double *w = xcalloc(n + 1, sizeof(*w));
	char a[32], b[40], d[40], e[40];

	json_array_foreach(ins, i, x) {
		lab[i] = jstr_or(G(x, "instrument"), "?");
		w[i] = jnum_or(G(x, "held_weight"), NAN);
	}
	if (r->html)
		svg_bars(r->f, "Weights held by instrument", lab, w, n);
	r_thead(r, h, 6);
	json_array_foreach(ins, i, x) {
		c[0] = lab[i], c[1] = jstr_or(G(x, "asset_class"), "");
		c[2] = fmt_pct(a, sizeof(a), G(x, "held_weight"), 2);
		c[3] = fmt_brl(b, sizeof(b), G(x, "notional_brl"));
		c[4] = G(x, "dv01_brl") ? fmt_brl(d, sizeof(d), G(x, "dv01_brl")) : "-";
		c[5] = G(x, "usd_delta") ? fmt_brl(e, sizeof(e), G(x, "usd_delta")) : "-";
		r_row(r, c, 6);
	}
	tot = field_get(st, "portfolio.totals");
	c[0] = "Total (gross notional)", c[1] = "", c[2] = "";
	c[3] = fmt_brl(b, sizeof(b), G(tot, "gross_notional_brl"));
	c[4] = fmt_brl(d, sizeof(d), G(tot, "dv01_brl"));
	c[5] = fmt_brl(e, sizeof(e), G(tot, "usd_delta"));
	r_row(r, c, 6);
	r_tend(r);
	free(lab);
	free(w);
}

/* P&L since entry: in bp for levels in %, else in the level's unit. */
static const char *
pkg_pnl(char *b, size_t sz, const json_t *p)
{
	if (json_is_number(G(p, "pnl_bp")))
		snprintf(b, sz, "%+.1f bp", json_number_value(G(p, "pnl_bp")));
	else if (json_is_number(G(p, "pnl_level")))
		snprintf(b, sz, "%+.4g %s", json_number_value(G(p, "pnl_level")),
		    jstr_or(G(p, "unit"), ""));
	else
		snprintf(b, sz, "n/a");
	return b;
}

static void
packages(struct rep *r, const json_t *st)
{
	static const char *const h[] = { "Package", "Side", "Status", "Entry", "Entry level",
		"Stop", "Target", "To stop (σ)", "Days", "P&L since entry", "Return" };
	char e[32], s[32], t[32], d[32], n[32], p[40], q[32], pk[96];
	const char *c[11];
	json_t *x;
	size_t i, k = 0;

	r_h3(r, "Packages");
	json_array_foreach(field_get(st, "strategies.packages"), i, x) {
		if (strcmp(jstr_or(G(x, "package_status"), ""), "closed") == 0)
			continue;
		if (k++ == 0)
			r_thead(r, h, 11);
		snprintf(pk, sizeof(pk), "%s %s", jstr_or(G(x, "strategy_id"), "?"),
		    jstr_or(G(x, "instrument"), "?"));
		c[0] = pk, c[1] = jstr_or(G(x, "direction"), "?");
		c[2] = jstr_or(G(x, "package_status"), "?");
		c[3] = jstr_or(G(x, "entry_date"), "n/a");
		c[4] = fmt_num(e, sizeof(e), G(x, "entry_level"), 4);
		c[5] = fmt_num(s, sizeof(s), G(x, "stop_loss"), 4);
		c[6] = fmt_num(t, sizeof(t), G(x, "take_profit"), 4);
		c[7] = fmt_num(d, sizeof(d), G(x, "distance_to_stop_sigmas"), 1);
		c[8] = fmt_num(n, sizeof(n), G(x, "business_days_held"), 0);
		c[9] = pkg_pnl(p, sizeof(p), x);
		c[10] = fmt_pct(q, sizeof(q), G(x, "pnl_return"), 2);
		r_row(r, c, 11);
	}
	if (k)
		r_tend(r);
	else
		r_para(r, "No open package.");
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A weight's cell: the weight of label cells[0] in the object w. */
static void
weight_cell(const void *w, size_t i, const char **cells, char (*buf)[40])
{
	(void)i;
	cells[1] = fmt_pct(buf[1], sizeof(buf[1]), G(w, cells[0]), 2);
}

/* Without portfolio.instruments: the non-zero portfolio.weights, by name. */
static void
weights_only(struct rep *r, const json_t *st)
{
	static const char *const h[] = { "Instrument", "Weight" };
	json_t *w = field_get(st, "portfolio.weights"), *x;
	struct bars b;
	const char *key;
	size_t n = 0, i;

	r_para(r, "No portfolio.instruments in the state: desk units unavailable.");
	bars_init(&b, json_object_size(w));
	json_object_foreach(w, key, x)
		if (jnum_or(x, 0) != 0)
			b.lab[n++] = key;
	b.n = n;
	qsort(b.lab, n, sizeof(*b.lab), cmpstr);
	for (i = 0; i < n; i++)
		b.v[i] = jnum_or(G(w, b.lab[i]), 0);
	r_bars_table(r, "Weights held by instrument", &b, h, 2, weight_cell, w);
}

void
sec_positions(struct rep *r, const json_t *st)
{
	r_h2(r, "Positions");
	if (json_is_array(field_get(st, "portfolio.instruments")))
		instruments(r, st);
	else
		weights_only(r, st);
	packages(r, st);
}

/* Opened and closed packages with their reason. */
static void
package_events(struct rep *r, const json_t *st)
{
	static const char *const h[] = { "Package", "Event", "Date", "Reason" };
	char pk[96], why[256];
	const char *c[4], *status;
	json_t *x;
	size_t i, k = 0;

	json_array_foreach(field_get(st, "strategies.packages"), i, x) {
		status = jstr_or(G(x, "package_status"), "");
		if (strcmp(status, "opened") != 0 && strcmp(status, "closed") != 0)
			continue;
		if (k++ == 0)
			r_thead(r, h, 4);
		snprintf(pk, sizeof(pk), "%s %s %s", jstr_or(G(x, "strategy_id"), "?"),
		    jstr_or(G(x, "instrument"), "?"), jstr_or(G(x, "direction"), "?"));
		if (strcmp(status, "opened") == 0)
			snprintf(why, sizeof(why), "entry signal %s (%s, confidence %.2f)",
			    jstr_or(G(x, "entry_signal"), "?"), jstr_or(G(x, "strength"), "?"),
			    jnum_or(G(x, "confidence"), 0));
		else
			snprintf(why, sizeof(why), "%s", jstr_or(G(x, "close_reason"), "n/a"));
		c[0] = pk, c[1] = status, c[3] = why;
		c[2] = jstr_or(G(x, strcmp(status, "opened") == 0 ? "entry_date" : "close_date"),
		    "n/a");
		r_row(r, c, 4);
	}
	if (k)
		r_tend(r);
	else
		r_para(r, "No package opened or closed.");
}

/* The strategies behind an instrument's weight (portfolio.instruments[].contributors). */
static const char *
contributors(char *b, size_t sz, const json_t *st, const char *id)
{
	json_t *x, *k;
	size_t i, j;

	snprintf(b, sz, "none (position closed)");
	json_array_foreach(field_get(st, "portfolio.instruments"), i, x) {
		if (strcmp(jstr_or(G(x, "instrument"), ""), id) != 0)
			continue;
		b[0] = '\0';
		json_array_foreach(G(x, "contributors"), j, k)
			cat(b, sz, "%s%s", j ? ", " : "", jstr_or(k, "?"));
	}
	return b;
}

void
sec_trades(struct rep *r, const json_t *st)
{
	static const char *const h[] = { "Instrument", "From", "To", "Change", "Strategies" };
	json_t *tr = field_get(st, "portfolio.trades"), *x;
	char a[32], b[32], d[32], e[256];
	const char *c[5];
	size_t i;

	r_h2(r, "Trades vs previous book");
	r_para(r, "Previous weights from: %s.",
	    jstr_or(field_get(st, "portfolio.previous_weights_source"), "n/a"));
	if (json_array_size(tr) == 0)
		r_para(r, "No trade: the book held is unchanged.");
	else {
		r_thead(r, h, 5);
		json_array_foreach(tr, i, x) {
			c[0] = jstr_or(G(x, "instrument"), "?");
			c[1] = fmt_pct(a, sizeof(a), G(x, "from"), 2);
			c[2] = fmt_pct(b, sizeof(b), G(x, "to"), 2);
			c[3] = fmt_pct(d, sizeof(d), G(x, "delta"), 2);
			c[4] = contributors(e, sizeof(e), st, c[0]);
			r_row(r, c, 5);
		}
		r_tend(r);
	}
	r_h3(r, "Packages opened and closed");
	package_events(r, st);
}
