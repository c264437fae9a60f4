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
 *       malformed; 74 on a write error; 78 a bad or unknown config.portfolio key or
 *       a bad config.previous_weights (docs/CONFIG.md).
 */

#include <jansson.h>

#include "portfolio.h"
#include "step.h"

/* The sections it reads besides as_of, config, dry_run and run_id (common/step.h). */
STEP_MAIN("portfolio", portfolio_compute, "ingest", "agents", "aggregate", "strategies", "portfolio")
