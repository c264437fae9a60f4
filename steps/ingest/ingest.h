/* The ingest step's computation (see main.c for the keys read and written). */
#ifndef INGEST_H
#define INGEST_H

#include <jansson.h>

#include "conn.h"
#include "data_catalogue.h"
#include "date.h"
#include "series.h"

/*
 * The "ingest" section for state (new reference). Dies with EXIT_DATAERR,
 * EXIT_IOERR or EXIT_CONFIG on bad input, data, files or catalogue.
 */
json_t *ingest_compute(const json_t *state);

/* The catalogue path: DAILY_CATALOGUE, config.catalogue, else the default. New string. */
char *ingest_catalogue_path(const json_t *state);

/*
 * Point-in-time window of merged observations o (sorted, unique dates) into s:
 * dates on or after start whose publication (freq, lag) is on or before as_of.
 */
void ingest_window(const struct obs *o, const struct cat_entry *e, day_t start,
    day_t as_of, struct series *s);
/* The index of the first date of o (sorted) on or after d; o->n when none. */
size_t ingest_lower(const struct obs *o, day_t d);
/* Sort o by date; on equal dates keep the first appended (earlier rows win). */
void ingest_merge(struct obs *o);
/*
 * Append to out the mean (sum when sum is 1) of each calendar month's non-missing
 * values of o (sorted, unique dates), dated on the month's first day; months without
 * one are left out.
 */
void ingest_month_agg(const struct obs *o, int sum, struct obs *out);

#endif
