/*
 * step-portfolio: add "portfolio" to the state: the strategies' legs netted per
 * instrument, risk parity on the Ledoit-Wolf covariance, conviction overlay,
 * volatility target, conflict dampening, regime scaling, the allocator's
 * constraints and the trades against the previous weights (docs/STRATEGIES.md).
 *
 * Reads: as_of, ingest.series, strategies.positions, aggregate.regime.score,
 *        aggregate.conflict_classes, config.portfolio.*, config.previous_weights,
 *        config.previous_portfolio_file (its as_of, portfolio.weights and
 *        portfolio.packages for portfolio.pnl).
 * Writes: portfolio (docs/STATE.md).
 * Exit: 0; 65 when the state is invalid or a field it reads is missing or
 *       malformed; 74 on a write error.
 */
#include <stdio.h>

#include <jansson.h>

#include "die.h"
#include "exitcodes.h"
#include "portfolio.h"
#include "state.h"

#define USAGE "step-portfolio [-h] < state.json > state.json\n"

int
main(int argc, char *argv[])
{
	json_t *state;

	prog_init("portfolio", argc, argv, USAGE);
	state = state_read(stdin);
	json_object_set_new(state, "portfolio", portfolio_compute(state));
	state_write(stdout, state);
	json_decref(state);
	return EXIT_OK;
}
