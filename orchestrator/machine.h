/*
 * Output for machines (docs/ORCHESTRATOR.md "Hooks and machine output"): the
 * run as one JSON document (--json, the failure hook's stdin) and the
 * failure hook (--on-failure CMD, DAILY_ON_FAILURE).
 */
#ifndef MACHINE_H
#define MACHINE_H

#include <jansson.h>

#include "run.h"

/* Console modes. */
#define OUT_TEXT	0
#define OUT_QUIET	1	/* only failures */
#define OUT_JSON	2	/* one JSON document at the end */

/* The run's summary document (new reference). */
json_t *machine_summary(const struct run *r);
/*
 * Run cmd with sh -c, the summary on its stdin and RUN_ID, RUN_DATE, STATUS,
 * FAILED_STEP in its environment, killed after timeout_s seconds (its process
 * group). 0, or -1 after error() saying how it failed.
 */
int machine_hook(const char *cmd, const json_t *summary, const struct run *r,
    double timeout_s);

#endif
