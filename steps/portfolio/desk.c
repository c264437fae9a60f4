/*
 * Desk units of the book held (portfolio.weights; docs/STRATEGIES.md "Desk
 * units"): a weight is a notional in NAV multiples, so notional = w x NAV (BRL);
 * DV01 = notional x instrument_dv01 (BRL per bp, at as_of's level) for rates,
 * spreads and inflation instruments, summed by tenor bucket; the USD delta of
 * USDBRL = notional / spot (a long USDBRL is long USD).
 */
#include <math.h>
#include <string.h>

#include "portfolio.h"
#include "state.h"

static int
has_dv01(const struct instrument *in)
{
	return in->kind == IK_RATE || in->kind == IK_SPREAD || in->kind == IK_INFLATION;
}

static double
held(const json_t *weights, const char *id)
{
	const json_t *v = json_object_get(weights, id);

	return v ? json_number_value(v) : 0;
}

/* The desk units of instrument in held at w, into o (an instruments[] entry or NULL). */
static void
units(const struct dataset *ds, const struct pconf *pc, const struct instrument *in,
    double w, json_t *o, double *dv01, double *usd)
{
	double n = w * pc->nav;

	*dv01 = *usd = 0;
	if (has_dv01(in))
		*dv01 = n * instrument_dv01(ds, in, ds->as_of);
	if (in->kind == IK_FX && strcmp(in->id, "USDBRL") == 0)
		*usd = n / instrument_level(ds, in, ds->as_of);
	if (o == NULL)
		return;
	json_object_set_new(o, "kind", json_string(ins_kind_name(in->kind)));
	json_object_set_new(o, "held_weight", jnum(w));
	json_object_set_new(o, "notional_brl", jnum(n));
	if (has_dv01(in)) {
		json_object_set_new(o, "dv01_brl", jnum(*dv01));
		json_object_set_new(o, "bucket", json_string(bucket_names[instrument_bucket(in)]));
	}
	if (in->kind == IK_FX)
		json_object_set_new(o, "usd_delta", jnum(*usd));
}

void
book_desk(const struct dataset *ds, const struct pconf *pc, const json_t *weights,
    json_t *lines, json_t **totals)
{
	double bucket[N_BUCKETS] = { 0 }, dv01 = 0, usd = 0, g = 0, d, u;
	const struct instrument *in;
	json_t *o, *jb = json_object();
	const char *k;
	json_t *v;
	size_t i;
	int j;

	json_array_foreach(lines, i, o) {
		in = instrument_find(json_string_value(json_object_get(o, "instrument")));
		units(ds, pc, in, held(weights, in->id), o, &d, &u);
	}
	json_object_foreach((json_t *)weights, k, v) {
		g += fabs(json_number_value(v));
		if ((in = instrument_find(k)) == NULL)
			continue;
		units(ds, pc, in, json_number_value(v), NULL, &d, &u);
		if (has_dv01(in)) {
			bucket[instrument_bucket(in)] += d;
			dv01 += d;
		}
		usd += u;
	}
	for (j = 0; j < N_BUCKETS; j++)
		json_object_set_new(jb, bucket_names[j], jnum(bucket[j]));
	*totals = json_pack("{s:o,s:o,s:o,s:o,s:o}", "nav_brl", jnum(pc->nav),
	    "gross_notional_brl", jnum(g * pc->nav), "dv01_brl", jnum(dv01),
	    "dv01_by_bucket_brl", jb, "usd_delta", jnum(usd));
}
