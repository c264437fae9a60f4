/*
 * risk.track_record (docs/RISK.md "Track record", docs/STATE.md "risk"): the
 * book's recorded daily P&L (config.track_record.rows, oldest first, written by
 * daily_run from the database) and today's (portfolio.pnl.total), compounded into
 * a NAV index (1 before the first row, times 1 + pnl), month- and year-to-date,
 * drawdown from peak, and the VaR back-test of the last backtest_window days.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "risk.h"
#include "state.h"
#include "varbt.h"
#include "xalloc.h"

/* A number or null (NAN) at o.key, o at config.track_record.<where>; else exit 78. */
static double
num_at(const json_t *o, const char *key, const char *where)
{
	const json_t *j = json_object_get(o, key);

	if (j == NULL || json_is_null(j))
		return NAN;
	if (!json_is_number(j) || !isfinite(json_number_value(j)))
		die(EXIT_CONFIG, "config.track_record.%s.%s: expected a number", where, key);
	return json_number_value(j);
}

/* The rows into t (room for one more: today's); dates strictly rising, before as_of. */
static void
load_rows(const json_t *tr, day_t as_of, struct track *t)
{
	const json_t *rows = json_object_get(tr, "rows"), *r, *d;
	char where[40];
	size_t i, n;

	if (rows != NULL && !json_is_null(rows) && !json_is_array(rows))
		die(EXIT_CONFIG, "config.track_record.rows: expected an array");
	n = json_array_size(rows);
	t->date = xcalloc(n + 1, sizeof(*t->date));
	/* The five columns of doubles share one block (track_release frees it). */
	t->pnl = xcalloc(5 * (n + 1), sizeof(*t->pnl));
	t->var95 = t->pnl + (n + 1);
	t->var99 = t->var95 + (n + 1);
	t->nav = t->var99 + (n + 1);
	t->dd = t->nav + (n + 1);
	json_array_foreach(rows, i, r) {
		if (!json_is_object(r))
			die(EXIT_CONFIG, "config.track_record.rows[%zu]: expected an object", i);
		d = json_object_get(r, "date");
		if (!json_is_string(d) || date_parse(json_string_value(d), &t->date[i]) < 0)
			die(EXIT_CONFIG, "config.track_record.rows[%zu].date: expected a "
			    "YYYY-MM-DD date", i);
		if ((i > 0 && t->date[i] <= t->date[i - 1]) || t->date[i] >= as_of)
			die(EXIT_CONFIG, "config.track_record.rows[%zu].date: %s: the rows "
			    "must be oldest first and before as_of", i, json_string_value(d));
		snprintf(where, sizeof(where), "rows[%zu]", i);
		t->pnl[i] = num_at(r, "pnl", where);
		t->var95[i] = num_at(r, "var95", where);
		t->var99[i] = num_at(r, "var99", where);
	}
	t->n = n;
}

/* Today's row: portfolio.pnl.total (NAN when unavailable) against the prediction. */
static void
today(const json_t *state, const json_t *tr, day_t as_of, struct track *t)
{
	const json_t *pnl = field_get(state, "portfolio.pnl"), *pred;
	const json_t *tot = json_object_get(pnl, "total");
	size_t n = t->n;

	pred = json_object_get(tr, "prediction");
	if (pred != NULL && !json_is_null(pred) && !json_is_object(pred))
		die(EXIT_CONFIG, "config.track_record.prediction: expected an object "
		    "{\"var95\",\"var99\"} or null");
	t->date[n] = as_of;
	t->pnl[n] = json_is_true(json_object_get(pnl, "available")) && json_is_number(tot) ?
	    json_number_value(tot) : NAN;
	t->var95[n] = json_is_object(pred) ? num_at(pred, "var95", "prediction") : NAN;
	t->var99[n] = json_is_object(pred) ? num_at(pred, "var99", "prediction") : NAN;
	t->n = n + 1;
}

/*
 * NAV index, drawdown and peak along the rows; a day without a P&L leaves the
 * index unchanged. *peak_at: the row of the peak, -1 for the start (index 1).
 */
static void
compound(struct track *t, long *peak_at)
{
	double nav = 1, peak = 1;
	size_t i;

	*peak_at = -1;
	t->max_dd = 0;
	for (i = 0; i < t->n; i++) {
		if (isfinite(t->pnl[i]))
			nav *= 1 + t->pnl[i];
		if (nav > peak) {
			peak = nav;
			*peak_at = (long)i;
		}
		t->nav[i] = nav;
		t->dd[i] = 1 - nav / peak;
		t->max_dd = fmax(t->max_dd, t->dd[i]);
	}
	t->drawdown = t->dd[t->n - 1];
}

/* Today's index over the index at the last row before since, less 1. */
static double
since(const struct track *t, day_t start)
{
	double base = 1;
	size_t i;

	for (i = 0; i < t->n && t->date[i] < start; i++)
		base = t->nav[i];
	return t->nav[t->n - 1] / base - 1;
}

/* Exception of row i against var (negative fraction; the sign is taken as a loss). */
static int
exception(double pnl, double var)
{
	return pnl < -fabs(var);
}

/* One level of the back-test over rows [from, n) with a P&L and that VaR. */
static json_t *
backtest_level(const struct track *t, size_t from, const double *var, double p, int basel)
{
	unsigned char *hit = xcalloc(t->n ? t->n : 1, 1);
	struct varbt b;
	json_t *o;
	size_t i, n = 0;

	for (i = from; i < t->n; i++)
		if (isfinite(t->pnl[i]) && isfinite(var[i]))
			hit[n++] = (unsigned char)exception(t->pnl[i], var[i]);
	varbt_compute(hit, n, p, &b);
	free(hit);
	o = json_pack("{s:I,s:I,s:o,s:o,s:o}", "days", (json_int_t)n, "exceptions",
	    (json_int_t)b.x, "rate", jnum(b.rate), "kupiec_p", jnum(b.p_pof),
	    "christoffersen_p", jnum(b.p_ind));
	if (basel)
		json_object_set_new(o, "basel_zone", json_string(varbt_basel_zone(b.x)));
	return o;
}

static json_t *
backtest(const struct track *t, size_t window)
{
	size_t from = t->n > window ? t->n - window : 0;
	json_t *v95 = backtest_level(t, from, t->var95, 0.05, 0);

	return json_pack("{s:I,s:O,s:o,s:o}", "window", (json_int_t)window, "days",
	    json_object_get(v95, "days"), "var95", v95, "var99",
	    backtest_level(t, from, t->var99, 0.01, 1));
}

static json_t *
exc_json(double pnl, double var)
{
	return isfinite(pnl) && isfinite(var) ? json_boolean(exception(pnl, var)) : json_null();
}

/* The last window + 1 rows (today's included). */
static json_t *
history(const struct track *t, size_t window)
{
	json_t *a = json_array();
	char buf[DATE_BUFSZ];
	size_t i = t->n > window + 1 ? t->n - window - 1 : 0;

	for (; i < t->n; i++)
		json_array_append_new(a, json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
		    "date", date_format(t->date[i], buf), "pnl", jnum(t->pnl[i]),
		    "nav_index", jnum(t->nav[i]), "drawdown", jnum(t->dd[i]),
		    "var95", jnum(t->var95[i]), "var99", jnum(t->var99[i]),
		    "exception95", exc_json(t->pnl[i], t->var95[i]),
		    "exception99", exc_json(t->pnl[i], t->var99[i])));
	return a;
}

json_t *
track_record(const json_t *state, const struct risk_config *cf, day_t as_of,
    struct track *t)
{
	const json_t *tr = field_get(state, "config.track_record");
	char buf[DATE_BUFSZ], why[400];
	long peak;
	int y, m, d;

	memset(t, 0, sizeof(*t));
	t->drawdown = NAN;
	if (tr == NULL || json_is_null(tr))
		return json_pack("{s:b,s:s}", "available", 0, "reason",
		    "no track record (dry run: no database)");
	if (!json_is_object(tr))
		die(EXIT_CONFIG, "config.track_record: expected an object {\"rows\":[…]}");
	if (json_is_string(json_object_get(tr, "error"))) {
		snprintf(why, sizeof(why), "track record not read: %s",
		    json_string_value(json_object_get(tr, "error")));
		return json_pack("{s:b,s:s}", "available", 0, "reason", why);
	}
	load_rows(tr, as_of, t);
	today(state, tr, as_of, t);
	compound(t, &peak);
	date_to_ymd(as_of, &y, &m, &d);
	return json_pack("{s:b,s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
	    "available", 1, "days", (json_int_t)t->n, "nav_index", jnum(t->nav[t->n - 1]),
	    "pnl_day", jnum(t->pnl[t->n - 1]),
	    "pnl_mtd", jnum(since(t, date_month_start(as_of))),
	    "pnl_ytd", jnum(since(t, date_from_ymd(y, 1, 1))),
	    "drawdown", jnum(t->drawdown),
	    "peak_date", peak < 0 ? json_null() : json_string(date_format(t->date[peak], buf)),
	    "max_drawdown", jnum(t->max_dd), "backtest", backtest(t, cf->bt_window),
	    "history", history(t, cf->bt_window));
}

void
track_release(struct track *t)
{
	free(t->date);
	free(t->pnl);		/* and var95, var99, nav, dd: one block */
	memset(t, 0, sizeof(*t));
}
