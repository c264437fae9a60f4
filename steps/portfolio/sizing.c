/*
 * Sizing (docs/STRATEGIES.md "Vol targeting"): the allocator's sizes scaled, up
 * or down, so that the book's annualised ex-ante vol sqrt(252 s' Sigma_pkg s)
 * equals target_vol x the regime scale x the share of the budgets left after
 * opposite views netted (book->kept, 1 without them); then the packages with a leg in a
 * conflicting asset class are cut by conflict_dampening. Without a covariance
 * (or with target_vol 0) the netted book is scaled to a gross notional of the
 * regime scale x NAV instead ("unit_gross").
 */
#include <math.h>

#include "field.h"
#include "portfolio.h"

void
book_weights(struct book *b)
{
	size_t i, p;
	int j;

	for (i = 0; i < n_instruments; i++)
		b->l[i].w = 0;
	for (p = 0; p < b->np; p++)
		for (j = 0; j < b->p[p].nleg; j++)
			b->l[b->p[p].ins[j]].w += b->p[p].leg[j] * b->p[p].size;
}

double
book_vol(const struct book *b)
{
	double v = 0;
	size_t p, q;

	if (b->pcov == NULL)
		return NAN;
	for (p = 0; p < b->np; p++)
		for (q = 0; q < b->np; q++)
			v += b->p[p].size * b->pcov[p * b->np + q] * b->p[q].size;
	return sqrt(fmax(v, 0) * TRADING_DAYS);
}

double
book_gross(const struct book *b)
{
	double g = 0;
	size_t i;

	for (i = 0; i < n_instruments; i++)
		g += fabs(b->l[i].w);
	return g;
}

/* Every size times f. */
static void
scale_all(struct book *b, double f)
{
	size_t p;

	for (p = 0; p < b->np; p++)
		b->p[p].size *= f;
	book_weights(b);
}

void
book_size(struct book *b, const json_t *state, const struct pconf *pc)
{
	double s = field_num(state, "aggregate.regime.score"), v, g;
	size_t p;

	b->regime_score = s;
	b->regime = regime_label(s);
	b->regime_scale = s > REGIME_THRESHOLD ? 0.4 : s < -REGIME_THRESHOLD ? 1.0 : 0.7;
	b->target = pc->target_vol * b->regime_scale * b->kept;
	for (p = 0; p < b->np; p++)
		b->p[p].size = b->p[p].erc;
	book_weights(b);
	b->vol_scale = 1;
	if (b->np == 0)
		return;
	if (b->pcov != NULL && pc->target_vol > 0 && (v = book_vol(b)) > 0) {
		b->vol_scale = b->target / v;
		scale_all(b, b->vol_scale);
		b->vol_sized = book_vol(b);
	} else if ((g = book_gross(b)) > 0) {
		b->vol_scale = b->regime_scale / g;
		scale_all(b, b->vol_scale);
		b->vol_sized = book_vol(b);
	}
	for (p = 0; p < b->np; p++)
		if (b->p[p].dampened)
			b->p[p].size *= pc->conflict_dampening;
	book_weights(b);
	b->vol_dampened = book_vol(b);
}
