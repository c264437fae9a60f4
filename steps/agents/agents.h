/*
 * step-agents internals: the signal record, the data-access helpers over the
 * state's series, and one entry point per agent (docs/MODELS.md §3).
 */
#ifndef AGENTS_H
#define AGENTS_H

#include <stddef.h>
#include <jansson.h>

#include "dataset.h"
#include "date.h"
#include "domain.h"

#define LONG_ 1
#define SHORT_ (-1)
#define NEUTRAL_ 0

/* One signal. meta is owned (a new reference) until sig_json() copies it. */
struct signal {
	const char *id;
	int horizon;
	int dir;		/* LONG_, SHORT_ or NEUTRAL_ */
	double conf;		/* [0, 1] */
	double value;		/* NAN prints as null */
	const char *strength;	/* STRONG, MODERATE, WEAK or NO_SIGNAL */
	json_t *meta;
};

/* What every agent reads: the parsed series and the as_of date. */
struct actx {
	const struct dataset *ds;
	day_t as_of;
	char as_of_s[DATE_BUFSZ];
};

/* An agent's report before it becomes JSON. */
#define MAX_SIG 6	/* the most signals an agent has (inflation) */
struct report {
	const char *agent_id;
	const char *label;	/* "Inflation", for the narrative */
	size_t n;
	struct signal sig[MAX_SIG];
	const char *const *inputs;	/* NULL-terminated series ids it reads */
};

/* A signal's id and horizon (days), for report_init. */
struct sig_spec {
	const char *id;
	int horizon;
};

/* signal.c (strength_of: common/domain.h) */
const char *dir_name(int dir);
void sig_init(struct signal *s, const char *id, int horizon);
void sig_release(struct signal *s);
/* Direction and confidence; strength follows the confidence (docs/MODELS.md). */
void sig_set(struct signal *s, int dir, double conf, double value);
/*
 * NO_SIGNAL with metadata.reason; a computed value becomes 0, NAN stays (null),
 * as docs/STATE.md; the statistic itself goes in the metadata beforehand.
 */
void sig_none(struct signal *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int sig_active(const struct signal *s);
void meta_num(struct signal *s, const char *key, double v);
void meta_str(struct signal *s, const char *key, const char *v);
/*
 * The sub-scores v[0..n) of a composite, each written (rounded) under
 * meta.<key>.<name[i]>, and their weighted mean (w NULL: equal weights) over
 * those present: a missing (NAN) one is left out, not counted as neutral. NAN
 * when none is present; *used (unless NULL) counts those present.
 */
double meta_mean(struct signal *s, const char *key, const char *const *name,
    const double *v, const double *w, int n, int *used);
/* New reference. */
json_t *sig_json(const struct signal *s, const char *agent_id, const char *as_of);
json_t *report_json(const struct report *r, const struct actx *c);
/* An agent's report: its id, label, inputs, and n signals from spec, initialised. */
void report_init(struct report *r, const char *agent_id, const char *label,
    const char *const *inputs, const struct sig_spec *spec, size_t n);

/* composite.c: the agents' composite rules. */
enum comp_mode {
	COMP_PLURALITY,	/* inflation: NEUTRAL votes, >=2 dissenters damp, value = conf */
	COMP_DIRECTIONAL	/* others: LONG/SHORT only, >=1 dissenter damps, value = sum w*v */
};
void composite(struct signal *out, const struct signal *const *in, const double *w,
    size_t n, enum comp_mode mode);
/* r->sig[out] = the composite of r's first n signals, weights w. */
void report_composite(struct report *r, size_t out, const double *w, size_t n,
    enum comp_mode mode);

/*
 * A daily or weekly value older than this many days does not stand for as_of: a
 * series that stopped (the research data's Focus ends in 2022) is missing, not its
 * last value forever; a month leaves room for holidays and a late weekly release.
 * (31: common/domain.h STALE_AGENT.)
 */
#define LAST_MAXAGE stale_days(STALE_AGENT, 'D')

/* The Fed's longer-run inflation goal, 2 % by definition (docs/AGENTS.md). */
#define US_TARGET 2.0
/* A policy parameter (the target, its band) stands for as_of when at most this old. */
#define POLICY_MAXAGE 62

/* inputs.c: series access at as_of (NULL / NAN / 0 when absent). */
const struct series *in_get(const struct actx *c, const char *id);
/* The last value on or before as_of; NAN when a daily or weekly one is over 31 days old. */
double in_last(const struct actx *c, const char *id);
/*
 * A monthly policy parameter for as_of: the last value on or before as_of when at
 * most POLICY_MAXAGE days old, else NAN (BR_INFLATION_TARGET, _BAND).
 */
double in_policy(const struct actx *c, const char *id);
/*
 * A daily series' current value: in_last, else its last month average <id>_M
 * when at most POLICY_MAXAGE days old (a survey whose daily file stopped while
 * the monthly one goes on: Focus after 2022-11 on the research data).
 */
double in_current(const struct actx *c, const char *id);
/* Absolute month number (y * 12 + m - 1) of a day. */
long month_of(day_t d);
/*
 * The series on a monthly grid of nm months ending with as_of's month: monthly
 * and quarterly observations by their reference month (a quarter fills its three
 * months); a daily or weekly one by its month averages <id>_M where ingest has
 * them (docs/STATE.md), else by the last value on or before the month's end (or
 * as_of), at most 10 days old. Returns the number of finite values.
 */
size_t in_monthly(const struct actx *c, const char *id, size_t nm, double *out);
/* The last finite value of x[0..n-1] and its index (NAN, -1 when none). */
double last_finite(const double *x, size_t n, long *at);
/* 12-month compounded rate from monthly % changes on a grid (NAN without 12 values). */
void yoy_from_mom(const double *mom, size_t n, double *yoy);
/* % change over lag steps on a grid: (x[t]/x[t-lag] - 1) * 100. */
void pct_change(const double *x, size_t n, size_t lag, double *out);
/*
 * HP gap on the grid: the series' finite monthly values filtered with lambda
 * (at least minobs of them), gap = sign * (actual - trend) (pct: / trend * 100).
 * Returns the number of gaps written, 0 when too short.
 */
size_t hp_gap_grid(const struct actx *c, const char *id, size_t nm, double lambda,
    size_t minobs, int sign, int pct, double *gap);
/* The last n finite daily values of a series, oldest first; returns how many. */
size_t in_tail(const struct actx *c, const char *id, size_t n, double *v, day_t *d);
double clampd(double x, double lo, double hi);
/* The nd business days ending at as_of (or the last business day before it). */
void daily_grid(const struct actx *c, size_t nd, day_t *days);
/* A series on that grid, carried forward at most 5 days; NAN elsewhere. */
void in_daily(const struct actx *c, const char *id, const day_t *days, size_t nd,
    double *out);

/* inflation_models.c (and the composite gap monetary reuses). */
void infl_composite_gap(const struct actx *c, size_t nm, double lam_ibc, double *out);
void infl_phillips(const struct actx *c, const double *core_yoy,
    const double *const *reg, const char *const *names, size_t nreg, size_t nm,
    struct signal *s);
void infl_persistence(const struct actx *c, const double *core_yoy, size_t nm,
    struct signal *s);
/* US core inflation: YoY and 3-month SAAR of an index series (NAN when short). */
void us_core_inflation(const struct actx *c, double *yoy, double *saar);
void infl_us_trend(const struct actx *c, struct signal *s);

/* fx_beer.c: the BEER fair value on a terms-of-trade grid of NM months. */
void fx_beer(const struct actx *c, const double *tot, struct signal *s);

/* Decision rules on their statistic (unit-tested at their edges). */
void rule_taylor(struct signal *s, double policy_gap);
void rule_surprise(struct signal *s, double z);
void rule_dsa(struct signal *s, const double delta[4]);

/* The agents. Each fills r (always all its signals). */
void inflation_agent(const struct actx *c, struct report *r);
void monetary_agent(const struct actx *c, struct report *r);
void fiscal_agent(const struct actx *c, struct report *r);
void fx_agent(const struct actx *c, struct report *r);
/* The regime section (agents.regime) comes back through *regime (new reference). */
void cross_asset_agent(const struct actx *c, struct report *r, json_t **regime);

/*
 * Brazil's sovereign spread z over a year (crossasset.c): daily CDS, else daily
 * EMBI, else weekly CDS; *src the series used (NULL, NAN when none).
 */
double br_spread_z(const struct actx *c, const char **src);

/* regime_hmm.c: the HMM regime over the daily feature history (new reference). */
json_t *regime_hmm(const struct actx *c);

/* The whole section (new reference), or NULL with error() when ingest is unusable. */
json_t *agents_compute(const json_t *state);
/* The step's compute (common/step.h): agents_compute, dying with 65 on a bad state. */
json_t *agents_step(const json_t *state);

#endif
