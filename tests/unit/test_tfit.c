/*
 * Student-t MLE against scipy.stats.t.fit (tests/oracles/risk_tfit.py wrote
 * tests/fixtures/risk/tfit.json): parameters close to scipy's, and our
 * log-likelihood at least scipy's (scipy stops Nelder-Mead early; we should not
 * be worse). The quantile table against gsl_cdf_tdist_Pinv.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <jansson.h>

#include "../../steps/risk/tfit.h"
#include "../../steps/risk/tquant.h"
#include "tap.h"

static void
fit_case(const json_t *c)
{
	const json_t *jx = json_object_get(c, "x");
	const char *name = json_string_value(json_object_get(c, "name"));
	size_t i, n = json_array_size(jx);
	double *x = malloc(n * sizeof(*x)), sdf, sll, ours_at_scipy;
	struct tfit f;
	char msg[128];

	for (i = 0; i < n; i++)
		x[i] = json_number_value(json_array_get(jx, i));
	sdf = json_number_value(json_object_get(c, "df"));
	sll = json_number_value(json_object_get(c, "loglik"));
	ours_at_scipy = t_loglik(x, n, sdf,
	    json_number_value(json_object_get(c, "loc")),
	    json_number_value(json_object_get(c, "scale")));
	snprintf(msg, sizeof(msg), "%s: t_loglik equals scipy's logpdf sum", name);
	check_dbl(ours_at_scipy, sll, 1e-9, msg);
	snprintf(msg, sizeof(msg), "%s: fit converges", name);
	check_int(tfit_mle(x, n, &f), 0, msg);
	snprintf(msg, sizeof(msg), "%s: loglik >= scipy's - 1e-9", name);
	check(f.loglik >= sll - 1e-9, msg);
	if (!(f.loglik >= sll - 1e-9))
		printf("#   ours %.12g scipy %.12g\n", f.loglik, sll);
	snprintf(msg, sizeof(msg), "%s: df close to scipy's", name);
	check_dbl(f.df, sdf, 0.02, msg);
	snprintf(msg, sizeof(msg), "%s: loc close to scipy's", name);
	check_dbl(f.loc, json_number_value(json_object_get(c, "loc")), 1e-5, msg);
	snprintf(msg, sizeof(msg), "%s: scale close to scipy's", name);
	check_dbl(f.scale, json_number_value(json_object_get(c, "scale")), 2e-3, msg);
	free(x);
}

static void
bad_input(void)
{
	double c[40], nan2[3] = { 0.1, NAN, 0.2 };
	struct tfit f;
	size_t i;

	for (i = 0; i < 40; i++)
		c[i] = 0.01;
	check_int(tfit_mle(c, 40, &f), -1, "constant data: fit refused");
	check_int(tfit_mle(c, 1, &f), -1, "one observation: fit refused");
	check_int(tfit_mle(nan2, 3, &f), -1, "NaN in data: fit refused");
}

/* The table against gsl_cdf_tdist_Pinv (itself checked against t.ppf in bats). */
static void
table(void)
{
	double dfs[] = { 1.0, 1.5, 3.0, 5.0, 30.0, 300.0 }, z, exact, got, worst, tol;
	struct tquant q;
	size_t i;
	int k;
	char msg[96];

	for (i = 0; i < sizeof(dfs) / sizeof(dfs[0]); i++) {
		tquant_init(&q, dfs[i]);
		worst = 0;
		for (k = -4000; k <= 4000; k++) {
			z = k * (TQ_ZMAX / 4000.0) * 0.999999;
			exact = gsl_cdf_tdist_Pinv(gsl_cdf_ugaussian_P(z), dfs[i]);
			if (z > 0)
				exact = -gsl_cdf_tdist_Pinv(gsl_cdf_ugaussian_P(-z), dfs[i]);
			got = tquant_eval(&q, z);
			worst = fmax(worst, fabs(got - exact) / fmax(1, fabs(exact)));
		}
		tol = dfs[i] < 1.5 ? 1e-5 : 1e-6;
		snprintf(msg, sizeof(msg), "table df=%g: relative error < %g", dfs[i], tol);
		check(worst < tol, msg);
		if (!(worst < tol))
			printf("#   worst %g\n", worst);
	}
	tquant_init(&q, 5.0);
	check_dbl(tquant_eval(&q, 50.0), tquant_eval(&q, TQ_ZMAX), 0,
	    "z beyond the clip equals the clip (u clipped to 1-1e-6)");
	check_dbl(tquant_eval(&q, 0), 0, 1e-15, "median is 0");
	tquant_init(&q, INFINITY);
	check_dbl(tquant_eval(&q, 1.2345), 1.2345, 0, "normal marginal is the identity");
	tquant_init(&q, exp(log(TFIT_DF_MAX)));
	check(q.normal, "df at the fit's cap (exp(log(1e6)) < 1e6) is a normal");
}

/*
 * df between about 0.54 and 0.80 (a fit on a series with many unchanged days can
 * land there): gsl_cdf_tdist_Pinv does not converge near the median and returns
 * NaN, which used to put NaN into the table and the Monte Carlo draws. Expected
 * values from scipy:
 *   /usr/bin/python3 -c 'from scipy import stats; print(stats.t.ppf(stats.norm.cdf(z), df))'
 */
static void
table_small_df(void)
{
	static const double zs[5] = { -4.5, -2.3263478740408408, -1.0, -0.3, -0.05 };
	static const struct {
		double df, want[5];
	} cases[] = {
		{ 0.55, { -1085670791.9565899, -535.49490897745034, -3.4688800385196665,
		    -0.46511991087349036, -0.072170615459017581 } },
		{ 0.60, { -188855114.35897997, -312.43805148293092, -3.0595850834909997,
		    -0.4505379746517047, -0.0704962618127392 } },
		{ 0.70, { -12235690.725516589, -135.57150572954617, -2.5288368096614282,
		    -0.42800492786352251, -0.067798288973826726 } },
		{ 0.80, { -1590484.4003402882, -73.36444900795054, -2.2051423187357915,
		    -0.41136205329015751, -0.065718373837195712 } },
	};
	static struct tquant q;
	size_t i, k;
	int m, c, finite;
	double got, worst;
	char msg[96];

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		tquant_init(&q, cases[i].df);
		for (finite = 1, m = 0; m < TQ_M; m++)
			for (c = 0; c < 4; c++)
				finite &= isfinite(q.c[m][c]) != 0;
		snprintf(msg, sizeof(msg), "table df=%g: every coefficient finite", cases[i].df);
		check(finite, msg);
		for (worst = 0, k = 0; k < 5; k++) {
			got = tquant_eval(&q, zs[k]);
			worst = fmax(worst, isfinite(got) ?
			    fabs(got / cases[i].want[k] - 1) : INFINITY);
			got = tquant_eval(&q, -zs[k]);
			worst = fmax(worst, isfinite(got) ?
			    fabs(got / -cases[i].want[k] - 1) : INFINITY);
		}
		snprintf(msg, sizeof(msg), "table df=%g: scipy's t.ppf within 1e-4", cases[i].df);
		check(worst < 1e-4, msg);
		if (!(worst < 1e-4))
			printf("#   worst %g\n", worst);
	}
}

int
main(void)
{
	json_error_t err;
	json_t *doc = json_load_file("tests/fixtures/risk/tfit.json", 0, &err);
	size_t i;

	if (doc == NULL) {
		printf("Bail out! tests/fixtures/risk/tfit.json: %s\n", err.text);
		return 1;
	}
	for (i = 0; i < json_array_size(json_object_get(doc, "cases")); i++)
		fit_case(json_array_get(json_object_get(doc, "cases"), i));
	json_decref(doc);
	bad_input();
	table();
	gsl_set_error_handler_off();	/* as step-risk's main() */
	table_small_df();
	return test_done();
}
