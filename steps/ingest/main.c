/*
 * ingest: add "ingest" to the state: every series of the catalogue, point in time.
 *
 * Reads as_of and, optionally, config.catalogue and config.ingest.{lookback_days,
 * lookback_years, lookback_weekly_years, seed} (defaults: docs/CONFIG.md). The
 * catalogue is DAILY_CATALOGUE, else config.catalogue, else data/catalogue.tsv
 * beside the programs (in the tree or installed); file sources are read under
 * DAILY_DATA_ROOT, else the catalogue's "#! data_root=" directive, else its
 * directory. Writes ingest.{as_of, series, instruments, sources, catalogue,
 * summary} (docs/STATE.md, docs/DATA.md).
 *
 * Exit codes: 0; 65 bad state, as_of before the data, malformed data file; 74 an
 * unreadable data or catalogue file; 78 a malformed catalogue or unknown source, or a
 * bad or unknown config.ingest key (docs/CONFIG.md).
 */

#include <jansson.h>

#include "ingest.h"
#include "step.h"

/* The sections it reads besides as_of, config, dry_run and run_id (common/step.h). */
STEP_MAIN("ingest", ingest_compute, "ingest")
