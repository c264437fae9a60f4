/* The exact HP filter by a pentadiagonal LDL' solve (see hpfilter.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "hpfilter.h"
#include "xalloc.h"

/*
 * The three non-zero diagonals of A = I + lambda D'D: a (main), b (first upper),
 * c (second upper). Row i of D'D is the convolution of (1,-2,1) with itself,
 * truncated at the ends.
 */
static void
hp_bands(size_t n, double lam, double *a, double *b, double *c)
{
	size_t i;

	for (i = 0; i < n; i++) {
		a[i] = 6;
		b[i] = -4;
		c[i] = 1;
	}
	a[0] = a[n - 1] = 1;
	a[1] = a[n - 2] = 5;
	b[0] = b[n - 2] = -2;
	if (n == 3)
		a[1] = 4;
	for (i = 0; i < n; i++) {
		a[i] = 1 + lam * a[i];
		b[i] *= lam;
		c[i] *= lam;
	}
}

/* In-place LDL' of the symmetric pentadiagonal matrix, then the two solves. */
static void
penta_solve(size_t n, double *d, double *e, double *f, double *x)
{
	size_t i;
	double l1, l2;

	/* Factor: e and f become the unit-lower multipliers, d the pivots. */
	for (i = 0; i < n; i++) {
		if (i >= 1)
			d[i] -= d[i - 1] * e[i - 1] * e[i - 1];
		if (i >= 2)
			d[i] -= d[i - 2] * f[i - 2] * f[i - 2];
		if (i + 1 < n) {
			e[i] = (e[i] - (i >= 1 ? d[i - 1] * e[i - 1] * f[i - 1] : 0))
			    / d[i];
		}
		if (i + 2 < n)
			f[i] /= d[i];
	}
	/* L z = y. */
	for (i = 1; i < n; i++) {
		l1 = e[i - 1];
		l2 = i >= 2 ? f[i - 2] : 0;
		x[i] -= l1 * x[i - 1] + (i >= 2 ? l2 * x[i - 2] : 0);
	}
	for (i = 0; i < n; i++)
		x[i] /= d[i];
	/* L' t = z. */
	for (i = n - 1; i-- > 0;)
		x[i] -= e[i] * x[i + 1] + (i + 2 < n ? f[i] * x[i + 2] : 0);
}

int
hp_filter(const double *y, size_t n, double lambda, double *trend)
{
	double *a, *b, *c;
	size_t i;

	if (!(lambda >= 0))
		return error("hp_filter: invalid lambda %g", lambda);
	for (i = 0; i < n; i++)
		if (!isfinite(y[i]))
			return error("hp_filter: non-finite value at %zu", i);
	if (trend != y)
		memmove(trend, y, n * sizeof *y);
	if (n < 3)
		return 0;
	a = xmalloc(n * sizeof *a);
	b = xmalloc(n * sizeof *b);
	c = xmalloc(n * sizeof *c);
	hp_bands(n, lambda, a, b, c);
	penta_solve(n, a, b, c, trend);
	free(a);
	free(b);
	free(c);
	return 0;
}
