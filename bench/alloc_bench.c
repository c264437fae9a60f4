/*
 * alloc_bench: time step-portfolio's allocator on seeded random books (make bench;
 * target 5 ms for 50 packages over 20 instruments). Returns of 20 instruments
 * (756 days, 5 factors, vols 0.1 % to 2 %), covariance by common/riskcov
 * (half-life 90), 50 packages of 1 to 3 legs with random signed ratios and
 * budgets; timed: riskcov_estimate, then book_solve (L' Sigma L and the risk
 * budgets) and book_size (vol target). The limits (book_constrain) need the
 * instrument kinds of the table, so they are timed on a second book of 50
 * packages over the table's instruments with a tight rate cap and risk share
 * that bind. Prints medians of `reps` runs.
 *   alloc_bench [reps]      (default 200)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "../steps/portfolio/portfolio.h"
#include "riskcov.h"
#include "factor.h"
#include "timing.h"

#define NI 20
#define NP 50
#define T 756

static struct book b;


/* NP packages of 1-3 legs over the first ni instruments. */
static void
packages(gsl_rng *r, size_t ni)
{
	size_t p;
	int j;

	b.np = NP;
	for (p = 0; p < NP; p++) {
		struct pkg *k = &b.p[p];

		memset(k, 0, sizeof *k);
		k->sid = "BENCH";
		k->nleg = 1 + (int)gsl_rng_uniform_int(r, 3);
		for (j = 0; j < k->nleg; j++) {
			k->ins[j] = (int)((p + (size_t)j * 7) % ni);
			k->leg[j] = j == 0 ? 1 : 2 * gsl_rng_uniform(r) - 1;
		}
		k->budget = 0.1 + gsl_rng_uniform(r);
	}
}

int
main(int argc, char *argv[])
{
	int reps = argc > 1 ? atoi(argv[1]) : 200, i;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double *X = malloc(T * NI * sizeof *X), cov[NI * NI], *tc, *ta, *tl, t0;
	struct riskcov_opt o = { RISKCOV_HALF_LIFE_ALLOC, 1 };
	struct pconf pc = { 0 };
	json_t *st = json_pack("{s:{s:{s:f}}}", "aggregate", "regime", "score", -0.5), *c;
	size_t p, q;

	if (reps < 1)
		reps = 1;
	tc = calloc((size_t)reps, sizeof *tc);
	ta = calloc((size_t)reps, sizeof *ta);
	tl = calloc((size_t)reps, sizeof *tl);
	gsl_rng_set(r, 42);
	factor_returns(r, NI, T, X);
	for (i = 0; i < IK_COUNT; i++) {
		pc.max_notional[i] = 5;
		pc.max_class[i] = 15;
	}
	pc.max_notional[IK_RATE] = 0.5;
	pc.max_gross = 20;
	pc.max_risk_share = 0.1;
	pc.target_vol = 0.10;
	pc.conflict_dampening = 0.6;
	pc.nav = 1e9;
	for (i = 0; i < reps; i++) {
		t0 = now_ms();
		riskcov_estimate(X, T, NI, &o, cov, NULL);
		tc[i] = now_ms() - t0;
		memset(&b, 0, sizeof b);
		gsl_rng_set(r, 7);
		packages(r, NI);
		b.k = NI;
		for (p = 0; p < NI; p++)
			b.row[p] = (int)p;
		memcpy(b.cov, cov, sizeof cov);
		t0 = now_ms();
		book_solve(&b);
		book_size(&b, st, &pc);
		ta[i] = now_ms() - t0;
		free(b.pcov);
		/* The limits on the table's instruments, sizes from the same solve. */
		memset(&b, 0, sizeof b);
		gsl_rng_set(r, 7);
		packages(r, n_instruments);
		b.k = n_instruments;
		for (p = 0; p < n_instruments; p++)
			for (b.row[p] = (int)p, q = 0; q < n_instruments; q++)
				b.cov[p * n_instruments + q] = cov[p * NI + q];
		book_solve(&b);
		book_size(&b, st, &pc);
		t0 = now_ms();
		c = book_constrain(&b, &pc);
		tl[i] = now_ms() - t0;
		if (i == 0)
			printf("first run: allocator %s, limits binding: notional %d, class %d, "
			    "gross %d, risk share %d\n", b.method, b.cut[0].binding,
			    b.cut[1].binding, b.cut[2].binding, b.cut[3].binding);
		json_decref(c);
		free(b.pcov);
	}
	printf("allocator, %d packages over %d instruments (median of %d):\n", NP, NI, reps);
	printf("  riskcov_estimate (%d x %d)      %7.3f ms\n", T, NI, median(tc, reps));
	printf("  book_solve + book_size          %7.3f ms\n", median(ta, reps));
	printf("  book_constrain (%zu instruments) %7.3f ms\n", n_instruments, median(tl, reps));
	printf("  together                        %7.3f ms   target 5 ms\n",
	    median(tc, reps) + median(ta, reps) + median(tl, reps));
	json_decref(st);
	gsl_rng_free(r);
	free(X);
	free(tc);
	free(ta);
	free(tl);
	return 0;
}
