/*
 * CUPOM_01 CIP basis: basis = DI_1Y - UST_2Y - Fed funds (pp; the reference's
 * 365-day UST maps to UST_2Y, its SOFR to Fed funds). The history is the same
 * basis on each date where DI_1Y and UST_2Y both exist, with that date's Fed funds
 * (the reference subtracted today's rate, which leaves the z-score of the plain
 * DI-UST spread). >= 60 points; z against the last 252. z > z_threshold SHORT
 * (basis rich: receive DI_1Y, pay UST_2Y), z < -z_threshold LONG (pay DI_1Y,
 * receive UST_2Y), DV01-neutral. confidence = min(1, |z| / 4).
 */
#include <math.h>

#include "series.h"
#include "state.h"
#include "strategies.h"

#define HMAX 1100

int
cupom_01(const struct sctx *c, struct sres *r)
{
	double thr = sparam(c, "z_threshold", 2.0), b[HMAX], di, ust, ff, fd, z;
	const struct series *fs;
	day_t d[HMAX];
	size_t n, k = 0, i;

	if (latest(c, r, "BR_DI_1Y", &di) < 0 || latest(c, r, "US_UST_2Y", &ust) < 0 ||
	    latest(c, r, "US_FED_FUNDS", &ff) < 0)
		return r->status;
	fs = dataset_get(c->ds, "US_FED_FUNDS");
	n = history_diff(c, "BR_DI_1Y", "US_UST_2Y", HMAX, b, d);
	for (i = 0; i < n; i++)
		if (!isnan(fd = series_at(fs, d[i], 10)))
			b[k++] = b[i] - fd;
	json_object_set_new(r->inputs, "di_1y", jnum(di));
	json_object_set_new(r->inputs, "ust_2y", jnum(ust));
	json_object_set_new(r->inputs, "fed_funds", jnum(ff));
	json_object_set_new(r->inputs, "basis", jnum(di - ust - ff));
	json_object_set_new(r->inputs, "observations", json_integer((json_int_t)k));
	json_object_set_new(r->inputs, "z_threshold", jnum(thr));
	if (k < 60)
		return sres_set(r, ST_NO_DATA, "basis history has %zu points, needs 60", k);
	z = tidy(zscore_last(b, k, 252));
	json_object_set_new(r->inputs, "z", jnum(z));
	if (fabs(z) <= thr)
		return sres_set(r, ST_NO_POSITION, "basis z %.3f within +-%g", z, thr);
	single_leg(&r->pos[0], "CIP_BASIS_1Y", z > 0 ? -1 : 1, fmin(1, fabs(z) / 4), b[k - 1], 1);
	if (dv01_pair(c, r, &r->pos[0], "DI_1Y", -1, "UST_2Y", 1) < 0)
		return r->status;
	r->npos = 1;
	return sres_set(r, ST_POSITION, "basis z %.3f beyond +-%g", z, thr);
}
