/*
 * The exact Hodrick-Prescott filter: the trend tau solves (I + lambda D'D) tau = y,
 * D the (n-2) x n second-difference matrix, by a banded (pentadiagonal) Cholesky
 * factorisation in O(n). Monthly data: lambda 14400 (or 1600 where the model says).
 */
#ifndef HPFILTER_H
#define HPFILTER_H

#include <stddef.h>

/*
 * trend (n) from y (n, all finite). n < 3 gives trend = y. Returns 0, or -1 with
 * error() on a non-finite input or a negative lambda. trend may alias y.
 */
int hp_filter(const double *y, size_t n, double lambda, double *trend);

#endif
