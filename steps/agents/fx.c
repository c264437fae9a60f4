/*
 * FxEquilibriumAgent (docs/MODELS.md §3.6): BEER fair value by OLS, carry to
 * risk, flows, CIP basis, composite. USDBRL is BRL per USD; a signal's LONG is
 * long BRL (short USDBRL), the FX convention of docs/AGENTS.md.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "agents.h"
#include "ols.h"
#include "rolling.h"
#include "state.h"
#include "xalloc.h"

#define NM 180
#define ND 800

static const char *const inputs[] = {
	"USDBRL", "BR_SELIC_TARGET", "US_FED_FUNDS", "BR_DI_1Y", "BR_DI_5Y",
	"US_UST_5Y", "US_BREAKEVEN_5Y", "BR_FOCUS_IPCA_12M", "IRON_ORE", "SOYBEAN",
	"BRENT", "BR_FX_FLOW", "BR_FX_FLOW_M", "USDBRL_FWD_1Y", "US_UST_1Y", NULL
};

struct fx {
	double spot, carry, vol30, di1, ff;
	double px[ND];
	day_t pd[ND];
	size_t npx;
};

/* Annualised % volatility of the 30 log returns ending at index e. */
static double
vol30_at(const struct fx *f, size_t e)
{
	double r[30], m, sd;
	size_t i;

	if (e < 30)
		return NAN;
	for (i = 0; i < 30; i++)
		r[i] = log(f->px[e - 29 + i] / f->px[e - 30 + i]);
	mean_std(r, 30, &m, &sd);
	return sd * sqrt(TRADING_DAYS) * 100;
}

static void
features(const struct actx *c, struct fx *f)
{
	f->npx = in_tail(c, "USDBRL", ND, f->px, f->pd);
	f->spot = f->npx ? f->px[f->npx - 1] : NAN;
	f->vol30 = f->npx > 30 ? vol30_at(f, f->npx - 1) : NAN;
	f->ff = in_last(c, "US_FED_FUNDS");
	f->carry = in_last(c, "BR_SELIC_TARGET") - f->ff;
	f->di1 = in_last(c, "BR_DI_1Y");
}

/* Terms of trade: the mean 12-month % change of iron ore, soybeans and Brent. */
static void
tot_yoy(const struct actx *c, double *out)
{
	static const char *const id[] = {"IRON_ORE", "SOYBEAN", "BRENT"};
	double a[NM], y[NM], cnt[NM];
	size_t j, t;

	for (t = 0; t < NM; t++)
		out[t] = cnt[t] = 0;
	for (j = 0; j < 3; j++) {
		in_monthly(c, id[j], NM, a);
		pct_change(a, NM, 12, y);
		for (t = 0; t < NM; t++)
			if (!isnan(y[t])) {
				out[t] += y[t];
				cnt[t]++;
			}
	}
	for (t = 0; t < NM; t++)
		out[t] = cnt[t] > 0 ? out[t] / cnt[t] : NAN;
}

static void
carry_risk(const struct actx *c, const struct fx *f, struct signal *s)
{
	double sel[NM], ffm[NM], h[NM], z, m, sd;
	long m0 = month_of(c->as_of) - NM + 1;
	size_t t, i = 0, n = 0, tl = 0;

	in_monthly(c, "BR_SELIC_TARGET", NM, sel);
	in_monthly(c, "US_FED_FUNDS", NM, ffm);
	for (t = 0; t < NM; t++) {
		double v;

		/* The last USDBRL day of month m0 + t. */
		while (i < f->npx && month_of(f->pd[i]) <= m0 + (long)t)
			i++;
		if (i == 0 || month_of(f->pd[i - 1]) != m0 + (long)t)
			continue;
		v = vol30_at(f, i - 1);
		if (!isnan(v) && v > 0 && !isnan(sel[t] - ffm[t])) {
			h[n++] = (sel[t] - ffm[t]) / v;
			tl = t;
		}
	}
	meta_num(s, "carry", f->carry);
	meta_num(s, "vol_30d", f->vol30);
	meta_num(s, "carry_to_risk", f->carry / f->vol30);
	json_object_set_new(s->meta, "history", json_integer((json_int_t)n));
	if (n < 13) {
		sig_none(s, "%zu months of carry-to-risk (13 needed)", n);
		return;
	}
	/* The last value is as_of's month (or the one before): not a stopped series'. */
	if (NM - 1 - tl > 1) {
		sig_none(s, "last carry-to-risk month is %zu months before as_of's", NM - 1 - tl);
		return;
	}
	mean_std(h + n - 12, 12, &m, &sd);
	z = sd > 0 ? (h[n - 1] - m) / sd : NAN;
	meta_num(s, "z", z);
	if (isnan(z)) {
		sig_none(s, "carry-to-risk has zero variance");
		return;
	}
	sig_set(s, z > 1 ? LONG_ : z < -1 ? SHORT_ : NEUTRAL_, fmin(1, fabs(z) / 2), z);
}

/*
 * The month flows of the complete months before as_of's into h (oldest first),
 * the index of the last one on the grid in *tl; returns how many. From the
 * weekly BR_FX_FLOW: the mean weekly flow of each month, not the reference's sum
 * (a month has four or five Fridays, and sums would swing by a quarter with the
 * calendar alone: a constant flow scored z = 1.38). Without it, the BCB's monthly
 * total BR_FX_FLOW_M (the only flow of the research data; a month's total covers
 * its days, not its Fridays).
 */
static size_t
month_flows(const struct actx *c, double *h, size_t *tl, const char **src)
{
	const struct series *fl = in_get(c, "BR_FX_FLOW");
	double sum[NM], g[NM];
	int has[NM] = {0};	/* weeks seen in each month */
	long m0 = month_of(c->as_of) - NM + 1, mi;
	size_t i, n = 0;

	*src = "BR_FX_FLOW";
	if (fl == NULL) {
		*src = "BR_FX_FLOW_M";
		in_monthly(c, "BR_FX_FLOW_M", NM, g);
		for (i = 0; i < NM - 1; i++)	/* the current month is incomplete */
			if (!isnan(g[i])) {
				h[n++] = g[i];
				*tl = i;
			}
		return n;
	}
	for (i = 0; i < NM; i++)
		sum[i] = 0;
	for (i = 0; i < fl->n; i++) {
		mi = month_of(fl->dates[i]) - m0;
		if (fl->dates[i] <= c->as_of && !isnan(fl->values[i]) && mi >= 0 &&
		    mi < NM - 1) {
			sum[mi] += fl->values[i];
			has[mi]++;
		}
	}
	for (i = 0; i < NM - 1; i++)
		if (has[i]) {
			h[n++] = sum[i] / has[i];
			*tl = i;
		}
	return n;
}

static double
fx_flow_z(const struct actx *c, struct signal *s)
{
	double h[NM], z;
	size_t n, tl = 0;
	const char *src;

	n = month_flows(c, h, &tl, &src);
	meta_str(s, "flow_source", src);
	json_object_set_new(s->meta, "months", json_integer((json_int_t)n));
	if (n < 3) {
		sig_none(s, "%zu months of flows (BR_FX_FLOW or BR_FX_FLOW_M)", n);
		return NAN;
	}
	/* The last complete month is the previous one (or the one before, a late release). */
	if (NM - 2 - tl > 1) {
		sig_none(s, "last month of flows is %zu months before as_of's", NM - 1 - tl);
		return NAN;
	}
	z = zscore_of(h[n - 1], h + (n > 24 ? n - 24 : 0), n > 24 ? 24 : n);
	meta_num(s, "last_month_flow", h[n - 1]);
	return isnan(z) ? 0 : z;
}

/* Flows: the last complete month's flow, z over 24 months (fx_flow_z). */
static void
flow(const struct actx *c, struct signal *s)
{
	double z = fx_flow_z(c, s);

	if (isnan(z))
		return;
	meta_num(s, "bcb_flow_z", z);
	sig_set(s, z > 0.5 ? LONG_ : z < -0.5 ? SHORT_ : NEUTRAL_, fmin(1, fabs(z) / 2), z);
}

/*
 * CIP basis (docs/AGENTS.md): the cupom cambial at one year, ((1 + DI_1Y/100)
 * S/F - 1) 360/365 100 with F = USDBRL_FWD_1Y, minus the offshore USD rate of the
 * same tenor (US_UST_1Y). Without the forward the cupom cannot be computed:
 * NO_SIGNAL, never realised depreciation for expected. basis > 0 (onshore dollars
 * dearer than offshore: dollar scarcity) SHORT BRL, < 0 LONG; conf min(1, |b|/5).
 */
static void
cip(const struct actx *c, const struct fx *f, struct signal *s)
{
	double fwd = in_last(c, "USDBRL_FWD_1Y"), usd = in_last(c, "US_UST_1Y"), cupom;

	meta_num(s, "di_1y", f->di1);
	meta_num(s, "spot", f->spot);
	meta_num(s, "forward_1y", fwd);
	meta_num(s, "us_rate_1y", usd);
	if (isnan(f->di1) || isnan(f->spot) || !(fwd > 0)) {
		sig_none(s, "no cupom cambial: BR_DI_1Y, USDBRL or a 1Y forward "
		    "(USDBRL_FWD_1Y) missing");
		return;
	}
	cupom = ((1 + f->di1 / 100) * f->spot / fwd - 1) * 360 / 365 * 100;
	meta_num(s, "cupom_1y", cupom);
	if (isnan(usd)) {
		sig_none(s, "no offshore USD 1Y rate (US_UST_1Y)");
		return;
	}
	meta_num(s, "basis", cupom - usd);
	sig_set(s, cupom - usd > 0 ? SHORT_ : LONG_, fmin(1, fabs(cupom - usd) / 5),
	    cupom - usd);
}

void
fx_agent(const struct actx *c, struct report *r)
{
	struct fx *f = xcalloc(1, sizeof *f);
	double tot[NM];
	static const double w[4] = {.40, .30, .20, .10};
	static const struct sig_spec sig[5] = {{"FX_BR_BEER", TRADING_DAYS},
	    {"FX_BR_CARRY_RISK", 63}, {"FX_BR_FLOW", 21}, {"FX_BR_CIP_BASIS", 21},
	    {"FX_BR_COMPOSITE", 63}};

	report_init(r, "fx_agent", "FX", inputs, sig, 5);
	features(c, f);
	tot_yoy(c, tot);
	fx_beer(c, tot, &r->sig[0]);
	carry_risk(c, f, &r->sig[1]);
	flow(c, &r->sig[2]);
	cip(c, f, &r->sig[3]);
	report_composite(r, 4, w, 4, COMP_DIRECTIONAL);
	free(f);
}
