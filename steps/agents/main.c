/*
 * step-agents: add "agents" to the state: the five analytical agents' reports
 * (23 signals: inflation 6, monetary 5, fiscal 4, fx 5, cross-asset 3), each with
 * direction, strength, confidence, value, horizon and metadata, a narrative per
 * agent, and the macro regime (CROSSASSET_REGIME score and label, Gaussian-HMM
 * probabilities). Reads as_of and ingest.series; formulas in docs/AGENTS.md.
 * Missing or short inputs give NO_SIGNAL with metadata.reason, never a failure.
 * Exit: 0 ok; 65 invalid state or missing/malformed ingest.series; 74 write error.
 */

#include "agents.h"
#include "step.h"

/* The sections it reads besides as_of, config, dry_run and run_id (common/step.h). */
STEP_MAIN("agents", agents_step, "ingest", "agents")
