/*
 * FX_BR_01 carry and fundamentals, on USDBRL:
 *   carry = tanh(z / 2), z of today's carry-to-risk (Selic - Fed funds) / (vol * 100)
 *           against its values on the last carry_window (252) USDBRL dates, each
 *           with that date's rates and vol = std of the 21 daily log returns ending
 *           there * sqrt(252) (Selic falls back to DI_1Y; >= 60 values, else 0):
 *           the raw ratio is positive on every real date since 2012, so only its
 *           level against its own history can turn (docs/STRATEGIES.md);
 *   beer  = tanh(((spot - mean252) / mean252 * 100) / 10), >= 252 levels;
 *   flow  = tanh(z / 2), z of the latest 4-week sum of BR_FX_FLOW (weekly) against
 *           the rolling 4-week sums of the last 52 weeks (>= 26 weeks, the latest
 *           at most 21 days old; else 0).
 * comp = .40 carry + .35 beer + .25 flow; |comp| < comp_threshold: nothing;
 * comp > 0 (BRL attractive) SHORT USDBRL, else LONG; confidence =
 * min(1, |comp| / (4 comp_threshold)), so the threshold is where WEAK (0.25) begins
 * and the size grows with |comp| up to 4 thresholds.
 * When aggregate.regime.score > regime_threshold the weight is halved.
 */
#include <math.h>
#include <stdio.h>

#include "die.h"
#include "exitcodes.h"
#include "state.h"
#include "strategies.h"

#define HMAX 1100
#define VOLN 21		/* returns in the carry's vol */
#define CARRY_MIN 60	/* carry-to-risk values the z needs */

/* Annualised vol of the VOLN log returns ending at lv[i] (i >= VOLN). */
static double
fx_vol(const double *lv, size_t i)
{
	double ret[VOLN];
	size_t j;

	for (j = 0; j < VOLN; j++)
		ret[j] = log(lv[i - VOLN + 1 + j] / lv[i - VOLN + j]);
	return sample_sd(ret, VOLN) * sqrt(TRADING_DAYS);
}

/*
 * Carry-to-risk on each of the last `window` USDBRL dates that has VOLN returns
 * before it, a non-zero vol and both rates (rid: the Brazilian rate's series);
 * *today is set when the latest date is among them. Returns the count.
 */
static size_t
carry_history(const struct sctx *c, const char *rid, const double *lv, const day_t *dt,
    size_t n, size_t window, double *out, int *today)
{
	double vol, br, us;
	size_t i, k = 0;

	*today = 0;
	for (i = n > window + VOLN ? n - window : VOLN; i < n; i++) {
		vol = fx_vol(lv, i);
		br = svalue_at(c, rid, dt[i]);
		us = svalue_at(c, "US_FED_FUNDS", dt[i]);
		if (!(vol > 0) || isnan(br) || isnan(us))
			continue;
		out[k++] = (br - us) / (vol * 100);
		*today = i == n - 1;
	}
	return k;
}

/*
 * tanh(z / 2) of a score's z, recorded in inputs as <what>_z; a NaN z (a flat
 * history, docs/DOMAIN.md) scores 0 with <what>_note saying so.
 */
static double
z_score(json_t *inputs, const char *what, double z)
{
	char key[32], note[96];

	snprintf(key, sizeof key, "%s_z", what);
	json_object_set_new(inputs, key, jnum(z));
	if (!isnan(z))
		return tanh(z / 2);
	snprintf(key, sizeof key, "%s_note", what);
	snprintf(note, sizeof note, "flat %s history: z undefined, %s counts as 0", what, what);
	json_object_set_new(inputs, key, json_string(note));
	return 0;
}

/* The carry score; notes in inputs why it is 0 when it cannot be measured. */
static double
carry_score(const struct sctx *c, const char *rid, const double *lv, const day_t *dt,
    size_t n, size_t window, json_t *inputs)
{
	double ctr[HMAX], z;
	size_t k;
	int today;

	k = carry_history(c, rid, lv, dt, n, window, ctr, &today);
	json_object_set_new(inputs, "carry_window", json_integer((json_int_t)window));
	json_object_set_new(inputs, "carry_points", json_integer((json_int_t)k));
	if (!today || k < CARRY_MIN) {
		json_object_set_new(inputs, "carry_note", json_string(today ?
		    "fewer than 60 carry-to-risk values: carry counts as 0" :
		    "no carry-to-risk today (zero vol or no rate): carry counts as 0"));
		return 0;
	}
	z = tidy(zscore_last(ctr, k, window));
	json_object_set_new(inputs, "carry_to_risk", jnum(ctr[k - 1]));
	return z_score(inputs, "carry", z);
}

/* The flow score, or 0 (with a note in inputs) when the series is short or absent. */
static double
flow_score(const struct sctx *c, json_t *inputs)
{
	double f[HMAX], sums[HMAX], z;
	size_t n = history(c, "BR_FX_FLOW", c->as_of - 400, HMAX, f, NULL), k = 0, i;
	struct sres tmp = { 0 };

	if (dataset_get(c->ds, "BR_FX_FLOW") != NULL && latest(c, &tmp, "BR_FX_FLOW", &z) < 0) {
		/* Present but stale: an old 4-week sum is no flow signal today. */
		sres_set(&tmp, ST_NO_DATA, "%s: flow counts as 0", tmp.reason);
		json_object_set_new(inputs, "flow_note", json_string(tmp.reason));
		return 0;
	}
	if (n < 26) {
		json_object_set_new(inputs, "flow_note", json_string("BR_FX_FLOW short or absent: "
		    "flow counts as 0"));
		return 0;
	}
	for (i = 3; i < n; i++)
		sums[k++] = f[i] + f[i - 1] + f[i - 2] + f[i - 3];
	z = zscore_last(sums, k, 52);
	json_object_set_new(inputs, "flow_4w_sum", jnum(sums[k - 1]));
	return z_score(inputs, "flow", z);
}

/* Window and threshold (ranges: common/conf_keys.c). */
static void
fx_params(const struct sctx *c, double *thr, size_t *window)
{
	*thr = sparam(c, "comp_threshold");
	*window = (size_t)sparam(c, "carry_window");
	if (*window < CARRY_MIN || *window > HMAX - VOLN - 1)
		die(EXIT_SOFTWARE, "carry_window %zu: the table disagrees with HMAX", *window);
}

int
fx_br_01(const struct sctx *c, struct sres *r)
{
	double wc = sparam(c, "carry_weight"), wb = sparam(c, "beer_weight");
	double wf = sparam(c, "flow_weight"), thr;
	double rthr = sparam(c, "regime_threshold"), rscale = sparam(c, "regime_scale");
	double lv[HMAX], selic, us, mean = 0, cs, bs, fs, comp;
	const char *rid = "BR_SELIC_TARGET";
	struct sres tmp = { 0 };
	day_t dt[HMAX];
	size_t n, i, window;

	fx_params(c, &thr, &window);
	if (latest(c, &tmp, "BR_SELIC_TARGET", &selic) < 0 &&
	    latest(c, r, rid = "BR_DI_1Y", &selic) < 0)
		return sres_set(r, ST_NO_DATA, "%s; fallback: %s", tmp.reason, r->reason);
	if (latest(c, r, "US_FED_FUNDS", &us) < 0 || latest(c, r, "USDBRL", &lv[0]) < 0)
		return r->status;
	n = history(c, "USDBRL", -1, window + VOLN > TRADING_DAYS ? window + VOLN : TRADING_DAYS, lv, dt);
	if (n < TRADING_DAYS)
		return sres_set(r, ST_NO_DATA, "USDBRL has %zu levels, needs 252", n);
	for (i = n - TRADING_DAYS; i < n; i++)
		mean += lv[i];
	mean /= TRADING_DAYS;
	cs = carry_score(c, rid, lv, dt, n, window, r->inputs);
	bs = tanh(((lv[n - 1] - mean) / mean * 100) / 10);
	fs = flow_score(c, r->inputs);
	comp = tidy(wc * cs + wb * bs + wf * fs);
	PUT_NUMS(r->inputs, { "selic", selic }, { "us_rate", us },
	    { "vol", fx_vol(lv, n - 1) }, { "spot", lv[n - 1] }, { "mean_252", mean },
	    { "carry_score", cs }, { "beer_score", bs }, { "flow_score", fs },
	    { "composite", comp }, { "regime_score", c->regime_score });
	if (fabs(comp) < thr)
		return sres_set(r, ST_NO_POSITION, "composite %.3f within +-%g", comp, thr);
	single_leg(&r->pos[0], "USDBRL", comp > 0 ? -1 : 1, fmin(1, fabs(comp) / (4 * thr)),
	    lv[n - 1], 1);
	if (c->regime_score > rthr)
		r->pos[0].scale = rscale;
	json_object_set_new(r->inputs, "regime_scale", jnum(r->pos[0].scale));
	r->npos = 1;
	return sres_set(r, ST_POSITION, "composite %.3f beyond +-%g%s", comp, thr,
	    c->regime_score > rthr ? ", halved in a risk-off regime" : "");
}
