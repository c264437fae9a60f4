/*
 * RATES_BR_02 Taylor misalignment: taylor = r* + pi_e + alpha (pi_e - pi*) +
 * beta gap, pi_e = BR_FOCUS_IPCA_12M, gap = BR_OUTPUT_GAP when catalogued, else 0.
 * gap_bps = (taylor - DI_1Y) * 100. Beyond gap_threshold: positive (the market
 * rate is too low) pays DI_1Y (SHORT), negative receives (LONG).
 * confidence = min(1, |gap_bps| / 300).
 */
#include <math.h>

#include "state.h"
#include "strategies.h"

int
rates_br_02(const struct sctx *c, struct sres *r)
{
	double rstar = sparam(c, "r_star", 4.5), pistar = sparam(c, "pi_star", 3.0);
	double alpha = sparam(c, "alpha", 1.5), beta = sparam(c, "beta", 0.5);
	double thr = sparam(c, "gap_threshold_bps", 100), pie, di, gap = 0, taylor, bps;
	struct sres tmp = { 0 };

	if (latest(c, r, "BR_FOCUS_IPCA_12M", &pie) < 0 || latest(c, r, "BR_DI_1Y", &di) < 0)
		return r->status;
	/* The output gap is optional: 0 when the series is not there. */
	if (latest(c, &tmp, "BR_OUTPUT_GAP", &gap) < 0)
		gap = 0;
	taylor = rstar + pie + alpha * (pie - pistar) + beta * gap;
	bps = tidy((taylor - di) * 100);
	json_object_set_new(r->inputs, "focus_ipca_12m", jnum(pie));
	json_object_set_new(r->inputs, "output_gap", jnum(gap));
	json_object_set_new(r->inputs, "output_gap_source",
	    json_string(tmp.status == ST_NO_DATA ? "default 0" : "BR_OUTPUT_GAP"));
	json_object_set_new(r->inputs, "taylor_rate", jnum(taylor));
	json_object_set_new(r->inputs, "di_1y", jnum(di));
	json_object_set_new(r->inputs, "gap_bps", jnum(bps));
	json_object_set_new(r->inputs, "threshold_bps", jnum(thr));
	if (fabs(bps) <= thr)
		return sres_set(r, ST_NO_POSITION, "Taylor gap %.1f bp within +-%g bp", bps, thr);
	single_leg(&r->pos[0], "DI_1Y", bps > 0 ? -1 : 1, fmin(1, fabs(bps) / 300), di, -1);
	r->npos = 1;
	return sres_set(r, ST_POSITION, "Taylor gap %.1f bp beyond +-%g bp", bps, thr);
}
