/*
 * common/ols.c against statsmodels OLS: coefficients, standard errors, R^2 and
 * adjusted R^2 on the cases of tests/oracles/agents_numerics.py (relative 1e-9);
 * a rank-deficient design and too few rows are refused.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ols.h"
#include "tap.h"

#define CASES "tests/fixtures/agents/ols_cases.txt"

static int
rd(FILE *f, double *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (fscanf(f, "%lf", &v[i]) != 1)
			return -1;
	return 0;
}

static void
run_case(FILE *f, const char *name, size_t n, size_t k)
{
	double *X = malloc(n * k * sizeof *X), *y = malloc(n * sizeof *y);
	double beta[8], se[8], r2[2];
	struct ols o;
	char label[128];
	size_t j;

	if (rd(f, X, n * k) || rd(f, y, n) || rd(f, beta, k) || rd(f, se, k) ||
	    rd(f, r2, 2)) {
		check(0, "fixture readable");
		goto out;
	}
	snprintf(label, sizeof label, "%s: fit returns 0", name);
	check_int(ols_fit(&o, X, y, n, k), 0, label);
	for (j = 0; j < k; j++) {
		snprintf(label, sizeof label, "%s: beta[%zu] = statsmodels", name, j);
		check_dbl(o.beta[j], beta[j], 1e-9, label);
		snprintf(label, sizeof label, "%s: se[%zu] = statsmodels bse", name, j);
		check_dbl(o.se[j], se[j], 1e-9, label);
	}
	snprintf(label, sizeof label, "%s: R2 = statsmodels rsquared", name);
	check_dbl(o.r2, r2[0], 1e-9, label);
	snprintf(label, sizeof label, "%s: adjusted R2", name);
	check_dbl(o.adj_r2, r2[1], 1e-9, label);
	check_int(o.rank, k, "full rank reported");
	ols_release(&o);
out:
	free(X);
	free(y);
}

/* y = 1 + 2x exactly: hand-checked coefficients, R^2 1, zero standard errors. */
static void
exact_line(void)
{
	double X[10], y[5];
	struct ols o;
	int i;

	for (i = 0; i < 5; i++) {
		X[2 * i] = 1;
		X[2 * i + 1] = i;
		y[i] = 1 + 2 * i;
	}
	check_int(ols_fit(&o, X, y, 5, 2), 0, "exact line fits");
	check_dbl(o.beta[0], 1, 1e-12, "exact line: intercept 1");
	check_dbl(o.beta[1], 2, 1e-12, "exact line: slope 2");
	check_dbl(o.r2, 1, 1e-12, "exact line: R2 1");
	check_dbl(o.se[1], 0, 1e-12, "exact line: se 0");
	check_dbl(ols_predict(&o, (double[]){1, 10}), 21, 1e-12, "predict at 10");
	ols_release(&o);
}

static void
refusals(void)
{
	double X[12], y[4] = {1, 2, 3, 5};
	struct ols o;
	int i;

	for (i = 0; i < 4; i++) {	/* third column = 2 * second */
		X[3 * i] = 1;
		X[3 * i + 1] = i;
		X[3 * i + 2] = 2 * i;
	}
	check_int(ols_fit(&o, X, y, 4, 3), -1, "rank-deficient design refused");
	check_int(o.rank, 2, "rank 2 reported");
	check_int(ols_fit(&o, X, y, 3, 3), -1, "n <= k refused");
	X[4] = NAN;
	check_int(ols_fit(&o, X, y, 4, 2), -1, "NaN regressor refused");
}

/*
 * One value of 1e200 among ordinary ones (issue 10 item 3): GSL's Jacobi SVD
 * does not converge or the sums overflow; the fit is refused (-1) instead of
 * GSL's default handler aborting the process.
 */
static void
extreme_value(void)
{
	double X[2 * 40], y[40];
	struct ols o;
	int i;

	for (i = 0; i < 40; i++) {
		X[2 * i] = 1;
		X[2 * i + 1] = 70 + (i % 7);
		y[i] = 0.5 * i;
	}
	X[2 * 17 + 1] = 1e200;
	check_int(ols_fit(&o, X, y, 40, 2), -1, "1e200 regressor refused, no abort");
	X[2 * 17 + 1] = 1e-300;
	X[2 * 18 + 1] = 1e200;
	y[3] = 1e200;
	check_int(ols_fit(&o, X, y, 40, 2), -1, "1e200 response refused, no abort");
}

int
main(void)
{
	FILE *f = fopen(CASES, "r");
	char name[64];
	size_t n, k;

	exact_line();
	refusals();
	extreme_value();
	if (f == NULL) {
		check(0, "open " CASES);
		return test_done();
	}
	while (fscanf(f, "%63s %zu %zu", name, &n, &k) == 3)
		run_case(f, name, n, k);
	fclose(f);
	return test_done();
}
