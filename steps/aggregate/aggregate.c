/*
 * The aggregation (docs/AGENTS.md "Aggregation"): per asset class, a weighted net
 * score of each agent's voting signal under the one direction convention of
 * docs/AGENTS.md, its direction and conflicts; the regime score scales every net
 * as a risk scale (it is not a vote) and is passed on for portfolio.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "aggregate.h"
#include "die.h"
#include "domain.h"
#include "exitcodes.h"
#include "field.h"
#include "state.h"

#define NCLASS 4
#define MAXAG 16
/* Risk scale: 1 up to a regime score of RISK_LO, linearly down to 1/2 at RISK_HI. */
#define RISK_LO 0.3
#define RISK_HI 0.7

static const char *const classes[NCLASS] = {"FIXED_INCOME", "FX", "EQUITY_INDEX",
    "COMMODITY"};

/*
 * Each agent votes with one signal, in the classes where its direction means the
 * same exposure (docs/AGENTS.md): weights of docs/MODELS.md §4.1 kept there, 0
 * where the reference mixed conventions.
 */
static const struct {
	const char *agent, *signal;
	double w[NCLASS];
} weights[] = {
	{"inflation_agent", "INFLATION_BR_COMPOSITE", {.25, 0, 0, 0}},
	{"monetary_agent", "MONETARY_BR_COMPOSITE", {.35, 0, .15, 0}},
	{"fiscal_agent", "FISCAL_BR_COMPOSITE", {.20, .15, .20, 0}},
	{"fx_agent", "FX_BR_COMPOSITE", {0, .40, 0, .30}},
	{"cross_asset_agent", "CROSSASSET_SENTIMENT", {0, .15, .45, .30}},
};

const char *
aggregate_vote_id(const char *agent)
{
	size_t i;

	for (i = 0; i < sizeof weights / sizeof weights[0]; i++)
		if (strcmp(weights[i].agent, agent) == 0)
			return weights[i].signal;
	return NULL;
}

double
aggregate_risk_scale(double regime)
{
	if (isnan(regime) || regime <= RISK_LO)
		return 1;
	return 1 - 0.5 * fmin(1, (regime - RISK_LO) / (RISK_HI - RISK_LO));
}

static const char *
dname(int d)
{
	return d > 0 ? "LONG" : d < 0 ? "SHORT" : "NEUTRAL";
}

static double
weight_of(const char *agent, int cls)
{
	size_t i;

	for (i = 0; i < sizeof weights / sizeof weights[0]; i++)
		if (strcmp(weights[i].agent, agent) == 0)
			return weights[i].w[cls];
	return 0;
}

static int
dir_of(double net)
{
	return net > 0.1 ? 1 : net < -0.1 ? -1 : 0;
}

/* One asset class; *nconf gets its number of conflicts. */
static json_t *
consensus(int cls, const struct pick *p, size_t n, double regime, size_t *nconf)
{
	json_t *contrib = json_array(), *conf = json_array(), *veto = json_null();
	double num = 0, den = 0, csum = 0, net, w, scale = aggregate_risk_scale(regime);
	size_t i, used = 0;
	char buf[160];
	int dir;

	for (i = 0; i < n; i++) {
		if ((w = weight_of(p[i].agent_id, cls)) <= 0)
			continue;
		num += p[i].dir * w * p[i].conf;
		den += w;
		csum += p[i].conf;
		used++;
		json_array_append_new(contrib, json_pack("{s:s, s:s, s:s, s:o, s:o}",
		    "agent_id", p[i].agent_id, "signal_id", p[i].signal_id,
		    "direction", dname(p[i].dir), "weight", json_real(w),
		    "confidence", json_real(p[i].conf)));
	}
	net = den > 0 ? fmax(-1, fmin(1, num / den)) : 0;
	dir = dir_of(net);
	for (i = 0; i < n; i++) {
		w = weight_of(p[i].agent_id, cls);
		if (w > 0.10 && p[i].dir != 0 && dir != 0 && p[i].dir != dir) {
			snprintf(buf, sizeof buf, "%s signals %s (weight=%.2f) vs net %s",
			    p[i].agent_id, dname(p[i].dir), w, dname(dir));
			json_array_append_new(conf, json_string(buf));
		}
	}
	*nconf = json_array_size(conf);
	if (scale < 1) {
		net *= scale;
		dir = dir_of(net);
		snprintf(buf, sizeof buf, "regime score %.2f above %.1f: net score scaled "
		    "by %.4f to %.4f", regime, RISK_LO, scale, net);
		veto = json_string(buf);
	}
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:b, s:o, s:b, s:o}",
	    "asset_class", classes[cls], "direction", dname(dir),
	    "net_score", jnum_round(net, 6),
	    "confidence", jnum_round(used ? csum / (double)used : 0, 6),
	    "risk_scale", jnum_round(scale, 6),
	    "contributing_agents", contrib, "conflicts_detected", *nconf > 0,
	    "conflicts", conf, "veto_applied", !json_is_null(veto),
	    "veto_details", veto);
}

/* {label, score, probabilities} from agents.regime (defaults when absent). */
static json_t *
regime_out(const json_t *state, double regime)
{
	const json_t *probs = field_get(state, "agents.regime.hmm.probabilities");
	const char *label = field_str_opt(state, "agents.regime.label", NULL);

	json_t *r;

	if (label == NULL)
		label = regime_label(regime);
	/*
	 * Portfolio scales by this score, so it must be a number: without a
	 * CROSSASSET_REGIME value the regime is treated as neutral, and said so.
	 */
	r = json_pack("{s:s, s:o, s:o, s:O}", "label", label,
	    "score", jnum_round(isnan(regime) ? 0 : regime, 6),
	    "risk_scale", jnum_round(aggregate_risk_scale(regime), 6),
	    "probabilities", json_is_object(probs) ? probs : json_object());
	if (isnan(regime))
		json_object_set_new(r, "warning", json_string("no CROSSASSET_REGIME "
		    "value: regime treated as neutral (score 0)"));
	return r;
}

json_t *
aggregate_compute(const json_t *state)
{
	struct pick p[MAXAG];
	json_t *cons = json_array(), *cc = json_array(), *reg;
	size_t n, nc, total = 0;
	double regime;
	char detail[64];
	int c;

	n = aggregate_picks(state, p, MAXAG, &regime);
	reg = regime_out(state, regime);
	for (c = 0; c < NCLASS; c++) {
		json_array_append_new(cons, consensus(c, p, n, regime, &nc));
		if (nc > 0)
			json_array_append_new(cc, json_string(classes[c]));
		total += nc;
	}
	snprintf(detail, sizeof detail, "4 asset classes, %zu conflicts", total);
	return json_pack("{s:o, s:o, s:o, s:{s:i, s:I, s:s}}", "consensus", cons,
	    "conflict_classes", cc, "regime", reg, "summary", "asset_classes", NCLASS,
	    "conflicts", (json_int_t)total, "detail", detail);
}
