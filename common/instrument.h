/*
 * The tradeable instruments of docs/MODELS.md and their daily returns, built from the
 * state's series, so that portfolio and risk read the same numbers.
 *
 * Return of a LONG of weight 1 from business day t-1 to t (levels carried forward
 * over missing days; a day with no level yet gives NAN):
 *   DI_nY          receive fixed: -D*dy/100 + (y[t-1] - CDI[t-1])/100/252, D = n/(1+y/100)
 *                  (CDI: BR_CDI, else BR_SELIC_TARGET - 0.10)
 *   NTNB_5Y        -D*dy/100 + IPCA accrual, D = modified duration of a 5y par bond
 *                  at yield y; accrual = (1 + BR_IPCA_MOM/100)^(1/n) - 1 on each of
 *                  the month's n business days (the last published MoM while the
 *                  month's is not out; NAN without BR_IPCA_MOM)
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

/*
 * What a desk's specifications and notional limits are set by (docs/STRATEGIES.md
 * "Desk units"): a nominal rate, a credit spread, FX, an equity index, a commodity,
 * an inflation-linked rate or breakeven.
 */
enum ins_kind { IK_RATE, IK_SPREAD, IK_FX, IK_EQUITY, IK_COMMODITY, IK_INFLATION, IK_COUNT };

struct instrument {
	const char *id;			/* "DI_1Y" */
	enum asset_class asset_class;
	const char *series;		/* main level series ("BR_DI_1Y") */
	const char *series2;		/* second series (breakeven: NTN-B; else NULL) */
	double tenor;			/* years (0 when not a rate instrument) */
	const char *unit;		/* "%", "bp", "BRL/USD", "points" */
	enum ins_kind kind;
	int inflation_linked;		/* 1: the level is a real yield or a breakeven */
};

/* Tenor buckets of the DV01 totals: up to 1y, 1-3y, 3-7y, over 7y. */
#define N_BUCKETS 4
extern const char *const bucket_names[N_BUCKETS];

extern const struct instrument instruments[];
extern const size_t n_instruments;

const char *asset_class_name(enum asset_class ac);
const char *ins_kind_name(enum ins_kind k);
/* The tenor bucket of a rate-like instrument (0 .. N_BUCKETS-1). */
int instrument_bucket(const struct instrument *in);
/* NULL when id is unknown. */
const struct instrument *instrument_find(const char *id);
/* Modified duration of a par bond (annual coupon = yield y in %) of t years. */
double par_bond_duration(double y, double t);
/* The instrument's level (yield, spread, price) on day d, carried forward; NAN if none. */
double instrument_level(const struct dataset *ds, const struct instrument *in, day_t d);
/*
 * Modified duration on day d at that day's level (docs/STRATEGIES.md "Desk units"):
 * DI and breakeven tenor/(1+y), y the DI rate (constant-maturity zero rate, du/252 =
 * tenor); NTN-B and UST the par bond's; CDS the risky annuity. NAN for FX, equity,
 * commodity or when the level is unknown.
 */
double instrument_duration(const struct dataset *ds, const struct instrument *in, day_t d);
/*
 * DV01 per unit of notional (BRL per bp per BRL) on day d: the gain of a LONG of
 * notional 1 when the level falls 1 bp. +D/1e4 for rates and NTN-B (a long
 * receives), -D/1e4 for a long breakeven and a CDS bought (they gain when the level
 * rises). NAN where instrument_duration is.
 */
double instrument_dv01(const struct dataset *ds, const struct instrument *in, day_t d);

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
