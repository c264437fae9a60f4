/*
 * MonetaryPolicyAgent (docs/MODELS.md §3.4): Kalman neutral rate, Taylor rule,
 * Selic path, term premium, Fed stance, composite.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "agents.h"
#include "kalman.h"
#include "rolling.h"
#include "state.h"
#include "xalloc.h"

#define NM 180
#define GAP_MAXLAG 6	/* months the last output gap may lag as_of's month */
#define IS_SLOPE 0.3	/* the IS curve's gap per pp of real-rate gap (docs/MODELS.md §3.4) */
#define OKUN 2.0	/* output gap per pp of unemployment gap (docs/AGENTS.md FED_STANCE) */

static const char *const inputs[] = {
	"BR_SELIC_TARGET", "BR_FOCUS_IPCA_12M", "BR_DI_1Y", "BR_DI_2Y", "BR_DI_5Y",
	"BR_DI_10Y", "BR_NTNB_5Y", "BR_NTNB_10Y", "BR_IBC_BR", "BR_UNEMPLOYMENT",
	"BR_CAPACITY_UTIL", "US_FED_FUNDS", "US_UNEMPLOYMENT", "US_CPI_CORE",
	"BR_INFLATION_TARGET", NULL
};

struct mon {
	double selic, focus, target, di1, di10, inertia, gap, rstar, rstar_var;
	double sel[NM], foc[NM], gapm[NM], rpath[NM];
	size_t kalman_obs;
};

/*
 * r* (docs/AGENTS.md MONETARY_BR_TAYLOR): a random walk (Q .01 a month) seen
 * through the real rate r = Selic - Focus = r* + e (R 1) and, with >= 24 gap
 * months, the IS curve gap = -0.3 (r - r*) + e, i.e. gap + 0.3 r = 0.3 r* (R 4).
 * Prior 3 +- sqrt(2). Fewer than 24 observations: no r* (NAN).
 */
static void
kalman_rstar(struct mon *m, struct signal *meta)
{
	double y[NM * 2] = {0}, xf[NM * 2], Pf[NM * 4];
	size_t t, t0 = NM, nobs = 0, ngap = 0, n;
	struct kalman k;

	for (t = 0; t < NM; t++) {
		m->rpath[t] = NAN;
		if (!isnan(m->sel[t]) && !isnan(m->foc[t])) {
			nobs++;
			if (t0 == NM)
				t0 = t;
		}
	}
	m->kalman_obs = nobs;
	m->rstar = NAN;
	m->rstar_var = NAN;
	if (nobs < 24)
		return;
	n = NM - t0;
	for (t = t0; t < NM; t++)
		ngap += (size_t)!isnan(m->gapm[t]);
	memset(&k, 0, sizeof k);
	if (ngap >= 24)
		k = (struct kalman){.m = 1, .p = 2, .F = {1}, .Q = {.01},
		    .H = {1, IS_SLOPE}, .R = {1, 4}, .x0 = {3}, .P0 = {2}};
	else
		k = (struct kalman){.m = 1, .p = 1, .F = {1}, .Q = {.01}, .H = {1},
		    .R = {1}, .x0 = {3}, .P0 = {2}};
	for (t = t0; t < NM; t++) {
		double rr = m->sel[t] - m->foc[t];

		y[(t - t0) * k.p] = rr;
		if (k.p == 2)
			y[(t - t0) * 2 + 1] = m->gapm[t] + IS_SLOPE * rr;
	}
	if (kalman_filter(&k, y, n, xf, Pf) != 0)
		return;
	for (t = t0; t < NM; t++)
		m->rpath[t] = xf[(t - t0) * k.m];
	m->rstar = xf[(n - 1) * k.m];
	m->rstar_var = Pf[(n - 1) * k.m * k.m];
	meta_str(meta, "kalman_model", k.p == 2 ? "rstar_is_curve" : "random_walk");
}

static void
features(const struct actx *c, struct mon *m, struct signal *taylor)
{
	double ntnb;
	long at;

	m->selic = in_last(c, "BR_SELIC_TARGET");
	m->focus = in_current(c, "BR_FOCUS_IPCA_12M");
	m->target = in_policy(c, "BR_INFLATION_TARGET");
	m->di1 = in_last(c, "BR_DI_1Y");
	m->di10 = in_last(c, "BR_DI_10Y");
	/* A missing DI 10Y comes from the NTN-B 10Y by Fisher, as the reference. */
	if (isnan(m->di10) && !isnan(ntnb = in_last(c, "BR_NTNB_10Y")) &&
	    !isnan(m->focus))
		m->di10 = ((1 + ntnb / 100) * (1 + m->focus / 100) - 1) * 100;
	in_monthly(c, "BR_SELIC_TARGET", NM, m->sel);
	in_monthly(c, "BR_FOCUS_IPCA_12M", NM, m->foc);
	/* Inertia: the Selic change over the last three months (NAN when unknown). */
	m->inertia = m->sel[NM - 1] - m->sel[NM - 4];
	/* The gap of the last month with activity data, at most 6 months old. */
	infl_composite_gap(c, NM, 14400, m->gapm);
	m->gap = last_finite(m->gapm, NM, &at);
	if (at < NM - 1 - GAP_MAXLAG)
		m->gap = NAN;
	kalman_rstar(m, taylor);
}

static void
taylor(const struct mon *m, struct signal *s)
{
	double istar, gap;

	meta_num(s, "selic", m->selic);
	meta_num(s, "focus_ipca_12m", m->focus);
	meta_num(s, "inflation_target", m->target);
	meta_num(s, "r_star", m->rstar);
	meta_num(s, "r_star_variance", m->rstar_var);
	json_object_set_new(s->meta, "kalman_observations",
	    json_integer((json_int_t)m->kalman_obs));
	meta_num(s, "output_gap", m->gap);
	meta_num(s, "inertia", m->inertia);
	if (isnan(m->selic) || isnan(m->focus)) {
		sig_none(s, "Selic or Focus IPCA missing (or over 31 days old)");
		return;
	}
	if (isnan(m->target)) {
		sig_none(s, "BR_INFLATION_TARGET missing for as_of");
		return;
	}
	if (isnan(m->gap)) {
		sig_none(s, "no output gap: no HP gap of BR_IBC_BR, BR_UNEMPLOYMENT or "
		    "BR_CAPACITY_UTIL within %d months", GAP_MAXLAG);
		return;
	}
	if (isnan(m->rstar)) {
		sig_none(s, "no r*: %zu months of Selic and Focus (24 needed)", m->kalman_obs);
		return;
	}
	if (isnan(m->inertia)) {
		sig_none(s, "no Selic three months before as_of's month (inertia)");
		return;
	}
	istar = m->rstar + m->focus + 1.5 * (m->focus - m->target) + 0.5 * m->gap +
	    0.5 * m->inertia;
	gap = m->selic - istar;
	meta_num(s, "taylor_rate", istar);
	meta_num(s, "policy_gap", gap);
	rule_taylor(s, gap);
}

/*
 * |gap| < 1 NEUTRAL (inside the band, confidence 0); else LONG (receive) when the
 * Selic is above the rule, SHORT (pay) below it; 0.85 from 1.5, else 0.60.
 */
void
rule_taylor(struct signal *s, double gap)
{
	s->value = gap;
	if (isnan(gap)) {
		sig_none(s, "policy gap undefined");
		return;
	}
	if (fabs(gap) < 1.0) {
		sig_set(s, NEUTRAL_, 0, gap);
		return;
	}
	sig_set(s, gap > 0 ? LONG_ : SHORT_, fabs(gap) >= 1.5 ? .85 : .60, gap);
}

static void
selic_path(const struct mon *m, const struct signal *t, struct signal *s)
{
	double istar, d;

	if (isnan(m->selic) || isnan(m->di1)) {
		sig_none(s, "Selic or DI 1Y missing");
		return;
	}
	istar = sig_active(t) ? m->selic - t->value : m->selic;
	d = m->di1 - istar;
	meta_num(s, "di_1y", m->di1);
	meta_num(s, "policy_anchor", istar);
	meta_num(s, "spread", d);
	s->value = d;
	sig_set(s, d >= 0.5 ? LONG_ : d <= -0.5 ? SHORT_ : NEUTRAL_, fmin(1, fabs(d) / 2), d);
}

/* Term premium: DI 10Y - (Focus + r*), z against its last 24 month-ends. */
static void
term_premium(const struct actx *c, const struct mon *m, struct signal *s)
{
	double d10[NM], hist[24], tp, z, mu, sd;
	size_t t, n = 0;

	in_monthly(c, "BR_DI_10Y", NM, d10);
	for (t = NM; t-- > 0 && n < 24;)
		if (!isnan(d10[t]) && !isnan(m->foc[t]) && !isnan(m->rpath[t]))
			hist[n++] = d10[t] - (m->foc[t] + m->rpath[t]);
	json_object_set_new(s->meta, "history", json_integer((json_int_t)n));
	if (isnan(m->di10) || isnan(m->focus) || n < 12) {
		sig_none(s, "DI 10Y, Focus or 12 months of term-premium history missing");
		return;
	}
	tp = m->di10 - (m->focus + m->rstar);
	mean_std(hist, n, &mu, &sd);
	z = sd > 0 ? (tp - mu) / sd : NAN;
	meta_num(s, "term_premium", tp);
	meta_num(s, "history_mean", mu);
	meta_num(s, "history_std", sd);
	meta_num(s, "z", z);
	s->value = z;
	if (isnan(z)) {
		sig_none(s, "term-premium history has zero variance");
		return;
	}
	sig_set(s, z > 1.5 ? LONG_ : z < -1.5 ? SHORT_ : NEUTRAL_, fmin(1, fabs(z) / 3), z);
}

/*
 * Fed stance (docs/AGENTS.md MONETARY_US_FED_STANCE): Taylor (1993) with r* 0.5
 * and the 2 % goal, i* = 2.5 + 1.5 (core YoY - 2) + 0.5 y, where the output gap
 * y = 2 (u* - u) is Okun's law on the US unemployment gap (u* the HP trend,
 * lambda 14400, of >= 24 months, the last at most 6 months before as_of's).
 * No unemployment: NO_SIGNAL (the former 0.5 * UST slope was no output gap).
 */
static void
fed_stance(const struct actx *c, struct signal *s)
{
	double ff = in_last(c, "US_FED_FUNDS"), ugap[NM], ug, pce, saar, istar, gap;
	long at;

	us_core_inflation(c, &pce, &saar);
	meta_num(s, "fed_funds", ff);
	meta_num(s, "core_inflation_yoy", pce);
	if (isnan(ff) || isnan(pce)) {
		sig_none(s, "fed funds or US core CPI missing");
		return;
	}
	hp_gap_grid(c, "US_UNEMPLOYMENT", NM, 14400, 24, -1, 0, ugap);
	ug = last_finite(ugap, NM, &at);
	if (isnan(ug) || NM - 1 - (size_t)at > GAP_MAXLAG) {
		/* Plain words: the report's table cannot wrap a long series id. */
		sig_none(s, "no US output gap: the US unemployment rate is missing, "
		    "under 24 months or over 6 months old");
		return;
	}
	istar = 2.5 + 1.5 * (pce - US_TARGET) + 0.5 * OKUN * ug;
	gap = ff - istar;
	meta_num(s, "unemployment_gap", ug);
	meta_num(s, "output_gap", OKUN * ug);
	meta_num(s, "taylor_rate", istar);
	meta_num(s, "gap", gap);
	sig_set(s, gap >= 0.5 ? LONG_ : gap <= -0.5 ? SHORT_ : NEUTRAL_,
	    fmin(1, fabs(gap) / 2), gap);
}

void
monetary_agent(const struct actx *c, struct report *r)
{
	struct mon *m = xcalloc(1, sizeof *m);
	static const double w[3] = {.5, .3, .2};
	static const struct sig_spec sig[5] = {{"MONETARY_BR_TAYLOR", TRADING_DAYS},
	    {"MONETARY_BR_SELIC_PATH", 126},
	    {"MONETARY_BR_TERM_PREMIUM", TRADING_DAYS},
	    {"MONETARY_US_FED_STANCE", TRADING_DAYS},
	    {"MONETARY_BR_COMPOSITE", TRADING_DAYS}};

	report_init(r, "monetary_agent", "Monetary policy", inputs, sig, 5);
	features(c, m, &r->sig[0]);
	taylor(m, &r->sig[0]);
	selic_path(m, &r->sig[0], &r->sig[1]);
	term_premium(c, m, &r->sig[2]);
	fed_stance(c, &r->sig[3]);
	report_composite(r, 4, w, 3, COMP_DIRECTIONAL);
	free(m);
}
