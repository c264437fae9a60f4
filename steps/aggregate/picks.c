/* Read and validate agents.reports; choose each agent's voting signal (docs/AGENTS.md). */
#include <math.h>
#include <string.h>

#include "aggregate.h"
#include "die.h"
#include "exitcodes.h"
#include "field.h"

static int
parse_dir(const char *s)
{
	if (strcmp(s, "LONG") == 0)
		return 1;
	if (strcmp(s, "SHORT") == 0)
		return -1;
	if (strcmp(s, "NEUTRAL") == 0)
		return 0;
	return 2;
}

/* Check one signal; dies naming agents.reports[i].signals[j].<field>. */
static void
check_signal(const json_t *sig, size_t i, size_t j)
{
	const json_t *id = json_object_get(sig, "signal_id");
	const json_t *dir = json_object_get(sig, "direction");
	const json_t *conf = json_object_get(sig, "confidence");

	if (!json_is_string(id))
		die(EXIT_DATAERR, "missing field 'agents.reports[%zu].signals[%zu].signal_id'",
		    i, j);
	if (!json_is_string(dir) || parse_dir(json_string_value(dir)) == 2)
		die(EXIT_DATAERR, "field 'agents.reports[%zu].signals[%zu].direction' "
		    "is not LONG, SHORT or NEUTRAL", i, j);
	if (!json_is_number(conf) || json_number_value(conf) < 0 ||
	    json_number_value(conf) > 1)
		die(EXIT_DATAERR, "field 'agents.reports[%zu].signals[%zu].confidence' "
		    "is not a number in [0, 1]", i, j);
}

static void
take(struct pick *p, const char *agent, const json_t *sig)
{
	p->agent_id = agent;
	p->signal_id = json_string_value(json_object_get(sig, "signal_id"));
	p->dir = parse_dir(json_string_value(json_object_get(sig, "direction")));
	p->conf = json_number_value(json_object_get(sig, "confidence"));
}

size_t
aggregate_picks(const json_t *state, struct pick *p, size_t max, double *regime_value)
{
	const json_t *reports = field_arr(state, "agents.reports"), *r, *sigs, *s, *v;
	size_t i, j, n = 0;
	const char *agent, *vote;

	*regime_value = NAN;
	json_array_foreach(reports, i, r) {
		if (!json_is_string(json_object_get(r, "agent_id")))
			die(EXIT_DATAERR, "missing field 'agents.reports[%zu].agent_id'", i);
		agent = json_string_value(json_object_get(r, "agent_id"));
		sigs = json_object_get(r, "signals");
		if (!json_is_array(sigs))
			die(EXIT_DATAERR, "missing field 'agents.reports[%zu].signals'", i);
		json_array_foreach(sigs, j, s) {
			check_signal(s, i, j);
			if (strcmp(json_string_value(json_object_get(s, "signal_id")),
			    "CROSSASSET_REGIME") == 0 &&
			    json_is_number(v = json_object_get(s, "value")))
				*regime_value = json_number_value(v);
		}
		vote = aggregate_vote_id(agent);
		if (vote == NULL || n == max)
			continue;
		json_array_foreach(sigs, j, s)
			if (strcmp(json_string_value(json_object_get(s, "signal_id")),
			    vote) == 0) {
				take(&p[n++], agent, s);
				break;
			}
	}
	return n;
}
