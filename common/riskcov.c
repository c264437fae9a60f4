/*
 * The covariance fit for risk: weighted correlation shrunk toward the identity,
 * rescaled by each instrument's own volatility. The formulas are in docs/RISK.md
 * ("Covariance"); tests/oracles/riskcov.py implements them independently.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_matrix.h>

#include "riskcov.h"
#include "rolling.h"

/* Below this share of its largest |x| a column's vol is rounding: constant. */
#define RISKCOV_FLAT	1e-13

void
riskcov_weights(size_t t, double half_life, double *a)
{
	double lambda, sum = 0;
	size_t i;

	if (!(half_life > 0) || !isfinite(half_life)) {
		for (i = 0; i < t; i++)
			a[i] = 1.0 / (double)t;
		return;
	}
	lambda = pow(2.0, -1.0 / half_life);
	for (i = 0; i < t; i++) {
		a[i] = pow(lambda, (double)(t - 1 - i));
		sum += a[i];
	}
	for (i = 0; i < t; i++)
		a[i] /= sum;
}

/* Weighted mean and (population) standard deviation of column j. */
static void
column_moments(const double *X, size_t t, size_t k, size_t j, const double *a,
    double *m, double *s)
{
	double mean = 0, var = 0, big = 0, d;
	size_t i;

	for (i = 0; i < t; i++)
		mean += a[i] * X[i * k + j];
	for (i = 0; i < t; i++) {
		d = X[i * k + j] - mean;
		var += a[i] * d * d;
		big = fmax(big, fabs(X[i * k + j]));
	}
	*m = mean;
	*s = sqrt(var);
	if (*s <= RISKCOV_FLAT * big)
		*s = 0;
}

/* q = sum_i a_i |z_i|^4 over the standardised rows z_i of Z (t x p). */
static double
fourth_moment(const double *Z, size_t t, size_t p, const double *a)
{
	double q = 0, r;
	size_t i, j;

	for (i = 0; i < t; i++) {
		r = 0;
		for (j = 0; j < p; j++)
			r += Z[i * p + j] * Z[i * p + j];
		q += a[i] * r * r;
	}
	return q;
}

/*
 * Ledoit-Wolf intensity from q = sum_i a_i |z_i|^4, a2 = sum a_i^2 and the
 * weighted correlation S (unit diagonal, target the identity):
 *   b2 = a2 (q - |S|_F^2)     (= a2 . weighted mean of |z_i z_i' - S|_F^2)
 *   d2 = |S - I|_F^2,  intensity = min(b2, d2) / d2, 0 when either is 0.
 * With equal weights this is sklearn's ledoit_wolf_shrinkage.
 */
static double
lw_intensity(double q, double a2, size_t p, const double *S)
{
	double f = 0, d2 = 0, b2, e;
	size_t i, j;

	for (i = 0; i < p; i++)
		for (j = 0; j < p; j++) {
			f += S[i * p + j] * S[i * p + j];
			e = S[i * p + j] - (i == j);
			d2 += e * e;
		}
	b2 = a2 * (q - f);
	if (!(b2 > 0) || !(d2 > 0))
		return 0;
	return fmin(b2, d2) / d2;
}

/*
 * S = sum_i a_i z_i z_i' through BLAS dsyrk on the rows scaled by sqrt(a_i) (Z is
 * scaled in place).
 */
static void
weighted_corr(double *Z, size_t t, size_t p, const double *a, double *S)
{
	gsl_matrix_view zv = gsl_matrix_view_array(Z, t, p);
	gsl_matrix_view sv = gsl_matrix_view_array(S, p, p);
	size_t i, j;

	for (i = 0; i < t; i++)
		for (j = 0; j < p; j++)
			Z[i * p + j] *= sqrt(a[i]);
	gsl_matrix_set_zero(&sv.matrix);
	gsl_blas_dsyrk(CblasUpper, CblasTrans, 1.0, &zv.matrix, 0.0, &sv.matrix);
	for (i = 0; i < p; i++) {
		S[i * p + i] = 1;	/* a correlation, by construction */
		for (j = 0; j < i; j++)
			S[i * p + j] = S[j * p + i];
	}
}

static int
check_input(const double *X, size_t t, size_t k, double *cov)
{
	if (X == NULL || cov == NULL || t < 2 || k == 0 || !all_finite(X, t * k)) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* Z (t x p): the active columns act[] of X standardised. */
static void
standardise(const double *X, size_t t, size_t k, const size_t *act, size_t p,
    const double *m, const double *s, double *Z)
{
	size_t i, c;

	for (i = 0; i < t; i++)
		for (c = 0; c < p; c++)
			Z[i * p + c] = (X[i * k + act[c]] - m[act[c]]) / s[act[c]];
}

int
riskcov_estimate(const double *X, size_t t, size_t k, const struct riskcov_opt *o,
    double *cov, struct riskcov_info *info)
{
	double *a, *m, *s, *Z = NULL, *S = NULL, lw = 0, a2 = 0, q = 0;
	size_t *act, i, j, p = 0;
	int rc = -1;

	if (check_input(X, t, k, cov) < 0)
		return -1;
	a = malloc(t * sizeof(*a));
	m = malloc(k * sizeof(*m));
	s = malloc(k * sizeof(*s));
	act = malloc(k * sizeof(*act));
	if (a == NULL || m == NULL || s == NULL || act == NULL)
		goto out;
	riskcov_weights(t, o != NULL ? o->half_life : 0, a);
	for (j = 0; j < k; j++) {
		column_moments(X, t, k, j, a, &m[j], &s[j]);
		if (s[j] > 0)
			act[p++] = j;
	}
	if (p > 0 && ((Z = malloc(t * p * sizeof(*Z))) == NULL ||
	    (S = malloc(p * p * sizeof(*S))) == NULL))
		goto out;
	for (i = 0; i < t; i++)
		a2 += a[i] * a[i];
	if (p > 0) {
		standardise(X, t, k, act, p, m, s, Z);
		q = fourth_moment(Z, t, p, a);
		weighted_corr(Z, t, p, a, S);
		if ((o == NULL || o->shrink) && p > 1)
			lw = lw_intensity(q, a2, p, S);
	}
	memset(cov, 0, k * k * sizeof(*cov));
	for (i = 0; i < p; i++)
		for (j = 0; j < p; j++)
			cov[act[i] * k + act[j]] = s[act[i]] * s[act[j]] *
			    (i == j ? 1 : (1 - lw) * S[i * p + j]);
	if (info != NULL) {
		info->observations = t;
		info->shrinkage = lw;
		info->effective = 1 / a2;
	}
	rc = 0;
out:
	if (rc < 0)
		errno = ENOMEM;
	free(S);
	free(Z);
	free(act);
	free(s);
	free(m);
	free(a);
	return rc;
}
