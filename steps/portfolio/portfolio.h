/*
 * step-portfolio: netting, risk parity on the Ledoit-Wolf covariance, conviction
 * overlay, conflict dampening, volatility target, regime scaling, the capital
 * allocator's constraints and trades (docs/MODELS.md 6.1-6.2, docs/MODELS.md,
 * docs/STRATEGIES.md).
 */
#ifndef PORTFOLIO_H
#define PORTFOLIO_H

#include <stddef.h>
#include <jansson.h>

#include "dataset.h"
#include "instrument.h"

#define MAXINS 32		/* >= n_instruments */

/* Configuration (config.portfolio.*), with the reference's defaults. */
struct pconf {
	double max_single, max_class, max_leverage;
	double limit_buffer;		/* binding constraints stop this far inside */
	double drift_threshold, min_trade;
	double conflict_dampening;	/* clamped to [0.5, 0.7] */
	double target_vol;		/* annualised; <= 0: unit gross (the reference) */
	double max_vol_scale;		/* largest scale the vol target may apply */
	long min_obs, window;
};

/* One instrument of the book; index = position in instruments[]. */
struct line {
	int active;		/* some leg mentions it */
	double net;		/* sum of the leg weights */
	double conv_sum;	/* sum of conf * strength multiplier over contributors */
	int conv_n;
	json_t *contributors;	/* strategy ids, owned */
	double rp, conv, w;	/* signed: risk parity, conviction, final */
	int dampened;
};

struct book {
	struct line l[MAXINS];
	const char *method;	/* "risk_parity" or "equal_risk" */
	const char *basis;	/* how the weights were found */
	size_t observations;
	double shrinkage;	/* NAN when not computed */
	double cov[MAXINS * MAXINS];	/* daily covariance of the risk-parity set */
	int idx[MAXINS];	/* cov row -> instrument index */
	size_t k;		/* rows of cov in use (0: none) */
	double ex_ante_vol, vol_scale;
	double regime_score, regime_scale;
	const char *regime;
	char warning[200];
};

void pconf_read(struct pconf *pc, const json_t *state);
/* Net strategies.positions into b (dies EXIT_DATAERR naming the path). */
void book_net(struct book *b, const json_t *state);
void book_release(struct book *b);
/* Risk parity (or the equal-risk fallback), signed by the net weights. */
void book_risk_parity(struct book *b, const struct dataset *ds, const struct pconf *pc);
/* Conviction overlay, volatility target, conflict dampening and regime scaling. */
void book_overlay(struct book *b, const json_t *state, const struct pconf *pc);
/* New reference: the allocator's constraints applied to b->l[].w, in order. */
json_t *book_constrain(struct book *b, const struct pconf *pc);
/*
 * New reference: trades against the previous weights; may replace the targets by
 * the previous weights when the drift is within the threshold. Sets *source and
 * *rebalance.
 */
json_t *book_trades(struct book *b, const json_t *state, const struct pconf *pc,
    const char **source, int *rebalance, json_t **weights);

/* New reference: the "portfolio" section. */
json_t *portfolio_compute(const json_t *state);

#endif
