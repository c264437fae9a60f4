/* step-risk configuration: config.risk.* from the table of common/conf_keys.c (exit 78 when bad). */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "conf.h"
#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "risk.h"

const char *const limit_names[LIM_COUNT] = {
	"max_var_95", "max_var_99", "max_drawdown", "max_leverage",
	"max_single_position", "max_asset_class_concentration", "max_risk_budget",
	"max_strategy_daily_loss", "max_asset_class_daily_loss"
};

/* The limit named name in portfolio.constraints, or NULL. */
static const json_t *
portfolio_limit(const json_t *state, const char *name)
{
	const json_t *arr = field_get(state, "portfolio.constraints"), *c, *n;
	size_t i;

	if (!json_is_array(arr))
		return NULL;
	json_array_foreach(arr, i, c) {
		n = json_object_get(c, "name");
		if (json_is_string(n) && strcmp(json_string_value(n), name) == 0)
			return json_object_get(c, "limit");
	}
	return NULL;
}

/*
 * The caps by kind that step-portfolio applied (an object kind -> number), unless
 * config.risk.limits.<flat> is given: 1 and out[] filled, else 0.
 */
static int
kind_caps(const json_t *state, const char *name, const char *flat, double *out)
{
	char key[96];
	const json_t *o = portfolio_limit(state, name), *v;
	int k;

	snprintf(key, sizeof(key), "risk.limits.%s", flat);
	if (conf_isset(state, key) || !json_is_object(o))
		return 0;
	for (k = 0; k < IK_COUNT; k++) {
		v = json_object_get(o, ins_kind_name((enum ins_kind)k));
		if (!json_is_number(v) || !(json_number_value(v) > 0))
			die(EXIT_DATAERR, "field 'portfolio.constraints' limit '%s.%s' is not a "
			    "positive number", name, ins_kind_name((enum ins_kind)k));
		out[k] = json_number_value(v);
	}
	return 1;
}

/* Gross notional: config.risk.limits.max_leverage, else the portfolio's, else 3. */
static double
leverage_default(const json_t *state)
{
	const json_t *v = portfolio_limit(state, "max_gross_notional");

	return json_is_number(v) && json_number_value(v) > 0 ? json_number_value(v) :
	    conf_num(state, "risk.limits.max_leverage");
}

void
risk_config_load(const json_t *state, struct risk_config *cf)
{
	char key[96];
	int i;

	cf->window = (size_t)conf_int(state, "risk.window");
	cf->min_hist = (size_t)conf_int(state, "risk.min_historical_obs");
	cf->mc_draws = (size_t)conf_int(state, "risk.mc_draws");
	cf->seed = (unsigned long)conf_int(state, "risk.seed");
	cf->max_loss = conf_num(state, "risk.reverse_stress_loss");
	cf->half_life = conf_num(state, "risk.half_life");
	cf->realised_dd = conf_num(state, "risk.realised_drawdown");	/* NAN: none */
	cf->bt_window = (size_t)conf_int(state, "risk.backtest_window");
	for (i = 0; i < LIM_COUNT; i++) {
		snprintf(key, sizeof(key), "risk.limits.%s", limit_names[i]);
		cf->limit[i] = i == LIM_LEVERAGE && !conf_isset(state, key) ?
		    leverage_default(state) : conf_num(state, key);
	}
	cf->single_by_kind = kind_caps(state, "max_notional", limit_names[LIM_SINGLE],
	    cf->kind_single);
	cf->class_by_kind = kind_caps(state, "max_class_notional", limit_names[LIM_CLASS],
	    cf->kind_class);
}
