/* Timing helpers shared by the benchmark programs in bench/. */
#ifndef BENCH_TIMING_H
#define BENCH_TIMING_H

#include <stdlib.h>
#include <time.h>

/* CLOCK_MONOTONIC in milliseconds. */
static inline double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* qsort comparison of doubles (for medians). */
static inline int
cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of t[0..n) (the upper one for even n), sorting t in place. */
static inline double
median(double *t, int n)
{
	qsort(t, (size_t)n, sizeof *t, cmpd);
	return t[n / 2];
}

#endif
