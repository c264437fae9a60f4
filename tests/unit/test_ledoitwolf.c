/*
 * common/ledoitwolf.c against scikit-learn's LedoitWolf: the cases and expected
 * values come from tests/oracles/portfolio_ledoitwolf.py (relative error 1e-9).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ledoitwolf.h"
#include "tap.h"

#define CASES "tests/fixtures/portfolio/ledoitwolf_cases.txt"

static int
read_vec(FILE *f, double *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (fscanf(f, "%lf", &v[i]) != 1)
			return -1;
	return 0;
}

/* Largest |a-b|/max(|b|, floor) over the matrix, floor = 1e-9 of its largest entry. */
static double
max_relerr(const double *a, const double *b, size_t n)
{
	double big = 0, worst = 0, d;
	size_t i;

	for (i = 0; i < n; i++)
		if (fabs(b[i]) > big)
			big = fabs(b[i]);
	for (i = 0; i < n; i++) {
		d = fabs(a[i] - b[i]) / fmax(fabs(b[i]), 1e-9 * big);
		if (d > worst)
			worst = d;
	}
	return worst;
}

static void
run_case(FILE *f, const char *name, size_t n, size_t p)
{
	double *X, *want, *got, s_want, s_got;
	char label[128];

	X = malloc(n * p * sizeof *X);
	want = malloc(p * p * sizeof *want);
	got = malloc(p * p * sizeof *got);
	if (read_vec(f, X, n * p) || read_vec(f, &s_want, 1) ||
	    read_vec(f, want, p * p)) {
		check(0, "fixture readable");
		goto out;
	}
	snprintf(label, sizeof label, "%s: returns 0", name);
	check_int(ledoit_wolf(X, n, p, got, &s_got), 0, label);
	snprintf(label, sizeof label, "%s: shrinkage equals sklearn", name);
	check_dbl(fabs(s_got - s_want) / fmax(fabs(s_want), 1e-300), 0, 1e-9, label);
	snprintf(label, sizeof label, "%s: covariance equals sklearn (rel 1e-9)", name);
	check_dbl(max_relerr(got, want, p * p), 0, 1e-9, label);
out:
	free(X);
	free(want);
	free(got);
}

static void
test_bad_input(void)
{
	double X[6] = { 1, 2, 3, 4, 5, 6 }, cov[4] = { 7, 7, 7, 7 }, s = -1;

	errno = 0;
	check_int(ledoit_wolf(X, 0, 2, cov, &s), -1, "n = 0 is an error");
	check_int(errno, EINVAL, "n = 0 sets EINVAL");
	check_int(ledoit_wolf(X, 3, 0, cov, &s), -1, "p = 0 is an error");
	X[3] = NAN;
	check_int(ledoit_wolf(X, 3, 2, cov, &s), -1, "NaN in X is an error");
	check(cov[0] == 7 && s == -1, "cov untouched on error");
	X[3] = 4;
	/* Constant columns: zero covariance, nothing to shrink towards. */
	{
		double C[6] = { 1, 2, 1, 2, 1, 2 };

		check_int(ledoit_wolf(C, 3, 2, cov, &s), 0, "constant data accepted");
		check(cov[0] == 0 && cov[3] == 0 && s == 0, "constant data: zero cov, no shrinkage");
	}
}

int
main(void)
{
	FILE *f;
	char name[64];
	size_t n, p, ncase = 0;

	if ((f = fopen(CASES, "r")) == NULL)
		f = fopen("../../" CASES, "r");
	check(f != NULL, "open " CASES);
	while (f != NULL && fscanf(f, " case %63s %zu %zu", name, &n, &p) == 3) {
		run_case(f, name, n, p);
		ncase++;
	}
	check(ncase >= 6, "all oracle cases read");
	if (f != NULL)
		fclose(f);
	test_bad_input();
	return test_done();
}
