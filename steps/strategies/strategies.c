/* The strategy table and the step's computation: run all eight, size, report. */
#include <math.h>
#include <string.h>

#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "instrument.h"
#include "state.h"
#include "strategies.h"

const struct strategy strategy_table[] = {
	{ "RATES_BR_01", "MONETARY_BR_TERM_PREMIUM", 21, 0.03, 0.08, rates_br_01 },
	{ "RATES_BR_02", "MONETARY_BR_TAYLOR", 63, 0.04, 0.10, rates_br_02 },
	{ "RATES_BR_03", "MONETARY_BR_SELIC_PATH", 63, 0.03, 0.06, rates_br_03 },
	{ "RATES_BR_04", "MONETARY_US_FED_STANCE", 21, 0.04, 0.08, rates_br_04 },
	{ "INF_BR_01", "INFLATION_BR_COMPOSITE", 63, 0.03, 0.06, inf_br_01 },
	{ "FX_BR_01", "FX_BR_COMPOSITE", 21, 0.05, 0.10, fx_br_01 },
	{ "CUPOM_01", "FX_BR_CIP_BASIS", 63, 0.03, 0.06, cupom_01 },
	{ "SOV_BR_01", "FISCAL_BR_COMPOSITE", 63, 0.05, 0.12, sov_br_01 },
};
const size_t n_strategies = sizeof strategy_table / sizeof strategy_table[0];

static const char *const status_names[] = { "position", "no_position", "no_data" };

/* Strength from confidence and its weight multiplier (docs/MODELS.md conventions). */
static const char *
strength_of(double conf, double *mult)
{
	if (conf >= 0.75)
		return *mult = 1.0, "STRONG";
	if (conf >= 0.50)
		return *mult = 0.6, "MODERATE";
	if (conf >= 0.25)
		return *mult = 0.3, "WEAK";
	return *mult = 0, "NO_SIGNAL";
}

/* Borrowed: the agents' signal `id` when present and not NO_SIGNAL, else NULL. */
static const json_t *
agent_signal(const json_t *reports, const char *id)
{
	const json_t *rep, *sig;
	size_t i, j;

	json_array_foreach(reports, i, rep) {
		json_array_foreach(json_object_get(rep, "signals"), j, sig) {
			const char *sid = json_string_value(json_object_get(sig, "signal_id"));
			const char *st = json_string_value(json_object_get(sig, "strength"));

			if (sid && strcmp(sid, id) == 0)
				return st && strcmp(st, "NO_SIGNAL") == 0 ? NULL : sig;
		}
	}
	return NULL;
}

/* New reference: one sized position. */
static json_t *
position_json(const struct sctx *c, const struct strategy *s, const struct spos *p,
    double weight, const char *strength, const char *entry, json_t *inputs)
{
	const struct instrument *in = instrument_find(p->legs[0].instrument);
	json_t *j = json_object(), *legs = json_array();
	double gain = p->dir * p->gain_sign, lvl = p->level;
	double sl = sparam(c, "stop_loss_pct", s->stop_loss);
	double tp = sparam(c, "take_profit_pct", s->take_profit);
	size_t i;

	for (i = 0; i < p->nlegs; i++) {
		json_t *l = json_object();

		json_object_set_new(l, "instrument", json_string(p->legs[i].instrument));
		json_object_set_new(l, "weight", jnum(p->legs[i].w * weight));
		json_array_append_new(legs, l);
	}
	json_object_set_new(j, "strategy_id", json_string(s->id));
	json_object_set_new(j, "instrument", json_string(p->instrument));
	json_object_set_new(j, "legs", legs);
	json_object_set_new(j, "direction", json_string(p->dir > 0 ? "LONG" : "SHORT"));
	json_object_set_new(j, "weight", jnum(weight));
	json_object_set_new(j, "confidence", jnum(p->confidence));
	json_object_set_new(j, "strength", json_string(strength));
	json_object_set_new(j, "asset_class", json_string(asset_class_name(in ?
	    in->asset_class : AC_COUNT)));
	json_object_set_new(j, "entry_signal", json_string(entry));
	json_object_set_new(j, "entry_level", jnum(lvl));
	json_object_set_new(j, "stop_loss", jnum(lvl - gain * sl * fabs(lvl)));
	json_object_set_new(j, "take_profit", jnum(lvl + gain * tp * fabs(lvl)));
	json_object_set_new(j, "horizon_days", json_integer((json_int_t)
	    sparam(c, "horizon_days", s->horizon)));
	json_object_set_new(j, "inputs", json_incref(inputs));
	return j;
}

/* Size r's positions into `positions`; returns how many were added. */
static size_t
emit(const struct sctx *c, const struct strategy *s, struct sres *r, const json_t *reports,
    json_t *positions)
{
	double maxpos = sparam(c, "max_position", 1.0), mult, w;
	const json_t *sig = agent_signal(reports, s->signal);
	const char *strength, *entry = sig ? s->signal : s->id;
	size_t i, added = 0;

	if (sig != NULL)
		json_object_set_new(r->inputs, "agent_signal", json_pack("{s:s,s:O,s:O}",
		    "signal_id", s->signal, "direction", json_object_get(sig, "direction"),
		    "confidence", json_object_get(sig, "confidence")));
	for (i = 0; i < r->npos; i++) {
		strength = strength_of(r->pos[i].confidence, &mult);
		w = fmin(maxpos, mult * r->pos[i].confidence * maxpos * r->pos[i].scale);
		if (!(w > 0))
			continue;
		json_array_append_new(positions, position_json(c, s, &r->pos[i],
		    r->pos[i].dir * w, strength, entry, r->inputs));
		added++;
	}
	if (added == 0 && r->status == ST_POSITION) {
		char why[sizeof r->reason];

		memcpy(why, r->reason, sizeof why);
		sres_set(r, ST_NO_POSITION, "%s; confidence %.3f is NO_SIGNAL (below 0.25)",
		    why, r->pos[0].confidence);
	}
	return added;
}

static json_t *
diagnostic(const struct strategy *s, const struct sres *r)
{
	return json_pack("{s:s,s:s,s:s,s:O}", "strategy_id", s->id, "status",
	    status_names[r->status], "reason", r->reason, "inputs", r->inputs);
}

json_t *
strategies_compute(const json_t *state)
{
	struct dataset ds;
	struct sctx c = { 0 };
	const json_t *reports;
	json_t *out, *positions = json_array(), *diags = json_array();
	size_t i, npos = 0;
	char detail[64];

	field_obj(state, "aggregate");
	c.regime_score = field_num(state, "aggregate.regime.score");
	reports = field_arr(state, "agents.reports");
	if (dataset_load(&ds, state) < 0)
		die(EXIT_DATAERR, "unusable 'ingest.series'");
	c.state = state;
	c.ds = &ds;
	c.as_of = ds.as_of;
	for (i = 0; i < n_strategies; i++) {
		struct sres r = { 0 };

		c.id = strategy_table[i].id;
		r.inputs = json_object();
		strategy_table[i].run(&c, &r);
		if (r.status == ST_POSITION)
			npos += emit(&c, &strategy_table[i], &r, reports, positions);
		json_array_append_new(diags, diagnostic(&strategy_table[i], &r));
		json_decref(r.inputs);
	}
	dataset_release(&ds);
	snprintf(detail, sizeof detail, "%zu strategies, %zu positions", n_strategies, npos);
	out = json_pack("{s:o,s:o,s:{s:i,s:i,s:s}}", "positions", positions, "diagnostics",
	    diags, "summary", "strategies", (int)n_strategies, "positions", (int)npos,
	    "detail", detail);
	return out;
}
