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

/* The sections this step reads (common/step.h); the others pass through. */
static const char *const reads[] = { "as_of", "config", "dry_run", "run_id", "ingest", "agents", NULL };

int
main(int argc, char *argv[])
{
	static const struct step step = { .name = "agents", .compute = agents_step,
	    .reads = reads };

	step_main(&step, argc, argv);
}
