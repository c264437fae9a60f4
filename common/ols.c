/* Ordinary least squares by SVD (see ols.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include "die.h"
#include "ols.h"
#include "xalloc.h"

/* Singular values below RCOND * the largest count as zero. */
#define RCOND 1e-10

/* beta = V S^-1 U'y and se_j = sqrt(sigma2 * sum_i (V_ji / s_i)^2). */
static void
ols_solve(struct ols *o, const gsl_matrix *U, const gsl_matrix *V,
    const gsl_vector *S, const double *y)
{
	size_t i, j, t, n = o->n, k = o->k;
	double c;

	memset(o->beta, 0, k * sizeof *o->beta);
	for (i = 0; i < k; i++) {
		for (c = 0, t = 0; t < n; t++)
			c += gsl_matrix_get(U, t, i) * y[t];
		c /= gsl_vector_get(S, i);
		for (j = 0; j < k; j++)
			o->beta[j] += gsl_matrix_get(V, j, i) * c;
	}
}

static void
ols_stats(struct ols *o, const double *X, const double *y, const gsl_matrix *V,
    const gsl_vector *S)
{
	size_t i, j, t, n = o->n, k = o->k;
	double ybar = 0, e, v;

	for (t = 0; t < n; t++)
		ybar += y[t] / (double)n;
	o->rss = o->tss = 0;
	for (t = 0; t < n; t++) {
		e = y[t];
		for (j = 0; j < k; j++)
			e -= X[t * k + j] * o->beta[j];
		o->rss += e * e;
		o->tss += (y[t] - ybar) * (y[t] - ybar);
	}
	o->sigma2 = o->rss / (double)(n - k);
	o->r2 = o->tss > 0 ? 1 - o->rss / o->tss : NAN;
	o->adj_r2 = o->tss > 0 ?
	    1 - (1 - o->r2) * (double)(n - 1) / (double)(n - k) : NAN;
	for (j = 0; j < k; j++) {
		for (v = 0, i = 0; i < k; i++) {
			e = gsl_matrix_get(V, j, i) / gsl_vector_get(S, i);
			v += e * e;
		}
		o->se[j] = sqrt(o->sigma2 * v);
	}
}

/* Coefficients, standard errors and the residual variance are finite (R^2 is
 * NaN by definition when y is constant). */
static int
ols_finite(const struct ols *o)
{
	size_t j;

	if (!isfinite(o->sigma2) || !isfinite(o->rss))
		return 0;
	for (j = 0; j < o->k; j++)
		if (!isfinite(o->beta[j]) || !isfinite(o->se[j]))
			return 0;
	return 1;
}

int
ols_fit(struct ols *o, const double *X, const double *y, size_t n, size_t k)
{
	gsl_error_handler_t *old;
	gsl_matrix *U, *V;
	gsl_vector *S;
	size_t i;
	int rc = -1, svd;

	memset(o, 0, sizeof *o);
	if (k == 0 || n <= k)
		return error("ols: %zu observations for %zu regressors", n, k);
	for (i = 0; i < n * k; i++)
		if (!isfinite(X[i]))
			return error("ols: non-finite regressor at row %zu", i / k);
	for (i = 0; i < n; i++)
		if (!isfinite(y[i]))
			return error("ols: non-finite response at row %zu", i);
	U = gsl_matrix_alloc(n, k);
	V = gsl_matrix_alloc(k, k);
	S = gsl_vector_alloc(k);
	memcpy(U->data, X, n * k * sizeof *X);	/* tda == k */
	/* GSL's default handler aborts the process: a design that does not converge
	 * (a value of 1e200 among ordinary ones) is a refusal, not a crash. */
	old = gsl_set_error_handler_off();
	svd = gsl_linalg_SV_decomp_jacobi(U, V, S);
	gsl_set_error_handler(old);
	if (svd != 0) {
		error("ols: singular value decomposition did not converge");
		goto out;
	}
	o->n = n;
	o->k = k;
	for (i = 0; i < k; i++)
		if (gsl_vector_get(S, i) > RCOND * gsl_vector_max(S))
			o->rank++;
	if (o->rank < k) {
		error("ols: rank-deficient design (rank %zu < %zu)", o->rank, k);
		goto out;
	}
	o->beta = xcalloc(k, sizeof *o->beta);
	o->se = xcalloc(k, sizeof *o->se);
	ols_solve(o, U, V, S, y);
	ols_stats(o, X, y, V, S);
	if (!ols_finite(o)) {
		error("ols: the fit overflows (an input too large for double)");
		ols_release(o);
		goto out;
	}
	rc = 0;
out:
	gsl_matrix_free(U);
	gsl_matrix_free(V);
	gsl_vector_free(S);
	return rc;
}

double
ols_predict(const struct ols *o, const double *x)
{
	double p = 0;
	size_t j;

	for (j = 0; j < o->k; j++)
		p += x[j] * o->beta[j];
	return p;
}

void
ols_release(struct ols *o)
{
	free(o->beta);
	free(o->se);
	o->beta = o->se = NULL;
}
