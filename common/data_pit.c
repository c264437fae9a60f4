/* Publication dates and windows (see data_pit.h). */
#include "data_pit.h"
#include "date.h"

day_t
pit_normalise(char freq, day_t d)
{
	int y, m, dd;

	switch (freq) {
	case 'M':
		return date_month_start(d);
	case 'Q':
		date_to_ymd(d, &y, &m, &dd);
		return date_from_ymd(y, m - (m - 1) % 3, 1);
	case 'W':
		/*
		 * Monday to Thursday move to that week's Friday (later, never earlier); a
		 * weekend date (a week ending on Saturday or Sunday) keeps its own date:
		 * the Friday before would show it before it existed (docs/DATA.md).
		 */
		if (date_wday(d) == 0 || date_wday(d) == 6)
			return d;
		return d + (5 - date_wday(d));
	default:
		return d;
	}
}

day_t
pit_published(char freq, int lag, day_t d)
{
	switch (freq) {
	case 'M':
		return date_month_end(d) + lag;
	case 'Q':
		return date_month_end(date_add_months(date_month_start(d), 2)) + lag;
	default:
		return d + lag;
	}
}

day_t
pit_window_start(char freq, day_t as_of, int n)
{
	switch (freq) {
	case 'D':
		return date_add_bdays(date_prev_bday(as_of), -(n - 1));
	case 'W':
		return date_add_months(as_of, -12 * n) + 1;
	default:
		return date_month_start(date_add_months(as_of, -12 * n));
	}
}
