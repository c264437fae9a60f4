/*
 * InflationAgent (docs/MODELS.md §3.3): Phillips-curve OLS, bottom-up IPCA from
 * the nine groups, surprise z-score, persistence score, US trend, composite.
 * Catalogue mappings are in docs/AGENTS.md.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "agents.h"
#include "ols.h"
#include "rolling.h"
#include "state.h"
#include "xalloc.h"

#define NM 180			/* months on the grid (15 years) */
/* Surprise: Focus carried at most 2 months; the last surprise at most 3 months old. */
#define SURPRISE_CARRY 2
#define SURPRISE_MAXLAG 3

static const char *const inputs[] = {
	"BR_IPCA_MOM", "BR_IPCA_CORE_MOM", "BR_IPCA_SERVICES_MOM", "BR_IPCA_FOOD_MOM",
	"BR_IPCA_INDUSTRIAL_MOM", "BR_IPCA_ADMINISTERED_MOM",
	"BR_FOCUS_IPCA_12M", "BR_IBC_BR", "BR_UNEMPLOYMENT", "BR_CAPACITY_UTIL",
	"USDBRL", "BRENT", "IRON_ORE", "SOYBEAN", "US_CPI_CORE", NULL
};

static const struct group {
	const char *id;
	double w;
} groups[] = {
	{"BR_IPCA_G_FOOD_HOME_MOM", .21}, {"BR_IPCA_G_FOOD_AWAY_MOM", .11},
	{"BR_IPCA_G_HOUSING_MOM", .16}, {"BR_IPCA_G_CLOTHING_MOM", .04},
	{"BR_IPCA_G_HEALTH_MOM", .14}, {"BR_IPCA_G_PERSONAL_CARE_MOM", .09},
	{"BR_IPCA_G_EDUCATION_MOM", .06}, {"BR_IPCA_G_TRANSPORT_MOM", .12},
	{"BR_IPCA_G_COMMUNICATION_MOM", .05},
};
#define NGROUPS (sizeof groups / sizeof groups[0])
/* The BCB's four-way partition of the IPCA, the bottom-up's long-history components. */
static const char *const classes[] = {"BR_IPCA_FOOD_MOM", "BR_IPCA_INDUSTRIAL_MOM",
    "BR_IPCA_SERVICES_MOM", "BR_IPCA_ADMINISTERED_MOM"};
#define NCLASS 4
#define BU_MAXLAG 3	/* a component's last month at most 3 before as_of's */

/* Monthly features shared by the models. */
struct feat {
	double core_yoy[NM], focus[NM], gap[NM], fx_yoy[NM], crb_yoy[NM];
};

/*
 * composite gap = .40 IBC gap (HP lambda 1600, % of trend) + .35 unemployment gap
 * (trend - actual) + .25 capacity gap (actual - trend), renormalised over the
 * gaps available each month, NAN when none (Phillips uses 0 there).
 */
void
infl_composite_gap(const struct actx *c, size_t nm, double lam_ibc, double *out)
{
	double g[3][NM];
	static const double w[3] = {.40, .35, .25};
	size_t t, j;

	hp_gap_grid(c, "BR_IBC_BR", nm, lam_ibc, 24, 1, 1, g[0]);
	hp_gap_grid(c, "BR_UNEMPLOYMENT", nm, 14400, 24, -1, 0, g[1]);
	hp_gap_grid(c, "BR_CAPACITY_UTIL", nm, 14400, 24, 1, 0, g[2]);
	for (t = 0; t < nm; t++) {
		double s = 0, ws = 0;

		for (j = 0; j < 3; j++)
			if (!isnan(g[j][t])) {
				s += w[j] * g[j][t];
				ws += w[j];
			}
		out[t] = ws > 0 ? s / ws : NAN;
	}
}

static void
features(const struct actx *c, struct feat *f)
{
	double a[NM], b[NM], k;
	static const char *const comm[] = {"BRENT", "IRON_ORE", "SOYBEAN"};
	size_t t, j;

	in_monthly(c, "BR_IPCA_CORE_MOM", NM, a);
	yoy_from_mom(a, NM, f->core_yoy);
	in_monthly(c, "BR_FOCUS_IPCA_12M", NM, f->focus);
	/* No activity data, no gap column (never an assumed zero gap). */
	infl_composite_gap(c, NM, 1600, f->gap);
	in_monthly(c, "USDBRL", NM, a);
	pct_change(a, NM, 12, f->fx_yoy);
	/* CRB stand-in: the mean 12-month change of Brent, iron ore and soybeans. */
	for (t = 0; t < NM; t++)
		f->crb_yoy[t] = 0;
	for (t = 0; t < NM; t++)
		b[t] = 0;
	for (j = 0; j < 3; j++) {
		double y[NM];

		in_monthly(c, comm[j], NM, a);
		pct_change(a, NM, 12, y);
		for (t = 0; t < NM; t++)
			if (!isnan(y[t])) {
				f->crb_yoy[t] += y[t];
				b[t]++;
			}
	}
	for (t = 0; t < NM; t++)
		f->crb_yoy[t] = (k = b[t]) > 0 ? f->crb_yoy[t] / k : NAN;
}

static void
phillips(const struct actx *c, const struct feat *f, struct signal *s)
{
	const double *reg[4] = {f->focus, f->gap, f->fx_yoy, f->crb_yoy};
	static const char *const names[4] = {"expectations_12m", "composite_gap",
	    "usdbrl_yoy", "crb_yoy"};

	infl_phillips(c, f->core_yoy, reg, names, 4, NM, s);
}

/*
 * A component's 12-month forecast over its last 60 observations (>= 12, the last
 * at most BU_MAXLAG months before as_of's): each of the 12 months after the last
 * is the level (the mean MoM of the last 12 observations) plus its calendar
 * month's seasonal factor (that month's mean over the window minus the window's
 * mean; 0 for a calendar month without data), compounded (docs/AGENTS.md).
 * -1 when too short or stopped.
 */
static int
seasonal_forecast(const struct actx *c, const char *id, double *fc)
{
	double v[60], sum[12] = {0}, cnt[12] = {0}, all = 0, level = 0, p = 1;
	day_t d[60];
	size_t n, i;
	int y, m, dd;

	if ((n = in_tail(c, id, 60, v, d)) < 12 ||
	    month_of(c->as_of) - month_of(d[n - 1]) > BU_MAXLAG)
		return -1;
	for (i = 0; i < n; i++) {
		date_to_ymd(d[i], &y, &m, &dd);
		sum[m - 1] += v[i];
		cnt[m - 1]++;
		all += v[i];
		if (i >= n - 12)
			level += v[i] / 12;
	}
	all /= (double)n;
	date_to_ymd(d[n - 1], &y, &m, &dd);
	for (i = 1; i <= 12; i++) {
		int cm = (m - 1 + (int)i) % 12;

		p *= 1 + (level + (cnt[cm] > 0 ? sum[cm] / cnt[cm] - all : 0)) / 100;
	}
	*fc = (p - 1) * 100;
	return 0;
}

/* The nine IBGE groups, IBGE weights renormalised over those present. */
static size_t
bottomup_groups(const struct actx *c, json_t *per, double *fc, double *wsum)
{
	double tot = 0, f;
	size_t g, used = 0;

	*wsum = 0;
	for (g = 0; g < NGROUPS; g++) {
		if (seasonal_forecast(c, groups[g].id, &f) != 0)
			continue;
		json_object_set_new(per, groups[g].id, jnum_round(f, 6));
		tot += groups[g].w * f;
		*wsum += groups[g].w;
		used++;
	}
	*fc = used > 0 ? tot / *wsum : NAN;
	return used;
}

/*
 * The BCB's partition of the IPCA (docs/AGENTS.md INFLATION_BR_BOTTOMUP): food at
 * home, industrial goods, services, administered prices. Their weights are not
 * catalogued: the OLS of the headline MoM on the four, without a constant, over
 * the last 60 grid months with all five (>= 24), divided by their sum; all four
 * positive, else no forecast. Returns 0 and the forecast, or -1 with why set.
 */
static int
bottomup_classes(const struct actx *c, json_t *per, struct signal *s, double *fc,
    const char **why)
{
	double x[NCLASS][NM], head[NM], X[60 * NCLASS], y[60], f[NCLASS], wsum = 0;
	size_t t, j, n = 0;
	struct ols o;
	json_t *wj;

	*why = "an IPCA class (food, industrial, services, administered) missing or stopped";
	for (j = 0; j < NCLASS; j++)
		if (seasonal_forecast(c, classes[j], &f[j]) != 0)
			return -1;
	in_monthly(c, "BR_IPCA_MOM", NM, head);
	for (j = 0; j < NCLASS; j++)
		in_monthly(c, classes[j], NM, x[j]);
	for (t = NM; t-- > 0 && n < 60;) {
		int ok = !isnan(head[t]);

		for (j = 0; j < NCLASS; j++)
			ok &= !isnan(x[j][t]);
		if (!ok)
			continue;
		for (j = 0; j < NCLASS; j++)
			X[n * NCLASS + j] = x[j][t];
		y[n++] = head[t];
	}
	*why = "IPCA class weights: fewer than 24 months or not solvable";
	if (n < 24 || ols_fit(&o, X, y, n, NCLASS) != 0)
		return -1;
	for (j = 0; j < NCLASS; j++)
		wsum += o.beta[j];
	*why = "IPCA class weights not all positive";
	for (j = 0; j < NCLASS; j++)
		if (!(o.beta[j] > 0)) {
			ols_release(&o);
			return -1;
		}
	wj = json_object();
	for (*fc = 0, j = 0; j < NCLASS; j++) {
		*fc += o.beta[j] / wsum * f[j];
		json_object_set_new(per, classes[j], jnum_round(f[j], 6));
		json_object_set_new(wj, classes[j], jnum_round(o.beta[j] / wsum, 6));
	}
	json_object_set_new(s->meta, "class_weights", wj);
	meta_num(s, "class_weights_r2", o.r2);
	json_object_set_new(s->meta, "class_weights_months", json_integer((json_int_t)n));
	ols_release(&o);
	return 0;
}

/*
 * Bottom-up: 12 months of seasonal means per IBGE group (>= 3 groups), else per
 * BCB class; against the target and its band for as_of.
 */
static void
bottomup(const struct actx *c, struct signal *s)
{
	double fc, wsum, target, band;
	size_t used;
	json_t *per = json_object();
	const char *why;

	used = bottomup_groups(c, per, &fc, &wsum);
	if (used >= 3) {
		meta_str(s, "components", "ibge_groups");
		meta_num(s, "weight_covered", wsum);
	} else {
		json_object_clear(per);
		if (bottomup_classes(c, per, s, &fc, &why) != 0) {
			json_object_set_new(s->meta, "group_forecasts", per);
			sig_none(s, "%zu IPCA groups with 12 recent months (3 needed); %s",
			    used, why);
			return;
		}
		meta_str(s, "components", "bcb_classes");
	}
	json_object_set_new(s->meta, "group_forecasts", per);
	meta_num(s, "forecast_12m", fc);
	target = in_policy(c, "BR_INFLATION_TARGET");
	band = in_policy(c, "BR_INFLATION_TARGET_BAND");
	meta_num(s, "target", target);
	meta_num(s, "band", band);
	s->value = fc;
	if (isnan(target) || isnan(band)) {
		sig_none(s, "BR_INFLATION_TARGET or its band missing for as_of");
		return;
	}
	sig_set(s, fc > target + band ? SHORT_ : fc < target - band ? LONG_ : NEUTRAL_,
	    fmin(1, fabs(fc - target) / 3), fc);
}

/* Surprise: IPCA MoM against Focus 12m / 12, z of the 3-month mean surprise. */
static void
surprise(const struct actx *c, const struct feat *f, struct signal *s)
{
	double act[NM], sur[NM], cons = NAN, m, sd, r3, z;
	size_t t, n = 0, tf = 0, tlast = 0;

	in_monthly(c, "BR_IPCA_MOM", NM, act);
	for (t = 0; t < NM; t++) {
		if (!isnan(f->focus[t])) {
			cons = f->focus[t] / 12;
			tf = t;
		}
		/* Focus carried forward, but not from a survey that stopped. */
		if (!isnan(act[t]) && !isnan(cons) && t - tf <= SURPRISE_CARRY) {
			sur[n++] = act[t] - cons;
			tlast = t;
		}
	}
	json_object_set_new(s->meta, "observations", json_integer((json_int_t)n));
	if (n < 12) {
		sig_none(s, "%zu months of IPCA and Focus (12 needed)", n);
		return;
	}
	if (NM - 1 - tlast > SURPRISE_MAXLAG) {
		sig_none(s, "last month with IPCA and Focus is %zu months before as_of's "
		    "(%d at most)", NM - 1 - tlast, SURPRISE_MAXLAG);
		return;
	}
	r3 = (sur[n - 1] + sur[n - 2] + sur[n - 3]) / 3;
	mean_std(sur + n - 12, 12, &m, &sd);
	z = sd > 0 ? (r3 - m) / sd : NAN;
	meta_num(s, "surprise_last", sur[n - 1]);
	meta_num(s, "surprise_3m_mean", r3);
	meta_num(s, "surprise_12m_mean", m);
	meta_num(s, "surprise_12m_std", sd);
	meta_num(s, "z", z);
	rule_surprise(s, z);
}

/* |z| < 1 none; |z| >= 2 STRONG with conf .85 + .05 per unit above 2; else |z|/2. */
void
rule_surprise(struct signal *s, double z)
{
	if (isnan(z)) {
		sig_none(s, "surprises have zero variance");
		return;
	}
	s->value = round(z * 1e4) / 1e4;
	sig_set(s, z >= 1 ? SHORT_ : z <= -1 ? LONG_ : NEUTRAL_,
	    fabs(z) >= 2 ? fmax(.85, fmin(1, .85 + (fabs(z) - 2) * .05)) :
	    fmin(fabs(z) / 2, 1), s->value);
	if (fabs(z) >= 2)
		s->strength = "STRONG";
}

void
inflation_agent(const struct actx *c, struct report *r)
{
	struct feat *f = xcalloc(1, sizeof *f);
	static const double w[4] = {.35, .30, .20, .15};
	static const struct sig_spec sig[6] = {{"INFLATION_BR_PHILLIPS", TRADING_DAYS},
	    {"INFLATION_BR_BOTTOMUP", TRADING_DAYS}, {"INFLATION_BR_SURPRISE", 63},
	    {"INFLATION_BR_PERSISTENCE", 63}, {"INFLATION_US_TREND", TRADING_DAYS},
	    {"INFLATION_BR_COMPOSITE", TRADING_DAYS}};

	report_init(r, "inflation_agent", "Inflation", inputs, sig, 6);
	features(c, f);
	phillips(c, f, &r->sig[0]);
	bottomup(c, &r->sig[1]);
	surprise(c, f, &r->sig[2]);
	infl_persistence(c, f->core_yoy, NM, &r->sig[3]);
	infl_us_trend(c, &r->sig[4]);
	report_composite(r, 5, w, 4, COMP_PLURALITY);
	free(f);
}
