/*
 * INF_BR_01 breakeven at matched maturity (docs/STRATEGIES.md): both curves are
 * read at the real bond's two-year tenor (BR_DI_2Y and BR_NTNB_2Y are the curves
 * interpolated there, docs/DATA.md), be = ((1 + DI_2Y/100) / (1 + NTNB_2Y/100) -
 * 1) * 100 (the plain difference overstates it by about y_real * be / 100);
 * div_bps = (Focus IPCA 12m - be) * 100. div > threshold_bps: breakeven too low, LONG BREAKEVEN_2Y; div <
 * -threshold_bps: SHORT. confidence = min(1, |div_bps| / 150).
 */
#include <math.h>

#include "state.h"
#include "strategies.h"

int
inf_br_01(const struct sctx *c, struct sres *r)
{
	double thr = sparam(c, "threshold_bps"), di, ntnb, focus, be, bps;

	if (latest(c, r, "BR_DI_2Y", &di) < 0 || latest(c, r, "BR_NTNB_2Y", &ntnb) < 0 ||
	    focus_latest(c, r, &focus) < 0)
		return r->status;
	be = ((1 + di / 100) / (1 + ntnb / 100) - 1) * 100;
	bps = tidy((focus - be) * 100);
	PUT_NUMS(r->inputs, { "di_2y", di }, { "ntnb_2y", ntnb }, { "breakeven", be },
	    { "focus_ipca_12m", focus }, { "divergence_bps", bps },
	    { "threshold_bps", thr });
	if (fabs(bps) <= thr)
		return sres_set(r, ST_NO_POSITION, "breakeven divergence %.1f bp within +-%g bp",
		    bps, thr);
	single_leg(&r->pos[0], "BREAKEVEN_2Y", bps > 0 ? 1 : -1, fmin(1, fabs(bps) / 150), be, 1);
	r->npos = 1;
	return sres_set(r, ST_POSITION, "breakeven divergence %.1f bp beyond +-%g bp", bps, thr);
}
