/* Unit tests of common/instrument.c: returns and desk units computed by hand from the formulas. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "instrument.h"
#include "tap.h"

/* A daily series over the given dates. */
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

/*
 * NTNB_5Y: real yield 6 -> 6.1 from Thursday 2024-01-11 to Friday 01-12, plus the
 * IPCA accrual over January's 23 weekdays: December's 0.56 % while January's is
 * not out, January's 0.42 % once it is; NAN without BR_IPCA_MOM.
 */
static void
ntnb_accrual(void)
{
	struct series ss[2];
	struct dataset ds = { 0, 2, ss };
	day_t d[2];
	double r[1], move = -(1 - pow(1.06, -5)) / 0.06 * 0.1 / 100;

	date_parse("2024-01-11", &d[0]);
	date_parse("2024-01-12", &d[1]);
	ds.as_of = d[1];
	series_init(&ss[0], "BR_IPCA_MOM", 'M', "%");
	series_push(&ss[0], date_from_ymd(2023, 12, 1), 0.56);
	mk(&ss[1], "BR_NTNB_5Y", d, (double[]){ 6, 6.1 }, 2);
	instrument_returns(&ds, instrument_find("NTNB_5Y"), d + 1, 1, r);
	check_dbl(r[0], move + pow(1.0056, 1.0 / 23) - 1, 1e-15,
	    "NTNB_5Y: -D dy/100 + December's IPCA over January's 23 business days");
	series_push(&ss[0], date_from_ymd(2024, 1, 1), 0.42);
	instrument_returns(&ds, instrument_find("NTNB_5Y"), d + 1, 1, r);
	check_dbl(r[0], move + pow(1.0042, 1.0 / 23) - 1, 1e-15,
	    "NTNB_5Y: January's IPCA once published");
	series_release(&ss[0]);
	ds.n = 1;
	ds.s = &ss[1];
	instrument_returns(&ds, instrument_find("NTNB_5Y"), d + 1, 1, r);
	check(isnan(r[0]), "NTNB_5Y without BR_IPCA_MOM: NAN, not a return without accrual");
	series_release(&ss[1]);
}

int
main(void)
{
	struct series ss[9];
	struct dataset ds = { 0, 9, ss };
	day_t d[3], *cal;
	double r[3], *R;
	const struct instrument *ins[2];
	size_t rows, i;

	date_parse("2024-01-11", &d[0]);	/* Thursday */
	date_parse("2024-01-12", &d[1]);	/* Friday */
	date_parse("2024-01-15", &d[2]);	/* Monday */
	mk(&ss[0], "BR_DI_1Y", d, (double[]){ 10, 10.5, 10.5 }, 3);
	mk(&ss[1], "BR_CDI", d, (double[]){ 9.9, 9.9, 9.9 }, 3);
	mk(&ss[2], "USDBRL", d, (double[]){ 5, 5.1, 5.1 }, 3);
	mk(&ss[3], "US_FED_FUNDS", d, (double[]){ 5, 5, 5 }, 3);
	mk(&ss[4], "IBOVESPA", d, (double[]){ 100000, NAN, 110000 }, 3);
	mk(&ss[5], "BR_NTNB_2Y", d, (double[]){ 6, 6, 6 }, 3);
	mk(&ss[6], "BR_DI_2Y", d, (double[]){ 11, 11.2, 11.2 }, 3);
	mk(&ss[7], "US_UST_10Y", d, (double[]){ 4, 4.1, 4.1 }, 3);
	mk(&ss[8], "BR_CDS_5Y", d, (double[]){ 200, 210, 210 }, 3);
	qsort(ss, 9, sizeof(ss[0]), cmp);
	ds.as_of = d[2];

	check_dbl(par_bond_duration(10, 5), 3.7907867694084505, 1e-12,
	    "5y par bond at 10%: annuity factor (1-1.1^-5)/0.1");
	check_dbl(par_bond_duration(0, 7), 7, 0, "zero yield: duration = maturity");

	instrument_returns(&ds, instrument_find("DI_1Y"), d + 1, 2, r);
	check_dbl(r[0], -1 / 1.10 * 0.5 / 100 + 0.1 / 100 / 252, 1e-15,
	    "DI_1Y receiver: -D dy/100 + (y - CDI)/100/252, D = 1/1.10");
	check_dbl(r[1], 0.6 / 100 / 252, 1e-15, "DI_1Y flat day earns carry only");

	instrument_returns(&ds, instrument_find("USDBRL"), d + 1, 1, r);
	check_dbl(r[0], log(5.1 / 5) + (5 - 9.9) / 100 / 252, 1e-15,
	    "USDBRL long: dln S + (FF - CDI)/100/252");

	instrument_returns(&ds, instrument_find("IBOVESPA"), d + 1, 2, r);
	check_dbl(r[0], 0, 0, "IBOVESPA: a level missing on Friday is carried forward (zero return)");
	check_dbl(r[1], log(110000.0 / 100000), 1e-15, "IBOVESPA over the gap");

	instrument_returns(&ds, instrument_find("BREAKEVEN_2Y"), d + 1, 1, r);
	check_dbl(r[0], 2 / 1.11 * 0.2 / 100, 1e-15, "breakeven: +D dbe/100, D = 2/(1+DI)");

	instrument_returns(&ds, instrument_find("UST_10Y"), d + 1, 1, r);
	check_dbl(r[0], -(1 - pow(1.04, -10)) / 0.04 * 0.1 / 100, 1e-15,
	    "UST_10Y: -D dy/100 with the par-bond duration");

	instrument_returns(&ds, instrument_find("CDS_BR_5Y"), d + 1, 1, r);
	{
		double lam = 0.02 / 0.6, rr = 0.04, a = (1 - exp(-(rr + lam) * 5)) / (rr + lam);

		check_dbl(r[0], a * 10 / 10000 - 0.02 / 252, 1e-15,
		    "CDS protection buyer: A ds/1e4 - s/1e4/252, 4% discount without UST 5Y");
	}
	check(!instrument_available(&ds, instrument_find("NTNB_5Y")), "NTNB_5Y needs BR_NTNB_5Y");
	check(instrument_find("NOPE") == NULL, "unknown instrument");
	check_str(asset_class_name(instrument_find("USDBRL")->asset_class), "FX", "asset class");

	/*
	 * Desk units on 2024-01-15 (docs/STRATEGIES.md "Desk units"): DV01 per unit
	 * notional D x 1e-4, D = t/(1+y) for a DI zero rate (DESK formula, du/252 = 1)
	 * and the breakeven (on the DI 2Y rate, sign reversed); UST 10Y the par bond's
	 * annuity factor at 4.1 %; CDS bought minus the risky annuity.
	 */
	check_dbl(instrument_dv01(&ds, instrument_find("DI_1Y"), d[2]), 1 / 1.105 * 1e-4,
	    1e-18, "DI_1Y DV01 per unit notional 1/1.105 bp");
	check_dbl(instrument_dv01(&ds, instrument_find("BREAKEVEN_2Y"), d[2]),
	    -2 / 1.112 * 1e-4, 1e-18, "breakeven DV01: -2/1.112 bp (gains as it rises)");
	check_dbl(instrument_dv01(&ds, instrument_find("UST_10Y"), d[2]),
	    (1 - pow(1.041, -10)) / 0.041 * 1e-4, 1e-18, "UST_10Y DV01: par annuity at 4.1 %");
	{
		double lam = 0.021 / 0.6, a = (1 - exp(-(0.04 + lam) * 5)) / (0.04 + lam);

		check_dbl(instrument_dv01(&ds, instrument_find("CDS_BR_5Y"), d[2]), -a * 1e-4,
		    1e-18, "CDS bought: minus the risky annuity (r 4 % without US_UST_5Y)");
	}
	check(isnan(instrument_dv01(&ds, instrument_find("USDBRL"), d[2])),
	    "USDBRL has no DV01");
	check(instrument_find("NTNB_5Y")->inflation_linked &&
	    instrument_find("DI_5Y")->kind == IK_RATE &&
	    instrument_find("CDS_BR_5Y")->kind == IK_SPREAD,
	    "kinds and inflation linkage of the table");
	check(instrument_bucket(instrument_find("DI_1Y")) == 0 &&
	    instrument_bucket(instrument_find("DI_2Y")) == 1 &&
	    instrument_bucket(instrument_find("DI_5Y")) == 2 &&
	    instrument_bucket(instrument_find("UST_10Y")) == 3, "tenor buckets");

	ins[0] = instrument_find("DI_1Y");
	ins[1] = instrument_find("IBOVESPA");
	rows = instrument_matrix(&ds, ins, 2, 3, &cal, &R);
	check_int(rows, 2, "matrix drops Thursday (no level the day before)");
	check_int(cal[0], d[1], "first row is Friday");
	check_dbl(R[3], log(110000.0 / 100000), 1e-15, "row 2, column 2: IBOVESPA on Monday");
	check_dbl(R[0], -1 / 1.10 * 0.5 / 100 + 0.1 / 100 / 252, 1e-15, "matrix row = Friday");
	free(cal);
	free(R);
	for (i = 0; i < 9; i++)
		series_release(&ss[i]);

	/* Without BR_CDI the carry uses the Selic target less 0.10; weekly series are out. */
	{
		struct series s2[3];
		struct dataset ds2 = { 0, 3, s2 };

		mk(&s2[0], "BR_CDS_5Y", d, (double[]){ 200, 210, 220 }, 3);
		s2[0].freq = 'W';
		mk(&s2[1], "BR_DI_2Y", d, (double[]){ 11, 11, 11 }, 3);
		mk(&s2[2], "BR_SELIC_TARGET", d, (double[]){ 10.5, 10.5, 10.5 }, 3);
		ds2.as_of = d[2];
		check(instrument_available(&ds2, instrument_find("DI_2Y")),
		    "DI_2Y is available with the Selic target and no CDI");
		instrument_returns(&ds2, instrument_find("DI_2Y"), d + 1, 1, r);
		check_dbl(r[0], (11 - (10.5 - 0.10)) / 100 / 252, 1e-15,
		    "DI_2Y carry against Selic - 0.10 when BR_CDI is absent");
		check(!instrument_available(&ds2, instrument_find("CDS_BR_5Y")),
		    "a weekly CDS series gives no daily CDS instrument");
		for (i = 0; i < 3; i++)
			series_release(&s2[i]);
	}
	ntnb_accrual();
	return test_done();
}
