/*
 * The quality checks on hand-made series: the score formula of docs/MODELS.md §8
 * (computed by hand below), staleness by frequency on the exact threshold day,
 * gaps, range, outliers, PIT violations, curve integrity.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "data_catalogue.h"
#include "dataset.h"
#include "date.h"
#include "series.h"
#include "../../steps/quality/quality.h"
#include "tap.h"

static day_t
D(const char *s)
{
	day_t d = -1;

	(void)date_parse(s, &d);
	return d;
}

static struct cat_entry
entry(const char *id, char freq, int lag, double min, double max)
{
	struct cat_entry e;

	memset(&e, 0, sizeof(e));
	snprintf(e.id, sizeof(e.id), "%s", id);
	snprintf(e.source, sizeof(e.source), "synthetic");
	e.freq = freq;
	e.lag = lag;
	e.min = min;
	e.max = max;
	return e;
}

/* A daily series of n business days ending on end, value v0 + k * step. */
static void
daily(struct series *s, const char *id, day_t end, int n, double v0, double step)
{
	int k;

	series_init(s, id, 'D', "%");
	for (k = n - 1; k >= 0; k--)
		series_push(s, date_add_bdays(end, -k), v0 + (n - 1 - k) * step);
}

static void
test_score(void)
{
	/* 100 - 30*2/50 - 2*3 - 2*1 - 5*0 = 100 - 1.2 - 6 - 2 = 90.8 -> 91 */
	check_int(q_score(50, 2, 0, 3, 1, 0), 91, "score: 2 stale of 50, 3 range, 1 curve");
	/* absent weighs half: 100 - 30*(1 + 0.5*18)/50 = 100 - 6 = 94 */
	check_int(q_score(50, 1, 18, 0, 0, 0), 94, "score: 18 absent weigh 9 stale");
	/* caps: 100 - 30 - 20 - 20 - 30 = 0 */
	check_int(q_score(10, 10, 0, 50, 50, 50), 0, "score: every cap, floor 0");
	/* 100 - 0 - 0 - 0 - 5*6 = 70: still PASS; 7 PIT violations: 100 - 30 = 70 (cap) */
	check_int(q_score(10, 0, 0, 0, 0, 6), 70, "score: 6 PIT violations");
	check_str(q_status(70), "PASS", "status: 70 PASS");
	check_str(q_status(69), "WARN", "status: 69 WARN");
	check_str(q_status(40), "WARN", "status: 40 WARN");
	check_str(q_status(39), "FAIL", "status: 39 FAIL");
}

/*
 * The gate at and around its thresholds (docs/DATA.md "Quality"): one critical
 * series stale caps at 69, three at 39; more than a quarter of 60 series missing
 * (16) caps at 69, 15 does not; more than half (31) caps at 39, 30 only at 69. A
 * lower score stays.
 */
static void
test_gate(void)
{
	check_int(q_gate(100, 60, 0, 0), 100, "gate: nothing missing, no critical");
	check_int(q_gate(100, 60, 0, 1), 69, "gate: one critical stale -> WARN");
	check_int(q_gate(100, 60, 0, 2), 69, "gate: two critical stale -> WARN");
	check_int(q_gate(100, 60, 0, 3), 39, "gate: three critical stale -> FAIL");
	check_int(q_gate(100, 60, 15, 0), 100, "gate: 15 of 60 missing (25 %) -> no cap");
	check_int(q_gate(100, 60, 16, 0), 69, "gate: 16 of 60 missing (27 %) -> WARN");
	check_int(q_gate(100, 60, 30, 0), 69, "gate: 30 of 60 missing (50 %) -> WARN");
	check_int(q_gate(100, 60, 31, 0), 39, "gate: 31 of 60 missing (52 %) -> FAIL");
	check_int(q_gate(22, 60, 30, 5), 22, "gate: a lower score is kept");
	check_int(q_gate(55, 60, 0, 1), 55, "gate: WARN already below the cap");
	/* The case: 18 of 50 absent (36 %) and Focus stale: 94 before, now WARN. */
	check_int(q_gate(q_score(50, 1, 18, 0, 0, 0), 50, 18, 1), 69,
	    "gate: 18 of 50 absent and Focus stale -> 69 WARN");
	check_str(q_status(q_gate(94, 50, 18, 1)), "WARN", "gate: that case is WARN");
	check_int(q_gate(100, 0, 0, 0), 100, "gate: an empty catalogue");
}

static void
test_staleness(void)
{
	struct cat_entry e = entry("X", 'D', 0, NAN, NAN), m = entry("M", 'M', 10, NAN, NAN);
	struct series s;
	struct q_series q;

	daily(&s, "X", D("2024-01-10"), 30, 1, 0.01);
	q_check_series(&s, &e, D("2024-01-15"), &q, NULL, NULL, NULL);
	check_int(q.days_behind, 5, "daily: 5 days behind");
	check_int(q.stale, 0, "daily: 5 days is not stale");
	q_check_series(&s, &e, D("2024-01-16"), &q, NULL, NULL, NULL);
	check_int(q.stale, 1, "daily: 6 days is stale");
	series_release(&s);
	/* November, published 2023-12-10: 50 days later on 2024-01-29, stale on the 30th. */
	series_init(&s, "M", 'M', "%");
	series_push(&s, D("2023-10-01"), 0.24);
	series_push(&s, D("2023-11-01"), 0.28);
	q_check_series(&s, &m, D("2024-01-29"), &q, NULL, NULL, NULL);
	check_int(q.days_behind, 50, "monthly: days behind the publication date");
	check_int(q.stale, 0, "monthly: 50 days is not stale");
	q_check_series(&s, &m, D("2024-01-30"), &q, NULL, NULL, NULL);
	check_int(q.stale, 1, "monthly: 51 days is stale");
	series_release(&s);
	q_check_series(NULL, &e, D("2024-01-15"), &q, NULL, NULL, NULL);
	check(!q.present && q.stale, "absent series");
}

static void
test_gaps_range_outliers_pit(void)
{
	struct cat_entry e = entry("X", 'D', 0, 0, 2);
	json_t *rd = json_array(), *od = json_array(), *pd = json_array();
	struct series s;
	struct q_series q;
	size_t k;

	daily(&s, "X", D("2024-01-12"), 100, 1, 0.001);
	/* A 7-day hole in the dates and 2 nulls. */
	for (k = 40; k < 93; k++) {
		s.dates[k] = s.dates[k + 7];
		s.values[k] = s.values[k + 7];
	}
	s.n -= 7;
	s.values[10] = s.values[11] = NAN;
	q_check_series(&s, &e, D("2024-01-15"), &q, rd, od, pd);
	check_int((long long)q.missing_days, 7, "gaps: 7 missing business days");
	check_int((long long)q.null_values, 2, "gaps: 2 nulls");
	check_int((long long)q.longest_run, 7, "gaps: longest run 7");
	check_int(q.gap_flag, 1, "gaps: flagged (run > 5)");
	check_int((long long)q.range_flagged, 0, "range: all inside [0, 2]");
	/* One value out of range, one 10-sigma jump, one date after as_of. */
	s.values[50] = 2.5;
	series_push(&s, D("2024-01-16"), 1.0);
	q_check_series(&s, &e, D("2024-01-15"), &q, rd, od, pd);
	check_int((long long)q.range_flagged, 1, "range: 2.5 outside [0, 2]");
	check_int((long long)json_array_size(rd), 1, "range: one detail");
	check(q.outliers >= 1, "outliers: the jump to 2.5 has |z| > 5");
	check_int((long long)q.pit, 1, "pit: an observation after as_of");
	check_str(json_string_value(json_object_get(json_array_get(pd, 0), "date")),
	    "2024-01-16", "pit: detail names the date");
	series_release(&s);
	json_decref(rd);
	json_decref(od);
	json_decref(pd);
}

static void
test_curves(void)
{
	struct series s[7];
	struct dataset ds;
	json_t *det = json_array();
	size_t n;

	/* Sorted by id: dataset_get uses bsearch. */
	daily(&s[0], "BR_DI_10Y", D("2024-01-12"), 30, 11, 0);
	daily(&s[1], "BR_DI_1Y", D("2024-01-12"), 30, 10, 0);
	daily(&s[2], "BR_DI_2Y", D("2024-01-12"), 30, 10.5, 0);
	daily(&s[3], "BR_DI_5Y", D("2024-01-12"), 30, 10.8, 0);
	daily(&s[4], "BR_NTNB_10Y", D("2024-01-12"), 30, 5.5, 0);
	daily(&s[5], "BR_NTNB_2Y", D("2024-01-12"), 30, 5, 0);
	daily(&s[6], "BR_NTNB_5Y", D("2024-01-12"), 30, 5.2, 0);
	ds.as_of = D("2024-01-15");
	ds.n = 7;
	ds.s = s;
	n = q_check_curves(&ds, det);
	check_int((long long)n, 0, "curves: a clean DI and NTN-B curve");
	s[3].values[29] = NAN;			/* 5y missing on the last day */
	s[1].values[0] = -0.1;			/* a negative nominal rate */
	s[6].values[5] = 20;			/* DI 5y - NTN-B 5y = -9.2 */
	n = q_check_curves(&ds, det);
	check_int((long long)n, 3, "curves: missing tenor, negative rate, breakeven");
	check_str(json_string_value(json_array_get(det, 0)),
	    "BR_DI: BR_DI_1Y negative nominal yield on 1 of 30 dates", "curves: negative");
	check_str(json_string_value(json_array_get(det, 1)),
	    "BR_DI: BR_DI_5Y missing on 1 of 30 dates", "curves: missing");
	/*
	 * The first tenor missing while the others are quoted is missing too: the curve
	 * is quoted on all 30 dates, the 1y on 29 of them.
	 */
	json_array_clear(det);
	s[3].values[29] = 10.8;
	s[1].values[0] = 10;
	s[6].values[5] = 5.2;
	s[1].values[29] = NAN;
	n = q_check_curves(&ds, det);
	check_int((long long)n, 1, "curves: the first tenor missing on a quoted date");
	check_str(json_string_value(json_array_get(det, 0)),
	    "BR_DI: BR_DI_1Y missing on 1 of 30 dates", "curves: first tenor missing");
	/* A date only the 2y has (1 of 4 tenors) is not a curve date; 2 of 4 is. */
	json_array_clear(det);
	s[1].values[29] = 10;
	series_push(&s[2], D("2024-01-15"), 10.5);
	n = q_check_curves(&ds, det);
	check_int((long long)n, 0, "curves: a lone tenor on a date is not a curve date");
	series_push(&s[3], D("2024-01-15"), 10.8);
	n = q_check_curves(&ds, det);
	check_int((long long)n, 2, "curves: half the tenors quote a date");
	check_str(json_string_value(json_array_get(det, 0)),
	    "BR_DI: BR_DI_1Y missing on 1 of 31 dates", "curves: 1y missing on that date");
	check_str(json_string_value(json_array_get(det, 1)),
	    "BR_DI: BR_DI_10Y missing on 1 of 31 dates", "curves: 10y missing on that date");
	for (n = 0; n < 7; n++)
		series_release(&s[n]);
	json_decref(det);
}

int
main(void)
{
	test_score();
	test_gate();
	test_staleness();
	test_gaps_range_outliers_pit();
	test_curves();
	return test_done();
}
