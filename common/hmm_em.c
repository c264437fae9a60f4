/*
 * Gaussian HMM: emissions, scaled forward-backward and Baum-Welch (see hmm.h).
 * The arithmetic is arranged for speed (docs/AGENTS.md "The HMM's arithmetic"):
 * each state's inverse Cholesky factor once per iteration (no division per row),
 * emissions for blocks of LANES rows inside the forward pass, one exp per state
 * and row (none for the row's maximum), the log-likelihood from the scale factors'
 * product (kept in range by exact powers of two, one log per pass), the backward
 * pass yielding the posteriors as it goes, and the sums of the expected
 * transitions and of the M-step taken GROUP blocks at a time. Sums therefore run
 * in another order than a plain loop; the results agree to the last digits.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "hmm.h"
#include "xalloc.h"

/* log(2 pi). */
#define LOG_2PI 1.8378770664093454836
/* log(2). */
#define LN2 0.69314718055994530942
/* Transition probabilities are floored so that no state becomes unreachable. */
#define A_FLOOR 1e-12
/* The scale factors' running product stays within [2^-500, 2^500]. */
#define PROD_LO 0x1p-500
#define PROD_HI 0x1p500
#define PROD_EXP 500
/*
 * Rows are processed in blocks of LANES: the data of a block dimension by
 * dimension (xt[i * LANES + l] = X[(t + l) * d + i]), so that the loops over a
 * block's rows have a fixed count and the compiler turns them into vector code.
 */
#define LANES 2
/* The M-step's sums take GROUP blocks at a time (one store for GROUP rows). */
#define GROUP 4
_Static_assert(GROUP == 4, "the GROUP sums are written out for 4 blocks");
/* LANES doubles: a GNU C vector (GCC, Clang), loaded without alignment. */
typedef double vd __attribute__((vector_size(LANES * sizeof(double)),
    aligned(sizeof(double))));

/* The Gaussian emissions of one iteration: per state, N(mu_k, cov_k). */
struct emis {
	size_t K, d, np;	/* np = d (d + 1) / 2 */
	double *Li;	/* K x np: inverse Cholesky factors, lower, packed by row */
	double *cst;	/* K: d log(2 pi) + log det cov_k */
};

/*
 * X in blocks (see LANES): nb blocks, a multiple of GROUP, the rows past n
 * repeating row n - 1.
 */
struct xblocks {
	size_t n, d, nb;
	double *xt;	/* nb x d x LANES */
};

struct fb {
	size_t n, K;
	struct emis e;
	struct xblocks xb;
	double *acc;	/* scratch of the M-step: (d + d (d + 1) / 2) x LANES; the
			   start of the block holding the arrays below */
	double *B;	/* n x K emission densities scaled by exp(-rowmax) */
	double *alpha;	/* n x K, normalised per row */
	double *ic;	/* n: 1 / c_t, the scale factors' inverses */
	double *W;	/* n x K: W_t(j) = B_t(j) beta_t(j) / c_t (row 0 unused) */
	double *xi;	/* K x K: sum over t of alpha_t(i) W_t+1(j) */
	double *beta;	/* K: beta of the row being computed */
	double *u;	/* K: the previous row's alpha before its division by c */
	double *q;	/* K: this row's */
	double loglik;
};

static void
emis_alloc(struct emis *e, size_t K, size_t d)
{
	e->K = K;
	e->d = d;
	e->np = d * (d + 1) / 2;
	e->Li = xmalloc(K * (e->np + 1) * sizeof *e->Li);
	e->cst = e->Li + K * e->np;	/* one block, freed with Li */
}

static void
emis_free(struct emis *e)
{
	free(e->Li);
}

/*
 * Cholesky factor L (lower, row-major) of the d x d matrix C; -1 when C is not
 * positive definite. Hand-written: for d <= 64 this beats a BLAS call, and keeps
 * a threaded BLAS from spinning up its workers for 6 x 6 matrices.
 */
static int
cholesky(const double *C, size_t d, double *L)
{
	size_t i, j, k;
	double s;

	for (i = 0; i < d; i++)
		for (j = 0; j <= i; j++) {
			for (s = C[i * d + j], k = 0; k < j; k++)
				s -= L[i * d + k] * L[j * d + k];
			if (i == j) {
				if (!(s > 0))
					return -1;
				L[i * d + i] = sqrt(s);
			} else {
				L[i * d + j] = s / L[j * d + j];
			}
		}
	return 0;
}

/* Li = L^-1 (lower triangular, packed by row) by forward substitution. */
static void
tri_inverse(const double *L, size_t d, double *Li)
{
	size_t i, j, k;
	double s;

	for (i = 0; i < d; i++) {
		double *row = Li + i * (i + 1) / 2;

		for (j = 0; j < i; j++) {
			for (s = 0, k = j; k < i; k++)
				s -= L[i * d + k] * Li[k * (k + 1) / 2 + j];
			row[j] = s / L[i * d + i];
		}
		row[i] = 1 / L[i * d + i];
	}
}

/* Factor every state's covariance; 0, or -1 with error() naming the state. */
static int
emis_prepare(struct emis *e, const struct hmm *h)
{
	size_t d = e->d, k, i;
	double L[64 * 64], logdet;

	for (k = 0; k < e->K; k++) {
		if (cholesky(h->cov + k * d * d, d, L) != 0)
			return error("hmm: covariance of state %zu is not positive definite",
			    k);
		tri_inverse(L, d, e->Li + k * e->np);
		for (logdet = 0, i = 0; i < d; i++)
			logdet += 2 * log(L[i * d + i]);
		e->cst[k] = (double)d * LOG_2PI + logdet;
	}
	return 0;
}

static void
xblocks_make(struct xblocks *b, const double *X, size_t n, size_t d)
{
	size_t t, i, l;

	b->n = n;
	b->d = d;
	b->nb = (n + LANES * GROUP - 1) / (LANES * GROUP) * GROUP;
	b->xt = xmalloc(b->nb * d * LANES * sizeof *b->xt);
	for (t = 0; t < b->nb * LANES; t += LANES)
		for (i = 0; i < d; i++)
			for (l = 0; l < LANES; l++)
				b->xt[t * d + i * LANES + l] =
				    X[(t + l < n ? t + l : n - 1) * d + i];
}

/*
 * Log densities of the rows of block xt under state k into lb (LANES):
 * -(cst + |Li (x - mu)|^2) / 2.
 */
static void
emis_block(const struct emis *e, const double *mu, size_t k, const double *xt,
    double *lb)
{
	size_t d = e->d, i, j, l;
	const double *m = mu + k * d, *Li = e->Li + k * e->np;
	const vd *x = (const vd *)xt;
	vd r[64], z, maha = {0};

	for (i = 0; i < d; i++)
		r[i] = x[i] - m[i];
	for (i = 0; i < d; i++, Li += i) {	/* z_i = (Li r)_i */
		for (z = Li[0] * r[0], j = 1; j <= i; j++)
			z += Li[j] * r[j];
		maha += z * z;
	}
	for (l = 0; l < LANES; l++)
		lb[l] = -0.5 * (e->cst[k] + maha[l]);
}

/* The log densities of the rows t.. of block xt into logb (n x K, rows < n). */
static void
emis_rows(const struct emis *e, const double *mu, const double *xt, size_t t,
    size_t n, double *logb)
{
	size_t K = e->K, k, l;
	double lb[LANES];

	for (k = 0; k < K; k++) {
		emis_block(e, mu, k, xt, lb);
		for (l = 0; l < LANES && t + l < n; l++)
			logb[(t + l) * K + k] = lb[l];
	}
}

int
hmm_log_emissions(const struct hmm *h, const double *X, size_t n, double *logb)
{
	struct emis e;
	struct xblocks b;
	size_t t;
	int rc;

	if (n == 0)
		return 0;
	emis_alloc(&e, h->K, h->d);
	xblocks_make(&b, X, n, h->d);
	if ((rc = emis_prepare(&e, h)) == 0)
		for (t = 0; t < n; t += LANES)
			emis_rows(&e, h->mu, b.xt + t * h->d, t, n, logb);
	free(b.xt);
	emis_free(&e);
	return rc;
}

/* The next n doubles of the block at *p. */
static double *
carve(double **p, size_t n)
{
	double *r = *p;

	*p += n;
	return r;
}

/* The work arrays of a fit, in one block (f->acc is its start). */
static void
fb_alloc(struct fb *f, const double *X, size_t n, size_t K, size_t d)
{
	size_t nacc = (d + d * (d + 1) / 2) * LANES;
	double *p = xmalloc((nacc + 3 * n * K + n + K * K + 3 * K) * sizeof *p);

	f->n = n;
	f->K = K;
	emis_alloc(&f->e, K, d);
	xblocks_make(&f->xb, X, n, d);
	f->acc = carve(&p, nacc);
	f->B = carve(&p, n * K);
	f->alpha = carve(&p, n * K);
	f->W = carve(&p, n * K);
	f->ic = carve(&p, n);
	f->xi = carve(&p, K * K);
	f->beta = carve(&p, K);
	f->u = carve(&p, K);
	f->q = carve(&p, K);
}

static void
fb_free(struct fb *f)
{
	emis_free(&f->e);
	free(f->xb.xt);
	free(f->acc);
}

/*
 * Row t's scaled emissions b (log densities on entry), then alpha_t; returns c_t.
 * The recursion runs on u, alpha before its division by c (alpha_t-1 A is
 * (u A) / c_t-1), which keeps the division off the chain from row to row.
 */
static double
fb_row(const struct hmm *h, struct fb *f, size_t t, double *mx)
{
	size_t K = f->K, i, j;
	double *b = f->B + t * K, *a = f->alpha + t * K, *u = f->u, *q = f->q, s = 0, p;
	double ic = t > 0 ? f->ic[t - 1] : 1;

	for (*mx = b[0], j = 1; j < K; j++)
		*mx = b[j] > *mx ? b[j] : *mx;
	for (j = 0; j < K; j++) {
		b[j] = b[j] == *mx ? 1 : exp(b[j] - *mx);
		if (t == 0)
			p = h->pi[j];
		else
			for (p = 0, i = 0; i < K; i++)
				p += u[i] * h->A[i * K + j];
		q[j] = p * ic * b[j];
	}
	for (j = 0; j < K; j++)
		s += u[j] = q[j];
	for (f->ic[t] = p = 1 / s, j = 0; s > 0 && j < K; j++)
		a[j] = u[j] * p;
	return s;
}

/* Emissions and the forward pass with the scale factors c_t; sets loglik. */
static int
fb_forward(const struct hmm *h, struct fb *f)
{
	size_t t, n = f->n;
	double s, mx, sum_mx = 0, prod = 1;
	int e2 = 0;

	if (emis_prepare(&f->e, h) != 0)
		return -1;
	for (t = 0; t < n; t++) {
		if (t % LANES == 0)
			emis_rows(&f->e, h->mu, f->xb.xt + t * f->xb.d, t, n, f->B);
		s = fb_row(h, f, t, &mx);
		if (!(s > 0) || !isfinite(s))
			return error("hmm: vanishing likelihood at row %zu", t);
		sum_mx += mx;
		prod *= s;	/* exact rescaling by powers of two: */
		if (prod < PROD_LO) {
			prod *= PROD_HI;
			e2 -= PROD_EXP;
		} else if (prod > PROD_HI) {
			prod *= PROD_LO;
			e2 += PROD_EXP;
		}
	}
	f->loglik = log(prod) + e2 * LN2 + sum_mx;
	return 0;
}

/*
 * Backward pass: beta_t from W_t+1 = B_t+1 beta_t+1 / c_t+1, and the posteriors
 * gamma_t = alpha_t beta_t (renormalised against rounding); then in f->xi the
 * sums over t of alpha_t(i) W_t+1(j) (the expected transitions divided by A),
 * GROUP rows an update.
 */
static void
fb_backward(const struct hmm *h, struct fb *f, double *gamma)
{
	size_t n = f->n, K = f->K, t, i, j;
	double *restrict beta = f->beta, *restrict W, *restrict xi = f->xi;
	const double *restrict A = h->A, *restrict B = f->B, *restrict a;
	double s, ic;

	for (t = n; t-- > 0;) {
		double *restrict g = gamma + t * K;

		a = f->alpha + t * K;
		if (t == n - 1) {
			for (i = 0; i < K; i++)
				beta[i] = 1;
		} else {
			W = f->W + (t + 1) * K;
			for (ic = f->ic[t + 1], j = 0; j < K; j++)
				W[j] = B[(t + 1) * K + j] * beta[j] * ic;
			for (i = 0; i < K; i++) {
				for (s = 0, j = 0; j < K; j++)
					s += A[i * K + j] * W[j];
				beta[i] = s;
			}
		}
		for (s = 0, i = 0; i < K; i++)
			s += g[i] = a[i] * beta[i];
		for (s = 1 / s, i = 0; i < K; i++)
			g[i] *= s;
	}
	memset(xi, 0, K * K * sizeof *xi);
	for (t = 0; t + GROUP < n; t += GROUP) {
		a = f->alpha + t * K;
		W = f->W + (t + 1) * K;
		for (i = 0; i < K; i++)
			for (j = 0; j < K; j++)
				xi[i * K + j] += (a[i] * W[j] + a[K + i] * W[K + j]) +
				    (a[2 * K + i] * W[2 * K + j] + a[3 * K + i] * W[3 * K + j]);
	}
	for (; t + 1 < n; t++) {
		a = f->alpha + t * K;
		W = f->W + (t + 1) * K;
		for (i = 0; i < K; i++)
			for (j = 0; j < K; j++)
				xi[i * K + j] += a[i] * W[j];
	}
}

/* M-step for pi and A from the expected transition counts A(i,j) xi(i,j). */
static void
m_step_transitions(struct hmm *h, const struct fb *f, const double *gamma)
{
	size_t K = h->K, i, j;
	double *xi = f->xi, s;

	for (i = 0; i < K; i++) {
		h->pi[i] = gamma[i];
		for (s = 0, j = 0; j < K; j++)
			s += xi[i * K + j] = fmax(h->A[i * K + j] * xi[i * K + j],
			    A_FLOOR);
		for (j = 0; j < K; j++)
			h->A[i * K + j] = xi[i * K + j] / s;
	}
}

/* Block t's posteriors of state k into g (LANES), 0 for the rows past n. */
static void
block_gamma(const double *gamma, size_t n, size_t K, size_t k, size_t t, double *g)
{
	size_t l;

	for (l = 0; l < LANES; l++)
		g[l] = t + l < n ? gamma[(t + l) * K + k] : 0;
}

/* State k's weight and weighted mean (sums by lane, then the lanes added). */
static double
m_step_mean(struct hmm *h, const struct fb *f, const double *gamma, size_t k)
{
	size_t d = h->d, n = f->n, t, i, l, q;
	vd *acc = (vd *)f->acc, w = {0}, g[GROUP];
	double ws = 0, *m = h->mu + k * d;
	const vd *x;

	memset(acc, 0, d * sizeof *acc);
	for (t = 0; t < f->xb.nb * LANES; t += GROUP * LANES) {
		for (q = 0; q < GROUP; q++)
			block_gamma(gamma, n, h->K, k, t + q * LANES, (double *)&g[q]);
		x = (const vd *)(f->xb.xt + t * d);
		w += (g[0] + g[1]) + (g[2] + g[3]);
		for (i = 0; i < d; i++)
			acc[i] += (g[0] * x[i] + g[1] * x[d + i]) +
			    (g[2] * x[2 * d + i] + g[3] * x[3 * d + i]);
	}
	for (l = 0; l < LANES; l++)
		ws += w[l];
	for (i = 0; i < d; i++) {
		for (m[i] = 0, l = 0; l < LANES; l++)
			m[i] += acc[i][l];
		m[i] = ws > 0 ? m[i] / ws : 0;
	}
	return ws;
}

/*
 * State k's covariance around its mean mu_k, weight w: the lower triangle's sums
 * packed, by lane, GROUP blocks an update.
 */
static void
m_step_cov(struct hmm *h, const struct fb *f, const double *gamma, size_t k, double w)
{
	size_t d = h->d, n = f->n, t, i, j, l, p, q;
	vd *acc = (vd *)f->acc, g[GROUP], r[GROUP][64], gr[GROUP];
	double *m = h->mu + k * d, *C = h->cov + k * d * d, s;
	const vd *x;

	memset(acc, 0, d * (d + 1) / 2 * sizeof *acc);
	for (t = 0; t < f->xb.nb * LANES; t += GROUP * LANES) {
		for (q = 0; q < GROUP; q++) {
			block_gamma(gamma, n, h->K, k, t + q * LANES, (double *)&g[q]);
			x = (const vd *)(f->xb.xt + (t + q * LANES) * d);
			for (i = 0; i < d; i++)
				r[q][i] = x[i] - m[i];
		}
		for (p = 0, i = 0; i < d; i++) {
			for (q = 0; q < GROUP; q++)
				gr[q] = g[q] * r[q][i];
			for (j = 0; j <= i; j++)
				acc[p++] += (gr[0] * r[0][j] + gr[1] * r[1][j]) +
				    (gr[2] * r[2][j] + gr[3] * r[3][j]);
		}
	}
	for (p = 0, i = 0; i < d; i++)
		for (j = 0; j <= i; j++, p++) {
			for (s = 0, l = 0; l < LANES; l++)
				s += acc[p][l];
			C[j * d + i] = C[i * d + j] = s / w;
		}
}

/*
 * M-step for the means and covariances; a state without weight keeps a zero
 * mean and covariance (min_covar on the diagonal).
 */
static void
m_step_gaussians(struct hmm *h, const struct fb *f, const double *gamma)
{
	size_t K = h->K, d = h->d, k, i;
	double w;

	for (k = 0; k < K; k++) {
		if ((w = m_step_mean(h, f, gamma, k)) > 0)
			m_step_cov(h, f, gamma, k, w);
		else
			memset(h->cov + k * d * d, 0, d * d * sizeof *h->cov);
		for (i = 0; i < d; i++)
			h->cov[k * d * d + i * d + i] += h->min_covar;
	}
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
	if (h->d > 64)
		return error("hmm: %zu dimensions, at most 64", h->d);
	fb_alloc(&f, X, n, h->K, h->d);
	gamma = xmalloc(n * h->K * sizeof *gamma);
	h->converged = 0;
	for (it = 0; it < max_iter; it++) {
		if ((rc = fb_forward(h, &f)) != 0)
			break;
		if (ll_trace != NULL)
			ll_trace[it] = f.loglik;
		h->loglik = f.loglik;
		h->iterations = it + 1;
		fb_backward(h, &f, gamma);
		m_step_transitions(h, &f, gamma);
		m_step_gaussians(h, &f, gamma);
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
	if (h->d > 64)
		return error("hmm: %zu dimensions, at most 64", h->d);
	fb_alloc(&f, X, n, h->K, h->d);
	if ((rc = fb_forward(h, &f)) == 0) {
		fb_backward(h, &f, gamma);
		if (loglik != NULL)
			*loglik = f.loglik;
	}
	fb_free(&f);
	return rc;
}
