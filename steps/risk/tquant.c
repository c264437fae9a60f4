/* The Hermite table of the t quantile of Phi(z) (see tquant.h). */
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "tquant.h"

/* g(z) and g'(z) = phi(z)/f_t(g(z)); the upper half by symmetry, for accuracy. */
static void
node(double df, double z, double *g, double *dg)
{
	double x = gsl_cdf_tdist_Pinv(gsl_cdf_ugaussian_P(-fabs(z)), df);

	*g = z > 0 ? -x : x;
	if (z == 0)
		*g = 0;
	*dg = gsl_ran_ugaussian_pdf(z) / gsl_ran_tdist_pdf(*g, df);
}

void
tquant_init(struct tquant *q, double df)
{
	double h = 2 * TQ_ZMAX / TQ_M, g0, d0, g1, d1;
	int m;

	q->df = df;
	q->normal = !(df < 1e6);
	q->inv_h = 1 / h;
	if (q->normal)
		return;
	node(df, -TQ_ZMAX, &g0, &d0);
	for (m = 0; m < TQ_M; m++) {
		node(df, m + 1 == TQ_M ? TQ_ZMAX : -TQ_ZMAX + (m + 1) * h, &g1, &d1);
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
