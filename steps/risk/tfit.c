/*
 * Student-t maximum likelihood (scipy.stats.t.fit's problem, solved by Newton's
 * method with the analytic gradient and Hessian instead of Nelder-Mead, so the
 * optimum is at least as good and about a hundred times cheaper).
 *
 * Parameters th = (mu, s = log sigma, v = log nu). For z = (x - mu)/sigma,
 * d = nu + z^2 and w = (nu + 1)/d, one observation contributes
 *   l = A(nu) - s - (nu + 1)/2 log(1 + z^2/nu),
 *   A(nu) = lgamma((nu + 1)/2) - lgamma(nu/2) - log(nu pi)/2,
 *   dl/dmu = w z/sigma, dl/ds = w z^2 - 1,
 *   dl/dnu = A'(nu) - log(1 + z^2/nu)/2 + (nu + 1) z^2/(2 nu d).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sf_psi.h>

#include "order.h"
#include "tfit.h"
#include "xalloc.h"

#define MAXITER 100
#define PI 3.14159265358979323846

static double
lconst(double nu)
{
	return lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * PI);
}

double
t_loglik(const double *x, size_t n, double df, double loc, double scale)
{
	double s = 0, z;
	size_t i;

	for (i = 0; i < n; i++) {
		z = (x[i] - loc) / scale;
		s += log1p(z * z / df);
	}
	return (double)n * (lconst(df) - log(scale)) - (df + 1) / 2 * s;
}

/* Log-likelihood, gradient g and Hessian H (3 x 3, row-major) at th. */
static double
derivs(const double *x, size_t n, const double th[3], double g[3], double H[9])
{
	double mu = th[0], sig = exp(th[1]), nu = exp(th[2]), dn = (double)n;
	double a[9] = { 0 }, ll = 0, z, z2, d, w, l1, gnu, hnn, q;
	size_t i;

	for (i = 0; i < n; i++) {
		z = (x[i] - mu) / sig;
		z2 = z * z;
		d = nu + z2;
		w = (nu + 1) / d;
		l1 = log1p(z2 / nu);
		q = (nu + 1) * z2 / (d * d);
		ll += l1;
		a[0] += w * z;				/* dmu (x sigma) */
		a[1] += w * z2;				/* ds + 1 */
		a[2] += -0.5 * l1 + (nu + 1) * z2 / (2 * nu * d);
		a[3] += -(w - 2 * q);			/* dmu dmu (x sigma^2) */
		a[4] += -z * (2 * w - 2 * q);		/* dmu ds (x sigma) */
		a[5] += -(2 * w * z2 - 2 * q * z2);	/* ds ds */
		a[6] += z * (z2 - 1) / (d * d);		/* dmu dnu (x sigma) */
		a[7] += z2 * (z2 - 1) / (d * d);	/* ds dnu */
		a[8] += -0.5 * (1 / d - 1 / nu) +
		    z2 / 2 * (nu * d - (nu + 1) * (d + nu)) / (nu * nu * d * d);
	}
	gnu = a[2] + dn * (0.5 * gsl_sf_psi((nu + 1) / 2) -
	    0.5 * gsl_sf_psi(nu / 2) - 0.5 / nu);
	hnn = a[8] + dn * (0.25 * gsl_sf_psi_1((nu + 1) / 2) -
	    0.25 * gsl_sf_psi_1(nu / 2) + 0.5 / (nu * nu));
	g[0] = a[0] / sig;
	g[1] = a[1] - dn;
	g[2] = nu * gnu;
	H[0] = a[3] / (sig * sig);
	H[1] = H[3] = a[4] / sig;
	H[2] = H[6] = nu * a[6] / sig;
	H[4] = a[5];
	H[5] = H[7] = nu * a[7];
	H[8] = nu * nu * hnn + nu * gnu;
	return dn * (lconst(nu) - th[1]) - (nu + 1) / 2 * ll;
}

/*
 * Solve (-H + lambda I) p = g over the free coordinates by Cholesky, raising
 * lambda until the matrix is positive definite. Fixed coordinates get p = 0.
 */
static void
newton_step(const double H[9], const double g[3], const int fixed[3], double p[3])
{
	double A[9], L[9], y[3], lam = 0, sc = 0, s;
	int i, j, k, ok;

	for (i = 0; i < 3; i++)
		sc = fmax(sc, fabs(H[i * 4]));
	for (;;) {
		for (i = 0; i < 9; i++)
			A[i] = -H[i];
		for (i = 0; i < 3; i++) {
			A[i * 4] += lam;
			for (j = 0; j < 3; j++)
				if ((fixed[i] || fixed[j]) && i != j)
					A[i * 3 + j] = 0;
			if (fixed[i])
				A[i * 4] = 1;
		}
		memset(L, 0, sizeof(L));
		for (ok = 1, j = 0; j < 3 && ok; j++) {
			for (s = A[j * 4], k = 0; k < j; k++)
				s -= L[j * 3 + k] * L[j * 3 + k];
			if (!(s > 0)) {
				ok = 0;
				break;
			}
			L[j * 4] = sqrt(s);
			for (i = j + 1; i < 3; i++) {
				for (s = A[i * 3 + j], k = 0; k < j; k++)
					s -= L[i * 3 + k] * L[j * 3 + k];
				L[i * 3 + j] = s / L[j * 4];
			}
		}
		if (ok)
			break;
		lam = lam == 0 ? 1e-6 * (sc > 0 ? sc : 1) : lam * 10;
	}
	for (i = 0; i < 3; i++) {
		for (s = fixed[i] ? 0 : g[i], k = 0; k < i; k++)
			s -= L[i * 3 + k] * y[k];
		y[i] = s / L[i * 4];
	}
	for (i = 3; i-- > 0;) {
		for (s = y[i], k = i + 1; k < 3; k++)
			s -= L[k * 3 + i] * p[k];
		p[i] = fixed[i] ? 0 : s / L[i * 4];
	}
}

static int
cmpdbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * The median of c[0..n-1] (n >= 2), which it reorders: the middle one or two by a
 * selection (order.h), the same values a sort gives. A NaN, or a zero median whose
 * sign a sort takes from the input's order, sorts a copy of x (NULL: c has no -0).
 */
static double
median(double *c, size_t n, const double *x)
{
	size_t i, h = n / 2;
	double lo;

	for (i = 0; i < n && !isnan(c[i]); i++)
		;
	if (i == n) {
		select_kth(c, n, h);
		if (n % 2 && (c[h] != 0 || x == NULL))
			return c[h];
		for (lo = c[0], i = 1; i < h; i++)
			lo = c[i] > lo ? c[i] : lo;
		if ((lo != 0 && c[h] != 0) || x == NULL)
			return n % 2 ? c[h] : (lo + c[h]) / 2;
	}
	if (x != NULL)
		memcpy(c, x, n * sizeof(*c));
	qsort(c, n, sizeof(*c), cmpdbl);
	return n % 2 ? c[h] : (c[h - 1] + c[h]) / 2;
}

/* Start: median, MAD (or std) and df from the excess kurtosis. */
static int
start(const double *x, size_t n, double th[3])
{
	double *c = xmalloc(n * sizeof(*c)), m = 0, v = 0, m4 = 0, med, mad, k, nu;
	size_t i;

	for (i = 0; i < n; i++)
		m += x[i];
	m /= (double)n;
	for (i = 0; i < n; i++) {
		v += (x[i] - m) * (x[i] - m);
		m4 += pow(x[i] - m, 4);
	}
	v /= (double)n;
	m4 /= (double)n;
	memcpy(c, x, n * sizeof(*c));
	med = median(c, n, x);
	for (i = 0; i < n; i++)
		c[i] = fabs(x[i] - med);
	mad = 1.4826 * median(c, n, NULL);
	free(c);
	if (!(sqrt(v) > TFIT_SCALE_MIN) || !isfinite(v) || !isfinite(m4))
		return -1;
	k = m4 / (v * v) - 3;
	nu = k > 0.06 ? 4 + 6 / k : 100;
	th[0] = med;
	th[1] = log(mad > TFIT_SCALE_MIN ? mad : sqrt(v));
	th[2] = log(fmin(fmax(nu, 2.1), 100));
	return 0;
}

int
tfit_mle(const double *x, size_t n, struct tfit *f)
{
	const double vlo = log(TFIT_DF_MIN), vhi = log(TFIT_DF_MAX);
	double th[3], nt[3], g[3], H[9], p[3], ll, nl, a, dec;
	int it, i, fixed[3] = { 0, 0, 0 };

	if (n < 2 || start(x, n, th) < 0)
		return -1;
	for (it = 0; it < MAXITER; it++) {
		ll = derivs(x, n, th, g, H);
		if (!isfinite(ll))
			return -1;
		fixed[2] = (th[2] >= vhi && g[2] > 0) || (th[2] <= vlo && g[2] < 0);
		newton_step(H, g, fixed, p);
		dec = g[0] * p[0] + g[1] * p[1] + g[2] * p[2];
		if (dec < 1e-11 * (1 + fabs(ll)) * 1e-3)
			break;
		for (a = 1; a > 1e-12; a /= 2) {
			for (i = 0; i < 3; i++)
				nt[i] = th[i] + a * p[i];
			nt[2] = fmin(fmax(nt[2], vlo), vhi);
			nl = t_loglik(x, n, exp(nt[2]), nt[0], exp(nt[1]));
			if (isfinite(nl) && nl >= ll)
				break;
		}
		if (a <= 1e-12)
			break;
		memcpy(th, nt, sizeof(th));
		if (nl - ll < 1e-15 * fabs(ll) && a < 1)
			break;
	}
	f->loc = th[0];
	f->scale = exp(th[1]);
	f->df = exp(th[2]);
	f->iterations = it;
	f->loglik = t_loglik(x, n, f->df, f->loc, f->scale);
	if (!isfinite(f->loglik) || !(f->scale >= TFIT_SCALE_MIN))
		return -1;
	return 0;
}
