/*
 * The run date: a desk business day (docs/CALENDAR.md, docs/ORCHESTRATOR.md
 * "Dates"), or refused with exit 2 unless --allow-holiday.
 */
#ifndef BDAY_H
#define BDAY_H

#include "date.h"

/* Why d is not a desk business day ("Carnival Tuesday", "Saturday"), or NULL. */
const char *bday_why_not(day_t d);
/*
 * The as-of date of a run into out: the date given (NULL: the last desk
 * business day on or before today, with a note on stderr when that is not
 * today). A given date that is not a desk business day exits 2 with a one-line
 * message unless allow. 0, or -1 after error() for an unparseable date.
 */
int bday_pick(const char *given, int allow, char out[DATE_BUFSZ]);

#endif
