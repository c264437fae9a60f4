/*
 * Packages across runs (docs/STRATEGIES.md "Position lifecycle"): a package opens
 * with its entry date, level, size, stop and target; every later run checks the
 * path of the level since the previous run against stop and target, then the
 * horizon and a flip of the signal, and holds the package or closes it with its
 * reason. Stops and targets hit start a cool-down that blocks re-entry.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "instrument.h"
#include "jarr.h"
#include "series.h"
#include "state.h"
#include "strategies.h"

#define PATHMAX 2200	/* dates in a level path, a sigma window or a P&L calendar */

enum { V_HELD, V_STOP, V_TAKE, V_HORIZON, V_FLIP };

/* Why and where a package ends (kind V_HELD: it does not). */
struct verdict {
	int kind;
	day_t when;
	double level;
	char reason[200];
};

/* A strategy's lifecycle parameters (config.strategies.<ID>.*). */
struct lparams {
	double stop_k, take_k;
	int horizon, cooldown, window;
};

/* Package levels that are not one instrument's level: ser[0] - ser[1] - ser[2]. */
static const struct {
	const char *pkg, *ser[3];
} level_defs[] = {
	{ "DI_SLOPE_2Y_5Y", { "BR_DI_5Y", "BR_DI_2Y", NULL } },
	{ "DI_UST_SPREAD_1Y_2Y", { "BR_DI_1Y", "US_UST_2Y", NULL } },
	{ "CIP_BASIS_1Y", { "BR_DI_1Y", "US_UST_2Y", "US_FED_FUNDS" } },
};

/* The series whose difference is the level of instrument; how many (0: unknown). */
static size_t
level_series(const char *instrument, const char *ser[3])
{
	const struct instrument *in;
	size_t i;

	for (i = 0; i < sizeof level_defs / sizeof level_defs[0]; i++)
		if (strcmp(level_defs[i].pkg, instrument) == 0) {
			memcpy(ser, level_defs[i].ser, sizeof level_defs[i].ser);
			return ser[2] != NULL ? 3 : 2;
		}
	if ((in = instrument_find(instrument)) == NULL)
		return 0;
	ser[0] = in->series;
	ser[1] = in->series2;
	ser[2] = NULL;
	return in->series2 != NULL ? 2 : 1;
}

double
lc_level(const struct sctx *c, const char *instrument, day_t d)
{
	const char *ser[3];
	size_t n = level_series(instrument, ser), i;
	double v;

	if (n == 0)
		return NAN;
	v = svalue_at(c, ser[0], d);
	for (i = 1; i < n; i++)
		v -= svalue_at(c, ser[i], d);
	return v;
}

/* The unit of the package's level: the instrument's, "%" for the composites. */
static const char *
pkg_unit(const char *instrument)
{
	const struct instrument *in = instrument_find(instrument);

	return in != NULL ? in->unit : "%";
}

/*
 * Levels on the dates of the level's first series in (from, as_of], oldest first,
 * at most max (the latest); dates where the level is undefined are left out.
 */
static size_t
level_path(const struct sctx *c, const char *instrument, day_t from, size_t max, double *lv,
    day_t *dt)
{
	const char *ser[3];
	double v[PATHMAX];
	size_t n, i, k = 0;

	if (level_series(instrument, ser) == 0)
		return 0;
	n = history(c, ser[0], from, max < PATHMAX ? max : PATHMAX, v, dt);
	for (i = 0; i < n; i++)
		if (!isnan(lv[k] = lc_level(c, instrument, dt[i])))
			dt[k++] = dt[i];
	return k;
}

/* Sample std of the level's last `window` daily changes (>= 20), NAN otherwise. */
static double
level_sigma(const struct sctx *c, const char *instrument, int window)
{
	double lv[PATHMAX], d[PATHMAX];
	day_t dt[PATHMAX];
	size_t n = level_path(c, instrument, -1, (size_t)window + 1, lv, dt), i;

	if (n < 21)
		return NAN;
	for (i = 1; i < n; i++)
		d[i - 1] = lv[i] - lv[i - 1];
	return sample_sd(d, n - 1);
}

/* The lifecycle parameters, range-checked by the table (common/conf_keys.c). */
static void
lparams(const struct sctx *c, struct lparams *lp)
{
	lp->stop_k = sparam(c, "stop_k");
	lp->take_k = sparam(c, "take_k");
	lp->horizon = (int)sparam(c, "horizon_days");
	lp->cooldown = (int)sparam(c, "cooldown_days");
	lp->window = (int)sparam(c, "sigma_window");
	if (lp->window > PATHMAX - 1)
		die(EXIT_SOFTWARE, "sigma_window %d: the table allows more than PATHMAX",
		    lp->window);
}

/* x without the sign of a zero (a flat P&L is 0, not -0). */
static double
nz(double x)
{
	return x == 0 ? 0 : x;
}

/* +1 when the package gains as its level rises, -1 when it gains as it falls. */
static int
fav(const struct lc_pkg *p)
{
	return p->dir * p->gain_sign;
}

/* Stop or target crossed on the path since the previous run, first in time. */
static void
check_path(const struct sctx *c, const struct lc_book *b, const struct lc_pkg *p,
    struct verdict *v)
{
	double lv[PATHMAX];
	day_t dt[PATHMAX];
	size_t n = level_path(c, p->instrument, b->prev_as_of, PATHMAX, lv, dt), i;
	char when[DATE_BUFSZ];

	for (i = 0; i < n; i++) {
		if (!isnan(p->stop) && tidy(fav(p) * (lv[i] - p->stop)) <= 0)
			v->kind = V_STOP;
		else if (!isnan(p->take) && tidy(fav(p) * (lv[i] - p->take)) >= 0)
			v->kind = V_TAKE;
		else
			continue;
		v->when = dt[i];
		v->level = lv[i];
		snprintf(v->reason, sizeof v->reason, "%s %.6g hit at %.6g on %s",
		    v->kind == V_STOP ? "stop-loss" : "take-profit",
		    v->kind == V_STOP ? p->stop : p->take, lv[i], date_format(dt[i], when));
		return;
	}
}

/* The verdict on an open package today, given today's candidates. */
static void
judge(const struct sctx *c, const struct lc_book *b, const struct lc_pkg *p,
    const struct lc_cand *cands, size_t ncand, struct verdict *v)
{
	int held = date_bdays_between(p->entry_date, c->as_of);
	char when[DATE_BUFSZ];
	size_t j;

	memset(v, 0, sizeof *v);
	v->when = c->as_of;
	v->level = lc_level(c, p->instrument, c->as_of);
	check_path(c, b, p, v);
	if (v->kind != V_HELD)
		return;
	if (held >= p->horizon) {
		v->kind = V_HORIZON;
		snprintf(v->reason, sizeof v->reason, "horizon: %d business days since %s "
		    "(horizon %d)", held, date_format(p->entry_date, when), p->horizon);
		return;
	}
	for (j = 0; j < ncand; j++)
		if (strcmp(cands[j].p.instrument, p->instrument) == 0 &&
		    cands[j].p.dir != p->dir) {
			v->kind = V_FLIP;
			snprintf(v->reason, sizeof v->reason, "signal flip: %s after %s",
			    cands[j].p.dir > 0 ? "LONG" : "SHORT", p->dir > 0 ? "LONG" : "SHORT");
			return;
		}
}

/*
 * Return of the package per unit of gross from its entry to day `until` (legs'
 * returns); NAN when a leg has no return on any of those days.
 */
static double
pkg_return(const struct sctx *c, const struct lc_pkg *p, day_t until)
{
	double ret[PATHMAX], total = 0;
	day_t cal[PATHMAX];
	int n = date_bdays_between(p->entry_date, until), k, got;
	const struct instrument *in;
	size_t i;

	if (n > PATHMAX)
		n = PATHMAX;
	for (k = 0; k < n; k++)
		cal[k] = date_add_bdays(p->entry_date, k + 1);
	for (i = 0; i < p->nlegs && n > 0; i++) {
		if ((in = instrument_find(p->leg_id[i])) == NULL)
			return NAN;
		instrument_returns(c->ds, in, cal, (size_t)n, ret);
		for (k = 0, got = 0; k < n; k++)
			if (!isnan(ret[k])) {
				total += p->leg_ratio[i] * ret[k];
				got++;
			}
		if (got == 0)
			return NAN;
	}
	return nz(p->dir * total);
}

static json_t *
legs_json(const struct lc_pkg *p, const char *key, double scale)
{
	json_t *legs = json_array();
	size_t i;

	for (i = 0; i < p->nlegs; i++)
		json_array_append_new(legs, json_pack("{s:s,s:o}", "instrument", p->leg_id[i],
		    key, jnum(p->leg_ratio[i] * scale)));
	return legs;
}

/* The package's fields common to positions and packages. */
static json_t *
pkg_common(const struct lc_pkg *p, const char *status)
{
	const struct instrument *in = instrument_find(p->leg_id[0]);
	char d[DATE_BUFSZ];
	json_t *j = json_object();

	json_object_set_new(j, "strategy_id", json_string(p->strategy));
	json_object_set_new(j, "instrument", json_string(p->instrument));
	json_object_set_new(j, "direction", json_string(p->dir > 0 ? "LONG" : "SHORT"));
	json_object_set_new(j, "package_status", json_string(status));
	json_object_set_new(j, "entry_date", json_string(date_format(p->entry_date, d)));
	json_object_set_new(j, "entry_level", jnum(p->entry_level));
	json_object_set_new(j, "stop_loss", jnum(p->stop));
	json_object_set_new(j, "take_profit", jnum(p->take));
	json_object_set_new(j, "horizon_days", json_integer(p->horizon));
	json_object_set_new(j, "confidence", jnum(p->confidence));
	json_object_set_new(j, "strength", json_string(p->strength));
	json_object_set_new(j, "entry_signal", json_string(p->entry_signal));
	json_object_set_new(j, "asset_class", json_string(asset_class_name(in ?
	    in->asset_class : AC_COUNT)));
	return j;
}

/* A position of strategies.positions from an open package. */
static json_t *
position_json(const struct lc_pkg *p, const char *status, const json_t *inputs)
{
	json_t *j = pkg_common(p, status);

	json_object_set_new(j, "legs", legs_json(p, "weight", p->entry_weight));
	json_object_set_new(j, "weight", jnum(p->entry_weight));
	json_object_set_new(j, "inputs", json_deep_copy(inputs));
	return j;
}

/* A package of strategies.packages: the position's fields plus level, P&L, distance. */
static json_t *
package_json(const struct sctx *c, const struct lc_pkg *p, const char *status,
    const struct verdict *v)
{
	json_t *j = pkg_common(p, status);
	double lv = v->level, pnl = nz(fav(p) * (lv - p->entry_level));
	double dist = nz(fav(p) * (lv - p->stop));
	int pct = strcmp(pkg_unit(p->instrument), "%") == 0;
	char d[DATE_BUFSZ];

	json_object_set_new(j, "legs", legs_json(p, "ratio", 1));
	json_object_set_new(j, "entry_weight", jnum(p->entry_weight));
	json_object_set_new(j, "gain_sign", json_integer(p->gain_sign));
	json_object_set_new(j, "unit", json_string(pkg_unit(p->instrument)));
	json_object_set_new(j, "sigma_daily", jnum(p->sigma));
	json_object_set_new(j, "business_days_held", json_integer(date_bdays_between(
	    p->entry_date, v->when)));
	json_object_set_new(j, "level", jnum(lv));
	json_object_set_new(j, "level_date", json_string(date_format(v->when, d)));
	json_object_set_new(j, "pnl_level", jnum(pnl));
	json_object_set_new(j, "pnl_return", jnum(pkg_return(c, p, v->when)));
	json_object_set_new(j, "distance_to_stop", jnum(dist));
	json_object_set_new(j, "distance_to_stop_sigmas", jnum(p->sigma > 0 ? dist / p->sigma :
	    NAN));
	if (pct) {
		json_object_set_new(j, "pnl_bp", jnum(pnl * 100));
		json_object_set_new(j, "distance_to_stop_bp", jnum(dist * 100));
	}
	if (v->kind != V_HELD) {
		json_object_set_new(j, "close_reason", json_string(v->reason));
		json_object_set_new(j, "close_date", json_string(date_format(v->when, d)));
	}
	return j;
}

/* The running cool-down of (strategy, instrument) on as_of, or NULL. */
static const struct lc_cooldown *
cooling(const struct lc_book *b, const char *strategy, const char *instrument, day_t as_of)
{
	size_t i;

	for (i = 0; i < b->ncool; i++)
		if (b->cool[i].until > as_of && strcmp(b->cool[i].strategy, strategy) == 0 &&
		    strcmp(b->cool[i].instrument, instrument) == 0)
			return &b->cool[i];
	return NULL;
}

static void
add_cooldown(struct lc_book *b, const struct lc_pkg *p, const struct verdict *v, int days)
{
	struct lc_cooldown *k;

	if (days == 0)
		return;
	if (b->ncool == sizeof b->cool / sizeof b->cool[0])
		die(EXIT_DATAERR, "more than %zu cool-downs", b->ncool);
	k = &b->cool[b->ncool++];
	snprintf(k->strategy, sizeof k->strategy, "%s", p->strategy);
	snprintf(k->instrument, sizeof k->instrument, "%s", p->instrument);
	snprintf(k->reason, sizeof k->reason, "%s", v->reason);
	k->until = date_add_bdays(v->when, days);
}

/* A new package from a candidate, stop and target from the level's volatility. */
static void
pkg_open(const struct sctx *c, const struct strategy *s, const struct lparams *lp,
    const struct lc_cand *k, struct lc_pkg *p)
{
	double span;
	size_t i;

	memset(p, 0, sizeof *p);
	snprintf(p->strategy, sizeof p->strategy, "%s", s->id);
	snprintf(p->instrument, sizeof p->instrument, "%s", k->p.instrument);
	for (i = 0; i < k->p.nlegs; i++) {
		snprintf(p->leg_id[i], sizeof p->leg_id[i], "%s", k->p.legs[i].instrument);
		p->leg_ratio[i] = k->p.legs[i].w;
	}
	p->nlegs = k->p.nlegs;
	p->dir = k->p.dir;
	p->gain_sign = k->p.gain_sign;
	p->horizon = lp->horizon;
	p->entry_date = c->as_of;
	p->entry_level = lc_level(c, p->instrument, c->as_of);
	if (isnan(p->entry_level))
		p->entry_level = k->p.level;
	p->entry_weight = k->weight;
	p->confidence = k->p.confidence;
	snprintf(p->strength, sizeof p->strength, "%s", k->strength);
	snprintf(p->entry_signal, sizeof p->entry_signal, "%s", k->entry_signal);
	p->sigma = level_sigma(c, p->instrument, lp->window);
	span = p->sigma * sqrt(p->horizon);
	p->stop = p->sigma > 0 ? p->entry_level - fav(p) * lp->stop_k * span : NAN;
	p->take = p->sigma > 0 ? p->entry_level + fav(p) * lp->take_k * span : NAN;
}

/* Open candidate k unless a cool-down blocks it. */
static void
open_or_block(struct lc_book *b, const struct sctx *c, const struct strategy *s,
    const struct lparams *lp, const struct lc_cand *k, const json_t *inputs,
    struct lc_out *out, json_t *notes)
{
	const struct lc_cooldown *cd = cooling(b, s->id, k->p.instrument, c->as_of);
	struct verdict v = { V_HELD, 0, 0, "" };
	char d[DATE_BUFSZ];
	struct lc_pkg p;

	if (cd != NULL) {
		out->blocked++;
		jarr_appendf(notes, "%s %s: re-entry blocked until %s (%s)", k->p.instrument,
		    k->p.dir > 0 ? "LONG" : "SHORT", date_format(cd->until, d), cd->reason);
		return;
	}
	pkg_open(c, s, lp, k, &p);
	v.when = c->as_of;
	v.level = p.entry_level;
	json_array_append_new(out->positions, position_json(&p, "opened", inputs));
	json_array_append_new(out->packages, package_json(c, &p, "opened", &v));
	out->opened++;
	jarr_appendf(notes, "%s %s opened at %.6g", p.instrument, p.dir > 0 ? "LONG" : "SHORT",
	    p.entry_level);
}

void
lifecycle_strategy(struct lc_book *b, const struct sctx *c, const struct strategy *s,
    const struct lc_cand *cands, size_t ncand, json_t *inputs, struct lc_out *out,
    json_t *notes)
{
	struct lparams lp;
	struct verdict v;
	int used[2] = { 0, 0 };
	char d[DATE_BUFSZ];
	size_t i, j;

	lparams(c, &lp);
	for (i = 0; i < b->nopen; i++) {
		const struct lc_pkg *p = &b->open[i];

		if (strcmp(p->strategy, s->id) != 0)
			continue;
		judge(c, b, p, cands, ncand, &v);
		if (v.kind == V_HELD) {
			for (j = 0; j < ncand && j < 2; j++)
				if (strcmp(cands[j].p.instrument, p->instrument) == 0)
					used[j] = 1;
			json_array_append_new(out->positions, position_json(p, "held", inputs));
			json_array_append_new(out->packages, package_json(c, p, "held", &v));
			out->held++;
			jarr_appendf(notes, "%s %s held since %s", p->instrument, p->dir > 0 ? "LONG" :
			    "SHORT", date_format(p->entry_date, d));
			continue;
		}
		json_array_append_new(out->packages, package_json(c, p, "closed", &v));
		out->closed++;
		jarr_appendf(notes, "%s %s closed: %s", p->instrument, p->dir > 0 ? "LONG" : "SHORT",
		    v.reason);
		if (v.kind == V_STOP || v.kind == V_TAKE)
			add_cooldown(b, p, &v, lp.cooldown);
	}
	for (j = 0; j < ncand && j < 2; j++)
		if (!used[j])
			open_or_block(b, c, s, &lp, &cands[j], inputs, out, notes);
}

json_t *
lc_book_cooldowns(const struct lc_book *b, day_t as_of)
{
	json_t *a = json_array();
	char d[DATE_BUFSZ];
	size_t i;

	for (i = 0; i < b->ncool; i++)
		if (b->cool[i].until > as_of)
			json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:s}", "strategy_id",
			    b->cool[i].strategy, "instrument", b->cool[i].instrument, "until",
			    date_format(b->cool[i].until, d), "reason", b->cool[i].reason));
	return a;
}
