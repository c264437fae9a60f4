/*
 * The eight strategies on hand-built data at and around their thresholds. Each
 * expected value is worked out here by hand: a history whose z-score is exactly
 * the threshold is built from the closed form below, legs are checked for DV01
 * neutrality with the durations written out, and weights, stop-loss and
 * take-profit follow docs/STRATEGIES.md.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dataset.h"
#include "date.h"
#include "series.h"
#include "state.h"
#include "../../steps/strategies/strategies.h"
#include "tap.h"

#define AS_OF "2024-01-15"
#define NMAX 24

static struct series ser[NMAX];
static size_t nser;
static struct dataset ds;
static day_t asof;

static int
cmp(const void *a, const void *b)
{
	return strcmp(((const struct series *)a)->id, ((const struct series *)b)->id);
}

static void
reset(void)
{
	size_t i;

	for (i = 0; i < nser; i++)
		series_release(&ser[i]);
	nser = 0;
	date_parse(AS_OF, &asof);
}

/* A daily series over the n business days ending as_of, values v[0..n-1]. */
static void
daily(const char *id, const double *v, size_t n)
{
	struct series *s = &ser[nser++];
	size_t i;

	series_init(s, id, 'D', "%");
	for (i = 0; i < n; i++)
		series_push(s, date_add_bdays(asof, -(int)(n - 1 - i)), v[i]);
}

static void
constant(const char *id, double v, size_t n)
{
	double *x = malloc(n * sizeof *x);
	size_t i;

	for (i = 0; i < n; i++)
		x[i] = v;
	daily(id, x, n);
	free(x);
}

static void
monthly(const char *id, double v)
{
	struct series *s = &ser[nser++];

	series_init(s, id, 'M', "%");
	series_push(s, date_from_ymd(2023, 11, 1), v);
}

static void
drop(const char *id)
{
	size_t i;

	for (i = 0; i < nser; i++)
		if (strcmp(ser[i].id, id) == 0) {
			series_release(&ser[i]);
			ser[i] = ser[--nser];
			return;
		}
}

static double last_composite, last_carry_z;	/* inputs of the last run, NAN if none */
static char last_flow_note[128];		/* inputs.flow_note of the last run, or "" */
static const char *run_config = "{}";		/* config of the next runs */

static struct sres
run(int (*fn)(const struct sctx *, struct sres *), const char *id, double regime)
{
	json_error_t err;
	json_t *state = json_pack("{s:s,s:o}", "as_of", AS_OF, "config",
	    json_loads(run_config, 0, &err));
	struct sctx c = { 0 };
	struct sres r = { 0 };

	qsort(ser, nser, sizeof *ser, cmp);
	ds.as_of = asof;
	ds.n = nser;
	ds.s = ser;
	c.state = state;
	c.ds = &ds;
	c.as_of = asof;
	c.regime_score = regime;
	c.id = id;
	r.inputs = json_object();
	fn(&c, &r);
	last_composite = json_number_value(json_object_get(r.inputs, "composite"));
	last_carry_z = json_object_get(r.inputs, "carry_z") ? json_number_value(
	    json_object_get(r.inputs, "carry_z")) : NAN;
	snprintf(last_flow_note, sizeof last_flow_note, "%s", json_string_value(
	    json_object_get(r.inputs, "flow_note")) ? json_string_value(
	    json_object_get(r.inputs, "flow_note")) : "");
	json_decref(r.inputs);
	json_decref(state);
	return r;
}

/*
 * 251 values alternating base +- 0.1, then x such that the z of x against all 252
 * (sample std) is z: with d = x - m0 (m0, S0 the mean and sum of squared
 * deviations of the 251), z = (n0/n) d / sqrt((S0 + (n0/n) d^2) / (n - 1)), so
 * d^2 [(n0/n)^2 - z^2 (n0/n) / (n - 1)] = z^2 S0 / (n - 1).
 */
static void
z_history(double *v, double base, double z)
{
	double n0 = 251, n = 252, m0 = 0, s0 = 0, d;
	int i;

	for (i = 0; i < 251; i++)
		m0 += v[i] = base + (i % 2 ? -0.1 : 0.1);
	m0 /= n0;
	for (i = 0; i < 251; i++)
		s0 += (v[i] - m0) * (v[i] - m0);
	d = sqrt(z * z * s0 / (n - 1) / ((n0 / n) * (n0 / n) - z * z * (n0 / n) / (n - 1)));
	v[251] = m0 + (z < 0 ? -d : d);
}

/* n monthly values ending on the month of `last`: v0 + step * i (a line). */
static void
monthly_line_to(const char *id, day_t last, double v0, double step, size_t n)
{
	struct series *s = &ser[nser++];
	size_t i;

	series_init(s, id, 'M', "%");
	for (i = 0; i < n; i++)
		series_push(s, date_add_months(date_month_start(last), (int)i - (int)(n - 1)),
		    v0 + step * (double)i);
}

/* n monthly values ending 2023-11-01. */
static void
monthly_line(const char *id, double v0, double step, size_t n)
{
	monthly_line_to(id, date_from_ymd(2023, 11, 1), v0, step, n);
}

/* Focus 4, target pi*, IBC-Br on a line over 36 months (its HP trend is itself: gap 0). */
static void
taylor_inputs(double pistar, double di)
{
	reset();
	constant("BR_FOCUS_IPCA_12M", 4.0, 30);
	constant("BR_DI_1Y", di, 30);
	monthly_line("BR_INFLATION_TARGET", pistar, 0, 3);
	monthly_line("BR_IBC_BR", 100, 0.4, 36);
}

/*
 * RATES_BR_02: taylor = 4.5 + 4 + 1.5 (4 - pi*) + 0.5 * 0; pi* 3: 10.0, gap = (10 -
 * DI_1Y) * 100; pi* 4.5 (the 2005-2018 target): 7.75.
 */
static void
test_rates_br_02(void)
{
	struct sres r;

	/* The HP gap of a line is 0 to ~1e-9 %, not exactly: 99.99 bp, not 100. */
	taylor_inputs(3.0, 9.0001);
	r = run(rates_br_02, "RATES_BR_02", 0);
	check_int(r.status, ST_NO_POSITION, "RATES_BR_02: gap 99.99 bp: no position");
	taylor_inputs(3.0, 8.99);
	r = run(rates_br_02, "RATES_BR_02", 0);
	check_int(r.status, ST_POSITION, "RATES_BR_02: gap 101 bp: position");
	check_int(r.pos[0].dir, -1, "RATES_BR_02: positive gap pays DI_1Y (SHORT)");
	check_dbl(r.pos[0].confidence, 101.0 / 300, 1e-9, "RATES_BR_02: confidence 101/300");
	check_str(r.pos[0].legs[0].instrument, "DI_1Y", "RATES_BR_02: leg DI_1Y");
	taylor_inputs(3.0, 11.01);
	r = run(rates_br_02, "RATES_BR_02", 0);
	check_int(r.pos[0].dir, 1, "RATES_BR_02: gap -101 bp receives DI_1Y (LONG)");
	taylor_inputs(4.5, 9.0);
	r = run(rates_br_02, "RATES_BR_02", 0);
	check_int(r.pos[0].dir, 1, "RATES_BR_02: target 4.5: taylor 7.75, gap -125 bp receives");
	check_dbl(r.pos[0].confidence, 125.0 / 300, 1e-9, "RATES_BR_02: target 4.5: conf 125/300");
	drop("BR_INFLATION_TARGET");
	r = run(rates_br_02, "RATES_BR_02", 0);
	check_str(r.reason, "series 'BR_INFLATION_TARGET' absent",
	    "RATES_BR_02: no target: no_data naming it (no assumed 3 %)");
	taylor_inputs(3.0, 9.0);
	drop("BR_IBC_BR");
	r = run(rates_br_02, "RATES_BR_02", 0);
	check_str(r.reason, "series 'BR_IBC_BR' absent",
	    "RATES_BR_02: no activity data: no_data (no assumed zero gap)");
	taylor_inputs(3.0, 9.0);
	drop("BR_IBC_BR");
	monthly_line("BR_IBC_BR", 100, 0.4, 23);
	r = run(rates_br_02, "RATES_BR_02", 0);
	check_int(r.status, ST_NO_DATA, "RATES_BR_02: 23 months of IBC-Br: no_data");
	/* The daily Focus gone, its month average 4.0 (2023-11, 75 days old) stands in. */
	taylor_inputs(3.0, 8.99);
	drop("BR_FOCUS_IPCA_12M");
	monthly_line("BR_FOCUS_IPCA_12M_M", 4.0, 0, 3);
	r = run(rates_br_02, "RATES_BR_02", 0);
	check(r.status == ST_POSITION && r.pos[0].dir == -1,
	    "RATES_BR_02: Focus from its month average: the same 101 bp, pays");
	taylor_inputs(3.0, 9.0);
	drop("BR_FOCUS_IPCA_12M");
	r = run(rates_br_02, "RATES_BR_02", 0);
	check_int(r.status, ST_NO_DATA, "RATES_BR_02: Focus absent: no_data");
	check_str(r.reason, "series 'BR_FOCUS_IPCA_12M' absent", "RATES_BR_02: reason names the series");
}

/*
 * INF_BR_01: be = (1.105 / 1.06 - 1) * 100 = 4.245283 (Fisher, both at 2 years; the
 * plain difference 4.5 overstates it); divergence = (Focus - be) * 100.
 */
static void
test_inf_br_01(void)
{
	static const struct {
		double dfocus;
		int status, dir;
		const char *name;
	} c[] = {
		{ -0.50, ST_NO_POSITION, 0, "INF_BR_01: divergence -50 bp: no position" },
		{ 0.50, ST_NO_POSITION, 0, "INF_BR_01: divergence +50 bp: no position" },
		{ -0.51, ST_POSITION, -1, "INF_BR_01: divergence -51 bp: SHORT breakeven" },
		{ 0.51, ST_POSITION, 1, "INF_BR_01: divergence +51 bp: LONG breakeven" },
	};
	double be = (1.105 / 1.06 - 1) * 100;
	struct sres r;
	size_t i;

	check_dbl(be, 4.245283, 1e-6, "INF_BR_01: Fisher breakeven by hand 4.245283");
	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		reset();
		constant("BR_DI_2Y", 10.5, 30);
		constant("BR_NTNB_2Y", 6.0, 30);
		constant("BR_FOCUS_IPCA_12M", be + c[i].dfocus, 30);
		r = run(inf_br_01, "INF_BR_01", 0);
		check(r.status == c[i].status && (c[i].dir == 0 || r.pos[0].dir == c[i].dir),
		    c[i].name);
	}
	check_dbl(r.pos[0].confidence, 51.0 / 150, 1e-9, "INF_BR_01: confidence 51/150");
	check_str(r.pos[0].legs[0].instrument, "BREAKEVEN_2Y", "INF_BR_01: leg BREAKEVEN_2Y");
	check_dbl(r.pos[0].level, be, 1e-12, "INF_BR_01: entry level is the breakeven");
}

/* RATES_BR_03: DI_2Y flat at 10, DI_5Y = 10 + slope with a chosen z. */
static struct sres
slope_case(double z)
{
	double v[252];
	int i;

	reset();
	z_history(v, 1.0, z);
	for (i = 0; i < 252; i++)
		v[i] += 10;
	constant("BR_DI_2Y", 10, 252);
	daily("BR_DI_5Y", v, 252);
	return run(rates_br_03, "RATES_BR_03", 0);
}

static void
test_rates_br_03(void)
{
	struct sres r = slope_case(1.5);
	double d2, d5, y5;

	check_int(r.status, ST_NO_POSITION, "RATES_BR_03: z 1.5: no position");
	r = slope_case(1.51);
	check_int(r.status, ST_POSITION, "RATES_BR_03: z 1.51: position");
	check_int(r.pos[0].dir, 1, "RATES_BR_03: high slope z: flattener (LONG)");
	check_dbl(r.pos[0].confidence, 1.51 / 3.75, 1e-9, "RATES_BR_03: confidence z/3.75");
	check_str(r.pos[0].legs[0].instrument, "DI_5Y", "RATES_BR_03: first leg DI_5Y");
	check_str(r.pos[0].legs[1].instrument, "DI_2Y", "RATES_BR_03: second leg DI_2Y");
	check(r.pos[0].legs[0].w > 0 && r.pos[0].legs[1].w < 0,
	    "RATES_BR_03: flattener receives 5Y, pays 2Y");
	/* Durations by hand: D = tenor / (1 + y/100). */
	y5 = dataset_get(&ds, "BR_DI_5Y")->values[251];
	d2 = 2 / 1.10;
	d5 = 5 / (1 + y5 / 100);
	check_dbl(r.pos[0].legs[0].w * d5 + r.pos[0].legs[1].w * d2, 0, 1e-12,
	    "RATES_BR_03: legs DV01-neutral (w5 D5 + w2 D2 = 0)");
	check_dbl(fabs(r.pos[0].legs[0].w) + fabs(r.pos[0].legs[1].w), 1, 1e-12,
	    "RATES_BR_03: unit legs sum to 1 in absolute value");
	r = slope_case(-1.51);
	check_int(r.pos[0].dir, -1, "RATES_BR_03: z -1.51: steepener (SHORT)");
	r = slope_case(-1.5);
	check_int(r.status, ST_NO_POSITION, "RATES_BR_03: z -1.5: no position");
	/* A flat slope (both at 10 for 252 days): sd 0, z undefined (docs/DOMAIN.md). */
	reset();
	constant("BR_DI_2Y", 10, 252);
	constant("BR_DI_5Y", 10, 252);
	r = run(rates_br_03, "RATES_BR_03", 0);
	check_int(r.status, ST_NO_POSITION, "RATES_BR_03: flat slope history: no position");
	check_str(r.reason, "slope history is flat: z undefined",
	    "RATES_BR_03: flat history: the reason says z is undefined, not z 0");
}

/* RATES_BR_04: UST_2Y flat at 4.0 but the last day at 4.0 + move; DI_1Y = UST + spread. */
static struct sres
spill_case(double z, double move_bp)
{
	double v[252], u[252];
	int i;

	reset();
	z_history(v, 7.0, z);
	for (i = 0; i < 252; i++) {
		u[i] = i == 251 ? 4.0 + move_bp / 100 : 4.0;
		v[i] += u[i];
	}
	daily("BR_DI_1Y", v, 252);
	daily("US_UST_2Y", u, 252);
	return run(rates_br_04, "RATES_BR_04", 0);
}

/*
 * RATES_BR_04 on a long history (config.ingest.lookback_days may reach 20000):
 * 3000 business days, the spread flat at 7 +- 0.1 for 2748 of them and the last 252
 * built to a z of 2.01 after a 15 bp UST week. The z and the entry level are those
 * of the last 252 days, as with a short history, whatever lies before.
 */
static void
test_rates_br_04_long(void)
{
	static double v[3000], u[3000];
	struct sres r;
	int i;

	reset();
	for (i = 0; i < 2748; i++)
		v[i] = 7.0 + (i % 2 ? -0.1 : 0.1);
	z_history(v + 2748, 7.0, 2.01);
	for (i = 0; i < 3000; i++) {
		u[i] = i == 2999 ? 4.15 : 4.0;
		v[i] += u[i];
	}
	daily("BR_DI_1Y", v, 3000);
	daily("US_UST_2Y", u, 3000);
	r = run(rates_br_04, "RATES_BR_04", 0);
	check_int(r.status, ST_POSITION, "RATES_BR_04: 3000-day history: z of the last 252 "
	    "days is 2.01: position");
	check_dbl(r.pos[0].level, v[2999] - 4.15, 1e-12,
	    "RATES_BR_04: 3000-day history: entry level is today's spread");
	check_dbl(r.pos[0].confidence, 2.01 / 4, 1e-9,
	    "RATES_BR_04: 3000-day history: confidence z/4");
}

static void
test_rates_br_04(void)
{
	struct sres r = spill_case(2.0, 20);
	double d1, du, y1, yu;

	check_int(r.status, ST_NO_POSITION, "RATES_BR_04: z 2.0: no position");
	r = spill_case(2.01, 14);
	check_int(r.status, ST_NO_POSITION, "RATES_BR_04: z 2.01 but UST moved 14 bp: none");
	r = spill_case(2.01, 15);
	check_int(r.status, ST_POSITION, "RATES_BR_04: z 2.01 after a 15 bp UST week: position");
	check_int(r.pos[0].dir, 1, "RATES_BR_04: wide spread: LONG");
	check_dbl(r.pos[0].confidence, 2.01 / 4, 1e-9, "RATES_BR_04: confidence z/4");
	y1 = dataset_get(&ds, "BR_DI_1Y")->values[251];
	yu = 4.15;
	d1 = 1 / (1 + y1 / 100);
	/* Par bond, annual coupon: D = (1 - (1+y)^-2) / y. */
	du = (1 - pow(1 + yu / 100, -2)) / (yu / 100);
	check_str(r.pos[0].legs[1].instrument, "UST_2Y", "RATES_BR_04: second leg UST_2Y");
	check(r.pos[0].legs[0].w > 0 && r.pos[0].legs[1].w < 0,
	    "RATES_BR_04: LONG receives DI_1Y, pays UST_2Y");
	check_dbl(r.pos[0].legs[0].w * d1 + r.pos[0].legs[1].w * du, 0, 1e-12,
	    "RATES_BR_04: legs DV01-neutral");
	r = spill_case(-2.01, -20);
	check_int(r.pos[0].dir, -1, "RATES_BR_04: z -2.01 after a -20 bp week: SHORT");
	test_rates_br_04_long();
}

/*
 * CUPOM_01: spot 5, forward F and the US 1Y rate 4 flat, DI_1Y = 9 + x with a
 * chosen z of x: cupom = ((1 + DI/100) 5/F - 1) 360/365 100, an affine map of DI,
 * so the basis has the z of DI. UST_2Y 4 flat for the DV01 legs.
 */
static struct sres
cupom_fwd(double z, double fwd)
{
	double v[252];
	int i;

	reset();
	z_history(v, 0.5, z);
	for (i = 0; i < 252; i++)
		v[i] += 9.0;
	daily("BR_DI_1Y", v, 252);
	constant("USDBRL", 5.0, 252);
	constant("USDBRL_FWD_1Y", fwd, 252);
	constant("US_UST_1Y", 4.0, 252);
	constant("US_UST_2Y", 4.0, 252);
	return run(cupom_01, "CUPOM_01", 0);
}

static struct sres
cupom_case(double z)
{
	return cupom_fwd(z, 5.0);
}

static void
test_cupom_01(void)
{
	struct sres r = cupom_case(2.0);
	double di;

	check_int(r.status, ST_NO_POSITION, "CUPOM_01: z 2.0: no position");
	r = cupom_case(2.01);
	check(r.status == ST_POSITION && r.pos[0].dir == -1, "CUPOM_01: z 2.01: SHORT basis");
	check(r.pos[0].legs[0].w < 0 && r.pos[0].legs[1].w > 0,
	    "CUPOM_01: a LONG basis pays DI_1Y, receives UST_2Y (unit legs)");
	r = cupom_case(-2.01);
	check(r.status == ST_POSITION && r.pos[0].dir == 1, "CUPOM_01: z -2.01: LONG basis");
	di = dataset_get(&ds, "BR_DI_1Y")->values[251];
	check_dbl(r.pos[0].level, di * 360 / 365 - 4.0, 1e-9,
	    "CUPOM_01: entry level is cupom - US 1Y = DI 360/365 - 4 (S = F)");
	r = cupom_fwd(-2.01, 5.2);
	di = dataset_get(&ds, "BR_DI_1Y")->values[251];
	check_dbl(r.pos[0].level, ((1 + di / 100) * 5 / 5.2 - 1) * 360 / 365 * 100 - 4, 1e-9,
	    "CUPOM_01: F 5.2: level = ((1 + DI) S/F - 1) 360/365 - US 1Y");
	reset();
	constant("BR_DI_1Y", 10.0, 252);
	constant("USDBRL", 5.0, 252);
	constant("USDBRL_FWD_1Y", 5.2, 252);
	constant("US_UST_1Y", 4.0, 252);
	constant("US_UST_2Y", 4.0, 252);
	r = run(cupom_01, "CUPOM_01", 0);
	check_int(r.status, ST_NO_POSITION, "CUPOM_01: a constant basis: z 0, no position");
	drop("USDBRL_FWD_1Y");
	r = run(cupom_01, "CUPOM_01", 0);
	check_str(r.reason, "series 'USDBRL_FWD_1Y' absent",
	    "CUPOM_01: no forward: no_data (no realised depreciation in its place)");
	reset();
	constant("BR_DI_1Y", 10.0, 252);
	constant("USDBRL", 5.0, 252);
	constant("USDBRL_FWD_1Y", 5.2, 252);
	r = run(cupom_01, "CUPOM_01", 0);
	check_str(r.reason, "series 'US_UST_1Y' absent", "CUPOM_01: no US 1Y rate: no_data");
}

/*
 * RATES_BR_01: DI_1Y alternates 10.0/10.1 over 300 business days; the others are
 * flat (zero risk: their pairs are skipped). carry = ratio * sd * sqrt(252), sd
 * of the DI_1Y changes inside (as_of - 252, as_of], computed here.
 */
static struct sres
carry_case(double ratio)
{
	double v[300], d[300], m = 0, ss = 0, sd, carry;
	size_t i, k = 0;
	day_t since = asof - 252;

	reset();
	for (i = 0; i < 300; i++)
		v[i] = i % 2 ? 10.1 : 10.0;
	for (i = 1; i < 300; i++)
		if (date_add_bdays(asof, -(int)(299 - i)) > since &&
		    date_add_bdays(asof, -(int)(300 - i)) > since)
			d[k++] = v[i] - v[i - 1];
	for (i = 0; i < k; i++)
		m += d[i];
	m /= (double)k;
	for (i = 0; i < k; i++)
		ss += (d[i] - m) * (d[i] - m);
	sd = sqrt(ss / (double)(k - 1));
	carry = ratio * sd * sqrt(252);
	daily("BR_DI_1Y", v, 300);
	constant("BR_DI_2Y", v[299] + carry, 300);
	constant("BR_DI_5Y", 12, 300);
	constant("BR_DI_10Y", 12.5, 300);
	return run(rates_br_01, "RATES_BR_01", 0);
}

static void
test_rates_br_01(void)
{
	struct sres r = carry_case(1.5);

	check_int(r.status, ST_NO_POSITION, "RATES_BR_01: carry-to-risk 1.5: no position");
	r = carry_case(1.51);
	check_int(r.status, ST_POSITION, "RATES_BR_01: carry-to-risk 1.51: position");
	check(r.pos[0].dir == 1 && strcmp(r.pos[0].legs[0].instrument, "DI_1Y") == 0,
	    "RATES_BR_01: receives the short tenor DI_1Y");
	check_dbl(r.pos[0].confidence, 1.51 / 3, 1e-9, "RATES_BR_01: confidence ratio/3");
	r = carry_case(-1.51);
	check(r.status == ST_POSITION && r.pos[0].dir == -1,
	    "RATES_BR_01: carry-to-risk -1.51: pays DI_1Y");
	r = carry_case(-1.5);
	check_int(r.status, ST_NO_POSITION, "RATES_BR_01: carry-to-risk -1.5: no position");
}

/*
 * SOV_BR_01: debt 90 (debt risk 75) and primary balance -1 (balance risk 20):
 * fiscal 0.95; DI_10Y with a chosen z.
 */
static struct sres
sov_case(double debt, double pb, double z)
{
	double v[252];
	int i;

	reset();
	z_history(v, 0, z);
	for (i = 0; i < 252; i++)
		v[i] += 12;
	daily("BR_DI_10Y", v, 252);
	constant("USDBRL", 5.0, 252);
	monthly("BR_GROSS_DEBT_GDP", debt);
	monthly("BR_PRIMARY_BALANCE_GDP", pb);
	return run(sov_br_01, "SOV_BR_01", 0);
}

static void
test_sov_br_01(void)
{
	struct sres r = sov_case(90, -1, -1.5);

	check_int(r.status, ST_NO_POSITION, "SOV_BR_01: fiscal 0.95, z -1.5: no position");
	r = sov_case(90, -1, -1.51);
	check_int(r.status, ST_POSITION, "SOV_BR_01: fiscal 0.95, z -1.51: positions");
	check_int((long long)r.npos, 2, "SOV_BR_01: two positions");
	check(r.pos[0].dir == -1 && strcmp(r.pos[0].instrument, "DI_10Y") == 0,
	    "SOV_BR_01: pays DI_10Y");
	check(r.pos[1].dir == 1 && strcmp(r.pos[1].instrument, "USDBRL") == 0,
	    "SOV_BR_01: buys USDBRL");
	check_dbl(r.pos[0].confidence, 0.95 * 1.51 / 1.5, 1e-9,
	    "SOV_BR_01: confidence fiscal |z| / 1.5");
	/* Debt 70: debt risk 25; surplus 1: balance risk -10; fiscal 0.15 < 0.3. */
	r = sov_case(70, 1, 1.51);
	check(r.status == ST_POSITION && r.pos[0].dir == 1 && r.pos[1].dir == -1,
	    "SOV_BR_01: fiscal 0.15, z 1.51: receives DI_10Y, sells USDBRL");
	check_dbl(r.pos[0].confidence, fmin(1, 0.85 * 1.51 / 1.5), 1e-9,
	    "SOV_BR_01: confidence (1 - fiscal) |z| / 1.5");
	r = sov_case(75, 0, -3);
	check_int(r.status, ST_NO_POSITION, "SOV_BR_01: fiscal 0.375 in the middle: none");
	/*
	 * DI_10Y stopped 30 business days before as_of (42 calendar days, beyond the 10
	 * of a daily series): its level is stale, so no_data, not a position on it.
	 */
	{
		double v[252];
		struct series *s;
		int i;

		reset();
		z_history(v, 12, -1.51);
		s = &ser[nser++];
		series_init(s, "BR_DI_10Y", 'D', "%");
		for (i = 0; i < 252; i++)
			series_push(s, date_add_bdays(asof, -30 - (251 - i)), v[i]);
		constant("USDBRL", 5.0, 252);
		monthly("BR_GROSS_DEBT_GDP", 90);
		monthly("BR_PRIMARY_BALANCE_GDP", -1);
		r = run(sov_br_01, "SOV_BR_01", 0);
		check_int(r.status, ST_NO_DATA, "SOV_BR_01: DI_10Y 42 days old: no_data");
		check_int((long long)r.npos, 0, "SOV_BR_01: DI_10Y 42 days old: no position");
	}
}

/*
 * FX_BR_01: USDBRL 5.0 for 251 days then 5.5; Selic 10, Fed funds 5; no flows.
 * Every vol before the jump is 0, so there is one carry-to-risk value (< 60): the
 * carry counts as 0 and the composite is the beer term alone.
 */
static void
test_fx_br_01(void)
{
	double v[252], mean, beer, comp;
	struct sres r;
	int i;

	reset();
	for (i = 0; i < 252; i++)
		v[i] = i == 251 ? 5.5 : 5.0;
	daily("USDBRL", v, 252);
	constant("BR_SELIC_TARGET", 10, 252);
	constant("US_FED_FUNDS", 5, 252);
	mean = (251 * 5.0 + 5.5) / 252;
	beer = tanh((5.5 - mean) / mean * 100 / 10);
	comp = 0.35 * beer;
	r = run(fx_br_01, "FX_BR_01", 0.3);
	check_int(r.status, ST_POSITION, "FX_BR_01: composite above 0.1: position");
	check_int(r.pos[0].dir, -1, "FX_BR_01: positive composite sells USDBRL");
	check_dbl(last_composite, comp, 1e-9, "FX_BR_01: one carry value: carry counts 0");
	check_dbl(r.pos[0].confidence, fmin(1, comp / 0.4), 1e-9,
	    "FX_BR_01: confidence = |composite| / (4 * 0.1)");
	check_dbl(r.pos[0].scale, 1, 0, "FX_BR_01: regime score 0.3 (not above): full weight");
	r = run(fx_br_01, "FX_BR_01", 0.31);
	check_dbl(r.pos[0].scale, 0.5, 0, "FX_BR_01: regime score 0.31: weight halved");
	/*
	 * Flows: 60 weekly values, 100 each but the last four at 100 + a; the latest
	 * 4-week sum is z standard deviations above the last 52 rolling sums, worked
	 * out here from the sums themselves.
	 */
	{
		struct series *f = &ser[nser++];
		double sums[57], m = 0, ss = 0, zf, a = 50;
		int k, j;

		series_init(f, "BR_FX_FLOW", 'W', "USD mn");
		for (k = 0; k < 60; k++)
			series_push(f, asof - 7 * (59 - k), k >= 56 ? 100 + a : 100);
		for (k = 3, j = 0; k < 60; k++, j++)
			sums[j] = f->values[k] + f->values[k - 1] + f->values[k - 2] + f->values[k - 3];
		for (k = 57 - 52; k < 57; k++)
			m += sums[k];
		m /= 52;
		for (k = 57 - 52; k < 57; k++)
			ss += (sums[k] - m) * (sums[k] - m);
		zf = (sums[56] - m) / sqrt(ss / 51);
		r = run(fx_br_01, "FX_BR_01", 0);
		check_dbl(last_composite, comp + 0.25 * tanh(zf / 2), 1e-9,
		    "FX_BR_01: inflows add 0.25 tanh(z/2) to the composite");
	}
	/*
	 * The same 60 weeks of flows ending 35 days before as_of: the latest 4-week sum
	 * is stale (a weekly latest value may lag 21 days), so flow counts as 0.
	 */
	{
		struct series *f;
		int k;

		drop("BR_FX_FLOW");
		f = &ser[nser++];
		series_init(f, "BR_FX_FLOW", 'W', "USD mn");
		for (k = 0; k < 60; k++)
			series_push(f, asof - 35 - 7 * (59 - k), k >= 56 ? 150 : 100);
		r = run(fx_br_01, "FX_BR_01", 0);
		check_dbl(last_composite, comp, 1e-9,
		    "FX_BR_01: flows last published 35 days ago count as 0");
		drop("BR_FX_FLOW");
	}
	/* 60 weeks of 100: every 4-week sum is 400, sd 0, z undefined: flow 0, said so. */
	{
		struct series *f = &ser[nser++];
		int k;

		series_init(f, "BR_FX_FLOW", 'W', "USD mn");
		for (k = 0; k < 60; k++)
			series_push(f, asof - 7 * (59 - k), 100);
		r = run(fx_br_01, "FX_BR_01", 0);
		check_dbl(last_composite, comp, 1e-9, "FX_BR_01: flat flows count as 0");
		check_str(last_flow_note, "flat flow history: z undefined, flow counts as 0",
		    "FX_BR_01: flat flows: flow_note says z is undefined");
		drop("BR_FX_FLOW");
	}
	drop("USDBRL");
	constant("USDBRL", 5.0, 100);
	r = run(fx_br_01, "FX_BR_01", 0);
	check_int(r.status, ST_NO_DATA, "FX_BR_01: 100 USDBRL levels (< 252): no_data");
}

/*
 * FX_BR_01 takes both sides with Selic - Fed funds fixed at +5 pp. 300 USDBRL
 * levels whose log returns alternate +-a (no drift: beer is small): a = 0.01
 * throughout, then the last 21 returns at a_end. A calm end (0.003) lifts today's
 * carry-to-risk above its history (z > 0: sell USDBRL); a stormy one (0.03) sinks
 * it (z < 0: buy USDBRL). The expected z is recomputed here from its definition.
 */
static double
fx_case(double a_end, double *zwant, double *compwant)
{
	double x[300], ctr[300], m = 0, ss = 0, mean = 0, sd, r[21], rm, rs, beer;
	int i, j, k = 0;

	reset();
	x[0] = log(5.0);
	for (i = 1; i < 300; i++)
		x[i] = x[i - 1] + (i % 2 ? 1 : -1) * (i >= 279 ? a_end : 0.01);
	for (i = 0; i < 300; i++)
		x[i] = exp(x[i]);
	daily("USDBRL", x, 300);
	constant("BR_SELIC_TARGET", 10, 300);
	constant("US_FED_FUNDS", 5, 300);
	for (i = 300 - 252; i < 300; i++) {	/* the last 252 dates, 21 returns each */
		for (j = 0, rm = 0; j < 21; j++)
			rm += r[j] = log(x[i - 20 + j] / x[i - 21 + j]);
		rm /= 21;
		for (j = 0, rs = 0; j < 21; j++)
			rs += (r[j] - rm) * (r[j] - rm);
		ctr[k++] = 5 / (sqrt(rs / 20) * sqrt(252) * 100);
	}
	for (i = 0; i < 252; i++)
		m += ctr[i];
	m /= 252;
	for (i = 0; i < 252; i++)
		ss += (ctr[i] - m) * (ctr[i] - m);
	sd = sqrt(ss / 251);
	*zwant = (ctr[251] - m) / sd;
	for (i = 48; i < 300; i++)
		mean += x[i];
	mean /= 252;
	beer = tanh((x[299] - mean) / mean * 100 / 10);
	*compwant = 0.40 * tanh(*zwant / 2) + 0.35 * beer;
	return beer;
}

static void
test_fx_br_01_sides(void)
{
	double z, comp, beer;
	struct sres r;

	beer = fx_case(0.003, &z, &comp);
	r = run(fx_br_01, "FX_BR_01", 0);
	check(z > 1 && fabs(beer) < 0.05, "FX_BR_01 calm end: carry z > 1, beer near 0");
	check_dbl(last_carry_z, z, 1e-8, "FX_BR_01 calm end: carry z from its definition");
	check_dbl(last_composite, comp, 1e-8, "FX_BR_01 calm end: composite");
	check(r.status == ST_POSITION && r.pos[0].dir == -1,
	    "FX_BR_01 calm end (carry rich vs its history): sells USDBRL");
	check_dbl(r.pos[0].confidence, fmin(1, fabs(comp) / 0.4), 1e-8,
	    "FX_BR_01 calm end: confidence |comp| / 0.4");
	beer = fx_case(0.03, &z, &comp);
	r = run(fx_br_01, "FX_BR_01", 0);
	check(z < -1 && beer > 0, "FX_BR_01 stormy end: carry z < -1 (beer > 0, spot on a high)");
	check_dbl(last_carry_z, z, 1e-8, "FX_BR_01 stormy end: carry z from its definition");
	check_dbl(last_composite, comp, 1e-8, "FX_BR_01 stormy end: composite < 0");
	check(r.status == ST_POSITION && r.pos[0].dir == 1,
	    "FX_BR_01 stormy end (carry poor vs its history, Selic - FF still +5): buys USDBRL");
	/*
	 * The 0.1 threshold binds: beer alone (carry and flow weights 0), USDBRL 5.0 for
	 * 251 days then S. S = 5.15: mean 5.0005952, deviation 2.98774 %, beer
	 * tanh(0.298774) = 0.290190, comp 0.101567 > 0.1 gives confidence 0.253916
	 * (WEAK, emitted); S = 5.14: comp 0.35 tanh(0.278858) = 0.095147 < 0.1: nothing.
	 */
	run_config = "{\"strategies\":{\"FX_BR_01\":{\"carry_weight\":0,\"flow_weight\":0}}}";
	{
		double v[252];
		int i;

		reset();
		for (i = 0; i < 252; i++)
			v[i] = i == 251 ? 5.15 : 5.0;
		daily("USDBRL", v, 252);
		constant("BR_SELIC_TARGET", 10, 252);
		constant("US_FED_FUNDS", 5, 252);
		r = run(fx_br_01, "FX_BR_01", 0);
		check_dbl(r.pos[0].confidence, 0.101567 / 0.4, 1e-5,
		    "FX_BR_01: comp 0.101567 just beyond 0.1: confidence 0.2539 (WEAK)");
		check(r.status == ST_POSITION && r.pos[0].confidence >= 0.25,
		    "FX_BR_01: the threshold, not the WEAK floor, decides");
		drop("USDBRL");
		v[251] = 5.14;
		daily("USDBRL", v, 252);
		r = run(fx_br_01, "FX_BR_01", 0);
		check_int(r.status, ST_NO_POSITION, "FX_BR_01: comp 0.0951 within 0.1: nothing");
	}
	run_config = "{}";
}

/* The whole step on a JSON state: sizing, SL/TP, config override, diagnostics. */
static json_t *
state_json(const char *config)
{
	json_t *series = json_object(), *st;
	json_error_t err;
	size_t i;

	for (i = 0; i < nser; i++)
		json_object_set_new(series, ser[i].id, series_to_json(&ser[i], -1));
	st = json_pack("{s:s,s:{s:o},s:{s:[{s:s,s:[{s:s,s:s,s:s,s:f}]}]},s:{s:{s:f}},s:o}",
	    "as_of", AS_OF, "ingest", "series", series, "agents", "reports", "agent_id",
	    "monetary_agent", "signals", "signal_id", "MONETARY_BR_TAYLOR", "direction",
	    "SHORT", "strength", "WEAK", "confidence", 0.3, "aggregate", "regime", "score",
	    0.0, "config", json_loads(config, 0, &err));
	return st;
}

static void
test_sizing(void)
{
	json_t *st, *out, *p, *d;

	taylor_inputs(3.0, 8.99);
	st = state_json("{}");
	out = strategies_compute(st);
	check_int((long long)json_array_size(json_object_get(out, "diagnostics")), 8,
	    "step: one diagnostics entry per strategy");
	check_str(json_string_value(json_object_get(json_object_get(out, "summary"), "detail")),
	    "8 strategies, 1 strategy positions", "step: detail");
	p = json_array_get(json_object_get(out, "positions"), 0);
	/* conf 101/300 = 0.3367: WEAK (0.3); weight -0.3 * conf. */
	check_str(json_string_value(json_object_get(p, "strength")), "WEAK", "RATES_BR_02 strength WEAK");
	check_dbl(json_number_value(json_object_get(p, "weight")), -0.3 * 101 / 300, 1e-9,
	    "RATES_BR_02 weight = -0.3 * conf");
	check_dbl(json_number_value(json_object_get(json_array_get(json_object_get(p, "legs"), 0),
	    "weight")), -0.3 * 101 / 300, 1e-9, "single leg weight equals the weight");
	/* A constant DI_1Y has no volatility: no stop and no target (null). */
	check(json_is_null(json_object_get(p, "stop_loss")) &&
	    json_is_null(json_object_get(p, "take_profit")),
	    "RATES_BR_02 on a constant rate: stop and target null");
	check_str(json_string_value(json_object_get(p, "package_status")), "opened",
	    "without a previous run the position is a new package");
	check_str(json_string_value(json_object_get(p, "entry_signal")), "MONETARY_BR_TAYLOR",
	    "entry signal: the supporting agent signal");
	d = json_array_get(json_object_get(out, "diagnostics"), 6);
	check_str(json_string_value(json_object_get(d, "status")), "no_data",
	    "CUPOM_01 without its series: no_data");
	json_decref(out);
	json_decref(st);
	st = state_json("{\"strategies\":{\"RATES_BR_02\":{\"gap_threshold_bps\":150}}}");
	out = strategies_compute(st);
	check_int((long long)json_array_size(json_object_get(out, "positions")), 0,
	    "config.strategies.RATES_BR_02.gap_threshold_bps 150: no position");
	json_decref(out);
	json_decref(st);
}

/*
 * The lifecycle, chained through config.previous_portfolio_file. RATES_BR_02 on a
 * DI_1Y path of 100 business days ending at `asof`, Focus 4, target 3, output gap 0
 * (Taylor 10): DI < 9
 * pays DI_1Y (SHORT, gains when the rate rises), DI > 11 receives. Up to day E =
 * 70 the rate alternates 8.45 / 8.55 (8.45 on even days, so on E): the last 63
 * daily changes are 32 of -0.1 and 31 of +0.1, mean -0.1/63, sample variance
 * (63 (0.1)^2 - 63 (0.1/63)^2) / 62, and with horizon 63 the stop is
 * 8.45 - 1.0 sigma sqrt(63), the target 8.45 + 1.5 sigma sqrt(63).
 */
#define LC_N 100
#define LC_E 70

static char lc_prev[64], lc_next[64], lc_keep[64];

static void
lc_copy(const char *from, const char *to)
{
	FILE *a = fopen(from, "r"), *b = fopen(to, "w");
	int ch;

	if (a == NULL || b == NULL)
		fprintf(stderr, "cannot copy %s to %s\n", from, to), exit(1);
	while ((ch = fgetc(a)) != EOF)
		fputc(ch, b);
	fclose(a);
	fclose(b);
}

static day_t
lc_day(int i)
{
	return date_add_bdays(asof, -(LC_N - 1 - i));
}

/* The path: as above to E, then after[0..] from E+1 on (the last value repeats). */
static void
lc_series(const double *after, size_t nafter)
{
	double v[LC_N];
	int i;

	reset();
	date_parse("2024-06-28", &asof);
	for (i = 0; i < LC_N; i++)
		v[i] = i <= LC_E ? (i % 2 ? 8.55 : 8.45) :
		    after[(size_t)(i - LC_E - 1) < nafter ? i - LC_E - 1 : (int)nafter - 1];
	daily("BR_DI_1Y", v, LC_N);
	constant("BR_FOCUS_IPCA_12M", 4.0, LC_N);
	constant("BR_CDI", 8.0, LC_N);
	/* target 3 and IBC-Br on a line (HP gap 0) to the first month of the path */
	monthly_line_to("BR_INFLATION_TARGET", lc_day(0), 3.0, 0, 3);
	monthly_line_to("BR_IBC_BR", lc_day(0), 100, 0.4, 36);
}

/*
 * The step at day i with config `config` (and the previous run lc_prev when prev);
 * the output state is written to lc_next, then becomes lc_prev. Returns the
 * strategies section (new reference).
 */
static json_t *
lc_run(int i, int prev, const char *config)
{
	char d[DATE_BUFSZ];
	json_t *st, *out;
	FILE *f;

	st = state_json(config);
	json_object_set_new(st, "as_of", json_string(date_format(lc_day(i), d)));
	if (prev)
		json_object_set_new(json_object_get(st, "config"), "previous_portfolio_file",
		    json_string(lc_prev));
	out = strategies_compute(st);
	json_object_set(st, "strategies", out);
	if ((f = fopen(lc_next, "w")) == NULL || state_dump(f, st) < 0 || fclose(f) != 0)
		fprintf(stderr, "cannot write %s\n", lc_next), exit(1);
	json_decref(st);
	rename(lc_next, lc_prev);
	return out;
}

/* The package of RATES_BR_02 with status st (NULL: the first), borrowed. */
static json_t *
lc_pkg(json_t *out, const char *st)
{
	json_t *p;
	size_t i;

	json_array_foreach(json_object_get(out, "packages"), i, p)
		if (strcmp(json_string_value(json_object_get(p, "strategy_id")), "RATES_BR_02") == 0 &&
		    (st == NULL || strcmp(json_string_value(json_object_get(p, "package_status")),
		    st) == 0))
			return p;
	return NULL;
}

static double
num(const json_t *o, const char *k)
{
	return json_is_number(json_object_get(o, k)) ? json_number_value(json_object_get(o, k)) :
	    NAN;
}

static const char *
str(const json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));

	return v ? v : "(none)";
}

static double
lc_span(void)
{
	return sqrt((63 * 0.01 - 63 * (0.1 / 63) * (0.1 / 63)) / 62) * sqrt(63);
}

static void
test_lifecycle_stop(void)
{
	static const double after[] = { 8.40, 7.60, 8.40 };
	double stop = 8.45 - lc_span();
	char want[200], d[DATE_BUFSZ];
	json_t *out, *p;

	lc_series(after, 3);
	out = lc_run(LC_E, 0, "{}");
	p = lc_pkg(out, "opened");
	check(p != NULL, "lifecycle: the first run opens RATES_BR_02's package");
	check_str(str(p, "direction"), "SHORT", "lifecycle: DI 8.45 pays DI_1Y");
	check_dbl(num(p, "entry_level"), 8.45, 1e-12, "lifecycle: entry level 8.45");
	check_dbl(num(p, "sigma_daily"), lc_span() / sqrt(63), 1e-12,
	    "lifecycle: sigma of the last 63 daily changes");
	check_dbl(num(p, "stop_loss"), stop, 1e-12, "lifecycle: stop 8.45 - sigma sqrt(63)");
	check_dbl(num(p, "take_profit"), 8.45 + 1.5 * lc_span(), 1e-12,
	    "lifecycle: target 8.45 + 1.5 sigma sqrt(63)");
	check_dbl(num(p, "distance_to_stop_sigmas"), sqrt(63), 1e-9,
	    "lifecycle: at entry the stop is sqrt(63) daily sigmas away");
	json_decref(out);
	/* E+2 at 7.60 is below the stop; the run on E+5 sees it on the path. */
	out = lc_run(LC_E + 5, 1, "{}");
	p = lc_pkg(out, "closed");
	snprintf(want, sizeof want, "stop-loss %.6g hit at 7.6 on %s", stop,
	    date_format(lc_day(LC_E + 2), d));
	check_str(str(p, "close_reason"), want, "lifecycle: a stop crossed between two runs "
	    "closes the package with its reason");
	check_dbl(num(p, "pnl_bp"), -85, 1e-9, "lifecycle: closed at 7.60: P&L -85 bp");
	check_int((long long)json_array_size(json_object_get(out, "positions")), 0,
	    "lifecycle: a closed package is not a position; re-entry is blocked");
	check_str(str(json_array_get(json_object_get(out, "cooldowns"), 0), "until"),
	    date_format(lc_day(LC_E + 7), d), "lifecycle: cool-down 5 business days after the hit");
	json_decref(out);
	/* From the run of E+5: on E+6 still blocked, on E+7 open again. */
	lc_copy(lc_prev, lc_keep);
	out = lc_run(LC_E + 6, 1, "{}");
	check(lc_pkg(out, NULL) == NULL && json_array_size(json_object_get(out, "cooldowns")) == 1,
	    "lifecycle: still blocked one day before the cool-down ends");
	json_decref(out);
	lc_copy(lc_keep, lc_prev);
	out = lc_run(LC_E + 7, 1, "{}");
	p = lc_pkg(out, "opened");
	check(p != NULL && num(p, "entry_level") == 8.40,
	    "lifecycle: re-entry on the day the cool-down ends, at 8.40");
	check_int((long long)json_array_size(json_object_get(out, "cooldowns")), 0,
	    "lifecycle: an ended cool-down is not carried");
	json_decref(out);
}

static void
test_lifecycle_held(void)
{
	static const double after[] = { 8.55, 8.45, 8.55, 8.45, 8.55, 8.45, 8.55, 8.45, 8.55,
		8.55, 8.55 };
	double w0 = 0, pay;
	char d[DATE_BUFSZ];
	json_t *out = NULL, *p = NULL;
	int i, same = 1;

	lc_series(after, 11);
	for (i = LC_E; i <= LC_E + 10; i++) {
		out = lc_run(i, i > LC_E, "{}");
		p = lc_pkg(out, i == LC_E ? "opened" : "held");
		if (i == LC_E)
			w0 = num(p, "entry_weight");
		same = same && p != NULL && num(p, "entry_level") == 8.45 &&
		    num(p, "entry_weight") == w0 && strcmp(str(p, "entry_date"),
		    date_format(lc_day(LC_E), d)) == 0 &&
		    json_array_size(json_object_get(out, "positions")) == 1;
		if (i < LC_E + 10)
			json_decref(out);
	}
	check(same, "lifecycle: entry date, level and size survive ten chained runs");
	/* Days E+9 and E+10 are both 8.55: +10 bp for the payer. */
	check_dbl(num(p, "pnl_bp"), 10, 1e-9, "lifecycle: held at 8.55: P&L +10 bp");
	check_dbl(num(p, "distance_to_stop"), 8.55 - (8.45 - lc_span()), 1e-12,
	    "lifecycle: distance to stop in level units");
	check_int((long long)num(p, "business_days_held"), 10, "lifecycle: 10 business days held");
	/*
	 * The payer's return over the ten days, from instrument.h: each day
	 * D (l1 - l0)/100 - (l0 - CDI)/100/252, D = 1/(1 + l0/100): five moves up
	 * (8.45 -> 8.55), four down and a flat day at 8.55.
	 */
	pay = 5 * (1 / 1.0845 * 0.10 / 100 - (8.45 - 8) / 100 / 252) +
	    4 * (-1 / 1.0855 * 0.10 / 100 - (8.55 - 8) / 100 / 252) - (8.55 - 8) / 100 / 252;
	check_dbl(num(p, "pnl_return"), pay, 1e-12, "lifecycle: return of the package since entry");
	json_decref(out);
}

static void
test_lifecycle_exits(void)
{
	static const double take[] = { 8.50, 9.70, 9.00 }, flip[] = { 11.20 };
	static const double flat[] = { 8.55, 8.45, 8.55 };
	static const char *wide = "{\"strategies\":{\"RATES_BR_02\":{\"stop_k\":10,\"take_k\":10}}}";
	char want[200], d[DATE_BUFSZ];
	json_t *out, *p;

	lc_series(take, 3);
	json_decref(lc_run(LC_E, 0, "{}"));
	out = lc_run(LC_E + 3, 1, "{}");
	snprintf(want, sizeof want, "take-profit %.6g hit at 9.7 on %s", 8.45 + 1.5 * lc_span(),
	    date_format(lc_day(LC_E + 2), d));
	check_str(str(lc_pkg(out, "closed"), "close_reason"), want,
	    "lifecycle: take-profit crossed between runs closes the package");
	json_decref(out);
	lc_series(flat, 3);
	json_decref(lc_run(LC_E, 0, "{\"strategies\":{\"RATES_BR_02\":{\"horizon_days\":3}}}"));
	out = lc_run(LC_E + 3, 1, "{\"strategies\":{\"RATES_BR_02\":{\"horizon_days\":3}}}");
	snprintf(want, sizeof want, "horizon: 3 business days since %s (horizon 3)",
	    date_format(lc_day(LC_E), d));
	check_str(str(lc_pkg(out, "closed"), "close_reason"), want, "lifecycle: horizon closes");
	p = lc_pkg(out, "opened");
	check(p != NULL && num(p, "entry_level") == 8.55 && strcmp(str(p, "entry_date"),
	    date_format(lc_day(LC_E + 3), d)) == 0,
	    "lifecycle: after a horizon exit the standing signal opens a new package");
	json_decref(out);
	lc_series(flip, 1);
	json_decref(lc_run(LC_E, 0, wide));
	out = lc_run(LC_E + 1, 1, wide);
	check_str(str(lc_pkg(out, "closed"), "close_reason"), "signal flip: LONG after SHORT",
	    "lifecycle: a flip of the signal closes the package");
	p = lc_pkg(out, "opened");
	check(p != NULL && strcmp(str(p, "direction"), "LONG") == 0 &&
	    num(p, "entry_level") == 11.2, "lifecycle: ... and reopens it LONG at 11.20");
	check_int((long long)json_array_size(json_object_get(out, "cooldowns")), 0,
	    "lifecycle: a flip starts no cool-down");
	json_decref(out);
}

static void
test_lifecycle(void)
{
	long pid = (long)getpid();

	snprintf(lc_prev, sizeof lc_prev, "/tmp/test_strategies.%ld.json", pid);
	snprintf(lc_next, sizeof lc_next, "/tmp/test_strategies.%ld.next", pid);
	snprintf(lc_keep, sizeof lc_keep, "/tmp/test_strategies.%ld.keep", pid);
	test_lifecycle_stop();
	test_lifecycle_held();
	test_lifecycle_exits();
	remove(lc_prev);
	remove(lc_keep);
}

int
main(void)
{
	test_rates_br_02();
	test_inf_br_01();
	test_rates_br_03();
	test_rates_br_04();
	test_cupom_01();
	test_rates_br_01();
	test_sov_br_01();
	test_fx_br_01();
	test_fx_br_01_sides();
	test_sizing();
	test_lifecycle();
	reset();
	return test_done();
}
