/*
 * CUPOM_01 CIP basis (docs/STRATEGIES.md). The cupom cambial (onshore USD rate,
 * linear 360) at one year: cupom = ((1 + DI_1Y/100)^(du/252) S / F - 1) 360/dc
 * 100, du = 252, dc = 365, S = USDBRL spot, F = USDBRL_FWD_1Y (the one-year
 * outright forward, BRL per USD); basis = cupom - US_UST_1Y (the offshore USD rate
 * of the same tenor), pp. Without a forward (or DDI/FRC) series the cupom cannot be
 * computed: no_data, never realised depreciation in its place. History: the basis
 * on each date where the four exist (>= 60); z against the last 252. z >
 * z_threshold SHORT (basis rich), z < -z_threshold LONG, on CIP_BASIS_1Y's legs
 * (docs/STRATEGIES.md), DV01-neutral. confidence = min(1, |z| / 4).
 */
#include <math.h>

#include "series.h"
#include "state.h"
#include "strategies.h"

#define HMAX 1100
#define CUPOM_DU 252		/* business days in the one-year tenor */
#define CUPOM_DC 365		/* calendar days in it */

/* The one-year CIP basis in pp from DI (%), spot, forward and the USD rate (%). */
static double
basis_of(double di, double spot, double fwd, double usd)
{
	double cupom;

	if (!(fwd > 0) || !(spot > 0))
		return NAN;
	cupom = (pow(1 + di / 100, CUPOM_DU / (double)TRADING_DAYS) * spot / fwd - 1) * 360 / CUPOM_DC * 100;
	return cupom - usd;
}

/* The basis on each forward date where the other three have a value that day. */
static size_t
basis_history(const struct sctx *c, double *b)
{
	const struct series *di = dataset_get(c->ds, "BR_DI_1Y");
	const struct series *sp = dataset_get(c->ds, "USDBRL");
	const struct series *us = dataset_get(c->ds, "US_UST_1Y");
	double f[HMAX], x;
	day_t d[HMAX];
	size_t n = history(c, "USDBRL_FWD_1Y", -1, HMAX, f, d), i, k = 0;

	for (i = 0; i < n; i++) {
		x = basis_of(series_at(di, d[i], 0), series_at(sp, d[i], 0), f[i],
		    series_at(us, d[i], 0));
		if (!isnan(x))
			b[k++] = x;
	}
	return k;
}

/* z > 0 (a rich basis): short the basis, short DI_1Y and long UST_2Y. */
static const struct spread_trade trade = { "basis", "CIP_BASIS_1Y", -1, 4, 1,
	"DI_1Y", -1, "UST_2Y", 1 };

int
cupom_01(const struct sctx *c, struct sres *r)
{
	double thr = sparam(c, "z_threshold"), b[HMAX], di, spot, fwd, usd, z;
	size_t k;

	if (latest(c, r, "BR_DI_1Y", &di) < 0 || latest(c, r, "USDBRL", &spot) < 0 ||
	    latest(c, r, "USDBRL_FWD_1Y", &fwd) < 0 || latest(c, r, "US_UST_1Y", &usd) < 0)
		return r->status;
	k = basis_history(c, b);
	PUT_NUMS(r->inputs, { "di_1y", di }, { "usdbrl", spot }, { "usdbrl_fwd_1y", fwd },
	    { "us_rate_1y", usd }, { "basis", basis_of(di, spot, fwd, usd) });
	json_object_set_new(r->inputs, "observations", json_integer((json_int_t)k));
	json_object_set_new(r->inputs, "z_threshold", jnum(thr));
	if (k < 60)
		return sres_set(r, ST_NO_DATA, "basis history has %zu points, needs 60", k);
	z = tidy(zscore_last(b, k, TRADING_DAYS));
	json_object_set_new(r->inputs, "z", jnum(z));
	if (!spread_position(c, r, &trade, z, thr, b[k - 1]))
		return r->status;
	return sres_set(r, ST_POSITION, "basis z %.3f beyond +-%g", z, thr);
}
