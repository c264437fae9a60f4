/*
 * Point in time (docs/DATA.md): when an observation becomes known. A daily or weekly
 * observation is published on its date plus the lag; a monthly or quarterly one,
 * dated on the first day of its period, at the period's last day plus the lag.
 */
#ifndef DATA_PIT_H
#define DATA_PIT_H

#include "date.h"

/* The publication day of an observation dated d. */
day_t pit_published(char freq, int lag, day_t d);
/*
 * The date a file's date maps to: month or quarter start; for a weekly series the
 * Friday of its week when it is a weekday (Monday..Friday), itself on a weekend.
 */
day_t pit_normalise(char freq, day_t d);
/*
 * The first date of the window ending at as_of: for 'D' the last n business days
 * (as_of included when it is one); for 'W', 'M' and 'Q' n years (monthly and
 * quarterly from the first day of as_of's month n years back).
 */
day_t pit_window_start(char freq, day_t as_of, int n);

#endif
