/*
 * VaR back-tests (docs/RISK.md "Back-test"): Kupiec's proportion of failures,
 * Christoffersen's independence and their conditional-coverage sum, and the
 * Basel traffic light, from a sequence of exception indicators.
 */
#ifndef VARBT_H
#define VARBT_H

#include <stddef.h>

struct varbt {
	size_t n, x;		/* days and exceptions */
	double rate;		/* x / n */
	double lr_pof, p_pof;	/* Kupiec: LR ~ chi2(1) and its p-value */
	size_t n00, n01, n10, n11;	/* transitions of the indicator */
	double lr_ind, p_ind;	/* Christoffersen independence, chi2(1) */
	double lr_cc, p_cc;	/* conditional coverage: lr_pof + lr_ind, chi2(2) */
};

/*
 * hit: n indicators (nonzero: the day's loss exceeded its VaR), p the VaR's tail
 * probability (0.05 for VaR95). Undefined statistics (n = 0, fewer than two days
 * for the transitions) are NAN. Returns 0, or -1 when p is not in (0, 1).
 */
int varbt_compute(const unsigned char *hit, size_t n, double p, struct varbt *out);

/* Basel traffic light for x exceptions of a 99 % VaR over 250 days. */
const char *varbt_basel_zone(size_t x);

#endif
