/*
 * SOV_BR_01 fiscal risk: fiscal = clamp(debt_risk + balance_risk, 0, 100) / 100,
 * debt_risk = clamp((gross debt - 60) / 40 * 100, 0, 100), balance_risk = 20 |pb|
 * when the primary balance pb < 0, else -10 pb. z of DI_10Y against its last 252
 * levels (>= 60). fiscal > fiscal_high and z < -z_threshold: pay DI_10Y (SHORT)
 * and buy USDBRL (LONG), confidence min(1, fiscal |z| / 1.5); fiscal < fiscal_low
 * and z > z_threshold: receive DI_10Y and sell USDBRL, confidence
 * min(1, (1 - fiscal) |z| / 1.5). The sovereign spread (CDS / 100, else
 * DI_10Y - UST_10Y) is reported only.
 */
#include <math.h>

#include "state.h"
#include "strategies.h"

#define HMAX 1100

static double
clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

static void
report_spread(const struct sctx *c, json_t *inputs, double di)
{
	struct sres tmp = { 0 };
	double v;

	if (latest(c, &tmp, "BR_CDS_5Y", &v) == 0)
		json_object_set_new(inputs, "sovereign_spread", jnum(v / 100));
	else if (latest(c, &tmp, "US_UST_10Y", &v) == 0)
		json_object_set_new(inputs, "sovereign_spread", jnum(di - v));
	else
		json_object_set_new(inputs, "sovereign_spread", jnum(di));
}

int
sov_br_01(const struct sctx *c, struct sres *r)
{
	double zthr = sparam(c, "z_threshold"), hi = sparam(c, "fiscal_high");
	double lo = sparam(c, "fiscal_low"), h[HMAX], debt, pb, fx, fiscal, z, conf;
	struct sres tmp = { 0 };
	size_t n;
	int dir;

	if (latest(c, &tmp, "BR_GROSS_DEBT_GDP", &debt) < 0 &&
	    latest(c, r, "BR_NET_DEBT_GDP", &debt) < 0)
		return sres_set(r, ST_NO_DATA, "%s; fallback: %s", tmp.reason, r->reason);
	if (latest(c, r, "BR_PRIMARY_BALANCE_GDP", &pb) < 0 || latest(c, r, "USDBRL", &fx) < 0 ||
	    latest(c, r, "BR_DI_10Y", &h[0]) < 0)
		return r->status;
	if ((n = history(c, "BR_DI_10Y", c->as_of - 400, TRADING_DAYS, h, NULL)) < 60)
		return sres_set(r, ST_NO_DATA, "BR_DI_10Y has %zu levels in the window, needs 60", n);
	fiscal = clamp(clamp((debt - 60) / 40 * 100, 0, 100) +
	    (pb < 0 ? 20 * fabs(pb) : -10 * pb), 0, 100) / 100;
	z = tidy(zscore_last(h, n, TRADING_DAYS));
	PUT_NUMS(r->inputs, { "gross_debt_gdp", debt }, { "primary_balance_gdp", pb },
	    { "fiscal_score", fiscal }, { "di_10y", h[n - 1] }, { "z", z });
	report_spread(c, r->inputs, h[n - 1]);
	if (isnan(z))
		return sres_set(r, ST_NO_POSITION, "BR_DI_10Y history is flat: z undefined");
	if (fiscal > hi && z < -zthr) {
		dir = -1;
		conf = fmin(1, fiscal * fabs(z) / 1.5);
	} else if (fiscal < lo && z > zthr) {
		dir = 1;
		conf = fmin(1, (1 - fiscal) * fabs(z) / 1.5);
	} else
		return sres_set(r, ST_NO_POSITION, "fiscal %.2f and DI_10Y z %.3f: no mispricing",
		    fiscal, z);
	single_leg(&r->pos[0], "DI_10Y", dir, conf, h[n - 1], -1);
	single_leg(&r->pos[1], "USDBRL", -dir, conf, fx, 1);
	r->npos = 2;
	return sres_set(r, ST_POSITION, "fiscal %.2f with DI_10Y z %.3f: %s", fiscal, z,
	    dir < 0 ? "pay DI_10Y, buy USDBRL" : "receive DI_10Y, sell USDBRL");
}
