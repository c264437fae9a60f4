/*
 * agents_compute: run the five agents on the state and build the "agents" section;
 * agents_step: the same for the step, dying on a bad state.
 */
#include <string.h>

#include "agents.h"
#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "state.h"

json_t *
agents_compute(const json_t *state)
{
	struct dataset ds;
	struct actx c;
	struct report r[5];
	json_t *reports, *regime = NULL, *out;
	size_t i, j, nsig = 0, active = 0;

	if (dataset_load(&ds, state) != 0)
		return NULL;
	c.ds = &ds;
	c.as_of = ds.as_of;
	date_format(ds.as_of, c.as_of_s);
	memset(r, 0, sizeof r);
	inflation_agent(&c, &r[0]);
	monetary_agent(&c, &r[1]);
	fiscal_agent(&c, &r[2]);
	fx_agent(&c, &r[3]);
	cross_asset_agent(&c, &r[4], &regime);
	reports = json_array();
	for (i = 0; i < 5; i++) {
		json_array_append_new(reports, report_json(&r[i], &c));
		for (j = 0; j < r[i].n; j++) {
			nsig++;
			active += (size_t)sig_active(&r[i].sig[j]);
			sig_release(&r[i].sig[j]);
		}
	}
	out = json_pack("{s:o, s:o, s:{s:i, s:I, s:I, s:s+}}", "reports", reports,
	    "regime", regime, "summary", "agents", 5, "signals", (json_int_t)nsig,
	    "active", (json_int_t)active, "detail", "5 agents, ",
	    nsig == 23 ? "23 signals" : "signals");
	dataset_release(&ds);
	return out;
}

json_t *
agents_step(const json_t *state)
{
	json_t *agents;

	(void)field_obj(state, "ingest.series");	/* dies naming the path */
	if ((agents = agents_compute(state)) == NULL)
		die(EXIT_DATAERR, "cannot read the state's series");
	return agents;
}
