/* Gaussian HMM: the model, its k-means start (see hmm.h; EM in hmm_em.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "hmm.h"
#include "num_kmeans.h"
#include "xalloc.h"

void
hmm_init(struct hmm *h, size_t K, size_t d)
{
	memset(h, 0, sizeof *h);
	h->K = K;
	h->d = d;
	/* One block: pi, A, mu, cov (hmm_release frees it through pi). */
	h->pi = xcalloc(K + K * K + K * d + K * d * d, sizeof *h->pi);
	h->A = h->pi + K;
	h->mu = h->A + K * K;
	h->cov = h->mu + K * d;
	h->min_covar = 1e-6;
}

void
hmm_release(struct hmm *h)
{
	free(h->pi);
	h->pi = h->A = h->mu = h->cov = NULL;
}

/* Weighted covariance of X around m (weights w, or all 1 when w is NULL). */
static void
wcov(const double *X, size_t n, size_t d, const double *w, size_t stride,
    const double *m, double *C)
{
	size_t t, i, j;
	double ws = 0, wt;

	memset(C, 0, d * d * sizeof *C);
	for (t = 0; t < n; t++) {
		wt = w ? w[t * stride] : 1;
		ws += wt;
		for (i = 0; i < d; i++)
			for (j = 0; j <= i; j++)
				C[i * d + j] += wt * (X[t * d + i] - m[i]) *
				    (X[t * d + j] - m[j]);
	}
	for (i = 0; i < d; i++)
		for (j = 0; j <= i; j++)
			C[j * d + i] = C[i * d + j] = ws > 0 ? C[i * d + j] / ws : 0;
}

int
hmm_init_kmeans(struct hmm *h, const double *X, size_t n, unsigned long seed)
{
	size_t K = h->K, d = h->d, *lab, t, k, j, cnt;
	double *sub, gm[64], *gcov;

	if (d > 64 || n < K * 2)
		return error("hmm: %zu rows too few for %zu states", n, K);
	lab = xmalloc(n * sizeof *lab);
	if (kmeans(X, n, d, K, 50, seed, h->mu, lab) != 0) {
		free(lab);
		return -1;
	}
	for (j = 0; j < d; j++)
		for (gm[j] = 0, t = 0; t < n; t++)
			gm[j] += X[t * d + j] / (double)n;
	gcov = xmalloc(d * d * sizeof *gcov);
	wcov(X, n, d, NULL, 1, gm, gcov);
	sub = xmalloc(n * d * sizeof *sub);
	for (k = 0; k < K; k++) {
		for (cnt = 0, t = 0; t < n; t++)
			if (lab[t] == k)
				memcpy(sub + cnt++ * d, X + t * d, d * sizeof *sub);
		if (cnt < d + 1)
			memcpy(h->cov + k * d * d, gcov, d * d * sizeof *gcov);
		else
			wcov(sub, cnt, d, NULL, 1, h->mu + k * d, h->cov + k * d * d);
		for (j = 0; j < d; j++)
			h->cov[k * d * d + j * d + j] += h->min_covar;
		h->pi[k] = 1.0 / (double)K;
		for (j = 0; j < K; j++)
			h->A[k * K + j] = K == 1 ? 1 : j == k ? 0.9 : 0.1 / (double)(K - 1);
	}
	free(sub);
	free(gcov);
	free(lab);
	return 0;
}
