/*
 * The worst strategy's loss on as_of (limit max_strategy_daily_loss): each
 * strategy's P&L is the sum over its positions' legs of the leg's exposure in
 * the book times the leg instrument's return on as_of. The legs are the
 * strategy's own (unscaled) weights; the book holds instrument i at
 * portfolio weight w_i = f_i net_raw_i (net_raw_i the sum of every strategy's
 * legs on i, portfolio.instruments), so a leg's exposure in the book is
 * leg f_i, and the strategies' exposures add up to w_i. When the portfolio
 * lists its packages (portfolio.packages, docs/STATE.md), their legs at their
 * final sizes are the strategies' exposures themselves and are used instead:
 * f_i cannot split a book in which opposite views netted (docs/STRATEGIES.md).
 * Without either the legs are taken as they are. A strategy with a leg
 * whose return is unknown is not counted; no strategies section means the
 * limit is not checked.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "instrument.h"
#include "risk.h"

static double
leg_return(const struct risk_input *in, const double *day_ret, const char *id)
{
	const struct instrument *ins = instrument_find(id);
	size_t j;

	if (ins != NULL && isfinite(day_ret[ins - instruments]))
		return day_ret[ins - instruments];
	for (j = 0; j < in->k; j++)
		if (strcmp(in->id[j], id) == 0)
			return in->last[j];
	return NAN;
}

/*
 * f_i = w_i/net_raw_i per instrument of portfolio.instruments (0 when net_raw
 * is 0: the legs cancel and the book holds none); NULL without that array.
 */
static json_t *
book_scales(const json_t *state)
{
	json_t *arr = field_arr_opt(state, "portfolio.instruments"), *e, *id, *w, *net;
	json_t *f;
	size_t i;

	if (arr == NULL)
		return NULL;
	f = json_object();
	json_array_foreach(arr, i, e) {
		id = json_object_get(e, "instrument");
		w = json_object_get(e, "weight");
		net = json_object_get(e, "net_raw");
		if (!json_is_string(id) || !json_is_number(w) || !json_is_number(net))
			die(EXIT_DATAERR, "field 'portfolio.instruments[%zu]' needs 'instrument', "
			    "'weight' and 'net_raw'", i);
		json_object_set_new(f, json_string_value(id), json_real(
		    json_number_value(net) != 0 ?
		    json_number_value(w) / json_number_value(net) : 0));
	}
	return f;
}

/* The book's share of a leg on id: f_id, 0 for an instrument the book lacks, 1 without scales. */
static double
leg_scale(const json_t *scales, const char *id)
{
	json_t *f;

	if (scales == NULL)
		return 1;
	f = json_object_get(scales, id);
	return f ? json_real_value(f) : 0;
}

/* P&L of position i on as_of; NAN when a leg is unknown. Dies on a malformed leg. */
static double
position_pnl(const struct risk_input *in, const double *day_ret, const json_t *p, size_t i,
    const json_t *scales, const char *where)
{
	json_t *legs = json_object_get(p, "legs"), *leg;
	double pnl = 0;
	size_t l;

	if (!json_is_array(legs))
		die(EXIT_DATAERR, "field '%s[%zu].legs' is missing or not an array", where, i);
	json_array_foreach(legs, l, leg) {
		json_t *id = json_object_get(leg, "instrument"), *w = json_object_get(leg, "weight");

		if (!json_is_string(id) || !json_is_number(w))
			die(EXIT_DATAERR, "field '%s[%zu].legs[%zu]' needs "
			    "'instrument' and 'weight'", where, i, l);
		pnl += json_number_value(w) * leg_scale(scales, json_string_value(id)) *
		    leg_return(in, day_ret, json_string_value(id));
	}
	return pnl;
}

void
strategy_loss(const json_t *state, struct risk_input *in, const double *day_ret)
{
	json_t *pos = field_arr_opt(state, "strategies.positions"), *p, *sid, *acc, *scales;
	json_t *pkgs = field_arr_opt(state, "portfolio.packages");
	const char *where = "strategies.positions";
	const char *key;
	json_t *v;
	double pnl;
	size_t i;

	in->strategy_loss = NAN;
	if (pos == NULL)
		return;
	acc = json_object();
	scales = pkgs != NULL ? NULL : book_scales(state);
	if (pkgs != NULL) {
		pos = pkgs;
		where = "portfolio.packages";
	}
	json_array_foreach(pos, i, p) {
		if (!json_is_string(sid = json_object_get(p, "strategy_id")))
			die(EXIT_DATAERR, "field '%s[%zu].strategy_id' is missing", where, i);
		pnl = position_pnl(in, day_ret, p, i, scales, where);
		v = json_object_get(acc, json_string_value(sid));
		if (v != NULL)
			pnl = json_is_real(v) ? pnl + json_real_value(v) : NAN;
		json_object_set_new(acc, json_string_value(sid),
		    isfinite(pnl) ? json_real(pnl) : json_null());
	}
	in->strategy_loss = 0;
	json_object_foreach(acc, key, v) {
		if (!json_is_real(v))
			continue;
		if (-json_real_value(v) > in->strategy_loss) {
			in->strategy_loss = -json_real_value(v);
			snprintf(in->worst_strategy, sizeof(in->worst_strategy), "%s", key);
		}
	}
	json_decref(acc);
	json_decref(scales);
}
