/* The desk's domain rules, each written once (domain.h, docs/DOMAIN.md). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "domain.h"
#include "fmt2dp.h"

const char *
strength_of(double conf)
{
	if (conf >= 0.75)
		return "STRONG";
	if (conf >= 0.50)
		return "MODERATE";
	if (conf >= 0.25)
		return "WEAK";
	return "NO_SIGNAL";
}

const char *
reading_strength(double conf)
{
	const char *s = strength_of(conf);

	return strcmp(s, "NO_SIGNAL") == 0 ? "WEAK" : s;
}

double
strength_mult(const char *strength)
{
	if (strength == NULL)
		return 0;
	if (strcmp(strength, "STRONG") == 0)
		return 1.0;
	if (strcmp(strength, "MODERATE") == 0)
		return 0.6;
	if (strcmp(strength, "WEAK") == 0)
		return 0.3;
	return 0;
}

const char *
regime_label(double score)
{
	if (score > REGIME_THRESHOLD)
		return "RISK_OFF";
	if (score < -REGIME_THRESHOLD)
		return "RISK_ON";
	return "NEUTRAL";
}

int
stale_days(enum stale_use use, char freq)
{
	/* Columns D, W, M, Q, any other frequency. */
	static const int limit[3][5] = {
		[STALE_QUALITY] = { 5, 12, 50, 120, 50 },
		[STALE_LATEST] = { 10, 21, 120, 220, 10 },
		[STALE_AGENT] = { 31, 31, STALE_NONE, STALE_NONE, STALE_NONE },
	};
	static const char col[] = "DWMQ";
	const char *p = freq != '\0' ? strchr(col, freq) : NULL;

	return limit[use][p != NULL ? p - col : 4];
}

size_t
mean_std(const double *x, size_t n, double *mean, double *sd)
{
	double m = 0, s = 0, d;
	size_t i, c = 0;

	/* Welford's update: stable for levels far from zero. */
	for (i = 0; i < n; i++) {
		if (isnan(x[i]))
			continue;
		c++;
		d = x[i] - m;
		m += d / (double)c;
		s += d * (x[i] - m);
	}
	*mean = c > 0 ? m : NAN;
	*sd = c > 1 ? sqrt(s / (double)(c - 1)) : NAN;
	return c;
}

double
sample_sd(const double *x, size_t n)
{
	double m, sd;

	mean_std(x, n, &m, &sd);
	return sd;
}

double
zscore_of(double v, const double *hist, size_t n)
{
	double m, sd;

	if (isnan(v) || mean_std(hist, n, &m, &sd) < 2 || !(sd > 0))
		return NAN;
	return (v - m) / sd;
}

double
zscore_last(const double *v, size_t n, size_t window)
{
	size_t k = n < window ? n : window;

	if (n == 0)
		return NAN;
	return zscore_of(v[n - 1], v + (n - k), k);
}

char *
fmt_leverage(char *buf, size_t sz, double x)
{
	char b[64];

	snprintf(buf, sz, "%sx", fmt_2dp(b, sizeof b, x));
	return buf;
}

char *
fmt_percent(char *buf, size_t sz, double frac)
{
	char b[64];

	snprintf(buf, sz, "%s%%", fmt_2dp(b, sizeof b, frac * 100));
	return buf;
}
