/*
 * Student-t marginals: maximum-likelihood fit of (df, loc, scale), the
 * counterpart of scipy.stats.t.fit, and the log-likelihood it maximises.
 */
#ifndef TFIT_H
#define TFIT_H

#include <stddef.h>

#define TFIT_DF_MIN 0.1
#define TFIT_DF_MAX 1e6		/* the reference's "normal" df */
#define TFIT_SCALE_MIN 1e-12	/* docs/RELIABILITY.md R47 */

struct tfit {
	double df, loc, scale;
	double loglik;
	int iterations;
};

/* Sum of the t(df, loc, scale) log-densities of x[0..n-1]. */
double t_loglik(const double *x, size_t n, double df, double loc, double scale);

/*
 * Newton's method with a line search on (loc, log scale, log df), started from
 * the median, the MAD and the kurtosis; df is kept in [TFIT_DF_MIN, TFIT_DF_MAX].
 * Returns 0, or -1 when n < 2, the data are constant or a value is not finite
 * (the caller then uses a normal).
 */
int tfit_mle(const double *x, size_t n, struct tfit *f);

#endif
