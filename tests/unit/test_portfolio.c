/*
 * step-portfolio's allocator by hand: each constraint binding alone, all three
 * together (every figure worked out below), leverage never above its limit on
 * random books; the conviction overlay, conflict dampening and regime bands;
 * trades and the drift rule.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "instrument.h"
#include "../../steps/portfolio/portfolio.h"
#include "tap.h"

static struct pconf pc;
static struct book b;

static void
fresh(double single, double cls, double lev)
{
	memset(&b, 0, sizeof b);
	memset(&pc, 0, sizeof pc);
	pc.max_single = single;
	pc.max_class = cls;
	pc.max_leverage = lev;
	pc.drift_threshold = 0.05;
	pc.min_trade = 0.01;
	pc.conflict_dampening = 0.6;
}

static struct line *
L(const char *id)
{
	struct line *ln = &b.l[instrument_find(id) - instruments];

	ln->active = 1;
	return ln;
}

static double
W(const char *id)
{
	return b.l[instrument_find(id) - instruments].w;
}

/* The binding flags of the three constraints as a 3-character string. */
static const char *
binding(json_t *c)
{
	static char s[4];
	size_t i;

	for (i = 0; i < 3; i++)
		s[i] = json_is_true(json_object_get(json_array_get(c, i), "binding")) ? 'B' : '-';
	s[3] = '\0';
	json_decref(c);
	return s;
}

static void
test_each_alone(void)
{
	fresh(0.25, 0.5, 3);
	L("DI_1Y")->w = 0.4;
	L("USDBRL")->w = -0.1;
	check_str(binding(book_constrain(&b, &pc)), "B--", "single position binds alone");
	check_dbl(W("DI_1Y"), 0.25, 1e-15, "single: DI_1Y 0.4 -> 0.25");
	check_dbl(W("USDBRL"), -0.1, 1e-15, "single: USDBRL untouched");

	fresh(0.25, 0.5, 3);
	L("DI_1Y")->w = 0.2;
	L("DI_2Y")->w = -0.2;
	L("DI_5Y")->w = 0.2;
	L("USDBRL")->w = 0.2;
	check_str(binding(book_constrain(&b, &pc)), "-B-", "asset class binds alone");
	/* Fixed income 0.6 scaled by 0.5/0.6. */
	check_dbl(W("DI_2Y"), -0.2 * 0.5 / 0.6, 1e-15, "class: DI_2Y -0.2 -> -1/6");
	check_dbl(W("USDBRL"), 0.2, 1e-15, "class: FX untouched");

	fresh(1, 2, 1);
	L("DI_1Y")->w = 0.5;
	L("USDBRL")->w = -0.5;
	L("IBOVESPA")->w = 0.5;
	check_str(binding(book_constrain(&b, &pc)), "--B", "gross leverage binds alone");
	check_dbl(W("IBOVESPA"), 0.5 / 1.5, 1e-15, "leverage: scaled by 1/1.5");
}

/* With the buffer, a binding constraint stops that far inside its limit. */
static void
test_buffer(void)
{
	json_t *c;

	fresh(0.25, 0.5, 0.6);
	pc.limit_buffer = 1e-4;
	L("DI_1Y")->w = 0.4;
	L("USDBRL")->w = -0.25;
	L("IBOVESPA")->w = 0.1;
	c = book_constrain(&b, &pc);
	check_dbl(W("DI_1Y"), 0.2499, 1e-15, "buffer: DI_1Y 0.4 -> 0.25 - 1e-4");
	/* USDBRL sat on the limit: also brought 1e-4 inside. */
	check_dbl(W("USDBRL"), -0.2499, 1e-15, "buffer: USDBRL -0.25 -> -0.2499");
	/* Gross .2499 + .2499 + .1 = .5998 <= .6 - 1e-4 = .5999: leverage does not bind. */
	check_dbl(json_number_value(json_object_get(json_array_get(c, 0), "limit")), 0.25, 0,
	    "buffer: the reported limit is the configured one");
	check_str(binding(c), "B--", "buffer: only the single-position constraint binds");
}

static void
test_all_together(void)
{
	fresh(0.6, 0.8, 1.2);
	L("DI_1Y")->w = 0.9;
	L("DI_2Y")->w = -0.6;
	L("DI_5Y")->w = 0.3;
	L("USDBRL")->w = 0.8;
	L("IBOVESPA")->w = -0.7;
	check_str(binding(book_constrain(&b, &pc)), "BBB", "all three bind");
	/*
	 * single: DI_1Y .6, USDBRL .6, IBOVESPA -.6; class FI .6+.6+.3 = 1.5 -> x 0.8/1.5:
	 * DI_1Y .32, DI_2Y -.32, DI_5Y .16; gross .8 + .6 + .6 = 2.0 -> x 0.6.
	 */
	check_dbl(W("DI_1Y"), 0.192, 1e-15, "all: DI_1Y 0.192");
	check_dbl(W("DI_2Y"), -0.192, 1e-15, "all: DI_2Y -0.192");
	check_dbl(W("DI_5Y"), 0.096, 1e-15, "all: DI_5Y 0.096");
	check_dbl(W("USDBRL"), 0.36, 1e-15, "all: USDBRL 0.36");
	check_dbl(W("IBOVESPA"), -0.36, 1e-15, "all: IBOVESPA -0.36");
}

static void
test_random_books(void)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	int k, ok = 1;
	size_t i;

	gsl_rng_set(r, 42);
	for (k = 0; k < 500; k++) {
		double g = 0, cls[AC_COUNT] = { 0 };

		fresh(0.25 + gsl_rng_uniform(r), 0.5 + gsl_rng_uniform(r), 0.5 + 3 * gsl_rng_uniform(r));
		for (i = 0; i < n_instruments; i++) {
			b.l[i].active = 1;
			b.l[i].w = 4 * (gsl_rng_uniform(r) - 0.5);
		}
		json_decref(book_constrain(&b, &pc));
		for (i = 0; i < n_instruments; i++) {
			g += fabs(b.l[i].w);
			cls[instruments[i].asset_class] += fabs(b.l[i].w);
			ok &= fabs(b.l[i].w) <= pc.max_single + 1e-12;
		}
		for (i = 0; i < AC_COUNT; i++)
			ok &= cls[i] <= pc.max_class + 1e-12;
		ok &= g <= pc.max_leverage + 1e-12;
	}
	check(ok, "500 random books: single, class and gross limits all hold afterwards");
	gsl_rng_free(r);
}

static json_t *
agg_state(double score, const char *conflict)
{
	return json_pack("{s:{s:{s:f},s:[s?]}}", "aggregate", "regime", "score", score,
	    "conflict_classes", conflict);
}

static void
test_overlay(void)
{
	static const struct {
		double score, scale;
		const char *label;
	} bands[] = {
		{ 0.3, 0.7, "NEUTRAL" }, { 0.31, 0.4, "RISK_OFF" }, { -0.3, 0.7, "NEUTRAL" },
		{ -0.31, 1.0, "RISK_ON" },
	};
	json_t *st;
	size_t i;

	for (i = 0; i < 4; i++) {
		char name[64];

		fresh(0.25, 0.5, 3);
		st = agg_state(bands[i].score, NULL);
		book_overlay(&b, st, &pc);
		snprintf(name, sizeof name, "regime score %g: %s x%g", bands[i].score,
		    bands[i].label, bands[i].scale);
		check(strcmp(b.regime, bands[i].label) == 0 && b.regime_scale == bands[i].scale, name);
		json_decref(st);
	}
	/* rp 0.5 / -0.5; conviction 0.9 x 1.0 and max(0.3 x 0.3, 0.1) = 0.1. */
	fresh(0.25, 0.5, 3);
	L("DI_1Y")->rp = 0.5;
	b.l[0].conv_sum = 0.9;
	b.l[0].conv_n = 1;
	L("USDBRL")->rp = -0.5;
	b.l[instrument_find("USDBRL") - instruments].conv_sum = 0.09;
	b.l[instrument_find("USDBRL") - instruments].conv_n = 1;
	st = agg_state(-0.5, "FX");
	book_overlay(&b, st, &pc);
	/* 0.45 : -0.05 rescaled to gross 1: 0.9 : -0.1; FX dampened x0.6; RISK_ON x1. */
	check_dbl(b.l[0].conv, 0.9, 1e-15, "conviction: DI_1Y 0.9");
	check_dbl(W("USDBRL"), -0.1 * 0.6, 1e-15, "conflict in FX: USDBRL x0.6");
	check_dbl(W("DI_1Y"), 0.9, 1e-15, "no conflict in FI: DI_1Y kept");
	json_decref(st);
}

static void
test_trades(void)
{
	json_t *st, *tr, *w;
	const char *src;
	int reb;

	fresh(0.25, 0.5, 3);
	L("DI_1Y")->w = 0.2;
	L("USDBRL")->w = -0.1;
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
	fresh(0.25, 0.5, 3);
	L("DI_1Y")->w = 0.03;
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
	test_buffer();
	test_all_together();
	test_random_books();
	test_overlay();
	test_trades();
	return test_done();
}
