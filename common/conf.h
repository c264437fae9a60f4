/*
 * The configuration table: every key a step reads under the state's "config",
 * declared once with its type, range, default and doc (docs/CONFIG.md is printed
 * from it by `daily_run config --markdown`). One reader validates and returns the
 * values; a bad value exits 78 (EXIT_CONFIG) with one wording that names the key:
 * "config.risk.mc_draws: 0 is out of range [1, 10000000]".
 */
#ifndef CONF_H
#define CONF_H

#include <stdio.h>
#include <jansson.h>

enum conf_type { CONF_INT, CONF_NUM, CONF_BOOL, CONF_STR, CONF_PATH, CONF_OBJ, CONF_ARR };

/* flags */
#define CONF_GT_MIN	1	/* the range excludes min: (min, ... */
#define CONF_LT_MAX	2	/* the range excludes max: ..., max) */
#define CONF_OPEN	4	/* an object or array whose content its reader checks */
#define CONF_RUNTIME	8	/* set by daily_run for each run, never by a file */

struct conf_key {
	/* The dotted path under config ("risk.mc_draws"); a "*" component matches any
	 * one key ("portfolio.budgets.*"). */
	const char *key;
	enum conf_type type;
	double min, max;	/* numbers: the range (-/+INFINITY: unbounded) */
	unsigned flags;
	/* The default as JSON text ("10000", "0.1", "true", "\"x\""); NULL: none. */
	const char *def;
	const char *readers;	/* the steps that read it: "risk report", or "daily_run" */
	const char *doc;	/* one line */
	const char *choices;	/* strings: the allowed values "a|b|c", or NULL */
};

/* The table, in document order, and its length. */
extern const struct conf_key conf_keys[];
extern const size_t conf_nkeys;

/*
 * Validate the state's config for step (a name in readers): every key the step reads
 * that is present (null counts as absent), and every key under config.<step> when
 * the step owns that section. step NULL: every key of the table, and any key of
 * config at all that the table does not declare (daily_run's check of a file).
 * Dies EXIT_CONFIG on the first bad key.
 */
void conf_check(const json_t *state, const char *step);
/*
 * The same on a bare config object; returns 0, or -1 with the message ("config.x:
 * unknown key") in err, errsz bytes. runtime_ok 0: a CONF_RUNTIME key is an error.
 */
int conf_check_config(const json_t *config, const char *step, int runtime_ok, char *err,
    size_t errsz);

/* The declared key matching path ("portfolio.budgets.FX_BR_01"), or NULL. */
const struct conf_key *conf_find(const char *path);
/*
 * The value of key (a path under config) in state, validated (exit 78), else the
 * table's default; key must be declared (else exit 70). conf_value: borrowed, NULL
 * when the key is absent and has no default.
 */
const json_t *conf_value(const json_t *state, const char *key);
/* Whether the state sets key (present and not null). */
int conf_isset(const json_t *state, const char *key);
double conf_num(const json_t *state, const char *key);	/* NAN when none */
long long conf_int(const json_t *state, const char *key);
int conf_bool(const json_t *state, const char *key);
const char *conf_str(const json_t *state, const char *key);	/* NULL when none */
/* conf_num on "<prefix>.<name>" (e.g. "strategies.FX_BR_01", "z_threshold"). */
double conf_num2(const json_t *state, const char *prefix, const char *name);
long long conf_int2(const json_t *state, const char *prefix, const char *name);

/* "integer", "number", ... */
const char *conf_type_name(enum conf_type t);
/* The range of k as text: "[1, 10000000]", "(0, 1)", "a|b"; "" when none. */
void conf_range(const struct conf_key *k, char *buf, size_t sz);

#endif
