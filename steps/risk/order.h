/*
 * Order statistics without a full sort: the same values, bit for bit, as qsort by
 * value gives at those places (docs/RISK.md "Monte Carlo").
 */
#ifndef RISK_ORDER_H
#define RISK_ORDER_H

#include <stddef.h>

/* Hoare's FIND: x[k] the k-th smallest (from 0), nothing greater before it, nothing
 * less after it. x holds no NaN. */
void select_kth(double *x, size_t n, size_t k);
/*
 * x[0..p-1] the p >= m smallest values of x[0..n-1] (m = 0: all) in ascending order,
 * bit for bit what qsort by value leaves there, and every x[p..n-1] greater than
 * x[p-1] (the ties of the m-th join the prefix); returns p. Returns 0 when x holds a
 * NaN or the prefix a zero: their place in a full sort depends on the input's order
 * (a NaN compares equal to all, -0 to +0), so the caller sorts a copy of the input.
 */
size_t sort_smallest(double *x, size_t n, size_t m);

#endif
