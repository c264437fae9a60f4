/* The run date against the desk's calendar (docs/ORCHESTRATOR.md "Dates"). */
#include <stdio.h>
#include <stdlib.h>

#include "bday.h"
#include "calendar.h"
#include "die.h"

#define EXIT_BADUSAGE	2

const char *
bday_why_not(day_t d)
{
	static const char *const wday[] = { "Sunday", "Monday", "Tuesday",
		"Wednesday", "Thursday", "Friday", "Saturday" };
	const char *h;

	if (cal_is_bday(CAL_DESK, d))
		return NULL;
	if ((h = cal_holiday(CAL_DESK, d)) != NULL)
		return h;
	return wday[date_wday(d)];
}

int
bday_pick(const char *given, int allow, char out[DATE_BUFSZ])
{
	char today[DATE_BUFSZ];
	const char *why;
	day_t d;

	if (given == NULL) {
		d = date_today();
		if (!allow && (why = bday_why_not(d)) != NULL) {
			date_format(d, today);
			d = cal_prev_bday(CAL_DESK, d);
			date_format(d, out);
			info("today %s is not a desk business day (%s): running %s, "
			    "the last one", today, why, out);
			return 0;
		}
		date_format(d, out);
		return 0;
	}
	if (date_parse(given, &d) == -1) {
		error("invalid date '%s': expected YYYY-MM-DD", given);
		return -1;	/* the caller prints the usage */
	}
	date_format(d, out);
	if (!allow && (why = bday_why_not(d)) != NULL) {
		error("%s is not a desk business day (%s): nothing to run; "
		    "--allow-holiday runs it anyway", out, why);
		exit(EXIT_BADUSAGE);
	}
	return 0;
}
