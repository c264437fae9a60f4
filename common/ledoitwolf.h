/*
 * Ledoit-Wolf shrinkage covariance, exactly as scikit-learn's
 * sklearn.covariance.LedoitWolf().fit(X) with assume_centered=False: the columns
 * are centred, the empirical covariance S = X'X/n (divisor n, not n-1) is shrunk
 * towards mu*I with mu = trace(S)/p, and the intensity is sklearn's
 * ledoit_wolf_shrinkage formula (beta = min(beta, delta); 0 when beta is 0).
 */
#ifndef LEDOITWOLF_H
#define LEDOITWOLF_H

#include <stddef.h>

/*
 * X is n x p, row-major (one row per observation), all finite. Writes the p x p
 * shrunk covariance into cov (row-major, symmetric) and the intensity into
 * *shrinkage (may be NULL). Returns 0, or -1 with errno EINVAL when n or p is 0
 * or X holds a non-finite value (cov is then left untouched).
 */
int ledoit_wolf(const double *X, size_t n, size_t p, double *cov, double *shrinkage);

#endif
