/* Ledoit-Wolf shrinkage covariance, following scikit-learn's LedoitWolf. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_matrix.h>

#include "ledoitwolf.h"
#include "rolling.h"

/*
 * sklearn's ledoit_wolf_shrinkage on centred data Xc (n x p) with empirical
 * covariance S = Xc'Xc/n:
 *   mu     = trace(S)/p
 *   beta_  = sum_ij (X2'X2)_ij = sum_k (sum_i x_ki^2)^2,  X2 = Xc.^2
 *   delta_ = sum_ij S_ij^2
 *   beta   = (beta_/n - delta_)/(p n)
 *   delta  = (delta_ - 2 mu trace(S) + p mu^2)/p
 *   shrinkage = min(beta, delta)/delta, or 0 when beta is 0.
 */
static double
lw_intensity(const double *Xc, size_t n, size_t p, const double *S)
{
	double mu, trace = 0, beta_ = 0, delta_ = 0, beta, delta;
	size_t i, j, k;

	for (i = 0; i < p; i++)
		trace += S[i * p + i];
	mu = trace / (double)p;
	for (k = 0; k < n; k++) {
		double r = 0;

		for (i = 0; i < p; i++)
			r += Xc[k * p + i] * Xc[k * p + i];
		beta_ += r * r;
	}
	for (i = 0; i < p; i++)
		for (j = 0; j < p; j++)
			delta_ += S[i * p + j] * S[i * p + j];
	beta = 1.0 / ((double)p * (double)n) * (beta_ / (double)n - delta_);
	delta = (delta_ - 2.0 * mu * trace + (double)p * mu * mu) / (double)p;
	if (beta > delta)
		beta = delta;
	if (beta == 0 || delta == 0)
		return 0;
	return beta / delta;
}

/* S = Xc'Xc/n through BLAS dsyrk (upper triangle), then mirrored. */
static void
empirical_cov(const double *Xc, size_t n, size_t p, double *S)
{
	gsl_matrix_const_view xv = gsl_matrix_const_view_array(Xc, n, p);
	gsl_matrix_view sv = gsl_matrix_view_array(S, p, p);
	size_t i, j;

	gsl_matrix_set_zero(&sv.matrix);
	gsl_blas_dsyrk(CblasUpper, CblasTrans, 1.0 / (double)n, &xv.matrix, 0.0,
	    &sv.matrix);
	for (i = 0; i < p; i++)
		for (j = 0; j < i; j++)
			S[i * p + j] = S[j * p + i];
}

int
ledoit_wolf(const double *X, size_t n, size_t p, double *cov, double *shrinkage)
{
	double *Xc, *mean, s, mu = 0;
	size_t i, k;

	if (n == 0 || p == 0 || !all_finite(X, n * p)) {
		errno = EINVAL;
		return -1;
	}
	if ((Xc = malloc(n * p * sizeof *Xc)) == NULL)
		return -1;
	if ((mean = calloc(p, sizeof *mean)) == NULL) {
		free(Xc);
		return -1;
	}
	for (k = 0; k < n; k++)
		for (i = 0; i < p; i++)
			mean[i] += X[k * p + i];
	for (i = 0; i < p; i++)
		mean[i] /= (double)n;
	for (k = 0; k < n; k++)
		for (i = 0; i < p; i++)
			Xc[k * p + i] = X[k * p + i] - mean[i];
	empirical_cov(Xc, n, p, cov);
	/* sklearn: a single feature is never shrunk. */
	s = p == 1 ? 0 : lw_intensity(Xc, n, p, cov);
	for (i = 0; i < p; i++)
		mu += cov[i * p + i];
	mu /= (double)p;
	for (k = 0; k < p * p; k++)
		cov[k] *= 1.0 - s;
	for (i = 0; i < p; i++)
		cov[i * p + i] += s * mu;
	if (shrinkage != NULL)
		*shrinkage = s;
	free(mean);
	free(Xc);
	return 0;
}
