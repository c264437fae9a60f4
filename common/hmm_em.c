/* Gaussian HMM: scaled forward-backward and Baum-Welch (see hmm.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "hmm.h"
#include "xalloc.h"

/* Transition probabilities are floored so that no state becomes unreachable. */
#define A_FLOOR 1e-12

struct fb {
	size_t n, K;
	double *B;	/* n x K emissions scaled by exp(-rowmax) */
	double *alpha;	/* n x K, normalised per row */
	double *beta;	/* n x K, scaled by the same c_t */
	double *c;	/* n scale factors */
	double loglik;
};

static void
fb_alloc(struct fb *f, size_t n, size_t K)
{
	f->n = n;
	f->K = K;
	f->B = xmalloc(n * K * sizeof *f->B);
	f->alpha = xmalloc(n * K * sizeof *f->alpha);
	f->beta = xmalloc(n * K * sizeof *f->beta);
	f->c = xmalloc(n * sizeof *f->c);
}

static void
fb_free(struct fb *f)
{
	free(f->B);
	free(f->alpha);
	free(f->beta);
	free(f->c);
}

/* Emissions, then alpha with the scale factors c_t, then beta; sets loglik. */
static int
fb_run(const struct hmm *h, const double *X, struct fb *f)
{
	size_t n = f->n, K = f->K, t, i, j;
	double mx, s;

	if (hmm_log_emissions(h, X, n, f->B) != 0)
		return -1;
	f->loglik = 0;
	for (t = 0; t < n; t++) {
		double *b = f->B + t * K, *a = f->alpha + t * K;

		for (mx = b[0], j = 1; j < K; j++)
			mx = b[j] > mx ? b[j] : mx;
		for (s = 0, j = 0; j < K; j++) {
			double p = t == 0 ? h->pi[j] : 0;

			b[j] = exp(b[j] - mx);
			for (i = 0; t > 0 && i < K; i++)
				p += f->alpha[(t - 1) * K + i] * h->A[i * K + j];
			a[j] = p * b[j];
			s += a[j];
		}
		if (!(s > 0) || !isfinite(s))
			return error("hmm: vanishing likelihood at row %zu", t);
		for (j = 0; j < K; j++)
			a[j] /= s;
		f->c[t] = s;
		f->loglik += log(s) + mx;
	}
	for (j = 0; j < K; j++)
		f->beta[(n - 1) * K + j] = 1;
	for (t = n - 1; t-- > 0;)
		for (i = 0; i < K; i++) {
			for (s = 0, j = 0; j < K; j++)
				s += h->A[i * K + j] * f->B[(t + 1) * K + j] *
				    f->beta[(t + 1) * K + j];
			f->beta[t * K + i] = s / f->c[t + 1];
		}
	return 0;
}

/* gamma_t = alpha_t * beta_t (already normalised by the scaling). */
static void
fb_gamma(const struct fb *f, double *gamma)
{
	size_t t, j, K = f->K;
	double s;

	for (t = 0; t < f->n; t++) {
		for (s = 0, j = 0; j < K; j++)
			s += gamma[t * K + j] = f->alpha[t * K + j] * f->beta[t * K + j];
		for (j = 0; j < K; j++)
			gamma[t * K + j] /= s;
	}
}

/* M-step for pi and A from the expected transition counts. */
static void
m_step_transitions(struct hmm *h, const struct fb *f, const double *gamma)
{
	size_t K = h->K, t, i, j;
	double *xi = xcalloc(K * K, sizeof *xi), s;

	for (t = 0; t + 1 < f->n; t++)
		for (i = 0; i < K; i++)
			for (j = 0; j < K; j++)
				xi[i * K + j] += f->alpha[t * K + i] * h->A[i * K + j] *
				    f->B[(t + 1) * K + j] * f->beta[(t + 1) * K + j] /
				    f->c[t + 1];
	for (i = 0; i < K; i++) {
		h->pi[i] = gamma[i];
		for (s = 0, j = 0; j < K; j++)
			s += xi[i * K + j] = fmax(xi[i * K + j], A_FLOOR);
		for (j = 0; j < K; j++)
			h->A[i * K + j] = xi[i * K + j] / s;
	}
	free(xi);
}

/* M-step for the means and covariances. */
static void
m_step_gaussians(struct hmm *h, const double *X, size_t n, const double *gamma)
{
	size_t K = h->K, d = h->d, t, k, i, j;

	for (k = 0; k < K; k++) {
		double w = 0, *m = h->mu + k * d, *C = h->cov + k * d * d, g;

		memset(m, 0, d * sizeof *m);
		memset(C, 0, d * d * sizeof *C);
		for (t = 0; t < n; t++) {
			w += g = gamma[t * K + k];
			for (i = 0; i < d; i++)
				m[i] += g * X[t * d + i];
		}
		if (!(w > 0))
			continue;	/* keeps a zero mean; its covariance below */
		for (i = 0; i < d; i++)
			m[i] /= w;
		for (t = 0; t < n; t++)
			for (g = gamma[t * K + k], i = 0; i < d; i++)
				for (j = 0; j <= i; j++)
					C[i * d + j] += g * (X[t * d + i] - m[i]) *
					    (X[t * d + j] - m[j]);
		for (i = 0; i < d; i++)
			for (j = 0; j <= i; j++)
				C[j * d + i] = C[i * d + j] /= w;
	}
	for (k = 0; k < K; k++)
		for (i = 0; i < d; i++)
			h->cov[k * d * d + i * d + i] += h->min_covar;
}

int
hmm_fit(struct hmm *h, const double *X, size_t n, int max_iter, double tol,
    double *ll_trace)
{
	struct fb f;
	double *gamma, prev = -INFINITY;
	int it, rc = 0;

	if (n < 2)
		return error("hmm: %zu rows", n);
	fb_alloc(&f, n, h->K);
	gamma = xmalloc(n * h->K * sizeof *gamma);
	h->converged = 0;
	for (it = 0; it < max_iter; it++) {
		if ((rc = fb_run(h, X, &f)) != 0)
			break;
		if (ll_trace != NULL)
			ll_trace[it] = f.loglik;
		h->loglik = f.loglik;
		h->iterations = it + 1;
		fb_gamma(&f, gamma);
		m_step_transitions(h, &f, gamma);
		m_step_gaussians(h, X, n, gamma);
		if (f.loglik - prev < tol) {
			h->converged = 1;
			break;
		}
		prev = f.loglik;
	}
	free(gamma);
	fb_free(&f);
	return rc;
}

int
hmm_posterior(const struct hmm *h, const double *X, size_t n, double *gamma,
    double *loglik)
{
	struct fb f;
	int rc;

	if (n == 0)
		return error("hmm: no rows");
	fb_alloc(&f, n, h->K);
	if ((rc = fb_run(h, X, &f)) == 0) {
		fb_gamma(&f, gamma);
		if (loglik != NULL)
			*loglik = f.loglik;
	}
	fb_free(&f);
	return rc;
}
