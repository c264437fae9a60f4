/*
 * Monte Carlo VaR (docs/MODELS.md 7.1): Student-t marginals fitted by maximum
 * likelihood per instrument (a normal below 30 observations or when the fit
 * fails), a Gaussian copula through the Cholesky factor of the correlation
 * of the risk covariance (docs/RISK.md, "Covariance"; eigenvalues floored at
 * 1e-8 and renormalised when it is not positive definite), then x_j = loc_j + scale_j F_t^-1(Phi(y_j)) with u clipped
 * to [1e-6, 1 - 1e-6] and the portfolio return sum_j w_j x_j. Draws come from
 * MT19937 with the recorded seed, in blocks of at most BLOCK_CELLS normals, so
 * memory stays bounded whatever the draw count (8 bytes per draw are kept for
 * the quantiles). main() pins OpenBLAS to one thread: its dtrmm rounds
 * differently with two. DAILY_DEBUG=1 prints the time
 * of each stage on stderr.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <jansson.h>

#include "die.h"
#include "risk.h"
#include "state.h"
#include "tfit.h"
#include "tquant.h"
#include "xalloc.h"

#define BLOCK_CELLS (1 << 19)	/* 4 MiB of doubles per block */
#define MIN_TFIT_OBS 30

/* Milliseconds spent per stage, for DAILY_DEBUG=1 and the benchmark. */
struct prof {
	double fit, table, chol, rng, mult, transform, quant;
};

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Fit column j; fills df (INFINITY for a normal), loc, scale and a JSON description. */
static json_t *
fit_marginal(const struct risk_input *in, size_t j, double *x, double p[3])
{
	struct tfit f;
	double m = 0, v = 0;
	size_t t, n = in->n;
	const char *why = NULL;

	for (t = 0; t < n; t++)
		m += (x[t] = in->R[t * in->k + j]);
	m /= (double)(n ? n : 1);
	for (t = 0; t < n; t++)
		v += (x[t] - m) * (x[t] - m);
	if (n < MIN_TFIT_OBS)
		why = "fewer than 30 observations";
	else if (tfit_mle(x, n, &f) < 0)
		why = "t fit failed";
	if (why == NULL) {
		p[0] = f.df, p[1] = f.loc, p[2] = f.scale;
		return json_pack("{s:s,s:s,s:o,s:o,s:o,s:o}", "instrument", in->id[j],
		    "dist", "student_t", "df", jnum(f.df), "loc", jnum(f.loc),
		    "scale", jnum(f.scale), "loglik", jnum(f.loglik));
	}
	p[0] = INFINITY, p[1] = m;
	p[2] = fmax(sqrt(v / (double)(n ? n : 1)), TFIT_SCALE_MIN);
	return json_pack("{s:s,s:s,s:n,s:o,s:o,s:s}", "instrument", in->id[j],
	    "dist", "normal", "df", "loc", jnum(p[1]), "scale", jnum(p[2]), "reason", why);
}

/* Zero the strict upper triangle (decomp1 leaves the input there); returns r. */
static int
lower(gsl_matrix *L, int r)
{
	size_t i, j;

	for (i = 0; i < L->size1; i++)
		for (j = i + 1; j < L->size2; j++)
			gsl_matrix_set(L, i, j, 0);
	return r;
}

int
copula_factor(const double *cov, size_t k, gsl_matrix *L)
{
	gsl_matrix *C, *V;
	gsl_vector *ev;
	gsl_eigen_symmv_workspace *ws;
	size_t i, j, q;
	double s;

	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++) {
			s = sqrt(cov[i * k + i] * cov[j * k + j]);
			gsl_matrix_set(L, i, j, i == j ? 1 : s > 1e-24 ? cov[i * k + j] / s : 0);
		}
	C = gsl_matrix_alloc(k, k);
	gsl_matrix_memcpy(C, L);
	if (gsl_linalg_cholesky_decomp1(L) == GSL_SUCCESS) {
		gsl_matrix_free(C);
		return lower(L, 0);
	}
	V = gsl_matrix_alloc(k, k);
	ev = gsl_vector_alloc(k);
	ws = gsl_eigen_symmv_alloc(k);
	gsl_eigen_symmv(C, ev, V, ws);
	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++) {
			for (s = 0, q = 0; q < k; q++)
				s += gsl_matrix_get(V, i, q) * fmax(gsl_vector_get(ev, q), 1e-8) *
				    gsl_matrix_get(V, j, q);
			gsl_matrix_set(L, i, j, s);
		}
	for (i = 0; i < k; i++)
		gsl_vector_set(ev, i, sqrt(gsl_matrix_get(L, i, i)));
	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++)
			gsl_matrix_set(L, i, j, gsl_matrix_get(L, i, j) /
			    (gsl_vector_get(ev, i) * gsl_vector_get(ev, j)));
	gsl_eigen_symmv_free(ws);
	gsl_vector_free(ev);
	gsl_matrix_free(V);
	gsl_matrix_free(C);
	return gsl_linalg_cholesky_decomp1(L) == GSL_SUCCESS ? lower(L, 1) : -1;
}

/* Portfolio returns of draws [0, nd) into out. */
static void
simulate(const struct risk_input *in, const gsl_matrix *L, const struct tquant *tq,
    const double *a, const double *b, size_t nd, unsigned long seed, double *out,
    struct prof *pf)
{
	size_t k = in->k, B = BLOCK_CELLS / k ? BLOCK_CELLS / k : 1, done, rows, t, j;
	double *Z = xmalloc((B < nd ? B : nd) * k * sizeof(*Z)), acc, t0;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);

	gsl_rng_set(rng, seed);
	for (done = 0; done < nd; done += rows) {
		gsl_matrix_view zv;

		rows = nd - done < B ? nd - done : B;
		t0 = now_ms();
		for (t = 0; t < rows * k; t++)
			Z[t] = gsl_ran_gaussian_ziggurat(rng, 1.0);
		pf->rng += now_ms() - t0;
		t0 = now_ms();
		zv = gsl_matrix_view_array(Z, rows, k);
		gsl_blas_dtrmm(CblasRight, CblasLower, CblasTrans, CblasNonUnit, 1.0, L,
		    &zv.matrix);
		pf->mult += now_ms() - t0;
		t0 = now_ms();
		for (t = 0; t < rows; t++) {
			for (acc = 0, j = 0; j < k; j++)
				acc += a[j] + b[j] * tquant_eval(&tq[j], Z[t * k + j]);
			out[done + t] = acc;
		}
		pf->transform += now_ms() - t0;
	}
	gsl_rng_free(rng);
	free(Z);
}

int
mc_var(const struct risk_input *in, const double *cov, const struct risk_config *cf,
    struct var_result *v, json_t **marginals)
{
	size_t k = in->k, j;
	double *x = xcalloc(in->n + 1, sizeof(*x)), *a = xcalloc(k, sizeof(*a));
	double *b = xcalloc(k, sizeof(*b)), *sims, p[3], t0;
	struct prof pf = { 0, 0, 0, 0, 0, 0, 0 };
	struct tquant *tq = xmalloc(k * sizeof(*tq));
	gsl_matrix *L = gsl_matrix_alloc(k, k);
	int floored;

	*marginals = json_array();
	for (j = 0; j < k; j++) {
		t0 = now_ms();
		json_array_append_new(*marginals, fit_marginal(in, j, x, p));
		pf.fit += now_ms() - t0;
		a[j] = in->w[j] * p[1];
		b[j] = in->w[j] * p[2];
		t0 = now_ms();
		tquant_init(&tq[j], p[0]);
		pf.table += now_ms() - t0;
	}
	t0 = now_ms();
	floored = copula_factor(cov, k, L);
	pf.chol = now_ms() - t0;
	sims = floored < 0 ? NULL : xmalloc(cf->mc_draws * sizeof(*sims));
	if (sims != NULL)
		simulate(in, L, tq, a, b, cf->mc_draws, cf->seed, sims, &pf);
	t0 = now_ms();
	var_empirical(sims ? sims : x, sims ? cf->mc_draws : 0, v);
	pf.quant = now_ms() - t0;
	v->method = "monte_carlo";
	v->nobs = in->n;
	if (sims != NULL && cf->mc_draws < 10)	/* var_empirical spoke of history */
		snprintf(v->warning, sizeof(v->warning), "Too few draws (mc_draws = %zu < 10): "
		    "no Monte Carlo VaR.", cf->mc_draws);
	else if (floored == 1)
		snprintf(v->warning, sizeof(v->warning), "Correlation not positive definite: "
		    "eigenvalues floored at 1e-8.");
	else if (floored < 0)
		snprintf(v->warning, sizeof(v->warning), "Correlation factorisation failed.");
	debug("mc: %zu instruments, %zu draws (ms): t-fits %.1f, t tables %.1f, "
	    "correlation+cholesky %.1f, normals %.1f, multiply %.1f, inverse-t %.1f, "
	    "quantiles %.1f", k, cf->mc_draws, pf.fit, pf.table, pf.chol, pf.rng,
	    pf.mult, pf.transform, pf.quant);
	gsl_matrix_free(L);
	free(sims);
	free(tq);
	free(a);
	free(b);
	free(x);
	return floored < 0 ? -1 : 0;
}
