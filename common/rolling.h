/*
 * Sample moments, z-scores and rolling windows over arrays with NAN for missing
 * values (skipped everywhere). Standard deviations are sample ones (n-1), as pandas.
 */
#ifndef ROLLING_H
#define ROLLING_H

#include <stddef.h>

#include "domain.h"	/* mean_std, zscore_of: the one sd and z-score */

/* 1 when every x[i] is finite (no NaN, no infinity), else 0; 1 for n = 0. */
int all_finite(const double *x, size_t n);
/*
 * out[t] = (x[t] - mean) / sd over the window x[t-window+1 .. t] (inclusive);
 * NAN when x[t] is missing, the window holds fewer than minobs finite values or
 * its sd is 0. out must not alias x.
 */
void rolling_zscore(const double *x, size_t n, size_t window, size_t minobs,
    double *out);
/* Rolling mean and sample sd over inclusive windows (NAN below minobs). */
void rolling_mean_std(const double *x, size_t n, size_t window, size_t minobs,
    double *mean, double *sd);
/* Pearson correlation over pairs where both are finite; NAN below 3 pairs or zero variance. */
double correlation(const double *x, const double *y, size_t n);
/* out[t] = correlation over the inclusive window ending at t; NAN below minobs pairs. */
void rolling_corr(const double *x, const double *y, size_t n, size_t window,
    size_t minobs, double *out);

#endif
