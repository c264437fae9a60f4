/*
 * step-aggregate: add "aggregate" to the state: one consensus per asset class
 * (FIXED_INCOME, FX, EQUITY_INDEX, COMMODITY) from each agent's voting signal
 * (docs/AGENTS.md): weighted net score, direction (|net| > 0.1), confidence,
 * contributors, conflicts, the regime's risk scale (1 up to a score of 0.3, 1/2
 * from 0.7); conflict_classes and the regime {label, score, risk_scale,
 * probabilities} for portfolio. Reads agents.reports and agents.regime.
 * Exit: 0 ok; 65 invalid state or missing/malformed agents.reports; 74 write error.
 */

#include "aggregate.h"
#include "field.h"
#include "step.h"

static json_t *
compute(const json_t *state)
{
	(void)state_as_of(state);	/* a missing or invalid as_of is exit 65 */
	return aggregate_compute(state);
}

/* The sections it reads besides as_of, config, dry_run and run_id (common/step.h). */
STEP_MAIN("aggregate", compute, "agents", "aggregate")
