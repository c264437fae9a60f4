/*
 * FX_BR_01 carry and fundamentals, on USDBRL:
 *   carry = tanh((Selic - Fed funds) / (vol * 100) / 2), vol = std of the last 21
 *           daily log returns * sqrt(252) (Selic falls back to DI_1Y);
 *   beer  = tanh(((spot - mean252) / mean252 * 100) / 10), >= 252 levels;
 *   flow  = tanh(z / 2), z of the latest 4-week sum of BR_FX_FLOW (weekly) against
 *           the rolling 4-week sums of the last 52 weeks (>= 26 weeks, the latest
 *           at most 21 days old; else 0).
 * comp = .40 carry + .35 beer + .25 flow; |comp| < comp_threshold: nothing;
 * comp > 0 (BRL attractive) SHORT USDBRL, else LONG; confidence = min(1, |comp|).
 * When aggregate.regime.score > regime_threshold the weight is halved.
 */
#include <math.h>

#include "state.h"
#include "strategies.h"

#define HMAX 1100

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
	json_object_set_new(inputs, "flow_z", jnum(z));
	return tanh(z / 2);
}

int
fx_br_01(const struct sctx *c, struct sres *r)
{
	double wc = sparam(c, "carry_weight", 0.40), wb = sparam(c, "beer_weight", 0.35);
	double wf = sparam(c, "flow_weight", 0.25), thr = sparam(c, "comp_threshold", 0.1);
	double rthr = sparam(c, "regime_threshold", 0.3), rscale = sparam(c, "regime_scale", 0.5);
	double lv[HMAX], ret[32], selic, us, vol, mean = 0, cs, bs, fs, comp;
	struct sres tmp = { 0 };
	size_t n, i;

	if (latest(c, &tmp, "BR_SELIC_TARGET", &selic) < 0 &&
	    latest(c, r, "BR_DI_1Y", &selic) < 0)
		return sres_set(r, ST_NO_DATA, "%s; fallback: %s", tmp.reason, r->reason);
	if (latest(c, r, "US_FED_FUNDS", &us) < 0 || latest(c, r, "USDBRL", &lv[0]) < 0)
		return r->status;
	n = history(c, "USDBRL", -1, 252, lv, NULL);
	if (n < 252)
		return sres_set(r, ST_NO_DATA, "USDBRL has %zu levels, needs 252", n);
	for (i = 0; i < 21; i++)
		ret[i] = log(lv[n - 21 + i] / lv[n - 22 + i]);
	vol = stdev(ret, 21) * sqrt(252);
	for (i = 0; i < n; i++)
		mean += lv[i];
	mean /= (double)n;
	cs = vol > 0 ? tanh((selic - us) / (vol * 100) / 2) : 0;
	bs = tanh(((lv[n - 1] - mean) / mean * 100) / 10);
	fs = flow_score(c, r->inputs);
	comp = tidy(wc * cs + wb * bs + wf * fs);
	json_object_set_new(r->inputs, "selic", jnum(selic));
	json_object_set_new(r->inputs, "us_rate", jnum(us));
	json_object_set_new(r->inputs, "vol", jnum(vol));
	json_object_set_new(r->inputs, "spot", jnum(lv[n - 1]));
	json_object_set_new(r->inputs, "mean_252", jnum(mean));
	json_object_set_new(r->inputs, "carry_score", jnum(cs));
	json_object_set_new(r->inputs, "beer_score", jnum(bs));
	json_object_set_new(r->inputs, "flow_score", jnum(fs));
	json_object_set_new(r->inputs, "composite", jnum(comp));
	json_object_set_new(r->inputs, "regime_score", jnum(c->regime_score));
	if (fabs(comp) < thr)
		return sres_set(r, ST_NO_POSITION, "composite %.3f within +-%g", comp, thr);
	single_leg(&r->pos[0], "USDBRL", comp > 0 ? -1 : 1, fmin(1, fabs(comp)), lv[n - 1], 1);
	if (c->regime_score > rthr)
		r->pos[0].scale = rscale;
	json_object_set_new(r->inputs, "regime_scale", jnum(r->pos[0].scale));
	r->npos = 1;
	return sres_set(r, ST_POSITION, "composite %.3f beyond +-%g%s", comp, thr,
	    c->regime_score > rthr ? ", halved in a risk-off regime" : "");
}
