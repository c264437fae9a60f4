/*
 * From risk-parity weights to scaled targets: conviction overlay (docs/MODELS.md
 * 6.1 step 3), the volatility target (docs/STRATEGIES.md "Sizing"), conflict
 * dampening and regime scaling.
 */
#include <math.h>
#include <string.h>

#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "portfolio.h"

/* w_i = rp_i * max(mean conviction, 0.1), rescaled to the risk-parity gross. */
static void
conviction(struct book *b)
{
	double g_rp = 0, g_c = 0;
	size_t i;

	for (i = 0; i < n_instruments; i++) {
		struct line *ln = &b->l[i];

		if (!ln->active || ln->conv_n == 0)
			continue;
		ln->conv = ln->rp * fmax(ln->conv_sum / ln->conv_n, 0.1);
		g_rp += fabs(ln->rp);
		g_c += fabs(ln->conv);
	}
	for (i = 0; i < n_instruments; i++)
		if (g_c > 0)
			b->l[i].conv *= g_rp / g_c;
}

/*
 * Scale towards the annualised ex-ante vol target_vol, by at most max_vol_scale
 * (1 by default: the target is a ceiling on the unit-gross book). The leverage
 * limit is left to the constraints, which report it.
 */
static void
vol_target(struct book *b, const struct pconf *pc)
{
	double var = 0, gross = 0;
	size_t i, j;

	for (i = 0; i < n_instruments; i++)
		gross += fabs(b->l[i].conv);
	b->vol_scale = 1;
	for (i = 0; i < b->k; i++)
		for (j = 0; j < b->k; j++)
			var += b->l[b->idx[i]].conv * b->cov[i * b->k + j] * b->l[b->idx[j]].conv;
	if (b->k > 0)
		b->ex_ante_vol = sqrt(var * 252);
	if (pc->target_vol > 0 && b->k > 0 && b->ex_ante_vol > 0 && gross > 0)
		b->vol_scale = fmin(pc->target_vol / b->ex_ante_vol, pc->max_vol_scale);
}

static int
in_conflict(const json_t *classes, const char *name)
{
	const json_t *v;
	size_t i;

	json_array_foreach(classes, i, v) {
		if (!json_is_string(v))
			die(EXIT_DATAERR, "field 'aggregate.conflict_classes[%zu]' is not a string", i);
		if (strcmp(json_string_value(v), name) == 0)
			return 1;
	}
	return 0;
}

void
book_overlay(struct book *b, const json_t *state, const struct pconf *pc)
{
	const json_t *conflicts = field_arr_opt(state, "aggregate.conflict_classes");
	double s = field_num(state, "aggregate.regime.score");
	size_t i;

	b->regime_score = s;
	b->regime = s > 0.3 ? "RISK_OFF" : s < -0.3 ? "RISK_ON" : "NEUTRAL";
	b->regime_scale = s > 0.3 ? 0.4 : s < -0.3 ? 1.0 : 0.7;
	conviction(b);
	vol_target(b, pc);
	for (i = 0; i < n_instruments; i++) {
		struct line *ln = &b->l[i];

		if (!ln->active)
			continue;
		ln->dampened = conflicts != NULL &&
		    in_conflict(conflicts, asset_class_name(instruments[i].asset_class));
		ln->w = ln->conv * b->vol_scale * (ln->dampened ? pc->conflict_dampening : 1) *
		    b->regime_scale;
	}
}
