/*
 * Packages: each strategies.positions entry with its legs (docs/STRATEGIES.md
 * "Packages"), and the raw legs summed per instrument, with contributors.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "portfolio.h"

/* A member of position i that must be a string (a number when num). */
static const json_t *
member(const json_t *o, const char *key, int num, size_t i, const char *leg)
{
	const json_t *j = json_object_get(o, key);

	if (j == NULL || (num ? !json_is_number(j) : !json_is_string(j)))
		die(EXIT_DATAERR, "%s field 'strategies.positions[%zu]%s.%s'",
		    j == NULL ? "missing" : num ? "non-numeric" : "non-string", i, leg, key);
	return j;
}

static void
add_contributor(struct line *ln, const char *sid)
{
	size_t i;
	json_t *v;

	json_array_foreach(ln->contributors, i, v)
		if (strcmp(json_string_value(v), sid) == 0)
			return;
	json_array_append_new(ln->contributors, json_string(sid));
}

/* The budget of strategy sid: config.portfolio.budgets.<sid> (> 0), else 1. */
static double
budget_of(const struct pconf *pc, const char *sid)
{
	const json_t *v = pc->budgets ? json_object_get(pc->budgets, sid) : NULL;

	if (v == NULL)
		return 1;
	if (!json_is_number(v) || !(json_number_value(v) > 0) ||
	    !isfinite(json_number_value(v)))
		die(EXIT_CONFIG, "config.portfolio.budgets.%s: expected a positive number",
		    sid);
	return json_number_value(v);
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

/* Leg j of position i into package p (a second leg on an instrument adds to it). */
static void
add_leg(struct book *b, struct pkg *p, const json_t *leg, size_t i, size_t j)
{
	const struct instrument *in;
	struct line *ln;
	const char *id;
	char where[32];
	double w;
	int k, x;

	snprintf(where, sizeof where, ".legs[%zu]", j);
	id = json_string_value(member(leg, "instrument", 0, i, where));
	if ((in = instrument_find(id)) == NULL)
		die(EXIT_DATAERR, "unknown instrument '%s' in 'strategies.positions[%zu]%s'",
		    id, i, where);
	w = json_number_value(member(leg, "weight", 1, i, where));
	if (!isfinite(w))
		die(EXIT_DATAERR, "non-finite field 'strategies.positions[%zu]%s.weight'", i, where);
	x = (int)(in - instruments);
	ln = &b->l[x];
	if (!ln->active) {
		ln->active = 1;
		ln->contributors = json_array();
	}
	ln->net += w;
	add_contributor(ln, p->sid);
	for (k = 0; k < p->nleg && p->ins[k] != x; k++)
		;
	if (k == p->nleg) {
		if (p->nleg == MAXLEG)
			die(EXIT_DATAERR, "field 'strategies.positions[%zu].legs' has more than %d "
			    "instruments", i, MAXLEG);
		p->ins[p->nleg] = x;
		p->leg[p->nleg++] = 0;
	}
	p->leg[k] += w;
}

/*
 * Position i as a package: its legs as given (signed: the package is held at a
 * positive size), scaled so that the largest |leg| is 1; the ratio is kept.
 */
static void
net_position(struct book *b, const json_t *pos, size_t i, const struct pconf *pc,
    const json_t *conflicts)
{
	struct pkg *p = &b->p[b->np];
	const json_t *legs = json_object_get(pos, "legs"), *leg;
	double m = 0;
	size_t j;
	int k;

	if (b->np == MAXPKG)
		die(EXIT_DATAERR, "field 'strategies.positions' has more than %d entries", MAXPKG);
	memset(p, 0, sizeof *p);
	p->sid = json_string_value(member(pos, "strategy_id", 0, i, ""));
	p->conv = fmax(json_number_value(member(pos, "confidence", 1, i, "")) *
	    strength_mult(json_string_value(member(pos, "strength", 0, i, ""))), 0.1);
	if (!json_is_array(legs) || json_array_size(legs) == 0)
		die(EXIT_DATAERR, "missing or empty field 'strategies.positions[%zu].legs'", i);
	json_array_foreach(legs, j, leg)
		add_leg(b, p, leg, i, j);
	for (k = 0; k < p->nleg; k++) {
		m = fmax(m, fabs(p->leg[k]));
		if (conflicts != NULL && in_conflict(conflicts,
		    asset_class_name(instruments[p->ins[k]].asset_class)))
			p->dampened = 1;
	}
	if (m == 0)		/* a package of zero legs holds nothing */
		return;
	for (k = 0; k < p->nleg; k++)
		p->leg[k] /= m;
	p->budget = budget_of(pc, p->sid) * p->conv;
	b->np++;
}

void
book_net(struct book *b, const json_t *state, const struct pconf *pc)
{
	const json_t *positions = field_arr(state, "strategies.positions"), *p;
	const json_t *conflicts = field_arr_opt(state, "aggregate.conflict_classes");
	size_t i;

	if (n_instruments > MAXINS)
		die(EXIT_SOFTWARE, "%zu instruments, portfolio.h allows %d", n_instruments, MAXINS);
	memset(b, 0, sizeof *b);
	b->shrinkage = b->effective = NAN;
	b->ex_ante_vol = b->vol_sized = b->vol_dampened = NAN;
	b->vol_scale = NAN;
	b->target = NAN;
	b->kept = 1;
	json_array_foreach(positions, i, p) {
		if (!json_is_object(p))
			die(EXIT_DATAERR, "field 'strategies.positions[%zu]' is not an object", i);
		net_position(b, p, i, pc, conflicts);
	}
	for (i = 0; i < b->np; i++) {
		int k;

		for (k = 0; k < b->p[i].nleg; k++)
			b->l[b->p[i].ins[k]].dampened |= b->p[i].dampened;
	}
}

void
book_release(struct book *b)
{
	size_t i;

	for (i = 0; i < n_instruments; i++)
		json_decref(b->l[i].contributors);
	free(b->pcov);
	b->pcov = NULL;
}
