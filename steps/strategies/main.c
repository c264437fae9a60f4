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
 *       reads is missing; 74 on a write error; 78 a bad or unknown
 *       config.strategies key (docs/CONFIG.md).
 */

#include <jansson.h>

#include "strategies.h"
#include "step.h"

/* The sections it reads besides as_of, config, dry_run and run_id (common/step.h). */
STEP_MAIN("strategies", strategies_compute, "ingest", "agents", "aggregate", "strategies")
