/*
 * The six stress scenarios of docs/MODELS.md 7.2 with the reference's shocks,
 * translated onto our instruments (docs/RISK.md "Stress mapping"). Each shock
 * gives the return e_j of a LONG of weight 1 in instrument j; the position P&L
 * is w_j e_j (fractions of NAV), the scenario P&L their sum.
 *   DI_PRE  +0.02 = +200 bp on every DI tenor: e = -D dy, D = T/(1 + y/100)
 *   UST_NOM +0.01 = +100 bp on UST_2Y/10Y:  e = -D dy, D of a par bond at y
 *   NTN_B_REAL -0.08 = -8 % on the NTN-B price: e = shock
 *   BREAKEVEN_2Y (DI_PRE and NTN_B_REAL both shocked): the real yield moves by
 *     -shock/D(NTNB_5Y), the breakeven by dy_DI - dy_real, e = D(DI_2Y) dbe
 *   USDBRL +0.15 = +15 % spot (a long USD gains 0.15); IBOVESPA, SP500, OIL
 *     likewise on prices
 *   CDS_BR +0.40 = the spread widens by 40 % of its level: e = A 0.40 s/10000,
 *     A the risky annuity of instrument.h (bought protection gains)
 * An instrument outside our table takes the reference's lookup (exact key, then
 * the first key it starts with) and e = shock. No match: unaffected.
 * Reverse stress: the multiple m in [0.01, 5] of the scenario that loses
 * max_loss, by bisection (tolerance 1e-6, at most 100 steps); null with a reason
 * when the scenario does not lose or 5 times it loses less.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "instrument.h"
#include "risk.h"
#include "state.h"

enum { S_USDBRL, S_DI_PRE, S_NTN_B_REAL, S_IBOVESPA, S_SP500, S_OIL, S_UST_NOM, S_CDS_BR, S_N };
static const char *const shock_keys[S_N] = {
	"USDBRL", "DI_PRE", "NTN_B_REAL", "IBOVESPA", "SP500", "OIL", "UST_NOM", "CDS_BR"
};
#define NO NAN
static const struct scenario {
	const char *name, *period;
	double s[S_N];
} scenarios[] = {
	{ "Taper Tantrum 2013", "2013-05/2013-08",
	    { .15, .02, -.08, -.15, NO, NO, .01, NO } },
	{ "BR Crisis 2015", "2015-09/2016-02",
	    { .30, .04, -.15, -.25, NO, NO, NO, NO } },
	{ "COVID 2020", "2020-02/2020-03",
	    { .20, .02, NO, -.35, -.30, -.50, NO, NO } },
	{ "Rate Shock 2022", "2022-10/2022-11",
	    { .25, .05, -.12, NO, NO, NO, NO, NO } },
	{ "BR Fiscal Crisis (Teto de Gastos)", "2015-09/2016-03",
	    { .25, .035, -.10, -.18, NO, NO, NO, .40 } },
	{ "Global Risk-Off (Geopolitical)", "2020-02/2020-03",
	    { .20, .015, NO, -.30, -.25, -.40, -.005, .30 } },
};
#define NSCEN (sizeof(scenarios) / sizeof(scenarios[0]))

static double
level(const struct risk_input *in, const char *id, double def)
{
	const struct instrument *ins = instrument_find(id);
	double y = ins ? in->level[ins - instruments] : NAN;

	return isfinite(y) ? y : def;
}

static double
cds_annuity(const struct risk_input *in, double s, double tenor)
{
	double r = (isfinite(in->ust5y) ? in->ust5y : 4.0) / 100, lam = s / 10000 / 0.6;

	return fabs(r + lam) < 1e-12 ? tenor : (1 - exp(-(r + lam) * tenor)) / (r + lam);
}

/* e for one of our instruments; NAN when the scenario does not touch it. */
static double
table_effect(const struct risk_input *in, const struct instrument *ins, const double *s)
{
	const char *id = ins->id;
	double y = level(in, id, 0), dreal, sp;

	if (strncmp(id, "DI_", 3) == 0)
		return -ins->tenor / (1 + y / 100) * s[S_DI_PRE];
	if (strncmp(id, "UST_", 4) == 0)
		return -par_bond_duration(y, ins->tenor) * s[S_UST_NOM];
	if (strncmp(id, "NTNB_", 5) == 0)
		return s[S_NTN_B_REAL];
	if (strncmp(id, "BREAKEVEN_", 10) == 0) {
		dreal = -s[S_NTN_B_REAL] / par_bond_duration(level(in, "NTNB_5Y", 0), 5);
		return ins->tenor / (1 + level(in, "DI_2Y", 0) / 100) * (s[S_DI_PRE] - dreal);
	}
	if (strncmp(id, "CDS_", 4) == 0) {
		sp = level(in, id, NAN);
		return cds_annuity(in, sp, ins->tenor) * s[S_CDS_BR] * sp / 10000;
	}
	if (strcmp(id, "USDBRL") == 0)
		return s[S_USDBRL];
	if (strcmp(id, "IBOVESPA") == 0)
		return s[S_IBOVESPA];
	return NAN;
}

/* The reference's lookup for an id outside the table. */
static double
lookup_effect(const char *id, const double *s)
{
	size_t i;

	for (i = 0; i < S_N; i++)
		if (strcmp(id, shock_keys[i]) == 0)
			return s[i];
	for (i = 0; i < S_N; i++)
		if (strncmp(id, shock_keys[i], strlen(shock_keys[i])) == 0)
			return s[i];
	return NAN;
}

/* Bisection for base * m = -loss; NAN with a reason when infeasible. */
static double
reverse_multiple(double base, double loss, char *why, size_t whysz)
{
	double lo = 0.01, hi = 5, mid = hi;
	int it;

	if (!(base < 0)) {
		snprintf(why, whysz, "scenario does not lose");
		return NAN;
	}
	if (base * hi > -loss) {
		snprintf(why, whysz, "5x the scenario loses only %.2f%%", -base * hi * 100);
		return NAN;
	}
	for (it = 0; it < 100 && hi - lo > 1e-6; it++) {
		mid = (lo + hi) / 2;
		if (base * mid > -loss)
			lo = mid;
		else
			hi = mid;
	}
	why[0] = '\0';
	return hi;
}

static json_t *
shocks_json(const struct scenario *sc)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; i < S_N; i++)
		if (isfinite(sc->s[i]))
			json_object_set_new(o, shock_keys[i], json_real(sc->s[i]));
	return o;
}

static json_t *
one_scenario(const struct risk_input *in, const struct scenario *sc, double max_loss)
{
	json_t *pos = json_object(), *o;
	double total = 0, e, pnl, worst = INFINITY, mult;
	size_t j, hit = 0, worst_j = 0;
	char why[96];

	for (j = 0; j < in->k; j++) {
		e = in->ins[j] ? table_effect(in, in->ins[j], sc->s) :
		    lookup_effect(in->id[j], sc->s);
		pnl = isfinite(e) ? in->w[j] * e : 0;
		hit += isfinite(e);
		total += pnl;
		json_object_set_new(pos, in->id[j], jnum(pnl));
		if (pnl < worst)
			worst = pnl, worst_j = j;
	}
	mult = reverse_multiple(total, max_loss, why, sizeof(why));
	o = json_pack("{s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:I,s:I,s:o,s:o}",
	    "scenario", sc->name, "period", sc->period, "shocks", shocks_json(sc),
	    "pnl_pct", jnum(total), "position_pnl", pos,
	    "worst_position", in->k ? json_string(in->id[worst_j]) : json_null(),
	    "worst_position_pnl", in->k ? jnum(worst) : json_null(),
	    "positions_impacted", (json_int_t)hit,
	    "positions_unaffected", (json_int_t)(in->k - hit),
	    "reverse_multiple", jnum(mult),
	    "reverse_reason", why[0] ? json_string(why) : json_null());
	if (2 * (in->k - hit) > in->k)
		json_object_set_new(o, "warning", json_string("more than half the positions "
		    "are not affected by this scenario"));
	return o;
}

json_t *
stress_run(const struct risk_input *in, double max_loss)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < NSCEN; i++)
		json_array_append_new(arr, one_scenario(in, &scenarios[i], max_loss));
	return arr;
}
