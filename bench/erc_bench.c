/*
 * erc_bench: time common/erc.c (and the Ledoit-Wolf fit feeding it) on seeded
 * random covariances. For each size n: Sigma = Ledoit-Wolf of 756 x n returns
 * from a 5-factor model, then erc_solve; prints the median time of `reps` solves,
 * the Newton steps and the RC spread.
 *   erc_bench [n ...]     (default 11 100 500)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "erc.h"
#include "ledoitwolf.h"
#include "parse.h"
#include "factor.h"
#include "timing.h"

static void
bench(gsl_rng *r, size_t n, int reps)
{
	double *X = malloc(756 * n * sizeof *X), *S = malloc(n * n * sizeof *S);
	double *w = malloc(n * sizeof *w), *rc = malloc(n * sizeof *rc), t[32], t0, lw_ms;
	double spread = 0, shrink;
	struct erc_info info;
	size_t i;
	int k, rcode = 0;

	factor_returns(r, n, 756, X);
	t0 = now_ms();
	ledoit_wolf(X, 756, n, S, &shrink);
	lw_ms = now_ms() - t0;
	for (k = 0; k < reps; k++) {
		t0 = now_ms();
		rcode |= erc_solve(S, n, NULL, ERC_TOL, ERC_MAXITER, w, &info);
		t[k] = now_ms() - t0;
	}
	erc_contributions(S, n, w, rc);
	for (i = 0; i < n; i++)
		spread = fmax(spread, fabs(rc[i] * (double)n - 1));
	printf("n=%-4zu ledoit_wolf(756x%zu) %8.2f ms   erc_solve median %8.2f ms  "
	    "(%d Newton steps, RC spread %.2g%s)\n", n, n, lw_ms, median(t, reps), info.iterations,
	    spread, rcode ? ", FAILED" : "");
	free(X);
	free(S);
	free(w);
	free(rc);
}

int
main(int argc, char *argv[])
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	long n;
	int i;

	gsl_rng_set(r, 20240115);
	if (argc == 1) {
		bench(r, 11, 21);
		bench(r, 100, 11);
		bench(r, 500, 5);
	}
	for (i = 1; i < argc; i++)
		if (parse_long(argv[i], 1, 5000, &n) == 0)
			bench(r, (size_t)n, 5);
	gsl_rng_free(r);
	return 0;
}
