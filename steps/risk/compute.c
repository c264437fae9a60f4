/* risk_compute: the "risk" section from the state (pure; see main.c for the keys). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "conf.h"
#include "field.h"
#include "domain.h"
#include "risk.h"
#include "riskcov.h"
#include "state.h"
#include "xalloc.h"

/* The portfolio's return history as {"dates":[...],"values":[...]}. */
static json_t *
returns_json(const struct risk_input *in)
{
	json_t *d = json_array(), *v = json_array();
	char buf[DATE_BUFSZ];
	size_t t;

	for (t = 0; t < in->n; t++) {
		json_array_append_new(d, in->cal ? json_string(date_format(in->cal[t], buf)) :
		    json_null());
		json_array_append_new(v, jnum(in->port[t]));
	}
	return json_pack("{s:o,s:o}", "dates", d, "values", v);
}

/* The risk covariance of the held instruments (docs/RISK.md, "Covariance"); NULL on failure. */
static double *
fit_cov(const struct risk_input *in, const struct risk_config *cf, struct riskcov_info *ci)
{
	struct riskcov_opt o = { cf->half_life, 1 };
	double *cov = xcalloc(in->k * in->k, sizeof(*cov));

	if (riskcov_estimate(in->R, in->n, in->k, &o, cov, ci) < 0) {
		free(cov);
		return NULL;
	}
	return cov;
}

static json_t *
cov_json(const struct risk_config *cf, const struct riskcov_info *ci)
{
	return json_pack("{s:s,s:o,s:o,s:o}", "method", "ledoit_wolf_correlation",
	    "half_life", jnum(cf->half_life), "effective_observations", jnum(ci->effective),
	    "shrinkage", jnum(ci->shrinkage));
}

/* The three VaR slots; hist is the historical slot as the limits read it. */
static json_t *
var_section(const struct risk_input *in, const struct risk_config *cf, const double *cov,
    struct var_result *hist, json_t **marginals)
{
	struct var_result par, mc;
	double mu = 0, sigma = 0;
	json_t *jmc;

	*marginals = NULL;
	if (in->k > 0 && cov != NULL)
		port_moments(in, cov, &mu, &sigma);
	var_normal(mu, in->k ? sigma : 0, in->k ? in->n : 2, &par);
	par.nobs = in->n;
	if (in->k == 0)
		snprintf(par.warning, sizeof(par.warning), "No positions: VaR is 0.");
	if (in->k > 0 && in->n >= cf->min_hist) {
		var_empirical(in->port, in->n, hist);
	} else {
		*hist = par;
		if (in->k > 0)
			snprintf(hist->warning, sizeof(hist->warning), "Insufficient history "
			    "(n < %zu). Falling back to parametric VaR.", cf->min_hist);
	}
	mc = par;
	mc.method = "monte_carlo";
	if (in->k > 0 && cov != NULL)
		mc_var(in, cov, cf, &mc, marginals);
	jmc = var_json(&mc);
	json_object_set_new(jmc, "draws", json_integer((json_int_t)cf->mc_draws));
	json_object_set_new(jmc, "seed", json_integer((json_int_t)cf->seed));
	json_object_set_new(jmc, "marginals", *marginals ? *marginals : json_array());
	return json_pack("{s:o,s:o,s:o}", "historical", var_json(hist),
	    "parametric", var_json(&par), "monte_carlo", jmc);
}

/* Worst asset-class loss on as_of (positive number), NAN when a return is unknown. */
static double
class_loss(const struct risk_input *in)
{
	double pnl[AC_COUNT + 1] = { 0 }, worst = 0;
	size_t j;
	int c;

	for (j = 0; j < in->k; j++) {
		if (!isfinite(in->last[j]))
			return NAN;
		pnl[in->ins[j] ? (int)in->ins[j]->asset_class : AC_COUNT] += in->w[j] * in->last[j];
	}
	for (c = 0; c <= AC_COUNT; c++)
		if (-pnl[c] > worst)
			worst = -pnl[c];
	return worst;
}

/* Say why the risk-budget limit is not checked, and keep its value for the record. */
static void
budget_note(json_t *entry, double budget, size_t k)
{
	char buf[160];

	snprintf(buf, sizeof(buf), "not attainable with %zu positions: equal risk gives "
	    "each 1/%zu of it", k, k);
	json_object_set_new(entry, "value", jnum(budget));
	json_object_set_new(entry, "reason", json_string(buf));
}

/*
 * With the portfolio's caps by instrument kind: the single-position value is the
 * held |w| with the highest utilisation against its kind's cap, and the class
 * value the kind whose gross is highest against its cap (limit: that cap).
 */
static void
notional_by_kind(const struct risk_input *in, const struct risk_config *cf, double *v,
    double *l)
{
	double g[IK_COUNT] = { 0 }, best = -1;
	size_t j;
	int k;

	for (j = 0; j < in->k; j++)
		if (in->ins[j] != NULL)
			g[in->ins[j]->kind] += fabs(in->w[j]);
	if (cf->single_by_kind)
		for (j = 0, best = -1; j < in->k; j++) {
			if (in->ins[j] == NULL ||
			    fabs(in->w[j]) / cf->kind_single[in->ins[j]->kind] <= best)
				continue;
			best = fabs(in->w[j]) / cf->kind_single[in->ins[j]->kind];
			v[LIM_SINGLE] = fabs(in->w[j]);
			l[LIM_SINGLE] = cf->kind_single[in->ins[j]->kind];
		}
	if (cf->class_by_kind)
		for (k = 0, best = -1; k < IK_COUNT; k++) {
			if (g[k] / cf->kind_class[k] <= best)
				continue;
			best = g[k] / cf->kind_class[k];
			v[LIM_CLASS] = g[k];
			l[LIM_CLASS] = cf->kind_class[k];
		}
}

/* The limits and the level; dd is the realised drawdown, NAN without a track record. */
static json_t *
limits_section(const struct risk_input *in, const struct risk_config *cf,
    const struct var_result *hist, double dd, double budget, json_t *alerts,
    const char **level)
{
	double v[LIM_COUNT], l[LIM_COUNT], cmax = 0, util;
	json_t *lim, *breaches = json_array();
	char buf[64];
	int c, breached, unattainable;

	for (c = 0; c < AC_COUNT; c++)		/* unclassified ids are no class */
		cmax = fmax(cmax, in->class_gross[c]);
	memcpy(l, cf->limit, sizeof l);
	v[LIM_VAR95] = fabs(hist->var95);
	v[LIM_VAR99] = fabs(hist->var99);
	v[LIM_DRAWDOWN] = dd;
	v[LIM_LEVERAGE] = in->gross;
	v[LIM_SINGLE] = in->single;
	v[LIM_CLASS] = cmax;
	notional_by_kind(in, cf, v, l);
	v[LIM_BUDGET] = budget;
	/*
	 * With k positions the smallest possible largest share of risk is 1/k (equal
	 * risk): a budget limit at or below it cannot be met by any book, so it is
	 * reported, with the reason, but not checked (else it alerts every day).
	 */
	unattainable = in->k > 0 && 1.0 / (double)in->k >= cf->limit[LIM_BUDGET];
	if (unattainable)
		v[LIM_BUDGET] = NAN;
	v[LIM_STRATEGY_LOSS] = in->strategy_loss;
	v[LIM_CLASS_LOSS] = class_loss(in);
	lim = limits_check(v, l, breaches, &breached, &util);
	if (unattainable)
		budget_note(json_array_get(lim, LIM_BUDGET), budget, in->k);
	if (!isfinite(dd))
		json_object_set_new(json_array_get(lim, LIM_DRAWDOWN), "reason",
		    json_string("no track record"));
	/* Only a realised drawdown sets the level, never the back-cast (docs/RISK.md). */
	*level = risk_level(breached, util, isfinite(dd) ? dd : 0);
	if (strcmp(*level, "HIGH") == 0 || strcmp(*level, "CRITICAL") == 0) {
		snprintf(buf, sizeof(buf), "Risk level: %s", *level);
		json_array_append_new(alerts, json_string(buf));
	}
	json_array_extend(alerts, breaches);
	json_decref(breaches);
	return lim;
}

/*
 * Desk totals of the weights held (docs/RISK.md "Desk totals"), as portfolio.totals:
 * notional = w x config.portfolio.nav, DV01 (BRL/bp) by tenor bucket for rates,
 * spreads and inflation instruments, USD delta of USDBRL. Held instruments with
 * no data were dropped from the measure and are not in the totals either.
 */
static json_t *
totals_json(const json_t *state, const struct risk_input *in)
{
	json_t *jb = json_object();
	double nav = conf_num(state, "portfolio.nav"), b[N_BUCKETS] = { 0 }, dv01 = 0,
	    usd = 0, g = 0;
	size_t j;
	int x;

	for (j = 0; j < in->k; j++) {
		const struct instrument *ins = in->ins[j];
		double n = in->w[j] * nav;

		g += fabs(n);
		if (ins == NULL)
			continue;
		x = (int)(ins - instruments);
		if (ins->kind == IK_RATE || ins->kind == IK_SPREAD || ins->kind == IK_INFLATION) {
			b[instrument_bucket(ins)] += n * in->dv01[x];
			dv01 += n * in->dv01[x];
		}
		if (strcmp(ins->id, "USDBRL") == 0)
			usd += n / in->usdbrl;
	}
	for (x = 0; x < N_BUCKETS; x++)
		json_object_set_new(jb, bucket_names[x], jnum(b[x]));
	return json_pack("{s:o,s:o,s:o,s:o,s:o}", "nav_brl", jnum(nav), "gross_notional_brl",
	    jnum(g), "dv01_brl", jnum(dv01), "dv01_by_bucket_brl", jb, "usd_delta", jnum(usd));
}

/*
 * The headline is the historical slot; when that slot holds a figure of another
 * method (too little history) the detail names it: "VaR95 (parametric): -0.18%".
 * No positions (VaR 0 by any method) or no figure: no method in the detail.
 */
static json_t *
summary(const struct var_result *hist, const char *level, size_t k)
{
	char buf[96], num[32], tag[40] = "";
	const char *m = hist->method ? hist->method : "historical";

	if (strcmp(m, "historical") != 0 && k > 0 && isfinite(hist->var95))
		snprintf(tag, sizeof(tag), " (%s)", m);
	if (isfinite(hist->var95))
		snprintf(buf, sizeof(buf), "VaR95%s: %s", tag, fmt_percent(num, sizeof(num),
		    hist->var95));
	else
		snprintf(buf, sizeof(buf), "VaR95%s: n/a", tag);
	return json_pack("{s:o,s:o,s:s,s:s,s:s}", "var_95", jnum(hist->var95),
	    "cvar_95", jnum(hist->cvar95), "var_method", m, "risk_level", level,
	    "detail", buf);
}

json_t *
risk_compute(const json_t *state)
{
	struct risk_config cf;
	struct risk_input in;
	struct var_result hist;
	struct riskcov_info ci = { 0, NAN, NAN };
	struct track tk;
	double *cov = NULL, budget = NAN, dd;
	json_t *risk, *marg, *alerts = json_array(), *dec = json_array();
	const char *level;

	risk_config_load(state, &cf);
	risk_input_load(state, &cf, &in);
	if (in.k > 0 && in.n >= 2)
		cov = fit_cov(&in, &cf, &ci);
	if (in.k == 0)
		json_array_append_new(in.notes, json_string("no positions: VaR is 0"));
	risk = json_pack("{s:I,s:I,s:I,s:o,s:o}", "window", (json_int_t)cf.window,
	    "observations", (json_int_t)in.n, "dropped_rows", (json_int_t)in.dropped,
	    "returns", returns_json(&in), "covariance", cov_json(&cf, &ci));
	json_object_set_new(risk, "var", var_section(&in, &cf, cov, &hist, &marg));
	if (cov != NULL) {
		json_decref(dec);
		dec = var_decompose(&in, cov, &budget);
	}
	json_object_set_new(risk, "decomposition", dec);
	json_object_set_new(risk, "stress", stress_run(&in, cf.max_loss));
	json_object_set_new(risk, "drawdown", drawdown_replay(&in));
	json_object_set_new(risk, "track_record", track_record(state, &cf, in.as_of, &tk));
	/* config.risk.realised_drawdown overrides the track record's (docs/RISK.md). */
	dd = isfinite(cf.realised_dd) ? cf.realised_dd : tk.n > 0 ? tk.drawdown : NAN;
	json_object_set_new(risk, "limits",
	    limits_section(&in, &cf, &hist, dd, budget, alerts, &level));
	json_object_set_new(risk, "circuit_breaker", isfinite(cf.realised_dd) || tk.n == 0 ?
	    breaker_eval(cf.realised_dd, alerts) : breaker_track(&tk, alerts));
	track_release(&tk);
	json_object_set_new(risk, "risk_level", json_string(level));
	json_object_set_new(risk, "totals", totals_json(state, &in));
	json_object_set_new(risk, "alerts", alerts);
	json_object_set_new(risk, "notes", json_incref(in.notes));
	json_object_set_new(risk, "summary", summary(&hist, level, in.k));
	free(cov);
	risk_input_release(&in);
	return risk;
}
