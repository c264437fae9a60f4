/* Equal-risk-contribution weights by Newton's method on Spinu's formulation. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>

#include "erc.h"

struct newton {
	size_t n;
	const double *cov;	/* the covariance as given */
	const double *sd;	/* its volatilities */
	const double *C;	/* its correlation matrix, for the Hessian */
	const double *b;	/* budgets, summing to 1 */
	double bmin;		/* smallest budget */
	double *y, *Cy, *aCy, *g, *d, *ytry, *H;
};

/*
 * f(y) = 1/2 y'Cy - sum b log y, with Cy = C y and aCy = |C| |y| as
 * by-products. C y is summed in long double from the covariance as given,
 * (C y)_i = sum_j cov_ij (y_j / sd_j) / sd_i: near a riskless combination it is a
 * small difference of large terms, and the gradient, the residual and so the
 * solution are only as accurate as it is (the Hessian may be rougher).
 */
static double
objective(const struct newton *nw, const double *y, double *Cy)
{
	size_t i, j, n = nw->n;
	long double s, a, x, f = 0;

	for (i = 0; i < n; i++) {
		for (s = 0, a = 0, j = 0; j < n; j++) {
			x = (long double)nw->cov[i * n + j] * y[j] / nw->sd[j];
			s += x;
			a += fabsl(x);
		}
		Cy[i] = (double)(s / nw->sd[i]);
		nw->aCy[i] = (double)(a / nw->sd[i]);
		f += 0.5L * y[i] * s / nw->sd[i] - nw->b[i] * logl(y[i]);
	}
	return (double)f;
}

/*
 * Whether y meets tol: max_i |y_i (Cy)_i - b_i| / b_i (at the optimum
 * y'Cy = sum b = 1) is stored in *err; each i may exceed tol by the rounding
 * floor of its contribution, 4u (|C||y|)_i / (Cy)_i: the error that merely
 * rounding the weights to double brings into (Cy)_i, which no solver can beat.
 * (Cy)_i > 0 at any solution (y_i (Cy)_i = b_i); a riskless combination has 0.
 */
static int
rc_met(const struct newton *nw, double tol, double *err)
{
	double d, fl;
	size_t i;
	int ok = 1;

	*err = 0;
	for (i = 0; i < nw->n; i++) {
		d = fabs(nw->y[i] * nw->Cy[i] - nw->b[i]) / nw->b[i];
		fl = 4 * 0x1p-53 * nw->aCy[i] / nw->Cy[i];
		if (!(nw->Cy[i] > 0 && d <= tol + fl))
			ok = 0;
		if (d > *err || isnan(d))
			*err = d;
	}
	return ok;
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

/*
 * One step along -d. F = f / min(b) is self-concordant (every log term has a
 * coefficient >= 1), and its Newton decrement is lamF = sqrt(lam2 / min(b)).
 * Inside the quadratic region (lamF <= 1/4) the full step is feasible and
 * converges quadratically; no function value is compared there, since near the
 * optimum f changes by less than its own rounding. Outside, the damped step
 * 1/(1 + lamF) decreases F by at least lamF - log(1 + lamF) and stays feasible
 * (Nesterov and Nemirovski): a longer step is taken only when it passes the
 * Armijo test. So every step makes progress, whatever the rounding of the BLAS.
 */
static void
newton_step(struct newton *nw, double lam2, double *f)
{
	double lamF = sqrt(fmax(lam2, 0) / nw->bmin), td, t, ft;
	size_t i, n = nw->n;
	int ok;

	if (lamF <= 0.25) {
		for (i = 0; i < n; i++)
			nw->y[i] -= nw->d[i];
		*f = objective(nw, nw->y, nw->Cy);
		return;
	}
	td = 1 / (1 + lamF);
	for (t = 1; t > td; t *= 0.5) {
		for (ok = 1, i = 0; i < n; i++)
			if ((nw->ytry[i] = nw->y[i] - t * nw->d[i]) <= 0)
				ok = 0;
		if (ok && (ft = objective(nw, nw->ytry, nw->Cy)) <= *f - 1e-4 * t * lam2) {
			memcpy(nw->y, nw->ytry, n * sizeof *nw->y);
			*f = ft;
			return;
		}
	}
	for (i = 0; i < n; i++)
		nw->y[i] -= td * nw->d[i];
	*f = objective(nw, nw->y, nw->Cy);
}

/*
 * Newton iterations from y0 = c*1 with y0'Cy0 = 1. 0, or -1 with errno. Once
 * the decrement is at rounding level the point is the floating-point optimum:
 * it is accepted if its contributions meet tol, else ERANGE (never garbage).
 */
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
		if (rc_met(nw, tol, &info->max_rc_error))
			return 0;
		if (info->iterations >= maxiter) {
			errno = ERANGE;
			return -1;
		}
		if ((lam2 = newton_dir(nw)) < 0) {
			errno = EDOM;
			return -1;
		}
		newton_step(nw, lam2, &f);
		for (i = 0; i < n; i++)
			if (!(nw->y[i] > 0) || nw->y[i] > 1e15) {
				/* riskless long portfolio: unbounded */
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

/* Summed in long double, for the reason given at objective(). */
void
erc_contributions(const double *cov, size_t n, const double *w, double *rc)
{
	long double tot = 0, s, *r = malloc(n * sizeof *r);
	size_t i, j;

	if (r == NULL) {
		for (i = 0; i < n; i++)
			rc[i] = NAN;
		return;
	}
	for (i = 0; i < n; i++) {
		for (s = 0, j = 0; j < n; j++)
			s += (long double)cov[i * n + j] * w[j];
		r[i] = w[i] * s;
		tot += r[i];
	}
	for (i = 0; i < n; i++)
		rc[i] = tot > 0 ? (double)(r[i] / tot) : NAN;
	free(r);
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
	if ((buf = malloc((2 * n * n + 9 * n) * sizeof *buf)) == NULL)
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
	nw.aCy = nw.ytry + n;
	nw.cov = cov;
	nw.sd = sd;
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
	for (nw.bmin = 1, i = 0; i < n; i++)
		nw.bmin = fmin(nw.bmin, b[i]);
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
