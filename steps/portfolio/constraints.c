/*
 * The desk's limits (docs/STRATEGIES.md "Limits"), applied after sizing, in this
 * order: notional per instrument (x NAV, by instrument kind), notional per kind,
 * gross notional, share of ex-ante variance per package. A limit cuts the sizes
 * of the packages that make the excess, so every package keeps its leg ratio (a
 * DV01-neutral pair stays neutral), and brings the value to the limit itself:
 * nothing is parked under a cap. A value within LIMIT_TOL (relative) of its
 * limit is at it. Each limit reports, binding or not, the gross notional and the
 * annualised ex-ante vol it removed.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "portfolio.h"
#include "state.h"

#define LIMIT_TOL 1e-9
#define PASSES 64

static const char *const limit_names[LIMIT_COUNT] = {
	"max_notional", "max_class_notional", "max_gross_notional", "max_risk_share"
};

/* Append "what from -> to" to the cut's detail. */
static void
note(struct cut *c, const char *what, double from, double to)
{
	size_t len = strlen(c->detail);

	c->binding = 1;
	snprintf(c->detail + len, sizeof c->detail - len, "%s%s %.4g -> %.4g",
	    len ? ", " : "", what, from, to);
}

/* Sizes of the packages with a leg for which pred(instrument index, arg) times f. */
static void
scale_if(struct book *b, int (*pred)(int, int), int arg, double f)
{
	size_t p;
	int j;

	for (p = 0; p < b->np; p++)
		for (j = 0; j < b->p[p].nleg; j++)
			if (pred(b->p[p].ins[j], arg)) {
				b->p[p].size *= f;
				break;
			}
	book_weights(b);
}

static int
is_instrument(int i, int x)
{
	return i == x;
}

static int
is_kind(int i, int k)
{
	return (int)instruments[i].kind == k;
}

/* Scaling every package on i scales w_i by the same factor: one pass per excess. */
static int
notional(struct book *b, const struct pconf *pc, struct cut *c)
{
	int pass, any = 0;
	size_t i;

	for (pass = 0; pass < PASSES; pass++) {
		double worst = 1 + LIMIT_TOL, cap = 0;
		int x = -1;

		for (i = 0; i < n_instruments; i++) {
			double lim = pc->max_notional[instruments[i].kind];

			if (fabs(b->l[i].w) > worst * lim) {
				worst = fabs(b->l[i].w) / lim;
				x = (int)i;
				cap = lim;
			}
		}
		if (x < 0)
			break;
		note(c, instruments[x].id, b->l[x].w, copysign(cap, b->l[x].w));
		scale_if(b, is_instrument, x, cap / fabs(b->l[x].w));
		any = 1;
	}
	return any;
}

/* A kind's gross comes only from packages with a leg of that kind. */
static int
class_notional(struct book *b, const struct pconf *pc, struct cut *c)
{
	int k, any = 0;
	size_t i;

	for (k = 0; k < IK_COUNT; k++) {
		double g = 0;

		for (i = 0; i < n_instruments; i++)
			if ((int)instruments[i].kind == k)
				g += fabs(b->l[i].w);
		if (g <= pc->max_class[k] * (1 + LIMIT_TOL))
			continue;
		note(c, ins_kind_name((enum ins_kind)k), g, pc->max_class[k]);
		scale_if(b, is_kind, k, pc->max_class[k] / g);
		any = 1;
	}
	return any;
}

static int
gross_notional(struct book *b, const struct pconf *pc, struct cut *c)
{
	double g = book_gross(b);
	size_t p;

	if (g <= pc->max_gross * (1 + LIMIT_TOL))
		return 0;
	note(c, "gross", g, pc->max_gross);
	for (p = 0; p < b->np; p++)
		b->p[p].size *= pc->max_gross / g;
	book_weights(b);
	return 1;
}

/*
 * Every group's share of the variance s' Sigma_pkg s into sh (O(n^2)): the sum of
 * its packages' contributions s_p (Sigma s)_p. Opposite views of one group have
 * contributions of opposite signs; only their sum means anything.
 */
static void
shares(const struct book *b, double *sh)
{
	double tot = 0, m;
	size_t q, r;

	for (q = 0; q < b->ng; q++)
		sh[q] = 0;
	for (q = 0; q < b->np; q++) {
		for (m = 0, r = 0; r < b->np; r++)
			m += b->pcov[q * b->np + r] * b->p[r].size;
		sh[b->p[q].group] += b->p[q].size * m;
		tot += b->p[q].size * m;
	}
	for (q = 0; q < b->ng; q++)
		sh[q] = tot > 0 ? sh[q] / tot : 0;
}

/*
 * Cut group g so its share is the limit: with its sizes times f the share is
 * (f^2 a + f c) / (f^2 a + 2 f c + d), a the group's variance, c its covariance
 * with the rest, d the rest's variance; the largest f in [0, 1] at or under the
 * limit, by bisection.
 */
static void
cut_share(struct book *b, int g, double lim)
{
	double a = 0, c = 0, d = 0, lo = 0, hi = 1;
	size_t q, r;
	int it;

	for (q = 0; q < b->np; q++)
		for (r = 0; r < b->np; r++) {
			double x = b->p[q].size * b->pcov[q * b->np + r] * b->p[r].size;
			int iq = b->p[q].group == g, ir = b->p[r].group == g;

			if (iq && ir)
				a += x;
			else if (iq || ir)
				c += x / 2;
			else
				d += x;
		}
	for (it = 0; it < 60; it++) {
		double f = (lo + hi) / 2, v = f * f * a + 2 * f * c + d;

		if (v <= 0 || (f * f * a + f * c) / v <= lim)
			lo = f;
		else
			hi = f;
	}
	for (q = 0; q < b->np; q++)
		if (b->p[q].group == g)
			b->p[q].size *= lo;
}

/* Groups that hold something: the count the risk-share limit needs. */
static size_t
held_groups(const struct book *b)
{
	size_t g, n = 0;

	for (g = 0; g < b->ng; g++)
		n += b->gbudget[g] > 0;
	return n;
}

/*
 * Checked when it can bind: with n groups held the smallest possible largest
 * share is 1/n (equal risk), so only when n x limit > 1.
 */
static int
risk_share(struct book *b, const struct pconf *pc, struct cut *c)
{
	char what[64];
	int pass, any = 0;
	size_t g;

	if (b->pcov == NULL || (double)held_groups(b) * pc->max_risk_share <= 1)
		return 0;
	for (pass = 0; pass < PASSES; pass++) {
		double worst = pc->max_risk_share + LIMIT_TOL, sh[MAXPKG];
		size_t x = b->ng;

		shares(b, sh);
		for (g = 0; g < b->ng; g++)
			if (sh[g] > worst) {
				worst = sh[g];
				x = g;
			}
		if (x == b->ng)
			break;
		snprintf(what, sizeof what, "%s share", b->p[b->grep[x]].sid);
		note(c, what, worst, pc->max_risk_share);
		cut_share(b, (int)x, pc->max_risk_share);
		any = 1;
	}
	book_weights(b);
	return any;
}

static json_t *
by_kind(const double *v)
{
	json_t *o = json_object();
	int k;

	for (k = 0; k < IK_COUNT; k++)
		json_object_set_new(o, ins_kind_name((enum ins_kind)k), jnum(v[k]));
	return o;
}

static json_t *
report(const struct book *b, int id, const struct pconf *pc)
{
	const struct cut *c = &b->cut[id];
	json_t *lim = id == LIMIT_NOTIONAL ? by_kind(pc->max_notional) :
	    id == LIMIT_CLASS ? by_kind(pc->max_class) :
	    jnum(id == LIMIT_GROSS ? pc->max_gross : pc->max_risk_share);
	const char *idle = id == LIMIT_SHARE && (b->pcov == NULL ||
	    (double)held_groups(b) * pc->max_risk_share <= 1) ? "not checked: no "
	    "covariance or at most 1/limit packages" : "within the limit";

	return json_pack("{s:s,s:o,s:b,s:o,s:o,s:o,s:s}", "name", limit_names[id], "limit", lim,
	    "binding", c->binding, "cut_notional", jnum(c->nav), "cut_notional_brl",
	    jnum(c->nav * pc->nav), "cut_vol", jnum(b->pcov ? c->vol : NAN), "detail",
	    c->binding ? c->detail : idle);
}

json_t *
book_constrain(struct book *b, const struct pconf *pc)
{
	static int (*const fn[LIMIT_COUNT])(struct book *, const struct pconf *, struct cut *) = {
		notional, class_notional, gross_notional, risk_share
	};
	json_t *out = json_array();
	int id, round, any = 1;
	size_t p;

	memset(b->cut, 0, sizeof b->cut);
	/* A cut can raise a net elsewhere (offsetting packages): repeat until none binds. */
	for (round = 0; round < 4 && any; round++)
		for (any = 0, id = 0; id < LIMIT_COUNT; id++) {
			double g = book_gross(b), v = book_vol(b);

			if (fn[id](b, pc, &b->cut[id])) {
				any = 1;
				b->cut[id].nav += g - book_gross(b);
				b->cut[id].vol += isfinite(v) ? v - book_vol(b) : 0;
			}
		}
	if (b->pcov != NULL) {
		double sh[MAXPKG];

		shares(b, sh);
		for (p = 0; p < b->np; p++)
			b->p[p].risk_share = sh[b->p[p].group];
	} else
		for (p = 0; p < b->np; p++)
			b->p[p].risk_share = NAN;
	b->ex_ante_vol = book_vol(b);
	for (id = 0; id < LIMIT_COUNT; id++)
		json_array_append_new(out, report(b, id, pc));
	return out;
}
