/*
 * step-risk: add "risk" to the state from "portfolio.weights" and the instrument
 * returns of "ingest.series" (or "config.risk.returns_matrix").
 *
 * Adds risk.{window, observations, dropped_rows, returns, covariance, var
 * {historical, parametric, monte_carlo}, decomposition, stress, drawdown (the
 * hypothetical back-cast), track_record, limits, circuit_breaker, risk_level,
 * alerts, notes, summary} (docs/STATE.md, docs/RISK.md).
 * Reads config.risk.{window, min_historical_obs, mc_draws, seed, reverse_stress_loss,
 * half_life, realised_drawdown, backtest_window, limits.<name>, returns_matrix} (types,
 * ranges and defaults: common/conf_keys.c, docs/CONFIG.md), config.portfolio.nav,
 * config.track_record, portfolio.pnl.total.
 * Exit: 0; 65 bad or missing input (e.g. 'portfolio.weights'); 78 bad config.risk
 * (an unknown key, a wrong type, a value out of range, a malformed returns_matrix or
 * config.track_record); 74 write error.
 */

#include <gsl/gsl_errno.h>
#include <jansson.h>

#include "risk.h"
#include "step.h"

/* GSL's errors are return codes here: a non-PD matrix is handled, not fatal. */
static json_t *
compute(const json_t *state)
{
	gsl_set_error_handler_off();
	return risk_compute(state);
}

/* The sections it reads besides as_of, config, dry_run and run_id (common/step.h). */
STEP_MAIN("risk", compute, "ingest", "aggregate", "strategies", "portfolio", "risk")
