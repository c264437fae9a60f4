/*
 * The synthetic generator: determinism, the prefix property (the history up to D1
 * is the same when generating to a later D2), calendars (business days, Fridays,
 * first of the month), and the accounting identities it promises: the nine IPCA
 * groups weighted .21 .11 .16 .04 .14 .09 .06 .12 .05 add up to the headline, the
 * 12-month rate compounds the last twelve m/m figures, CDI = Selic - 0.10, Selic
 * moves in Copom-sized steps; the US unemployment rate against BLS UNRATE.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "series.h"
#include "../../steps/ingest/synth.h"
#include "../../steps/ingest/synth_anchor.h"
#include "tap.h"

static struct series a[SY_N], b[SY_N], c[SY_N];

static day_t
D(const char *s)
{
	day_t d = -1;

	(void)date_parse(s, &d);
	return d;
}

/* 1 when every series of x is, observation for observation, a prefix of y's. */
static int
prefix(const struct series *x, const struct series *y, size_t *compared)
{
	size_t i, k;

	for (k = 0; k < SY_N; k++) {
		if (x[k].n > y[k].n)
			return 0;
		for (i = 0; i < x[k].n; i++) {
			if (x[k].dates[i] != y[k].dates[i] ||
			    memcmp(&x[k].values[i], &y[k].values[i], sizeof(double)) != 0)
				return 0;
			(*compared)++;
		}
	}
	return 1;
}

static void
test_prefix(void)
{
	size_t n = 0, k;
	int same = 1;

	synth_generate(SYNTH_SEED, D("2023-06-14"), a);
	synth_generate(SYNTH_SEED, D("2024-01-15"), b);
	check(prefix(a, b, &n), "prefix: history to 2023-06-14 unchanged when run to 2024-01-15");
	check(n > 100000, "prefix: compared every observation");
	synth_generate(SYNTH_SEED, D("2024-01-15"), c);
	for (k = 0; k < SY_N; k++)
		same &= b[k].n == c[k].n && memcmp(b[k].values, c[k].values,
		    b[k].n * sizeof(double)) == 0;
	check(same, "determinism: two runs are bit-identical");
	for (k = 0; k < SY_N; k++) {
		series_release(&a[k]);
		series_release(&c[k]);
	}
	synth_generate(SYNTH_SEED + 1, D("2024-01-15"), c);
	check(c[SY_USDBRL].values[c[SY_USDBRL].n - 1] !=
	    b[SY_USDBRL].values[b[SY_USDBRL].n - 1], "another seed, another path");
	for (k = 0; k < SY_N; k++)
		series_release(&c[k]);
}

static void
test_calendars(void)
{
	size_t k, i;
	int ok_d = 1, ok_w = 1, ok_m = 1, ok_q = 1, nonempty = 1;

	for (k = 0; k < SY_N; k++) {
		const struct series *s = &b[k];

		nonempty &= s->n > 0;
		for (i = 0; i < s->n; i++) {
			int y, m, d;

			date_to_ymd(s->dates[i], &y, &m, &d);
			if (s->freq == 'D')
				ok_d &= date_is_bday(s->dates[i]);
			if (s->freq == 'W')
				ok_w &= date_wday(s->dates[i]) == 5;
			if (s->freq == 'M')
				ok_m &= d == 1;
			if (s->freq == 'Q')
				ok_q &= d == 1 && (m - 1) % 3 == 0;
		}
	}
	check(nonempty, "every series has observations");
	check(ok_d, "daily series on business days");
	check(ok_w, "weekly series on Fridays");
	check(ok_m, "monthly series on the first of the month");
	check(ok_q, "quarterly series on the first day of the quarter");
	check_int(b[SY_BR_SELIC_TARGET].dates[0], D("2005-01-03"), "starts 2005-01-03");
	check_int(b[SY_BR_IPCA_MOM].dates[b[SY_BR_IPCA_MOM].n - 1], D("2023-12-01"),
	    "to 2024-01-15: the last month generated is December 2023");
}

static void
test_ipca(void)
{
	static const double w[9] = { .21, .11, .16, .04, .14, .09, .06, .12, .05 };
	const struct series *h = &b[SY_BR_IPCA_MOM], *y = &b[SY_BR_IPCA_12M];
	double worst = 0, worst12 = 0, wsum = 0;
	size_t i, g;

	for (g = 0; g < 9; g++)
		wsum += w[g];
	for (i = 0; i < h->n; i++) {
		double sum = 0;

		for (g = 0; g < 9; g++)
			sum += w[g] / wsum * b[SY_BR_IPCA_G_FOOD_HOME_MOM + g].values[i];
		worst = fmax(worst, fabs(sum - h->values[i]));
	}
	check_dbl(worst, 0, 1e-9, "the weighted groups add up to the headline");
	for (i = 11; i < h->n; i++) {
		double acc = 1;

		for (g = 0; g < 12; g++)
			acc *= 1 + h->values[i - g] / 100;
		worst12 = fmax(worst12, fabs((acc - 1) * 100 - y->values[i]));
	}
	check_dbl(worst12, 0, 1e-9, "IPCA 12m compounds the last twelve m/m figures");
}

static void
test_policy(void)
{
	const struct series *s = &b[SY_BR_SELIC_TARGET], *cdi = &b[SY_BR_CDI];
	int steps_ok = 1, thursday = 1, cdi_ok = 1, moves = 0;
	size_t i;

	for (i = 1; i < s->n; i++) {
		double dm = s->values[i] - s->values[i - 1], q = fabs(dm) / 0.25;

		cdi_ok &= fabs(cdi->values[i] - (s->values[i] - 0.10)) < 1e-12;
		if (dm == 0)
			continue;
		moves++;
		steps_ok &= fabs(q - round(q)) < 1e-9 && fabs(dm) <= 1.5 + 1e-9;
		thursday &= date_wday(s->dates[i]) == 4;
	}
	check(steps_ok, "Selic moves are multiples of 0.25 up to 1.5");
	check(thursday, "Selic moves take effect the Thursday after a Copom Wednesday");
	check(moves > 60 && moves < 140, "Selic moves about five times a year");
	check(cdi_ok, "CDI = Selic - 0.10");
}

/* b[] at day d (the observation on or before it). */
static double
at(int id, const char *d)
{
	long k = series_index_on(&b[id], D(d));

	return k < 0 ? NAN : b[id].values[k];
}

static void
test_fed_funds(void)
{
	size_t i;
	int zlb_ok = 1, n = 0;

	/*
	 * From 2008-12-16 the target is a 25 bp range: 0-0.25 % at the floor, 5.25-5.50 %
	 * at the 2023 peak; the effective rate sits 5 bp under its midpoint: 0.125 - 0.05
	 * = 0.075 and 5.375 - 0.05 = 5.325 (FRED DFF: 0.04-0.20 in 2009-2015, 5.33 in
	 * late 2023).
	 */
	check_dbl(at(SY_US_FED_FUNDS, "2010-06-15"), 0.075, 1e-9, "fed funds at the floor 2010");
	check_dbl(at(SY_US_FED_FUNDS, "2020-06-15"), 0.075, 1e-9, "fed funds at the floor 2020");
	check_dbl(at(SY_US_FED_FUNDS, "2023-12-15"), 5.325, 1e-9, "fed funds peak 2023");
	for (i = 0; i < b[SY_US_FED_FUNDS].n; i++) {
		day_t d = b[SY_US_FED_FUNDS].dates[i];

		if (d < D("2009-06-01") || d > D("2015-11-30"))
			continue;
		zlb_ok &= b[SY_US_FED_FUNDS].values[i] >= 0.04 &&
		    b[SY_US_FED_FUNDS].values[i] <= 0.20;
		n++;
	}
	check(n > 1000 && zlb_ok, "fed funds 2009-06..2015-11 inside DFF's 0.04..0.20");
}

/* Standard deviation of the daily changes of b[id] from 2010-01-01 to 2023-12-31, in bp. */
static double
change_sd_bp(int id)
{
	const struct series *x = &b[id];
	double sum = 0, sq = 0, dv;
	size_t i, n = 0;

	for (i = 1; i < x->n; i++) {
		if (x->dates[i - 1] < D("2010-01-01") || x->dates[i] > D("2023-12-31"))
			continue;
		dv = (x->values[i] - x->values[i - 1]) * 100;
		sum += dv;
		sq += dv * dv;
		n++;
	}
	return sqrt(sq / (double)n - (sum / (double)n) * (sum / (double)n));
}

static void
test_di_vol(void)
{
	/*
	 * docs/CALIBRATION.md: the ANBIMA-interpolated curve moves 9.13 (1y), 12.14 (2y) and
	 * 13.60 bp (5y) a day (sd, 2010 to mid-2024). Similar means within 0.75x..1.5x.
	 */
	static const struct { int id; double real; const char *name; } t[] = {
		{ SY_BR_DI_1Y, 9.13, "DI 1y daily sd near the real 9.1 bp" },
		{ SY_BR_DI_2Y, 12.14, "DI 2y daily sd near the real 12.1 bp" },
		{ SY_BR_DI_5Y, 13.60, "DI 5y daily sd near the real 13.6 bp" },
	};
	size_t k;

	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		double sd = change_sd_bp(t[k].id);
		int ok = sd >= 0.75 * t[k].real && sd <= 1.5 * t[k].real;

		check(ok, t[k].name);
		if (!ok)
			printf("#   sd %.2f bp\n", sd);
	}
}

/* The value of s on date d, NAN when absent. */
static double
on(const struct series *s, day_t d)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->dates[i] == d)
			return s->values[i];
	return NAN;
}

/*
 * The inflation target and band against the CMN resolutions (docs/DATA.md table):
 * 8.0 +- 2 in 1999, 4.0 +- 2.5 in 2003, 4.5 +- 2 in 2016, 4.5 +- 1.5 in 2017,
 * 4.25 in 2019, 3.0 +- 1.5 from 2024; monthly from 1999-01 through the end month.
 */
static void
test_target(void)
{
	const struct series *t = &b[SY_BR_INFLATION_TARGET];
	const struct series *w = &b[SY_BR_INFLATION_TARGET_BAND];
	static const struct {
		const char *d;
		double t, w;
	} k[] = { { "1999-01-01", 8.0, 2.0 }, { "2000-07-01", 6.0, 2.0 },
		{ "2003-06-01", 4.0, 2.5 }, { "2004-12-01", 5.5, 2.5 },
		{ "2005-01-01", 4.5, 2.5 }, { "2016-12-01", 4.5, 2.0 },
		{ "2017-01-01", 4.5, 1.5 }, { "2018-12-01", 4.5, 1.5 },
		{ "2019-01-01", 4.25, 1.5 }, { "2021-05-01", 3.75, 1.5 },
		{ "2023-12-01", 3.25, 1.5 }, { "2024-01-01", 3.0, 1.5 } };
	struct series s[SY_N];
	size_t i, j;

	check_int((long long)t->n, 25 * 12 + 1, "target: 1999-01 .. 2024-01, monthly");
	check_int(t->dates[t->n - 1], D("2024-01-01"), "target: the end month included");
	check(t->freq == 'M' && w->n == t->n, "target and band: monthly, same months");
	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
		char name[64];

		snprintf(name, sizeof(name), "target %s = %.2f +- %.1f", k[i].d, k[i].t,
		    k[i].w);
		check(fabs(on(t, D(k[i].d)) - k[i].t) < 1e-12 &&
		    fabs(on(w, D(k[i].d)) - k[i].w) < 1e-12, name);
	}
	/* An end on a Saturday, the 1st: its month is out although no business day is. */
	synth_generate(SYNTH_SEED, D("2022-10-01"), s);
	check_int(s[SY_BR_INFLATION_TARGET].dates[s[SY_BR_INFLATION_TARGET].n - 1],
	    D("2022-10-01"), "target: a month starting on a weekend end day");
	check_dbl(on(&s[SY_BR_INFLATION_TARGET], D("2022-10-01")), 3.5, 0, "target 2022");
	for (j = 0; j < SY_N; j++)
		series_release(&s[j]);
	check(synth_br_target(1998, &(double){ 0 }, &(double){ 0 }) < 0,
	    "target: none before 1999");
}

/* The mean of x's values dated from d0 through d1. */
static double
mean_on(const struct series *x, day_t d0, day_t d1)
{
	double sum = 0;
	size_t i, n = 0;

	for (i = 0; i < x->n; i++)
		if (x->dates[i] >= d0 && x->dates[i] <= d1) {
			sum += x->values[i];
			n++;
		}
	return n ? sum / (double)n : NAN;
}

/*
 * US unemployment (docs/CALIBRATION.md "US unemployment"): BLS UNRATE as FRED has it,
 * 2009-10 10.0, 2015 mean 5.3, 2019-12 3.6, 2020-04 14.8, 2021-12 3.9, 2023-04 3.4,
 * 2024-12 4.1, within 0.5 pp (the AR noise has sd 0.11) for three seeds; monthly on
 * the 1st, inside the catalogue's 0..30. Coherent with the synthetic Fed funds: when
 * the FOMC cuts to the floor (2008, 2020) unemployment has risen by more than 4 pp,
 * and it falls through the 2016-18 hikes.
 */
static void
test_us_unemployment(void)
{
	static const struct {
		const char *d;
		double v;
	} k[] = { { "2009-10-01", 10.0 }, { "2019-12-01", 3.6 }, { "2020-04-01", 14.8 },
		{ "2021-12-01", 3.9 }, { "2023-04-01", 3.4 }, { "2024-12-01", 4.1 } };
	static const uint64_t seeds[] = { SYNTH_SEED, 7, 11 };
	struct series s[SY_N];
	const struct series *u = &s[SY_US_UNEMPLOYMENT], *ff = &s[SY_US_FED_FUNDS];
	char name[128];
	size_t i, j, q;
	int ok;

	for (q = 0; q < 3; q++) {
		synth_generate(seeds[q], D("2025-06-30"), s);
		ok = u->freq == 'M' && u->n == 20 * 12 + 6 && u->dates[0] == D("2005-01-01");
		for (i = 0; i < u->n; i++)
			ok &= date_month_start(u->dates[i]) == u->dates[i] &&
			    u->values[i] >= 0 && u->values[i] <= 30;
		snprintf(name, sizeof name, "seed %llu: unemployment monthly 2005-01..2025-06, "
		    "in 0..30", (unsigned long long)seeds[q]);
		check(ok, name);
		for (i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
			snprintf(name, sizeof name, "seed %llu: UNRATE %s %.1f",
			    (unsigned long long)seeds[q], k[i].d, k[i].v);
			check_dbl(on(u, D(k[i].d)), k[i].v, 0.5, name);
		}
		snprintf(name, sizeof name, "seed %llu: UNRATE 2015 mean 5.3",
		    (unsigned long long)seeds[q]);
		check_dbl(mean_on(u, D("2015-01-01"), D("2015-12-01")), 5.3, 0.3, name);
		snprintf(name, sizeof name, "seed %llu: funds to the floor as unemployment "
		    "rises (2007-05 -> 2009-10, 2020-02 -> 2020-04)", (unsigned long long)seeds[q]);
		check(on(u, D("2009-10-01")) - on(u, D("2007-05-01")) > 4 &&
		    ff->values[series_index_on(ff, D("2009-10-15"))] < 0.2 &&
		    ff->values[series_index_on(ff, D("2007-05-15"))] > 4.5 &&
		    on(u, D("2020-04-01")) - on(u, D("2020-02-01")) > 8 &&
		    ff->values[series_index_on(ff, D("2020-06-15"))] < 0.2 &&
		    ff->values[series_index_on(ff, D("2020-02-14"))] > 1.0, name);
		snprintf(name, sizeof name, "seed %llu: unemployment falls through the "
		    "2016-18 hikes", (unsigned long long)seeds[q]);
		check(on(u, D("2018-12-01")) < on(u, D("2015-12-01")) - 0.6 &&
		    ff->values[series_index_on(ff, D("2018-12-28"))] >
		    ff->values[series_index_on(ff, D("2015-12-01"))] + 1.5, name);
		for (j = 0; j < SY_N; j++)
			series_release(&s[j]);
	}
}

/*
 * anchor_at keeps each table's last knot interval: the answer must not depend on the
 * order of the questions. 3,000 times from 2004 to 2029 asked in order, then again
 * in a scrambled order (steps forward and back, jumps across many knots), each time
 * compared exactly with the in-order answer.
 */
static void
test_anchor_order(void)
{
	enum { NT = 3000 };
	static double v[A_N][NT];
	int t, i, j, bad = 0;

	for (t = 0; t < A_N; t++)
		for (i = 0; i < NT; i++)
			v[t][i] = anchor_at((enum anchor)t, 2004.0 + 25.0 * i / NT);
	for (t = 0; t < A_N; t++)
		for (i = 0; i < NT; i++) {
			j = (int)(((long)i * 1777) % NT);	/* 1777 and 3000 coprime */
			bad += anchor_at((enum anchor)t, 2004.0 + 25.0 * j / NT) != v[t][j];
		}
	check_int(bad, 0, "anchor_at: the same value whatever order the times come in");
}

int
main(void)
{
	size_t k;

	test_prefix();
	test_calendars();
	test_ipca();
	test_policy();
	test_fed_funds();
	test_di_vol();
	test_target();
	test_us_unemployment();
	test_anchor_order();
	for (k = 0; k < SY_N; k++)
		series_release(&b[k]);
	return test_done();
}
