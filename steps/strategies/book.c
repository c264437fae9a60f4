/*
 * The lifecycle read back from the previous run: the open packages and running
 * cool-downs of config.previous_portfolio_file (docs/STATE.md "strategies").
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "state.h"
#include "strategies.h"

/* Where a defect is: file, array, index, key. */
struct at {
	const char *file, *array;
	size_t i;
};

static _Noreturn void
bad(const struct at *a, const char *key, const char *what)
{
	die(EXIT_DATAERR, "%s: strategies.%s[%zu].%s: %s", a->file, a->array, a->i, key, what);
}

static const char *
gstr(const struct at *a, const json_t *o, const char *key, char *dst, size_t sz)
{
	const char *v = json_string_value(json_object_get(o, key));

	if (v == NULL)
		bad(a, key, "missing or not a string");
	if (dst != NULL && (size_t)snprintf(dst, sz, "%s", v) >= sz)
		bad(a, key, "too long");
	return v;
}

/* A number; NAN for null when nullable. */
static double
gnum(const struct at *a, const json_t *o, const char *key, int nullable)
{
	const json_t *v = json_object_get(o, key);

	if (nullable && json_is_null(v))
		return NAN;
	if (!json_is_number(v))
		bad(a, key, nullable ? "missing or not a number or null" :
		    "missing or not a number");
	return json_number_value(v);
}

static day_t
gdate(const struct at *a, const json_t *o, const char *key)
{
	day_t d;

	if (date_parse(gstr(a, o, key, NULL, 0), &d) < 0)
		bad(a, key, "not a YYYY-MM-DD date");
	return d;
}

static void
read_legs(const struct at *a, const json_t *o, struct lc_pkg *p)
{
	const json_t *legs = json_object_get(o, "legs"), *l;
	size_t i;

	if (!json_is_array(legs) || json_array_size(legs) < 1 || json_array_size(legs) > 2)
		bad(a, "legs", "not an array of 1 or 2 legs");
	json_array_foreach(legs, i, l) {
		gstr(a, l, "instrument", p->leg_id[i], sizeof p->leg_id[i]);
		p->leg_ratio[i] = gnum(a, l, "ratio", 0);
	}
	p->nlegs = json_array_size(legs);
}

static void
read_pkg(const struct at *a, const json_t *o, struct lc_pkg *p)
{
	const char *dir = gstr(a, o, "direction", NULL, 0);
	double h = gnum(a, o, "horizon_days", 0), g = gnum(a, o, "gain_sign", 0);

	memset(p, 0, sizeof *p);
	gstr(a, o, "strategy_id", p->strategy, sizeof p->strategy);
	gstr(a, o, "instrument", p->instrument, sizeof p->instrument);
	if (strcmp(dir, "LONG") != 0 && strcmp(dir, "SHORT") != 0)
		bad(a, "direction", "neither LONG nor SHORT");
	p->dir = dir[0] == 'L' ? 1 : -1;
	if (g != 1 && g != -1)
		bad(a, "gain_sign", "neither 1 nor -1");
	p->gain_sign = (int)g;
	if (!(h >= 1 && h <= 1000) || h != (int)h)
		bad(a, "horizon_days", "not an integer in [1, 1000]");
	p->horizon = (int)h;
	p->entry_date = gdate(a, o, "entry_date");
	p->entry_level = gnum(a, o, "entry_level", 0);
	if ((p->entry_weight = gnum(a, o, "entry_weight", 0)) == 0)
		bad(a, "entry_weight", "zero");
	p->confidence = gnum(a, o, "confidence", 0);
	p->sigma = gnum(a, o, "sigma_daily", 1);
	p->stop = gnum(a, o, "stop_loss", 1);
	p->take = gnum(a, o, "take_profit", 1);
	gstr(a, o, "strength", p->strength, sizeof p->strength);
	gstr(a, o, "entry_signal", p->entry_signal, sizeof p->entry_signal);
	read_legs(a, o, p);
}

static void
read_packages(struct lc_book *b, const char *file, const json_t *arr, day_t as_of)
{
	struct at a = { file, "packages", 0 };
	const json_t *o;
	const char *st;

	json_array_foreach(arr, a.i, o) {
		st = gstr(&a, o, "package_status", NULL, 0);
		if (strcmp(st, "closed") == 0)
			continue;
		if (strcmp(st, "opened") != 0 && strcmp(st, "held") != 0)
			bad(&a, "package_status", "not opened, held or closed");
		if (b->nopen == LC_PKG_MAX)
			bad(&a, "package_status", "more than 64 open packages");
		read_pkg(&a, o, &b->open[b->nopen]);
		if (b->open[b->nopen].entry_date > as_of)
			bad(&a, "entry_date", "after as_of");
		b->nopen++;
	}
}

static void
read_cooldowns(struct lc_book *b, const char *file, const json_t *arr)
{
	struct at a = { file, "cooldowns", 0 };
	struct lc_cooldown *k;
	const json_t *o;

	json_array_foreach(arr, a.i, o) {
		if (b->ncool == LC_PKG_MAX)
			bad(&a, "until", "more than 64 cool-downs");
		k = &b->cool[b->ncool++];
		gstr(&a, o, "strategy_id", k->strategy, sizeof k->strategy);
		gstr(&a, o, "instrument", k->instrument, sizeof k->instrument);
		gstr(&a, o, "reason", k->reason, sizeof k->reason);
		k->until = gdate(&a, o, "until");
	}
}

/* The parsed previous state, or NULL (with the note) when it cannot be opened. */
static json_t *
load_file(struct lc_book *b, const char *file)
{
	char err[256];
	json_t *prev;
	FILE *f;

	if ((f = fopen(file, "r")) == NULL) {
		snprintf(b->note, sizeof b->note, "previous run %s unreadable (%s): all "
		    "packages are new", file, strerror(errno));
		return NULL;
	}
	prev = state_load(f, err, sizeof err);
	fclose(f);
	if (prev == NULL)
		die(EXIT_DATAERR, "%s: malformed previous run: %s", file, err);
	return prev;
}

void
lc_book_load(struct lc_book *b, const json_t *state, day_t as_of)
{
	const char *file = conf_str(state, "previous_portfolio_file");
	const json_t *st, *pk, *cd;
	char d[DATE_BUFSZ];
	json_t *prev;

	memset(b, 0, sizeof *b);
	b->prev_as_of = -1;
	snprintf(b->note, sizeof b->note, "no previous run (config.previous_portfolio_file "
	    "not set): all packages are new");
	if (file == NULL || (prev = load_file(b, file)) == NULL)
		return;
	if (date_parse(json_string_value(json_object_get(prev, "as_of")) ?
	    json_string_value(json_object_get(prev, "as_of")) : "", &b->prev_as_of) < 0)
		die(EXIT_DATAERR, "%s: as_of: missing or not a YYYY-MM-DD date", file);
	if (b->prev_as_of >= as_of)
		die(EXIT_DATAERR, "%s: as_of %s is not before this run's", file,
		    date_format(b->prev_as_of, d));
	st = json_object_get(prev, "strategies");
	pk = json_object_get(st, "packages");
	cd = json_object_get(st, "cooldowns");
	if ((st != NULL && !json_is_object(st)) || (pk != NULL && !json_is_array(pk)) ||
	    (cd != NULL && !json_is_array(cd)))
		die(EXIT_DATAERR, "%s: strategies, strategies.packages or strategies.cooldowns "
		    "has the wrong type", file);
	if (pk == NULL)
		snprintf(b->note, sizeof b->note, "previous run %s (%s) has no "
		    "strategies.packages: all packages are new", file, date_format(b->prev_as_of, d));
	else {
		read_packages(b, file, pk, as_of);
		if (cd != NULL)
			read_cooldowns(b, file, cd);
		snprintf(b->note, sizeof b->note, "lifecycle from %s (%s): %zu open packages, "
		    "%zu cool-downs", file, date_format(b->prev_as_of, d), b->nopen, b->ncool);
	}
	json_decref(prev);
}
