/*
 * The agents' decision rules at their edges (Taylor gap 0.99/1.0/1.5, surprise |z|
 * 1 and 2, DSA delta +-5, strength table, composites) and whole agents on small
 * hand-built states: expected values are computed by hand in the comments.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../../steps/agents/agents.h"
#include "state.h"
#include "tap.h"

static void
check_sig(const struct signal *s, const char *dir, const char *str, double conf,
    const char *name)
{
	char l[160];

	snprintf(l, sizeof l, "%s: direction %s", name, dir);
	check_str(dir_name(s->dir), dir, l);
	snprintf(l, sizeof l, "%s: strength %s", name, str);
	check_str(s->strength, str, l);
	snprintf(l, sizeof l, "%s: confidence", name);
	check_dbl(s->conf, conf, 1e-12, l);
}

static void
strengths(void)
{
	check_str(reading_strength(0.75), "STRONG", "conf 0.75 STRONG");
	check_str(reading_strength(0.7499), "MODERATE", "conf 0.7499 MODERATE");
	check_str(reading_strength(0.5), "MODERATE", "conf 0.50 MODERATE");
	check_str(reading_strength(0.4999), "WEAK", "conf 0.4999 WEAK");
	check_str(reading_strength(0.25), "WEAK", "conf 0.25 WEAK");
	/* A computed reading is never NO_SIGNAL (docs/AGENTS.md): that is for no input. */
	check_str(reading_strength(0.2499), "WEAK", "conf 0.2499 WEAK");
	check_str(reading_strength(0), "WEAK", "conf 0 WEAK");
}

/*
 * Directions follow docs/AGENTS.md: a FIXED_INCOME LONG receives rates. A Selic
 * above the rule (gap > 0), an inflation surprise below consensus (z < 0) and a
 * falling debt path (delta < 0) are LONG.
 */
static void
taylor_edges(void)
{
	struct signal s;

	sig_init(&s, "T", 252);
	rule_taylor(&s, 0.99);
	/* Inside the band: NEUTRAL, confidence 0, strength WEAK, the gap kept. */
	check_sig(&s, "NEUTRAL", "WEAK", 0, "taylor 0.99");
	check(json_object_get(s.meta, "reason") == NULL, "taylor 0.99: no reason");
	check_dbl(s.value, 0.99, 0, "taylor 0.99: value = the gap");
	rule_taylor(&s, 1.0);
	check_sig(&s, "LONG", "MODERATE", .60, "taylor 1.0");
	check(json_object_get(s.meta, "reason") == NULL, "taylor 1.0: no reason");
	rule_taylor(&s, 1.4999);
	check_sig(&s, "LONG", "MODERATE", .60, "taylor 1.4999");
	rule_taylor(&s, 1.5);
	check_sig(&s, "LONG", "STRONG", .85, "taylor 1.5");
	rule_taylor(&s, -1.2);
	check_sig(&s, "SHORT", "MODERATE", .60, "taylor -1.2");
	rule_taylor(&s, NAN);
	check_sig(&s, "NEUTRAL", "NO_SIGNAL", 0, "taylor NaN");
	sig_release(&s);
}

static void
surprise_edges(void)
{
	struct signal s;

	sig_init(&s, "S", 63);
	rule_surprise(&s, 0.9999);
	/* Inside the band: NEUTRAL with conf |z|/2 = .49995 (WEAK), value z. */
	check_sig(&s, "NEUTRAL", "WEAK", .49995, "surprise 0.9999");
	check_dbl(s.value, 0.9999, 1e-12, "surprise 0.9999: value z");
	rule_surprise(&s, -0.3);
	check_sig(&s, "NEUTRAL", "WEAK", .15, "surprise -0.3");
	rule_surprise(&s, 1.0);
	check_sig(&s, "SHORT", "MODERATE", .5, "surprise 1.0 (conf |z|/2)");
	rule_surprise(&s, -1.9);
	check_sig(&s, "LONG", "STRONG", .95, "surprise -1.9 (conf .95)");
	rule_surprise(&s, 2.0);
	check_sig(&s, "SHORT", "STRONG", .85, "surprise 2.0 (floor .85)");
	rule_surprise(&s, -3.0);
	check_sig(&s, "LONG", "STRONG", .90, "surprise -3 (.85 + .05)");
	rule_surprise(&s, 9.0);
	check_sig(&s, "SHORT", "STRONG", 1.0, "surprise 9 (capped at 1)");
	sig_release(&s);
}

static void
dsa_edges(void)
{
	struct signal s;

	sig_init(&s, "D", 1260);
	rule_dsa(&s, (double[]){5, 8, 1, -1});
	check_sig(&s, "NEUTRAL", "WEAK", .20, "dsa +5 (1 stabilising)");
	rule_dsa(&s, (double[]){5.01, 8, 1, 2});
	check_sig(&s, "SHORT", "WEAK", .05, "dsa +5.01 (none stabilising)");
	rule_dsa(&s, (double[]){-5.01, -1, -9, 0});
	check_sig(&s, "LONG", "STRONG", 1.0, "dsa -5.01 (4 stabilising, 0 counts)");
	rule_dsa(&s, (double[]){-5, 3, -9, -2});
	check_sig(&s, "NEUTRAL", "MODERATE", .70, "dsa -5 (3 stabilising)");
	rule_dsa(&s, (double[]){-6, 3, 2, -2});
	check_sig(&s, "LONG", "WEAK", .40, "dsa -6 (2 stabilising)");
	sig_release(&s);
}

static void
mk(struct signal *s, const char *id, int dir, double conf, double value)
{
	sig_init(s, id, 63);
	sig_set(s, dir, conf, value);
}

static void
composites(void)
{
	struct signal a, b, c, d, out;
	const struct signal *in[4] = {&a, &b, &c, &d};
	double w[4] = {.35, .30, .20, .15};

	/* Inflation rule: LONG .35+.15 vs SHORT .30 (NO_SIGNAL c excluded). */
	mk(&a, "A", LONG_, .8, 1);
	mk(&b, "B", SHORT_, .6, 1);
	mk(&c, "C", SHORT_, .1, 1);
	sig_none(&c, "no input");	/* NO_SIGNAL: left out */
	mk(&d, "D", LONG_, .4, 1);
	sig_init(&out, "X", 252);
	composite(&out, in, w, 4, COMP_PLURALITY);
	/* w renormalised over .8: .4375 .375 .1875; one dissenter: no damping. */
	check_sig(&out, "LONG", "MODERATE", .4375 * .8 + .375 * .6 + .1875 * .4,
	    "plurality composite");
	check_dbl(out.value, round(out.conf * 1e4) / 1e4, 0, "inflation value = conf");
	/* Two dissenters damp by 0.70. */
	sig_set(&c, SHORT_, .5, 1);
	composite(&out, in, w, 4, COMP_PLURALITY);
	/* LONG .5 vs SHORT .5: tie goes to LONG; dissenters b, c. */
	check_sig(&out, "LONG", "WEAK", .7 * (.35 * .8 + .3 * .6 + .2 * .5 + .15 * .4),
	    "plurality tie LONG, damped");
	/* Directional: NEUTRAL excluded, >= 1 dissenter damps, value = sum w v. */
	sig_release(&a);
	sig_release(&b);
	sig_release(&c);
	mk(&a, "A", SHORT_, .6, -2);
	mk(&b, "B", LONG_, .8, 1);
	mk(&c, "C", NEUTRAL_, .9, 0);
	composite(&out, in, (double[]){.5, .3, .2}, 3, COMP_DIRECTIONAL);
	/* weights .5/.8 = .625 SHORT, .375 LONG. */
	check_sig(&out, "SHORT", "WEAK", .7 * (.625 * .6 + .375 * .8),
	    "directional composite damped");
	check_dbl(out.value, .625 * -2 + .375 * 1, 1e-12, "directional value");
	sig_none(&a, "x");
	sig_none(&b, "x");
	/* c NEUTRAL (inside its band): the composite reads NEUTRAL, not NO_SIGNAL. */
	composite(&out, in, (double[]){.5, .3, .2}, 3, COMP_DIRECTIONAL);
	check_sig(&out, "NEUTRAL", "WEAK", 0, "only a NEUTRAL component");
	check(json_object_get(out.meta, "reason") == NULL, "only a NEUTRAL component: no reason");
	sig_none(&c, "x");
	composite(&out, in, (double[]){.5, .3, .2}, 3, COMP_DIRECTIONAL);
	check_sig(&out, "NEUTRAL", "NO_SIGNAL", 0, "no active component");
	sig_release(&a);
	sig_release(&b);
	sig_release(&c);
	sig_release(&d);
	sig_release(&out);
}

/* meta_mean: weighted mean over the present sub-scores, each written in meta. */
static void
means(void)
{
	static const char *const name[3] = {"a", "b", "c"};
	struct signal s;
	json_t *m;
	int used = -1;

	sig_init(&s, "X", 21);
	/* (1*10 + 3*30) / (1 + 3) = 25; b is missing, so its weight 2 is left out. */
	check_dbl(meta_mean(&s, "sub", name, (double[]){10, NAN, 30},
	    (double[]){1, 2, 3}, 3, &used), 25, 1e-12, "weighted mean over those present");
	check_int(used, 2, "two present");
	m = json_object_get(s.meta, "sub");
	check(json_is_null(json_object_get(m, "b")), "the missing one written as null");
	check_dbl(json_number_value(json_object_get(m, "c")), 30, 1e-12, "c written");
	/* (1 + 2 + 4) / 3, equal weights. */
	check_dbl(meta_mean(&s, "eq", name, (double[]){1, 2, 4}, NULL, 3, NULL), 7.0 / 3,
	    1e-12, "equal weights");
	check(isnan(meta_mean(&s, "none", name, (double[]){NAN, NAN, NAN}, NULL, 3, &used)),
	    "none present: NAN");
	check_int(used, 0, "none present: 0 used");
	sig_release(&s);
}

int
main(void)
{
	means();
	strengths();
	taylor_edges();
	surprise_edges();
	dsa_edges();
	composites();
	return test_done();
}
