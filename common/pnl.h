/*
 * Realised P&L of a held book (docs/RISK.md "Realised P&L"): the weights held
 * since the previous book date times each desk business day's instrument
 * returns (carry included, common/instrument.h), attributed by holding.
 */
#ifndef PNL_H
#define PNL_H

#include <stddef.h>
#include <jansson.h>

#include "dataset.h"
#include "instrument.h"

/* One holding: a package's signed weight (NAV fraction) in one instrument. */
struct pnl_hold {
	const char *package;	/* strategy id; NULL: not attributed to a package */
	const struct instrument *in;
	double w;
};

struct pnl {
	size_t ndays;
	day_t *days;		/* the desk business days in (from, to] */
	double *daily;		/* the book's P&L on each day */
	double *by_hold;	/* each holding's P&L summed over the days */
	double total;		/* sum of daily, = sum of by_hold */
	size_t missing;		/* holding-days without a return, counted as 0 */
};

/*
 * P&L from the close of `from` (the previous book date) to the close of `to`
 * (<= ds->as_of), of nh holdings held at constant weight (rebalanced daily to
 * their targets, so daily P&L add up). Returns 0, or -1 when to < from.
 */
int pnl_compute(const struct dataset *ds, const struct pnl_hold *h, size_t nh, day_t from,
    day_t to, struct pnl *out);
void pnl_release(struct pnl *p);

/*
 * {"from","to","days":[{"date","pnl"}],"total","total_brl","by_instrument",
 *  "by_package","by_asset_class","missing_returns"}: a new reference.
 */
json_t *pnl_json(const struct pnl *p, const struct pnl_hold *h, size_t nh, day_t from,
    double nav);

#endif
