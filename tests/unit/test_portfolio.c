/*
 * step-portfolio's allocator by hand: each limit binding alone (figures worked
 * out below), a DV01-neutral pair kept in ratio when a limit cuts it, the vol
 * target up and down, conflict dampening and regime bands, the limits never left
 * exceeded on random books; trades and the drift rule.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "instrument.h"
#include "xalloc.h"
#include "../../steps/portfolio/portfolio.h"
#include "tap.h"

static struct pconf pc;
static struct book b;

static const double notional5[IK_COUNT] = { 5, 2, 1, 0.5, 0.5, 3 };
static const double class15[IK_COUNT] = { 15, 2, 1, 0.5, 0.5, 4 };

static void
fresh(void)
{
	free(b.pcov);
	memset(&b, 0, sizeof b);
	memset(&pc, 0, sizeof pc);
	memcpy(pc.max_notional, notional5, sizeof notional5);
	memcpy(pc.max_class, class15, sizeof class15);
	pc.nav = 1e9;
	pc.max_gross = 20;
	pc.max_risk_share = 1;
	pc.drift_threshold = 0.05;
	pc.min_trade = 0.01;
	pc.conflict_dampening = 0.6;
	pc.target_vol = 0.10;
}

static int
ix(const char *id)
{
	return (int)(instrument_find(id) - instruments);
}

/* A package of size `size` with legs (id, ratio) x n. */
static struct pkg *
P(double size, int n, ...)
{
	struct pkg *p = &b.p[b.np++];
	va_list ap;
	int j;

	memset(p, 0, sizeof *p);
	p->sid = "TEST";
	p->size = size;
	p->budget = 1;
	va_start(ap, n);
	for (j = 0; j < n; j++) {
		p->ins[j] = ix(va_arg(ap, const char *));
		p->leg[j] = va_arg(ap, double);
		b.l[p->ins[j]].active = 1;
	}
	va_end(ap);
	p->nleg = n;
	return p;
}

/* Diagonal package covariance of daily variances v[0..np-1]; the groups. */
static void
diag_cov(const double *v)
{
	size_t p;

	b.pcov = xcalloc(b.np * b.np, sizeof *b.pcov);
	for (p = 0; p < b.np; p++)
		b.pcov[p * b.np + p] = v[p];
	book_group(&b);
}

static double
W(const char *id)
{
	return b.l[ix(id)].w;
}

/* The binding flags of the four limits as a 4-character string. */
static const char *
binding(json_t *c)
{
	static char s[5];
	size_t i;

	for (i = 0; i < 4; i++)
		s[i] = json_is_true(json_object_get(json_array_get(c, i), "binding")) ? 'B' : '-';
	s[4] = '\0';
	return s;
}

static double
cutv(json_t *c, size_t i, const char *key)
{
	return json_number_value(json_object_get(json_array_get(c, i), key));
}

static void
test_each_alone(void)
{
	json_t *c;

	/* DI_1Y at 7 x NAV (rate cap 5): cut to 5; USDBRL 0.5 (fx cap 1) untouched. */
	fresh();
	P(7, 1, "DI_1Y", 1.0);
	P(0.5, 1, "USDBRL", -1.0);
	book_weights(&b);
	c = book_constrain(&b, &pc);
	check_str(binding(c), "B---", "per-instrument notional binds alone");
	check_dbl(W("DI_1Y"), 5, 1e-12, "notional: DI_1Y 7 -> 5, at the cap, not under it");
	check_dbl(W("USDBRL"), -0.5, 1e-15, "notional: USDBRL untouched");
	check_dbl(cutv(c, 0, "cut_notional"), 2, 1e-12, "notional: cut 2 x NAV reported");
	check_dbl(cutv(c, 0, "cut_notional_brl"), 2e9, 1e-3, "notional: cut BRL 2e9");
	json_decref(c);

	/* Exactly at the cap is not above it. */
	fresh();
	P(5, 1, "DI_1Y", 1.0);
	book_weights(&b);
	c = book_constrain(&b, &pc);
	check_str(binding(c), "----", "a weight exactly at its cap does not bind");
	json_decref(c);

	/* Rates 4 + 4 + 4 + 4 = 16 > 15: both packages on rates x 15/16. */
	fresh();
	P(4, 2, "DI_1Y", 1.0, "DI_2Y", -1.0);
	P(4, 2, "DI_5Y", 1.0, "UST_2Y", 1.0);
	P(0.9, 1, "USDBRL", 1.0);
	book_weights(&b);
	c = book_constrain(&b, &pc);
	check_str(binding(c), "-B--", "class notional binds alone");
	check_dbl(W("DI_2Y"), -4 * 15.0 / 16, 1e-12, "class: DI_2Y -4 -> -3.75");
	check_dbl(W("UST_2Y"), 4 * 15.0 / 16, 1e-12, "class: UST_2Y keeps its ratio");
	check_dbl(W("USDBRL"), 0.9, 1e-15, "class: fx untouched");
	check_dbl(cutv(c, 1, "cut_notional"), 1, 1e-12, "class: cut 1 x NAV");
	json_decref(c);

	/* Gross 2 + 0.8 + 0.4 = 3.2 > 2: everything x 2/3.2. */
	fresh();
	pc.max_gross = 2;
	P(2, 1, "DI_1Y", 1.0);
	P(0.8, 1, "USDBRL", 1.0);
	P(0.4, 1, "IBOVESPA", -1.0);
	book_weights(&b);
	c = book_constrain(&b, &pc);
	check_str(binding(c), "--B-", "gross notional binds alone");
	check_dbl(W("IBOVESPA"), -0.4 * 2 / 3.2, 1e-15, "gross: IBOVESPA x 2/3.2");
	json_decref(c);
}

/*
 * Risk share: three uncorrelated packages, daily variances 4, 1, 1 (x1e-4) at
 * size 1: shares 2/3, 1/6, 1/6. Limit 0.5: 4a^2 / (4a^2 + 2) = 0.5 -> a = sqrt(0.5).
 * Vol before sqrt(252 x 6e-4), after sqrt(252 x 4e-4).
 */
static void
test_risk_share(void)
{
	const double v[3] = { 4e-4, 1e-4, 1e-4 };
	json_t *c;

	fresh();
	pc.max_risk_share = 0.5;
	P(1, 1, "DI_1Y", 1.0);
	P(1, 1, "DI_2Y", 1.0)->sid = "B";
	P(1, 1, "DI_5Y", 1.0)->sid = "C";
	diag_cov(v);
	book_weights(&b);
	c = book_constrain(&b, &pc);
	check_str(binding(c), "---B", "risk share binds alone");
	check_dbl(b.p[0].size, sqrt(0.5), 1e-9, "risk share: size 1 -> sqrt(1/2)");
	check_dbl(b.p[0].risk_share, 0.5, 1e-9, "risk share: at the limit");
	check_dbl(cutv(c, 3, "cut_vol"), sqrt(252 * 6e-4) - sqrt(252 * 4e-4), 1e-9,
	    "risk share: the vol it cut");
	check_dbl(b.ex_ante_vol, sqrt(252 * 4e-4), 1e-9, "risk share: ex-ante vol after");
	json_decref(c);

	/* Two packages: 2 x 0.5 = 1, the limit cannot bind and is not checked. */
	fresh();
	pc.max_risk_share = 0.5;
	P(1, 1, "DI_1Y", 1.0);
	P(1, 1, "DI_2Y", 1.0);
	diag_cov(v);
	book_weights(&b);
	c = book_constrain(&b, &pc);
	check_str(binding(c), "----", "risk share with 1/n >= limit is not checked");
	json_decref(c);
}

/*
 * A DV01-neutral steepener (receive DI_2Y, pay DI_5Y at ratio D2/D5, D = t/(1+y)
 * at y = 10 %: D2 = 2/1.1, D5 = 5/1.1, ratio 0.4) cut by the DI_2Y cap: the pair
 * keeps its ratio, so its DV01 stays zero; netted with a second neutral pair on
 * DI_5Y / DI_10Y (ratio 0.5) the book's DV01 is still zero.
 */
static void
test_dv01_pair(void)
{
	double d[3] = { 2 / 1.1, 5 / 1.1, 10 / 1.1 }, dv01;
	json_t *c;

	fresh();
	P(8, 2, "DI_2Y", 1.0, "DI_5Y", -0.4);
	P(2, 2, "DI_5Y", 1.0, "DI_10Y", -0.5);
	book_weights(&b);
	c = book_constrain(&b, &pc);
	check(json_is_true(json_object_get(json_array_get(c, 0), "binding")),
	    "DV01 pair: DI_2Y 8 above its cap 5");
	check_dbl(W("DI_2Y"), 5, 1e-12, "DV01 pair: DI_2Y at the cap");
	check_dbl(b.p[0].size, 5, 1e-12, "DV01 pair: the package is cut, not the leg");
	dv01 = W("DI_2Y") * d[0] + W("DI_5Y") * d[1] + W("DI_10Y") * d[2];
	check(fabs(dv01) <= 0.05 * W("DI_2Y") * d[0] && fabs(dv01) < 1e-12,
	    "DV01 pair: net DV01 of the netted book 0 (<= 5 % of a leg)");
	json_decref(c);
}

static json_t *
agg_state(double score, const char *conflict)
{
	return json_pack("{s:{s:{s:f},s:[s?]}}", "aggregate", "regime", "score", score,
	    "conflict_classes", conflict);
}

/*
 * Vol target both ways: allocator sizes 0.5 / 0.5 on uncorrelated packages of
 * daily variance 1e-4 and 4e-4: vol sqrt(252 (0.25e-4 + 1e-4)) = 0.1775; RISK_ON
 * (x1) scales by 0.1/0.1775 (down); with variances / 100, by 10x that (up).
 * RISK_OFF targets 0.04. Dampening then cuts the FX package by 0.6.
 */
static void
test_vol_target(void)
{
	static const struct {
		double score, scale;
		const char *label;
	} bands[] = {
		{ 0.3, 0.7, "NEUTRAL" }, { 0.31, 0.4, "RISK_OFF" }, { -0.3, 0.7, "NEUTRAL" },
		{ -0.31, 1.0, "RISK_ON" },
	};
	double v[2] = { 1e-4, 4e-4 }, v0 = sqrt(252 * 1.25e-4);
	json_t *st;
	size_t i;

	for (i = 0; i < 4; i++) {
		char name[80];

		fresh();
		P(0, 1, "DI_1Y", 1.0)->erc = 0.5;
		P(0, 1, "IBOVESPA", 1.0)->erc = 0.5;
		diag_cov(v);
		st = agg_state(bands[i].score, NULL);
		book_size(&b, st, &pc);
		snprintf(name, sizeof name, "regime score %g: %s, book vol 0.1 x %g",
		    bands[i].score, bands[i].label, bands[i].scale);
		check(strcmp(b.regime, bands[i].label) == 0 &&
		    fabs(book_vol(&b) - 0.1 * bands[i].scale) < 1e-12, name);
		json_decref(st);
	}
	fresh();
	P(0, 1, "DI_1Y", 1.0)->erc = 0.5;
	P(0, 1, "IBOVESPA", 1.0)->erc = 0.5;
	diag_cov(v);
	st = agg_state(-0.5, NULL);
	book_size(&b, st, &pc);
	check_dbl(b.vol_scale, 0.1 / v0, 1e-12, "vol target scales down");
	check_dbl(W("IBOVESPA"), 0.5 * 0.1 / v0, 1e-12, "vol target: IBOVESPA weight");
	json_decref(st);
	fresh();
	P(0, 1, "DI_1Y", 1.0)->erc = 0.5;
	P(0, 1, "USDBRL", 1.0)->erc = 0.5;
	b.p[1].dampened = 1;		/* book_net sets it from the conflict classes */
	v[0] /= 100;
	v[1] /= 100;
	diag_cov(v);
	st = agg_state(-0.5, "FX");
	book_size(&b, st, &pc);
	check_dbl(b.vol_scale, 10 * 0.1 / v0, 1e-12, "vol target scales up (x10 the above)");
	check_dbl(b.vol_sized, 0.1, 1e-12, "vol target: book at 10 % before dampening");
	check_dbl(W("USDBRL"), 0.6 * 0.5 * 10 * 0.1 / v0, 1e-12,
	    "conflict dampening cuts the FX package x0.6 after the target");
	check_dbl(W("DI_1Y"), 0.5 * 10 * 0.1 / v0, 1e-12, "dampening leaves DI_1Y");
	check_dbl(b.vol_dampened, sqrt(252 * (1e-6 * W("DI_1Y") * W("DI_1Y") +
	    4e-6 * W("USDBRL") * W("USDBRL"))), 1e-12, "vol after dampening");
	json_decref(st);
}

/* Instrument covariance: DI_1Y and USDBRL uncorrelated, daily variances 1e-4, 4e-4. */
static void
two_instruments(void)
{
	b.k = 2;
	b.row[ix("DI_1Y")] = 0;
	b.row[ix("USDBRL")] = 1;
	b.cov[0] = 1e-4;
	b.cov[3] = 4e-4;
}

/*
 * Opposite views on one instrument net before the budgets: DI_1Y receive
 * (budget 1), pay (0.6) and pay (0.3) are one group of net budget 0.1; USDBRL
 * (1) another. ERC on two uncorrelated assets with budgets 0.1 : 1:
 * S0^2 1e-4 / (S1^2 4e-4) = 0.1, S0 = sqrt(0.4) S1, S0 + S1 = 1. The packages of
 * the group share S0 by budget (S0 x 10, 6, 3: net S0). The vol target keeps
 * the budget left, 1.1 / 2.9 of 10 %.
 */
static void
test_opposite_views(void)
{
	double s1 = 1 / (1 + sqrt(0.4)), s0 = sqrt(0.4) * s1;
	json_t *st = agg_state(-0.5, NULL);

	fresh();
	P(0, 1, "DI_1Y", 1.0);
	P(0, 1, "DI_1Y", -1.0)->budget = 0.6;
	P(0, 1, "DI_1Y", -1.0)->budget = 0.3;
	P(0, 1, "USDBRL", 1.0);
	two_instruments();
	book_solve(&b);
	check(b.ng == 2 && b.p[2].group == 0 && b.p[2].gsign == -1, "three DI_1Y views: one group");
	check_dbl(b.gbudget[0], 0.1, 1e-15, "group budget 1 - 0.6 - 0.3 = 0.1");
	check_dbl(b.p[0].erc, s0 * 10, 1e-9, "receive view sized S0 x 1/0.1");
	check_dbl(b.p[1].erc, s0 * 6, 1e-9, "pay view sized S0 x 0.6/0.1");
	check_dbl(b.p[3].erc, s1, 1e-9, "USDBRL sized S1");
	book_size(&b, st, &pc);
	check_dbl(W("DI_1Y") / W("USDBRL"), sqrt(0.4), 1e-9, "net DI_1Y / USDBRL = sqrt(0.4)");
	check_dbl(book_vol(&b), 0.1 * 1.1 / 2.9, 1e-12, "vol target x budget kept 1.1/2.9");

	fresh();
	P(0, 1, "DI_1Y", 1.0);
	P(0, 1, "DI_1Y", -1.0);
	P(0, 1, "USDBRL", 1.0);
	two_instruments();
	book_solve(&b);
	book_size(&b, st, &pc);
	check(W("DI_1Y") == 0 && b.p[0].size == 0 && b.p[1].size == 0,
	    "two equal opposite views cancel: no DI_1Y");
	check_dbl(book_vol(&b), 0.1 / 3, 1e-12, "the rest sized to 10 % x 1/3 of the budget");
	json_decref(st);
}

/* Random books: after the limits nothing is above a limit, every ratio kept. */
static void
test_random_books(void)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	int k, ok = 1, ratio = 1;
	size_t i, p;

	gsl_rng_set(r, 42);
	for (k = 0; k < 500; k++) {
		json_t *c;
		double g = 0, cls[IK_COUNT] = { 0 };

		fresh();
		pc.max_gross = 2 + 20 * gsl_rng_uniform(r);
		for (p = 0; p < 6; p++) {
			struct pkg *q = P(10 * gsl_rng_uniform(r), 2,
			    instruments[gsl_rng_uniform_int(r, n_instruments)].id, 1.0,
			    instruments[gsl_rng_uniform_int(r, n_instruments)].id,
			    2 * gsl_rng_uniform(r) - 1);

			if (q->ins[0] == q->ins[1])
				q->nleg = 1;
		}
		book_weights(&b);
		c = book_constrain(&b, &pc);
		for (i = 0; i < n_instruments; i++) {
			g += fabs(b.l[i].w);
			cls[instruments[i].kind] += fabs(b.l[i].w);
			ok &= fabs(b.l[i].w) <= pc.max_notional[instruments[i].kind] * (1 + 1e-9);
		}
		for (i = 0; i < IK_COUNT; i++)
			ok &= cls[i] <= pc.max_class[i] * (1 + 1e-9);
		ok &= g <= pc.max_gross * (1 + 1e-9);
		for (p = 0; p < b.np; p++)
			ratio &= b.p[p].nleg == 1 || b.p[p].leg[0] == 1.0;
		json_decref(c);
	}
	check(ok, "500 random books: no instrument, kind or gross above its limit");
	check(ratio, "500 random books: the package legs are never rescaled");
	gsl_rng_free(r);
}

static void
test_trades(void)
{
	json_t *st, *tr, *w;
	const char *src;
	int reb;

	fresh();
	b.l[ix("DI_1Y")].active = 1;
	b.l[ix("DI_1Y")].w = 0.2;
	b.l[ix("USDBRL")].active = 1;
	b.l[ix("USDBRL")].w = -0.1;
	st = json_pack("{s:{s:{s:f,s:f}}}", "config", "previous_weights", "DI_1Y", 0.16,
	    "USDBRL", -0.1);
	tr = book_trades(&b, st, &pc, &src, &reb, &w);
	check(strcmp(src, "config") == 0 && reb == 0 && json_array_size(tr) == 0,
	    "drift 0.04 <= 0.05: no trades, no rebalance");
	check_dbl(json_number_value(json_object_get(w, "DI_1Y")), 0.16, 0,
	    "drift within threshold: previous weights kept");
	json_decref(tr);
	json_decref(w);
	json_decref(st);
	st = json_pack("{s:{s:{s:f,s:f,s:f}}}", "config", "previous_weights", "DI_1Y", 0.1,
	    "USDBRL", -0.105, "IBOVESPA", 0.05);
	tr = book_trades(&b, st, &pc, &src, &reb, &w);
	/* Deltas: IBOVESPA -0.05 (closed), DI_1Y +0.1, USDBRL +0.005 (< 0.01: no trade). */
	check_int((long long)json_array_size(tr), 2, "drift 0.1: two trades above 0.01");
	check_str(json_string_value(json_object_get(json_array_get(tr, 0), "instrument")),
	    "DI_1Y", "trades sorted by instrument");
	check_dbl(json_number_value(json_object_get(json_array_get(tr, 1), "delta")), -0.05,
	    1e-15, "closing IBOVESPA trades -0.05");
	check(reb == 1, "rebalance needed");
	json_decref(tr);
	json_decref(w);
	json_decref(st);
	st = json_pack("{s:{s:s}}", "config", "previous_portfolio_file", "/nonexistent/p.json");
	tr = book_trades(&b, st, &pc, &src, &reb, &w);
	check(strcmp(src, "none") == 0 && json_array_size(tr) == 2,
	    "unreadable previous file: ignored, trades from zero");
	json_decref(tr);
	json_decref(w);
	json_decref(st);
	/*
	 * The previous book was empty (a run without positions): there are no current
	 * weights to keep (the reference's `if not rebalance_needed and current_weights`
	 * is false for {}), so a new book whose weights are all within the drift
	 * threshold is still put on: DI_1Y 0.03 is a trade of 0.03, not a flat book.
	 */
	fresh();
	b.l[ix("DI_1Y")].active = 1;
	b.l[ix("DI_1Y")].w = 0.03;
	st = json_pack("{s:{s:{}}}", "config", "previous_weights");
	tr = book_trades(&b, st, &pc, &src, &reb, &w);
	check(strcmp(src, "config") == 0 && reb == 1 && json_array_size(tr) == 1,
	    "empty previous book, new DI_1Y 0.03: one trade, rebalance");
	check_dbl(json_number_value(json_object_get(w, "DI_1Y")), 0.03, 0,
	    "empty previous book: the target is the new weight, not an empty book");
	check_dbl(json_number_value(json_object_get(json_array_get(tr, 0), "delta")), 0.03, 0,
	    "empty previous book: DI_1Y trades 0.03");
	json_decref(tr);
	json_decref(w);
	json_decref(st);
}

int
main(void)
{
	test_each_alone();
	test_risk_share();
	test_dv01_pair();
	test_vol_target();
	test_opposite_views();
	test_random_books();
	test_trades();
	free(b.pcov);
	return test_done();
}
