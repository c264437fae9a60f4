/* Equal-risk-contribution weights by Newton's method on Spinu's formulation. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>

#include "erc.h"

struct newton {
	size_t n;
	const double *C;	/* correlation matrix */
	const double *b;	/* budgets, summing to 1 */
	double *y, *Cy, *g, *d, *ytry, *H;
};

/* f(y) = 1/2 y'Cy - sum b log y, with Cy = C y as a by-product. */
static double
objective(const struct newton *nw, const double *y, double *Cy)
{
	gsl_matrix_const_view cv = gsl_matrix_const_view_array(nw->C, nw->n, nw->n);
	gsl_vector_const_view yv = gsl_vector_const_view_array(y, nw->n);
	gsl_vector_view cyv = gsl_vector_view_array(Cy, nw->n);
	double f = 0;
	size_t i;

	gsl_blas_dsymv(CblasUpper, 1.0, &cv.matrix, &yv.vector, 0.0, &cyv.vector);
	for (i = 0; i < nw->n; i++)
		f += 0.5 * y[i] * Cy[i] - nw->b[i] * log(y[i]);
	return f;
}

/* max_i |y_i (Cy)_i - b_i| / b_i: at the optimum y'Cy = sum b = 1. */
static double
rc_error(const struct newton *nw)
{
	double e = 0, d;
	size_t i;

	for (i = 0; i < nw->n; i++) {
		d = fabs(nw->y[i] * nw->Cy[i] - nw->b[i]) / nw->b[i];
		if (d > e || isnan(d))
			e = d;
	}
	return e;
}

/* Newton direction d = H^-1 g; returns lambda^2 = g'd, or -1 when H is not PD. */
static double
newton_dir(struct newton *nw)
{
	size_t n = nw->n, i;
	gsl_matrix_view hv = gsl_matrix_view_array(nw->H, n, n);
	gsl_vector_view gv = gsl_vector_view_array(nw->g, n);
	gsl_vector_view dv = gsl_vector_view_array(nw->d, n);
	double lam2 = 0;

	memcpy(nw->H, nw->C, n * n * sizeof *nw->H);
	for (i = 0; i < n; i++) {
		nw->g[i] = nw->Cy[i] - nw->b[i] / nw->y[i];
		nw->H[i * n + i] += nw->b[i] / (nw->y[i] * nw->y[i]);
	}
	if (gsl_linalg_cholesky_decomp1(&hv.matrix) != GSL_SUCCESS ||
	    gsl_linalg_cholesky_solve(&hv.matrix, &gv.vector, &dv.vector) != GSL_SUCCESS)
		return -1;
	for (i = 0; i < n; i++)
		lam2 += nw->g[i] * nw->d[i];
	return lam2;
}

/* One damped, backtracked step; 0, or -1 when no decrease can be found. */
static int
newton_step(struct newton *nw, double lam2, double *f)
{
	double lam = sqrt(fmax(lam2, 0)), t = lam > 0.25 ? 1 / (1 + lam) : 1, ft;
	size_t i, n = nw->n;
	int k, ok;

	for (k = 0; k < 60; k++, t *= 0.5) {
		for (ok = 1, i = 0; i < n; i++)
			if ((nw->ytry[i] = nw->y[i] - t * nw->d[i]) <= 0)
				ok = 0;
		if (!ok)
			continue;
		ft = objective(nw, nw->ytry, nw->Cy);
		if (ft <= *f - 1e-4 * t * lam2 ||
		    (lam2 < 1e-12 && ft <= *f + 1e-12 * fabs(*f))) {
			memcpy(nw->y, nw->ytry, n * sizeof *nw->y);
			*f = ft;
			return 0;
		}
	}
	objective(nw, nw->y, nw->Cy);
	return -1;
}

/* Newton iterations from y0 = c*1 with y0'Cy0 = 1. 0, or -1 with errno. */
static int
newton_solve(struct newton *nw, double tol, int maxiter, struct erc_info *info)
{
	double f, s = 0, lam2;
	size_t i, j, n = nw->n;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			s += nw->C[i * n + j];
	for (i = 0; i < n; i++)
		nw->y[i] = s > 0 ? 1 / sqrt(s) : 1;
	f = objective(nw, nw->y, nw->Cy);
	for (info->iterations = 0;; info->iterations++) {
		info->max_rc_error = rc_error(nw);
		if (info->max_rc_error <= tol)
			return 0;
		if (info->iterations >= maxiter) {
			errno = ERANGE;
			return -1;
		}
		if ((lam2 = newton_dir(nw)) < 0 || newton_step(nw, lam2, &f) < 0) {
			errno = lam2 < 0 ? EDOM : ERANGE;
			return -1;
		}
		for (i = 0; i < n; i++)
			if (nw->y[i] > 1e15) {	/* riskless long portfolio: unbounded */
				errno = EDOM;
				return -1;
			}
	}
}

/* Checks and the correlation matrix C of cov into C, sd into sd. 0 or -1/errno. */
static int
prepare(const double *cov, size_t n, double *C, double *sd)
{
	double big = 0;
	size_t i, j;
	int rc;

	for (i = 0; i < n * n; i++)
		if (!isfinite(cov[i])) {
			errno = EINVAL;
			return -1;
		}
	for (i = 0; i < n; i++) {
		if (cov[i * n + i] <= 0) {
			errno = EDOM;
			return -1;
		}
		sd[i] = sqrt(cov[i * n + i]);
		big = fmax(big, cov[i * n + i]);
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			if (fabs(cov[i * n + j] - cov[j * n + i]) > 1e-12 * big) {
				errno = EDOM;
				return -1;
			}
			C[i * n + j] = cov[i * n + j] / (sd[i] * sd[j]);
		}
	/* PSD test on the correlation matrix, with a ridge for rounding. */
	{
		gsl_matrix *t = gsl_matrix_alloc(n, n);

		if (t == NULL)
			return -1;
		memcpy(t->data, C, n * n * sizeof *C);
		for (i = 0; i < n; i++)
			gsl_matrix_set(t, i, i, gsl_matrix_get(t, i, i) + 1e-10);
		rc = gsl_linalg_cholesky_decomp1(t);
		gsl_matrix_free(t);
	}
	if (rc != GSL_SUCCESS) {
		errno = EDOM;
		return -1;
	}
	return 0;
}

void
erc_contributions(const double *cov, size_t n, const double *w, double *rc)
{
	double tot = 0, s;
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (s = 0, j = 0; j < n; j++)
			s += cov[i * n + j] * w[j];
		rc[i] = w[i] * s;
		tot += rc[i];
	}
	for (i = 0; i < n; i++)
		rc[i] = tot > 0 ? rc[i] / tot : NAN;
}

int
erc_solve(const double *cov, size_t n, const double *budget, double tol,
    int maxiter, double *w, struct erc_info *info)
{
	struct newton nw = { 0 };
	struct erc_info dummy;
	gsl_error_handler_t *old;
	double *buf = NULL, *sd, *b, bs = 0, ws = 0;
	size_t i;
	int rc = -1, saved;

	if (info == NULL)
		info = &dummy;
	info->iterations = 0;
	info->max_rc_error = NAN;
	for (i = 0; i < n; i++)
		w[i] = NAN;
	if (n == 0 || !(tol > 0)) {
		errno = EINVAL;
		return -1;
	}
	if ((buf = malloc((2 * n * n + 8 * n) * sizeof *buf)) == NULL)
		return -1;
	nw.n = n;
	nw.C = buf;
	nw.H = buf + n * n;
	sd = nw.H + n * n;
	b = sd + n;
	nw.y = b + n;
	nw.Cy = nw.y + n;
	nw.g = nw.Cy + n;
	nw.d = nw.g + n;
	nw.ytry = nw.d + n;
	for (i = 0; i < n; i++) {
		b[i] = budget ? budget[i] : 1.0;
		if (!(b[i] > 0) || !isfinite(b[i])) {
			errno = EINVAL;
			goto out;
		}
		bs += b[i];
	}
	for (i = 0; i < n; i++)
		b[i] /= bs;
	nw.b = b;
	old = gsl_set_error_handler_off();
	rc = prepare(cov, n, buf, sd);
	if (rc == 0)
		rc = newton_solve(&nw, tol, maxiter, info);
	saved = errno;
	gsl_set_error_handler(old);
	errno = saved;
	if (rc == 0) {
		for (i = 0; i < n; i++)
			ws += nw.y[i] / sd[i];
		for (i = 0; i < n; i++)
			w[i] = nw.y[i] / sd[i] / ws;
	}
out:
	free(buf);
	return rc;
}
