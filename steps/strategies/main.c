/*
 * step-strategies: add "strategies" to the state: the eight strategies of
 * docs/MODELS.md 5.2 (docs/STRATEGIES.md), their positions as legs of the
 * instruments of common/instrument.h, and one diagnostics entry per strategy.
 *
 * Reads: as_of, ingest.series, agents.reports (entry signals),
 *        aggregate.regime.score (FX_BR_01), config.strategies.<ID>.<param>, and
 *        the previous run's strategies.packages and strategies.cooldowns from the
 *        file config.previous_portfolio_file (docs/STRATEGIES.md "Position lifecycle").
 * Writes: strategies.positions, strategies.packages, strategies.cooldowns,
 *         strategies.diagnostics, strategies.summary.
 * Exit: 0; 65 when the state or the previous run's file is invalid or a field it
 *       reads is missing; 74 on a write error.
 */
#include <stdio.h>

#include <jansson.h>

#include "die.h"
#include "exitcodes.h"
#include "state.h"
#include "strategies.h"

#define USAGE "step-strategies [-h] < state.json > state.json\n"

int
main(int argc, char *argv[])
{
	json_t *state, *strategies;

	prog_init("strategies", argc, argv, USAGE);
	state = state_read(stdin);
	strategies = strategies_compute(state);
	json_object_set_new(state, "strategies", strategies);
	state_write(stdout, state);
	json_decref(state);
	return EXIT_OK;
}
