/*
 * common/erc.c: risk contributions equal to 1e-8 (relative) on random positive
 * definite covariances of n = 2 ... 500 assets, ill-conditioned ones (condition
 * number 1e8 and 1e10) included, with any BLAS thread count;
 * closed forms by hand; and reported failures instead of garbage.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "erc.h"
#include "tap.h"

/* Sigma = D Q diag(lambda) Q' D, lambda log-spaced from 1 to 1/cond, Q random orthogonal. */
static double *
random_cov(gsl_rng *r, size_t n, double cond)
{
	gsl_matrix *A = gsl_matrix_alloc(n, n), *Q = gsl_matrix_alloc(n, n);
	gsl_matrix *R = gsl_matrix_alloc(n, n), *M = gsl_matrix_alloc(n, n);
	gsl_vector *tau = gsl_vector_alloc(n);
	double *S = malloc(n * n * sizeof *S), *dsc = malloc(n * sizeof *dsc);
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			gsl_matrix_set(A, i, j, gsl_ran_gaussian(r, 1));
	gsl_linalg_QR_decomp(A, tau);
	gsl_linalg_QR_unpack(A, tau, Q, R);
	for (i = 0; i < n; i++) {
		double lam = n > 1 ? pow(cond, -(double)i / (double)(n - 1)) : 1;

		for (j = 0; j < n; j++)
			gsl_matrix_set(M, j, i, gsl_matrix_get(Q, j, i) * lam);
		dsc[i] = 0.001 * exp(3 * gsl_rng_uniform(r));	/* vols 0.1 % to 2 % */
	}
	gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, M, Q, 0.0, A);
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			S[i * n + j] = dsc[i] * dsc[j] * 0.5 *
			    (gsl_matrix_get(A, i, j) + gsl_matrix_get(A, j, i));
	gsl_matrix_free(A);
	gsl_matrix_free(Q);
	gsl_matrix_free(R);
	gsl_matrix_free(M);
	gsl_vector_free(tau);
	free(dsc);
	return S;
}

/*
 * max_i of |n RC_i - 1| less the rounding floor of RC_i in double weights,
 * 4u (|S||w|)_i / |(Sw)_i| (u = 2^-53: a weight rounded to double moves (Sw)_i
 * by up to u (|S||w|)_i), all summed here in long double.
 */
static double
rc_spread(const double *S, size_t n, const double *w)
{
	long double s, a, tot = 0, *sw = malloc(n * sizeof *sw), *fl = malloc(n * sizeof *fl);
	double e = 0;
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (s = 0, a = 0, j = 0; j < n; j++) {
			s += (long double)S[i * n + j] * w[j];
			a += fabsl((long double)S[i * n + j] * w[j]);
		}
		sw[i] = s;
		fl[i] = 4 * 0x1p-53L * a / fabsl(s);
		tot += w[i] * s;
	}
	for (i = 0; i < n; i++)
		e = fmax(e, (double)(fabsl(w[i] * sw[i] / tot * (long double)n - 1) - fl[i]));
	free(sw);
	free(fl);
	return e;
}

static void
test_random(gsl_rng *r, size_t n, double cond, int reps)
{
	char label[96];
	struct erc_info info;
	int k, ok = 1, conv = 1, pos = 1, sum1 = 1, maxit = 0;
	double worst = 0, worst2 = 0;

	for (k = 0; k < reps; k++) {
		double *S = random_cov(r, n, cond), *w = malloc(n * sizeof *w), s = 0;
		size_t i;

		if (erc_solve(S, n, NULL, ERC_TOL, ERC_MAXITER, w, &info) != 0)
			conv = ok = 0;
		else
			worst = fmax(worst, rc_spread(S, n, w));
		if (n == 2) {	/* whatever the correlation, w_i ~ 1/sigma_i */
			double a = 1 / sqrt(S[0]), c = 1 / sqrt(S[3]);

			worst2 = fmax(worst2, fabs(w[0] / (a / (a + c)) - 1));
		}
		maxit = info.iterations > maxit ? info.iterations : maxit;
		for (i = 0; i < n; i++) {
			pos &= w[i] > 0;
			s += w[i];
		}
		sum1 &= fabs(s - 1) < 1e-12;
		free(S);
		free(w);
	}
	snprintf(label, sizeof label, "n=%zu cond=%g: %d solves converge", n, cond, reps);
	check(conv, label);
	snprintf(label, sizeof label,
	    "n=%zu cond=%g: RC equal to 1e-8 (beyond the rounding floor)", n, cond);
	check(worst <= 1e-8, label);
	snprintf(label, sizeof label, "n=%zu cond=%g: weights positive, sum to 1", n, cond);
	check(ok && pos && sum1, label);
	if (n == 2) {
		snprintf(label, sizeof label, "n=2 cond=%g: w1 = (1/s1)/(1/s1+1/s2) to 1e-8", cond);
		check(worst2 <= 1e-8, label);
	}
	printf("# worst RC spread %.3g, at most %d Newton steps\n", worst, maxit);
}

/* Two assets: w_i proportional to 1/sigma_i whatever the correlation. */
static void
test_closed_forms(void)
{
	double S2[4] = { 0.04, -0.018, -0.018, 0.09 }, w[3];
	double S3[9] = { 0.01, 0, 0, 0, 0.04, 0, 0, 0, 0.16 };
	double P[4] = { 1, 1, 1, 1 };	/* perfectly correlated: singular PSD */

	check_int(erc_solve(S2, 2, NULL, ERC_TOL, ERC_MAXITER, w, NULL), 0, "2 assets solve");
	/* 1/0.2 : 1/0.3 = 0.6 : 0.4 */
	check_dbl(w[0], 0.6, 1e-12, "2 assets, rho -0.3: w1 = 0.6 (1/sigma)");
	check_dbl(w[1], 0.4, 1e-12, "2 assets, rho -0.3: w2 = 0.4");
	check_int(erc_solve(S3, 3, NULL, ERC_TOL, ERC_MAXITER, w, NULL), 0, "diagonal solve");
	/* 1/0.1 : 1/0.2 : 1/0.4 = 10 : 5 : 2.5, sum 17.5 */
	check_dbl(w[0], 10 / 17.5, 1e-12, "diagonal: w1 = 10/17.5");
	check_dbl(w[2], 2.5 / 17.5, 1e-12, "diagonal: w3 = 2.5/17.5");
	check_int(erc_solve(P, 2, NULL, ERC_TOL, ERC_MAXITER, w, NULL), 0,
	    "perfectly correlated (singular PSD) solves");
	check_dbl(w[0], 0.5, 1e-12, "perfectly correlated: equal weights");
	{
		/* Budgets 0.2/0.8 on uncorrelated unit variances: w_i ~ sqrt(b_i). */
		double I2[4] = { 1, 0, 0, 1 }, b[2] = { 1, 4 };

		check_int(erc_solve(I2, 2, b, ERC_TOL, ERC_MAXITER, w, NULL), 0, "budgets solve");
		check_dbl(w[0], 1.0 / 3, 1e-9, "budgets 1:4, identity: w1 = 1/3");
	}
}

static void
test_failures(gsl_rng *r)
{
	double w[3], *S = random_cov(r, 3, 1e4);
	double neg[4] = { 1, 2, 2, 1 };			/* eigenvalues 3 and -1 */
	double anti[4] = { 1, -1, -1, 1 };		/* w = (1,1) is riskless */
	double zero[4] = { 0, 0, 0, 1 };
	double asym[4] = { 1, 0.5, 0.1, 1 };
	struct erc_info info;

	errno = 0;
	check_int(erc_solve(S, 3, NULL, 1e-14, 1, w, &info), -1, "iteration cap 1: -1");
	check_int(errno, ERANGE, "iteration cap 1: ERANGE");
	check(isnan(w[0]) && isnan(w[2]), "iteration cap 1: weights are NaN");
	check_int(erc_solve(neg, 2, NULL, ERC_TOL, ERC_MAXITER, w, NULL), -1, "non-PSD: -1");
	check_int(errno, EDOM, "non-PSD: EDOM");
	check(isnan(w[0]), "non-PSD: weights are NaN");
	check_int(erc_solve(anti, 2, NULL, ERC_TOL, ERC_MAXITER, w, NULL), -1,
	    "riskless long combination: -1");
	check_int(erc_solve(zero, 2, NULL, ERC_TOL, ERC_MAXITER, w, NULL), -1, "zero variance: -1");
	check_int(errno, EDOM, "zero variance: EDOM");
	check_int(erc_solve(asym, 2, NULL, ERC_TOL, ERC_MAXITER, w, NULL), -1, "asymmetric: -1");
	S[4] = NAN;
	check_int(erc_solve(S, 3, NULL, ERC_TOL, ERC_MAXITER, w, NULL), -1, "NaN entry: -1");
	check_int(errno, EINVAL, "NaN entry: EINVAL");
	check_int(erc_solve(S, 0, NULL, ERC_TOL, ERC_MAXITER, w, NULL), -1, "n = 0: -1");
	free(S);
}

int
main(void)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);

	gsl_rng_set(r, 20240115);
	test_closed_forms();
	test_random(r, 2, 1e2, 20);
	test_random(r, 11, 1e3, 20);
	test_random(r, 11, 1e8, 20);
	test_random(r, 50, 1e8, 5);
	test_random(r, 200, 1e8, 2);
	test_random(r, 2, 1e10, 20);
	test_random(r, 3, 1e10, 20);
	test_random(r, 5, 1e10, 20);
	test_random(r, 11, 1e10, 20);
	test_random(r, 20, 1e10, 10);
	test_random(r, 50, 1e10, 5);
	test_random(r, 100, 1e10, 3);
	test_random(r, 200, 1e10, 2);
	test_random(r, 500, 1e10, 1);
	test_failures(r);
	gsl_rng_free(r);
	return test_done();
}
