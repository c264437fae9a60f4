/* The portfolio section: configuration, the pipeline in order, and its report. */
#include <math.h>
#include <stdio.h>

#include "conf.h"
#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "portfolio.h"
#include "riskcov.h"
#include "state.h"

/* The caps by kind, in ins_kind order: config.portfolio.<key>.<kind>. */
static void
conf_kinds(const json_t *state, const char *key, double *out)
{
	char k[96];
	int i;

	for (i = 0; i < IK_COUNT; i++) {
		snprintf(k, sizeof k, "portfolio.%s.%s", key, ins_kind_name((enum ins_kind)i));
		out[i] = conf_num(state, k);
	}
}

/* config.portfolio.*: values and defaults from the table (common/conf_keys.c). */
void
pconf_read(struct pconf *pc, const json_t *state)
{
	pc->nav = conf_num(state, "portfolio.nav");
	conf_kinds(state, "max_notional", pc->max_notional);
	conf_kinds(state, "max_class_notional", pc->max_class);
	pc->max_gross = conf_num(state, "portfolio.max_leverage");
	pc->max_risk_share = conf_num(state, "portfolio.max_risk_share");
	pc->drift_threshold = conf_num(state, "portfolio.drift_threshold");
	pc->min_trade = conf_num(state, "portfolio.min_trade");
	pc->conflict_dampening = fmin(0.7, fmax(0.5,
	    conf_num(state, "portfolio.conflict_dampening")));
	pc->target_vol = conf_num(state, "portfolio.target_vol");
	pc->half_life = conf_num(state, "portfolio.half_life");
	pc->min_obs = (long)conf_int(state, "portfolio.min_observations");
	pc->window = (long)conf_int(state, "portfolio.window");
	pc->budgets = conf_value(state, "portfolio.budgets");
}

static json_t *
lines_json(const struct book *b)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n_instruments; i++) {
		const struct line *ln = &b->l[i];

		if (!ln->active)
			continue;
		json_array_append_new(a, json_pack("{s:s,s:s,s:o,s:o,s:O,s:b}",
		    "instrument", instruments[i].id, "asset_class",
		    asset_class_name(instruments[i].asset_class), "net_raw", jnum(ln->net),
		    "weight", jnum(ln->w), "contributors", ln->contributors,
		    "conflict_dampened", ln->dampened));
	}
	return a;
}

static json_t *
packages_json(const struct book *b)
{
	json_t *a = json_array(), *legs;
	size_t p;
	int j;

	for (p = 0; p < b->np; p++) {
		const struct pkg *k = &b->p[p];

		legs = json_array();
		for (j = 0; j < k->nleg; j++)
			json_array_append_new(legs, json_pack("{s:s,s:o,s:o}", "instrument",
			    instruments[k->ins[j]].id, "ratio", jnum(k->leg[j]), "weight",
			    jnum(k->leg[j] * k->size)));
		json_array_append_new(a, json_pack("{s:s,s:o,s:o,s:o,s:b,s:o,s:o,s:o,s:i}",
		    "strategy_id", k->sid, "legs", legs, "conviction", jnum(k->conv),
		    "budget", jnum(k->budget), "dampened", k->dampened, "allocator_size",
		    jnum(k->erc), "size", jnum(k->size), "risk_share", jnum(k->risk_share),
		    "group", k->group));
	}
	return a;
}

/* Leverage and exposures of the final weights into out; returns the gross. */
static double
exposures(json_t *out, const json_t *weights)
{
	double g = 0, net = 0, lng = 0, sht = 0, cls[AC_COUNT + 1] = { 0 };
	const struct instrument *in;
	const char *k;
	json_t *v, *ac = json_object();
	int i;

	json_object_foreach((json_t *)weights, k, v) {
		double w = json_number_value(v);

		g += fabs(w);
		net += w;
		if (w > 0)
			lng += w;
		else
			sht -= w;
		in = instrument_find(k);
		cls[in ? in->asset_class : AC_COUNT] += fabs(w);
	}
	for (i = 0; i < AC_COUNT; i++)
		json_object_set_new(ac, asset_class_name((enum asset_class)i), jnum(cls[i]));
	if (cls[AC_COUNT] > 0)
		json_object_set_new(ac, "UNCLASSIFIED", jnum(cls[AC_COUNT]));
	json_object_set_new(out, "gross_leverage", jnum(g));
	json_object_set_new(out, "net_leverage", jnum(net));
	json_object_set_new(out, "long_exposure", jnum(lng));
	json_object_set_new(out, "short_exposure", jnum(sht));
	json_object_set_new(out, "asset_class_exposure", ac);
	return g;
}

static json_t *
sizing_json(const struct book *b, const struct pconf *pc)
{
	return json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "method",
	    pc->target_vol > 0 && b->pcov != NULL ? "target_vol" : "unit_gross",
	    "target_vol", jnum(pc->target_vol), "budget_kept", jnum(b->kept),
	    "target", jnum(b->target),
	    "scale", jnum(b->vol_scale), "vol_sized", jnum(b->vol_sized),
	    "vol_dampened", jnum(b->vol_dampened), "ex_ante_vol", jnum(b->ex_ante_vol),
	    "conflict_dampening", jnum(pc->conflict_dampening));
}

/*
 * "4 strategy positions -> 3 instruments, leverage 5.82x": what came in, the
 * instruments with a non-zero weight (report.summary.position_count counts the
 * same) and the gross leverage as daily_run prints it (common/domain.h).
 */
static json_t *
summary_json(const json_t *state, const json_t *weights, double gross)
{
	size_t npos = json_array_size(field_arr(state, "strategies.positions")), ninst = 0;
	char detail[96], lev[32];
	const char *k;
	json_t *v;

	json_object_foreach((json_t *)weights, k, v)
		ninst += json_number_value(v) != 0;
	snprintf(detail, sizeof detail, "%zu strategy positions -> %zu instruments, leverage %s",
	    npos, ninst, fmt_leverage(lev, sizeof lev, gross));
	return json_pack("{s:o,s:i,s:s}", "leverage", jnum(gross), "positions", (int)ninst,
	    "detail", detail);
}

json_t *
portfolio_compute(const json_t *state)
{
	struct pconf pc;
	static struct book b;
	struct dataset ds;
	json_t *out = json_object(), *constraints, *trades, *weights, *lines, *totals;
	const char *source;
	double gross;
	int rebalance;

	field_obj(state, "aggregate");
	field_num(state, "aggregate.regime.score");
	pconf_read(&pc, state);
	book_net(&b, state, &pc);
	if (dataset_load(&ds, state) < 0)
		die(EXIT_DATAERR, "unusable 'ingest.series'");
	book_allocate(&b, &ds, &pc);
	book_size(&b, state, &pc);
	constraints = book_constrain(&b, &pc);
	trades = book_trades(&b, state, &pc, &source, &rebalance, &weights);
	lines = lines_json(&b);
	book_desk(&ds, &pc, weights, lines, &totals);
	json_object_set_new(out, "instruments", lines);
	json_object_set_new(out, "packages", packages_json(&b));
	json_object_set_new(out, "method", json_string(b.method));
	json_object_set_new(out, "covariance", json_pack("{s:s,s:i,s:o,s:o,s:o,s:s}", "method",
	    "riskcov", "observations", (int)b.observations, "half_life", jnum(pc.half_life),
	    "effective_observations", jnum(b.effective), "shrinkage", jnum(b.shrinkage),
	    "basis", b.basis));
	json_object_set_new(out, "sizing", sizing_json(&b, &pc));
	json_object_set_new(out, "regime", json_string(b.regime));
	json_object_set_new(out, "regime_score", jnum(b.regime_score));
	json_object_set_new(out, "regime_scale", jnum(b.regime_scale));
	json_object_set_new(out, "constraints", constraints);
	json_object_set_new(out, "trades", trades);
	json_object_set_new(out, "previous_weights_source", json_string(source));
	json_object_set_new(out, "rebalance_needed", json_boolean(rebalance));
	json_object_set_new(out, "warning", b.warning[0] ? json_string(b.warning) : json_null());
	json_object_set_new(out, "totals", totals);
	json_object_set_new(out, "pnl", book_pnl(state, &ds, &pc));
	gross = exposures(out, weights);
	json_object_set_new(out, "summary", summary_json(state, weights, gross));
	json_object_set_new(out, "weights", weights);
	book_release(&b);
	dataset_release(&ds);
	return out;
}
