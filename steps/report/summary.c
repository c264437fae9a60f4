/*
 * report.summary (docs/STATE.md): what daily_run prints and stores.
 *   signal_count    agents.summary.signals, else the signals in agents.reports, else 0
 *   position_count  non-zero portfolio.weights
 *   leverage        portfolio.gross_leverage, else the sum of |weight|
 *   var_95, cvar_95 risk.var.historical (the historical slot, a decimal fraction)
 *   var_method      that slot's method: "parametric" when history was too short
 *   regime          portfolio.regime, else aggregate.regime.label, else NEUTRAL
 *   risk_alerts     risk.alerts; risk_level risk.risk_level
 *   top_positions   the TOP_POSITIONS largest |weight|, ties by instrument: instrument,
 *                   side (LONG/SHORT), weight, and dv01_brl or usd_delta when
 *                   portfolio.instruments has them
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "report.h"
#include "state.h"
#include "xalloc.h"

static json_int_t
signal_count(const json_t *state)
{
	json_t *n = field_get(state, "agents.summary.signals"), *reps, *r;
	json_int_t c = 0;
	size_t i;

	if (json_is_integer(n))
		return json_integer_value(n);
	reps = field_arr_opt(state, "agents.reports");
	json_array_foreach(reps, i, r)
		c += (json_int_t)json_array_size(json_object_get(r, "signals"));
	return c;
}

struct pos {
	const char *id;
	double w;
};

static int
cmp_pos(const void *a, const void *b)
{
	const struct pos *x = a, *y = b;

	if (fabs(x->w) != fabs(y->w))
		return fabs(x->w) < fabs(y->w) ? 1 : -1;
	return strcmp(x->id, y->id);
}

/* portfolio.instruments[] entry of id, or NULL. */
static const json_t *
instrument_line(const json_t *lines, const char *id)
{
	const json_t *l;
	size_t i;

	json_array_foreach(lines, i, l)
		if (json_is_string(json_object_get(l, "instrument")) &&
		    strcmp(json_string_value(json_object_get(l, "instrument")), id) == 0)
			return l;
	return NULL;
}

/* One top position: instrument, side, weight and its DV01 or USD delta when known. */
static json_t *
top_entry(const char *id, double w, const json_t *lines)
{
	const json_t *l = instrument_line(lines, id), *x;
	json_t *e = json_pack("{s:s,s:s,s:o}", "instrument", id, "side",
	    w > 0 ? "LONG" : "SHORT", "weight", jnum(w));

	if ((x = json_object_get(l, "dv01_brl")) != NULL && json_is_number(x))
		json_object_set_new(e, "dv01_brl", jnum(json_number_value(x)));
	if ((x = json_object_get(l, "usd_delta")) != NULL && json_is_number(x))
		json_object_set_new(e, "usd_delta", jnum(json_number_value(x)));
	return e;
}

static json_t *
top_positions(const json_t *weights, const json_t *lines, json_int_t *count, double *gross)
{
	struct pos *p = xcalloc(json_object_size(weights) + 1, sizeof(*p));
	json_t *v, *top = json_array();
	const char *key;
	size_t n = 0, i;

	*gross = 0;
	json_object_foreach((json_t *)weights, key, v) {
		if (!json_is_number(v))
			die(EXIT_DATAERR, "field 'portfolio.weights.%s' is not a number", key);
		*gross += fabs(json_number_value(v));
		if (json_number_value(v) != 0)
			p[n++] = (struct pos){ key, json_number_value(v) };
	}
	qsort(p, n, sizeof(*p), cmp_pos);
	for (i = 0; i < n && i < TOP_POSITIONS; i++)
		json_array_append_new(top, top_entry(p[i].id, p[i].w, lines));
	*count = (json_int_t)n;
	free(p);
	return top;
}

static const char *
regime(const json_t *state)
{
	const char *r = field_str_opt(state, "portfolio.regime", NULL);

	if (r == NULL)
		r = field_str_opt(state, "aggregate.regime.label", NULL);
	return r ? r : "NEUTRAL";
}

/* hist.<key> when it is a number or null (absent: null); else exit 65. */
static json_t *
var_field(const json_t *hist, const char *key)
{
	json_t *v = json_object_get(hist, key);

	if (v == NULL || json_is_null(v))
		return json_null();
	if (!json_is_number(v))
		die(EXIT_DATAERR, "field 'risk.var.historical.%s' is not a number", key);
	return v;
}

/* risk.alerts: an array of strings (daily_run prints and stores them). */
static json_t *
alerts_field(const json_t *state)
{
	json_t *a = field_arr(state, "risk.alerts"), *v;
	size_t i;

	json_array_foreach(a, i, v)
		if (!json_is_string(v))
			die(EXIT_DATAERR, "field 'risk.alerts[%zu]' is not a string", i);
	return a;
}

json_t *
report_summary(const json_t *state)
{
	json_t *weights, *hist, *alerts, *lev, *top, *method;
	json_int_t npos;
	double gross;

	(void)state_as_of(state);	/* a missing or invalid as_of is exit 65 */
	weights = field_obj(state, "portfolio.weights");
	hist = field_obj(state, "risk.var.historical");
	top = top_positions(weights, json_object_get(json_object_get(state, "portfolio"),
	    "instruments"), &npos, &gross);
	alerts = alerts_field(state);
	lev = field_get(state, "portfolio.gross_leverage");
	if (lev != NULL && !json_is_number(lev))
		die(EXIT_DATAERR, "field 'portfolio.gross_leverage' is not a number");
	method = json_object_get(hist, "method");
	return json_pack("{s:I,s:I,s:o,s:O,s:O,s:O,s:s,s:O,s:o,s:s}",
	    "signal_count", signal_count(state), "position_count", npos,
	    "leverage", json_is_number(lev) ? jnum(json_number_value(lev)) : jnum(gross),
	    "var_95", var_field(hist, "var_95"), "cvar_95", var_field(hist, "cvar_95"),
	    "var_method", json_is_string(method) ? method : json_null(),
	    "regime", regime(state), "risk_alerts", alerts, "top_positions", top,
	    "risk_level", field_str_opt(state, "risk.risk_level", "UNKNOWN"));
}
