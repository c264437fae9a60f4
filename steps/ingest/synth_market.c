/*
 * Daily market block of the synthetic generator. Prices, spreads and VIX are log
 * levels that follow their anchor and mean-revert to it, moved by common shocks
 * (global risk, Brazil risk) with GARCH(1,1) variance and Student-t innovations,
 * scaled up in stress episodes, plus scripted jump days. Rates: the DI curve is the
 * expected Selic path plus a term premium; NTN-B real yields are DI minus a
 * breakeven built from Focus and the target; US yields are anchors plus AR noise.
 */
#include <math.h>

#include "date.h"
#include "synth.h"
#include "synth_anchor.h"
#include "synth_sim.h"

#define GARCH_A 0.12
#define GARCH_B 0.86
#define GARCH_MAX 4.0		/* variance cap: at most twice the calm volatility */
#define STRESS_VOL 1.5		/* volatility multiplier is 1 + STRESS_VOL * stress */

/*
 * Per log-level series: anchor, reversion, calm daily vol, loadings on the global
 * and Brazil factors (the rest is idiosyncratic), and a cap on the day's combined
 * shock in standard deviations (VIX mean-reverts fast and must not compound jumps).
 */
static const struct {
	enum anchor a;
	int id;
	double kappa, sigma, lg, lb, cap;
} mkt[M_N] = {
	[M_USDBRL] = { A_USDBRL, SY_USDBRL, 0.02, 0.0068, 0.30, 0.55, 5.0 },
	[M_IBOV] = { A_IBOV, SY_IBOVESPA, 0.02, 0.0115, -0.60, -0.30, 5.0 },
	[M_SPX] = { A_SPX, SY_SP500, 0.02, 0.0072, -0.80, 0.0, 5.0 },
	[M_VIX] = { A_VIX, SY_VIX, 0.10, 0.040, 0.90, 0.0, 2.5 },
	[M_DXY] = { A_DXY, SY_DXY, 0.01, 0.0035, 0.30, 0.0, 5.0 },
	[M_BRENT] = { A_BRENT, SY_BRENT, 0.02, 0.016, -0.30, 0.0, 5.0 },
	[M_GOLD] = { A_GOLD, SY_GOLD, 0.01, 0.0085, -0.10, 0.0, 5.0 },
	[M_EMBI] = { A_EMBI, SY_BR_EMBI, 0.03, 0.018, 0.40, 0.70, 5.0 },
	[M_CDS] = { A_EMBI, SY_BR_CDS_5Y, 0.03, 0.022, 0.35, 0.80, 5.0 },
	[M_HY] = { A_HY, SY_US_HY_OAS, 0.02, 0.016, 0.85, 0.0, 5.0 },
};

/* Scripted jump days: shock added to a factor, in standard deviations. */
static const struct {
	int y, m, d;
	enum fac f;
	double z;
} jumps[] = {
	{ 2008, 9, 15, F_GLOBAL, 4 }, { 2008, 9, 29, F_GLOBAL, 5 },
	{ 2008, 10, 6, F_GLOBAL, 4 }, { 2008, 10, 13, F_GLOBAL, -6 },
	{ 2008, 10, 15, F_GLOBAL, 5 }, { 2008, 10, 22, F_GLOBAL, 4 },
	{ 2008, 10, 28, F_GLOBAL, -5 }, { 2011, 8, 8, F_GLOBAL, 4 },
	{ 2013, 6, 20, F_BRAZIL, 3 }, { 2015, 9, 9, F_BRAZIL, 4 },
	{ 2017, 5, 18, F_BRAZIL, 8 }, { 2018, 5, 28, F_BRAZIL, 3 },
	{ 2020, 3, 9, F_GLOBAL, 6 }, { 2020, 3, 12, F_GLOBAL, 7 },
	{ 2020, 3, 16, F_GLOBAL, 8 }, { 2020, 3, 18, F_GLOBAL, 4 },
	{ 2020, 3, 24, F_GLOBAL, -6 }, { 2024, 12, 18, F_BRAZIL, 3 },
};

_Static_assert(sizeof(jumps) / sizeof(jumps[0]) == NJUMP, "NJUMP is the jump count");

static double
cds_anchor(double t)
{
	return 0.8 * anchor_at(A_EMBI, t) - 30.0;
}

static double
log_anchor(int i, double t)
{
	if (i == M_CDS)
		return log(cds_anchor(t));
	return log(anchor_at(mkt[i].a, t));
}

/* DI tenors, years (br_rates). */
static const double tenor[4] = { 1, 2, 5, 10 };
#define ES_LAMBDA 0.7		/* decay of the Selic's pressure, per year */

/*
 * The curves' constants, per tenor. n goes through a volatile so that the
 * compiler cannot fold the exp() calls into constants rounded its own way: they
 * must be libm's, as when each day computed them.
 */
static void
curve_constants(struct sim *s)
{
	volatile double vn;
	double n;
	int i;

	for (i = 0; i < 4; i++) {
		vn = tenor[i];
		n = vn;
		s->tp_a[i] = 1 - exp(-n / 2.5);
		s->tp_b[i] = 1 - exp(-n / 5);
		s->be_w[i] = exp(-n / 5);
		s->es_e[i] = 1 - exp(-ES_LAMBDA * n);
		s->es_n[i] = ES_LAMBDA * n;
	}
}

void
sim_market_init(struct sim *s)
{
	int i;

	curve_constants(s);
	s->ff_range = date_from_ymd(2008, 12, 16);

	for (i = 0; i < F_N; i++)
		s->fv[i] = 1.0;
	for (i = 0; i < NJUMP; i++)
		s->jump_day[i] = date_from_ymd(jumps[i].y, jumps[i].m, jumps[i].d);
	for (i = 0; i < M_N; i++) {
		s->x[i] = s->la[i] = log_anchor(i, s->t);
		s->hv[i] = 1.0;
	}
	s->fx_flow = 0;
}

static double
jump_on(const struct sim *s, enum fac f)
{
	size_t i;
	double z = 0;

	for (i = 0; i < NJUMP; i++)
		if (s->jump_day[i] == s->d && jumps[i].f == f)
			z += jumps[i].z;
	return z;
}

/* Today's factor shocks: GARCH variance times a t(4) draw, plus any jump. */
static void
factors(struct sim *s)
{
	int f;

	for (f = 0; f < F_N; f++) {
		double z = rng_fat(&s->r), e;

		e = sqrt(s->fv[f]) * z;
		s->fe[f] = e + jump_on(s, (enum fac)f);
		s->fv[f] = (1 - GARCH_A - GARCH_B) + GARCH_A * s->fe[f] * s->fe[f] +
		    GARCH_B * s->fv[f];
		if (s->fv[f] > GARCH_MAX)
			s->fv[f] = GARCH_MAX;
	}
}

static void
levels(struct sim *s)
{
	int i;

	for (i = 0; i < M_N; i++) {
		double la = log_anchor(i, s->t), lg = mkt[i].lg, lb = mkt[i].lb;
		double li = sqrt(fmax(0.05, 1 - lg * lg - lb * lb));
		double w = fabs(lg) + fabs(lb), st, u;

		st = w > 0 ? (fabs(lg) * s->gs + fabs(lb) * s->bs) / w : s->gs;
		u = lg * s->fe[F_GLOBAL] + lb * s->fe[F_BRAZIL] + li * rng_norm(&s->r);
		u = fmax(-mkt[i].cap, fmin(mkt[i].cap, u * sqrt(s->hv[i])));
		s->hv[i] = (1 - GARCH_A - GARCH_B) + GARCH_A * fmin(u * u, 16) +
		    GARCH_B * s->hv[i];
		if (s->hv[i] > GARCH_MAX)
			s->hv[i] = GARCH_MAX;
		s->x[i] += (la - s->la[i]) + mkt[i].kappa * (s->la[i] - s->x[i]) +
		    mkt[i].sigma * (1 + STRESS_VOL * st) * u;
		s->la[i] = la;
		sim_push(s, mkt[i].id, s->d, exp(s->x[i]));
	}
}

static void
us_rates(struct sim *s)
{
	double g = s->fe[F_GLOBAL], ru = s->fe[F_USRATES], k = 1 + s->gs;
	double y2, y5, y10, be5;

	s->ust_dev[0] = 0.985 * s->ust_dev[0] +
	    0.035 * k * (0.8 * ru - 0.3 * g + 0.5 * rng_norm(&s->r));
	s->ust_dev[1] = 0.985 * s->ust_dev[1] + 0.015 * rng_norm(&s->r);
	s->ust_dev[2] = 0.99 * s->ust_dev[2] +
	    0.045 * k * (0.85 * ru - 0.25 * g + 0.47 * rng_norm(&s->r));
	s->be_dev = 0.99 * s->be_dev + 0.03 * k * (0.9 * rng_norm(&s->r) - 0.4 * g);
	y2 = fmax(0.05, anchor_at(A_UST2, s->t) + s->ust_dev[0]);
	y10 = fmax(0.3, anchor_at(A_UST10, s->t) + s->ust_dev[2]);
	y5 = fmax(0.1, 0.45 * y2 + 0.55 * y10 + s->ust_dev[1]);
	be5 = anchor_at(A_US_BE5, s->t) + s->be_dev;
	/*
	 * The effective rate sits a few bp under the target's midpoint between moves.
	 * The target was a point until 2008-12-16, then a 25 bp range whose upper bound
	 * is the rate the rule moves (0.25 at the floor, 5.50 in 2023): midpoint 12.5 bp
	 * lower (DFF 0.04-0.20 at the floor, 5.33 in 2023-24).
	 */
	sim_push(s, SY_US_FED_FUNDS, s->d, fmax(0.05, s->ff - 0.05 -
	    (s->d >= s->ff_range ? 0.125 : 0)));
	sim_push(s, SY_US_UST_2Y, s->d, y2);
	sim_push(s, SY_US_UST_5Y, s->d, y5);
	sim_push(s, SY_US_UST_10Y, s->d, y10);
	sim_push(s, SY_US_BREAKEVEN_5Y, s->d, be5);
	sim_push(s, SY_US_BREAKEVEN_10Y, s->d, 0.55 * be5 + 0.45 * 2.35 +
	    0.3 * s->be_dev);
}

/*
 * Expected average Selic over tenor i's n years: today's pressure decaying to
 * neutral, neutral + (now - neutral) (1 - exp(-0.7 n)) / (0.7 n).
 */
static double
expected_selic(const struct sim *s, int i)
{
	double neutral = s->focus + anchor_at(A_RSTAR, s->t);
	double now = s->selic + 0.9 * (s->desired_ema - s->selic);

	return neutral + (now - neutral) * s->es_e[i] / s->es_n[i];
}

static void
br_rates(struct sim *s)
{
	static const int di_id[4] = { SY_BR_DI_1Y, SY_BR_DI_2Y, SY_BR_DI_5Y, SY_BR_DI_10Y };
	double b = s->fe[F_BRAZIL], rb = s->fe[F_BRRATES], k = 1 + 2 * s->bs;
	double target = anchor_at(A_BR_TARGET, s->t + 1), di[4];
	int i;

	/* The market digests inflation news over a few weeks, not in one day. */
	s->desired_ema += 0.08 * (sim_selic_desired(s, 0.25) - s->desired_ema);
	s->focus += 0.03 * (0.45 * s->ipca12_pub + 0.55 * target - s->focus) +
	    0.012 * rng_norm(&s->r);
	s->di_lev = 0.98 * s->di_lev + 0.10 * k * (0.4 * b + 0.9 * rb);
	s->di_slope = 0.98 * s->di_slope + 0.05 * k * (0.3 * b + 0.95 * rng_norm(&s->r));
	s->ntnb_dev = 0.99 * s->ntnb_dev + 0.02 * k * rng_norm(&s->r);
	for (i = 0; i < 4; i++) {
		double n = tenor[i];
		double tp = (0.25 + 1.2 * s->bs) * s->tp_a[i] +
		    0.015 * fmax(0, s->debt - 55) * s->tp_b[i];

		di[i] = expected_selic(s, i) + tp +
		    s->di_lev * (0.6 + 0.4 * fmin(n, 5) / 5) + s->di_slope * (n - 1) / 9;
		sim_push(s, di_id[i], s->d, di[i]);
	}
	for (i = 1; i < 4; i++) {
		double n = tenor[i], w = s->be_w[i];
		double be = w * s->focus + (1 - w) * target + 0.2 + 0.3 * s->bs + 0.05 * n;

		sim_push(s, SY_BR_NTNB_2Y + (i - 1), s->d, di[i] - be + s->ntnb_dev);
	}
	sim_push(s, SY_BR_SELIC_TARGET, s->d, s->selic);
	sim_push(s, SY_BR_CDI, s->d, s->selic - 0.10);
	sim_push(s, SY_BR_FOCUS_IPCA_12M, s->d, s->focus);
}

void
sim_market_day(struct sim *s)
{
	factors(s);
	levels(s);
	us_rates(s);
	br_rates(s);
}
