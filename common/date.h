/* Calendar dates as day numbers, strict ISO parsing, business days (weekdays). */
#ifndef DATE_H
#define DATE_H

#include <stdint.h>

typedef int32_t day_t;		/* days since 1970-01-01 */

#define DATE_BUFSZ 11		/* "YYYY-MM-DD" and NUL */

/* Strict "YYYY-MM-DD", years 1900-2199; impossible dates (2024-02-30) rejected. 0 or -1. */
int date_parse(const char *s, day_t *out);
/* Writes "YYYY-MM-DD" into buf (DATE_BUFSZ bytes); returns buf. */
char *date_format(day_t d, char *buf);
day_t date_from_ymd(int y, int m, int d);
void date_to_ymd(day_t day, int *y, int *m, int *d);
int date_days_in_month(int y, int m);
/* 0 = Sunday ... 6 = Saturday. */
int date_wday(day_t d);
/* Business days are Monday to Friday; holidays are not modelled. */
int date_is_bday(day_t d);
/* The n-th business day after d (n < 0: before). d itself need not be one. */
day_t date_add_bdays(day_t d, int n);
/* The last business day on or before d. */
day_t date_prev_bday(day_t d);
/* Number of business days in (a, b]; negative when b < a. */
int date_bdays_between(day_t a, day_t b);
/* First and last day of d's month; d plus n months, clamped to month end. */
day_t date_month_start(day_t d);
day_t date_month_end(day_t d);
day_t date_add_months(day_t d, int n);
/* Today's calendar date in local time (the orchestrator's default; never used by steps). */
day_t date_today(void);

#endif
