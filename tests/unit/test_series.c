/* Unit tests of common/series.c and dataset.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "date.h"
#include "state.h"
#include "tap.h"

static int
from_text(struct series *s, const char *text)
{
	json_t *j = json_loads(text, 0, NULL);
	int rc = series_from_json(s, j, "t");

	json_decref(j);
	return rc;
}

/*
 * A shared calendar is parsed once and its dates shared by the series naming it
 * (docs/BENCH.md "State I/O", peak memory): same values as a copy each, a push copies
 * the dates first, any release order; a calendar with a defect is not shared and each
 * series naming it fails as before.
 */
static void
shared_calendar(void)
{
	struct series_cal cal;
	struct series a, b;
	struct dataset ds;
	json_t *cals, *ja, *jb, *state;
	day_t d;

	cals = json_loads("{\"D\":[\"2024-01-11\",\"2024-01-12\",\"2024-01-15\"]}", 0, NULL);
	ja = json_loads("{\"calendar\":\"D\",\"values\":[1,null,3]}", 0, NULL);
	jb = json_loads("{\"calendar\":\"D\",\"values\":[4,5,6.5]}", 0, NULL);
	series_cal_parse(&cal, json_object_get(cals, "D"));
	check(cal.dates != NULL && cal.n == 3, "a valid calendar is parsed once");
	check_int(series_from_json_shared(&a, ja, "a", cals, &cal, 1), 0, "series a on it");
	check_int(series_from_json_shared(&b, jb, "b", cals, &cal, 1), 0, "series b on it");
	check(a.dates == b.dates && a.dates_shared && b.dates_shared, "one copy of the dates");
	date_parse("2024-01-15", &d);
	check(a.n == 3 && b.dates[2] == d && isnan(a.values[1]) && b.values[2] == 6.5,
	    "values and dates as parsed");
	series_cal_release(&cal);
	date_parse("2024-01-16", &d);
	check_int(series_push(&a, d, 7), 0, "push onto a series with shared dates");
	check(a.n == 4 && !a.dates_shared && a.dates != b.dates && a.dates[3] == d &&
	    a.values[3] == 7, "the push copied the dates first");
	date_parse("2024-01-15", &d);
	check(b.n == 3 && b.dates[2] == d && a.dates[2] == d, "the other series is untouched");
	series_release(&b);
	series_release(&a);
	json_decref(ja);
	json_decref(jb);
	json_decref(cals);
	cals = json_loads("[\"2024-01-12\",\"2024-01-11\"]", 0, NULL);
	series_cal_parse(&cal, cals);
	check(cal.dates == NULL, "dates that do not increase: not shared");
	series_cal_release(&cal);
	json_decref(cals);
	state = json_loads("{\"as_of\":\"2024-01-15\",\"ingest\":{\"calendars\":{\"D\":"
	    "[\"2024-01-12\",\"2024-01-11\"]},\"series\":{\"A\":{\"calendar\":\"D\","
	    "\"values\":[1,2]}}}}", 0, NULL);
	check_int(dataset_load(&ds, state), -1, "a series on a calendar that does not increase fails");
	json_decref(state);
	state = json_loads("{\"as_of\":\"2024-01-15\",\"ingest\":{\"calendars\":{\"D\":"
	    "[\"2024-01-12\",\"2024-01-15\"]},\"series\":{\"A\":{\"calendar\":\"D\","
	    "\"values\":[1,2]},\"B\":{\"calendar\":\"D\",\"values\":[1]}}}}", 0, NULL);
	check_int(dataset_load(&ds, state), -1, "a shared calendar's length still checked");
	json_decref(state);
	state = json_loads("{\"as_of\":\"2024-01-15\",\"ingest\":{\"calendars\":{\"D\":"
	    "[\"2024-01-12\",\"2024-01-15\"]},\"series\":{\"A\":{\"calendar\":\"D\","
	    "\"values\":[1,\"x\"]}}}}", 0, NULL);
	check_int(dataset_load(&ds, state), -1, "a non-numeric value on a shared calendar fails");
	json_decref(state);
}

int
main(void)
{
	struct series s;
	struct dataset ds;
	json_t *j, *state;
	double vals[8];
	day_t d, when, dates[8];
	char *out;

	check_int(from_text(&s, "{\"id\":\"X\",\"freq\":\"D\",\"unit\":\"%\","
	    "\"dates\":[\"2024-01-10\",\"2024-01-11\",\"2024-01-12\",\"2024-01-15\"],"
	    "\"values\":[1.5,null,2.5,3]}"), 0, "parse a series");
	check_int(s.n, 4, "four observations");
	check(isnan(s.values[1]), "null is NAN");
	check_int(series_count(&s), 3, "three present");
	date_parse("2024-01-13", &d);
	check_int(series_index_on(&s, d), 2, "index on a Saturday is Friday's");
	check_dbl(series_last(&s, d, &when), 2.5, 0, "last on or before");
	date_parse("2024-01-11", &d);
	check_dbl(series_last(&s, d, &when), 1.5, 0, "last skips the null");
	check_dbl(series_at(&s, d, 0), NAN, 0, "at with no carry is NAN");
	check_dbl(series_at(&s, d, 1), 1.5, 0, "at carries one day");
	date_parse("2024-01-01", &d);
	check_int(series_index_on(&s, d), -1, "before the first date");
	check_int(series_tail(&s, 3, vals, dates), 2, "tail of 3 has 2 values");
	check_dbl(vals[1], 3, 0, "tail keeps order");
	date_parse("2024-01-15", &d);
	check_int(series_recent(&s, d, -1, 2, vals, dates), 2, "recent 2 skips the null");
	check(vals[0] == 2.5 && vals[1] == 3, "recent is oldest first");
	check_int(series_recent(&s, d, -1, 9, vals, dates), 3, "recent of 9 gives all 3");
	check(vals[0] == 1.5 && dates[2] == d, "with their dates");
	date_parse("2024-01-10", &when);
	check_int(series_recent(&s, d, when, 9, vals, NULL), 2, "since excludes its own date");
	date_parse("2024-01-11", &d);
	check_int(series_recent(&s, d, -1, 9, vals, NULL), 1, "recent on or before d");
	j = series_to_json(&s, 1);
	out = state_dumps(j);
	check_str(out, "{\"dates\":[\"2024-01-10\",\"2024-01-11\",\"2024-01-12\",\"2024-01-15\"],"
	    "\"freq\":\"D\",\"id\":\"X\",\"unit\":\"%\",\"values\":[1.5,null,2.5,3.0]}",
	    "to_json round trip");
	free(out);
	json_decref(j);
	series_release(&s);

	check_int(from_text(&s, "{\"dates\":[\"2024-01-10\"],\"values\":[1,2]}"), -1,
	    "mismatched lengths rejected");
	check_int(from_text(&s, "{\"dates\":[\"2024-01-10\",\"2024-01-10\"],\"values\":[1,2]}"), -1,
	    "repeated date rejected");
	check_int(from_text(&s, "{\"dates\":[\"2024-02-30\"],\"values\":[1]}"), -1,
	    "impossible date rejected");
	check_int(from_text(&s, "{\"dates\":[\"2024-01-10\"],\"values\":[\"1\"]}"), -1,
	    "string value rejected");
	check_int(from_text(&s, "{\"freq\":\"X\",\"dates\":[],\"values\":[]}"), -1,
	    "unknown frequency rejected");
	check_int(from_text(&s, "{\"dates\":[],\"values\":[]}"), 0, "empty series accepted");
	series_release(&s);

	state = json_loads("{\"as_of\":\"2024-01-15\",\"ingest\":{\"series\":{"
	    "\"B\":{\"freq\":\"M\",\"dates\":[\"2023-12-01\"],\"values\":[0.5]},"
	    "\"A\":{\"dates\":[\"2024-01-12\"],\"values\":[1]}}}}", 0, NULL);
	check_int(dataset_load(&ds, state), 0, "dataset loads");
	check(dataset_get(&ds, "B") != NULL && dataset_get(&ds, "B")->freq == 'M', "lookup by id");
	check(dataset_get(&ds, "C") == NULL, "absent id is NULL");
	check(dataset_get(&ds, "AB") == NULL && dataset_get(&ds, "") == NULL &&
	    dataset_get(&ds, NULL) == NULL, "a longer id, an empty one, NULL: NULL");
	dataset_release(&ds);
	json_decref(state);
	/* 39 bytes (SERIES_IDSZ - 1) kept: a longer id with those first is that series. */
	state = json_loads("{\"as_of\":\"2024-01-15\",\"ingest\":{\"series\":{"
	    "\"X23456789012345678901234567890123456789\":{\"dates\":[\"2024-01-12\"],"
	    "\"values\":[7]}}}}", 0, NULL);
	check_int(dataset_load(&ds, state), 0, "a 39-byte id loads");
	check(dataset_get(&ds, "X23456789012345678901234567890123456789") != NULL &&
	    dataset_get(&ds, "X23456789012345678901234567890123456789tail") != NULL &&
	    dataset_get(&ds, "X2345678901234567890123456789012345678") == NULL,
	    "looked up as 39 bytes: the id and a longer one found, one byte less not");
	dataset_release(&ds);
	json_decref(state);
	state = json_loads("{\"as_of\":\"2024-01-15\",\"ingest\":{\"calendars\":{\"D\":"
	    "[\"2024-01-12\",\"2024-01-15\"]},\"series\":{\"A\":{\"freq\":\"D\",\"calendar\":\"D\","
	    "\"values\":[1,2]},\"B\":{\"dates\":[\"2024-01-15\"],\"values\":[3]}}}}", 0, NULL);
	check_int(dataset_load(&ds, state), 0, "a series on a shared calendar loads");
	check(dataset_get(&ds, "A")->n == 2 && dataset_get(&ds, "A")->values[1] == 2 &&
	    dataset_get(&ds, "A")->dates[1] == dataset_get(&ds, "B")->dates[0],
	    "its dates come from ingest.calendars.D");
	dataset_release(&ds);
	json_decref(state);
	state = json_loads("{\"as_of\":\"2024-01-15\",\"ingest\":{\"calendars\":{},\"series\":"
	    "{\"A\":{\"calendar\":\"W\",\"values\":[1]}}}}", 0, NULL);
	check_int(dataset_load(&ds, state), -1, "an unknown calendar is an error");
	json_decref(state);
	shared_calendar();
	s.n = 0;
	series_init(&s, "X", 'D', "%");
	date_parse("2024-01-12", &d);
	series_push(&s, d, 1.25);
	j = series_to_json_cal(&s, 2, "D");
	out = state_dumps(j);
	check_str(out, "{\"calendar\":\"D\",\"freq\":\"D\",\"id\":\"X\",\"unit\":\"%\",\"values\":[1.25]}",
	    "series_to_json_cal names the calendar instead of dates");
	free(out);
	json_decref(j);
	j = series_dates_json(&s);
	out = state_dumps(j);
	check_str(out, "[\"2024-01-12\"]", "series_dates_json");
	free(out);
	json_decref(j);
	series_release(&s);
	state = json_loads("{\"as_of\":\"2024-01-15\"}", 0, NULL);
	check_int(dataset_load(&ds, state), -1, "missing ingest is an error");
	json_decref(state);
	return test_done();
}
