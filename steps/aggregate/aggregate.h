/* step-aggregate internals: the v1 signal aggregation (docs/MODELS.md §4.1). */
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
 * Validate agents.reports and choose each agent's signal (the first *_COMPOSITE,
 * else the first); dies EXIT_DATAERR naming the bad path. Returns how many, at
 * most max; *regime_value gets CROSSASSET_REGIME's value (NAN when absent).
 */
size_t aggregate_picks(const json_t *state, struct pick *p, size_t max,
    double *regime_value);
/* The "aggregate" section (new reference). */
json_t *aggregate_compute(const json_t *state);

#endif
