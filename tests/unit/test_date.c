/* Unit tests of common/date.c: hand-checked calendar facts and a brute-force oracle. */
#include "date.h"
#include "tap.h"

/* Business days in (a, b] counted one day at a time: the independent reference. */
static int
brute_bdays(day_t a, day_t b)
{
	int n = 0, sign = 1;
	day_t d, t;

	if (b < a) {
		t = a, a = b, b = t;
		sign = -1;
	}
	for (d = a + 1; d <= b; d++)
		n += date_is_bday(d);
	return sign * n;
}

int
main(void)
{
	static const char *bad[] = { "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10",
		"2024-01-00", "24-01-15", "2024-1-15", "2024-01-15x", "", "2024/01/15",
		"1899-12-31", "abcd-ef-gh", "2024-01-1", "+024-01-15" };
	char buf[DATE_BUFSZ];
	day_t d, a;
	int y, m, dd, ok;
	size_t i;

	check_int(date_from_ymd(1970, 1, 1), 0, "epoch is day 0");
	check_int(date_from_ymd(2000, 3, 1), 11017, "2000-03-01 = 10957 + 31 + 29");
	check_int(date_from_ymd(1969, 12, 31), -1, "the day before the epoch");
	check_int(date_wday(date_from_ymd(2024, 1, 15)), 1, "2024-01-15 was a Monday");
	check_int(date_wday(date_from_ymd(2008, 9, 15)), 1, "2008-09-15 was a Monday");
	check_int(date_wday(date_from_ymd(2020, 3, 8)), 0, "2020-03-08 was a Sunday");
	check_int(date_parse("2024-02-29", &d), 0, "leap day 2024 accepted");
	check_str(date_format(d, buf), "2024-02-29", "leap day formats back");
	check_int(date_parse("2000-02-29", &d), 0, "2000 is a leap year");
	check_int(date_parse("1900-02-29", &d), -1, "1900 is not a leap year");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char name[64];

		snprintf(name, sizeof(name), "rejects '%s'", bad[i]);
		check_int(date_parse(bad[i], &d), -1, name);
	}
	/* Round trip over every day 1990-2030. */
	ok = 1;
	for (d = date_from_ymd(1990, 1, 1); d < date_from_ymd(2031, 1, 1); d++) {
		date_to_ymd(d, &y, &m, &dd);
		if (date_from_ymd(y, m, dd) != d || date_parse(date_format(d, buf), &a) < 0 || a != d)
			ok = 0;
	}
	check(ok, "ymd and text round trip for 1990-2030");
	date_parse("2024-01-12", &d);
	check_str(date_format(date_add_bdays(d, 1), buf), "2024-01-15", "Fri + 1 bday = Mon");
	check_str(date_format(date_add_bdays(d, -5), buf), "2024-01-05", "Fri - 5 bdays");
	date_parse("2024-01-14", &d);
	check_str(date_format(date_prev_bday(d), buf), "2024-01-12", "prev bday of a Sunday");
	check_int(date_bdays_between(date_from_ymd(2024, 1, 12), date_from_ymd(2024, 1, 15)), 1,
	    "Fri to Mon is 1 bday");
	check_int(date_bdays_between(date_from_ymd(2024, 1, 13), date_from_ymd(2024, 1, 14)), 0,
	    "Sat to Sun is 0 bdays");
	ok = 1;
	for (a = date_from_ymd(2023, 12, 20); a < date_from_ymd(2024, 1, 20); a++)
		for (d = a - 40; d < a + 40; d++)
			if (date_bdays_between(a, d) != brute_bdays(a, d))
				ok = 0;
	check(ok, "bdays_between equals a day-by-day count");
	date_parse("2024-02-10", &d);
	check_str(date_format(date_month_end(d), buf), "2024-02-29", "month end of Feb 2024");
	check_str(date_format(date_month_start(d), buf), "2024-02-01", "month start");
	date_parse("2024-01-31", &d);
	check_str(date_format(date_add_months(d, 1), buf), "2024-02-29", "Jan 31 + 1 month clamps");
	check_str(date_format(date_add_months(d, -2), buf), "2023-11-30", "Jan 31 - 2 months");
	check_str(date_format(date_add_months(d, 12), buf), "2025-01-31", "plus a year");
	return test_done();
}
