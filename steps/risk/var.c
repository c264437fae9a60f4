/*
 * VaR and CVaR (docs/MODELS.md 7.1), negative numbers = losses, decimal
 * fractions of NAV:
 *   empirical  q = numpy.percentile(r, (1 - c) 100) ('linear'), CVaR = mean(r <= q)
 *   normal     mu + sigma z, CVaR = mu - sigma phi(z)/(1 - c), z = Phi^-1(1 - c)
 * and the parametric decomposition with the risk covariance S (common/riskcov.h):
 *   marginal_i = mu_i + (S w)_i z/sigma_p, component_i = w_i marginal_i,
 * which sums to the parametric VaR mu_p + sigma_p z (Euler).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <jansson.h>

#include "order.h"
#include "risk.h"
#include "state.h"
#include "xalloc.h"

static int
cmpdbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* numpy's 'linear' percentile of sorted x at fraction p, with numpy's lerp. */
double
quantile_linear(const double *x, size_t n, double p)
{
	double h = (double)n * p + (1 - p) - 1, t, a, b;
	size_t lo;

	if (n == 0)
		return NAN;
	if (h <= 0)
		return x[0];
	if (h >= (double)(n - 1))
		return x[n - 1];
	lo = (size_t)floor(h);
	t = h - (double)lo;
	a = x[lo];
	b = x[lo + 1];
	return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/* How many of the smallest values tail() reads at confidence c: x[lo + 1] at most. */
static size_t
tail_need(size_t n, double c)
{
	double p = (1 - c) * 100 / 100, h = (double)n * p + (1 - p) - 1;

	if (h <= 0)
		return n ? 1 : 0;
	if (h >= (double)(n - 1))
		return n;
	return (size_t)floor(h) + 2;
}

static void
tail(const double *sorted, size_t n, double c, double *var, double *cvar)
{
	double q = quantile_linear(sorted, n, (1 - c) * 100 / 100), s = 0;
	size_t i;

	for (i = 0; i < n && sorted[i] <= q; i++)
		s += sorted[i];
	*var = q;
	*cvar = i ? s / (double)i : q;
}

void
var_empirical(const double *r, size_t n, struct var_result *v)
{
	double *s;

	v->method = "historical";
	v->nobs = n;
	v->warning[0] = '\0';
	if (n < 10) {
		v->var95 = v->var99 = v->cvar95 = v->cvar99 = NAN;
		snprintf(v->warning, sizeof(v->warning),
		    "Too few observations (n = %zu < 10): no historical VaR.", n);
		return;
	}
	s = xmalloc(n * sizeof(*s));
	memcpy(s, r, n * sizeof(*s));
	/* tail() reads only the smallest 5 % and what equals its last: sort those. */
	if (sort_smallest(s, n, tail_need(n, 0.95) > tail_need(n, 0.99) ?
	    tail_need(n, 0.95) : tail_need(n, 0.99)) == 0) {
		memcpy(s, r, n * sizeof(*s));
		qsort(s, n, sizeof(*s), cmpdbl);
	}
	tail(s, n, 0.95, &v->var95, &v->cvar95);
	tail(s, n, 0.99, &v->var99, &v->cvar99);
	free(s);
}

void
var_normal(double mu, double sigma, size_t n, struct var_result *v)
{
	double z95 = gsl_cdf_ugaussian_Pinv(1 - 0.95), z99 = gsl_cdf_ugaussian_Pinv(1 - 0.99);

	v->method = "parametric";
	v->nobs = n;
	v->warning[0] = '\0';
	if (n < 2 || !isfinite(sigma)) {
		v->var95 = v->var99 = v->cvar95 = v->cvar99 = NAN;
		snprintf(v->warning, sizeof(v->warning),
		    "Too few observations (n = %zu < 2): no parametric VaR.", n);
		return;
	}
	if (sigma < 1e-12) {
		v->var95 = v->var99 = v->cvar95 = v->cvar99 = 0;
		snprintf(v->warning, sizeof(v->warning), "Zero volatility: VaR is 0.");
		return;
	}
	v->var95 = mu + sigma * z95;
	v->var99 = mu + sigma * z99;
	v->cvar95 = mu - sigma * gsl_ran_ugaussian_pdf(z95) / (1 - 0.95);
	v->cvar99 = mu - sigma * gsl_ran_ugaussian_pdf(z99) / (1 - 0.99);
}

json_t *
var_json(const struct var_result *v)
{
	return json_pack("{s:o,s:o,s:o,s:o,s:s,s:I,s:o}",
	    "var_95", jnum(v->var95), "var_99", jnum(v->var99),
	    "cvar_95", jnum(v->cvar95), "cvar_99", jnum(v->cvar99),
	    "method", v->method, "n_observations", (json_int_t)v->nobs,
	    "warning", v->warning[0] ? json_string(v->warning) : json_null());
}

/* Column means of R. */
static void
col_means(const struct risk_input *in, double *m)
{
	size_t t, j;

	for (j = 0; j < in->k; j++)
		m[j] = 0;
	for (t = 0; t < in->n; t++)
		for (j = 0; j < in->k; j++)
			m[j] += in->R[t * in->k + j];
	for (j = 0; j < in->k; j++)
		m[j] /= (double)in->n;
}

/* Sw = S w. */
static void
cov_times_w(const struct risk_input *in, const double *cov, double *sw)
{
	size_t i, j;

	for (i = 0; i < in->k; i++)
		for (sw[i] = 0, j = 0; j < in->k; j++)
			sw[i] += cov[i * in->k + j] * in->w[j];
}

void
port_moments(const struct risk_input *in, const double *cov, double *mu, double *sigma)
{
	double *m = xcalloc(in->k + 1, sizeof(*m)), *sw = xcalloc(in->k + 1, sizeof(*sw));
	double v = 0;
	size_t j;

	col_means(in, m);
	cov_times_w(in, cov, sw);
	*mu = 0;
	for (j = 0; j < in->k; j++) {
		*mu += m[j] * in->w[j];
		v += in->w[j] * sw[j];
	}
	*sigma = sqrt(fmax(v, 0));
	free(m);
	free(sw);
}

json_t *
var_decompose(const struct risk_input *in, const double *cov, double *budget)
{
	double *m = xcalloc(in->k + 1, sizeof(*m)), *sw = xcalloc(in->k + 1, sizeof(*sw));
	double z = gsl_cdf_ugaussian_Pinv(1 - 0.95), mu, sp, total, mv, cv;
	json_t *arr = json_array();
	size_t j;

	col_means(in, m);
	cov_times_w(in, cov, sw);
	port_moments(in, cov, &mu, &sp);
	total = mu + sp * z;
	*budget = sp < 1e-12 ? NAN : 0;
	for (j = 0; j < in->k; j++) {
		mv = sp < 1e-12 ? 0 : m[j] + sw[j] * z / sp;
		cv = in->w[j] * mv;
		if (sp >= 1e-12)
			*budget = fmax(*budget, fabs(cv / total));
		json_array_append_new(arr, json_pack("{s:s,s:o,s:o,s:o,s:o}",
		    "instrument", in->id[j], "weight", jnum(in->w[j]),
		    "marginal_var", jnum(mv), "component_var", jnum(cv),
		    "pct", sp < 1e-12 ? json_null() : jnum(cv / total)));
	}
	free(m);
	free(sw);
	return arr;
}
