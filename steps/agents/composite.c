/*
 * The agents' composite signals (docs/MODELS.md §3.3-§3.6): weights renormalised
 * over the contributing signals, a weighted plurality, 0.70 dampening on dissent.
 */
#include <math.h>
#include <string.h>

#include "agents.h"

#define DAMPEN 0.70
/* a >= b up to rounding in the renormalised weights (ties are exact in intent). */
#define GE(a, b) ((a) >= (b) - 1e-12)

static int
counts(const struct signal *s, enum comp_mode mode)
{
	if (!sig_active(s))
		return 0;
	return mode == COMP_PLURALITY || s->dir != NEUTRAL_;
}

void
composite(struct signal *out, const struct signal *const *in, const double *w,
    size_t n, enum comp_mode mode)
{
	double wsum = 0, vote[3] = {0, 0, 0}, conf = 0, val = 0, damp = 1;
	size_t i, dissent = 0, used = 0;
	int dir;
	json_t *ws = json_object();

	for (i = 0; i < n; i++)
		if (counts(in[i], mode)) {
			wsum += w[i];
			used++;
		}
	if (used == 0 || !(wsum > 0)) {
		json_decref(ws);
		for (i = 0; i < n && !sig_active(in[i]); i++)
			;
		/* Components inside their bands: NEUTRAL; none computed: NO_SIGNAL. */
		if (i < n)
			sig_set(out, NEUTRAL_, 0, 0);
		else
			sig_none(out, "no active component signal");
		return;
	}
	for (i = 0; i < n; i++)
		if (counts(in[i], mode)) {
			vote[in[i]->dir + 1] += w[i] / wsum;
			json_object_set_new(ws, in[i]->id, json_real(w[i] / wsum));
		}
	/* Plurality by weight; ties prefer LONG, then SHORT. */
	if (mode == COMP_PLURALITY)
		dir = GE(vote[2], vote[0]) && GE(vote[2], vote[1]) ? LONG_ :
		    GE(vote[0], vote[1]) ? SHORT_ : NEUTRAL_;
	else
		dir = GE(vote[2], vote[0]) ? LONG_ : SHORT_;
	for (i = 0; i < n; i++)
		if (counts(in[i], mode)) {
			dissent += in[i]->dir != dir;
			conf += w[i] / wsum * in[i]->conf;
			val += w[i] / wsum * in[i]->value;
		}
	if (dissent >= (mode == COMP_PLURALITY ? 2u : 1u))
		damp = DAMPEN;
	conf = fmin(1, conf * damp);
	sig_set(out, dir, conf, mode == COMP_PLURALITY ? round(conf * 1e4) / 1e4 : val);
	json_object_set_new(out->meta, "weights", ws);
	meta_num(out, "dampening", damp);
	json_object_set_new(out->meta, "dissenting", json_integer((json_int_t)dissent));
	json_object_set_new(out->meta, "components", json_integer((json_int_t)used));
}

void
report_composite(struct report *r, size_t out, const double *w, size_t n,
    enum comp_mode mode)
{
	const struct signal *in[MAX_SIG];
	size_t i;

	for (i = 0; i < n; i++)
		in[i] = &r->sig[i];
	composite(&r->sig[out], in, w, n, mode);
}
