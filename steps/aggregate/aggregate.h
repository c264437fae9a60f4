/* step-aggregate internals: the signal aggregation (docs/AGENTS.md). */
#ifndef AGGREGATE_H
#define AGGREGATE_H

#include <jansson.h>

/* One agent's chosen signal. */
struct pick {
	const char *agent_id, *signal_id;
	int dir;		/* +1, -1, 0 */
	double conf;
};

/*
 * Validate agents.reports and choose each agent's voting signal
 * (aggregate_vote_id; an agent without one, or without that signal, is left out); dies EXIT_DATAERR naming the bad path. Returns how many, at
 * most max; *regime_value gets CROSSASSET_REGIME's value (NAN when absent).
 */
size_t aggregate_picks(const json_t *state, struct pick *p, size_t max,
    double *regime_value);
/* The signal agent votes with (docs/AGENTS.md), NULL for an agent without weights. */
const char *aggregate_vote_id(const char *agent);
/* 1 up to a regime score of 0.3, linearly to 0.5 at 0.7 and above (NAN: 1). */
double aggregate_risk_scale(double regime);
/* The "aggregate" section (new reference). */
json_t *aggregate_compute(const json_t *state);

#endif
