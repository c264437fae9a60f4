/*
 * The macro regime (docs/MODELS.md §3.8): a 4-state Gaussian HMM with full
 * covariances fitted by Baum-Welch on the daily feature history (rolling 252-day
 * z-scores), states named by their own means (docs/AGENTS.md): the state with
 * the highest mean VIX_z is "Stress", the others by the §3.8 quadrant of their
 * mean growth and inflation; the rule-based classification (the same quadrants
 * on the last row) only when fewer than 60 clean rows exist.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
#define NSTART 8
#define MAX_ITER 1000
#define TOL 1e-7
/*
 * Starts whose log-likelihoods are within TIE_REL of each other (relative) reach
 * the same optimum: the first start in seed order is kept (docs/AGENTS.md).
 */
#define TIE_REL 1e-9

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

/*
 * The §3.8 rules on a (growth_z, inflation_z) point, the name index (-1 for NaN):
 * g > 0: Goldilocks when i < 0.5, else Reflation; g < 0: Stagflation when i >= 0.5,
 * Deflation when i < -0.5; else the nearest of the four centres.
 */
static int
quadrant(double g, double i)
{
	static const double cg[K] = {.5, .5, -.5, -.5}, ci[K] = {-.25, 1, 1, -1};
	double bd = INFINITY;
	int k, r = 0;

	if (isnan(g) || isnan(i))
		return -1;
	if (g > 0)
		return i < 0.5 ? 0 : 1;
	if (g < 0 && i >= 0.5)
		return 2;
	if (g < 0 && i < -0.5)
		return 3;
	for (k = 0; k < K; k++) {
		double d = (g - cg[k]) * (g - cg[k]) + (i - ci[k]) * (i - ci[k]);

		if (d < bd)
			bd = d, r = k;
	}
	return r;
}

/* The reference's fallback rules on the last (g, i). */
static json_t *
rule_based(double g, double i, size_t rows, const char *why)
{
	double p[K];
	static const int used[NNAME] = {1, 1, 1, 1, 0};
	int k, r = quadrant(g, i);

	for (k = 0; k < K; k++)
		p[k] = r < 0 ? 0.25 : k == r ? 0.7 : 0.1;
	return json_pack("{s:s, s:o, s:o, s:o, s:i, s:b, s:I, s:s}",
	    "method", "rule_based", "regime", r < 0 ? json_null() : json_string(rname[r]),
	    "probabilities", probs_json(p, used, &(int){0}), "log_likelihood", json_null(),
	    "iterations", 0, "converged", 0, "observations", (json_int_t)rows,
	    "warning", why);
}

/* The starts, taken in turn by the threads: each its own model, nothing shared but X. */
struct starts {
	const double *X;
	size_t n, d;
	atomic_int next;		/* the next start not yet taken */
	struct hmm *t;
	int *rc;
};

static void *
run_starts(void *arg)
{
	struct starts *a = arg;
	int s;

	while ((s = atomic_fetch_add(&a->next, 1)) < NSTART) {
		hmm_init(&a->t[s], K, a->d);
		a->rc[s] = hmm_init_kmeans(&a->t[s], a->X, a->n, SEED + (unsigned long)s) == 0 &&
		    hmm_fit(&a->t[s], a->X, a->n, MAX_ITER, TOL, NULL) == 0 ? 0 : -1;
	}
	return NULL;
}

/*
 * NSTART fits from k-means++ seeds SEED.. ; h gets the highest log-likelihood, a
 * later start replacing it only when it gains more than TIE_REL: a tie is decided
 * by the seed order, never by the last digits of the arithmetic. The starts are
 * independent, so a second thread takes them in turn with this one when the machine
 * has another processor: each fit's arithmetic is the same on either thread, and the
 * choice is made afterwards in seed order, so the result does not depend on it
 * (docs/AGENTS.md "The regime").
 */
static int
fit_best(struct hmm *h, const double *X, size_t n, size_t d)
{
	struct hmm t[NSTART];
	int rc[NSTART], s, ok = -1;
	double best = -INFINITY;
	struct starts a = { .X = X, .n = n, .d = d, .t = t, .rc = rc };
	pthread_t th;
	int two;

	atomic_init(&a.next, 0);
	two = sysconf(_SC_NPROCESSORS_ONLN) > 1 &&
	    pthread_create(&th, NULL, run_starts, &a) == 0;
	run_starts(&a);
	if (two)
		pthread_join(th, NULL);
	for (s = 0; s < NSTART; s++) {
		if (rc[s] == 0 && (ok != 0 || t[s].loglik - best > TIE_REL * fabs(best))) {
			best = t[s].loglik;
			hmm_release(h);
			*h = t[s];
			ok = 0;
			continue;
		}
		hmm_release(&t[s]);
	}
	return ok;
}

static json_t *
fit(const double *X, size_t n, size_t d, const char *const *cols)
{
	struct hmm h;
	double *gamma = xmalloc(n * K * sizeof *gamma), ll, p[NNAME] = {0}, g[K], in[K];
	int name_of[K], k, arg, hi = -1, used[NNAME] = {0};
	json_t *out = NULL, *names = json_array(), *means = json_array(), *pj;
	json_t *stress = NULL;

	hmm_init(&h, K, d);
	if (fit_best(&h, X, n, d) != 0 || hmm_posterior(&h, X, n, gamma, &ll) != 0)
		goto out;
	for (k = 0; k < K; k++) {
		g[k] = h.mu[(size_t)k * d];
		in[k] = h.mu[(size_t)k * d + 1];
	}
	/* The stress state: the highest mean VIX_z (column 2 when VIX is there). */
	if (d > 2 && strcmp(cols[2], "VIX_z") == 0)
		for (hi = 0, k = 1; k < K; k++)
			hi = h.mu[(size_t)k * d + 2] > h.mu[(size_t)hi * d + 2] ? k : hi;
	/*
	 * Names from each state's own means, the same rule every day: Stress the
	 * highest mean VIX_z; the others the §3.8 quadrant of their mean (growth_z,
	 * inflation_z), so two states may share a name (their posteriors add).
	 */
	for (k = 0; k < K; k++)
		name_of[k] = k == hi ? STRESS : quadrant(g[k], in[k]);
	for (k = 0; k < K; k++) {
		used[name_of[k]] = 1;
		p[name_of[k]] += gamma[(n - 1) * K + (size_t)k];
		json_array_append_new(means, json_pack("{s:s, s:o, s:o, s:o}", "state",
		    rname[name_of[k]], "growth_z", jnum_round(g[k], 6), "inflation_z",
		    jnum_round(in[k], 6), "probability",
		    jnum_round(gamma[(n - 1) * K + (size_t)k], 6)));
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
