/*
 * common/hpfilter.c against statsmodels.tsa.filters.hp_filter.hpfilter (lambda 1600
 * and 14400, long and short series) from tests/oracles/agents_numerics.py, plus
 * hand-checked properties: a straight line is its own trend, lambda 0 gives y.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "hpfilter.h"
#include "tap.h"

#define CASES "tests/fixtures/agents/hp_cases.txt"

static void
run_case(FILE *f, const char *name, size_t n, double lam)
{
	double *y = malloc(n * sizeof *y), *want = malloc(n * sizeof *want);
	double *got = malloc(n * sizeof *got), worst = 0;
	char label[128];
	size_t i;

	for (i = 0; i < n; i++)
		if (fscanf(f, "%lf", &y[i]) != 1)
			goto bad;
	for (i = 0; i < n; i++)
		if (fscanf(f, "%lf", &want[i]) != 1)
			goto bad;
	snprintf(label, sizeof label, "%s: filter returns 0", name);
	check_int(hp_filter(y, n, lam, got), 0, label);
	for (i = 0; i < n; i++)
		worst = fmax(worst, fabs(got[i] - want[i]) / fabs(want[i]));
	snprintf(label, sizeof label, "%s: trend = statsmodels (max rel err)", name);
	check_dbl(worst, 0, 1e-10, label);
	goto out;
bad:
	check(0, "fixture readable");
out:
	free(y);
	free(want);
	free(got);
}

static void
properties(void)
{
	double y[50], t[50], worst = 0;
	int i;

	for (i = 0; i < 50; i++)
		y[i] = 3 + 0.5 * i;
	check_int(hp_filter(y, 50, 14400, t), 0, "line: returns 0");
	for (i = 0; i < 50; i++)
		worst = fmax(worst, fabs(t[i] - y[i]));
	check_dbl(worst, 0, 1e-9, "line is its own trend");
	y[7] = 10;
	check_int(hp_filter(y, 50, 0, t), 0, "lambda 0: returns 0");
	check_dbl(t[7], 10, 1e-12, "lambda 0: trend = y");
	check_int(hp_filter(y, 2, 1600, t), 0, "n 2: returns 0");
	check_dbl(t[1], y[1], 0, "n 2: trend = y");
	y[3] = NAN;
	check_int(hp_filter(y, 50, 1600, t), -1, "NaN refused");
	check_int(hp_filter(y, 3, -1, t), -1, "negative lambda refused");
	/* In place. */
	for (i = 0; i < 50; i++)
		y[i] = i % 2;
	check_int(hp_filter(y, 50, 1e9, y), 0, "in place: returns 0");
	check_dbl(y[25], 0.5, 1e-3, "huge lambda: trend near the mean");
}

int
main(void)
{
	FILE *f = fopen(CASES, "r");
	char name[64];
	size_t n;
	double lam;

	properties();
	if (f == NULL) {
		check(0, "open " CASES);
		return test_done();
	}
	while (fscanf(f, "%63s %zu %lf", name, &n, &lam) == 3)
		run_case(f, name, n, lam);
	fclose(f);
	return test_done();
}
