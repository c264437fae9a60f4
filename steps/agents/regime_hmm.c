/*
 * The macro regime (docs/MODELS.md §3.8): a 4-state Gaussian HMM with full
 * covariances fitted by Baum-Welch on the daily feature history (rolling 252-day
 * z-scores), states named by their own means (docs/AGENTS.md): the state with
 * the highest mean VIX_z is "Stress", the others by growth and inflation; the
 * rule-based classification only when fewer than 60 clean rows exist.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "agents.h"
#include "hmm.h"
#include "rolling.h"
#include "state.h"
#include "xalloc.h"

#define ND 756
#define ZWIN TRADING_DAYS
#define ZMIN 63
#define NF 6
#define K 4
#define MIN_ROWS 60
#define SEED 42

static const char *const fname[NF] = {"growth_z", "inflation_z", "VIX_z",
    "credit_spread_z", "FX_vol_z", "equity_momentum_z"};
#define NNAME 5
#define STRESS 4
static const char *const rname[NNAME] = {"Goldilocks", "Reflation", "Stagflation",
    "Deflation", "Stress"};

/* The raw daily feature levels before the rolling z-score. */
static void
raw_features(const struct actx *c, const day_t *days, double (*f)[ND])
{
	double a[ND], b[ND];
	size_t t, j;

	in_daily(c, "US_UST_10Y", days, ND, a);
	in_daily(c, "US_UST_2Y", days, ND, b);
	for (t = 0; t < ND; t++)
		f[0][t] = a[t] - b[t];
	in_daily(c, "US_BREAKEVEN_5Y", days, ND, f[1]);
	in_daily(c, "VIX", days, ND, f[2]);
	in_daily(c, "US_HY_OAS", days, ND, f[3]);
	in_daily(c, "USDBRL", days, ND, a);
	for (t = 0; t < ND; t++) {	/* 21-day realised vol of log returns */
		double r[21], m, sd;

		f[4][t] = NAN;
		if (t < 21)
			continue;
		for (j = 0; j < 21; j++)
			r[j] = log(a[t - 20 + j] / a[t - 21 + j]);
		if (mean_std(r, 21, &m, &sd) == 21)
			f[4][t] = sd * sqrt(TRADING_DAYS);
	}
	in_daily(c, "SP500", days, ND, a);
	for (t = 0; t < ND; t++)
		f[5][t] = t >= 63 ? log(a[t] / a[t - 63]) : NAN;
}

/* The unused state maximising sign * (g + w i); -1 when none is left. */
static int
pick_state(const double *g, const double *i, const int *used, double w, double sign)
{
	int k, best = -1;

	for (k = 0; k < K; k++)
		if (!used[k] && (best < 0 ||
		    sign * (g[k] + w * i[k]) > sign * (g[best] + w * i[best])))
			best = k;
	return best;
}

/*
 * stress >= 0: that state is Stress and Deflation is not used. Then Goldilocks =
 * argmax(g-i), Stagflation = argmin(g-i), Reflation = argmax(g+i) of the rest;
 * Deflation the one left.
 */
static void
name_states(const double *g, const double *i, int stress, int *name_of)
{
	static const struct {
		int name;
		double w, sign;
	} order[3] = {{0, -1, 1}, {2, -1, -1}, {1, 1, 1}};
	int used[K] = {0}, k, j;

	for (k = 0; k < K; k++)
		name_of[k] = 3;		/* Deflation: the one left */
	if (stress >= 0) {
		name_of[stress] = STRESS;
		used[stress] = 1;
	}
	for (j = 0; j < 3; j++) {
		int b = pick_state(g, i, used, order[j].w, order[j].sign);

		if (b >= 0) {
			name_of[b] = order[j].name;
			used[b] = 1;
		}
	}
}

/* The probabilities of the names in use (p by name; used[name] set). */
static json_t *
probs_json(const double *p, const int *used, int *arg)
{
	json_t *j = json_object();
	int k;

	for (*arg = -1, k = 0; k < NNAME; k++) {
		if (!used[k])
			continue;
		json_object_set_new(j, rname[k], jnum_round(p[k], 6));
		if (*arg < 0 || p[k] > p[*arg])
			*arg = k;
	}
	return j;
}

/* The reference's fallback rules on the last (g, i). */
static json_t *
rule_based(double g, double i, size_t rows, const char *why)
{
	static const double cg[K] = {.5, .5, -.5, -.5}, ci[K] = {-.25, 1, 1, -1};
	double p[K], bd = INFINITY;
	static const int used[NNAME] = {1, 1, 1, 1, 0};
	int k, r = 0;

	if (isnan(g) || isnan(i))
		r = -1;
	else if (g > 0)
		r = i < 0.5 ? 0 : 1;
	else if (g < 0 && i >= 0.5)
		r = 2;
	else if (g < 0 && i < -0.5)
		r = 3;
	else
		for (k = 0; k < K; k++) {
			double d = (g - cg[k]) * (g - cg[k]) + (i - ci[k]) * (i - ci[k]);

			if (d < bd)
				bd = d, r = k;
		}
	for (k = 0; k < K; k++)
		p[k] = r < 0 ? 0.25 : k == r ? 0.7 : 0.1;
	return json_pack("{s:s, s:o, s:o, s:o, s:i, s:b, s:I, s:s}",
	    "method", "rule_based", "regime", r < 0 ? json_null() : json_string(rname[r]),
	    "probabilities", probs_json(p, used, &(int){0}), "log_likelihood", json_null(),
	    "iterations", 0, "converged", 0, "observations", (json_int_t)rows,
	    "warning", why);
}

static json_t *
fit(const double *X, size_t n, size_t d, const char *const *cols)
{
	struct hmm h;
	double *gamma = xmalloc(n * K * sizeof *gamma), ll, p[NNAME] = {0}, g[K], in[K];
	int name_of[K], k, arg, hi = -1, used[NNAME] = {0};
	json_t *out = NULL, *names = json_array(), *means = json_object(), *pj;
	json_t *stress = NULL;

	hmm_init(&h, K, d);
	if (hmm_init_kmeans(&h, X, n, SEED) != 0 || hmm_fit(&h, X, n, 100, 1e-4, NULL) != 0 ||
	    hmm_posterior(&h, X, n, gamma, &ll) != 0)
		goto out;
	for (k = 0; k < K; k++) {
		g[k] = h.mu[(size_t)k * d];
		in[k] = h.mu[(size_t)k * d + 1];
	}
	/* The stress state: the highest mean VIX_z (column 2 when VIX is there). */
	if (d > 2 && strcmp(cols[2], "VIX_z") == 0)
		for (hi = 0, k = 1; k < K; k++)
			hi = h.mu[(size_t)k * d + 2] > h.mu[(size_t)hi * d + 2] ? k : hi;
	name_states(g, in, hi, name_of);
	for (k = 0; k < K; k++) {
		used[name_of[k]] = 1;
		p[name_of[k]] += gamma[(n - 1) * K + (size_t)k];
		json_object_set_new(means, rname[name_of[k]],
		    json_pack("{s:o, s:o}", "growth_z", jnum_round(g[k], 6),
		    "inflation_z", jnum_round(in[k], 6)));
	}
	for (k = 0; k < (int)d; k++)
		json_array_append_new(names, json_string(cols[k]));
	if (hi >= 0) {
		stress = json_pack("{s:s, s:o, s:o}", "state", rname[name_of[hi]],
		    "vix_z_mean", jnum_round(h.mu[(size_t)hi * d + 2], 6),
		    "probability", jnum_round(gamma[(n - 1) * K + (size_t)hi], 6));
	}
	pj = probs_json(p, used, &arg);	/* sets arg: not inside the call below */
	out = json_pack("{s:s, s:o, s:s, s:o, s:i, s:b, s:I, s:O, s:O, s:o}",
	    "method", "hmm", "probabilities", pj, "regime", rname[arg],
	    "log_likelihood", jnum_round(ll, 6), "iterations", h.iterations,
	    "converged", h.converged, "observations", (json_int_t)n,
	    "features", names, "state_means", means,
	    "stress", stress ? stress : json_null());
out:
	json_decref(names);
	json_decref(means);
	hmm_release(&h);
	free(gamma);
	return out;
}

json_t *
regime_hmm(const struct actx *c)
{
	double (*raw)[ND] = xmalloc(NF * sizeof *raw), (*z)[ND] = xmalloc(NF * sizeof *z);
	double *X = xmalloc(ND * NF * sizeof *X);
	day_t *days = xmalloc(ND * sizeof *days);
	const char *cols[NF];
	size_t t, j, d = 0, n = 0, col[NF] = {0};
	double infl;
	json_t *out;

	daily_grid(c, ND, days);
	raw_features(c, days, raw);
	for (j = 0; j < NF; j++) {
		long at;

		rolling_zscore(raw[j], ND, ZWIN, ZMIN, z[j]);
		last_finite(z[j], ND, &at);
		/*
		 * growth and inflation always; the others when they have data up to
		 * the last month (a column that stopped would end every clean row
		 * there, and the "current" posterior with it).
		 */
		if (j < 2 || (mean_std(z[j], ND, &(double){0}, &(double){0}) >= MIN_ROWS &&
		    c->as_of - days[at] <= LAST_MAXAGE)) {
			cols[d] = fname[j];
			col[d++] = j;
		}
	}
	for (t = 0; t < ND; t++) {
		for (j = 0; j < d && !isnan(z[col[j]][t]); j++)
			X[n * d + j] = z[col[j]][t];
		n += j == d;
	}
	if (n >= MIN_ROWS && (out = fit(X, n, d, cols)) != NULL)
		goto done;
	/* Without breakevens the reference's stand-in: inflation_z = 0.5 hy_z. */
	infl = last_finite(z[1], ND, NULL);
	if (isnan(infl))
		infl = 0.5 * last_finite(z[3], ND, NULL);
	out = rule_based(last_finite(z[0], ND, NULL), infl, n,
	    n < MIN_ROWS ? "fewer than 60 clean feature rows: rule-based regime" :
	    "HMM fit failed: rule-based regime");
done:
	free(raw);
	free(z);
	free(X);
	free(days);
	return out;
}
