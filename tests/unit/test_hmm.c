/*
 * common/hmm.c: the forward log-likelihood equals a brute-force sum over all state
 * paths (hand-sized model); Baum-Welch never decreases the log-likelihood; on 3000
 * rows simulated from a known 2-state model (and 600 from a 3-state one) the means
 * and transition matrix are recovered; the fit is deterministic.
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

int
main(void)
{
	brute_force();
	recover2();
	recover3();
	return test_done();
}
