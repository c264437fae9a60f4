/*
 * CrossAssetAgent (docs/MODELS.md §3.7): regime score, correlation breaks,
 * sentiment; and the regime section (score, label, HMM probabilities, §3.8).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "agents.h"
#include "rolling.h"
#include "state.h"
#include "xalloc.h"

#define ND 756
#define WIN 63

static const char *const inputs[] = {
	"VIX", "US_HY_OAS", "DXY", "US_UST_2Y", "US_UST_10Y", "BR_FX_FLOW",
	"USDBRL", "IBOVESPA", "SP500", "BRENT", "BR_DI_2Y", "BR_CDS_5Y", "BR_EMBI",
	"US_BREAKEVEN_5Y", NULL
};

/* Last value against the previous ones (up to 251 of them); NAN below 20. */
static double
ztail(const double *v, size_t n)
{
	return n >= 21 ? zscore_of(v[n - 1], v, n - 1) : NAN;
}

/* NAN when the series stopped: its last value is over LAST_MAXAGE days old. */
static double
z_series(const struct actx *c, const char *id, size_t window)
{
	double v[ND];
	day_t d[ND];
	size_t n = in_tail(c, id, window, v, d);

	if (n == 0 || c->as_of - d[n - 1] > LAST_MAXAGE)
		return NAN;
	return ztail(v, n);
}

/*
 * Brazil's sovereign spread z over a year: the CDS when it is daily, else the
 * daily EMBI (the research data's CDS is weekly and starts in 2014), else the
 * weekly CDS (52 points).
 */
double
br_spread_z(const struct actx *c, const char **src)
{
	const struct series *cds = in_get(c, "BR_CDS_5Y");
	double z;

	*src = "BR_CDS_5Y";
	if (cds != NULL && cds->freq == 'D' && !isnan(z = z_series(c, "BR_CDS_5Y", TRADING_DAYS)))
		return z;
	*src = "BR_EMBI";
	if (!isnan(z = z_series(c, "BR_EMBI", TRADING_DAYS)))
		return z;
	*src = "BR_CDS_5Y";
	if (cds != NULL && !isnan(z = z_series(c, "BR_CDS_5Y", cds->freq == 'W' ? 52 : TRADING_DAYS)))
		return z;
	*src = NULL;
	return NAN;
}

struct xa {
	double vix_z, hy_z, flow_z, br_z, vix, hy;
	const char *br_src;
};

static void
features(const struct actx *c, struct xa *x)
{
	x->vix_z = z_series(c, "VIX", TRADING_DAYS);
	x->hy_z = z_series(c, "US_HY_OAS", TRADING_DAYS);
	/*
	 * Weekly flows only: the monthly total (BR_FX_FLOW_M) is published after its
	 * month and its sign in the stress episodes was mixed (docs/AGENTS.md).
	 */
	x->flow_z = z_series(c, "BR_FX_FLOW", 52);
	x->br_z = br_spread_z(c, &x->br_src);
	x->vix = in_last(c, "VIX");
	x->hy = in_last(c, "US_HY_OAS");
}

/*
 * Components whose sign in stress is right (docs/AGENTS.md): VIX and HY OAS,
 * outflows, Brazil's sovereign spread, each a z against its last year; not the
 * UST slope (it steepens in a crisis) nor DXY (its level trends, its moves had
 * both signs in the stress episodes). SHORT (risk-off, the EQUITY convention)
 * above 0.2.
 */
static void
regime(const struct xa *x, struct signal *s)
{
	const double comp[4] = {x->vix_z, x->hy_z, -x->flow_z, x->br_z};
	static const char *const name[4] = {"vix", "hy_oas", "em_flows",
	    "br_sovereign_spread"};
	double score = meta_mean(s, "components", name, comp, NULL, 4, NULL);

	if (x->br_src != NULL)
		meta_str(s, "br_spread_source", x->br_src);
	if (isnan(score)) {
		sig_none(s, "no regime component (VIX, HY OAS, flows, BR spread)");
		return;
	}
	score = clampd(score / 2, -1, 1);
	meta_num(s, "score", score);
	sig_set(s, score > 0.2 ? SHORT_ : score < -0.2 ? LONG_ : NEUTRAL_,
	    fmin(1, 2 * fabs(score)), score);
}

/*
 * z of the last 63-day correlation against the previous 63 rolling values; NAN
 * when the last aligned day is over LAST_MAXAGE days before as_of (a pair whose
 * series stopped has no current correlation).
 */
static double
break_z(const struct actx *c, const day_t *days, const double *a, const double *b,
    size_t nd, double *cur)
{
	double *x = xmalloc(nd * sizeof *x), *y = xmalloc(nd * sizeof *y);
	double *rc = xmalloc(nd * sizeof *rc), z = NAN;
	size_t i, n = 0;
	day_t last = 0;

	for (i = 0; i < nd; i++)
		if (!isnan(a[i]) && !isnan(b[i])) {
			x[n] = a[i];
			y[n++] = b[i];
			last = days[i];
		}
	*cur = NAN;
	if (n >= 130 && c->as_of - last <= LAST_MAXAGE) {
		rolling_corr(x, y, n, WIN, WIN, rc);
		*cur = rc[n - 1];
		z = zscore_of(rc[n - 1], rc + n - 1 - WIN, WIN);
	}
	free(x);
	free(y);
	free(rc);
	return z;
}

static void
correlation_breaks(const struct actx *c, const day_t *days, struct signal *s)
{
	static const char *const pair[5][3] = {{"USDBRL_DXY", "USDBRL", "DXY"},
	    {"DI_UST", "BR_DI_2Y", "US_UST_2Y"}, {"IBOV_SP500", "IBOVESPA", "SP500"},
	    {"USDBRL_VIX", "USDBRL", "VIX"}, {"OIL_BRL", "BRENT", "USDBRL"}};
	double a[ND], b[ND], z, cur, mz = 0;
	json_t *zs = json_object(), *cs = json_object(), *br = json_array();
	int i, n = 0;

	for (i = 0; i < 5; i++) {
		in_daily(c, pair[i][1], days, ND, a);
		in_daily(c, pair[i][2], days, ND, b);
		z = break_z(c, days, a, b, ND, &cur);
		json_object_set_new(zs, pair[i][0], jnum_round(z, 6));
		json_object_set_new(cs, pair[i][0], jnum_round(cur, 6));
		if (isnan(z))
			continue;
		n++;
		mz = fmax(mz, fabs(z));
		if (fabs(z) > 2)
			json_array_append_new(br, json_string(pair[i][0]));
	}
	json_object_set_new(s->meta, "z", zs);
	json_object_set_new(s->meta, "correlation_63d", cs);
	json_object_set_new(s->meta, "breaks", br);
	if (n == 0) {
		sig_none(s, "no pair with 130 aligned days up to the last month");
		return;
	}
	meta_num(s, "max_abs_z", mz);
	s->value = mz;
	sig_set(s, NEUTRAL_, fmin(1, mz / 4), mz);
	s->strength = mz > 3 ? "STRONG" : mz > 2 ? "MODERATE" : "WEAK";
}

/* Linear 0-100 scale of x over [lo, hi], inverted when inv. */
static double
scale(double x, double lo, double hi, int inv)
{
	double v = clampd((x - lo) / (hi - lo) * 100, 0, 100);

	return inv ? 100 - v : v;
}

/*
 * Sentiment 0-100 (100 = risk-on): VIX and HY OAS by their absolute bands (both
 * mean-revert), flows and Brazil's spread by their z (flows 50 + 25 z, the spread
 * 50 - 25 z, so z = 2 is an end of the scale); the regime's inputs, not DXY.
 */
static void
sentiment(const struct xa *x, struct signal *s)
{
	const double sub[4] = {scale(x->vix, 10, 40, 1), scale(x->hy, 300, 1000, 1),
	    scale(x->flow_z, -2, 2, 0), scale(x->br_z, -2, 2, 1)};
	static const double w[4] = {.25, .20, .15, .10};
	static const char *const name[4] = {"vix", "hy_oas", "bcb_flow",
	    "br_sovereign_spread"};
	double sc = meta_mean(s, "sub_scores", name, sub, w, 4, NULL);

	if (isnan(sc)) {
		sig_none(s, "no sentiment input");
		return;
	}
	meta_num(s, "score", sc);
	sig_set(s, sc < 30 ? SHORT_ : sc > 70 ? LONG_ : NEUTRAL_, fabs(sc - 50) / 50, sc);
}

/*
 * agents.regime: label from the CROSSASSET_REGIME score (> 0.3 RISK_OFF, < -0.3
 * RISK_ON); the HMM informs it one way only: a score above the signal's own 0.2
 * threshold is RISK_OFF too when the HMM puts >= 0.5 on its stress state (the
 * state whose mean VIX z is >= 1.5).
 */
static json_t *
regime_section(const struct actx *c, const struct signal *rs)
{
	double score = rs->value, p, vz;
	json_t *hmm = regime_hmm(c), *st = json_object_get(hmm, "stress");
	const char *label = regime_label(score), *src = "score";

	p = json_number_value(json_object_get(st, "probability"));
	vz = json_number_value(json_object_get(st, "vix_z_mean"));
	if (strcmp(label, "NEUTRAL") == 0 && score > 0.2 && p >= 0.5 && vz >= 1.5) {
		label = "RISK_OFF";
		src = "score+hmm_stress";
	}
	return json_pack("{s:o, s:s, s:s, s:o}", "score", jnum_round(score, 6),
	    "label", label, "label_source", src, "hmm", hmm);
}

void
cross_asset_agent(const struct actx *c, struct report *r, json_t **reg)
{
	day_t *days = xmalloc(ND * sizeof *days);
	struct xa x;
	static const struct sig_spec sig[3] = {{"CROSSASSET_REGIME", 63},
	    {"CROSSASSET_CORRELATION", 63}, {"CROSSASSET_SENTIMENT", 21}};

	report_init(r, "cross_asset_agent", "Cross-asset", inputs, sig, 3);
	daily_grid(c, ND, days);
	features(c, &x);
	regime(&x, &r->sig[0]);
	correlation_breaks(c, days, &r->sig[1]);
	sentiment(&x, &r->sig[2]);
	*reg = regime_section(c, &r->sig[0]);
	free(days);
}
