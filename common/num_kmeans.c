/* k-means++ and Lloyd's algorithm (see num_kmeans.h). */
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "die.h"
#include "num_kmeans.h"
#include "xalloc.h"

static double
dist2(const double *a, const double *b, size_t d)
{
	double s = 0;
	size_t j;

	for (j = 0; j < d; j++)
		s += (a[j] - b[j]) * (a[j] - b[j]);
	return s;
}

/* k-means++: each next centre drawn with probability proportional to D^2. */
static void
seed_centres(const double *X, size_t n, size_t d, size_t K, gsl_rng *r,
    double *c)
{
	double *D = xmalloc(n * sizeof *D), tot, u;
	size_t i, k, pick;

	pick = gsl_rng_uniform_int(r, n);
	memcpy(c, X + pick * d, d * sizeof *c);
	for (i = 0; i < n; i++)
		D[i] = dist2(X + i * d, c, d);
	for (k = 1; k < K; k++) {
		for (tot = 0, i = 0; i < n; i++)
			tot += D[i];
		u = gsl_rng_uniform(r) * tot;
		for (pick = 0; pick + 1 < n && u >= D[pick]; pick++)
			u -= D[pick];
		memcpy(c + k * d, X + pick * d, d * sizeof *c);
		for (i = 0; i < n; i++) {
			double e = dist2(X + i * d, c + k * d, d);

			if (e < D[i])
				D[i] = e;
		}
	}
	free(D);
}

/* Assign each row to its nearest centre; returns how many labels changed. */
static size_t
assign(const double *X, size_t n, size_t d, size_t K, const double *c,
    size_t *lab)
{
	size_t i, k, best, changed = 0;
	double bd, e;

	for (i = 0; i < n; i++) {
		for (best = 0, bd = DBL_MAX, k = 0; k < K; k++)
			if ((e = dist2(X + i * d, c + k * d, d)) < bd) {
				bd = e;
				best = k;
			}
		changed += lab[i] != best;
		lab[i] = best;
	}
	return changed;
}

/* Move each centre to its cluster mean; an empty cluster keeps its centre. */
static void
update_centres(const double *X, size_t n, size_t d, size_t K, const size_t *lab,
    double *c)
{
	size_t *cnt = xcalloc(K, sizeof *cnt), i, j, k;
	double *s = xcalloc(K * d, sizeof *s);

	for (i = 0; i < n; i++) {
		cnt[lab[i]]++;
		for (j = 0; j < d; j++)
			s[lab[i] * d + j] += X[i * d + j];
	}
	for (k = 0; k < K; k++)
		if (cnt[k] > 0)
			for (j = 0; j < d; j++)
				c[k * d + j] = s[k * d + j] / (double)cnt[k];
	free(cnt);
	free(s);
}

int
kmeans(const double *X, size_t n, size_t d, size_t K, int iters,
    unsigned long seed, double *c, size_t *lab)
{
	gsl_rng *r;
	size_t i;
	int it;

	if (K == 0 || n < K)
		return error("kmeans: %zu rows for %zu clusters", n, K);
	r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, seed);
	seed_centres(X, n, d, K, r, c);
	gsl_rng_free(r);
	for (i = 0; i < n; i++)
		lab[i] = K;
	for (it = 0; it < iters; it++) {
		if (assign(X, n, d, K, c, lab) == 0)
			break;
		update_centres(X, n, d, K, lab, c);
	}
	return 0;
}
