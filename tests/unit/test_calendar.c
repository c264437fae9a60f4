/*
 * common/calendar.c against published calendars: Easter dates 2008 and 2010-2030,
 * the ANBIMA national holidays of 2016, 2024 and 2025, and the NYSE closures of
 * 2012, 2018, 2021, 2022, 2025, 2026 and 2027 as the exchanges list them (with the
 * one-off closures for Sandy, Bush and Carter and the observance rules).
 */
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "tap.h"

static day_t
D(const char *s)
{
	day_t d = 0;

	if (date_parse(s, &d) != 0)
		printf("# bad date in the test: %s\n", s);
	return d;
}

static void
test_easter(void)
{
	static const char *const e[] = {
		"2010-04-04", "2011-04-24", "2012-04-08", "2013-03-31", "2014-04-20",
		"2015-04-05", "2016-03-27", "2017-04-16", "2018-04-01", "2019-04-21",
		"2020-04-12", "2021-04-04", "2022-04-17", "2023-04-09", "2024-03-31",
		"2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01",
		"2030-04-21",
	};
	int y, ok = 1;

	check_int(cal_easter(2008), D("2008-03-23"), "Easter 2008 is 23 March");
	for (y = 2010; y <= 2030; y++)
		if (cal_easter(y) != D(e[y - 2010])) {
			printf("# Easter %d wrong\n", y);
			ok = 0;
		}
	check(ok, "Easter 2010-2030 as published");
}

/*
 * The holidays of calendar c in year y (weekdays only when weekdays_only) are
 * exactly the n dates of want.
 */
static void
year_is(enum cal c, int y, int weekdays_only, const char *const *want, size_t n,
    const char *label)
{
	day_t d, end = date_from_ymd(y, 12, 31);
	char buf[DATE_BUFSZ];
	size_t i, found = 0;
	int ok = 1, listed;

	for (d = date_from_ymd(y, 1, 1); d <= end; d++) {
		if (cal_holiday(c, d) == NULL || (weekdays_only && !date_is_bday(d)))
			continue;
		date_format(d, buf);
		for (listed = 0, i = 0; i < n; i++)
			listed |= strcmp(buf, want[i]) == 0;
		if (!listed) {
			printf("# %s: %s (%s) is not in the published list\n", label, buf,
			    cal_holiday(c, d));
			ok = 0;
		}
		found++;
	}
	if (found != n) {
		printf("# %s: %zu holidays, the list has %zu\n", label, found, n);
		ok = 0;
	}
	check(ok, label);
}

#define YEAR(c, y, wk, list, label) year_is(c, y, wk, list, sizeof list / sizeof list[0], label)

static void
test_anbima(void)
{
	static const char *const y2016[] = {
		"2016-01-01", "2016-02-08", "2016-02-09", "2016-03-25", "2016-04-21",
		"2016-05-01", "2016-05-26", "2016-09-07", "2016-10-12", "2016-11-02",
		"2016-11-15", "2016-12-25",
	};
	static const char *const y2024[] = {
		"2024-01-01", "2024-02-12", "2024-02-13", "2024-03-29", "2024-04-21",
		"2024-05-01", "2024-05-30", "2024-09-07", "2024-10-12", "2024-11-02",
		"2024-11-15", "2024-11-20", "2024-12-25",
	};
	static const char *const y2025[] = {
		"2025-01-01", "2025-03-03", "2025-03-04", "2025-04-18", "2025-04-21",
		"2025-05-01", "2025-06-19", "2025-09-07", "2025-10-12", "2025-11-02",
		"2025-11-15", "2025-11-20", "2025-12-25",
	};

	YEAR(CAL_BR, 2016, 0, y2016, "ANBIMA 2016: 12 national holidays");
	YEAR(CAL_BR, 2024, 0, y2024, "ANBIMA 2024: 13, Black Consciousness Day included");
	YEAR(CAL_BR, 2025, 0, y2025, "ANBIMA 2025: 13 national holidays");
	check(cal_holiday(CAL_BR, D("2023-11-20")) == NULL,
	    "20 November is not national before 2024");
	check(!cal_is_bday(CAL_BR, D("2024-02-13")), "Carnival Tuesday 2024 is no business day");
	check(cal_is_bday(CAL_BR, D("2024-02-14")), "Ash Wednesday is a business day");
	check(cal_is_bday(CAL_BR, D("2024-01-15")), "2024-01-15 (MLK day) is a Brazilian business day");
}

static void
test_nyse(void)
{
	static const char *const y2012[] = {
		"2012-01-02", "2012-01-16", "2012-02-20", "2012-04-06", "2012-05-28",
		"2012-07-04", "2012-09-03", "2012-10-29", "2012-10-30", "2012-11-22",
		"2012-12-25",
	};
	static const char *const y2018[] = {
		"2018-01-01", "2018-01-15", "2018-02-19", "2018-03-30", "2018-05-28",
		"2018-07-04", "2018-09-03", "2018-11-22", "2018-12-05", "2018-12-25",
	};
	static const char *const y2021[] = {
		"2021-01-01", "2021-01-18", "2021-02-15", "2021-04-02", "2021-05-31",
		"2021-07-05", "2021-09-06", "2021-11-25", "2021-12-24",
	};
	static const char *const y2022[] = {
		"2022-01-17", "2022-02-21", "2022-04-15", "2022-05-30", "2022-06-20",
		"2022-07-04", "2022-09-05", "2022-11-24", "2022-12-26",
	};
	static const char *const y2025[] = {
		"2025-01-01", "2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18",
		"2025-05-26", "2025-06-19", "2025-07-04", "2025-09-01", "2025-11-27",
		"2025-12-25",
	};
	static const char *const y2026[] = {
		"2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25",
		"2026-06-19", "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25",
	};
	static const char *const y2027[] = {
		"2027-01-01", "2027-01-18", "2027-02-15", "2027-03-26", "2027-05-31",
		"2027-06-18", "2027-07-05", "2027-09-06", "2027-11-25", "2027-12-24",
	};

	YEAR(CAL_US, 2012, 1, y2012, "NYSE 2012: Sandy closed 29-30 October");
	YEAR(CAL_US, 2018, 1, y2018, "NYSE 2018: President Bush's funeral");
	YEAR(CAL_US, 2021, 1, y2021, "NYSE 2021: no Juneteenth yet; Christmas on the 24th");
	YEAR(CAL_US, 2022, 1, y2022, "NYSE 2022: New Year on a Saturday not observed");
	YEAR(CAL_US, 2025, 1, y2025, "NYSE 2025: President Carter's funeral");
	YEAR(CAL_US, 2026, 1, y2026, "NYSE 2026: Independence Day observed on 3 July");
	YEAR(CAL_US, 2027, 1, y2027, "NYSE 2027: Christmas observed 24 December, no 31 December");
}

static void
test_arithmetic(void)
{
	enum cal c = CAL_US;

	/* Friday 2024-02-09 + 1 BR business day skips the weekend and Carnival. */
	check_int(cal_add_bdays(CAL_BR, D("2024-02-09"), 1), D("2024-02-14"),
	    "BR: Friday before Carnival + 1 = Ash Wednesday");
	check_int(cal_add_bdays(CAL_BR, D("2024-02-14"), -1), D("2024-02-09"),
	    "BR: Ash Wednesday - 1 = Friday before Carnival");
	check_int(cal_prev_bday(CAL_US, D("2024-07-04")), D("2024-07-03"),
	    "US: last business day on or before 4 July 2024");
	/* January 2024 in Brazil: 23 weekdays, 1 January a holiday: 22 in (Dec 31, Jan 31]. */
	check_int(cal_bdays_between(CAL_BR, D("2023-12-31"), D("2024-01-31")), 22,
	    "BR: 22 business days in January 2024");
	check_int(cal_bdays_between(CAL_BR, D("2024-01-31"), D("2023-12-31")), -22,
	    "BR: reversed interval counts negative");
	/* 2024: 262 weekdays less 9 weekday holidays (the others fall on weekends). */
	check_int(cal_bdays_between(CAL_BR, D("2023-12-31"), D("2024-12-31")), 253,
	    "BR: 253 business days in 2024");
	check_int(cal_parse("US", &c), 0, "parse US");
	check_int(cal_parse("BR", &c) == 0 && c == CAL_BR, 1, "parse BR");
	check_int(cal_parse("UK", &c), -1, "parse UK: unknown");
	check(strcmp(cal_holiday(CAL_US, D("2026-07-03")), "Independence Day") == 0,
	    "names the observed day");
}

int
main(void)
{
	test_easter();
	test_anbima();
	test_nyse();
	test_arithmetic();
	return test_done();
}
