/*
 * step-portfolio: each strategy position is a package (its legs, ratio fixed);
 * equal risk contribution (or configured budgets) across packages on the
 * package covariance L' Sigma L, conviction on the budgets, the book scaled to
 * the vol target both ways, conflict dampening, the desk's limits cutting
 * package sizes where they bind, netting per instrument, desk units and trades
 * (docs/STRATEGIES.md "Portfolio").
 */
#ifndef PORTFOLIO_H
#define PORTFOLIO_H

#include <stddef.h>
#include <jansson.h>

#include "dataset.h"
#include "domain.h"
#include "instrument.h"

#define MAXINS 32		/* >= n_instruments */
#define MAXPKG 128		/* packages (strategies.positions entries) */
#define MAXLEG 8		/* legs of one package */

/* Configuration (config.portfolio.*), defaults in docs/STRATEGIES.md. */
struct pconf {
	double nav;			/* BRL */
	double max_notional[IK_COUNT];	/* per instrument, x NAV, by kind */
	double max_class[IK_COUNT];	/* sum over a kind's instruments, x NAV */
	double max_gross;		/* gross notional, x NAV */
	double max_risk_share;		/* of ex-ante variance, per package */
	double drift_threshold, min_trade;
	double conflict_dampening;	/* clamped to [0.5, 0.7] */
	double target_vol;		/* annualised; <= 0: unit gross */
	double half_life;		/* covariance weights, days; 0: equal */
	long min_obs, window;
	const json_t *budgets;		/* config.portfolio.budgets or NULL */
};

/* One package: a strategies.positions entry. */
struct pkg {
	const char *sid;	/* borrowed from the state */
	int nleg;
	int ins[MAXLEG];	/* instrument index */
	double leg[MAXLEG];	/* unit legs: signed, max |leg| = 1 */
	double conv;		/* confidence x strength multiplier, >= 0.1 */
	double budget;		/* configured budget x conv */
	int dampened;		/* a leg is in a conflicting asset class */
	double erc;		/* size from the allocator, sum 1 */
	double size;		/* final size, x NAV per unit leg */
	double risk_share;	/* of the final book's variance, of its group */
	int group;		/* its group of collinear packages */
	int gsign;		/* legs = gsign x the group's first package's legs */
};

/* One instrument of the book; index = position in instruments[]. */
struct line {
	int active;		/* some leg mentions it */
	double net;		/* sum of the raw leg weights */
	json_t *contributors;	/* strategy ids, owned */
	double w;		/* final weight = notional / NAV, netted */
	int dampened;
};

/* What one limit did: notional and annualised vol it removed. */
struct cut {
	int binding;
	double nav, vol;
	char detail[512];
};

enum { LIMIT_NOTIONAL, LIMIT_CLASS, LIMIT_GROSS, LIMIT_SHARE, LIMIT_COUNT };

struct book {
	struct line l[MAXINS];
	struct pkg p[MAXPKG];
	size_t np;
	const char *method;	/* "risk_budget" or "equal_risk" */
	const char *basis;	/* how the sizes were found */
	size_t observations;
	double shrinkage;	/* NAN when not computed */
	double effective;	/* effective observations of the weights */
	double cov[MAXINS * MAXINS];	/* daily covariance of the instruments in idx */
	int idx[MAXINS];	/* cov row -> instrument index */
	int row[MAXINS];	/* instrument index -> cov row, -1 */
	size_t k;		/* rows of cov in use (0: none) */
	double *pcov;		/* np x np package covariance, NULL without cov */
	/*
	 * Groups of collinear packages (same legs, same or opposite sign): the views
	 * net inside a group before the budgets are solved (docs/STRATEGIES.md).
	 */
	size_t ng;
	int grep[MAXPKG];	/* group -> its first package */
	int gsign[MAXPKG];	/* sign of the group's net budget */
	double gbudget[MAXPKG];	/* |sum of gsign_p x budget_p| */
	double kept;		/* sum of group budgets / sum of package budgets */
	double target, vol_scale, vol_sized, vol_dampened, ex_ante_vol;
	double regime_score, regime_scale;
	const char *regime;
	struct cut cut[LIMIT_COUNT];
	char warning[200];
};

void pconf_read(struct pconf *pc, const json_t *state);
/* Packages and the raw netting of strategies.positions (dies EXIT_DATAERR). */
void book_net(struct book *b, const json_t *state, const struct pconf *pc);
/* Group collinear packages and net their budgets (book_solve calls it). */
void book_group(struct book *b);
void book_release(struct book *b);
/* Instrument and package covariance; ERC (or budgets) across packages. */
void book_allocate(struct book *b, const struct dataset *ds, const struct pconf *pc);
/*
 * Sigma_pkg from b->cov (b->k rows, b->row) into a new b->pcov and the sizes
 * (erc, or the fallbacks); book_allocate's second half.
 */
void book_solve(struct book *b);
/* Vol target to target_vol x regime scale, then conflict dampening. */
void book_size(struct book *b, const json_t *state, const struct pconf *pc);
/* Netted weights w = L s into b->l[].w. */
void book_weights(struct book *b);
/* Annualised ex-ante vol of the package sizes (NAN without covariance). */
double book_vol(const struct book *b);
/* Sum of |instrument weight| of the book (x NAV). */
double book_gross(const struct book *b);
/* The limits, cutting package sizes; the constraints array (new). */
json_t *book_constrain(struct book *b, const struct pconf *pc);
/*
 * Trades against the previous weights; may replace the targets by the previous
 * weights when the drift is within the threshold. Sets *source and *rebalance.
 */
json_t *book_trades(struct book *b, const json_t *state, const struct pconf *pc,
    const char **source, int *rebalance, json_t **weights);
/* Desk units: per instrument notional, DV01, USD delta; totals (new objects). */
void book_desk(const struct dataset *ds, const struct pconf *pc, const json_t *weights,
    json_t *lines, json_t **totals);

/*
 * pnl.c: portfolio.pnl, the realised P&L of the previous run's book from its
 * as_of to today's (docs/STATE.md "portfolio"); new reference.
 */
json_t *book_pnl(const json_t *state, const struct dataset *ds, const struct pconf *pc);

/* New reference: the "portfolio" section. */
json_t *portfolio_compute(const json_t *state);

#endif
