/*
 * The desk's domain rules, each written once (docs/DOMAIN.md): trading days per
 * year, strength bands, regime thresholds, staleness limits by frequency, the
 * sample sd and z-score, and how leverage and percentages are printed. Plain C
 * (libcommon.a): no GSL.
 */
#ifndef DOMAIN_H
#define DOMAIN_H

#include <stddef.h>

/*
 * Business days in a year: the annualising factor (sqrt(252) for a daily sd,
 * 252 for a daily variance), the basis-252 day count of Brazilian rates, and
 * "one year" of daily history (docs/DOMAIN.md).
 */
#define TRADING_DAYS 252

/*
 * Strength from confidence (docs/AGENTS.md, docs/MODELS.md STRENGTH_MAP):
 * >= 0.75 STRONG, >= 0.50 MODERATE, >= 0.25 WEAK, else (NaN too) NO_SIGNAL.
 */
const char *strength_of(double conf);
/*
 * The strength of an agent's computed reading (docs/AGENTS.md "Conventions"):
 * NO_SIGNAL is kept for a missing input or a failed fit, so a reading below
 * 0.50 confidence, 0 and NaN included, is WEAK; >= 0.50 MODERATE, >= 0.75 STRONG.
 */
const char *reading_strength(double conf);
/* The weight multiplier of a strength: STRONG 1, MODERATE 0.6, WEAK 0.3, else 0. */
double strength_mult(const char *strength);

/* A regime score above +REGIME_THRESHOLD is RISK_OFF, below -REGIME_THRESHOLD RISK_ON. */
#define REGIME_THRESHOLD 0.3
/* "RISK_OFF", "RISK_ON" or "NEUTRAL" (NaN: NEUTRAL). */
const char *regime_label(double score);

/*
 * How many days a series' last value may lag as_of, by frequency (D, W, M, Q),
 * for each use (docs/DOMAIN.md "Staleness"):
 *   STALE_QUALITY  quality's flag, days behind the publication date (the
 *                  observation date for D and W): D 5, W 12, M 50, Q 120, else 50;
 *   STALE_LATEST   a strategy's "latest value", calendar days after the
 *                  observation date: D 10, W 21, M 120, Q 220, else 10;
 *   STALE_AGENT    an agent's last value or z-score: D and W 31; M and Q have no
 *                  limit (STALE_NONE).
 */
enum stale_use { STALE_QUALITY, STALE_LATEST, STALE_AGENT };
#define STALE_NONE 2147483647
int stale_days(enum stale_use use, char freq);

/*
 * Mean and sample sd (n - 1) of the finite values of x (NaN is skipped); returns
 * how many there were. mean is NaN when there are none, sd when fewer than 2.
 */
size_t mean_std(const double *x, size_t n, double *mean, double *sd);
/* The sample sd of the finite values of x; NaN when fewer than 2. */
double sample_sd(const double *x, size_t n);
/*
 * (v - mean(hist)) / sd(hist) over the finite values of hist. NaN -- never 0 --
 * when v is NaN, hist has fewer than 2 finite values or its sd is 0: a z-score
 * against no spread is undefined, and each caller says what it does then
 * (docs/DOMAIN.md "sd and z-score").
 */
double zscore_of(double v, const double *hist, size_t n);
/* zscore_of(v[n - 1], ...) against the last min(n, window) values, itself included. */
double zscore_last(const double *v, size_t n, size_t window);

/* Leverage: Python's str(round(x, 2)) and "x": "0.45x", "1.8x", "0.0x". Returns buf. */
char *fmt_leverage(char *buf, size_t sz, double x);
/* A fraction as a percentage, str(round(100 frac, 2)) and "%": 0.0123 -> "1.23%". */
char *fmt_percent(char *buf, size_t sz, double frac);

#endif
