/* Kupiec and Christoffersen VaR back-tests (docs/RISK.md "Back-test"). */
#include <math.h>

#include "varbt.h"

/* k ln q with 0 ln 0 = 0. */
static double
xlogy(double k, double q)
{
	return k == 0 ? 0 : k * log(q);
}

/* Survival function of chi-square with 1 and 2 degrees of freedom. */
static double
chi2_sf1(double x)
{
	return x <= 0 ? 1 : erfc(sqrt(x / 2));
}

static double
chi2_sf2(double x)
{
	return x <= 0 ? 1 : exp(-x / 2);
}

int
varbt_compute(const unsigned char *hit, size_t n, double p, struct varbt *o)
{
	double x, pi, p01, p11, l0, l1;
	size_t i;

	if (!(p > 0 && p < 1))
		return -1;
	o->n = n;
	o->x = o->n00 = o->n01 = o->n10 = o->n11 = 0;
	for (i = 0; i < n; i++) {
		o->x += hit[i] != 0;
		if (i > 0) {
			if (hit[i - 1] == 0)
				*(hit[i] ? &o->n01 : &o->n00) += 1;
			else
				*(hit[i] ? &o->n11 : &o->n10) += 1;
		}
	}
	o->rate = o->lr_pof = o->p_pof = NAN;
	o->lr_ind = o->p_ind = o->lr_cc = o->p_cc = NAN;
	if (n == 0)
		return 0;
	x = (double)o->x;
	o->rate = x / (double)n;
	/* LR = -2 ln[(1-p)^(n-x) p^x] + 2 ln[(1-x/n)^(n-x) (x/n)^x] */
	o->lr_pof = fmax(0, -2 * (xlogy((double)n - x, 1 - p) + xlogy(x, p)) +
	    2 * (xlogy((double)n - x, 1 - o->rate) + xlogy(x, o->rate)));
	o->p_pof = chi2_sf1(o->lr_pof);
	if (n < 2)
		return 0;
	p01 = o->n00 + o->n01 ? (double)o->n01 / (double)(o->n00 + o->n01) : 0;
	p11 = o->n10 + o->n11 ? (double)o->n11 / (double)(o->n10 + o->n11) : 0;
	pi = (double)(o->n01 + o->n11) / (double)(n - 1);
	l0 = xlogy((double)(o->n00 + o->n10), 1 - pi) + xlogy((double)(o->n01 + o->n11), pi);
	l1 = xlogy((double)o->n00, 1 - p01) + xlogy((double)o->n01, p01) +
	    xlogy((double)o->n10, 1 - p11) + xlogy((double)o->n11, p11);
	o->lr_ind = fmax(0, -2 * (l0 - l1));
	o->p_ind = chi2_sf1(o->lr_ind);
	o->lr_cc = o->lr_pof + o->lr_ind;
	o->p_cc = chi2_sf2(o->lr_cc);
	return 0;
}

const char *
varbt_basel_zone(size_t x)
{
	return x <= 4 ? "green" : x <= 9 ? "yellow" : "red";
}
