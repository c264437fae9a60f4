/*
 * step-strategies: the eight initial strategies of docs/MODELS.md 5.2 over the
 * state's series, in percent units (docs/STRATEGIES.md).
 */
#ifndef STRATEGIES_H
#define STRATEGIES_H

#include <stddef.h>
#include <jansson.h>

#include "dataset.h"
#include "date.h"
#include "domain.h"

enum { ST_POSITION, ST_NO_POSITION, ST_NO_DATA };

/* One leg: an instrument of common/instrument.h and its signed weight. */
struct leg {
	const char *instrument;
	double w;
};

/* A position before sizing: legs are for a LONG of weight 1 (sum |w| = 1). */
struct spos {
	char instrument[48];
	struct leg legs[2];
	size_t nlegs;
	int dir;		/* +1 LONG, -1 SHORT */
	double confidence;
	double level;		/* entry level, in the units of docs/STRATEGIES.md */
	int gain_sign;		/* +1: a LONG gains when the level rises; -1: falls */
	double scale;		/* extra weight multiplier (FX_BR_01's regime halving) */
};

/* What a strategy found: up to two positions, or why none. */
struct sres {
	int status;
	char reason[200];
	json_t *inputs;		/* owned; every strategy fills it */
	struct spos pos[2];
	size_t npos;
};

/* What a strategy sees. */
struct sctx {
	const json_t *state;
	const struct dataset *ds;
	day_t as_of;
	double regime_score;	/* aggregate.regime.score */
	const char *id;		/* the running strategy */
};

struct strategy {
	const char *id;
	const char *signal;	/* the agent signal that supports it */
	int (*run)(const struct sctx *, struct sres *);
};

extern const struct strategy strategy_table[];
extern const size_t n_strategies;

/* New reference: the "strategies" section for state (dies EXIT_DATAERR on bad input). */
json_t *strategies_compute(const json_t *state);

/*
 * lifecycle.c: packages across runs (docs/STRATEGIES.md "Position lifecycle").
 * A candidate is what a strategy wants today, sized; a package is a position with
 * its entry date, level, size, stop and target, carried from run to run.
 */
#define LC_PKG_MAX 64
#define LC_IDSZ 48

struct lc_cand {
	struct spos p;
	double weight;		/* signed */
	const char *strength, *entry_signal;
};

struct lc_pkg {
	char strategy[LC_IDSZ], instrument[LC_IDSZ];
	char leg_id[2][LC_IDSZ];
	double leg_ratio[2];	/* legs of a LONG of weight 1 */
	size_t nlegs;
	int dir, gain_sign, horizon;
	day_t entry_date;
	double entry_level, entry_weight, confidence, sigma, stop, take;
	char strength[16], entry_signal[LC_IDSZ];
};

struct lc_cooldown {
	char strategy[LC_IDSZ], instrument[LC_IDSZ], reason[200];
	day_t until;		/* re-entry allowed from this date */
};

struct lc_book {
	day_t prev_as_of;	/* -1 without a previous run */
	char note[400];		/* where the lifecycle came from */
	struct lc_pkg open[LC_PKG_MAX];
	size_t nopen;
	struct lc_cooldown cool[2 * LC_PKG_MAX];
	size_t ncool;
};

/* The output of a run: arrays owned by the caller, and counts. */
struct lc_out {
	json_t *positions, *packages;
	size_t opened, held, closed, blocked;
};

/*
 * Load the open packages and cool-downs of config.previous_portfolio_file; absent or
 * unreadable: none, said in b->note; malformed: dies EXIT_DATAERR naming the path.
 */
void lc_book_load(struct lc_book *b, const json_t *state, day_t as_of);
/*
 * Carry, check, close and open strategy s's packages given today's candidates;
 * appends to out and a line per event to notes (a JSON array).
 */
void lifecycle_strategy(struct lc_book *b, const struct sctx *c, const struct strategy *s,
    const struct lc_cand *cands, size_t ncand, json_t *inputs, struct lc_out *out,
    json_t *notes);
/* The cool-downs still running after as_of (new reference). */
json_t *lc_book_cooldowns(const struct lc_book *b, day_t as_of);
/*
 * The package level of instrument (docs/STRATEGIES.md table) on day d, NAN when
 * unknown; unit: "pp" or "BRL/USD".
 */
double lc_level(const struct sctx *c, const char *instrument, day_t d);

/* The eight strategies; each returns r->status. */
int rates_br_01(const struct sctx *c, struct sres *r);
int rates_br_02(const struct sctx *c, struct sres *r);
int rates_br_03(const struct sctx *c, struct sres *r);
int rates_br_04(const struct sctx *c, struct sres *r);
int inf_br_01(const struct sctx *c, struct sres *r);
int fx_br_01(const struct sctx *c, struct sres *r);
int cupom_01(const struct sctx *c, struct sres *r);
int sov_br_01(const struct sctx *c, struct sres *r);

/* framework.c: parameters, data access, statistics. */
/* config.strategies.<id>.<name>, validated, else its default (common/conf_keys.c). */
double sparam(const struct sctx *c, const char *name);
int sres_set(struct sres *r, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Latest value of series id on or before as_of (stale limit by frequency); -1 sets no_data. */
int latest(const struct sctx *c, struct sres *r, const char *id, double *v);
/* Focus IPCA 12m, else its month average (inputs.focus_source says so); -1 sets no_data. */
int focus_latest(const struct sctx *c, struct sres *r, double *v);
/* Value of series id on or before d within the stale limit of latest(); NAN if none. */
double svalue_at(const struct sctx *c, const char *id, day_t d);
/*
 * The last `max` non-missing observations of id dated in (since, as_of] (since < 0:
 * no bound) into vals/dates (max elements, dates may be NULL); returns the count.
 */
size_t history(const struct sctx *c, const char *id, day_t since, size_t max, double *vals,
    day_t *dates);
/* Inner join of two series' histories on equal dates: out = a - b. */
size_t history_diff(const struct sctx *c, const char *a, const char *b, size_t max,
    double *out, day_t *dates);
/* sample_sd and zscore_last (NaN on a flat history): common/domain.h. */
/* inputs[key] = jnum(v) for each pair, in order: PUT_NUMS(r->inputs, { "z", z }, ...). */
struct knum {
	const char *key;
	double v;
};
void put_nums(json_t *o, const struct knum *kv, size_t n);
#define PUT_NUMS(o, ...) put_nums((o), (const struct knum[]){ __VA_ARGS__ }, \
	sizeof((const struct knum[]){ __VA_ARGS__ }) / sizeof(struct knum))
/*
 * 1 when |z| is beyond thr; else 0 with r set to no_position: "<what> history is
 * flat: z undefined" for a NaN z (docs/DOMAIN.md), else "<what> z Z within +-thr".
 */
int z_beyond(struct sres *r, const char *what, double z, double thr);
/* Threshold comparisons are made on values rounded to 1e-9 (so 100 bp is 100 bp). */
double tidy(double x);
/* A single-instrument position. */
void single_leg(struct spos *p, const char *instrument, int dir, double conf, double level,
    int gain_sign);
/*
 * A two-leg spread, DV01-neutral: leg a gets sign sa, leg b sign sb, weights
 * proportional to 1/duration and summing to 1 in absolute value. -1 with no_data
 * when a duration cannot be computed.
 */
int dv01_pair(const struct sctx *c, struct sres *r, struct spos *p, const char *a, int sa,
    const char *b, int sb);
/*
 * A DV01-neutral spread traded on its z-score (docs/STRATEGIES.md): what the
 * messages call it, the position's instrument, its direction for a positive z
 * (the opposite for a negative one), the |z| of full confidence, the gain sign
 * and the two legs with their signs (as dv01_pair).
 */
struct spread_trade {
	const char *what, *instrument;
	int dir;
	double z_full;
	int gain_sign;
	const char *a;
	int sa;
	const char *b;
	int sb;
};
/*
 * r's one position on t when |z| is beyond thr (z_beyond), at level: 1; else
 * 0 with r's status set (z within the threshold, or no duration for a leg).
 */
int spread_position(const struct sctx *c, struct sres *r, const struct spread_trade *t,
    double z, double thr, double level);
/* Modified duration of instrument id at as_of (instrument.c's return formulas); NAN if none. */
double leg_duration(const struct dataset *ds, const char *id, day_t d);

#endif
