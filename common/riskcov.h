/*
 * The covariance fit for risk (docs/RISK.md, "Covariance"): exponentially
 * weighted means and volatilities, Ledoit-Wolf shrinkage of the *correlation*
 * matrix of the standardised returns toward the identity, then cov = D R D with
 * each instrument's own volatility. Instruments whose vols differ 10-20x keep
 * their own vols and their correlations, unlike shrinkage of raw returns.
 */
#ifndef RISKCOV_H
#define RISKCOV_H

#include <stddef.h>

/*
 * Half-lives in days (docs/RISK.md, "Covariance"): allocation's default, and
 * RiskMetrics' lambda = 0.94 (not a default: too few effective observations for
 * ten instruments). Risk's default is equal weights over its window (0).
 */
#define RISKCOV_HALF_LIFE_ALLOC		90.0
#define RISKCOV_HALF_LIFE_RISKMETRICS	11.2

struct riskcov_opt {
	double half_life;	/* days; <= 0: equal weights */
	int shrink;		/* 1: Ledoit-Wolf intensity on standardised data */
};

struct riskcov_info {
	size_t observations;	/* t */
	double shrinkage;	/* 0..1 */
	double effective;	/* effective observations 1 / sum a_i^2 */
};

/*
 * X is t x k, row-major (row i is day i, oldest first), all finite. Writes the
 * k x k covariance into cov (row-major, symmetric) and, when info is not NULL,
 * the counts and the intensity. o NULL means equal weights with shrinkage.
 * A constant column gets zero variance and zero covariance and takes no part in
 * the shrinkage. Returns 0, or -1 with errno EINVAL when t < 2, k = 0 or X holds
 * a non-finite value (cov and info are then untouched), ENOMEM when out of memory.
 */
int riskcov_estimate(const double *X, size_t t, size_t k, const struct riskcov_opt *o,
    double *cov, struct riskcov_info *info);

/* The normalised weights a_i (sum 1) of riskcov_estimate for t days, into a. */
void riskcov_weights(size_t t, double half_life, double *a);

#endif
