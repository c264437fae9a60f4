/*
 * The configuration reader (common/conf.c) and its table (common/conf_keys.c):
 * lookup with wildcards, the one error wording, ranges at their bounds, unknown keys,
 * the defaults (against docs/RISK.md, docs/STRATEGIES.md and the generator's seed).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "conf.h"
#include "../../steps/ingest/synth.h"
#include "tap.h"

static char err[512];

/* conf_check_config on the JSON text cfg; 0 or -1, the message in err. */
static int
check_cfg(const char *cfg, const char *step, int runtime_ok)
{
	json_t *c = json_loads(cfg, 0, NULL);
	int rc;

	err[0] = '\0';
	rc = conf_check_config(c, step, runtime_ok, err, sizeof(err));
	json_decref(c);
	return rc;
}

static void
lookup(void)
{
	const struct conf_key *k;

	k = conf_find("risk.mc_draws");
	check(k != NULL && k->type == CONF_INT, "risk.mc_draws is an integer key");
	k = conf_find("portfolio.budgets.FX_BR_01");
	check_str(k ? k->key : NULL, "portfolio.budgets.*", "a wildcard matches one component");
	check(conf_find("portfolio.budgets.FX_BR_01.x") == NULL, "but not two");
	check(conf_find("portfolio.budgets") != NULL, "the object itself is declared");
	check(conf_find("risk.mc_draw") == NULL, "a typo is not found");
	check(conf_find("risk") == NULL, "a section is not a key");
	check(conf_find("") == NULL, "nor the empty path");
}

static void
errors(void)
{
	check_int(check_cfg("{\"risk\":{\"mc_draws\":0}}", "risk", 1), -1, "mc_draws 0 fails");
	check_str(err, "config.risk.mc_draws: 0 is out of range [1, 10000000]",
	    "the brief's wording, with the range");
	check_int(check_cfg("{\"risk\":{\"mc_draws\":10000000}}", "risk", 1), 0,
	    "the maximum itself is in range");
	check_int(check_cfg("{\"risk\":{\"mc_draws\":10000001}}", "risk", 1), -1,
	    "one above is not");
	check_int(check_cfg("{\"risk\":{\"mc_draws\":\"10\"}}", "risk", 1), -1, "a string");
	check_str(err, "config.risk.mc_draws: expected an integer, found a string",
	    "wrong type names both types");
	check_int(check_cfg("{\"risk\":{\"mc_draws\":1e4}}", "risk", 1), -1,
	    "a real is not an integer");
	check_int(check_cfg("{\"risk\":{\"mc_draw\":10}}", "risk", 1), -1, "a typo");
	check_str(err, "config.risk.mc_draw: unknown key", "unknown key wording");
	check_int(check_cfg("{\"risk\":{\"mc_draw\":10}}", "ingest", 1), 0,
	    "ingest does not read config.risk");
	check_int(check_cfg("{\"risk\":{\"mc_draw\":10}}", NULL, 1), -1,
	    "daily_run checks every section");
	check_int(check_cfg("{\"risk\":{\"mc_draws\":null}}", "risk", 1), 0,
	    "null is absent");
	/* Exclusive bounds: (0, inf) and [0, 1). */
	check_int(check_cfg("{\"risk\":{\"limits\":{\"max_var_95\":0}}}", "risk", 1), -1,
	    "a limit of 0 is out of (0, inf)");
	check_str(err, "config.risk.limits.max_var_95: 0 is out of range (0, inf)",
	    "the open bound is printed open");
	check_int(check_cfg("{\"risk\":{\"realised_drawdown\":0.999}}", "risk", 1), 0,
	    "0.999 is in [0, 1)");
	check_int(check_cfg("{\"risk\":{\"realised_drawdown\":1}}", "risk", 1), -1,
	    "1 is not");
	check_int(check_cfg("{\"risk\":{\"limits\":{\"max_var\":1}}}", "risk", 1), -1,
	    "an unknown limit");
	check_str(err, "config.risk.limits.max_var: unknown key", "named with its full path");
	check_int(check_cfg("{\"risk\":{\"returns_matrix\":{\"anything\":[1]}}}", "risk", 1),
	    0, "an open object's content is its reader's");
	check_int(check_cfg("{\"risk\":[1]}", "risk", 1), -1, "a section that is no object");
	check_str(err, "config.risk: expected an object, found an array", "says so");
	check_int(check_cfg("[]", NULL, 1), -1, "config itself must be an object");
	check_int(check_cfg("{\"strategies\":{\"FX_BR_02\":{}}}", "strategies", 1), -1,
	    "a strategy that does not exist");
	check_str(err, "config.strategies.FX_BR_02: unknown key", "is an unknown key");
	check_int(check_cfg("{\"portfolio\":{\"budgets\":{\"X\":-1}}}", "portfolio", 1), -1,
	    "a wildcard key's range applies");
	check_str(err, "config.portfolio.budgets.X: -1 is out of range (0, inf)", "named");
	check_int(check_cfg("{\"report_dir\":\"\"}", "report", 1), -1, "an empty path");
	check_str(err, "config.report_dir: empty path", "says so");
	check_int(check_cfg("{\"report_dir\":\"/r\"}", NULL, 0), -1,
	    "a file may not set what daily_run sets");
	check_int(check_cfg("{\"report_dir\":\"/r\"}", NULL, 1), 0, "daily_run may");
	check_int(check_cfg("{\"require_real\":1}", NULL, 0), -1, "require_real is a bool");
	check_str(err, "config.require_real: expected a bool, found an integer", "named");
	check_int(check_cfg("{\"risk\":{\"mc_draws\":2.5}}", NULL, 0), -1, "mc_draws 2.5 fails");
	check_str(err, "config.risk.mc_draws: expected an integer, found a number", "a real is a number");
}

static void
defaults(void)
{
	json_t *st = json_pack("{s:{s:{s:i}}}", "config", "risk", "mc_draws", 500);
	json_t *empty = json_object();

	check_int(conf_int(st, "risk.mc_draws"), 500, "a set value is returned");
	check_int(conf_int(empty, "risk.mc_draws"), 10000, "else docs/RISK.md's 10000");
	check_dbl(conf_num(empty, "risk.limits.max_var_95"), 0.03, 0, "max_var_95 0.03");
	check(isnan(conf_num(empty, "risk.realised_drawdown")), "no default: NAN");
	check(conf_value(empty, "risk.realised_drawdown") == NULL, "and no value");
	check(!conf_isset(empty, "risk.mc_draws") && conf_isset(st, "risk.mc_draws"),
	    "conf_isset");
	check_int(conf_int(empty, "ingest.seed"), (long long)SYNTH_SEED,
	    "ingest.seed is the generator's seed");
	check_int(conf_int(empty, "strategies.RATES_BR_01.horizon_days"), 21,
	    "RATES_BR_01 h 21 (docs/STRATEGIES.md)");
	check_int(conf_int(empty, "strategies.SOV_BR_01.horizon_days"), 63, "SOV_BR_01 h 63");
	check_dbl(conf_num2(empty, "strategies.FX_BR_01", "comp_threshold"), 0.1, 0,
	    "conf_num2");
	check_dbl(conf_num(empty, "portfolio.max_notional.rate"), 5, 0, "rate cap 5x NAV");
	check_dbl(conf_num(empty, "portfolio.max_class_notional.inflation"), 4, 0,
	    "inflation class cap 4x NAV");
	check(!conf_bool(empty, "require_real"), "require_real false by default");
	check_str(conf_str(empty, "catalogue"), NULL, "no catalogue by default");
	json_decref(st);
	json_decref(empty);
}

/* Every default passes its own key's check; keys unique; readers and doc given. */
static void
table(void)
{
	char path[256], *p;
	json_t *cfg, *v;
	size_t i, j, bad = 0, dup = 0;

	for (i = 0; i < conf_nkeys; i++) {
		const struct conf_key *k = &conf_keys[i];

		for (j = i + 1; j < conf_nkeys; j++)
			dup += strcmp(k->key, conf_keys[j].key) == 0;
		if (k->readers == NULL || *k->readers == '\0' || k->doc == NULL ||
		    *k->doc == '\0') {
			bad++;
			continue;
		}
		if (k->def == NULL)
			continue;
		snprintf(path, sizeof(path), "%s", k->key);
		while ((p = strchr(path, '*')) != NULL)
			*p = 'X';
		v = json_loads(k->def, JSON_DECODE_ANY, NULL);
		cfg = json_object();
		/* the value at its dotted path */
		{
			json_t *o = cfg, *n;
			char *s = path, *dot;

			while ((dot = strchr(s, '.')) != NULL) {
				*dot = '\0';
				n = json_object();
				json_object_set_new(o, s, n);
				o = n;
				s = dot + 1;
			}
			json_object_set_new(o, s, v);
		}
		if (conf_check_config(cfg, NULL, 1, err, sizeof(err)) == -1) {
			printf("# %s\n", err);
			bad++;
		}
		json_decref(cfg);
	}
	check_int(dup, 0, "no key is declared twice");
	check_int(bad, 0, "every default is valid for its key, every key documented");
	check(conf_nkeys > 100, "the table holds every step's keys");
}

int
main(void)
{
	lookup();
	errors();
	defaults();
	table();
	return test_done();
}
