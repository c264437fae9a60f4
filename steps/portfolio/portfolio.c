/* The portfolio section: configuration, the pipeline in order, and its report. */
#include <math.h>
#include <stdio.h>

#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "portfolio.h"
#include "state.h"

static double
conf_num(const json_t *state, const char *key, double def, double lo, double hi)
{
	char path[96];
	double v;

	snprintf(path, sizeof path, "config.portfolio.%s", key);
	v = field_num_opt(state, path, def);
	if (!(v >= lo && v <= hi))
		die(EXIT_DATAERR, "field '%s' is %g, expected %g to %g", path, v, lo, hi);
	return v;
}

void
pconf_read(struct pconf *pc, const json_t *state)
{
	pc->max_single = conf_num(state, "max_single_position", 0.25, 0, 10);
	pc->max_class = conf_num(state, "max_asset_class", 0.50, 0, 10);
	pc->max_leverage = conf_num(state, "max_leverage", 3.0, 0, 100);
	pc->limit_buffer = conf_num(state, "limit_buffer", 1e-4, 0, 0.01);
	pc->drift_threshold = conf_num(state, "drift_threshold", 0.05, 0, 10);
	pc->min_trade = conf_num(state, "min_trade", 0.01, 0, 10);
	pc->conflict_dampening = conf_num(state, "conflict_dampening", 0.60, 0, 1);
	pc->conflict_dampening = fmin(0.7, fmax(0.5, pc->conflict_dampening));
	pc->target_vol = conf_num(state, "target_vol", 0.10, 0, 10);
	pc->max_vol_scale = conf_num(state, "max_vol_scale", 1.0, 0, 100);
	pc->min_obs = (long)conf_num(state, "min_observations", 60, 2, 100000);
	pc->window = (long)conf_num(state, "window", 756, 2, 100000);
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
		json_array_append_new(a, json_pack("{s:s,s:s,s:o,s:o,s:o,s:o,s:O,s:b}",
		    "instrument", instruments[i].id, "asset_class",
		    asset_class_name(instruments[i].asset_class), "net_raw", jnum(ln->net),
		    "risk_parity_weight", jnum(ln->rp), "conviction_weight", jnum(ln->conv),
		    "weight", jnum(ln->w), "contributors", ln->contributors,
		    "conflict_dampened", ln->dampened));
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

json_t *
portfolio_compute(const json_t *state)
{
	struct pconf pc;
	struct book b;
	struct dataset ds;
	json_t *out = json_object(), *constraints, *trades, *weights;
	const char *source;
	char detail[64];
	double gross;
	int rebalance;

	field_obj(state, "aggregate");
	field_num(state, "aggregate.regime.score");
	pconf_read(&pc, state);
	book_net(&b, state);
	if (dataset_load(&ds, state) < 0)
		die(EXIT_DATAERR, "unusable 'ingest.series'");
	book_risk_parity(&b, &ds, &pc);
	book_overlay(&b, state, &pc);
	constraints = book_constrain(&b, &pc);
	trades = book_trades(&b, state, &pc, &source, &rebalance, &weights);
	json_object_set_new(out, "instruments", lines_json(&b));
	json_object_set_new(out, "method", json_string(b.method));
	json_object_set_new(out, "covariance", json_pack("{s:i,s:o,s:s}", "observations",
	    (int)b.observations, "shrinkage", jnum(b.shrinkage), "basis", b.basis));
	json_object_set_new(out, "sizing", json_pack("{s:s,s:o,s:o,s:o}", "method",
	    pc.target_vol > 0 && b.k > 0 ? "target_vol" : "unit_gross", "target_vol",
	    jnum(pc.target_vol), "ex_ante_vol", jnum(b.ex_ante_vol), "scale",
	    jnum(b.vol_scale)));
	json_object_set_new(out, "regime", json_string(b.regime));
	json_object_set_new(out, "regime_score", jnum(b.regime_score));
	json_object_set_new(out, "regime_scale", jnum(b.regime_scale));
	json_object_set_new(out, "constraints", constraints);
	json_object_set_new(out, "trades", trades);
	json_object_set_new(out, "previous_weights_source", json_string(source));
	json_object_set_new(out, "rebalance_needed", json_boolean(rebalance));
	json_object_set_new(out, "warning", b.warning[0] ? json_string(b.warning) : json_null());
	gross = exposures(out, weights);
	snprintf(detail, sizeof detail, "leverage: %.1fx", gross);
	json_object_set_new(out, "summary", json_pack("{s:o,s:i,s:s}", "leverage", jnum(gross),
	    "positions", (int)json_object_size(weights), "detail", detail));
	json_object_set_new(out, "weights", weights);
	book_release(&b);
	dataset_release(&ds);
	return out;
}
