/*
 * step-aggregate: add "aggregate" to the state: one consensus per asset class
 * (FIXED_INCOME, FX, EQUITY_INDEX, COMMODITY) from each agent's composite signal
 * (REFERENCE_SPEC.md §4.1): weighted net score, direction (|net| > 0.1),
 * confidence, contributors, conflicts, the bilateral regime veto (|regime| > 0.7
 * halves the net score); conflict_classes and the regime {label, score,
 * probabilities} for portfolio. Reads agents.reports and agents.regime.
 * Exit: 0 ok; 65 invalid state or missing/malformed agents.reports; 74 write error.
 */
#include <stdio.h>

#include "aggregate.h"
#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "state.h"

#define USAGE "usage: step-aggregate [-h] < state.json > state.json\n"

int
main(int argc, char *argv[])
{
	json_t *state;

	prog_init("aggregate", argc, argv, USAGE);
	state = state_read(stdin);
	(void)state_as_of(state);	/* a missing or invalid as_of is exit 65 */
	json_object_set_new(state, "aggregate", aggregate_compute(state));
	state_write(stdout, state);
	json_decref(state);
	return EXIT_OK;
}
