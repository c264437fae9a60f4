/*
 * Monthly, quarterly and weekly block of the synthetic generator: IPCA with its
 * seasonality and persistence and nine groups whose weighted sum is the headline,
 * core and services, the 12-month rate compounded from the m/m figures; activity
 * (IBC-Br, GDP growth as the y/y of its quarterly mean), labour, capacity, fiscal
 * ratios; US CPI with an energy pass-through; the US unemployment rate; monthly iron
 * ore and soybeans; weekly FX flows.
 */
#include <math.h>

#include "date.h"
#include "synth.h"
#include "synth_anchor.h"
#include "synth_sim.h"

#define NGROUP 9
/* Stream keys of the monthly US unemployment: 2^32 + the month's first day. */
#define US_UNEMP_KEY ((uint64_t)1 << 32)

/* IPCA m/m mean by calendar month, 2010-2024 (docs/CALIBRATION.md); mean 0.4717. */
static const double ipca_seas[12] = { 0.60, 0.69, 0.62, 0.50, 0.40, 0.31, 0.24, 0.23,
	0.39, 0.55, 0.52, 0.71 };
#define IPCA_SEAS_MEAN 0.4717

/* IBGE-style group weights (renormalised below) and their own seasonal shapes. */
static const double gweight[NGROUP] = { .21, .11, .16, .04, .14, .09, .06, .12, .05 };
static const double gsd[NGROUP] = { .7, .2, .6, .3, .15, .3, .15, .6, .3 };
static const double gseas[NGROUP][12] = {
	{ .6, .3, .8, .6, .2, -.3, -.6, -.8, -.3, .3, .3, .5 },		/* food at home */
	{ 0 },								/* food away */
	{ .2, -.2, 0, 0, .2, .1, .3, 0, -.2, 0, -.2, -.2 },		/* housing */
	{ -.6, -.4, .3, .6, .7, .4, -.4, -.5, .1, .5, .4, .3 },	/* clothing */
	{ -.1, -.1, .1, .6, .3, -.1, -.1, -.1, -.1, -.1, -.1, -.1 },	/* health */
	{ 0 },								/* personal care */
	{ .3, 4.5, .5, -.4, -.4, -.4, -.4, -.4, -.4, -.4, -.4, -.4 },	/* education */
	{ .5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, .3 },			/* transport */
	{ -.3, -.3, -.3, -.3, -.3, -.3, -.3, -.3, -.3, -.3, -.3, -.3 },	/* communication */
};

static double
monthly_rate(double annual)
{
	return (pow(1 + annual / 100, 1.0 / 12) - 1) * 100;
}

void
sim_macro_init(struct sim *s)
{
	int k;

	/* 2004 history the first 12-month rates and y/y growth rates need. */
	for (k = 0; k < 12; k++) {
		s->ipca_ring[k] = monthly_rate(7.6) + ipca_seas[k] - IPCA_SEAS_MEAN;
		s->ibc_d[k] = log(108.0) + k * log(1.057) / 12;
	}
	for (k = 0; k < 15; k++)
		s->ibc_lvl[k] = 108.0 * pow(1.057, (k - 3) / 12.0);
	s->cpi = 190.7;
	s->cpi_core = 199.1;
	s->iron_x = log(anchor_at(A_IRON, s->t));
	s->soy_x = log(anchor_at(A_SOY, s->t));
	s->brent_m = log(anchor_at(A_BRENT, s->t));
}

static void
ipca_groups(struct sim *s, day_t m0, int mon, double head)
{
	double raw[NGROUP], wsum = 0, mean = 0;
	int g;

	for (g = 0; g < NGROUP; g++)
		wsum += gweight[g];
	for (g = 0; g < NGROUP; g++) {
		raw[g] = gseas[g][mon] + gsd[g] * rng_norm(&s->r);
		mean += gweight[g] / wsum * raw[g];
	}
	for (g = 0; g < NGROUP; g++)
		sim_push(s, SY_BR_IPCA_G_FOOD_HOME_MOM + g, m0, head + raw[g] - mean);
}

static void
ipca(struct sim *s, day_t m0, int mon)
{
	double pi = anchor_at(A_BR_INFL, s->t), base = monthly_rate(pi);
	double seas = ipca_seas[mon] - IPCA_SEAS_MEAN, head, acc = 1;
	int k;

	s->ipca_e = 0.2 * s->ipca_e + 0.2 * rng_norm(&s->r);
	head = base + seas + s->ipca_e;
	for (k = 0; k < 11; k++)
		s->ipca_ring[k] = s->ipca_ring[k + 1];
	s->ipca_ring[11] = head;
	for (k = 0; k < 12; k++)
		acc *= 1 + s->ipca_ring[k] / 100;
	sim_push(s, SY_BR_IPCA_MOM, m0, head);
	sim_push(s, SY_BR_IPCA_12M, m0, (acc - 1) * 100);
	sim_push(s, SY_BR_IPCA_CORE_MOM, m0, 0.97 * base + 0.35 * seas +
	    0.5 * s->ipca_e + 0.05 * rng_norm(&s->r));
	sim_push(s, SY_BR_IPCA_SERVICES_MOM, m0, monthly_rate(0.6 * pi + 2.2) +
	    0.5 * seas + 0.3 * s->ipca_e + 0.1 * rng_norm(&s->r));
	ipca_groups(s, m0, mon, head);
	s->ipca12_next = (acc - 1) * 100;
	s->ipca12_due = date_month_end(m0) + synth_meta[SY_BR_IPCA_12M].lag;
}

/* IBC-Br: a log level whose y/y growth follows the GDP anchor, plus AR noise. */
static void
activity(struct sim *s, day_t m0, int mon)
{
	double d, lvl, q, q1;
	int k;

	d = s->ibc_d[0] + log(1 + anchor_at(A_GDP, s->t) / 100);
	for (k = 0; k < 11; k++)
		s->ibc_d[k] = s->ibc_d[k + 1];
	s->ibc_d[11] = d;
	s->ibc_e = 0.6 * s->ibc_e + 0.006 * rng_norm(&s->r);
	lvl = exp(d + s->ibc_e);
	for (k = 0; k < 14; k++)
		s->ibc_lvl[k] = s->ibc_lvl[k + 1];
	s->ibc_lvl[14] = lvl;
	sim_push(s, SY_BR_IBC_BR, m0, lvl);
	if (mon % 3 == 2) {
		q = s->ibc_lvl[12] + s->ibc_lvl[13] + s->ibc_lvl[14];
		q1 = s->ibc_lvl[0] + s->ibc_lvl[1] + s->ibc_lvl[2];
		sim_push(s, SY_BR_GDP_GROWTH, date_add_months(m0, -2),
		    (q / q1 - 1) * 100 + 0.3 * rng_norm(&s->r));
	}
	s->unemp_e = 0.8 * s->unemp_e + 0.12 * rng_norm(&s->r);
	sim_push(s, SY_BR_UNEMPLOYMENT, m0, anchor_at(A_UNEMP, s->t) + s->unemp_e +
	    (mon < 3 ? 0.6 : mon > 8 ? -0.4 : 0));
	s->capu_e = 0.7 * s->capu_e + 0.5 * rng_norm(&s->r);
	sim_push(s, SY_BR_CAPACITY_UTIL, m0, anchor_at(A_CAPU, s->t) + s->capu_e);
	s->debt_e = 0.9 * s->debt_e + 0.25 * rng_norm(&s->r);
	s->debt = anchor_at(A_DEBT, s->t) + s->debt_e;
	sim_push(s, SY_BR_GROSS_DEBT_GDP, m0, s->debt);
	s->prim_e = 0.9 * s->prim_e + 0.15 * rng_norm(&s->r);
	sim_push(s, SY_BR_PRIMARY_BALANCE_GDP, m0, anchor_at(A_PRIMARY, s->t) + s->prim_e);
}

static void
us_and_commodities(struct sim *s, day_t m0)
{
	double pi = anchor_at(A_US_INFL, s->t), brent = s->x[M_BRENT];
	double a;

	s->us_e = 0.3 * s->us_e + 0.12 * rng_norm(&s->r);
	s->cpi *= 1 + (monthly_rate(pi) + s->us_e + 4.0 * (brent - s->brent_m)) / 100;
	s->cpi_core *= 1 + (monthly_rate(0.7 * pi + 0.7) + 0.06 * rng_norm(&s->r)) / 100;
	s->brent_m = brent;
	sim_push(s, SY_US_CPI, m0, s->cpi);
	sim_push(s, SY_US_CPI_CORE, m0, s->cpi_core);
	a = log(anchor_at(A_IRON, s->t));
	s->iron_x += 0.3 * (a - s->iron_x) + 0.07 * rng_norm(&s->r);
	sim_push(s, SY_IRON_ORE, m0, exp(s->iron_x));
	a = log(anchor_at(A_SOY, s->t));
	s->soy_x += 0.3 * (a - s->soy_x) + 0.045 * rng_norm(&s->r);
	sim_push(s, SY_SOYBEAN, m0, exp(s->soy_x));
}

/*
 * US unemployment rate (docs/DATA.md "The synthetic default"): the UNRATE anchor at
 * the middle of the month plus AR(1) noise (0.7, innovations 0.08 pp: sd 0.11). The
 * noise comes from the month's own stream, keyed apart from the daily ones, so that
 * adding this series left every other series' draws as they were.
 */
static void
us_unemployment(struct sim *s, day_t m0, int y, int mon)
{
	struct rng r;
	double u;

	rng_seed(&r, s->seed, US_UNEMP_KEY + (uint64_t)m0);
	s->us_unemp_e = 0.7 * s->us_unemp_e + 0.08 * rng_norm(&r);
	u = anchor_at(A_US_UNEMP, anchor_month(y, mon + 1)) + s->us_unemp_e;
	sim_push(s, SY_US_UNEMPLOYMENT, m0, fmax(0.5, u));
}

void
sim_macro_month(struct sim *s, day_t m0)
{
	int y, mon, d;

	date_to_ymd(m0, &y, &mon, &d);
	mon -= 1;
	ipca(s, m0, mon);
	activity(s, m0, mon);
	us_and_commodities(s, m0);
	us_unemployment(s, m0, y, mon);
	s->nmonth++;
}

void
sim_macro_week(struct sim *s)
{
	s->fx_flow = 0.3 * s->fx_flow + 900 * (1 + s->bs) * rng_norm(&s->r) -
	    1500 * (s->bs - 0.3);
	sim_push(s, SY_BR_FX_FLOW, s->d, s->fx_flow);
}
