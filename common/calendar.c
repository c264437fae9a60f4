/* Brazilian (ANBIMA) and US (NYSE) holidays by rule (docs/CALENDAR.md). */
#include <stddef.h>
#include <string.h>

#include "calendar.h"

day_t
cal_easter(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;

	return date_from_ymd(y, month, day);
}

/* The n-th (n >= 1) weekday wd (0 Sunday) of month m, or the last one for n = -1. */
static day_t
nth_wday(int y, int m, int wd, int n)
{
	day_t d;

	if (n < 0) {
		d = date_from_ymd(y, m, date_days_in_month(y, m));
		return d - (date_wday(d) - wd + 7) % 7;
	}
	d = date_from_ymd(y, m, 1);
	return d + (wd - date_wday(d) + 7) % 7 + 7 * (n - 1);
}

static const char *
br_holiday(day_t d)
{
	static const struct { int m, d, from; const char *name; } fixed[] = {
		{ 1, 1, 0, "New Year's Day" }, { 4, 21, 0, "Tiradentes" },
		{ 5, 1, 0, "Labour Day" }, { 9, 7, 0, "Independence Day" },
		{ 10, 12, 0, "Our Lady of Aparecida" }, { 11, 2, 0, "All Souls' Day" },
		{ 11, 15, 0, "Republic Day" },
		/* national from 2024: Law 14.759/2023 */
		{ 11, 20, 2024, "Black Consciousness Day" },
		{ 12, 25, 0, "Christmas" },
	};
	int y, m, dd;
	size_t i;
	day_t e;

	date_to_ymd(d, &y, &m, &dd);
	for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		if (fixed[i].m == m && fixed[i].d == dd && y >= fixed[i].from)
			return fixed[i].name;
	e = cal_easter(y);
	if (d == e - 48)
		return "Carnival Monday";
	if (d == e - 47)
		return "Carnival Tuesday";
	if (d == e - 2)
		return "Good Friday";
	if (d == e + 60)
		return "Corpus Christi";
	return NULL;
}

/*
 * A fixed-date US holiday observed on the Friday before when on a Saturday,
 * on the Monday after when on a Sunday; New Year's Day on a Saturday is not
 * observed (NYSE rule 7.2). Whether d is the observed day of (m, dd) in year y.
 */
static int
us_observed(day_t d, int y, int m, int dd)
{
	day_t h = date_from_ymd(y, m, dd);
	int wd = date_wday(h);

	if (wd == 6)
		return !(m == 1 && dd == 1) && d == h - 1;
	if (wd == 0)
		return d == h + 1;
	return d == h;
}

static const char *
us_holiday(day_t d)
{
	/* NYSE closures outside the rules: Sept 11, Reagan, Ford, Sandy, Bush, Carter. */
	static const char *const oneoff[] = {
		"2001-09-11", "2001-09-12", "2001-09-13", "2001-09-14", "2004-06-11",
		"2007-01-02", "2012-10-29", "2012-10-30", "2018-12-05", "2025-01-09",
	};
	char buf[DATE_BUFSZ];
	int y, m, dd;
	size_t i;

	date_format(d, buf);
	for (i = 0; i < sizeof oneoff / sizeof oneoff[0]; i++)
		if (strcmp(buf, oneoff[i]) == 0)
			return "special closure";
	date_to_ymd(d, &y, &m, &dd);
	if (us_observed(d, y, 1, 1) || (m == 12 && us_observed(d, y + 1, 1, 1)))
		return "New Year's Day";
	if (d == nth_wday(y, 1, 1, 3))
		return "Martin Luther King Jr. Day";
	if (d == nth_wday(y, 2, 1, 3))
		return "Washington's Birthday";
	if (d == cal_easter(y) - 2)
		return "Good Friday";
	if (d == nth_wday(y, 5, 1, -1))
		return "Memorial Day";
	if (y >= 2022 && us_observed(d, y, 6, 19))
		return "Juneteenth";
	if (us_observed(d, y, 7, 4))
		return "Independence Day";
	if (d == nth_wday(y, 9, 1, 1))
		return "Labor Day";
	if (d == nth_wday(y, 11, 4, 4))
		return "Thanksgiving Day";
	if (us_observed(d, y, 12, 25))
		return "Christmas";
	return NULL;
}

const char *
cal_holiday(enum cal c, day_t d)
{
	return c == CAL_US ? us_holiday(d) : br_holiday(d);
}

int
cal_is_bday(enum cal c, day_t d)
{
	return date_is_bday(d) && cal_holiday(c, d) == NULL;
}

day_t
cal_add_bdays(enum cal c, day_t d, int n)
{
	int step = n < 0 ? -1 : 1;

	while (n != 0) {
		d += step;
		if (cal_is_bday(c, d))
			n -= step;
	}
	return d;
}

day_t
cal_prev_bday(enum cal c, day_t d)
{
	while (!cal_is_bday(c, d))
		d--;
	return d;
}

int
cal_bdays_between(enum cal c, day_t a, day_t b)
{
	int n = 0, sign = 1;
	day_t t;

	if (b < a) {
		t = a, a = b, b = t;
		sign = -1;
	}
	for (t = a + 1; t <= b; t++)
		n += cal_is_bday(c, t);
	return sign * n;
}

int
cal_parse(const char *name, enum cal *c)
{
	if (strcmp(name, "BR") == 0)
		*c = CAL_BR;
	else if (strcmp(name, "US") == 0)
		*c = CAL_US;
	else
		return -1;
	return 0;
}
