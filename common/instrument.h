/*
 * The tradeable instruments of docs/MODELS.md and their daily returns, built from the
 * state's series, so that portfolio and risk read the same numbers.
 *
 * Return of a LONG of weight 1 from business day t-1 to t (levels carried forward
 * over missing days; a day with no level yet gives NAN):
 *   DI_nY          receive fixed: -D*dy/100 + (y[t-1] - CDI[t-1])/100/252, D = n/(1+y/100)
 *                  (CDI: BR_CDI, else BR_SELIC_TARGET - 0.10)
 *   NTNB_5Y        -D*dy/100, D = modified duration of a 5y par bond at yield y
 *   BREAKEVEN_2Y   +D*dbe/100, be = BR_DI_2Y - BR_NTNB_2Y, D = 2/(1+y_DI/100)
 *   USDBRL         dln(S) + (US_FED_FUNDS - BR_CDI)/100/252
 *   CDS_BR_5Y      buy protection: +A*ds/10000 - s[t-1]/10000/252, A the risky annuity
 *   IBOVESPA       dln(P)
 *   UST_2Y,UST_10Y -D*dy/100, D = modified duration of a par bond
 */
#ifndef INSTRUMENT_H
#define INSTRUMENT_H

#include <stddef.h>
#include "dataset.h"

enum asset_class { AC_FIXED_INCOME, AC_FX, AC_EQUITY_INDEX, AC_COMMODITY, AC_COUNT };

struct instrument {
	const char *id;			/* "DI_1Y" */
	enum asset_class asset_class;
	const char *series;		/* main level series ("BR_DI_1Y") */
	const char *series2;		/* second series (breakeven: NTN-B; else NULL) */
	double tenor;			/* years (0 when not a rate instrument) */
	const char *unit;		/* "%", "bp", "BRL/USD", "points" */
};

extern const struct instrument instruments[];
extern const size_t n_instruments;

const char *asset_class_name(enum asset_class ac);
/* NULL when id is unknown. */
const struct instrument *instrument_find(const char *id);
/* Modified duration of a par bond (annual coupon = yield y in %) of t years. */
double par_bond_duration(double y, double t);
/* The instrument's level (yield, spread, price) on day d, carried forward; NAN if none. */
double instrument_level(const struct dataset *ds, const struct instrument *in, day_t d);
/*
 * 1 when every series the instrument needs is present in ds, its level series are daily
 * (a weekly series carried forward would put a week's move on one day in five) and, for
 * DI and USDBRL, BR_CDI or BR_SELIC_TARGET is there for the carry.
 */
int instrument_available(const struct dataset *ds, const struct instrument *in);

/*
 * Daily returns of a LONG of weight 1 over the business-day calendar cal[0..n-1]
 * (out[0] uses the level on the business day before cal[0]). NAN where undefined.
 */
void instrument_returns(const struct dataset *ds, const struct instrument *in,
    const day_t *cal, size_t n, double *out);

/*
 * The returns matrix of k instruments over the last `window` business days ending at
 * ds->as_of, keeping only rows where every instrument has a finite return. Allocates
 * *cal (rows) and *R (rows x k, row-major); returns the number of rows kept.
 */
size_t instrument_matrix(const struct dataset *ds, const struct instrument *const *ins,
    size_t k, size_t window, day_t **cal, double **R);

#endif
