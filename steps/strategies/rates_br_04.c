/*
 * RATES_BR_04 US spillover: spread = DI_1Y - UST_2Y (pp; the reference's 365-day
 * UST maps to the nearest catalogued tenor, 2Y) on the union of both series'
 * dates, each carried forward (>= 60 points). It acts only after a weekly UST_2Y
 * move |u[-1] - u[-5]| * 100 >= move_threshold_bps. z of today's spread against
 * the last 252: z > z_threshold LONG (receive DI_1Y, pay UST_2Y, DV01-neutral),
 * z < -z_threshold SHORT. confidence = min(1, |z| / 4).
 */
#include <math.h>
#include <string.h>

#include "series.h"
#include "state.h"
#include "strategies.h"

#define HMAX 2200

/*
 * Outer join with carry-forward of a - b up to as_of: the last HMAX points (the
 * oldest are dropped when there are more); returns the count.
 */
static size_t
spread_ffill(const struct sctx *c, const char *a, const char *b, double *out)
{
	const struct series *sa = dataset_get(c->ds, a), *sb = dataset_get(c->ds, b);
	long i = 0, j = 0, ea, eb;
	double va = NAN, vb = NAN;
	size_t n = 0;
	day_t d;

	if (sa == NULL || sb == NULL)
		return 0;
	ea = series_index_on(sa, c->as_of);
	eb = series_index_on(sb, c->as_of);
	while (i <= ea || j <= eb) {
		d = i > ea ? sb->dates[j] : j > eb ? sa->dates[i] :
		    sa->dates[i] < sb->dates[j] ? sa->dates[i] : sb->dates[j];
		if (i <= ea && sa->dates[i] == d) {
			if (!isnan(sa->values[i]))
				va = sa->values[i];
			i++;
		}
		if (j <= eb && sb->dates[j] == d) {
			if (!isnan(sb->values[j]))
				vb = sb->values[j];
			j++;
		}
		if (isnan(va) || isnan(vb))
			continue;
		if (n == HMAX) {	/* keep the most recent: drop the older half */
			memmove(out, out + HMAX / 2, (HMAX - HMAX / 2) * sizeof *out);
			n = HMAX - HMAX / 2;
		}
		out[n++] = va - vb;
	}
	return n;
}

/* The position of the header above: z > 0 LONG, else SHORT. */
static const struct spread_trade trade = { "DI-UST spread", "DI_UST_SPREAD_1Y_2Y", 1, 4,
	-1, "DI_1Y", 1, "UST_2Y", -1 };

int
rates_br_04(const struct sctx *c, struct sres *r)
{
	double thr = sparam(c, "z_threshold"), mthr = sparam(c, "move_threshold_bps");
	double sp[HMAX], u[5], di, ust, move, z;
	size_t n, nu;

	if (latest(c, r, "BR_DI_1Y", &di) < 0 || latest(c, r, "US_UST_2Y", &ust) < 0)
		return r->status;
	n = spread_ffill(c, "BR_DI_1Y", "US_UST_2Y", sp);
	nu = history(c, "US_UST_2Y", -1, 5, u, NULL);
	json_object_set_new(r->inputs, "di_1y", jnum(di));
	json_object_set_new(r->inputs, "ust_2y", jnum(ust));
	json_object_set_new(r->inputs, "observations", json_integer((json_int_t)n));
	json_object_set_new(r->inputs, "z_threshold", jnum(thr));
	json_object_set_new(r->inputs, "move_threshold_bps", jnum(mthr));
	if (n < 60 || nu < 5)
		return sres_set(r, ST_NO_DATA, "spread history has %zu points (needs 60), "
		    "UST history %zu (needs 5)", n, nu);
	move = tidy(fabs(u[4] - u[0]) * 100);
	z = tidy(zscore_last(sp, n, TRADING_DAYS));
	PUT_NUMS(r->inputs, { "spread", sp[n - 1] }, { "ust_weekly_move_bps", move },
	    { "z", z });
	if (move < mthr)
		return sres_set(r, ST_NO_POSITION, "weekly UST move %.1f bp below %g bp", move, mthr);
	if (!spread_position(c, r, &trade, z, thr, sp[n - 1]))
		return r->status;
	return sres_set(r, ST_POSITION, "DI-UST spread z %.3f beyond +-%g after a %.1f bp "
	    "UST week", z, thr, move);
}
