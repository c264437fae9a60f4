/*
 * RATES_BR_02 Taylor misalignment (docs/STRATEGIES.md): taylor = r* + pi_e +
 * alpha (pi_e - pi*) + beta gap, pi_e = BR_FOCUS_IPCA_12M, pi* = BR_INFLATION_TARGET
 * for as_of, gap = the HP gap (lambda 14400, % of trend) of the last month of
 * BR_IBC_BR over its last IBC_MAX months (>= IBC_MIN). No target or no activity
 * data: no_data, never a 3 % target or a zero gap. gap_bps = (taylor - DI_1Y) *
 * 100. Beyond gap_threshold: positive (the market rate is too low) pays DI_1Y
 * (SHORT), negative receives (LONG). confidence = min(1, |gap_bps| / 300).
 */
#include <math.h>

#include "hpfilter.h"
#include "state.h"
#include "strategies.h"

#define IBC_MAX 120		/* ten years of monthly activity */
#define IBC_MIN 24
#define HP_MONTHLY 14400	/* the HP lambda of monthly data */

/* The output gap in % of trend at the last BR_IBC_BR month; -1 with no_data. */
static int
output_gap(const struct sctx *c, struct sres *r, double *gap)
{
	double v[IBC_MAX], t[IBC_MAX], last;
	size_t n;

	if (latest(c, r, "BR_IBC_BR", &last) < 0)
		return -1;
	n = history(c, "BR_IBC_BR", -1, IBC_MAX, v, NULL);
	if (n < IBC_MIN || hp_filter(v, n, HP_MONTHLY, t) != 0 || !(t[n - 1] > 0)) {
		sres_set(r, ST_NO_DATA, "BR_IBC_BR has %zu months, needs %d for the output gap",
		    n, IBC_MIN);
		return -1;
	}
	*gap = (v[n - 1] - t[n - 1]) / t[n - 1] * 100;
	json_object_set_new(r->inputs, "ibc_months", json_integer((json_int_t)n));
	return 0;
}

int
rates_br_02(const struct sctx *c, struct sres *r)
{
	double rstar = sparam(c, "r_star"), alpha = sparam(c, "alpha");
	double beta = sparam(c, "beta"), thr = sparam(c, "gap_threshold_bps");
	double pie, pistar, di, gap, taylor, bps;

	if (focus_latest(c, r, &pie) < 0 || latest(c, r, "BR_DI_1Y", &di) < 0 ||
	    latest(c, r, "BR_INFLATION_TARGET", &pistar) < 0 || output_gap(c, r, &gap) < 0)
		return r->status;
	taylor = rstar + pie + alpha * (pie - pistar) + beta * gap;
	bps = tidy((taylor - di) * 100);
	PUT_NUMS(r->inputs, { "focus_ipca_12m", pie }, { "inflation_target", pistar },
	    { "output_gap", gap }, { "taylor_rate", taylor }, { "di_1y", di },
	    { "gap_bps", bps }, { "threshold_bps", thr });
	if (fabs(bps) <= thr)
		return sres_set(r, ST_NO_POSITION, "Taylor gap %.1f bp within +-%g bp", bps, thr);
	single_leg(&r->pos[0], "DI_1Y", bps > 0 ? -1 : 1, fmin(1, fabs(bps) / 300), di, -1);
	r->npos = 1;
	return sres_set(r, ST_POSITION, "Taylor gap %.1f bp beyond +-%g bp", bps, thr);
}
