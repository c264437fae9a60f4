/* step-risk configuration: config.risk.* with the reference's defaults (exit 78 when bad). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "risk.h"

const char *const limit_names[LIM_COUNT] = {
	"max_var_95", "max_var_99", "max_drawdown", "max_leverage",
	"max_single_position", "max_asset_class_concentration", "max_risk_budget",
	"max_strategy_daily_loss", "max_asset_class_daily_loss"
};
const double limit_defaults[LIM_COUNT] = {
	0.03, 0.05, 0.10, 3.0, 0.25, 0.50, 0.20, 0.02, 0.03
};

/* A positive integer at path, at most max; def when absent. */
static size_t
cfg_count(const json_t *state, const char *path, size_t def, size_t max)
{
	json_t *j = field_get(state, path);
	json_int_t v;

	if (j == NULL || json_is_null(j))
		return def;
	if (!json_is_integer(j) || (v = json_integer_value(j)) <= 0)
		die(EXIT_CONFIG, "field '%s' must be a positive integer", path);
	if ((unsigned long long)v > max)
		die(EXIT_CONFIG, "field '%s' is %lld, more than the maximum %zu", path,
		    (long long)v, max);
	return (size_t)v;
}

/* A positive finite number at path; def when absent. */
static double
cfg_positive(const json_t *state, const char *path, double def)
{
	json_t *j = field_get(state, path);
	double v;

	if (j == NULL || json_is_null(j))
		return def;
	if (!json_is_number(j) || !(v = json_number_value(j), v > 0) || !isfinite(v))
		die(EXIT_CONFIG, "field '%s' must be a positive number", path);
	return v;
}

/* config.risk.half_life: a finite number >= 0, 0 (equal weights) when absent. */
static double
cfg_half_life(const json_t *state)
{
	json_t *j = field_get(state, "config.risk.half_life");
	double v;

	if (j == NULL || json_is_null(j))
		return 0;
	if (!json_is_number(j) || !(v = json_number_value(j), v >= 0) || !isfinite(v))
		die(EXIT_CONFIG, "field 'config.risk.half_life' must be a number >= 0 "
		    "(days; 0 = equal weights)");
	return v;
}

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
	char path[96];
	const json_t *o = portfolio_limit(state, name), *v;
	int k;

	snprintf(path, sizeof(path), "config.risk.limits.%s", flat);
	if (field_get(state, path) != NULL || !json_is_object(o))
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
	    limit_defaults[LIM_LEVERAGE];
}

/* config.risk.realised_drawdown: a number in [0, 1), NAN (no track record) when absent. */
static double
cfg_realised_dd(const json_t *state)
{
	json_t *j = field_get(state, "config.risk.realised_drawdown");
	double v;

	if (j == NULL || json_is_null(j))
		return NAN;
	if (!json_is_number(j) || !(v = json_number_value(j), v >= 0 && v < 1))
		die(EXIT_CONFIG, "field 'config.risk.realised_drawdown' must be a number in "
		    "[0, 1) (a fraction of the high-water mark)");
	return v;
}

void
risk_config_load(const json_t *state, struct risk_config *cf)
{
	char path[96];
	json_t *j;
	int i;

	if ((j = field_get(state, "config.risk")) != NULL && !json_is_object(j) &&
	    !json_is_null(j))
		die(EXIT_CONFIG, "field 'config.risk' must be an object");
	cf->window = cfg_count(state, "config.risk.window", 756, 100000);
	cf->min_hist = cfg_count(state, "config.risk.min_historical_obs", 756, 100000);
	cf->mc_draws = cfg_count(state, "config.risk.mc_draws", 10000, MC_DRAWS_MAX);
	j = field_get(state, "config.risk.seed");
	if (j != NULL && !json_is_null(j) &&
	    (!json_is_integer(j) || json_integer_value(j) < 0))
		die(EXIT_CONFIG, "field 'config.risk.seed' must be a non-negative integer");
	cf->seed = j && json_is_integer(j) ? (unsigned long)json_integer_value(j) : 42;
	cf->max_loss = cfg_positive(state, "config.risk.reverse_stress_loss", 0.10);
	cf->half_life = cfg_half_life(state);
	cf->realised_dd = cfg_realised_dd(state);
	cf->bt_window = cfg_count(state, "config.risk.backtest_window", 250, 100000);
	for (i = 0; i < LIM_COUNT; i++) {
		snprintf(path, sizeof(path), "config.risk.limits.%s", limit_names[i]);
		cf->limit[i] = cfg_positive(state, path, i == LIM_LEVERAGE ?
		    leverage_default(state) : limit_defaults[i]);
	}
	cf->single_by_kind = kind_caps(state, "max_notional", limit_names[LIM_SINGLE],
	    cf->kind_single);
	cf->class_by_kind = kind_caps(state, "max_class_notional", limit_names[LIM_CLASS],
	    cf->kind_class);
}
