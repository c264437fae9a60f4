/* Rolling windows and correlations, NAN-aware (see rolling.h; moments in domain.c). */
#include <math.h>
#include <stdlib.h>

#include "rolling.h"

int
all_finite(const double *x, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isfinite(x[i]))
			return 0;
	return 1;
}

/*
 * Sliding sums of (x - c) and (x - c)^2 over the window, c the first finite value
 * (a shift that keeps the sums' cancellation small), O(n) instead of O(n w).
 */
static void
window_moments(const double *x, size_t n, size_t window, size_t minobs,
    double *mean, double *sd)
{
	double c = NAN, s1 = 0, s2 = 0, m, v;
	size_t t, cnt = 0;

	for (t = 0; t < n && isnan(c); t++)
		c = x[t];
	for (t = 0; t < n; t++) {
		if (!isnan(x[t])) {
			s1 += x[t] - c;
			s2 += (x[t] - c) * (x[t] - c);
			cnt++;
		}
		if (t >= window && !isnan(x[t - window])) {
			s1 -= x[t - window] - c;
			s2 -= (x[t - window] - c) * (x[t - window] - c);
			cnt--;
		}
		mean[t] = sd[t] = NAN;
		if (cnt < minobs || cnt == 0)
			continue;
		m = s1 / (double)cnt;
		mean[t] = c + m;
		if (cnt > 1) {
			v = (s2 - (double)cnt * m * m) / (double)(cnt - 1);
			sd[t] = v > 0 ? sqrt(v) : 0;
		}
	}
}

void
rolling_mean_std(const double *x, size_t n, size_t window, size_t minobs,
    double *mean, double *sd)
{
	double *s = sd ? sd : malloc(n * sizeof *s);

	window_moments(x, n, window, minobs, mean, s);
	if (sd == NULL)
		free(s);
}

void
rolling_zscore(const double *x, size_t n, size_t window, size_t minobs,
    double *out)
{
	double *m = malloc(n * sizeof *m), *s = malloc(n * sizeof *s);
	size_t t;

	window_moments(x, n, window, minobs, m, s);
	for (t = 0; t < n; t++)
		out[t] = !isnan(x[t]) && s[t] > 0 ? (x[t] - m[t]) / s[t] : NAN;
	free(m);
	free(s);
}

double
correlation(const double *x, const double *y, size_t n)
{
	double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (!isnan(x[i]) && !isnan(y[i])) {
			mx += x[i];
			my += y[i];
			c++;
		}
	if (c < 3)
		return NAN;
	mx /= (double)c;
	my /= (double)c;
	for (i = 0; i < n; i++)
		if (!isnan(x[i]) && !isnan(y[i])) {
			sxx += (x[i] - mx) * (x[i] - mx);
			syy += (y[i] - my) * (y[i] - my);
			sxy += (x[i] - mx) * (y[i] - my);
		}
	if (!(sxx > 0) || !(syy > 0))
		return NAN;
	return sxy / sqrt(sxx * syy);
}

void
rolling_corr(const double *x, const double *y, size_t n, size_t window,
    size_t minobs, double *out)
{
	size_t t, lo, c = 0;

	for (t = 0; t < n; t++) {	/* c: the window's pairs, kept as it slides */
		lo = t + 1 >= window ? t + 1 - window : 0;
		c += !isnan(x[t]) && !isnan(y[t]);
		if (lo > 0)
			c -= !isnan(x[lo - 1]) && !isnan(y[lo - 1]);
		out[t] = c >= minobs ? correlation(x + lo, y + lo, t + 1 - lo) : NAN;
	}
}
