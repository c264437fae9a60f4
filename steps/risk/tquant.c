/* The Hermite table of the t quantile of Phi(z) (see tquant.h). */
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "tquant.h"

/*
 * The t quantile of p <= 0.5. gsl_cdf_tdist_Pinv's Newton iteration does not
 * converge for some df below 1 (0.54 to 0.80, for p between 0.27 and 0.49) and
 * then returns NaN; there we bisect on log(-x) with gsl_cdf_tdist_P, which is
 * monotone, to the last bit (relative error ~1e-9 against scipy's t.ppf).
 */
static double
t_lower_quantile(double p, double df)
{
	double x = gsl_cdf_tdist_Pinv(p, df), lo = -50, hi = 710, mid;
	int i;

	if (isfinite(x) || !(p > 0 && p < 0.5))
		return x;
	for (i = 0; i < 200; i++) {
		mid = (lo + hi) / 2;
		if (mid == lo || mid == hi)
			break;
		if (gsl_cdf_tdist_P(-exp(mid), df) > p)
			lo = mid;
		else
			hi = mid;
	}
	return -exp((lo + hi) / 2);
}

/* g(z) and g'(z) = phi(z)/f_t(g(z)); the upper half by symmetry, for accuracy. */
static void
node(double df, double z, double *g, double *dg)
{
	double x = t_lower_quantile(gsl_cdf_ugaussian_P(-fabs(z)), df);

	*g = z > 0 ? -x : x;
	if (z == 0)
		*g = 0;
	*dg = gsl_ran_ugaussian_pdf(z) / gsl_ran_tdist_pdf(*g, df);
}

/* Node values and slopes are computed on the lower half and mirrored (g is odd). */
void
tquant_init(struct tquant *q, double df)
{
	double h = 2 * TQ_ZMAX / TQ_M, g[TQ_M + 1], dg[TQ_M + 1], g0, d0, g1, d1;
	int m;

	q->df = df;
	q->normal = !(df < 1e6 * (1 - 1e-9));	/* the fit's cap (tfit.h) means normal */
	q->inv_h = 1 / h;
	if (q->normal)
		return;
	for (m = 0; m <= TQ_M / 2; m++) {
		node(df, m == TQ_M / 2 ? 0 : -TQ_ZMAX + m * h, &g[m], &dg[m]);
		g[TQ_M - m] = -g[m];
		dg[TQ_M - m] = dg[m];
	}
	g0 = g[0];
	d0 = dg[0];
	for (m = 0; m < TQ_M; m++) {
		g1 = g[m + 1];
		d1 = dg[m + 1];
		d0 *= h;
		d1 *= h;
		q->c[m][0] = g0;
		q->c[m][1] = d0;
		q->c[m][2] = 3 * (g1 - g0) - 2 * d0 - d1;
		q->c[m][3] = 2 * (g0 - g1) + d0 + d1;
		g0 = g1;
		d0 = d1 / h;
	}
}
