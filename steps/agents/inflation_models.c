/* InflationAgent models: Phillips OLS, persistence score, US trend (§3.3). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "agents.h"
#include "ols.h"
#include "rolling.h"
#include "state.h"
#include "xalloc.h"

#define PHILLIPS_ROWS 120
#define PHILLIPS_MIN 36
#define PHILLIPS_MAXLAG 3	/* months a regressor's last value may lag as_of's */
#define MAXREG 6

/* Regressor columns usable over the rows: >= 12 values and some variance. */
static size_t
pick_columns(const double *const *reg, size_t nreg, const size_t *row, size_t n,
    double *colmean, int *use)
{
	size_t j, i, k = 0;
	double m, sd, *v = xmalloc(n * sizeof *v);

	for (j = 0; j < nreg; j++) {
		for (i = 0; i < n; i++)
			v[i] = reg[j][row[i]];
		use[j] = mean_std(v, n, &m, &sd) >= 12 && sd > 1e-12;
		colmean[j] = m;
		k += (size_t)use[j];
	}
	free(v);
	return k;
}

static void
phillips_meta(struct signal *s, const struct ols *o, const char *const *names,
    const int *use, size_t nreg)
{
	json_t *b = json_object(), *se = json_object(), *drop = json_array();
	size_t j, k = 1;

	json_object_set_new(b, "const", jnum_round(o->beta[0], 6));
	json_object_set_new(se, "const", jnum_round(o->se[0], 6));
	for (j = 0; j < nreg; j++) {
		if (!use[j]) {
			json_array_append_new(drop, json_string(names[j]));
			continue;
		}
		json_object_set_new(b, names[j], jnum_round(o->beta[k], 6));
		json_object_set_new(se, names[j], jnum_round(o->se[k++], 6));
	}
	json_object_set_new(s->meta, "coefficients", b);
	json_object_set_new(s->meta, "std_errors", se);
	json_object_set_new(s->meta, "dropped_regressors", drop);
	meta_num(s, "r2", o->r2);
	meta_num(s, "adj_r2", o->adj_r2);
	json_object_set_new(s->meta, "observations", json_integer((json_int_t)o->n));
}

/*
 * core_yoy ~ const + regressors over the last 120 months with core data (>= 36);
 * NaN regressors filled with their column mean; prediction from the last value
 * of each regressor. gap = pred - pi* (BR_INFLATION_TARGET for as_of); SHORT
 * > 0.5 (inflation above target: pay), LONG < -0.5; conf |gap|/3.
 */
void
infl_phillips(const struct actx *c, const double *core_yoy,
    const double *const *reg, const char *const *names, size_t nreg, size_t nm,
    struct signal *s)
{
	size_t row[PHILLIPS_ROWS], n = 0, i, j, k, kk;
	double colmean[MAXREG], x[MAXREG + 1], *X, *y, pred, gap, target;
	int use[MAXREG];
	struct ols o;

	for (i = nm > PHILLIPS_ROWS ? nm - PHILLIPS_ROWS : 0; i < nm; i++)
		if (!isnan(core_yoy[i]))
			row[n++] = i;
	if (n < PHILLIPS_MIN) {
		sig_none(s, "%zu months of core inflation (%d needed)", n, PHILLIPS_MIN);
		return;
	}
	if (isnan(target = in_policy(c, "BR_INFLATION_TARGET"))) {
		sig_none(s, "BR_INFLATION_TARGET missing for as_of");
		return;
	}
	k = 1 + pick_columns(reg, nreg, row, n, colmean, use);
	X = xmalloc(n * k * sizeof *X);
	y = xmalloc(n * sizeof *y);
	x[0] = 1;
	for (i = 0; i < n; i++) {
		y[i] = core_yoy[row[i]];
		X[i * k] = 1;
		for (kk = 1, j = 0; j < nreg; j++)
			if (use[j]) {
				double v = reg[j][row[i]];

				X[i * k + kk++] = isnan(v) ? colmean[j] : v;
			}
	}
	for (kk = 1, j = 0; j < nreg; j++)
		if (use[j]) {
			long at;

			x[kk++] = last_finite(reg[j], nm, &at);
			/* A regressor that stopped has no current value to predict from. */
			if ((long)nm - 1 - at > PHILLIPS_MAXLAG) {
				sig_none(s, "regressor %s last seen %ld months before as_of's "
				    "(%d at most)", names[j], (long)nm - 1 - at,
				    PHILLIPS_MAXLAG);
				goto out;
			}
		}
	if (ols_fit(&o, X, y, n, k) != 0) {
		sig_none(s, "Phillips regression not solvable (rank %zu of %zu)", o.rank, k);
		goto out;
	}
	phillips_meta(s, &o, names, use, nreg);
	pred = ols_predict(&o, x);
	gap = pred - target;
	meta_num(s, "predicted_core_yoy", pred);
	meta_num(s, "target", target);
	meta_num(s, "gap", gap);
	sig_set(s, gap > 0.5 ? SHORT_ : gap < -0.5 ? LONG_ : NEUTRAL_,
	    fmin(1, fabs(gap) / 3), pred);
	ols_release(&o);
out:
	free(X);
	free(y);
}

/* Persistence: four 0-100 sub-scores, equal weights over those available. */
void
infl_persistence(const struct actx *c, const double *core_yoy, size_t nm,
    struct signal *s)
{
	static const char *const grp[] = {"BR_IPCA_G_FOOD_HOME_MOM",
	    "BR_IPCA_G_FOOD_AWAY_MOM", "BR_IPCA_G_HOUSING_MOM",
	    "BR_IPCA_G_CLOTHING_MOM", "BR_IPCA_G_HEALTH_MOM",
	    "BR_IPCA_G_PERSONAL_CARE_MOM", "BR_IPCA_G_EDUCATION_MOM",
	    "BR_IPCA_G_TRANSPORT_MOM", "BR_IPCA_G_COMMUNICATION_MOM"};
	double sub[4] = {NAN, NAN, NAN, NAN}, v[6], m3 = 0, m6 = 0, p, f, sc;
	static const char *const nm_[4] = {"diffusion", "core_acceleration",
	    "services", "expectations"};
	size_t i, ng = 0, pos = 0, n;

	for (i = 0; i < 9; i++) {
		double l = in_last(c, grp[i]);

		if (!isnan(l)) {
			ng++;
			pos += l > 0;
		}
	}
	if (ng >= 3)
		sub[0] = 100.0 * (double)pos / (double)ng;
	for (n = 0, i = nm; i-- > 0 && n < 6;)
		if (!isnan(core_yoy[i]))
			v[n++] = core_yoy[i];
	if (n == 6) {
		for (i = 0; i < 6; i++)
			m6 += v[i] / 6;
		m3 = (v[0] + v[1] + v[2]) / 3;
		sub[1] = clampd(50 + 10 * (m3 - m6), 0, 100);
	}
	if (in_tail(c, "BR_IPCA_SERVICES_MOM", 4, v, NULL) == 4) {
		p = (1 + v[1] / 100) * (1 + v[2] / 100) * (1 + v[3] / 100);
		sub[2] = clampd((pow(p, 4) - 1) * 100 / 15 * 100, 0, 100);
	}
	f = in_current(c, "BR_FOCUS_IPCA_12M") - in_policy(c, "BR_INFLATION_TARGET");
	/* De-anchoring: 50 at the target, 20 points a pp above (below) it (docs/AGENTS.md). */
	if (!isnan(f))
		sub[3] = clampd(50 + 20 * f, 0, 100);
	sc = meta_mean(s, "sub_scores", nm_, sub, NULL, 4, NULL);
	if (isnan(sc)) {
		sig_none(s, "no persistence input (groups, core, services, Focus)");
		return;
	}
	meta_num(s, "score", sc);
	sig_set(s, sc > 60 ? SHORT_ : sc < 40 ? LONG_ : NEUTRAL_, fabs(sc - 50) / 50, sc);
}

void
us_core_inflation(const struct actx *c, double *yoy, double *saar)
{
	double v[16];
	day_t d[16];
	size_t n = in_tail(c, "US_CPI_CORE", 13, v, d);

	*yoy = *saar = NAN;
	/* Consecutive months only: the 13 values must span exactly 12 months. */
	if (n == 13 && month_of(d[12]) - month_of(d[0]) == 12 && v[0] > 0)
		*yoy = (v[12] / v[0] - 1) * 100;
	if (n >= 4 && month_of(d[n - 1]) - month_of(d[n - 4]) == 3 && v[n - 4] > 0)
		*saar = (pow(v[n - 1] / v[n - 4], 4) - 1) * 100;
}

/* US trend: core CPI (for PCE core) YoY and 3m SAAR against 2 %. */
void
infl_us_trend(const struct actx *c, struct signal *s)
{
	double yoy, saar, gap;
	int dir;

	us_core_inflation(c, &yoy, &saar);
	meta_num(s, "core_yoy", yoy);
	meta_num(s, "core_saar_3m", saar);
	if (isnan(yoy) && isnan(saar)) {
		sig_none(s, "US_CPI_CORE missing or shorter than 4 months");
		return;
	}
	gap = !isnan(yoy) ? yoy - US_TARGET : saar - US_TARGET;
	meta_num(s, "gap", gap);
	/* The band: |gap| < 0.5, where the reference's confidence |gap|/2 < 0.25. */
	if (fabs(gap) < 0.5)
		dir = NEUTRAL_;
	else if (!isnan(yoy) && !isnan(saar))
		dir = saar > US_TARGET && gap > 0 ? SHORT_ :
		    saar < US_TARGET && gap < 0 ? LONG_ : NEUTRAL_;
	else
		dir = gap > 0 ? SHORT_ : gap < 0 ? LONG_ : NEUTRAL_;
	sig_set(s, dir, fmin(1, fabs(gap) / 2), !isnan(saar) ? saar : yoy);
}
