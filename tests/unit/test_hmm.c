/*
 * common/hmm.c: the forward log-likelihood equals a brute-force sum over all state
 * paths (hand-sized model); Baum-Welch never decreases the log-likelihood; on 3000
 * rows simulated from a known 2-state model (and 600 from a 3-state one) the means
 * and transition matrix are recovered; the fit is deterministic; one Baum-Welch
 * step on 7 two-dimensional rows (rows in blocks with padding, docs/AGENTS.md
 * "The HMM's arithmetic") equals the M-step of the posteriors summed over all
 * 128 state paths by hand.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "hmm.h"
#include "tap.h"

/* Simulate n rows of a K-state, 2-d model with diagonal unit-ish noise. */
static void
simulate(size_t n, size_t K, const double *A, const double *mu, double sd,
    unsigned long seed, double *X, size_t *st)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	size_t t, s = 0, j;
	double u;

	gsl_rng_set(r, seed);
	for (t = 0; t < n; t++) {
		if (t > 0) {
			u = gsl_rng_uniform(r);
			for (j = 0; j + 1 < K && u >= A[s * K + j]; j++)
				u -= A[s * K + j];
			s = j;
		}
		st[t] = s;
		X[2 * t] = mu[2 * s] + sd * gsl_ran_gaussian(r, 1);
		X[2 * t + 1] = mu[2 * s + 1] + sd * gsl_ran_gaussian(r, 1);
	}
	gsl_rng_free(r);
}

static double
norm_logpdf(double x, double m, double v)
{
	return -0.5 * (log(2 * 3.14159265358979323846 * v) + (x - m) * (x - m) / v);
}

/* K = 2, d = 1, n = 4: sum over the 16 paths by hand. */
static void
brute_force(void)
{
	struct hmm h;
	double X[4] = {0.1, 1.9, 2.2, -0.4}, gamma[8], ll, tot = 0;
	int path, t;

	hmm_init(&h, 2, 1);
	h.pi[0] = 0.6, h.pi[1] = 0.4;
	h.A[0] = 0.7, h.A[1] = 0.3, h.A[2] = 0.2, h.A[3] = 0.8;
	h.mu[0] = 0, h.mu[1] = 2;
	h.cov[0] = 1, h.cov[1] = 0.5;
	for (path = 0; path < 16; path++) {
		double p = 0;
		int prev = -1;

		for (t = 0; t < 4; t++) {
			int s = (path >> t) & 1;

			p += log(prev < 0 ? h.pi[s] : h.A[prev * 2 + s]) +
			    norm_logpdf(X[t], h.mu[s], h.cov[s]);
			prev = s;
		}
		tot += exp(p);
	}
	check_int(hmm_posterior(&h, X, 4, gamma, &ll), 0, "posterior returns 0");
	check_dbl(ll, log(tot), 1e-12, "log-likelihood = brute-force path sum");
	check_dbl(gamma[0] + gamma[1], 1, 1e-12, "posterior row sums to 1");
	check(gamma[2 * 1 + 1] > 0.5, "x=1.9 is more likely state 1");
	hmm_release(&h);
}

static void
recover2(void)
{
	enum { N = 3000 };
	double A[4] = {0.95, 0.05, 0.10, 0.90}, mu[4] = {-1, 0.5, 1.5, -1};
	double *X = malloc(2 * N * sizeof *X), trace[100], dec = 0;
	size_t *st = malloc(N * sizeof *st), lo;
	struct hmm h;
	int i;

	simulate(N, 2, A, mu, 0.6, 42, X, st);
	hmm_init(&h, 2, 2);
	check_int(hmm_init_kmeans(&h, X, N, 42), 0, "2-state: k-means init");
	check_int(hmm_fit(&h, X, N, 100, 1e-8, trace), 0, "2-state: fit returns 0");
	for (i = 1; i < h.iterations; i++)
		dec = fmax(dec, trace[i - 1] - trace[i]);
	check_dbl(dec, 0, 1e-9, "2-state: log-likelihood never decreases");
	check(h.converged, "2-state: converged");
	lo = h.mu[0] < h.mu[2] ? 0 : 1;
	check_dbl(h.mu[lo * 2], -1, 0.05, "2-state: mean 0 x");
	check_dbl(h.mu[lo * 2 + 1], 0.5, 0.05, "2-state: mean 0 y");
	check_dbl(h.mu[(1 - lo) * 2], 1.5, 0.05, "2-state: mean 1 x");
	check_dbl(h.A[lo * 2 + lo], 0.95, 0.02, "2-state: A[0][0]");
	check_dbl(h.A[(1 - lo) * 2 + (1 - lo)], 0.90, 0.02, "2-state: A[1][1]");
	check_dbl(h.cov[lo * 4], 0.36, 0.04, "2-state: variance");
	hmm_release(&h);
	free(X);
	free(st);
}

static void
recover3(void)
{
	enum { N = 600 };
	double A[9] = {0.9, 0.05, 0.05, 0.05, 0.9, 0.05, 0.05, 0.05, 0.9};
	double mu[6] = {0, 0, 3, 0, 0, 3}, *X = malloc(2 * N * sizeof *X);
	double trace[100], m1[6], ll1, dec = 0;
	size_t *st = malloc(N * sizeof *st), k, hit = 0;
	struct hmm h;
	int i;

	simulate(N, 3, A, mu, 0.5, 7, X, st);
	hmm_init(&h, 3, 2);
	hmm_init_kmeans(&h, X, N, 42);
	check_int(hmm_fit(&h, X, N, 100, 1e-6, trace), 0, "3-state: fit returns 0");
	for (i = 1; i < h.iterations; i++)
		dec = fmax(dec, trace[i - 1] - trace[i]);
	check_dbl(dec, 0, 1e-9, "3-state: log-likelihood never decreases");
	for (k = 0; k < 3; k++) {
		size_t j;

		for (j = 0; j < 3; j++)
			if (fabs(h.mu[2 * k] - mu[2 * j]) < 0.15 &&
			    fabs(h.mu[2 * k + 1] - mu[2 * j + 1]) < 0.15 &&
			    fabs(h.A[k * 3 + k] - 0.9) < 0.05)
				hit++;
	}
	check_int(hit, 3, "3-state: each true mean and persistence recovered");
	memcpy(m1, h.mu, sizeof m1);
	ll1 = h.loglik;
	hmm_release(&h);
	hmm_init(&h, 3, 2);
	hmm_init_kmeans(&h, X, N, 42);
	hmm_fit(&h, X, N, 100, 1e-6, NULL);
	check(memcmp(m1, h.mu, sizeof m1) == 0 && ll1 == h.loglik,
	    "3-state: refit is bit-identical");
	check_int(hmm_init_kmeans(&h, X, 4, 42), -1, "too few rows refused");
	hmm_release(&h);
	free(X);
	free(st);
}

/* log N(x; m, C) of a 2-d point, C = [a b; b c], by the 2 x 2 inverse. */
static double
logpdf2(const double *x, const double *m, const double *C)
{
	double det = C[0] * C[3] - C[1] * C[1], u = x[0] - m[0], v = x[1] - m[1];

	return -0.5 * (2 * log(2 * 3.14159265358979323846) + log(det) +
	    (C[3] * u * u - 2 * C[1] * u * v + C[0] * v * v) / det);
}

/*
 * K = 2, d = 2, n = 7: the posteriors gamma and xi as sums over the 128 paths,
 * then the Baum-Welch updates by their textbook formulas, against hmm_fit's
 * first iteration (and its log-likelihood and hmm_log_emissions).
 */
static void
one_step(void)
{
	enum { N = 7 };
	static const double X[2 * N] = {0.3, -1.2, 1.1, 0.4, -0.7, 2.0, 2.2, 1.5,
	    0.1, 0.0, -1.8, -0.9, 1.4, 0.8};
	double lb[N * 2], p, tot = 0, g[N][2] = {{0}}, xi[2][2] = {{0}}, w, m[2], C[4];
	double ll, pi0, lw[2];
	struct hmm h;
	int path, t, k, i, j, s[N];

	hmm_init(&h, 2, 2);
	h.pi[0] = 0.55, h.pi[1] = 0.45;
	h.A[0] = 0.8, h.A[1] = 0.2, h.A[2] = 0.35, h.A[3] = 0.65;
	h.mu[0] = 0, h.mu[1] = 0, h.mu[2] = 1.5, h.mu[3] = 1;
	h.cov[0] = 1.2, h.cov[1] = h.cov[2] = -0.3, h.cov[3] = 0.9;
	h.cov[4] = 0.6, h.cov[5] = h.cov[6] = 0.25, h.cov[7] = 0.8;
	h.min_covar = 0;
	check_int(hmm_log_emissions(&h, X, N, lb), 0, "one step: emissions");
	for (w = 0, t = 0; t < N; t++)
		for (k = 0; k < 2; k++)
			w = fmax(w, fabs(lb[t * 2 + k] -
			    logpdf2(X + 2 * t, h.mu + 2 * k, h.cov + 4 * k)));
	check_dbl(w, 0, 1e-13, "one step: 7 rows' log densities = the 2 x 2 formula");
	for (path = 0; path < 1 << N; path++) {
		for (t = 0; t < N; t++)
			s[t] = (path >> t) & 1;
		for (p = 1, t = 0; t < N; t++)
			p *= (t == 0 ? h.pi[s[0]] : h.A[s[t - 1] * 2 + s[t]]) *
			    exp(logpdf2(X + 2 * t, h.mu + 2 * s[t], h.cov + 4 * s[t]));
		tot += p;
		for (t = 0; t < N; t++) {
			g[t][s[t]] += p;
			if (t + 1 < N)
				xi[s[t]][s[t + 1]] += p;
		}
	}
	check_int(hmm_fit(&h, X, N, 1, 1e-9, &ll), 0, "one step: fit returns 0");
	check_dbl(ll, log(tot), 1e-12, "one step: log-likelihood = path sum");
	pi0 = g[0][0] / tot;
	check_dbl(h.pi[0], pi0, 1e-12, "one step: pi = gamma_0");
	for (i = 0; i < 2; i++) {
		lw[i] = xi[i][0] + xi[i][1];
		for (j = 0; j < 2; j++)
			check_dbl(h.A[i * 2 + j], xi[i][j] / lw[i], 1e-12,
			    "one step: A(i,j) = xi(i,j) / sum_j xi(i,j)");
	}
	for (k = 0; k < 2; k++) {
		for (w = 0, m[0] = m[1] = 0, t = 0; t < N; t++) {
			w += g[t][k];
			m[0] += g[t][k] * X[2 * t];
			m[1] += g[t][k] * X[2 * t + 1];
		}
		m[0] /= w, m[1] /= w;
		for (C[0] = C[1] = C[3] = 0, t = 0; t < N; t++) {
			C[0] += g[t][k] * (X[2 * t] - m[0]) * (X[2 * t] - m[0]);
			C[1] += g[t][k] * (X[2 * t] - m[0]) * (X[2 * t + 1] - m[1]);
			C[3] += g[t][k] * (X[2 * t + 1] - m[1]) * (X[2 * t + 1] - m[1]);
		}
		check_dbl(h.mu[2 * k], m[0], 1e-12, "one step: weighted mean x");
		check_dbl(h.mu[2 * k + 1], m[1], 1e-12, "one step: weighted mean y");
		check_dbl(h.cov[4 * k], C[0] / w, 1e-12, "one step: weighted variance x");
		check_dbl(h.cov[4 * k + 1], C[1] / w, 1e-12, "one step: weighted covariance");
		check_dbl(h.cov[4 * k + 2], C[1] / w, 1e-12, "one step: covariance symmetric");
		check_dbl(h.cov[4 * k + 3], C[3] / w, 1e-12, "one step: weighted variance y");
	}
	hmm_release(&h);
}

int
main(void)
{
	brute_force();
	one_step();
	recover2();
	recover3();
	return test_done();
}
