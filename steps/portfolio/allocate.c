/*
 * The allocator (docs/STRATEGIES.md "Portfolio construction"): the risk covariance
 * Sigma (common/riskcov.h: shrunk correlations of standardised returns, each
 * instrument's own vol, half-life config.portfolio.half_life) of the daily returns
 * of every instrument a package holds (common/instrument.h) over
 * config.portfolio.window business days, keeping only days on which every one has
 * a finite return; the package covariance
 * Sigma_pkg = L' Sigma L (L: instruments x packages, the unit legs); sizes with
 * risk contributions equal to the packages' budgets (erc_solve on Sigma_pkg).
 * Fallbacks, with a warning: no solution (e.g. two opposite packages on one
 * instrument make a riskless long-only book) gives sizes budget/vol of each
 * package; fewer than min_observations days give equal sizes.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "die.h"
#include "erc.h"
#include "portfolio.h"
#include "riskcov.h"
#include "xalloc.h"

/* The instruments the packages hold, into b->idx / b->row; returns their count. */
static size_t
held(struct book *b, const struct instrument **ins)
{
	size_t i, k = 0;

	for (i = 0; i < n_instruments; i++) {
		b->row[i] = -1;
		if (b->l[i].active) {
			b->row[i] = (int)k;
			b->idx[k] = (int)i;
			ins[k++] = &instruments[i];
		}
	}
	return k;
}

/* Sigma_pkg = L' Sigma L into a new b->pcov. */
static void
package_cov(struct book *b)
{
	size_t p, q;
	int i, j;

	b->pcov = xcalloc(b->np * b->np, sizeof *b->pcov);
	for (p = 0; p < b->np; p++)
		for (q = 0; q <= p; q++) {
			const struct pkg *a = &b->p[p], *c = &b->p[q];
			double s = 0;

			for (i = 0; i < a->nleg; i++)
				for (j = 0; j < c->nleg; j++)
					s += a->leg[i] * c->leg[j] *
					    b->cov[b->row[a->ins[i]] * (int)b->k + b->row[c->ins[j]]];
			b->pcov[p * b->np + q] = b->pcov[q * b->np + p] = s;
		}
}

/* Sizes budget/vol (inverse vol with budgets), normalised to sum 1; -1 if a vol is 0. */
static int
inverse_vol(struct book *b)
{
	double s = 0;
	size_t p;

	for (p = 0; p < b->np; p++) {
		double v = b->pcov[p * b->np + p];

		if (!(v > 0))
			return -1;
		s += b->p[p].erc = b->p[p].budget / sqrt(v);
	}
	for (p = 0; p < b->np; p++)
		b->p[p].erc /= s;
	return 0;
}

static void
equal_sizes(struct book *b)
{
	size_t p;

	b->method = "equal_risk";
	b->basis = "equal_weight";
	for (p = 0; p < b->np; p++)
		b->p[p].erc = 1 / (double)b->np;
}

void
book_solve(struct book *b)
{
	double budget[MAXPKG], w[MAXPKG];
	size_t p;

	b->method = "risk_budget";
	package_cov(b);
	for (p = 0; p < b->np; p++)
		budget[p] = b->p[p].budget;
	if (erc_solve(b->pcov, b->np, budget, ERC_TOL, ERC_MAXITER, w, NULL) == 0) {
		for (p = 0; p < b->np; p++)
			b->p[p].erc = w[p];
		return;
	}
	snprintf(b->warning, sizeof b->warning, "risk budget solver failed (%s): "
	    "budget / package vol instead", errno == ERANGE ? "no convergence" :
	    errno == EDOM ? "no long-only solution" : "covariance not usable");
	warn("%s", b->warning);
	b->method = "equal_risk";
	b->basis = "inverse_vol";
	if (inverse_vol(b) < 0)
		equal_sizes(b);
}

void
book_allocate(struct book *b, const struct dataset *ds, const struct pconf *pc)
{
	const struct instrument *ins[MAXINS];
	struct riskcov_opt o = { pc->half_life, 1 };
	struct riskcov_info ci;
	size_t k = held(b, ins), rows;
	day_t *cal;
	double *R;

	b->method = "risk_budget";
	b->basis = "erc_riskcov";
	if (b->np == 0)
		return;
	rows = instrument_matrix(ds, ins, k, (size_t)pc->window, &cal, &R);
	b->observations = rows;
	if (rows >= (size_t)pc->min_obs && riskcov_estimate(R, rows, k, &o, b->cov, &ci) == 0) {
		b->shrinkage = ci.shrinkage;
		b->effective = ci.effective;
		b->k = k;
		book_solve(b);
	} else {
		snprintf(b->warning, sizeof b->warning, "%zu aligned observations, fewer "
		    "than %ld: equal sizes", rows, pc->min_obs);
		equal_sizes(b);
	}
	free(cal);
	free(R);
}
