/*
 * Whole agents on small hand-built states: the Taylor rule and Fed stance with
 * values worked out by hand, US trend, the regime score from VIX alone, and the
 * bad inputs (no series, all-null series, one-point series): always 23 signals,
 * NO_SIGNAL with a reason, never a crash.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../../steps/agents/agents.h"
#include "date.h"
#include "state.h"
#include "tap.h"

#define ASOF "2024-01-15"

static const char *const catalogue[] = {"BR_SELIC_TARGET", "BR_CDI", "BR_IPCA_MOM",
    "BR_IPCA_12M", "BR_IPCA_CORE_MOM", "BR_IPCA_SERVICES_MOM",
    "BR_IPCA_G_FOOD_HOME_MOM", "BR_IPCA_G_HOUSING_MOM", "BR_IPCA_G_TRANSPORT_MOM",
    "BR_FOCUS_IPCA_12M", "BR_IBC_BR", "BR_UNEMPLOYMENT", "BR_CAPACITY_UTIL",
    "BR_GROSS_DEBT_GDP", "BR_PRIMARY_BALANCE_GDP", "BR_GDP_GROWTH", "BR_DI_1Y",
    "BR_DI_2Y", "BR_DI_5Y", "BR_DI_10Y", "BR_NTNB_5Y", "BR_CDS_5Y", "BR_EMBI",
    "USDBRL", "IBOVESPA", "BR_FX_FLOW", "US_FED_FUNDS", "US_UST_2Y", "US_UST_5Y",
    "US_UST_10Y", "US_CPI_CORE", "US_BREAKEVEN_5Y", "US_HY_OAS", "VIX", "DXY",
    "SP500", "BRENT", "IRON_ORE", "SOYBEAN", NULL};

static json_t *
state_new(void)
{
	return json_pack("{s:s, s:{s:{}}}", "as_of", ASOF, "ingest", "series");
}

/* n values ending on the business day before as_of (daily) or monthly from y-m. */
static void
add(json_t *st, const char *id, char freq, size_t n, const double *v, int y, int m)
{
	json_t *d = json_array(), *vals = json_array();
	char buf[DATE_BUFSZ], f[2] = {freq, 0};
	day_t day, asof;
	size_t i;

	date_parse(ASOF, &asof);
	for (i = 0; i < n; i++) {
		if (freq == 'M')
			day = date_add_months(date_from_ymd(y, m, 1), (int)i);
		else
			day = date_add_bdays(asof, (int)i - (int)n);
		json_array_append_new(d, json_string(date_format(day, buf)));
		json_array_append_new(vals, isnan(v[i]) ? json_null() : json_real(v[i]));
	}
	json_object_set_new(json_object_get(json_object_get(st, "ingest"), "series"), id,
	    json_pack("{s:s, s:s, s:s, s:o, s:o}", "id", id, "freq", f, "unit", "x",
	    "dates", d, "values", vals));
}

static void
add1(json_t *st, const char *id, double v)
{
	add(st, id, 'D', 1, &v, 0, 0);
}

static const json_t *
sig(const json_t *ag, const char *id)
{
	const json_t *r, *s;
	size_t i, j;

	json_array_foreach(json_object_get(ag, "reports"), i, r)
		json_array_foreach(json_object_get(r, "signals"), j, s)
			if (strcmp(json_string_value(json_object_get(s, "signal_id")), id) == 0)
				return s;
	return NULL;
}

static const char *
str(const json_t *s, const char *k)
{
	return s ? json_string_value(json_object_get(s, k)) : NULL;
}

/* metadata.reason exists and contains frag. */
static int
has_reason(const json_t *s, const char *frag)
{
	const char *r = str(json_object_get(s, "metadata"), "reason");

	return r != NULL && strstr(r, frag) != NULL;
}

static double
num(const json_t *s, const char *k)
{
	const json_t *v = s ? json_object_get(s, k) : NULL;

	return json_is_number(v) ? json_number_value(v) : NAN;
}

/* 37 monthly values 2021-01 .. 2024-01 (as_of's month) of id: v0 + step * i. */
static void
add_line(json_t *st, const char *id, double v0, double step)
{
	double v[37];
	int i;

	for (i = 0; i < 37; i++)
		v[i] = v0 + step * i;
	add(st, id, 'M', 37, v, 2021, 1);
}

/*
 * The Taylor rule says NO_SIGNAL, naming what is missing, instead of assuming a
 * 3 % target, a zero gap or a 3 % r*: Selic 7 and Focus 3 alone lack the target;
 * with it, the output gap; with a 37-month IBC-Br, r* (one Selic point, < 24
 * months for the Kalman filter).
 */
static void
taylor_missing(void)
{
	json_t *st = state_new(), *ag;

	add1(st, "BR_SELIC_TARGET", 7.0);
	add1(st, "BR_FOCUS_IPCA_12M", 3.0);
	ag = agents_compute(st);
	check(has_reason(sig(ag, "MONETARY_BR_TAYLOR"), "BR_INFLATION_TARGET missing"),
	    "taylor without the target: NO_SIGNAL naming it");
	check(has_reason(sig(ag, "MONETARY_BR_TAYLOR"), "") &&
	    json_object_get(json_object_get(sig(ag, "MONETARY_BR_TAYLOR"), "metadata"),
	    "policy_gap") == NULL, "taylor without the target: no policy gap");
	json_decref(ag);
	add1(st, "BR_INFLATION_TARGET", 3.0);
	ag = agents_compute(st);
	check(has_reason(sig(ag, "MONETARY_BR_TAYLOR"), "no output gap"),
	    "taylor without activity data: NO_SIGNAL, no zero gap");
	json_decref(ag);
	add_line(st, "BR_IBC_BR", 100, 0.5);
	ag = agents_compute(st);
	check(has_reason(sig(ag, "MONETARY_BR_TAYLOR"), "no r*"),
	    "taylor with 1 month of Selic: no r* (no assumed 3)");
	check(isnan(num(json_object_get(sig(ag, "MONETARY_BR_TAYLOR"), "metadata"),
	    "r_star")), "r* null when not estimated");
	json_decref(ag);
	json_decref(st);
}

/*
 * 37 months of Selic 7 and Focus 3 (inertia 0), IBC-Br on a straight line (the HP
 * trend of a line is the line: gap 0), target t: policy gap = 7 - (r* + 3 +
 * 1.5 (3 - t)) with the filter's r*. Target 4.5 instead of 3 raises the gap by
 * 1.5 * 1.5 = 2.25 (r* does not depend on the target).
 */
static double
taylor_with_target(double t, const char *label)
{
	json_t *st = state_new(), *ag;
	const json_t *s, *md;
	double rstar, gap;
	char l[96];

	add_line(st, "BR_SELIC_TARGET", 7, 0);
	add_line(st, "BR_FOCUS_IPCA_12M", 3, 0);
	add_line(st, "BR_IBC_BR", 100, 0.5);
	add_line(st, "BR_INFLATION_TARGET", t, 0);
	ag = agents_compute(st);
	s = sig(ag, "MONETARY_BR_TAYLOR");
	md = json_object_get(s, "metadata");
	rstar = num(md, "r_star");
	gap = num(md, "policy_gap");
	snprintf(l, sizeof l, "taylor, target %s: output gap 0 (HP of a line)", label);
	check_dbl(num(md, "output_gap"), 0, 1e-6, l);
	snprintf(l, sizeof l, "taylor, target %s: the target read from the state", label);
	check_dbl(num(md, "inflation_target"), t, 1e-12, l);
	snprintf(l, sizeof l, "taylor, target %s: policy gap by hand from r*", label);
	check_dbl(gap, 7 - (rstar + 3 + 1.5 * (3 - t)), 1e-5, l);
	json_decref(ag);
	json_decref(st);
	return gap;
}

static void
taylor_state(void)
{
	double g3 = taylor_with_target(3.0, "3.0"), g45 = taylor_with_target(4.5, "4.5");

	check_dbl(g45 - g3, 2.25, 1e-5, "taylor: target 4.5 vs 3.0 adds 1.5 x 1.5 to the gap");
}

/*
 * A daily series that stopped is missing, not its last value forever: Focus 3.0
 * (3.6) last seen 35 business days (49 calendar days, 2023-11-27: still November's
 * month-end value on the grid) before as_of gives no Taylor rule (the reason names
 * the Selic or Focus) and no expectations sub-score; 15 business days (21 calendar
 * days, 2023-12-25) is still current: the Taylor rule goes on to the next missing
 * input (the output gap); expectations 50 + 20 (3.6 - 3) = 62 with the target 3
 * (expectations above the target push persistence up, docs/AGENTS.md).
 */
static void
stale_state(int back, int current)
{
	json_t *st = state_new(), *ag;
	const json_t *s;
	double v[40];
	char l[96];
	int i;

	for (i = 0; i < back; i++)
		v[i] = i == 0 ? 3.6 : NAN;
	add1(st, "BR_SELIC_TARGET", 7.0);
	add1(st, "BR_INFLATION_TARGET", 3.0);
	add(st, "BR_FOCUS_IPCA_12M", 'D', (size_t)back, v, 0, 0);
	ag = agents_compute(st);
	s = sig(ag, "MONETARY_BR_TAYLOR");
	snprintf(l, sizeof l, "Focus %d bdays old: taylor %s", back,
	    current ? "past Focus (no output gap)" : "Focus missing");
	check(has_reason(s, current ? "no output gap" : "Focus IPCA missing"), l);
	s = sig(ag, "INFLATION_BR_PERSISTENCE");
	snprintf(l, sizeof l, "Focus %d bdays old: expectations sub-score", back);
	check_dbl(num(json_object_get(json_object_get(s, "metadata"), "sub_scores"),
	    "expectations"), current ? 62 : NAN, 1e-9, l);
	json_decref(ag);
	json_decref(st);
}

/* Core CPI 100 -> 100 + 12 * step over 2022-12 .. 2023-12 (YoY 12 * step %). */
static void
add_cpi(json_t *st, double step)
{
	double cpi[13];
	int i;

	for (i = 0; i < 13; i++)
		cpi[i] = 100 + step * i;
	add(st, "US_CPI_CORE", 'M', 13, cpi, 2022, 12);
}

/*
 * Fed stance (docs/AGENTS.md): i* = 2.5 + 1.5 (core YoY - 2) + 0.5 * 2 (u* - u).
 * Without US unemployment there is no output gap: NO_SIGNAL naming it (the UST
 * slope no longer stands in). Unemployment flat at 4: its HP trend is 4, gap 0.
 * FF 5, core YoY 3: i* = 2.5 + 1.5 = 4.0, gap 1.0: LONG (receive), conf 0.5.
 * FF 4.2: gap 0.2, inside the band: NEUTRAL, conf 0.1, WEAK.
 */
static void
fed_state(void)
{
	json_t *st = state_new(), *ag;
	const json_t *s;

	add1(st, "US_FED_FUNDS", 5.0);
	add_cpi(st, 0.25);
	ag = agents_compute(st);
	check(has_reason(sig(ag, "MONETARY_US_FED_STANCE"), "US unemployment rate is missing"),
	    "fed stance without unemployment: NO_SIGNAL naming it");
	json_decref(ag);
	add_line(st, "US_UNEMPLOYMENT", 4.0, 0);
	ag = agents_compute(st);
	s = sig(ag, "MONETARY_US_FED_STANCE");
	check_str(str(s, "direction"), "LONG", "fed stance: LONG (fed funds above rule: receive)");
	check_dbl(num(s, "value"), 1.0, 1e-9, "fed stance: gap 5 - 4.0");
	check_dbl(num(s, "confidence"), 0.5, 1e-9, "fed stance: conf 0.5");
	check_dbl(num(json_object_get(s, "metadata"), "output_gap"), 0, 1e-9,
	    "fed stance: flat unemployment, output gap 0");
	/* SAAR over Sep-Dec: (103/102.25)^4 - 1; YoY 3 > 2 and SAAR > 2: SHORT, conf .5. */
	s = sig(ag, "INFLATION_US_TREND");
	check_str(str(s, "direction"), "SHORT", "US trend: SHORT (inflation above 2: pay)");
	check_dbl(num(s, "confidence"), 0.5, 1e-9, "US trend: conf |3-2|/2");
	check_dbl(num(s, "value"), (pow(103 / 102.25, 4) - 1) * 100, 1e-6,
	    "US trend: value = 3m SAAR");
	json_decref(ag);
	add1(st, "US_FED_FUNDS", 4.2);
	ag = agents_compute(st);
	s = sig(ag, "MONETARY_US_FED_STANCE");
	check_str(str(s, "direction"), "NEUTRAL", "fed stance gap 0.2: NEUTRAL");
	check_str(str(s, "strength"), "WEAK", "fed stance gap 0.2: WEAK, not NO_SIGNAL");
	check_dbl(num(s, "confidence"), 0.1, 1e-9, "fed stance gap 0.2: conf 0.1");
	json_decref(ag);
	json_decref(st);
}

/*
 * The April 2020 state: fed funds 0.05, core CPI YoY 1.4, unemployment 3.5 for
 * 35 months, 4.4 (March), 14.7 (April). HP trend (lambda 14400) at the last
 * month: 5.035175252435878 (statsmodels hpfilter, tests/oracles); unemployment
 * gap 5.0352 - 14.7 = -9.6648, output gap -19.3296. i* = 2.5 + 1.5 (1.4 - 2)
 * + 0.5 (-19.3296) = -8.0648; gap 0.05 + 8.0648 = 8.1148: LONG (receive), conf 1.
 * The slope rule (2.5 - 0.9 + 0.25 * 0.5) said SHORT with i* 1.73.
 */
static void
fed_2020(void)
{
	json_t *st = state_new(), *ag;
	const json_t *s;
	double u[37];
	int i;

	for (i = 0; i < 35; i++)
		u[i] = 3.5;
	u[35] = 4.4;
	u[36] = 14.7;
	add1(st, "US_FED_FUNDS", 0.05);
	add1(st, "US_UST_2Y", 0.2);
	add1(st, "US_UST_10Y", 0.7);
	add_cpi(st, 1.4 / 12);
	add(st, "US_UNEMPLOYMENT", 'M', 37, u, 2021, 1);
	ag = agents_compute(st);
	s = sig(ag, "MONETARY_US_FED_STANCE");
	check_str(str(s, "direction"), "LONG", "fed 2020-04: LONG (rule far below the ZLB)");
	check_str(str(s, "strength"), "STRONG", "fed 2020-04: STRONG");
	check_dbl(num(json_object_get(s, "metadata"), "unemployment_gap"),
	    5.035175252435878 - 14.7, 1e-6, "fed 2020-04: unemployment gap (statsmodels HP)");
	check_dbl(num(json_object_get(s, "metadata"), "taylor_rate"),
	    2.5 + 1.5 * (1.4 - 2) + 0.5 * 2 * (5.035175252435878 - 14.7), 1e-6,
	    "fed 2020-04: Taylor rate -8.06");
	check_dbl(num(s, "value"), 0.05 - (2.5 + 1.5 * (1.4 - 2) +
	    (5.035175252435878 - 14.7)), 1e-6, "fed 2020-04: gap 8.11");
	json_decref(ag);
	json_decref(st);
}

/* VIX flat at 20/22 then a spike to 40: z >> 2, score clipped at 1: RISK_OFF. */
static void
regime_state(double last, const char *label, const char *dir)
{
	json_t *st = state_new(), *ag;
	double v[252];
	char l[96];
	int i;

	for (i = 0; i < 251; i++)
		v[i] = i % 2 ? 22 : 20;
	v[251] = last;
	add(st, "VIX", 'D', 252, v, 0, 0);
	ag = agents_compute(st);
	snprintf(l, sizeof l, "VIX %g: regime %s", last, label);
	check_str(json_string_value(json_object_get(json_object_get(ag, "regime"),
	    "label")), label, l);
	snprintf(l, sizeof l, "VIX %g: CROSSASSET_REGIME %s", last, dir);
	check_str(str(sig(ag, "CROSSASSET_REGIME"), "direction"), dir, l);
	json_decref(ag);
	json_decref(st);
}

/*
 * Focus daily stopped 35 business days before as_of (missing), its month average
 * BR_FOCUS_IPCA_12M_M goes on to 2023-12 (45 days before as_of, within 62): the
 * current expectation is December's 3.9; with the average's last month 2023-10
 * (106 days) there is none.
 */
static void
focus_monthly(void)
{
	json_t *st = state_new(), *ag;
	double v[35], m[3] = {4.1, 4.0, 3.9};
	int i;

	for (i = 0; i < 35; i++)
		v[i] = i == 0 ? 4.5 : NAN;
	add1(st, "BR_SELIC_TARGET", 11.75);
	add(st, "BR_FOCUS_IPCA_12M", 'D', 35, v, 0, 0);
	add(st, "BR_FOCUS_IPCA_12M_M", 'M', 3, m, 2023, 10);
	ag = agents_compute(st);
	check_dbl(num(json_object_get(sig(ag, "MONETARY_BR_TAYLOR"), "metadata"),
	    "focus_ipca_12m"), 3.9, 1e-12, "Focus: December's month average stands in");
	json_decref(ag);
	add(st, "BR_FOCUS_IPCA_12M_M", 'M', 1, m, 2023, 10);
	ag = agents_compute(st);
	check(has_reason(sig(ag, "MONETARY_BR_TAYLOR"), "Focus IPCA missing"),
	    "Focus: a 106-day-old month average is missing too");
	json_decref(ag);
	json_decref(st);
}

/*
 * Ten years of month averages: Selic and Focus daily for the last 20 business
 * days (December 2023 and January 2024), their _M series monthly 2014-01 ..
 * 2023-12 (120 months). The Kalman filter sees 2014-01 .. 2024-01: 121 months
 * (January from the daily value), not the one or two the daily window holds.
 */
static void
monthly_history(void)
{
	json_t *st = state_new(), *ag;
	double d[20], m[120];
	int i;

	for (i = 0; i < 20; i++)
		d[i] = 11.75;
	for (i = 0; i < 120; i++)
		m[i] = 10 + (i % 7) * 0.25;
	add(st, "BR_SELIC_TARGET", 'D', 20, d, 0, 0);
	add(st, "BR_SELIC_TARGET_M", 'M', 120, m, 2014, 1);
	for (i = 0; i < 20; i++)
		d[i] = 4.0;
	for (i = 0; i < 120; i++)
		m[i] = 4.5;
	add(st, "BR_FOCUS_IPCA_12M", 'D', 20, d, 0, 0);
	add(st, "BR_FOCUS_IPCA_12M_M", 'M', 120, m, 2014, 1);
	ag = agents_compute(st);
	check_dbl(num(json_object_get(sig(ag, "MONETARY_BR_TAYLOR"), "metadata"),
	    "kalman_observations"), 121, 0, "r*: 120 month averages + January's daily value");
	json_decref(ag);
	json_decref(st);
}

/*
 * Brazil's spread in the regime: EMBI 251 days alternating 300/310, then 306; its
 * z against the 251 (mean and sample sd worked out below) is the component and,
 * alone, the score is z/2. A daily CDS is preferred to the EMBI; a weekly one is
 * not.
 */
static void
regime_brazil(void)
{
	json_t *st = state_new(), *ag;
	const json_t *md;
	double v[252], m = 0, ss = 0, z;
	int i;

	for (i = 0; i < 251; i++) {
		v[i] = i % 2 ? 310 : 300;
		m += v[i] / 251;
	}
	for (i = 0; i < 251; i++)
		ss += (v[i] - m) * (v[i] - m);
	v[251] = 306;
	z = (306 - m) / sqrt(ss / 250);
	add(st, "BR_EMBI", 'D', 252, v, 0, 0);
	ag = agents_compute(st);
	md = json_object_get(sig(ag, "CROSSASSET_REGIME"), "metadata");
	check_str(str(md, "br_spread_source"), "BR_EMBI", "regime: Brazil from the daily EMBI");
	check_dbl(num(json_object_get(md, "components"), "br_sovereign_spread"), z, 1e-6,
	    "regime: EMBI z by hand");
	check_dbl(num(sig(ag, "CROSSASSET_REGIME"), "value"), z / 2, 1e-6,
	    "regime: score = z / 2");
	json_decref(ag);
	for (i = 0; i < 252; i++)
		v[i] = i % 2 ? 210 : 200;
	add(st, "BR_CDS_5Y", 'W', 252, v, 0, 0);
	ag = agents_compute(st);
	md = json_object_get(sig(ag, "CROSSASSET_REGIME"), "metadata");
	check_str(str(md, "br_spread_source"), "BR_EMBI", "regime: the daily EMBI before a weekly CDS");
	json_decref(ag);
	add(st, "BR_CDS_5Y", 'D', 252, v, 0, 0);
	ag = agents_compute(st);
	md = json_object_get(sig(ag, "CROSSASSET_REGIME"), "metadata");
	check_str(str(md, "br_spread_source"), "BR_CDS_5Y", "regime: a daily CDS before the EMBI");
	json_decref(ag);
	json_decref(st);
}

/*
 * Series that stopped 40 business days (2023-11-20, 56 calendar days) before
 * as_of: the VIX spike of regime_state above no longer counts (no regime
 * component: NO_SIGNAL, regime NEUTRAL, not RISK_OFF), and USDBRL/DXY, with 200
 * aligned days, have no current correlation (its z is null, not November's).
 */
static void
stale_crossasset(void)
{
	json_t *st = state_new(), *ag;
	const json_t *s;
	double v[292], fx[240], dxy[240];
	int i;

	for (i = 0; i < 292; i++)
		v[i] = i < 251 ? (i % 2 ? 22 : 20) : i == 251 ? 40 : NAN;
	for (i = 0; i < 240; i++) {
		fx[i] = i < 200 ? 5 + sin(i / 7.0) + 0.01 * i : NAN;
		dxy[i] = i < 200 ? 100 + 3 * cos(i / 5.0) : NAN;
	}
	add(st, "VIX", 'D', 292, v, 0, 0);
	add(st, "USDBRL", 'D', 240, fx, 0, 0);
	add(st, "DXY", 'D', 240, dxy, 0, 0);
	ag = agents_compute(st);
	check_str(json_string_value(json_object_get(json_object_get(ag, "regime"),
	    "label")), "NEUTRAL", "VIX stopped 56 days ago: regime NEUTRAL");
	s = sig(ag, "CROSSASSET_REGIME");
	check_str(str(s, "strength"), "NO_SIGNAL", "VIX stopped: CROSSASSET_REGIME NO_SIGNAL");
	check(json_is_null(json_object_get(json_object_get(json_object_get(s, "metadata"),
	    "components"), "vix")), "VIX stopped: no vix component");
	s = sig(ag, "CROSSASSET_CORRELATION");
	check(json_is_null(json_object_get(json_object_get(json_object_get(s, "metadata"),
	    "z"), "USDBRL_DXY")), "USDBRL/DXY stopped: no correlation z");
	check_str(str(s, "strength"), "NO_SIGNAL", "USDBRL/DXY stopped: NO_SIGNAL");
	json_decref(ag);
	json_decref(st);
}

/*
 * BEER on 48 months of monthly inputs. Ending 2023-12 (one month before as_of's)
 * the misalignment is current; ending 2022-12 its last complete month is 13 months
 * old: NO_SIGNAL naming the month, not a year-old misalignment presented as today's.
 */
static void
beer_state(int y0, const char *last, int current)
{
	static const char *const ids[] = {"USDBRL", "BR_DI_5Y", "BR_FOCUS_IPCA_12M",
	    "US_UST_5Y", "US_BREAKEVEN_5Y", "IRON_ORE"};
	json_t *st = state_new(), *ag;
	const json_t *s;
	double v[6][48];
	char l[96];
	int i, j;

	for (i = 0; i < 48; i++) {
		v[0][i] = 5 + 0.3 * sin(i / 3.0) + 0.01 * i;
		v[1][i] = 10 + sin(i / 4.0);
		v[2][i] = 4 + 0.5 * cos(i / 5.0);
		v[3][i] = 3 + 0.2 * sin(i / 6.0);
		v[4][i] = 2.3;
		v[5][i] = 100 + 10 * sin(i / 7.0) + i;
	}
	for (j = 0; j < 6; j++)
		add(st, ids[j], 'M', 48, v[j], y0, 1);
	ag = agents_compute(st);
	s = sig(ag, "FX_BR_BEER");
	snprintf(l, sizeof l, "BEER ending %s: month reported", last);
	check_str(str(json_object_get(s, "metadata"), "month"), last, l);
	snprintf(l, sizeof l, "BEER ending %s: %s", last, current ? "computed" : "NO_SIGNAL");
	check(current ? !isnan(num(s, "value")) :
	    strcmp(str(s, "strength"), "NO_SIGNAL") == 0 && isnan(num(s, "value")) &&
	    json_object_get(json_object_get(s, "metadata"), "reason") != NULL, l);
	json_decref(ag);
	json_decref(st);
}

/*
 * Surprise: 36 months of IPCA MoM to 2023-12 against Focus (monthly here) to
 * 2023-12: 36 surprises, the last one current. With Focus stopped at 2022-12 the
 * reference's forward fill would measure 2023's IPCA against a year-old survey:
 * Focus is carried 2 months at most (26 surprises, the last 2023-02, 11 months
 * before as_of's month): NO_SIGNAL naming the lag.
 */
static void
surprise_state(int focus_months, size_t obs, int current)
{
	json_t *st = state_new(), *ag;
	const json_t *s, *md;
	double ipca[36], foc[36];
	char l[96];
	int i;

	for (i = 0; i < 36; i++) {
		ipca[i] = 0.4 + 0.2 * sin(i / 2.0);
		foc[i] = 4 + 0.3 * cos(i / 3.0);
	}
	add(st, "BR_IPCA_MOM", 'M', 36, ipca, 2021, 1);
	add(st, "BR_FOCUS_IPCA_12M", 'M', (size_t)focus_months, foc, 2021, 1);
	ag = agents_compute(st);
	s = sig(ag, "INFLATION_BR_SURPRISE");
	md = json_object_get(s, "metadata");
	snprintf(l, sizeof l, "surprise, Focus %d months: observations", focus_months);
	check_int((size_t)num(md, "observations"), obs, l);
	snprintf(l, sizeof l, "surprise, Focus %d months: %s", focus_months,
	    current ? "z computed" : "stale: NO_SIGNAL");
	check(current ? !isnan(num(md, "z")) : isnan(num(md, "z")) &&
	    has_reason(s, "11 months before"), l);
	json_decref(ag);
	json_decref(st);
}

/*
 * Phillips: 60 months of core MoM to 2023-12 on Focus (the only regressor with
 * data and variance). Focus to 2023-12: the curve is fitted and predicts; Focus
 * stopped at 2022-06 (19 months before as_of's month): no current expectation to
 * predict from, NO_SIGNAL (it used to predict from June 2022's Focus).
 */
static void
phillips_state(int focus_months, int current)
{
	json_t *st = state_new(), *ag;
	const json_t *s;
	double core[60], foc[60];
	char l[96];
	int i;

	for (i = 0; i < 60; i++) {
		core[i] = 0.3 + 0.1 * sin(i / 4.0) + 0.002 * i;
		foc[i] = 4 + 0.5 * cos(i / 6.0);
	}
	add(st, "BR_IPCA_CORE_MOM", 'M', 60, core, 2019, 1);
	add(st, "BR_FOCUS_IPCA_12M", 'M', (size_t)focus_months, foc, 2019, 1);
	add1(st, "BR_INFLATION_TARGET", 3.25);
	ag = agents_compute(st);
	s = sig(ag, "INFLATION_BR_PHILLIPS");
	snprintf(l, sizeof l, "Phillips, Focus %d months: %s", focus_months,
	    current ? "predicts" : "NO_SIGNAL");
	check(current ? !isnan(num(s, "value")) :
	    strcmp(str(s, "strength"), "NO_SIGNAL") == 0 && isnan(num(s, "value")) &&
	    has_reason(s, "19 months"), l);
	json_decref(ag);
	json_decref(st);
}

/*
 * The HMM's optional columns need data up to the last month: 400 business days of
 * UST 10Y/2Y and breakevens (growth and inflation) and a VIX that stopped 40
 * business days before as_of. Were VIX_z a column, every clean row would end with
 * it and the posterior called current would be November's; it is left out, and the
 * clean rows reach as_of: 401 grid days (the last value carried to as_of) - 62
 * (the z-score's 63-day start) = 339.
 */
static void
hmm_stale_column(void)
{
	json_t *st = state_new(), *ag;
	const json_t *h;
	double a[400], b[400], be[400], vix[400];
	unsigned long r = 12345;
	int i;

	for (i = 0; i < 400; i++) {
		double u[4];
		int k;

		for (k = 0; k < 4; k++) {	/* a small LCG: reproducible noise */
			r = (r * 1103515245UL + 12345UL) % 2147483648UL;
			u[k] = (double)r / 2147483648.0 - 0.5;
		}
		a[i] = 4 + sin(i / 40.0) + 0.1 * u[0];
		b[i] = 3.5 + 0.5 * cos(i / 50.0) + 0.1 * u[1];
		be[i] = 2.3 + 0.3 * sin(i / 30.0) + 0.05 * u[2];
		vix[i] = i < 360 ? 18 + 4 * sin(i / 25.0) + 2 * u[3] : NAN;
	}
	add(st, "US_UST_10Y", 'D', 400, a, 0, 0);
	add(st, "US_UST_2Y", 'D', 400, b, 0, 0);
	add(st, "US_BREAKEVEN_5Y", 'D', 400, be, 0, 0);
	add(st, "VIX", 'D', 400, vix, 0, 0);
	ag = agents_compute(st);
	h = json_object_get(json_object_get(ag, "regime"), "hmm");
	check_int((long long)num(h, "observations"), 339,
	    "HMM: a VIX that stopped is not a column; clean rows reach as_of");
	json_decref(ag);
	json_decref(st);
}

/*
 * Carry-to-risk and flows from series that stopped: USDBRL over 400 business days
 * with Selic and fed funds, and a flow of 600 business days, each stopping
 * `gap` business days before as_of. gap 0: both z-scores computed. gap 100
 * (2023-08-25): the last carry month (August) is 5 months before as_of's and
 * the last flow month 5 as well: NO_SIGNAL, not August's z presented as today's.
 */
static void
fx_stale(int gap, int current)
{
	json_t *st = state_new(), *ag;
	const json_t *s;
	double px[600], sel[400], ff[400], fl[600];
	char l[96];
	int i;

	for (i = 0; i < 600; i++) {
		px[i] = i >= 600 - gap ? NAN : 5 + 0.3 * sin(i / 9.0) + 0.05 * sin(i * 1.7);
		fl[i] = i >= 600 - gap ? NAN : 100 * sin(i / 11.0) + 30 * cos(i * 2.3);
	}
	for (i = 0; i < 400; i++) {
		sel[i] = 12 + sin(i / 60.0);
		ff[i] = 5;
	}
	add(st, "USDBRL", 'D', 600, px, 0, 0);
	add(st, "BR_SELIC_TARGET", 'D', 400, sel, 0, 0);
	add(st, "US_FED_FUNDS", 'D', 400, ff, 0, 0);
	add(st, "BR_FX_FLOW", 'W', 600, fl, 0, 0);
	ag = agents_compute(st);
	s = sig(ag, "FX_BR_CARRY_RISK");
	snprintf(l, sizeof l, "carry, USDBRL stopped %d bdays ago: %s", gap,
	    current ? "z" : "NO_SIGNAL");
	check(current ? !isnan(num(json_object_get(s, "metadata"), "z")) :
	    has_reason(s, "5 months before"),
	    l);
	s = sig(ag, "FX_BR_FLOW");
	snprintf(l, sizeof l, "flow, stopped %d bdays ago: %s", gap,
	    current ? "z" : "NO_SIGNAL");
	check(current ? json_object_get(json_object_get(s, "metadata"), "reason") == NULL :
	    has_reason(s, "5 months before"),
	    l);
	json_decref(ag);
	json_decref(st);
}

/*
 * A constant weekly flow on Fridays: every month's mean is the same, so the flow z is 0
 * and FX_BR_FLOW is NEUTRAL. (Monthly sums of four- and five-Friday months gave z = 1.38
 * from the calendar alone.)
 */
static void
flow_constant(void)
{
	json_t *st = state_new(), *ag, *d = json_array(), *v = json_array();
	const json_t *s;
	char buf[DATE_BUFSZ];
	day_t asof, fri;
	int i;

	date_parse(ASOF, &asof);
	for (fri = asof - 1; date_wday(fri) != 5; fri--)
		;
	for (i = 119; i >= 0; i--) {
		json_array_append_new(d, json_string(date_format(fri - 7 * i, buf)));
		json_array_append_new(v, json_real(250));
	}
	json_object_set_new(json_object_get(json_object_get(st, "ingest"), "series"),
	    "BR_FX_FLOW", json_pack("{s:s,s:s,s:s,s:o,s:o}", "id", "BR_FX_FLOW", "freq", "W",
	    "unit", "USD mn", "dates", d, "values", v));
	ag = agents_compute(st);
	s = sig(ag, "FX_BR_FLOW");
	check_str(json_string_value(json_object_get(s, "direction")), "NEUTRAL",
	    "flow: a constant weekly flow is NEUTRAL whatever the Fridays per month");
	check_dbl(num(json_object_get(s, "metadata"), "bcb_flow_z"), 0, 1e-12,
	    "flow: its z is 0");
	check_dbl(num(json_object_get(s, "metadata"), "last_month_flow"), 250,
	    1e-12, "flow: the month's mean weekly flow");
	json_decref(ag);
	json_decref(st);
}

/*
 * Without weekly flows, the BCB's monthly total BR_FX_FLOW_M: 24 complete months
 * 2022-01 .. 2023-12 alternating 100/300 but the last, 900; z of 900 against the
 * 24 (itself included: mean and sample sd by hand below) > 0.5: LONG (inflows,
 * long BRL), conf min(1, z/2). The regime leaves monthly flows out.
 */
static void
flow_monthly(void)
{
	json_t *st = state_new(), *ag;
	const json_t *s;
	double v[24], m = 0, ss = 0, z;
	int i;

	for (i = 0; i < 24; i++)
		m += (v[i] = i == 23 ? 900 : i % 2 ? 300 : 100) / 24;
	for (i = 0; i < 24; i++)
		ss += (v[i] - m) * (v[i] - m);
	z = (900 - m) / sqrt(ss / 23);
	add(st, "BR_FX_FLOW_M", 'M', 24, v, 2022, 1);
	ag = agents_compute(st);
	s = sig(ag, "FX_BR_FLOW");
	check_str(str(json_object_get(s, "metadata"), "flow_source"), "BR_FX_FLOW_M",
	    "flow: the monthly total without weekly flows");
	check_dbl(num(s, "value"), z, 1e-6, "flow: z of the last month by hand (6 dp)");
	check_str(str(s, "direction"), "LONG", "flow: inflows above the 24 months: LONG BRL");
	check(json_is_null(json_object_get(json_object_get(json_object_get(sig(ag,
	    "CROSSASSET_REGIME"), "metadata"), "components"), "em_flows")),
	    "regime: no flow component from monthly totals");
	json_decref(ag);
	json_decref(st);
}

/* The models that need a history: NO_SIGNAL on a one-point state. */
static const char *const history_models[] = {"INFLATION_BR_PHILLIPS",
    "INFLATION_BR_BOTTOMUP", "INFLATION_BR_SURPRISE", "INFLATION_US_TREND",
    "MONETARY_BR_TERM_PREMIUM", "FISCAL_BR_DSA", "FISCAL_BR_IMPULSE",
    "FX_BR_BEER", "FX_BR_CARRY_RISK", "FX_BR_FLOW", "CROSSASSET_CORRELATION", NULL};

/* Every signal present; all (or the history models) NO_SIGNAL. */
static void
all_quiet(json_t *st, const char *name, const char *const *quiet)
{
	json_t *ag = agents_compute(st);
	const json_t *r, *s;
	size_t i, j, n = 0, none = 0;
	char l[96];

	snprintf(l, sizeof l, "%s: computes", name);
	check(ag != NULL, l);
	json_array_foreach(json_object_get(ag, "reports"), i, r)
		json_array_foreach(json_object_get(r, "signals"), j, s) {
			n++;
			none += strcmp(str(s, "strength"), "NO_SIGNAL") == 0;
		}
	snprintf(l, sizeof l, "%s: 23 signals", name);
	check_int(n, 23, l);
	if (quiet == NULL) {
		snprintf(l, sizeof l, "%s: all NO_SIGNAL", name);
		check_int(none, 23, l);
	}
	for (i = 0; quiet && quiet[i]; i++) {
		s = sig(ag, quiet[i]);
		snprintf(l, sizeof l, "%s: %s NO_SIGNAL with a reason", name, quiet[i]);
		check(strcmp(str(s, "strength"), "NO_SIGNAL") == 0 &&
		    json_object_get(json_object_get(s, "metadata"), "reason"), l);
	}
	snprintf(l, sizeof l, "%s: regime method rule_based", name);
	check_str(json_string_value(json_object_get(json_object_get(json_object_get(ag,
	    "regime"), "hmm"), "method")), "rule_based", l);
	json_decref(ag);
	json_decref(st);
}

static void
bad_inputs(void)
{
	json_t *st;
	double nan3[3] = {NAN, NAN, NAN};
	size_t i;

	all_quiet(state_new(), "no series", NULL);
	st = state_new();
	for (i = 0; catalogue[i]; i++)
		add(st, catalogue[i], 'D', 3, nan3, 0, 0);
	all_quiet(st, "all-null series", NULL);
	st = state_new();
	for (i = 0; catalogue[i]; i++)
		add1(st, catalogue[i], 1.0);
	all_quiet(st, "one-point series", history_models);
	st = json_pack("{s:s}", "as_of", ASOF);
	check(agents_compute(st) == NULL, "missing ingest: NULL");
	json_decref(st);
}

/* run: a state from (id, value) pairs, one point each; the agents section. */
static json_t *
run1(const char *const *ids, const double *v)
{
	json_t *st = state_new(), *ag;
	size_t i;

	for (i = 0; ids[i]; i++)
		add1(st, ids[i], v[i]);
	ag = agents_compute(st);
	json_decref(st);
	return ag;
}

/*
 * Dominance, the sub-scores present renormalised (the pb trend is missing: not a
 * 50): debt 90 -> 100; r - g = (10 - 3) - 2 = 5 -> 100; credibility |Focus 3 -
 * target 3| -> 0: (.35*100 + .30*100 + .15*0) / .80 = 81.25 > 66: SHORT (risk up:
 * pay), conf .625. Debt 40 (16.67), Focus 4.5 (r - g 3.5 -> 85), target 4.5 (2005-18;
 * cred 0): (5.8333 + 25.5 + 0) / .80 = 39.17: NEUTRAL with the reference's 0.2;
 * against a 3 % target cred would be 50 and the score 48.54.
 */
static void
dominance_state(void)
{
	static const char *const ids[] = {"BR_GROSS_DEBT_GDP", "BR_SELIC_TARGET",
	    "BR_FOCUS_IPCA_12M", "BR_GDP_GROWTH", "BR_INFLATION_TARGET", NULL};
	json_t *ag = run1(ids, (double[]){90, 10, 3, 2, 3});
	const json_t *s = sig(ag, "FISCAL_BR_DOMINANCE_RISK");

	check_str(str(s, "direction"), "SHORT", "dominance 81.25: SHORT (risk up: pay)");
	check_dbl(num(s, "value"), 81.25, 1e-9, "dominance score 81.25");
	check_dbl(num(s, "confidence"), 0.625, 1e-9, "dominance conf |81.25-50|/50");
	json_decref(ag);
	ag = run1(ids, (double[]){40, 10, 4.5, 2, 4.5});
	s = sig(ag, "FISCAL_BR_DOMINANCE_RISK");
	check_str(str(s, "direction"), "NEUTRAL", "dominance 39.17: NEUTRAL");
	check_dbl(num(s, "value"), (.35 * 50.0 / 3 + .30 * 85 + .15 * 0) / .80, 1e-6,
	    "dominance score by hand (target 4.5)");
	check_dbl(num(s, "confidence"), 0.2, 1e-12, "dominance NEUTRAL conf 0.2");
	check(json_array_size(json_object_get(json_object_get(s, "metadata"), "inputs")) == 8,
	    "dominance: metadata.inputs lists its 8 series");
	json_decref(ag);
}

/*
 * Dominance with Brazil's spread: debt 90 (100), r - g 5 (100), credibility 0 as
 * above, and an EMBI whose last value is 2 sd above its year (alternating 300/310,
 * mean m and sd from the 251 values, then m + 2 sd): sub-score 50 + 25 * 2 = 100,
 * weight .15: (35 + 30 + 0 + 15) / .95 = 84.21.
 */
static void
dominance_spread(void)
{
	json_t *st = state_new(), *ag;
	double v[252], m = 0, ss = 0;
	const json_t *s;
	int i;

	for (i = 0; i < 251; i++)
		m += (v[i] = i % 2 ? 310 : 300) / 251;
	for (i = 0; i < 251; i++)
		ss += (v[i] - m) * (v[i] - m);
	v[251] = m + 2 * sqrt(ss / 250);
	add(st, "BR_EMBI", 'D', 252, v, 0, 0);
	add1(st, "BR_GROSS_DEBT_GDP", 90);
	add1(st, "BR_SELIC_TARGET", 10);
	add1(st, "BR_FOCUS_IPCA_12M", 3);
	add1(st, "BR_GDP_GROWTH", 2);
	add1(st, "BR_INFLATION_TARGET", 3);
	ag = agents_compute(st);
	s = sig(ag, "FISCAL_BR_DOMINANCE_RISK");
	check_dbl(num(json_object_get(json_object_get(s, "metadata"), "sub_scores"),
	    "sovereign_spread"), 100, 1e-6, "dominance: spread z 2 scores 100");
	check_dbl(num(s, "value"), (35 + 30 + 0 + 15) / .95, 1e-6,
	    "dominance with the spread by hand (84.21)");
	check_str(str(json_object_get(s, "metadata"), "spread_source"), "BR_EMBI",
	    "dominance: the spread from the daily EMBI");
	json_decref(ag);
	json_decref(st);
}

/*
 * Sentiment: VIX 25 and DXY 102.5 sit mid-band (50 each): NEUTRAL, conf 0.
 * VIX 10, DXY 90: 100 each: LONG, conf 1. CIP: DI 1Y 10, USDBRL 5, forward 5.2,
 * US 1Y 4: cupom = (1.10 * 5/5.2 - 1) 360/365 100 = 5.690200, basis 1.690200 > 0:
 * SHORT BRL, conf 0.338040. Without the forward: NO_SIGNAL (no realised
 * depreciation in its place).
 */
static void
sentiment_cip_state(void)
{
	static const char *const ids[] = {"VIX", "DXY", "BR_DI_1Y", "USDBRL",
	    "USDBRL_FWD_1Y", "US_UST_1Y", NULL};
	json_t *ag = run1(ids, (double[]){25, 102.5, 10, 5, 5.2, 4});
	const json_t *s = sig(ag, "CROSSASSET_SENTIMENT");
	double basis = (1.10 * 5 / 5.2 - 1) * 360 / 365 * 100 - 4;

	check_str(str(s, "direction"), "NEUTRAL", "sentiment 50: NEUTRAL");
	check_dbl(num(s, "value"), 50, 1e-9, "sentiment mid-band 50");
	s = sig(ag, "FX_BR_CIP_BASIS");
	check_str(str(s, "direction"), "SHORT", "CIP basis 1.69 > 0: SHORT BRL");
	check_dbl(num(s, "value"), basis, 1e-6, "CIP basis = cupom - US 1Y by hand");
	check_dbl(basis, 1.690200, 1e-6, "CIP basis hand value 1.690200");
	check_dbl(num(s, "confidence"), basis / 5, 1e-4, "CIP conf |basis|/5");
	json_decref(ag);
	ag = run1(ids, (double[]){10, 90, 10, 5, 4.8, 4});
	s = sig(ag, "CROSSASSET_SENTIMENT");
	check_str(str(s, "direction"), "LONG", "sentiment 100: LONG");
	check_dbl(num(s, "confidence"), 1, 1e-12, "sentiment conf 1");
	s = sig(ag, "FX_BR_CIP_BASIS");
	/* F 4.8: cupom = (1.1 * 5/4.8 - 1) 360/365 100 = 14.383562, basis 10.38 > 5. */
	check_str(str(s, "direction"), "SHORT", "CIP basis 10.3: SHORT");
	check_dbl(num(s, "confidence"), 1, 0, "CIP conf capped at 1");
	json_decref(ag);
	ag = run1(ids, (double[]){25, 102.5, 10, 5, 5.6, 4});
	/* F 5.6: cupom = (1.1 * 5/5.6 - 1) 360/365 100 = -1.761252, basis -5.76: LONG BRL. */
	check_str(str(sig(ag, "FX_BR_CIP_BASIS"), "direction"), "LONG", "CIP basis < 0: LONG BRL");
	json_decref(ag);
	ag = run1(ids, (double[]){25, 102.5, 10, 5, NAN, 4});
	s = sig(ag, "FX_BR_CIP_BASIS");
	check(has_reason(s, "USDBRL_FWD_1Y"), "CIP without a forward: NO_SIGNAL naming it");
	json_decref(ag);
}

/*
 * Bottom-up from the BCB's four IPCA classes when fewer than 3 groups exist. Each
 * class repeats a 12-month pattern, 2019-01 .. 2023-12: food 0.5 (0.8 in January),
 * industrial 0.2 (0.4 in May), services 0.6 (0.7 in September), administered 0.3
 * (1.1 in February), so its seasonal forecast is its own year compounded, e.g.
 * food 1.005^11 * 1.008 - 1. The headline is .16 food + .27 industrial + .32
 * services + .25 administered exactly: the OLS weights are those. Target 4.5,
 * band 1.5. With the services class stopped 5 months before as_of: NO_SIGNAL.
 */
static void
bottomup_classes_state(int stop)
{
	static const char *const id[4] = {"BR_IPCA_FOOD_MOM", "BR_IPCA_INDUSTRIAL_MOM",
	    "BR_IPCA_SERVICES_MOM", "BR_IPCA_ADMINISTERED_MOM"};
	static const double base[4] = {.5, .2, .6, .3}, bump[4] = {.3, .2, .1, .8};
	static const int month[4] = {1, 5, 9, 2};
	static const double w[4] = {.16, .27, .32, .25};
	json_t *st = state_new(), *ag;
	const json_t *s;
	double x[4][60], head[60], fc = 0, f;
	int i, j;

	for (i = 0; i < 60; i++) {
		head[i] = 0;
		for (j = 0; j < 4; j++) {
			x[j][i] = base[j] + (i % 12 + 1 == month[j] ? bump[j] : 0);
			head[i] += w[j] * x[j][i];
		}
	}
	for (j = 0; j < 4; j++) {
		add(st, id[j], 'M', j == 2 && stop ? 56 : 60, x[j], 2019, 1);
		f = (pow(1 + base[j] / 100, 11) * (1 + (base[j] + bump[j]) / 100) - 1) * 100;
		fc += w[j] * f;
	}
	add(st, "BR_IPCA_MOM", 'M', 60, head, 2019, 1);
	add_line(st, "BR_INFLATION_TARGET", 4.5, 0);
	add_line(st, "BR_INFLATION_TARGET_BAND", 1.5, 0);
	ag = agents_compute(st);
	s = sig(ag, "INFLATION_BR_BOTTOMUP");
	if (stop) {
		check(has_reason(s, "IPCA class"), "bottom-up, a class stopped: NO_SIGNAL");
	} else {
		/* fc = 5.2854 (numpy, same formula): inside 4.5 +- 1.5, NEUTRAL, conf .2618. */
		check_str(str(json_object_get(s, "metadata"), "components"), "bcb_classes",
		    "bottom-up from the BCB classes");
		check_dbl(num(s, "value"), fc, 1e-6, "bottom-up classes: forecast by hand");
		check_dbl(num(json_object_get(json_object_get(s, "metadata"),
		    "class_weights"), "BR_IPCA_SERVICES_MOM"), .32, 1e-6,
		    "bottom-up classes: OLS weight of services .32");
		check_str(str(s, "direction"), "NEUTRAL",
		    "bottom-up classes: direction against 4.5 +- 1.5");
		check_dbl(num(s, "confidence"), round(fmin(1, fabs(fc - 4.5) / 3) * 1e4) / 1e4,
		    1e-9, "bottom-up classes: conf |f - 4.5|/3");
	}
	json_decref(ag);
	json_decref(st);
}

/*
 * Bottom-up after a fall in inflation: the same four classes and weights, each
 * at base + 0.4 for 2019-01 .. 2022-12 and base - 0.25 for 2023, with its
 * calendar-month bump. The level is the last 12 months' mean and the seasonal
 * factor of a month its mean minus the window's, so the forecast is 2023's
 * pattern compounded: sum_j w_j ((1 + lo_j/100)^11 (1 + (lo_j + bump_j)/100) - 1),
 * lo = base - 0.25: 2.18 %, below 4.5 - 1.5: LONG. (The reference's mean per
 * calendar month, 60 months, gave 8.73 %: SHORT, a five-year average.)
 */
static void
bottomup_level_state(void)
{
	static const char *const id[4] = {"BR_IPCA_FOOD_MOM", "BR_IPCA_INDUSTRIAL_MOM",
	    "BR_IPCA_SERVICES_MOM", "BR_IPCA_ADMINISTERED_MOM"};
	static const double base[4] = {.5, .2, .6, .3}, bump[4] = {.3, .2, .1, .8};
	static const int month[4] = {1, 5, 9, 2};
	static const double w[4] = {.16, .27, .32, .25};
	json_t *st = state_new(), *ag;
	const json_t *s;
	double x[4][60], head[60], fc = 0, lo;
	int i, j;

	for (i = 0; i < 60; i++) {
		head[i] = 0;
		for (j = 0; j < 4; j++) {
			x[j][i] = base[j] + (i < 48 ? .4 : -.25) +
			    (i % 12 + 1 == month[j] ? bump[j] : 0);
			head[i] += w[j] * x[j][i];
		}
	}
	for (j = 0; j < 4; j++) {
		add(st, id[j], 'M', 60, x[j], 2019, 1);
		lo = base[j] - .25;
		fc += w[j] * (pow(1 + lo / 100, 11) * (1 + (lo + bump[j]) / 100) - 1) * 100;
	}
	add(st, "BR_IPCA_MOM", 'M', 60, head, 2019, 1);
	add_line(st, "BR_INFLATION_TARGET", 4.5, 0);
	add_line(st, "BR_INFLATION_TARGET_BAND", 1.5, 0);
	ag = agents_compute(st);
	s = sig(ag, "INFLATION_BR_BOTTOMUP");
	check_dbl(fc, 2.1831, 5e-4, "bottom-up after a fall: the hand figure is 2.18 %");
	check_dbl(num(s, "value"), fc, 1e-6, "bottom-up after a fall: last year's level");
	check_str(str(s, "direction"), "LONG", "bottom-up after a fall: below 3.0, LONG");
	json_decref(ag);
	json_decref(st);
}

int
main(void)
{
	dominance_state();
	sentiment_cip_state();
	taylor_missing();
	regime_brazil();
	focus_monthly();
	dominance_spread();
	monthly_history();
	flow_monthly();
	taylor_state();
	stale_state(35, 0);
	stale_state(15, 1);
	fed_state();
	fed_2020();
	bottomup_classes_state(0);
	bottomup_classes_state(1);
	bottomup_level_state();
	regime_state(40, "RISK_OFF", "SHORT");
	regime_state(21, "NEUTRAL", "NEUTRAL");
	stale_crossasset();
	beer_state(2020, "2023-12-01", 1);
	beer_state(2019, "2022-12-01", 0);
	surprise_state(36, 36, 1);
	surprise_state(24, 26, 0);
	phillips_state(60, 1);
	phillips_state(42, 0);
	hmm_stale_column();
	fx_stale(0, 1);
	fx_stale(100, 0);
	flow_constant();
	bad_inputs();
	return test_done();
}
