/*
 * The allocator (docs/STRATEGIES.md "Portfolio construction"): the risk covariance
 * Sigma (common/riskcov.h: shrunk correlations of standardised returns, each
 * instrument's own vol, half-life config.portfolio.half_life) of the daily returns
 * of every instrument a package holds (common/instrument.h) over
 * config.portfolio.window business days, keeping only days on which every one has
 * a finite return; the package covariance
 * Sigma_pkg = L' Sigma L (L: instruments x packages, the unit legs); sizes with
 * risk contributions equal to the packages' budgets (erc_solve on Sigma_pkg).
 * Collinear packages (the same legs, same or opposite direction) are one group:
 * their budgets net (opposite views cancel) and the group is solved as one
 * asset, its size shared by the packages in proportion to their budgets.
 * Fallbacks, with a warning: no solution gives sizes budget/vol of each group;
 * fewer than min_observations days give equal sizes.
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

/* +1 or -1 when c's legs are a's (or their opposite), else 0. */
static int
collinear(const struct pkg *a, const struct pkg *c)
{
	int i, j, sign = 0, x;

	if (a->nleg != c->nleg)
		return 0;
	for (i = 0; i < a->nleg; i++) {
		for (j = 0; j < c->nleg && c->ins[j] != a->ins[i]; j++)
			;
		if (j == c->nleg)
			return 0;
		x = fabs(a->leg[i] - c->leg[j]) <= 1e-12 ? 1 :
		    fabs(a->leg[i] + c->leg[j]) <= 1e-12 ? -1 : 0;
		if (x == 0 || (sign != 0 && x != sign))
			return 0;
		sign = x;
	}
	return sign;
}

void
book_group(struct book *b)
{
	double tot = 0, kept = 0, net;
	size_t p, g;

	b->ng = 0;
	for (p = 0; p < b->np; p++) {
		struct pkg *k = &b->p[p];

		for (g = 0; g < b->ng; g++)
			if ((k->gsign = collinear(&b->p[b->grep[g]], k)) != 0)
				break;
		if (g == b->ng) {
			b->grep[b->ng++] = (int)p;
			k->gsign = 1;
		}
		k->group = (int)g;
		tot += k->budget;
	}
	for (g = 0; g < b->ng; g++) {
		for (net = 0, p = 0; p < b->np; p++)
			if (b->p[p].group == (int)g)
				net += b->p[p].gsign * b->p[p].budget;
		b->gsign[g] = net < 0 ? -1 : 1;
		/* Views that cancel to rounding hold nothing. */
		b->gbudget[g] = fabs(net) > 1e-9 * tot ? fabs(net) : 0;
		kept += b->gbudget[g];
	}
	b->kept = tot > 0 ? kept / tot : 1;
}

/*
 * Group sizes S into package sizes: package p of group g gets S_g b_p / B_g, so
 * the group nets to gsign_g x its first package's legs x S_g.
 */
static void
expand(struct book *b, const double *S)
{
	size_t p;

	for (p = 0; p < b->np; p++) {
		int g = b->p[p].group;

		b->p[p].erc = b->gbudget[g] > 0 ?
		    S[g] * b->p[p].budget / b->gbudget[g] : 0;
	}
}

/* The covariance of the groups held (net orientation), the active ones in act. */
static size_t
group_cov(const struct book *b, double *G, int *act)
{
	size_t g, h, n = 0;

	for (g = 0; g < b->ng; g++)
		if (b->gbudget[g] > 0)
			act[n++] = (int)g;
	for (g = 0; g < n; g++)
		for (h = 0; h < n; h++)
			G[g * n + h] = b->gsign[act[g]] * b->gsign[act[h]] *
			    b->pcov[b->grep[act[g]] * (int)b->np + b->grep[act[h]]];
	return n;
}

/* Group sizes B_g / vol_g, normalised to sum 1; -1 if a vol is 0. */
static int
inverse_vol(const double *G, size_t n, const double *bud, double *S)
{
	double s = 0;
	size_t g;

	for (g = 0; g < n; g++) {
		if (!(G[g * n + g] > 0))
			return -1;
		s += S[g] = bud[g] / sqrt(G[g * n + g]);
	}
	for (g = 0; g < n; g++)
		S[g] /= s;
	return 0;
}

/* Equal sizes for the groups that hold something (no covariance needed). */
static void
equal_sizes(struct book *b)
{
	double S[MAXPKG] = { 0 };
	size_t g, n = 0;

	b->method = "equal_risk";
	b->basis = "equal_weight";
	book_group(b);
	for (g = 0; g < b->ng; g++)
		n += b->gbudget[g] > 0;
	for (g = 0; g < b->ng; g++)
		S[g] = b->gbudget[g] > 0 ? 1 / (double)n : 0;
	expand(b, S);
}

void
book_solve(struct book *b)
{
	double *G, bud[MAXPKG], w[MAXPKG], S[MAXPKG] = { 0 };
	int act[MAXPKG];
	size_t g, n;

	b->method = "risk_budget";
	package_cov(b);
	book_group(b);
	G = xcalloc(b->ng * b->ng + 1, sizeof *G);
	n = group_cov(b, G, act);
	for (g = 0; g < n; g++)
		bud[g] = b->gbudget[act[g]];
	if (n == 0 || erc_solve(G, n, bud, ERC_TOL, ERC_MAXITER, w, NULL) == 0) {
		for (g = 0; g < n; g++)
			S[act[g]] = w[g];
		expand(b, S);
		free(G);
		return;
	}
	snprintf(b->warning, sizeof b->warning, "risk budget solver failed (%s): "
	    "budget / package vol instead", errno == ERANGE ? "no convergence" :
	    errno == EDOM ? "no long-only solution" : "covariance not usable");
	warn("%s", b->warning);
	b->method = "equal_risk";
	b->basis = "inverse_vol";
	if (inverse_vol(G, n, bud, w) == 0) {
		for (g = 0; g < n; g++)
			S[act[g]] = w[g];
		expand(b, S);
	} else
		equal_sizes(b);
	free(G);
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
