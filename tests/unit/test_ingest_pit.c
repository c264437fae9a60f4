/*
 * Point in time and windows (publication day by frequency, the exact boundary day
 * for a monthly figure), merging several files of one series, and the ANBIMA
 * constant-maturity interpolation checked against hand-computed yields.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data_catalogue.h"
#include "data_pit.h"
#include "date.h"
#include "series.h"
#include "../../steps/ingest/conn.h"
#include "../../steps/ingest/ingest.h"
#include "tap.h"

static day_t
D(const char *s)
{
	day_t d = -1;

	(void)date_parse(s, &d);
	return d;
}

static void
test_published(void)
{
	check_int(pit_published('M', 10, D("2023-12-01")), D("2024-01-10"),
	    "December IPCA (lag 10) is published on 10 January");
	check_int(pit_published('Q', 60, D("2023-10-01")), D("2024-02-29"),
	    "Q4 GDP (lag 60): 31 December + 60 days");
	check_int(pit_published('D', 0, D("2024-01-15")), D("2024-01-15"), "daily, lag 0");
	check_int(pit_published('W', 5, D("2024-01-12")), D("2024-01-17"), "weekly, lag 5");
	check_int(pit_normalise('M', D("2024-02-29")), D("2024-02-01"), "month start");
	check_int(pit_normalise('Q', D("2024-05-17")), D("2024-04-01"), "quarter start");
	check_int(pit_normalise('W', D("2024-01-08")), D("2024-01-12"), "Monday -> Friday");
	check_int(pit_normalise('W', D("2024-01-11")), D("2024-01-12"), "Thursday -> Friday");
	/* A weekend date stays: the Friday before would publish it a day or two early. */
	check_int(pit_normalise('W', D("2024-01-13")), D("2024-01-13"), "Saturday stays");
	check_int(pit_normalise('W', D("2024-01-14")), D("2024-01-14"), "Sunday stays");
	check(pit_published('W', 0, pit_normalise('W', D("2024-01-13"))) > D("2024-01-12"),
	    "a Saturday observation is not published on the Friday before");
	check_int(pit_normalise('W', D("2024-01-12")), D("2024-01-12"), "Friday stays");
}

static void
test_window(void)
{
	/* 2024-01-15 is a Monday: 756 business days back ends on ... */
	day_t s = pit_window_start('D', D("2024-01-15"), 756);

	check_int(date_bdays_between(s, D("2024-01-15")) + 1, 756,
	    "daily window holds 756 business days");
	check_int(pit_window_start('D', D("2024-01-14"), 1), D("2024-01-12"),
	    "a Sunday as_of: the window ends on Friday");
	check_int(pit_window_start('M', D("2024-01-15"), 15), D("2009-01-01"),
	    "monthly window: 15 years from the month start");
	check_int(pit_window_start('W', D("2024-01-15"), 5), D("2019-01-16"),
	    "weekly window: 5 years");
}

/* A December figure published on 10 January appears on the 10th, not the 9th. */
static void
test_boundary(void)
{
	struct cat_entry e;
	struct obs o = { 0 };
	struct series s;

	memset(&e, 0, sizeof(e));
	snprintf(e.id, sizeof(e.id), "BR_IPCA_MOM");
	e.freq = 'M';
	e.lag = 10;
	obs_push(&o, D("2023-11-01"), 0.28);
	obs_push(&o, D("2023-12-01"), 0.56);
	ingest_window(&o, &e, D("2009-01-01"), D("2024-01-09"), &s);
	check_int((long long)s.n, 1, "as_of 2024-01-09: December not yet published");
	check_int(s.dates[s.n - 1], D("2023-11-01"), "as_of 2024-01-09: last is November");
	series_release(&s);
	ingest_window(&o, &e, D("2009-01-01"), D("2024-01-10"), &s);
	check_int((long long)s.n, 2, "as_of 2024-01-10: December published that day");
	series_release(&s);
	ingest_window(&o, &e, D("2023-12-01"), D("2024-01-10"), &s);
	check_int((long long)s.n, 1, "window start drops older months");
	series_release(&s);
	obs_release(&o);
}

static void
test_merge(void)
{
	struct obs o = { 0 };

	/* Two files: the first row's file wins on the common date. */
	obs_push(&o, D("2021-07-01"), 5.0);
	obs_push(&o, D("2021-07-02"), 5.1);
	obs_push(&o, D("2021-07-02"), 9.9);
	obs_push(&o, D("2021-07-05"), 5.2);
	obs_push(&o, D("2021-06-30"), 4.9);
	ingest_merge(&o);
	check_int((long long)o.n, 4, "merge: unique dates");
	check_int(o.d[0], D("2021-06-30"), "merge: sorted");
	check_dbl(o.v[2], 5.1, 0, "merge: the earlier file wins on a common date");
	obs_release(&o);
}

/*
 * Three rows' sorted runs, as src_load appends them (docs/DATA.md: the earlier row
 * wins on a common date), merged by hand: day 0 and 7 from row 3; 1, 3 and 4 from
 * row 1 (its 3 beats row 2's); 2, 5 and 8 from row 2 (beating row 3's 5 and 8).
 */
static void
test_merge_runs(void)
{
	static const int day[] = { 1, 3, 4, 2, 3, 5, 8, 0, 5, 7, 8 };
	static const double val[] = { 10, 30, 40, 21, 31, 51, 81, 2, 52, 72, 82 };
	static const int wd[] = { 0, 1, 2, 3, 4, 5, 7, 8 };
	static const double wv[] = { 2, 10, 21, 30, 40, 51, 72, 81 };
	struct obs o = { 0 };
	size_t i;
	int ok = 1;

	for (i = 0; i < sizeof(day) / sizeof(day[0]); i++)
		obs_push(&o, D("2021-07-01") + day[i], val[i]);
	ingest_merge(&o);
	check_int((long long)o.n, 8, "merge runs: unique dates");
	for (i = 0; i < 8 && o.n == 8; i++)
		ok &= o.d[i] == D("2021-07-01") + wd[i] && o.v[i] == wv[i];
	check_int(ok, 1, "merge runs: dates and the earlier row's values");
	obs_release(&o);
}

/*
 * Many runs (a file listed newest first, with repeated dates) take the sort: 40
 * dates counting down, each twice (values 2k then 2k+1): the first of each pair,
 * ascending.
 */
static void
test_merge_many(void)
{
	struct obs o = { 0 };
	int k, ok = 1;

	for (k = 39; k >= 0; k--) {
		obs_push(&o, D("2021-01-01") + k, 2.0 * k);
		obs_push(&o, D("2021-01-01") + k, 2.0 * k + 1);
	}
	ingest_merge(&o);
	check_int((long long)o.n, 40, "merge many runs: unique dates");
	for (k = 0; k < 40 && o.n == 40; k++)
		ok &= o.d[k] == D("2021-01-01") + k && o.v[k] == 2.0 * k;
	check_int(ok, 1, "merge many runs: ascending, the first of each date");
	obs_release(&o);
}

/* The first index on or after a date, by hand: dates 10, 20, 30. */
static void
test_lower(void)
{
	struct obs o = { 0 };

	check_int((long long)ingest_lower(&o, 5), 0, "lower: empty");
	obs_push(&o, 10, 1);
	obs_push(&o, 20, 2);
	obs_push(&o, 30, 3);
	check_int((long long)ingest_lower(&o, 5), 0, "lower: before all");
	check_int((long long)ingest_lower(&o, 10), 0, "lower: on the first");
	check_int((long long)ingest_lower(&o, 11), 1, "lower: between");
	check_int((long long)ingest_lower(&o, 30), 2, "lower: on the last");
	check_int((long long)ingest_lower(&o, 31), 3, "lower: after all");
	obs_release(&o);
}

static void
test_anbima(void)
{
	static const char text[] = "BondType,ReferenceDate,MaturityDate,IndicativeRate,Price\n"
	    "LTN,2024-01-02,2024-07-01,0.10,\n"
	    "LTN,2024-01-02,2025-01-01,0.11,\n"
	    "NTN-F,2024-01-02,2027-01-01,0.12,900.1\n"
	    "NTN-B,2024-01-02,2026-05-15,0.055,4000\n"
	    "LFT,2024-01-02,2026-03-01,0.0001,14000\n\n";
	char path[] = "/tmp/test_anbima_XXXXXX", err[CONN_ERRSZ];
	struct anbima_tab *tab = NULL;
	struct conn_opts c;
	struct obs o = { 0 };
	FILE *fp;
	int fd;

	if ((fd = mkstemp(path)) < 0 || (fp = fdopen(fd, "w")) == NULL)
		abort();
	fputs(text, fp);
	fclose(fp);
	check_int(anbima_load(path, "a.csv", &tab, err), 0, "anbima: load");
	conn_defaults(&c, "anbima_curve", 'D');
	snprintf(c.bonds, sizeof(c.bonds), "LTN+NTN-F");
	/*
	 * Business days from 2024-01-02: 129 to 2024-07-01, 261 to 2025-01-01, 783 to
	 * 2027-01-01 (weekdays, counted by hand per month). At 1 year (252 days):
	 * 10 + (252 - 129) / (261 - 129) = 10.931818...; at 2 years (504):
	 * 11 + (504 - 261) / (783 - 261) = 11.465517...
	 */
	c.tenor = 1;
	conn_anbima(tab, &c, &o);
	check_dbl(o.v[0], 10 + 123.0 / 132.0, 1e-9, "anbima: 1y between two LTN");
	c.tenor = 2;
	conn_anbima(tab, &c, &o);
	check_dbl(o.v[1], 11 + 243.0 / 522.0, 1e-9, "anbima: 2y between LTN and NTN-F");
	c.tenor = 0.3;
	conn_anbima(tab, &c, &o);
	check_dbl(o.v[2], 10, 1e-12, "anbima: flat before the first maturity");
	c.tenor = 5;
	conn_anbima(tab, &c, &o);
	check(isnan(o.v[3]), "anbima: no extrapolation beyond a year");
	snprintf(c.bonds, sizeof(c.bonds), "NTN-B");
	c.tenor = 2;
	conn_anbima(tab, &c, &o);
	check_dbl(o.v[4], 5.5, 1e-12, "anbima: NTN-B only (one bond: flat within a year)");
	check_int(o.d[4], D("2024-01-02"), "anbima: dated by reference date");
	obs_release(&o);
	anbima_free(tab);
	unlink(path);
	fp = fopen(path, "w");
	fputs("BondType,ReferenceDate,MaturityDate,IndicativeRate\nLTN,2024-01-02,"
	    "2025-01-01,abc\n", fp);
	fclose(fp);
	check_int(anbima_load(path, "a.csv", &tab, err), -1, "anbima: malformed rate");
	check_str(err, "'a.csv' line 2: field 4: invalid number 'abc'", "anbima: message");
	unlink(path);
}

static void
test_interp(void)
{
	double m[] = { 1, 2, 5 }, y[] = { 10, 11, 14 };

	check_dbl(curve_interp(m, y, 3, 3.5), 12.5, 1e-12, "interp: 3.5y halfway 2y-5y");
	check_dbl(curve_interp(m, y, 3, 2), 11, 1e-12, "interp: on a knot");
	check(isnan(curve_interp(m, y, 0, 2)), "interp: empty curve");
}

/*
 * Month means by hand: January 2024 = (10 + 11 + 13) / 3 (the null skipped),
 * February = 20, March has only a null and is left out, April = (1 + 2) / 2; and
 * the sums: 34, 20, 3.
 */
static void
test_month_mean(void)
{
	struct obs o = { 0 }, m = { 0 };

	obs_push(&o, D("2024-01-02"), 10);
	obs_push(&o, D("2024-01-03"), NAN);
	obs_push(&o, D("2024-01-15"), 11);
	obs_push(&o, D("2024-01-31"), 13);
	obs_push(&o, D("2024-02-01"), 20);
	obs_push(&o, D("2024-03-01"), NAN);
	obs_push(&o, D("2024-04-01"), 1);
	obs_push(&o, D("2024-04-30"), 2);
	ingest_month_agg(&o, 0, &m);
	check_int((long long)m.n, 3, "month mean: three months with a value");
	check(m.d[0] == D("2024-01-01") && m.d[1] == D("2024-02-01") &&
	    m.d[2] == D("2024-04-01"), "month mean: dated on the first day");
	check_dbl(m.v[0], 34.0 / 3, 1e-12, "month mean: January (10 + 11 + 13) / 3");
	check_dbl(m.v[1], 20, 0, "month mean: February, one day");
	check_dbl(m.v[2], 1.5, 1e-12, "month mean: April");
	obs_release(&m);
	ingest_month_agg(&o, 1, &m);
	check_int((long long)m.n, 3, "month sum: three months with a value");
	check_dbl(m.v[0], 34, 1e-12, "month sum: January 10 + 11 + 13");
	check_dbl(m.v[2], 3, 1e-12, "month sum: April 1 + 2");
	obs_release(&o);
	obs_release(&m);
}

int
main(void)
{
	test_published();
	test_window();
	test_boundary();
	test_merge();
	test_merge_runs();
	test_merge_many();
	test_lower();
	test_anbima();
	test_interp();
	test_month_mean();
	return test_done();
}
