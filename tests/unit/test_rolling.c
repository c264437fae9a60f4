/* common/rolling.c on hand-computed cases (pandas conventions: sample sd, inclusive windows). */
#include <math.h>

#include "rolling.h"
#include "tap.h"

int
main(void)
{
	double x[6] = {1, 2, NAN, 4, 7, 10}, y[6] = {2, 4, 5, 8, 14, 19};
	double m, sd, out[6], mo[6], so[6];

	/* 1, 2, 4, 7, 10: mean 4.8, ss = 14.44+7.84+.64+4.84+27.04 = 54.8, var 13.7 */
	check_int(mean_std(x, 6, &m, &sd), 5, "mean_std counts finite values");
	check_dbl(m, 4.8, 1e-14, "mean skips NaN");
	check_dbl(sd, sqrt(13.7), 1e-14, "sample sd");
	check_dbl(zscore_of(10, x, 4), (10 - 7.0 / 3) / sqrt(7.0 / 3), 1e-14,
	    "zscore_of vs {1,2,4}: mean 7/3, var 7/3");
	check(isnan(zscore_of(1, x, 1)), "zscore_of: one value -> NaN");
	check(isnan(zscore_of(NAN, x, 6)), "zscore_of: NaN value -> NaN");
	check(isnan(zscore_of(1, (double[]){3, 3, 3}, 3)), "zscore_of: zero sd -> NaN");

	rolling_zscore(x, 6, 3, 2, out);
	check(isnan(out[0]), "rolling z: first below minobs");
	check_dbl(out[1], (2 - 1.5) / sqrt(0.5), 1e-14, "rolling z at 1: {1,2}");
	check(isnan(out[2]), "rolling z: NaN value");
	check_dbl(out[3], (4 - 3) / sqrt(2), 1e-14, "rolling z at 3: {2,NaN,4}");
	check_dbl(out[5], (10 - 7) / 3.0, 1e-14, "rolling z at 5: {4,7,10}");

	rolling_mean_std(x, 6, 2, 2, mo, so);
	check(isnan(mo[0]) && isnan(mo[2]), "rolling mean: below minobs NaN");
	check_dbl(mo[4], 5.5, 1e-14, "rolling mean {4,7}");
	check_dbl(so[5], sqrt(4.5), 1e-14, "rolling sd {7,10}");

	/* Pairs (1,2),(2,4),(4,8),(7,14),(10,19). */
	check_dbl(correlation(x, (double[]){2, 4, 99, 8, 14, 20}, 6), 1, 1e-14,
	    "correlation of y = 2x is 1");
	check_dbl(correlation((double[]){1, 2, 3}, (double[]){3, 2, 1}, 3), -1, 1e-14,
	    "perfect negative correlation");
	/* x 1,2,3 y 1,3,2: sxy = (-1)(-1)+0+(1)(0) = 1, sxx = 2, syy = 2 -> 0.5 */
	check_dbl(correlation((double[]){1, 2, 3}, (double[]){1, 3, 2}, 3), 0.5,
	    1e-14, "correlation by hand 0.5");
	check(isnan(correlation(x, y, 2)), "correlation: 2 pairs -> NaN");
	rolling_corr(x, y, 6, 3, 3, out);
	check(isnan(out[1]) && isnan(out[3]), "rolling corr below minobs NaN");
	check_dbl(out[5], correlation(x + 3, y + 3, 3), 1e-14,
	    "rolling corr at 5 = corr of last 3");
	/* The sliding sums against a direct window computation on index-like levels. */
	{
		static double big[2000], zs[2000];
		double worst = 0, wm = 0;
		unsigned long r = 12345;
		int i;

		for (i = 0; i < 2000; i++) {
			r = r * 6364136223846793005UL + 1442695040888963407UL;
			big[i] = 110000 + 500 * sin(i / 30.0) + (double)(r >> 40) / (1UL << 24);
			if (i % 97 == 5)
				big[i] = NAN;
		}
		rolling_zscore(big, 2000, 252, 63, zs);
		for (i = 0; i < 2000; i++) {
			int lo = i >= 251 ? i - 251 : 0;
			double want;

			if (mean_std(big + lo, (size_t)(i - lo + 1), &m, &sd) < 63 ||
			    isnan(big[i])) {
				worst += !isnan(zs[i]);
				continue;
			}
			want = (big[i] - m) / sd;
			wm = fmax(wm, fabs(zs[i] - want));
		}
		check_dbl(worst, 0, 0, "sliding z: NaN exactly where the window is short");
		check_dbl(wm, 0, 1e-9, "sliding z = direct window z (levels 1e5)");
	}
	check(all_finite(y, 6), "all_finite: six numbers");
	check(!all_finite(x, 6), "all_finite: a NaN is not finite");
	check(!all_finite((double[]){1, INFINITY}, 2), "all_finite: infinity is not finite");
	check(all_finite(x, 0), "all_finite: no values");
	return test_done();
}
