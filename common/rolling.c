/* Moments, z-scores and rolling windows, NAN-aware (see rolling.h). */
#include <math.h>

#include "rolling.h"

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
zscore_of(double v, const double *hist, size_t n)
{
	double m, sd;

	if (isnan(v) || mean_std(hist, n, &m, &sd) < 2 || !(sd > 0))
		return NAN;
	return (v - m) / sd;
}

void
rolling_mean_std(const double *x, size_t n, size_t window, size_t minobs,
    double *mean, double *sd)
{
	size_t t, lo;
	double m, s;

	for (t = 0; t < n; t++) {
		lo = t + 1 >= window ? t + 1 - window : 0;
		if (mean_std(x + lo, t + 1 - lo, &m, &s) < minobs)
			m = s = NAN;
		mean[t] = m;
		if (sd != NULL)
			sd[t] = s;
	}
}

void
rolling_zscore(const double *x, size_t n, size_t window, size_t minobs,
    double *out)
{
	size_t t, lo;
	double m, s;

	for (t = 0; t < n; t++) {
		lo = t + 1 >= window ? t + 1 - window : 0;
		out[t] = NAN;
		if (isnan(x[t]) || mean_std(x + lo, t + 1 - lo, &m, &s) < minobs ||
		    !(s > 0))
			continue;
		out[t] = (x[t] - m) / s;
	}
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
	size_t t, lo, i, c;

	for (t = 0; t < n; t++) {
		lo = t + 1 >= window ? t + 1 - window : 0;
		for (c = 0, i = lo; i <= t; i++)
			c += !isnan(x[i]) && !isnan(y[i]);
		out[t] = c >= minobs ? correlation(x + lo, y + lo, t + 1 - lo) : NAN;
	}
}
