/*
 * The linear Gaussian Kalman filter with a diagonal observation noise:
 *   x_t = F x_{t-1} + w_t,  w ~ N(0, Q)
 *   y_t = H x_t + v_t,      v ~ N(0, diag(R))
 * Observations are applied one at a time (exact for a diagonal R); a NAN observation
 * is skipped, so a step with none is a pure prediction. Used by the monetary agent's
 * neutral-rate model (docs/MODELS.md §3.4).
 */
#ifndef KALMAN_H
#define KALMAN_H

#include <stddef.h>

#define KALMAN_MAXDIM 4

struct kalman {
	size_t m, p;				/* state and observation dimensions */
	double F[KALMAN_MAXDIM * KALMAN_MAXDIM];	/* m x m, row-major */
	double Q[KALMAN_MAXDIM * KALMAN_MAXDIM];	/* m x m */
	double H[KALMAN_MAXDIM * KALMAN_MAXDIM];	/* p x m */
	double R[KALMAN_MAXDIM];		/* p observation variances */
	double x0[KALMAN_MAXDIM];		/* prior mean, before the first step */
	double P0[KALMAN_MAXDIM * KALMAN_MAXDIM];	/* prior covariance */
};

/*
 * Filter y (n x p, row-major) and write the filtered means x_{t|t} to xf (n x m) and,
 * when Pf is not NULL, the covariances P_{t|t} to Pf (n x m x m). Returns 0, or -1
 * with error() on a bad dimension or a non-positive innovation variance.
 */
int kalman_filter(const struct kalman *k, const double *y, size_t n, double *xf,
    double *Pf);

#endif
