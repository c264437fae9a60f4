/* Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian). */
#include <time.h>

#include "date.h"

/* Howard Hinnant's days_from_civil. */
day_t
date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (day_t)(era * 146097 + doe - 719468);
}

void
date_to_ymd(day_t day, int *y, int *m, int *d)
{
	int z = day + 719468, era, doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int
date_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static int
digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
date_parse(const char *s, day_t *out)
{
	int y, m, d;

	if (s == NULL)
		return -1;
	/* Check the length before indexing past a short string. */
	for (y = 0; y < 10; y++)
		if (s[y] == '\0')
			return -1;
	if (s[4] != '-' || s[7] != '-' || s[10] != '\0')
		return -1;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 ||
	    d > date_days_in_month(y, m))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

char *
date_format(day_t day, char *buf)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	y = ((y % 10000) + 10000) % 10000;
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return buf;
}

int
date_wday(day_t d)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (int)((d % 7 + 7) % 7);

	return (w + 4) % 7;
}

int
date_is_bday(day_t d)
{
	int w = date_wday(d);

	return w != 0 && w != 6;
}

day_t
date_add_bdays(day_t d, int n)
{
	int step = n >= 0 ? 1 : -1;

	while (n != 0) {
		d += step;
		if (date_is_bday(d))
			n -= step;
	}
	return d;
}

day_t
date_prev_bday(day_t d)
{
	while (!date_is_bday(d))
		d--;
	return d;
}

/* Business days in (0-based epoch, d]: weeks times five plus the remainder. */
static long
bdays_upto(day_t d)
{
	/* Day 3 (1970-01-04) is a Sunday; count from there. */
	long x = (long)d - 3, weeks, rem;

	weeks = x >= 0 ? x / 7 : (x - 6) / 7;
	rem = x - weeks * 7;	/* 0 = Sunday ... 6 = Saturday */
	return weeks * 5 + (rem >= 5 ? 5 : rem);
}

int
date_bdays_between(day_t a, day_t b)
{
	return (int)(bdays_upto(b) - bdays_upto(a));
}

day_t
date_month_start(day_t day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return date_from_ymd(y, m, 1);
}

day_t
date_month_end(day_t day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return date_from_ymd(y, m, date_days_in_month(y, m));
}

day_t
date_add_months(day_t day, int n)
{
	int y, m, d, dim;

	date_to_ymd(day, &y, &m, &d);
	m += n;
	while (m > 12) {
		m -= 12;
		y++;
	}
	while (m < 1) {
		m += 12;
		y--;
	}
	dim = date_days_in_month(y, m);
	return date_from_ymd(y, m, d > dim ? dim : d);
}

day_t
date_today(void)
{
	time_t t = time(NULL);
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return (day_t)(t / 86400);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
