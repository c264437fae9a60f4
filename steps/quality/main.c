/*
 * quality: add "quality" to the state: checks of the ingested data and a score.
 *
 * Reads as_of, ingest.series and ingest.catalogue (the catalogue ingest used, for
 * frequencies, publication lags and valid ranges; without it only the series
 * present are checked and no ranges apply). Checks: staleness against as_of (D 5,
 * W 12, M 50, Q 120 days; publication date for M and Q), gaps, range, outliers
 * (|z| > 5 on daily changes), point-in-time violations, curve integrity. Score as
 * docs/MODELS.md §8 (absent series weigh half a stale one), then capped by the gate
 * (critical series stale, share of the catalogue absent); writes quality.{score,
 * status, checks, series, summary} (docs/STATE.md, docs/DATA.md).
 *
 * Exit codes: 0 PASS or WARN; 1 FAIL (a one-line reason, nothing on stdout); 65 bad
 * state; 74 unreadable catalogue; 78 malformed catalogue.
 */

#include <jansson.h>

#include "die.h"
#include "exitcodes.h"
#include "quality.h"
#include "step.h"

/* FAIL is exit 1 with its one-line reason and nothing on stdout. */
static json_t *
compute(const json_t *state)
{
	char why[512];
	json_t *quality = quality_compute(state, why, sizeof(why));

	if (quality == NULL)
		die(EXIT_NOGO, "data quality %s", why);
	return quality;
}

/* The sections it reads besides as_of, config, dry_run and run_id (common/step.h). */
STEP_MAIN("quality", compute, "ingest", "quality")
