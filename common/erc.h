/*
 * Equal risk contribution (risk parity, or any risk budget) for a covariance
 * matrix: long-only weights w, sum w = 1, whose risk contributions
 * RC_i = w_i (Sigma w)_i / (w' Sigma w) equal the budgets b_i.
 *
 * Method: Newton's method on Spinu's convex formulation
 *     min_y  1/2 y'Cy - sum_i b_i log y_i,   y > 0,
 * where C is the correlation matrix of Sigma (the problem is invariant to each
 * asset's scale, and C is far better conditioned); w_i = (y_i/sigma_i)/sum_j(...).
 * Each step solves (C + diag(b/y^2)) d = Cy - b/y by Cholesky. f / min(b) is
 * self-concordant, so with its Newton decrement lambda the step is 1 when
 * lambda <= 1/4 (quadratic convergence) and otherwise the longest of 1, 1/2, ...
 * that passes Armijo, at least 1/(1+lambda) (always feasible and decreasing):
 * globally convergent whatever the rounding. The gradient and residual are
 * summed in long double from cov itself, so that up to condition 1e10 the
 * contributions meet tol wherever double weights can represent them.
 */
#ifndef ERC_H
#define ERC_H

#include <stddef.h>

struct erc_info {
	int iterations;		/* Newton steps taken */
	double max_rc_error;	/* max_i |RC_i - b_i| / b_i at exit */
};

#define ERC_TOL 1e-9
#define ERC_MAXITER 200

/*
 * cov: n x n row-major, symmetric positive semidefinite with positive diagonal.
 * budget: n positive risk budgets (normalised internally), or NULL for 1/n.
 * Converged when, for every i, |RC_i - b_i|/b_i <= tol + 4u (|S||w|)_i / |(Sw)_i|
 * within maxiter steps (S the covariance, u = 2^-53; the second term is the
 * error that rounding the weights to double brings, which matters only near a
 * riskless combination).
 * Returns 0 with the weights in w, or -1 with every w_i = NAN and errno:
 *   EINVAL  n = 0, a non-finite entry, a non-positive budget or tol <= 0;
 *   EDOM    cov is not symmetric, has a variance <= 0, or is not positive
 *           semidefinite (Cholesky of cov + 1e-10 max(diag) I fails), or has no
 *           risk-budget solution (a riskless long portfolio: the objective is
 *           unbounded);
 *   ERANGE  not converged within maxiter steps.
 * info may be NULL.
 */
int erc_solve(const double *cov, size_t n, const double *budget, double tol,
    int maxiter, double *w, struct erc_info *info);

/* The relative risk contributions RC_i of weights w (n of them) into rc. */
void erc_contributions(const double *cov, size_t n, const double *w, double *rc);

#endif
