/* step-risk: the inputs, configuration and model entry points shared by its files. */
#ifndef RISK_H
#define RISK_H

#include <stddef.h>

#include <gsl/gsl_matrix.h>
#include <jansson.h>

#include "date.h"
#include "instrument.h"

enum limit_id {
	LIM_VAR95, LIM_VAR99, LIM_DRAWDOWN, LIM_LEVERAGE, LIM_SINGLE, LIM_CLASS,
	LIM_BUDGET, LIM_STRATEGY_LOSS, LIM_CLASS_LOSS, LIM_COUNT
};
extern const char *const limit_names[LIM_COUNT];

struct risk_config {
	size_t window;			/* business days of history (756) */
	size_t min_hist;		/* fewer rows: historical -> parametric (756) */
	size_t mc_draws;		/* 10000 */
	unsigned long seed;		/* 42 */
	double max_loss;		/* reverse stress target loss (0.10) */
	double half_life;		/* covariance weights, days; 0 = equal (0) */
	double realised_dd;		/* override of the realised drawdown; NAN = none */
	size_t bt_window;		/* back-test and history rows (250) */
	double limit[LIM_COUNT];
	/*
	 * Notional caps by instrument kind (x NAV), from portfolio.constraints
	 * (max_notional, max_class_notional) unless config.risk.limits sets the flat
	 * max_single_position / max_asset_class_concentration; by_kind 0: flat.
	 */
	int single_by_kind, class_by_kind;
	double kind_single[IK_COUNT], kind_class[IK_COUNT];
};

/*
 * The positions with a non-zero weight and their aligned return history. In the
 * ingest mode the rows come from instrument_matrix (rows where a held instrument
 * has no finite return are dropped and counted); with config.risk.returns_matrix
 * they are the last `window` rows given there.
 */
struct risk_input {
	day_t as_of;
	size_t k;			/* held instruments */
	char **id;			/* k ids (owned) */
	double *w;			/* k weights */
	const struct instrument **ins;	/* k; NULL for an id outside the table */
	size_t n;			/* rows */
	day_t *cal;			/* n dates, or NULL when the matrix gave none */
	double *R;			/* n x k, row-major */
	double *port;			/* n portfolio returns R w */
	size_t dropped;			/* rows dropped for a non-finite return */
	double *last;			/* k returns on as_of (NAN when unknown) */
	double level[32];		/* level of instruments[i] on as_of, NAN unknown */
	double ust5y;			/* US_UST_5Y on as_of (CDS annuity), NAN unknown */
	double dv01[32];		/* instrument_dv01 of instruments[i] on as_of */
	double usdbrl;			/* USDBRL on as_of (USD delta), NAN unknown */
	double gross, single;		/* over all weights, held or not */
	double class_gross[AC_COUNT + 1];	/* the last: unclassified */
	double strategy_loss;		/* worst strategy loss on as_of, NAN unknown */
	char worst_strategy[64];
	json_t *notes;			/* new array of strings */
};

struct var_result {
	double var95, var99, cvar95, cvar99;
	const char *method;
	size_t nobs;
	char warning[160];
};

/* input.c */
void risk_config_load(const json_t *state, struct risk_config *cf);
void risk_input_load(const json_t *state, const struct risk_config *cf, struct risk_input *in);
void risk_input_release(struct risk_input *in);
/* strategy.c: worst strategy loss on as_of from strategies.positions' legs. */
void strategy_loss(const json_t *state, struct risk_input *in, const double *day_ret);

/* var.c */
double quantile_linear(const double *sorted, size_t n, double p);
void var_empirical(const double *r, size_t n, struct var_result *v);
void var_normal(double mu, double sigma, size_t n, struct var_result *v);
json_t *var_json(const struct var_result *v);	/* new */
/* Portfolio mean and LW volatility; cov is k x k. */
void port_moments(const struct risk_input *in, const double *cov, double *mu, double *sigma);
/* Marginal and component VaR at 95 %; *budget = max |component/total|. New. */
json_t *var_decompose(const struct risk_input *in, const double *cov, double *budget);

/*
 * mc.c: the copula factor: the correlation of cov, Cholesky-factored into the
 * lower triangle of L (k x k, upper zeroed). 0 when positive definite as is; 1
 * after flooring the eigenvalues at 1e-8 and renormalising to unit diagonal; -1
 * when even that fails.
 */
int copula_factor(const double *cov, size_t k, gsl_matrix *L);
/* mc.c: Monte Carlo VaR; marginals gets a new array describing each fit. */
int mc_var(const struct risk_input *in, const double *cov, const struct risk_config *cf,
    struct var_result *v, json_t **marginals);

/* stress.c: the six scenarios and reverse stress. New. */
json_t *stress_run(const struct risk_input *in, double max_loss);

/* drawdown.c */
enum dd_state { DD_NORMAL, DD_L1, DD_L2, DD_L3, DD_COOLDOWN, DD_RECOVERING };
struct drawdown {
	enum dd_state state;
	double hwm, dd, max_dd, scale;
	int cooldown, recovery_day, started;
	size_t nevents;
	json_t *events;			/* new array; the last 10 are kept */
};
const char *dd_state_name(enum dd_state s);
void dd_init(struct drawdown *d);
/* One update with the equity on date label (may be NULL). */
void dd_update(struct drawdown *d, double equity, const char *label);
/*
 * The hypothetical back-cast: today's weights replayed over the window (basis
 * "hypothetical_backcast"); new JSON. It never drives the breaker or the level.
 */
json_t *drawdown_replay(const struct risk_input *in);
/* The breaker state a realised drawdown dd maps to (thresholds of drawdown.c). */
enum dd_state dd_static_state(double dd);
double dd_state_scale(enum dd_state s);
/*
 * The circuit breaker on the book's realised drawdown (NAN: no track record,
 * state NORMAL with that reason); appends an alert unless NORMAL. New JSON.
 */
json_t *breaker_eval(double realised, json_t *alerts);

/* track.c: the book's track record (config.track_record and today's P&L). */
struct track {
	size_t n;			/* rows, today's the last; 0: no track record */
	day_t *date;
	double *pnl;			/* NAV fraction; NAN unknown */
	double *var95, *var99;		/* predicted the day before; NAN unknown */
	double *nav, *dd;		/* NAV index (1 at the start), drawdown from peak */
					/* pnl .. dd: one block (track_release) */
	double drawdown, max_dd;	/* today's and the largest; NAN without rows */
};
/* risk.track_record (new JSON); fills t (n = 0 when unavailable). */
json_t *track_record(const json_t *state, const struct risk_config *cf, day_t as_of,
    struct track *t);
void track_release(struct track *t);
/*
 * drawdown.c: the circuit breaker replayed along the realised NAV index of t
 * (dd_update: thresholds, hysteresis, cooldown, recovery); appends an alert
 * unless NORMAL. New JSON, basis "realised".
 */
json_t *breaker_track(const struct track *t, json_t *alerts);

/*
 * limits.c: value[i] NAN = not checked. Appends breach alerts; new array.
 * *breached and *max_util are over the limits that carry loss only.
 */
json_t *limits_check(const double value[LIM_COUNT], const double limit[LIM_COUNT],
    json_t *alerts, int *breached, double *max_util);
int limit_carries_loss(int i);
const char *risk_level(int breached, double max_util, double dd);

/* compute.c */
json_t *risk_compute(const json_t *state);

#endif
