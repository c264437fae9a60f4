/*
 * RATES_BR_03 curve slope: slope = DI_5Y - DI_2Y (pp) on the dates both exist
 * (>= 60 of them); z of today's slope against the last 252 (today included).
 * z > z_threshold: flattener (LONG: receive DI_5Y, pay DI_2Y, DV01-neutral);
 * z < -z_threshold: steepener (SHORT). confidence = min(1, |z| / 3.75).
 * The Selic cycle (sign of the last target change) is reported, not used.
 */
#include <math.h>

#include "state.h"
#include "strategies.h"

#define HMAX 1100

static const char *
selic_cycle(const struct sctx *c)
{
	double v[HMAX];
	size_t n = history(c, "BR_SELIC_TARGET", c->as_of - 1100, HMAX, v, NULL);

	while (n-- > 1)
		if (v[n] != v[n - 1])
			return v[n] < v[n - 1] ? "easing" : "tightening";
	return "holding";
}

/* The position of the header above: z > 0 the flattener (LONG), else the steepener. */
static const struct spread_trade trade = { "slope", "DI_SLOPE_2Y_5Y", 1, 3.75, -1,
	"DI_5Y", 1, "DI_2Y", -1 };

int
rates_br_03(const struct sctx *c, struct sres *r)
{
	double thr = sparam(c, "z_threshold"), slope[HMAX], r2, r5, z;
	size_t n;

	if (latest(c, r, "BR_DI_2Y", &r2) < 0 || latest(c, r, "BR_DI_5Y", &r5) < 0)
		return r->status;
	n = history_diff(c, "BR_DI_5Y", "BR_DI_2Y", HMAX, slope, NULL);
	json_object_set_new(r->inputs, "di_2y", jnum(r2));
	json_object_set_new(r->inputs, "di_5y", jnum(r5));
	json_object_set_new(r->inputs, "observations", json_integer((json_int_t)n));
	json_object_set_new(r->inputs, "selic_cycle", json_string(selic_cycle(c)));
	json_object_set_new(r->inputs, "z_threshold", jnum(thr));
	if (n < 60)
		return sres_set(r, ST_NO_DATA, "slope history has %zu points, needs 60", n);
	z = tidy(zscore_last(slope, n, TRADING_DAYS));
	json_object_set_new(r->inputs, "slope", jnum(slope[n - 1]));
	json_object_set_new(r->inputs, "z", jnum(z));
	if (!spread_position(c, r, &trade, z, thr, slope[n - 1]))
		return r->status;
	return sres_set(r, ST_POSITION, "slope z %.3f beyond +-%g: %s", z, thr,
	    z > 0 ? "flattener" : "steepener");
}
