/*
 * RATES_BR_01 carry and roll-down: for each adjacent DI tenor pair, carry =
 * r(long) - r(short) (pp) over risk = std of the short tenor's daily changes in
 * the last 252 calendar days (>= 20 levels) times sqrt(252) (pp). The best ratio
 * above carry_threshold receives the short tenor (LONG); if even the best ratio is
 * below -carry_threshold, the worst pair's short tenor is paid (SHORT).
 * confidence = min(1, |ratio| / (2 carry_threshold)).
 */
#include <math.h>
#include <stdio.h>

#include "state.h"
#include "strategies.h"

#define HMAX 1100
/* The risk window: 252 calendar days, not a trading year (docs/STRATEGIES.md). */
#define RISK_CAL_DAYS 252

static const struct {
	const char *series, *instrument, *label;
} tenors[] = {
	{ "BR_DI_1Y", "DI_1Y", "1Y" },
	{ "BR_DI_2Y", "DI_2Y", "2Y" },
	{ "BR_DI_5Y", "DI_5Y", "5Y" },
	{ "BR_DI_10Y", "DI_10Y", "10Y" },
};
#define NTEN (sizeof tenors / sizeof tenors[0])

/* Annualised std of the daily changes of id over (as_of - RISK_CAL_DAYS, as_of]; NAN if short. */
static double
rate_risk(const struct sctx *c, const char *id)
{
	double v[HMAX], d[HMAX];
	size_t n = history(c, id, c->as_of - RISK_CAL_DAYS, HMAX, v, NULL), i;

	if (n < 20)
		return NAN;
	for (i = 1; i < n; i++)
		d[i - 1] = v[i] - v[i - 1];
	return sample_sd(d, n - 1) * sqrt(TRADING_DAYS);
}

int
rates_br_01(const struct sctx *c, struct sres *r)
{
	double thr = sparam(c, "carry_threshold"), lv[NTEN], ratio[NTEN], risk;
	json_t *ratios = json_object();
	size_t i, best = NTEN, worst = NTEN;
	char key[16];

	json_object_set_new(r->inputs, "threshold", json_real(thr));
	json_object_set_new(r->inputs, "carry_to_risk", ratios);
	for (i = 0; i < NTEN; i++)
		if (latest(c, r, tenors[i].series, &lv[i]) < 0)
			return r->status;
	for (i = 0; i + 1 < NTEN; i++) {
		risk = rate_risk(c, tenors[i].series);
		ratio[i] = risk > 0 ? (lv[i + 1] - lv[i]) / risk : NAN;
		snprintf(key, sizeof key, "%s_%s", tenors[i].label, tenors[i + 1].label);
		json_object_set_new(ratios, key, jnum(ratio[i]));
		if (isnan(ratio[i]))
			continue;
		if (best == NTEN || ratio[i] > ratio[best])
			best = i;
		if (worst == NTEN || ratio[i] < ratio[worst])
			worst = i;
	}
	if (best == NTEN)
		return sres_set(r, ST_NO_DATA, "fewer than 20 DI levels in 252 days for every tenor");
	if (tidy(ratio[best]) > thr)
		i = best;
	else if (tidy(ratio[best]) < -thr)
		i = worst;
	else
		return sres_set(r, ST_NO_POSITION, "best carry-to-risk %.3f within +-%g",
		    ratio[best], thr);
	single_leg(&r->pos[0], tenors[i].instrument, ratio[i] > 0 ? 1 : -1,
	    fmin(1, fabs(ratio[i]) / (2 * thr)), lv[i], -1);
	r->npos = 1;
	return sres_set(r, ST_POSITION, "carry-to-risk %.3f at %s beyond +-%g", ratio[i],
	    tenors[i].label, thr);
}
