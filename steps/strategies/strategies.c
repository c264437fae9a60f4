/* The strategy table and the step: run all eight, size, carry the packages, report. */
#include <math.h>
#include <string.h>

#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "instrument.h"
#include "state.h"
#include "strategies.h"

/* Horizons, stops and targets: config.strategies.<ID>.* (common/conf_keys.c). */
const struct strategy strategy_table[] = {
	{ "RATES_BR_01", "MONETARY_BR_TERM_PREMIUM", rates_br_01 },
	{ "RATES_BR_02", "MONETARY_BR_TAYLOR", rates_br_02 },
	{ "RATES_BR_03", "MONETARY_BR_SELIC_PATH", rates_br_03 },
	{ "RATES_BR_04", "MONETARY_US_FED_STANCE", rates_br_04 },
	{ "INF_BR_01", "INFLATION_BR_COMPOSITE", inf_br_01 },
	{ "FX_BR_01", "FX_BR_COMPOSITE", fx_br_01 },
	{ "CUPOM_01", "FX_BR_CIP_BASIS", cupom_01 },
	{ "SOV_BR_01", "FISCAL_BR_COMPOSITE", sov_br_01 },
};
const size_t n_strategies = sizeof strategy_table / sizeof strategy_table[0];

static const char *const status_names[] = { "position", "no_position", "no_data" };

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

/* Size r's positions into candidates (at most 2); returns how many. */
static size_t
candidates(const struct sctx *c, const struct strategy *s, struct sres *r,
    const json_t *reports, struct lc_cand *out)
{
	double maxpos = sparam(c, "max_position"), mult, w;
	const json_t *sig = agent_signal(reports, s->signal);
	size_t i, n = 0;

	if (sig != NULL)
		json_object_set_new(r->inputs, "agent_signal", json_pack("{s:s,s:O,s:O}",
		    "signal_id", s->signal, "direction", json_object_get(sig, "direction"),
		    "confidence", json_object_get(sig, "confidence")));
	for (i = 0; i < r->npos && i < 2; i++) {
		out[n].strength = strength_of(r->pos[i].confidence);
		mult = strength_mult(out[n].strength);
		w = fmin(maxpos, mult * r->pos[i].confidence * maxpos * r->pos[i].scale);
		if (!(w > 0))
			continue;
		out[n].p = r->pos[i];
		out[n].weight = r->pos[i].dir * w;
		out[n].entry_signal = sig ? s->signal : s->id;
		n++;
	}
	if (n == 0 && r->status == ST_POSITION) {
		char why[sizeof r->reason];

		memcpy(why, r->reason, sizeof why);
		sres_set(r, ST_NO_POSITION, "%s; confidence %.3f is NO_SIGNAL (below 0.25)",
		    why, r->pos[0].confidence);
	}
	return n;
}

/* One diagnostics entry; "direction": today's signal (first position), else null. */
static json_t *
diagnostic(const struct strategy *s, const struct sres *r, json_t *notes)
{
	return json_pack("{s:s,s:s,s:s,s:O,s:o,s:o}", "strategy_id", s->id, "status",
	    status_names[r->status], "reason", r->reason, "inputs", r->inputs, "lifecycle",
	    notes, "direction", r->status != ST_POSITION ? json_null() :
	    json_string(r->pos[0].dir > 0 ? "LONG" : "SHORT"));
}

/* "strategies.summary": counts, detail, and where the lifecycle came from. */
static json_t *
summary(const struct lc_book *b, const struct lc_out *o)
{
	char detail[96];
	size_t npos = o->opened + o->held;

	snprintf(detail, sizeof detail, "%zu strategies, %zu strategy positions", n_strategies,
	    npos);
	return json_pack("{s:i,s:i,s:s,s:{s:i,s:i,s:i,s:i},s:s}", "strategies",
	    (int)n_strategies, "positions", (int)npos, "detail", detail, "packages",
	    "opened", (int)o->opened, "held", (int)o->held, "closed", (int)o->closed,
	    "blocked", (int)o->blocked, "lifecycle", b->note);
}

json_t *
strategies_compute(const json_t *state)
{
	static struct lc_book book;	/* about 40 KB: not on the stack */
	struct lc_out o = { 0 };
	struct dataset ds;
	struct sctx c = { 0 };
	struct lc_cand cands[2];
	const json_t *reports;
	json_t *out, *diags = json_array(), *notes;
	size_t i, n;

	field_obj(state, "aggregate");
	c.regime_score = field_num(state, "aggregate.regime.score");
	reports = field_arr(state, "agents.reports");
	if (dataset_load(&ds, state) < 0)
		die(EXIT_DATAERR, "unusable 'ingest.series'");
	c.state = state;
	c.ds = &ds;
	c.as_of = ds.as_of;
	lc_book_load(&book, state, c.as_of);
	o.positions = json_array();
	o.packages = json_array();
	for (i = 0; i < n_strategies; i++) {
		struct sres r = { 0 };

		c.id = strategy_table[i].id;
		r.inputs = json_object();
		strategy_table[i].run(&c, &r);
		n = r.status == ST_POSITION ? candidates(&c, &strategy_table[i], &r, reports,
		    cands) : 0;
		notes = json_array();
		lifecycle_strategy(&book, &c, &strategy_table[i], cands, n, r.inputs, &o, notes);
		json_array_append_new(diags, diagnostic(&strategy_table[i], &r, notes));
		json_decref(r.inputs);
	}
	out = json_pack("{s:o,s:o,s:o,s:o,s:o}", "positions", o.positions, "packages",
	    o.packages, "cooldowns", lc_book_cooldowns(&book, c.as_of), "diagnostics", diags,
	    "summary", summary(&book, &o));
	dataset_release(&ds);
	return out;
}
