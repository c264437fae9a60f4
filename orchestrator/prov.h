/*
 * Data provenance (docs/ORCHESTRATOR.md "Data source"): where the run's prices
 * come from, for the console header, the run row and --require-real.
 */
#ifndef PROV_H
#define PROV_H

#include <jansson.h>

/*
 * The source the environment selects, as a new label ("synthetic default
 * catalogue", "catalogue FILE, data root DIR"), or NULL after error() when
 * DAILY_DATA_ROOT is set without DAILY_CATALOGUE, or require_real is set and
 * the synthetic default would be used.
 */
char *prov_label(int require_real);
/*
 * The label from ingest's own record (ingest.sources and ingest.catalogue of
 * its output): "synthetic, seed 20050103; catalogue FILE" or "N files;
 * catalogue FILE[, data root DIR]". A new string, or NULL when sources is not
 * an array.
 */
char *prov_from_ingest(const json_t *sources, const json_t *catalogue);

#endif
