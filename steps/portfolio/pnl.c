/*
 * portfolio.pnl: the realised P&L of the book held since the previous run
 * (docs/STATE.md "portfolio", docs/RISK.md "Realised P&L"). The holdings are
 * the portfolio.weights of config.previous_portfolio_file, each instrument's
 * weight split over that file's portfolio.packages pro rata of their leg weights
 * in it ("unattributed" without a leg, or when the legs cancel); from its as_of
 * to today's, common/pnl.h does the arithmetic.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "field.h"
#include "pnl.h"
#include "portfolio.h"
#include "state.h"
#include "xalloc.h"

static json_t *
unavailable(const char *reason)
{
	return json_pack("{s:b,s:s}", "available", 0, "reason", reason);
}

/*
 * The previous state (new reference) or NULL with *why set. A regular file only,
 * bounded (state_load_file); trades.c has already warned when it is unusable.
 */
static json_t *
load_previous(const json_t *state, const char **why)
{
	const char *file = conf_str(state, "previous_portfolio_file");
	char err[512];
	json_t *doc;

	*why = "no previous book";
	if (file == NULL || (doc = state_load_file(file, err, sizeof err)) == NULL)
		return NULL;
	if (!json_is_object(field_get(doc, "portfolio.weights"))) {
		*why = "no previous book (no 'portfolio.weights' in the previous run)";
		json_decref(doc);
		doc = NULL;
	}
	return doc;
}

/* Sum and sum of |w| of the leg weights of the packages in instrument id. */
static void
leg_sums(const json_t *pkgs, const char *id, double *sum, double *abs)
{
	const json_t *p, *l, *w;
	size_t i, j;

	*sum = *abs = 0;
	json_array_foreach(pkgs, i, p) {
		json_array_foreach(json_object_get(p, "legs"), j, l) {
			w = json_object_get(l, "weight");
			if (!json_is_number(w) || !json_is_string(json_object_get(l, "instrument")) ||
			    strcmp(json_string_value(json_object_get(l, "instrument")), id) != 0)
				continue;
			*sum += json_number_value(w);
			*abs += fabs(json_number_value(w));
		}
	}
}

/*
 * The holdings of instrument in (held weight W): W x leg / sum of legs for each
 * package leg in it, else one unattributed holding. Appends to h; returns the count.
 */
static size_t
attribute(const json_t *pkgs, const struct instrument *in, double W, struct pnl_hold *h)
{
	const json_t *p, *l;
	double sum, abs;
	size_t i, j, n = 0;

	leg_sums(pkgs, in->id, &sum, &abs);
	if (abs == 0 || fabs(sum) <= 1e-12 * abs) {
		h[0] = (struct pnl_hold){ NULL, in, W };
		return 1;
	}
	json_array_foreach(pkgs, i, p) {
		json_array_foreach(json_object_get(p, "legs"), j, l) {
			const json_t *w = json_object_get(l, "weight");
			const json_t *id = json_object_get(l, "instrument");

			if (!json_is_number(w) || !json_is_string(id) ||
			    strcmp(json_string_value(id), in->id) != 0)
				continue;
			h[n++] = (struct pnl_hold){
				field_str_opt(p, "strategy_id", NULL), in,
				W * json_number_value(w) / sum };
		}
	}
	return n;
}

/* Upper bound on the holdings: one per leg plus one per weight. */
static size_t
max_holds(const json_t *weights, const json_t *pkgs)
{
	const json_t *p;
	size_t i, n = json_object_size(weights);

	json_array_foreach(pkgs, i, p)
		n += json_array_size(json_object_get(p, "legs"));
	return n ? n : 1;
}

/* The holdings of the previous state's book into a new *hp; returns their count. */
static size_t
holdings(const json_t *prev, struct pnl_hold **hp, json_t *unpriced)
{
	const json_t *weights = field_get(prev, "portfolio.weights");
	const json_t *pkgs = field_get(prev, "portfolio.packages"), *v;
	const struct instrument *in;
	struct pnl_hold *h;
	const char *k;
	size_t n = 0;

	if (!json_is_array(pkgs))
		pkgs = NULL;
	h = xcalloc(max_holds(weights, pkgs), sizeof(*h));
	json_object_foreach((json_t *)weights, k, v) {
		if (!json_is_number(v) || json_number_value(v) == 0)
			continue;
		if ((in = instrument_find(k)) == NULL) {
			json_array_append_new(unpriced, json_string(k));
			continue;
		}
		n += attribute(pkgs, in, json_number_value(v), h + n);
	}
	*hp = h;
	return n;
}

json_t *
book_pnl(const json_t *state, const struct dataset *ds, const struct pconf *pc)
{
	json_t *prev, *out, *unpriced;
	struct pnl_hold *h;
	struct pnl p;
	const char *why, *s;
	char buf[DATE_BUFSZ];
	day_t from;
	size_t nh;

	if ((prev = load_previous(state, &why)) == NULL)
		return unavailable(why);
	s = field_str_opt(prev, "as_of", NULL);
	if (s == NULL || date_parse(s, &from) < 0) {
		json_decref(prev);
		return unavailable("no previous book (no valid 'as_of' in the previous run)");
	}
	if (from >= ds->as_of) {
		json_decref(prev);
		return unavailable("the previous book is not earlier than as_of");
	}
	unpriced = json_array();
	nh = holdings(prev, &h, unpriced);
	pnl_compute(ds, h, nh, from, ds->as_of, &p);
	out = pnl_json(&p, h, nh, from, pc->nav);
	json_object_set_new(out, "available", json_true());
	json_object_set_new(out, "to", json_string(date_format(ds->as_of, buf)));
	json_object_set_new(out, "unpriced", unpriced);
	pnl_release(&p);
	free(h);
	json_decref(prev);
	return out;
}
