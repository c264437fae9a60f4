/* Order statistics without a full sort (see order.h). */
#include <math.h>
#include <stdlib.h>

#include "order.h"

static int
cmpdbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
swapd(double *x, long i, long j)
{
	double t = x[i];

	x[i] = x[j];
	x[j] = t;
}

void
select_kth(double *x, size_t n, size_t k)
{
	long l = 0, r = (long)n - 1, i, j, kk = (long)k;
	double a, b, c, piv;

	while (l < r) {
		a = x[l], b = x[l + (r - l) / 2], c = x[r];	/* median of three */
		piv = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
		i = l, j = r;
		do {
			while (x[i] < piv)
				i++;
			while (piv < x[j])
				j--;
			if (i <= j)
				swapd(x, i++, j--);
		} while (i <= j);
		if (j < kk)
			l = i;
		if (kk < i)
			r = j;
	}
}

size_t
sort_smallest(double *x, size_t n, size_t m)
{
	size_t i, p;

	for (i = 0; i < n; i++)
		if (isnan(x[i]))
			return 0;
	if (m == 0 || m > n)
		m = n;
	if (m < n)
		select_kth(x, n, m - 1);
	for (i = p = m; i < n; i++)	/* the ties of x[m - 1] join the prefix */
		if (x[i] == x[m - 1])
			swapd(x, (long)i, (long)p++);
	qsort(x, p, sizeof(*x), cmpdbl);
	for (i = 0; i < p; i++)
		if (x[i] == 0)
			return 0;
	return p;
}
