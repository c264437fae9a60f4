/* Where the prices come from (docs/ORCHESTRATOR.md "Data source"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "die.h"
#include "prov.h"
#include "run.h"

static const char *
env(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : NULL;
}

char *
prov_label(int require_real)
{
	const char *cat = env("DAILY_CATALOGUE"), *root = env("DAILY_DATA_ROOT");

	if (cat == NULL && root != NULL) {
		error("DAILY_DATA_ROOT is set ('%s') but DAILY_CATALOGUE is not: the "
		    "run would ignore it and use the synthetic default; set "
		    "DAILY_CATALOGUE (e.g. data/catalogue-research.tsv)", root);
		return NULL;
	}
	if (cat == NULL && require_real) {
		error("--require-real: DAILY_CATALOGUE is not set, so the run would "
		    "use the synthetic default catalogue");
		return NULL;
	}
	if (cat == NULL)
		return xasprintf("synthetic default catalogue");
	if (root == NULL)
		return xasprintf("catalogue %s", cat);
	return xasprintf("catalogue %s, data root %s", cat, root);
}

char *
prov_from_ingest(const json_t *sources, const json_t *catalogue)
{
	const char *cat = json_is_string(catalogue) ?
	    json_string_value(catalogue) : "?", *root = env("DAILY_DATA_ROOT");
	const json_t *s, *k, *seed = NULL;
	size_t i, files = 0;
	int synth = 0;

	if (!json_is_array(sources))
		return NULL;
	json_array_foreach(sources, i, s) {
		k = json_object_get(s, "kind");
		if (!json_is_string(k))
			continue;
		if (strcmp(json_string_value(k), "synthetic") == 0) {
			synth = 1;
			seed = json_object_get(s, "seed");
		} else if (strcmp(json_string_value(k), "monthly_sum") != 0 &&
		    strcmp(json_string_value(k), "monthly_mean") != 0) {
			files++;
		}
	}
	if (synth && files == 0)
		return json_is_integer(seed) ? xasprintf("synthetic, seed %"
		    JSON_INTEGER_FORMAT "; catalogue %s", json_integer_value(seed),
		    cat) : xasprintf("synthetic; catalogue %s", cat);
	return xasprintf("%s%zu file%s; catalogue %s%s%s", synth ?
	    "synthetic and " : "", files, files == 1 ? "" : "s", cat,
	    root ? ", data root " : "", root ? root : "");
}
