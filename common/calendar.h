/*
 * Holiday calendars of the desk's two markets (docs/CALENDAR.md): Brazil's
 * national holidays as ANBIMA publishes them (the calendar of DI business days
 * and of the fund's NAV, so the desk's own), and the New York Stock Exchange's.
 * Rules, Easter and one-off closures are computed here; nothing is read.
 */
#ifndef CALENDAR_H
#define CALENDAR_H

#include "date.h"

enum cal {
	CAL_BR,		/* ANBIMA national holidays: the desk's calendar */
	CAL_US		/* NYSE */
};

#define CAL_DESK CAL_BR

/* Easter Sunday of year y (Gregorian; Meeus/Jones/Butcher). */
day_t cal_easter(int y);
/*
 * The name of the holiday calendar c keeps on d ("Carnival Monday",
 * "Independence Day (observed)"), or NULL. A Brazilian holiday that falls on a
 * weekend is still named; a US one is named on the day it is observed.
 */
const char *cal_holiday(enum cal c, day_t d);
/* A weekday that is not a holiday of c. */
int cal_is_bday(enum cal c, day_t d);
/* The n-th business day of c after d (n < 0: before); d itself need not be one. */
day_t cal_add_bdays(enum cal c, day_t d, int n);
/* The last business day of c on or before d. */
day_t cal_prev_bday(enum cal c, day_t d);
/* Business days of c in (a, b] (the DI's du from a to b); negative when b < a. */
int cal_bdays_between(enum cal c, day_t a, day_t b);
/* "BR" or "US" into *c: 0, or -1 for another name. */
int cal_parse(const char *name, enum cal *c);

#endif
