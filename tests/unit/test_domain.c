/*
 * common/domain.c, each rule against a hand calculation written here
 * (docs/DOMAIN.md): band edges, thresholds, staleness tables, sd and z-score,
 * and the leverage and percentage formats.
 */
#include <math.h>

#include "domain.h"
#include "tap.h"

static void
strengths(void)
{
	check_str(strength_of(0.75), "STRONG", "conf 0.75 STRONG (edge included)");
	check_str(strength_of(0.7499), "MODERATE", "conf 0.7499 MODERATE");
	check_str(strength_of(0.50), "MODERATE", "conf 0.50 MODERATE");
	check_str(strength_of(0.4999), "WEAK", "conf 0.4999 WEAK");
	check_str(strength_of(0.25), "WEAK", "conf 0.25 WEAK");
	check_str(strength_of(0.2499), "NO_SIGNAL", "conf 0.2499 NO_SIGNAL");
	check_str(strength_of(NAN), "NO_SIGNAL", "conf NaN NO_SIGNAL");
	check_str(reading_strength(0.75), "STRONG", "reading 0.75 STRONG");
	check_str(reading_strength(0.50), "MODERATE", "reading 0.50 MODERATE");
	check_str(reading_strength(0.2499), "WEAK", "reading 0.2499 WEAK, never NO_SIGNAL");
	check_str(reading_strength(0), "WEAK", "reading 0 WEAK");
	check_str(reading_strength(NAN), "WEAK", "reading NaN WEAK");
	check_dbl(strength_mult("STRONG"), 1.0, 0, "STRONG x1");
	check_dbl(strength_mult("MODERATE"), 0.6, 0, "MODERATE x0.6");
	check_dbl(strength_mult("WEAK"), 0.3, 0, "WEAK x0.3");
	check_dbl(strength_mult("NO_SIGNAL"), 0, 0, "NO_SIGNAL x0");
	check_dbl(strength_mult("strong"), 0, 0, "unknown strength x0");
	check_dbl(strength_mult(NULL), 0, 0, "no strength x0");
}

static void
regimes(void)
{
	check_str(regime_label(0.31), "RISK_OFF", "score 0.31 RISK_OFF");
	check_str(regime_label(0.3), "NEUTRAL", "score 0.30 NEUTRAL (strict >)");
	check_str(regime_label(-0.3), "NEUTRAL", "score -0.30 NEUTRAL (strict <)");
	check_str(regime_label(-0.31), "RISK_ON", "score -0.31 RISK_ON");
	check_str(regime_label(0), "NEUTRAL", "score 0 NEUTRAL");
	check_str(regime_label(NAN), "NEUTRAL", "score NaN NEUTRAL");
}

static void
staleness(void)
{
	/* docs/DATA.md "Quality": D 5, W 12, M 50, Q 120; unknown 50. */
	check_int(stale_days(STALE_QUALITY, 'D'), 5, "quality D 5");
	check_int(stale_days(STALE_QUALITY, 'W'), 12, "quality W 12");
	check_int(stale_days(STALE_QUALITY, 'M'), 50, "quality M 50");
	check_int(stale_days(STALE_QUALITY, 'Q'), 120, "quality Q 120");
	check_int(stale_days(STALE_QUALITY, 'A'), 50, "quality other 50");
	check_int(stale_days(STALE_QUALITY, '\0'), 50, "quality NUL 50 (not a strchr hit)");
	/* docs/STRATEGIES.md: 10 daily, 21 weekly, 120 monthly, 220 quarterly. */
	check_int(stale_days(STALE_LATEST, 'D'), 10, "latest D 10");
	check_int(stale_days(STALE_LATEST, 'W'), 21, "latest W 21");
	check_int(stale_days(STALE_LATEST, 'M'), 120, "latest M 120");
	check_int(stale_days(STALE_LATEST, 'Q'), 220, "latest Q 220");
	check_int(stale_days(STALE_LATEST, 'X'), 10, "latest other 10");
	/* docs/AGENTS.md: a daily or weekly value within 31 days; monthly no limit. */
	check_int(stale_days(STALE_AGENT, 'D'), 31, "agent D 31");
	check_int(stale_days(STALE_AGENT, 'W'), 31, "agent W 31");
	check_int(stale_days(STALE_AGENT, 'M'), STALE_NONE, "agent M none");
	check_int(stale_days(STALE_AGENT, 'Q'), STALE_NONE, "agent Q none");
}

static void
moments(void)
{
	double x[6] = {1, 2, NAN, 4, 7, 10}, m, sd;
	double flat[3] = {3, 3, 3}, big[3] = {1e9 + 1, 1e9 + 2, 1e9 + 3};

	/* 1, 2, 4, 7, 10: mean 24/5 = 4.8; ss = 14.44+7.84+.64+4.84+27.04 = 54.8; var 13.7 */
	check_int(mean_std(x, 6, &m, &sd), 5, "mean_std counts the finite values");
	check_dbl(m, 4.8, 1e-14, "mean 4.8");
	check_dbl(sd, sqrt(13.7), 1e-14, "sd sqrt(13.7)");
	check_dbl(sample_sd(x, 6), sqrt(13.7), 1e-14, "sample_sd sqrt(13.7)");
	check(isnan(sample_sd(x, 1)), "sample_sd of one value: NaN");
	check(isnan(sample_sd(x, 0)), "sample_sd of none: NaN");
	check_int(mean_std(x, 0, &m, &sd), 0, "no values");
	check(isnan(m) && isnan(sd), "no values: mean and sd NaN");
	/* 1e9 + {1,2,3}: sd 1 exactly (deviations -1, 0, 1; ss 2; var 1) */
	check_dbl(sample_sd(big, 3), 1, 1e-12, "sd of levels far from 0");

	/* {1,2,4}: mean 7/3, ss = (16+1+25)/9 = 42/9, var 21/9 = 7/3 */
	check_dbl(zscore_of(10, x, 4), (10 - 7.0 / 3) / sqrt(7.0 / 3), 1e-14,
	    "zscore_of 10 vs {1,2,4}");
	check(isnan(zscore_of(1, x, 1)), "zscore_of against one value: NaN");
	check(isnan(zscore_of(NAN, x, 6)), "zscore_of NaN value: NaN");
	check(isnan(zscore_of(5, flat, 3)), "zscore_of against zero sd: NaN, not 0");

	/* last 3 of {1,2,NaN,4,7,10} = {4,7,10}: mean 7, var (9+0+9)/2 = 9, z = 3/3 = 1 */
	check_dbl(zscore_last(x, 6, 3), 1, 1e-14, "zscore_last window 3: z 1");
	/* window beyond n: all six, finite {1,2,4,7,10}: (10 - 4.8)/sqrt(13.7) */
	check_dbl(zscore_last(x, 6, 252), 5.2 / sqrt(13.7), 1e-14,
	    "zscore_last window > n uses all values");
	check(isnan(zscore_last(flat, 3, 252)), "zscore_last flat history: NaN");
	check(isnan(zscore_last(x, 1, 252)), "zscore_last one value: NaN");
	check(isnan(zscore_last(x, 0, 252)), "zscore_last no value: NaN");
}

static void
formats(void)
{
	char b[32];

	check_str(fmt_leverage(b, sizeof b, 0.45), "0.45x", "leverage 0.45x (not 0.4x)");
	check_str(fmt_leverage(b, sizeof b, 1.8), "1.8x", "leverage 1.8x (str(round))");
	check_str(fmt_leverage(b, sizeof b, 2), "2.0x", "leverage 2.0x");
	check_str(fmt_leverage(b, sizeof b, 0.004), "0.0x", "leverage 0.004 -> 0.0x");
	check_str(fmt_leverage(b, sizeof b, -0.001), "0.0x", "leverage -0.001 -> 0.0x, not -0.0x");
	check_str(fmt_percent(b, sizeof b, 0.0123), "1.23%", "0.0123 -> 1.23%");
	check_str(fmt_percent(b, sizeof b, -0.021), "-2.1%", "-0.021 -> -2.1%");
	check_str(fmt_percent(b, sizeof b, 0.5), "50.0%", "0.5 -> 50.0%");
	check_str(fmt_leverage(b, 4, 12.34), "12.", "leverage truncated to the buffer");
}

int
main(void)
{
	check_int(TRADING_DAYS, 252, "252 trading days a year");
	strengths();
	regimes();
	staleness();
	moments();
	formats();
	return test_done();
}
