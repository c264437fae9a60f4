/* Seeded random returns for the benchmark programs in bench/ (GSL). */
#ifndef BENCH_FACTOR_H
#define BENCH_FACTOR_H

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

/*
 * X (t x n, row-major): 5 common factors plus noise, asset i's vol from 0.1 % to
 * 2 % (0.001 e^(3 i / n)), loadings and draws from r in a fixed order.
 */
static inline void
factor_returns(gsl_rng *r, size_t n, size_t t, double *X)
{
	double *B = malloc(n * 5 * sizeof *B), f[5];
	size_t i, j, k;

	if (B == NULL)
		abort();
	for (i = 0; i < n * 5; i++)
		B[i] = gsl_ran_gaussian(r, 1);
	for (k = 0; k < t; k++) {
		for (j = 0; j < 5; j++)
			f[j] = gsl_ran_gaussian(r, 1);
		for (i = 0; i < n; i++) {
			double v = gsl_ran_gaussian(r, 1), s = 0.001 * exp(3.0 * (double)i / (double)n);

			for (j = 0; j < 5; j++)
				v += B[i * 5 + j] * f[j];
			X[k * n + i] = s * v;
		}
	}
	free(B);
}

#endif
