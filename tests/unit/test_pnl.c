/*
 * common/pnl.c: realised P&L over a Carnival by hand (two desk business days after
 * Friday 2024-02-09: Ash Wednesday and Thursday), attribution that adds up.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "pnl.h"
#include "tap.h"

static void
mk(struct series *s, const char *id, const day_t *d, const double *v, size_t n)
{
	size_t i;

	series_init(s, id, 'D', "");
	for (i = 0; i < n; i++)
		series_push(s, d[i], v[i]);
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(((const struct series *)a)->id, ((const struct series *)b)->id);
}

int
main(void)
{
	struct series ss[4];
	struct dataset ds = { 0, 4, ss };
	day_t br[3], us[5];
	struct pnl p;
	struct pnl_hold h[3];
	double di1, di2, fx1, fx2, want;
	json_t *j;

	date_parse("2024-02-09", &br[0]);
	date_parse("2024-02-14", &br[1]);
	date_parse("2024-02-15", &br[2]);
	us[0] = br[0], us[1] = br[0] + 3, us[2] = br[0] + 4, us[3] = br[1], us[4] = br[2];
	mk(&ss[0], "BR_DI_1Y", br, (double[]){ 10.00, 10.10, 10.05 }, 3);
	mk(&ss[1], "BR_CDI", br, (double[]){ 9.90, 9.90, 9.90 }, 3);
	mk(&ss[2], "USDBRL", br, (double[]){ 4.95, 5.00, 4.98 }, 3);
	/* the US is open on Carnival: its series has those days */
	mk(&ss[3], "US_FED_FUNDS", us, (double[]){ 5.33, 5.33, 5.33, 5.33, 5.33 }, 5);
	qsort(ss, 4, sizeof(ss[0]), cmp);
	ds.as_of = br[2];

	h[0] = (struct pnl_hold){ "RATES_BR_01", instrument_find("DI_1Y"), 0.5 };
	h[1] = (struct pnl_hold){ "RATES_BR_02", instrument_find("DI_1Y"), -0.1 };
	h[2] = (struct pnl_hold){ "FX_BR_01", instrument_find("USDBRL"), -0.2 };
	check_int(pnl_compute(&ds, h, 3, br[0], br[2], &p), 0, "computes");
	check_int(p.ndays, 2, "two desk business days after Carnival Friday");
	check_int(p.days[0], br[1], "first is Ash Wednesday (one day's carry)");

	/* receive DI: -D dy/100 + (y0 - CDI)/100/252, D = 1/(1 + y0/100) */
	di1 = -1 / 1.10 * 0.10 / 100 + (10.00 - 9.90) / 100 / 252;
	di2 = -1 / 1.101 * -0.05 / 100 + (10.10 - 9.90) / 100 / 252;
	/* long USD: ln(S1/S0) + (FF - CDI)/100/252 */
	fx1 = log(5.00 / 4.95) + (5.33 - 9.90) / 100 / 252;
	fx2 = log(4.98 / 5.00) + (5.33 - 9.90) / 100 / 252;
	check_dbl(p.daily[0], 0.4 * di1 - 0.2 * fx1, 1e-15, "day 1 by hand");
	check_dbl(p.daily[1], 0.4 * di2 - 0.2 * fx2, 1e-15, "day 2 by hand");
	want = 0.4 * (di1 + di2) - 0.2 * (fx1 + fx2);
	check_dbl(p.total, want, 1e-15, "total by hand");
	check_dbl(p.by_hold[0], 0.5 * (di1 + di2), 1e-15, "RATES_BR_01's share");
	check_dbl(p.by_hold[0] + p.by_hold[1] + p.by_hold[2], p.total, 1e-15,
	    "attribution adds up to the total");
	check_int(p.missing, 0, "no missing return");

	j = pnl_json(&p, h, 3, br[0], 1e9);
	check_dbl(json_real_value(json_object_get(j, "total_brl")), want * 1e9, 1e-6,
	    "in BRL at NAV 1e9");
	check_dbl(json_real_value(json_object_get(json_object_get(j, "by_instrument"), "DI_1Y")),
	    0.4 * (di1 + di2), 1e-15, "by instrument: DI_1Y nets both packages");
	check_dbl(json_real_value(json_object_get(json_object_get(j, "by_asset_class"), "FX")),
	    -0.2 * (fx1 + fx2), 1e-15, "by asset class: FX");
	check(strcmp(json_string_value(json_object_get(j, "to")), "2024-02-15") == 0, "to");
	json_decref(j);
	pnl_release(&p);

	check_int(pnl_compute(&ds, h, 3, br[2], br[0], &p), -1, "to before from: -1");
	pnl_release(&p);
	check_int(pnl_compute(&ds, h, 3, br[2], br[2], &p), 0, "same day: no P&L");
	check_int(p.ndays, 0, "no day");
	check_dbl(p.total, 0, 0, "zero");
	pnl_release(&p);
	for (size_t i = 0; i < 4; i++)
		series_release(&ss[i]);
	return test_done();
}
