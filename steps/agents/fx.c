/*
 * FxEquilibriumAgent (docs/MODELS.md §3.6): BEER fair value by OLS, carry to
 * risk, flows, CIP basis, composite. USDBRL is BRL per USD: LONG = long USD.
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
	"BRENT", "BR_FX_FLOW", NULL
};

struct fx {
	double spot, yoy, carry, vol30, di1, ff;
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
	return sd * sqrt(252) * 100;
}

static void
features(const struct actx *c, struct fx *f)
{
	f->npx = in_tail(c, "USDBRL", ND, f->px, f->pd);
	f->spot = f->npx ? f->px[f->npx - 1] : NAN;
	f->yoy = f->npx > 252 ? (f->spot / f->px[f->npx - 253] - 1) * 100 : NAN;
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
	sig_set(s, z > 1 ? SHORT_ : z < -1 ? LONG_ : NEUTRAL_, fmin(1, fabs(z) / 2), z);
}

/*
 * Flows: the mean weekly BCB flow of each complete month, z over 24 months. A mean, not
 * the reference's monthly sum: a month has four or five Fridays, and sums would swing
 * by a quarter with the calendar alone (a constant flow scored z = 1.38).
 */
static void
flow(const struct actx *c, struct signal *s)
{
	const struct series *fl = in_get(c, "BR_FX_FLOW");
	double sum[NM], h[NM], z;
	int has[NM] = {0};	/* weeks seen in each month */
	long m0 = month_of(c->as_of) - NM + 1, mi;
	size_t i, n = 0, tl = 0;

	if (fl == NULL) {
		sig_none(s, "BR_FX_FLOW missing");
		return;
	}
	for (i = 0; i < NM; i++)
		sum[i] = 0;
	for (i = 0; i < fl->n; i++) {
		mi = month_of(fl->dates[i]) - m0;
		if (fl->dates[i] <= c->as_of && !isnan(fl->values[i]) && mi >= 0 &&
		    mi < NM - 1) {	/* the current month is incomplete */
			sum[mi] += fl->values[i];
			has[mi]++;
		}
	}
	for (i = 0; i < NM - 1; i++)
		if (has[i]) {
			h[n++] = sum[i] / has[i];
			tl = i;
		}
	json_object_set_new(s->meta, "months", json_integer((json_int_t)n));
	if (n < 3) {
		sig_none(s, "%zu months of flows", n);
		return;
	}
	/* The last complete month is the previous one (or the one before, a late release). */
	if (NM - 2 - tl > 1) {
		sig_none(s, "last month of flows is %zu months before as_of's", NM - 1 - tl);
		return;
	}
	z = zscore_of(h[n - 1], h + (n > 24 ? n - 24 : 0), n > 24 ? 24 : n);
	if (isnan(z))
		z = 0;
	meta_num(s, "last_month_mean_weekly_flow", h[n - 1]);
	meta_num(s, "bcb_flow_z", z);
	sig_set(s, z > 0.5 ? SHORT_ : z < -0.5 ? LONG_ : NEUTRAL_, fmin(1, fabs(z) / 2), z);
}

static void
cip(const struct fx *f, struct signal *s)
{
	double basis = f->di1 - (f->ff + f->yoy);

	meta_num(s, "di_1y", f->di1);
	meta_num(s, "us_rate", f->ff);
	meta_num(s, "expected_depreciation", f->yoy);
	if (isnan(basis)) {
		basis = f->di1 - f->ff;
		if (isnan(basis)) {
			sig_none(s, "DI 1Y or fed funds missing");
			return;
		}
		meta_str(s, "method", "di_minus_us_rate");
		if (fabs(basis) < 1) {
			meta_num(s, "basis", basis);
			s->value = basis;
			sig_none(s, "no USDBRL YoY, and |DI 1Y - fed funds| %.2f is below 1",
			    fabs(basis));
			return;
		}
	}
	meta_num(s, "basis", basis);
	sig_set(s, basis > 0 ? LONG_ : SHORT_, fmin(1, fabs(basis) / 5), basis);
}

void
fx_agent(const struct actx *c, struct report *r)
{
	struct fx *f = xcalloc(1, sizeof *f);
	double tot[NM];
	const struct signal *in[4];
	static const double w[4] = {.40, .30, .20, .10};

	r->agent_id = "fx_agent";
	r->label = "FX";
	r->inputs = inputs;
	r->n = 5;
	sig_init(&r->sig[0], "FX_BR_BEER", 252);
	sig_init(&r->sig[1], "FX_BR_CARRY_RISK", 63);
	sig_init(&r->sig[2], "FX_BR_FLOW", 21);
	sig_init(&r->sig[3], "FX_BR_CIP_BASIS", 21);
	sig_init(&r->sig[4], "FX_BR_COMPOSITE", 63);
	features(c, f);
	tot_yoy(c, tot);
	fx_beer(c, tot, &r->sig[0]);
	carry_risk(c, f, &r->sig[1]);
	flow(c, &r->sig[2]);
	cip(f, &r->sig[3]);
	in[0] = &r->sig[0], in[1] = &r->sig[1], in[2] = &r->sig[2], in[3] = &r->sig[3];
	composite(&r->sig[4], in, w, 4, COMP_DIRECTIONAL);
	free(f);
}
