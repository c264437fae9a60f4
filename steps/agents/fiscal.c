/*
 * FiscalAgent (docs/MODELS.md §3.5): four-scenario debt sustainability, fiscal
 * impulse, dominance risk, composite. The primary balance is already % of GDP
 * (12 months), so the DSA subtracts it directly (the reference's pb/100 is [Q]).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "agents.h"
#include "rolling.h"
#include "state.h"

#define NPB 180

static const char *const inputs[] = {
	"BR_GROSS_DEBT_GDP", "BR_PRIMARY_BALANCE_GDP", "BR_GDP_GROWTH",
	"BR_SELIC_TARGET", "BR_FOCUS_IPCA_12M", "BR_DI_5Y", "BR_INFLATION_TARGET",
	"BR_EMBI", "BR_CDS_5Y", NULL
};

struct fis {
	double debt, pb, selic, focus, target, di5, r_real, g_real, dpb, spread_z;
	const char *spread_src;
	double pbh[NPB];
	size_t npb;
};

static void
features(const struct actx *c, struct fis *f)
{
	double g[4];
	size_t n, i;

	f->debt = in_last(c, "BR_GROSS_DEBT_GDP");
	f->selic = in_last(c, "BR_SELIC_TARGET");
	f->focus = in_current(c, "BR_FOCUS_IPCA_12M");
	f->target = in_policy(c, "BR_INFLATION_TARGET");
	f->di5 = in_last(c, "BR_DI_5Y");
	f->npb = in_tail(c, "BR_PRIMARY_BALANCE_GDP", NPB, f->pbh, NULL);
	f->pb = f->npb > 0 ? f->pbh[f->npb - 1] : NAN;
	f->dpb = f->npb >= 13 ? f->pbh[f->npb - 1] - f->pbh[f->npb - 13] : NAN;
	f->r_real = f->selic - f->focus;
	f->spread_z = br_spread_z(c, &f->spread_src);
	/* Real growth: the mean of the last four quarterly y/y rates. */
	n = in_tail(c, "BR_GDP_GROWTH", 4, g, NULL);
	f->g_real = NAN;
	if (n > 0)
		for (f->g_real = 0, i = 0; i < n; i++)
			f->g_real += g[i] / (double)n;
}

/* metadata.inputs: the series a signal read (docs/AGENTS.md). */
static void
meta_inputs(struct signal *s, const char *const *ids)
{
	json_t *a = json_array();

	for (; *ids != NULL; ids++)
		json_array_append_new(a, json_string(*ids));
	json_object_set_new(s->meta, "inputs", a);
}

/* Debt after 5 years: d <- d (1 + r) / (1 + g) - pb, all in percent. */
static double
dsa_path(double d, double r, double g, double pb)
{
	int y;

	for (y = 0; y < 5; y++)
		d = d * (1 + r / 100) / (1 + g / 100) - pb;
	return d;
}

static void
dsa(const struct fis *f, struct signal *s)
{
	static const struct {
		const char *name;
		double dr, dg, dpb;
	} sc[4] = {{"baseline", 0, 0, 0}, {"stress", 2, -1, -0.5},
	    {"adjustment", 0, 0, 1.5}, {"tailwind", -1, 1, 0}};
	double r, delta[4];
	json_t *scen = json_object();
	static const char *const ids[] = {"BR_GROSS_DEBT_GDP", "BR_PRIMARY_BALANCE_GDP",
	    "BR_GDP_GROWTH", "BR_DI_5Y", "BR_SELIC_TARGET", "BR_FOCUS_IPCA_12M", NULL};
	int i;

	meta_inputs(s, ids);
	if (isnan(f->debt) || isnan(f->selic) || isnan(f->g_real) || f->npb < 12) {
		json_decref(scen);
		sig_none(s, "debt, Selic, GDP growth or 12 months of primary balance missing");
		return;
	}
	/* Real rate: DI 5Y - Focus, else Selic - Focus; no assumed rate without them. */
	r = !isnan(f->di5 - f->focus) ? f->di5 - f->focus : f->r_real;
	if (isnan(r)) {
		json_decref(scen);
		sig_none(s, "no real rate: Focus IPCA missing (or DI 5Y and Selic)");
		return;
	}
	for (i = 0; i < 4; i++) {
		delta[i] = dsa_path(f->debt, r + sc[i].dr, f->g_real + sc[i].dg,
		    f->pb + sc[i].dpb) - f->debt;
		json_object_set_new(scen, sc[i].name, jnum_round(delta[i], 6));
	}
	meta_num(s, "debt_gdp", f->debt);
	meta_num(s, "real_rate", r);
	meta_num(s, "real_growth", f->g_real);
	meta_num(s, "primary_balance_gdp", f->pb);
	json_object_set_new(s->meta, "scenario_delta", scen);
	rule_dsa(s, delta);
}

/*
 * Direction from the baseline's 5-year debt change (LONG above +5 pp, SHORT below
 * -5); confidence from how many of the 4 scenarios stabilise the debt (delta <= 0).
 */
void
rule_dsa(struct signal *s, const double delta[4])
{
	static const double conf_by_count[5] = {.05, .20, .40, .70, 1.0};
	int i, stable = 0;

	for (i = 0; i < 4; i++)
		stable += delta[i] <= 0;
	json_object_set_new(s->meta, "stabilising_scenarios", json_integer(stable));
	sig_set(s, delta[0] > 5 ? SHORT_ : delta[0] < -5 ? LONG_ : NEUTRAL_,
	    conf_by_count[stable], delta[0]);
}

static void
impulse(const struct fis *f, struct signal *s)
{
	double ch[NPB], z, m, sd;
	size_t i, n = 0;
	static const char *const ids[] = {"BR_PRIMARY_BALANCE_GDP", NULL};

	meta_inputs(s, ids);
	if (f->npb < 24) {
		sig_none(s, "%zu months of primary balance (24 needed)", f->npb);
		return;
	}
	for (i = 12; i < f->npb; i++)
		ch[n++] = f->pbh[i] - f->pbh[i - 12];
	mean_std(ch + (n > 36 ? n - 36 : 0), n > 36 ? 36 : n, &m, &sd);
	z = sd > 0 ? (ch[n - 1] - m) / sd : NAN;
	meta_num(s, "pb_12m_change", ch[n - 1]);
	meta_num(s, "rolling_mean", m);
	meta_num(s, "rolling_std", sd);
	meta_num(s, "z", z);
	if (isnan(z)) {
		sig_none(s, "primary-balance changes have zero variance");
		return;
	}
	if (fabs(z) <= 1) {
		sig_set(s, NEUTRAL_, 0, z);
		return;
	}
	sig_set(s, z > 1 ? LONG_ : SHORT_, fmin(1, fabs(z) / 2), z);
}

static void
dominance(const struct fis *f, struct signal *s)
{
	double sub[5], sc;
	static const double w[5] = {.35, .30, .20, .15, .15};
	static const char *const name[5] = {"debt", "r_minus_g", "pb_trend",
	    "credibility", "sovereign_spread"};
	static const char *const ids[] = {"BR_GROSS_DEBT_GDP", "BR_SELIC_TARGET",
	    "BR_FOCUS_IPCA_12M", "BR_GDP_GROWTH", "BR_PRIMARY_BALANCE_GDP",
	    "BR_INFLATION_TARGET", "BR_EMBI", "BR_CDS_5Y", NULL};
	int i, used;

	meta_inputs(s, ids);

	sub[0] = (f->debt - 30) / 60 * 100;
	sub[1] = (f->r_real - f->g_real + 5) / 10 * 100;
	sub[2] = (-f->dpb + 1) / 2 * 100;
	sub[3] = fabs(f->focus - f->target) / 3 * 100;
	/* The market's view: Brazil's spread z over a year, 50 + 25 z. */
	sub[4] = 50 + 25 * f->spread_z;
	if (f->spread_src != NULL)
		meta_str(s, "spread_source", f->spread_src);
	for (i = 0; i < 5; i++)
		sub[i] = clampd(sub[i], 0, 100);
	/* Renormalised over the sub-scores present: a missing one is not a 50. */
	sc = meta_mean(s, "sub_scores", name, sub, w, 5, &used);
	if (used <= 1) {
		sig_none(s, "%d of 5 dominance inputs missing", 5 - used);
		return;
	}
	meta_num(s, "score", sc);
	if (sc < 33 || sc > 66)
		sig_set(s, sc > 66 ? SHORT_ : LONG_, fabs(sc - 50) / 50, sc);
	else
		sig_set(s, NEUTRAL_, 0.2, sc);
}

void
fiscal_agent(const struct actx *c, struct report *r)
{
	struct fis f;
	static const double w[3] = {1.0 / 3, 1.0 / 3, 1.0 / 3};
	static const struct sig_spec sig[4] = {{"FISCAL_BR_DSA", 1260},
	    {"FISCAL_BR_IMPULSE", 126}, {"FISCAL_BR_DOMINANCE_RISK", TRADING_DAYS},
	    {"FISCAL_BR_COMPOSITE", TRADING_DAYS}};

	report_init(r, "fiscal_agent", "Fiscal", inputs, sig, 4);
	features(c, &f);
	dsa(&f, &r->sig[0]);
	impulse(&f, &r->sig[1]);
	dominance(&f, &r->sig[2]);
	report_composite(r, 3, w, 3, COMP_DIRECTIONAL);
}
