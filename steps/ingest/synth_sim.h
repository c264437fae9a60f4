/* Internal state of the synthetic simulation, shared by synth*.c only. */
#ifndef SYNTH_SIM_H
#define SYNTH_SIM_H

#include <stdint.h>

#include "date.h"
#include "series.h"
#include "synth_rng.h"

/* Log-level market series driven by the common shocks (synth_market.c). */
enum mkt { M_USDBRL, M_IBOV, M_SPX, M_VIX, M_DXY, M_BRENT, M_GOLD, M_EMBI, M_CDS, M_HY,
	M_N };
/* Common shock factors with GARCH(1,1) variance: global risk, Brazil risk, rates. */
enum fac { F_GLOBAL, F_BRAZIL, F_USRATES, F_BRRATES, F_N };

#define NJUMP 18		/* scripted jump days (synth_market.c) */

struct sim {
	uint64_t seed;
	struct series *out;
	struct rng r;
	day_t d;
	double t;			/* decimal year of d */
	double gs, bs;			/* global and Brazil stress, 0..1 */
	double fv[F_N], fe[F_N];	/* factor variance, today's shock */
	day_t jump_day[NJUMP];
	/* policy */
	double selic, ff;
	double desired_ema;		/* the Selic the market expects, smoothed */
	/* the latest published monthly figures the daily model may use */
	double ipca12_pub, ipca12_next;
	day_t ipca12_due;
	double focus;
	/* markets */
	double x[M_N], la[M_N];		/* log level, log anchor yesterday */
	double hv[M_N];			/* own GARCH variance of each series */
	double ust_dev[3], be_dev, di_lev, di_slope, ntnb_dev, fx_flow;
	double debt;			/* latest gross debt / GDP */
	/* monthly */
	double ipca_e, ipca_ring[12], us_e, brent_m;
	double ibc_d[12], ibc_e, ibc_lvl[15];
	double unemp_e, capu_e, debt_e, prim_e, cpi, cpi_core, iron_x, soy_x;
	double us_unemp_e;		/* AR noise of US unemployment (own stream) */
	int nmonth;
	day_t target_next;		/* the next inflation-target month to push */
	/*
	 * Constants of the daily curves, computed once by sim_market_init with the
	 * expressions the day used to evaluate (same libm calls, same bits): per DI
	 * tenor 1 - exp(-n/2.5), 1 - exp(-n/5), exp(-n/5), 1 - exp(-0.7n), 0.7n.
	 */
	double tp_a[4], tp_b[4], be_w[4], es_e[4], es_n[4];
	day_t ff_range;			/* 2008-12-16: the Fed funds target a range */
};

void sim_market_init(struct sim *s);
void sim_market_day(struct sim *s);
void sim_macro_init(struct sim *s);
/* The month ending on business day s->d (m0 its first day). */
void sim_macro_month(struct sim *s, day_t m0);
void sim_macro_week(struct sim *s);

/* Selic desired by the policy rule at decimal year t (+ lead years ahead). */
double sim_selic_desired(const struct sim *s, double lead);
void sim_push(struct sim *s, int id, day_t d, double v);

#endif
