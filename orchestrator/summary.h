/*
 * report.summary as daily_run prints and stores it (docs/ORCHESTRATOR.md "The
 * run row"): checked against the columns before the run is called a success.
 */
#ifndef SUMMARY_H
#define SUMMARY_H

#include <stddef.h>
#include <jansson.h>

/* Longest regime the row's varchar(30) holds, in characters. */
#define SUMMARY_REGIME_MAX 30
/* Largest count the row's integer columns hold. */
#define SUMMARY_COUNT_MAX 2147483647LL

/*
 * 0 when sum is an object whose known keys fit their columns: signal_count and
 * position_count integers in 0..SUMMARY_COUNT_MAX, leverage and var_95 finite
 * numbers, regime a string of at most SUMMARY_REGIME_MAX characters, risk_alerts
 * an array of strings; each may also be absent or null. The strings hold no
 * control characters. Else -1 with why (one line naming the key).
 */
int summary_check(const json_t *sum, char *why, size_t sz);

#endif
