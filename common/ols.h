/*
 * Ordinary least squares by singular value decomposition (GSL, one-sided Jacobi):
 * coefficients, classical standard errors, R^2 and adjusted R^2. A design whose
 * numerical rank is below its column count is reported, not solved.
 */
#ifndef OLS_H
#define OLS_H

#include <stddef.h>

struct ols {
	size_t n, k;		/* observations, regressors (constant included by caller) */
	size_t rank;		/* numerical rank of X */
	double *beta;		/* k coefficients */
	double *se;		/* k standard errors, sqrt(diag(sigma2 (X'X)^-1)) */
	double sigma2;		/* residual variance RSS/(n-k) */
	double rss, tss;	/* residual and centred total sums of squares */
	double r2, adj_r2;	/* 1 - RSS/TSS (centred) and its adjusted form */
};

/*
 * Fit y (n) on X (n x k, row-major). Returns 0, or -1 with error() when n <= k,
 * an input is not finite, or X is rank-deficient (o->rank says how far); on -1
 * nothing needs releasing.
 */
int ols_fit(struct ols *o, const double *X, const double *y, size_t n, size_t k);
/* x (k) . beta. */
double ols_predict(const struct ols *o, const double *x);
void ols_release(struct ols *o);

#endif
