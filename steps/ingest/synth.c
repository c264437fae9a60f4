/*
 * The synthetic generator's driver: the business-day loop, the Copom and FOMC
 * meeting calendars, and the series table (see synth.h).
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "date.h"
#include "series.h"
#include "synth.h"
#include "synth_anchor.h"
#include "synth_sim.h"
#include "xalloc.h"

const struct synth_meta synth_meta[SY_N] = {
	[SY_BR_SELIC_TARGET] = { "BR_SELIC_TARGET", 'D', "%", 0 },
	[SY_BR_CDI] = { "BR_CDI", 'D', "%", 0 },
	[SY_BR_IPCA_MOM] = { "BR_IPCA_MOM", 'M', "%", 10 },
	[SY_BR_IPCA_12M] = { "BR_IPCA_12M", 'M', "%", 10 },
	[SY_BR_IPCA_CORE_MOM] = { "BR_IPCA_CORE_MOM", 'M', "%", 10 },
	[SY_BR_IPCA_SERVICES_MOM] = { "BR_IPCA_SERVICES_MOM", 'M', "%", 10 },
	[SY_BR_IPCA_G_FOOD_HOME_MOM] = { "BR_IPCA_G_FOOD_HOME_MOM", 'M', "%", 10 },
	[SY_BR_IPCA_G_FOOD_AWAY_MOM] = { "BR_IPCA_G_FOOD_AWAY_MOM", 'M', "%", 10 },
	[SY_BR_IPCA_G_HOUSING_MOM] = { "BR_IPCA_G_HOUSING_MOM", 'M', "%", 10 },
	[SY_BR_IPCA_G_CLOTHING_MOM] = { "BR_IPCA_G_CLOTHING_MOM", 'M', "%", 10 },
	[SY_BR_IPCA_G_HEALTH_MOM] = { "BR_IPCA_G_HEALTH_MOM", 'M', "%", 10 },
	[SY_BR_IPCA_G_PERSONAL_CARE_MOM] = { "BR_IPCA_G_PERSONAL_CARE_MOM", 'M', "%", 10 },
	[SY_BR_IPCA_G_EDUCATION_MOM] = { "BR_IPCA_G_EDUCATION_MOM", 'M', "%", 10 },
	[SY_BR_IPCA_G_TRANSPORT_MOM] = { "BR_IPCA_G_TRANSPORT_MOM", 'M', "%", 10 },
	[SY_BR_IPCA_G_COMMUNICATION_MOM] = { "BR_IPCA_G_COMMUNICATION_MOM", 'M', "%", 10 },
	[SY_BR_FOCUS_IPCA_12M] = { "BR_FOCUS_IPCA_12M", 'D', "%", 0 },
	[SY_BR_IBC_BR] = { "BR_IBC_BR", 'M', "index", 45 },
	[SY_BR_UNEMPLOYMENT] = { "BR_UNEMPLOYMENT", 'M', "%", 30 },
	[SY_BR_CAPACITY_UTIL] = { "BR_CAPACITY_UTIL", 'M', "%", 25 },
	[SY_BR_GROSS_DEBT_GDP] = { "BR_GROSS_DEBT_GDP", 'M', "%", 30 },
	[SY_BR_PRIMARY_BALANCE_GDP] = { "BR_PRIMARY_BALANCE_GDP", 'M', "%", 30 },
	[SY_BR_GDP_GROWTH] = { "BR_GDP_GROWTH", 'Q', "%", 60 },
	[SY_BR_DI_1Y] = { "BR_DI_1Y", 'D', "%", 0 },
	[SY_BR_DI_2Y] = { "BR_DI_2Y", 'D', "%", 0 },
	[SY_BR_DI_5Y] = { "BR_DI_5Y", 'D', "%", 0 },
	[SY_BR_DI_10Y] = { "BR_DI_10Y", 'D', "%", 0 },
	[SY_BR_NTNB_2Y] = { "BR_NTNB_2Y", 'D', "%", 0 },
	[SY_BR_NTNB_5Y] = { "BR_NTNB_5Y", 'D', "%", 0 },
	[SY_BR_NTNB_10Y] = { "BR_NTNB_10Y", 'D', "%", 0 },
	[SY_BR_CDS_5Y] = { "BR_CDS_5Y", 'D', "bp", 0 },
	[SY_BR_EMBI] = { "BR_EMBI", 'D', "bp", 0 },
	[SY_USDBRL] = { "USDBRL", 'D', "BRL/USD", 0 },
	[SY_IBOVESPA] = { "IBOVESPA", 'D', "points", 0 },
	[SY_BR_FX_FLOW] = { "BR_FX_FLOW", 'W', "USD mn", 5 },
	[SY_US_FED_FUNDS] = { "US_FED_FUNDS", 'D', "%", 0 },
	[SY_US_UST_2Y] = { "US_UST_2Y", 'D', "%", 0 },
	[SY_US_UST_5Y] = { "US_UST_5Y", 'D', "%", 0 },
	[SY_US_UST_10Y] = { "US_UST_10Y", 'D', "%", 0 },
	[SY_US_CPI] = { "US_CPI", 'M', "index", 12 },
	[SY_US_CPI_CORE] = { "US_CPI_CORE", 'M', "index", 12 },
	[SY_US_BREAKEVEN_5Y] = { "US_BREAKEVEN_5Y", 'D', "%", 0 },
	[SY_US_BREAKEVEN_10Y] = { "US_BREAKEVEN_10Y", 'D', "%", 0 },
	[SY_US_HY_OAS] = { "US_HY_OAS", 'D', "bp", 0 },
	[SY_VIX] = { "VIX", 'D', "index", 0 },
	[SY_DXY] = { "DXY", 'D', "index", 0 },
	[SY_SP500] = { "SP500", 'D', "points", 0 },
	[SY_BRENT] = { "BRENT", 'D', "USD/bbl", 0 },
	[SY_IRON_ORE] = { "IRON_ORE", 'M', "USD/t", 5 },
	[SY_SOYBEAN] = { "SOYBEAN", 'M', "USD/t", 5 },
	[SY_GOLD] = { "GOLD", 'D', "USD/oz", 0 },
	[SY_BR_INFLATION_TARGET] = { "BR_INFLATION_TARGET", 'M', "%", -31 },
	[SY_BR_INFLATION_TARGET_BAND] = { "BR_INFLATION_TARGET_BAND", 'M', "%", -31 },
	[SY_US_UNEMPLOYMENT] = { "US_UNEMPLOYMENT", 'M', "%", 7 },
};

/*
 * The CMN's inflation target by year (docs/DATA.md, "The inflation target"): the
 * first year of each row, its centre and the half-width of the band, in %.
 */
static const struct {
	int year;
	double target, band;
} br_targets[] = {
	{ 1999, 8.0, 2.0 }, { 2000, 6.0, 2.0 }, { 2001, 4.0, 2.0 }, { 2002, 3.5, 2.0 },
	{ 2003, 4.0, 2.5 }, { 2004, 5.5, 2.5 }, { 2005, 4.5, 2.5 }, { 2006, 4.5, 2.0 },
	{ 2017, 4.5, 1.5 }, { 2019, 4.25, 1.5 }, { 2020, 4.0, 1.5 }, { 2021, 3.75, 1.5 },
	{ 2022, 3.5, 1.5 }, { 2023, 3.25, 1.5 }, { 2024, 3.0, 1.5 },
};

/* Copom meets 8 times a year; the decision applies from the next day. */
static const int copom_months[] = { 1, 3, 5, 6, 8, 9, 11, 12 };
static const int fomc_months[] = { 1, 3, 5, 6, 7, 9, 11, 12 };

int
synth_br_target(int year, double *target, double *band)
{
	size_t i, n = sizeof(br_targets) / sizeof(br_targets[0]);

	if (year < br_targets[0].year)
		return -1;
	for (i = 1; i < n && br_targets[i].year <= year; i++)
		;
	*target = br_targets[i - 1].target;
	*band = br_targets[i - 1].band;
	return 0;
}

/* The target and band of every month from 1999-01 through end's month not yet out. */
static void
targets_through(struct sim *s, day_t end)
{
	double t = 0, b = 0;
	int y, m, d;

	for (; s->target_next <= end; s->target_next = date_add_months(s->target_next, 1)) {
		date_to_ymd(s->target_next, &y, &m, &d);
		(void)synth_br_target(y, &t, &b);
		sim_push(s, SY_BR_INFLATION_TARGET, s->target_next, t);
		sim_push(s, SY_BR_INFLATION_TARGET_BAND, s->target_next, b);
	}
}

int
synth_find(const char *id)
{
	int i;

	for (i = 0; i < SY_N; i++)
		if (strcmp(synth_meta[i].id, id) == 0)
			return i;
	return -1;
}

day_t
synth_first(void)
{
	return date_from_ymd(2005, 1, 3);
}

void
sim_push(struct sim *s, int id, day_t d, double v)
{
	(void)series_push(&s->out[id], d, v);
}

/*
 * The Thursday after the nth Wednesday of the month, when month m is listed: dd is
 * the day of the month, m0 the month's first day.
 */
static int
is_meeting(int m, int dd, day_t m0, const int *months, int nmonths, int nth)
{
	int w, first_wed, i;

	for (i = 0; i < nmonths; i++)
		if (months[i] == m)
			break;
	if (i == nmonths)
		return 0;
	w = date_wday(m0);
	first_wed = 1 + (3 - w + 7) % 7;
	return dd == first_wed + 7 * (nth - 1) + 1;
}

double
sim_selic_desired(const struct sim *s, double lead)
{
	double trend = anchor_at(A_BR_INFL, s->t - 0.12);
	double surprise = fmax(-1.5, fmin(1.5, s->ipca12_pub - trend));

	return anchor_at(A_SELIC, s->t + lead) + 0.8 * surprise;
}

/* Move a policy rate towards want in steps of 0.25 (at most max_q quarters). */
static double
policy_step(double rate, double want, int max_q, double floor)
{
	double gap = want - rate;
	long q = lround(fabs(gap) / 0.25);

	/* Hold unless the gap is worth a move: the committee does not fine-tune. */
	if (fabs(gap) < 0.3)
		return rate;
	if (q > max_q)
		q = max_q;
	/* Never below the floor, and only in sizes 0.25, 0.5, 0.75, 1 or 1.5. */
	while (gap < 0 && q > 0 && rate - 0.25 * (double)q < floor - 1e-9)
		q--;
	if (q == 5)
		q = 4;
	return rate + (gap > 0 ? 0.25 : -0.25) * (double)q;
}

static void
policy_day(struct sim *s, int m, int dd, day_t m0)
{
	if (is_meeting(m, dd, m0, copom_months, 8, 3))
		s->selic = policy_step(s->selic, sim_selic_desired(s, 0), 6, 2.0);
	if (is_meeting(m, dd, m0, fomc_months, 8, 2))
		s->ff = policy_step(s->ff, anchor_at(A_FF, s->t),
		    s->gs > 0.6 ? 6 : 3, 0.125);
}

/*
 * Room for every business day through end in each daily series at once: grown by
 * doubling, the 53 series' arrays were copied about as many bytes again as they
 * hold (realloc below the mmap threshold copies).
 */
static void
reserve_daily(struct series *s, day_t end)
{
	int n = date_bdays_between(synth_first(), end) + 1;

	if (s->freq != 'D' || n <= 0)
		return;
	s->cap = (size_t)n;
	s->dates = xreallocarray(NULL, s->cap, sizeof(*s->dates));
	s->values = xreallocarray(NULL, s->cap, sizeof(*s->values));
}

static void
sim_init(struct sim *s, uint64_t seed, day_t end, struct series *out)
{
	int i;

	memset(s, 0, sizeof(*s));
	s->seed = seed;
	s->out = out;
	for (i = 0; i < SY_N; i++) {
		series_init(&out[i], synth_meta[i].id, synth_meta[i].freq,
		    synth_meta[i].unit);
		reserve_daily(&out[i], end);
	}
	s->d = synth_first();
	s->t = anchor_year(s->d);
	s->selic = 17.75;
	s->desired_ema = 17.75;
	s->ff = 2.25;
	s->ipca12_pub = 7.4;
	s->ipca12_due = -1;
	s->focus = 5.9;
	s->debt = 58;
	s->target_next = date_from_ymd(1999, 1, 1);
	sim_macro_init(s);
	sim_market_init(s);
}

void
synth_generate(uint64_t seed, day_t end, struct series *out)
{
	struct sim s;
	day_t d, next, m0 = 0, m1 = 0;
	int y, m = 0, dd;

	sim_init(&s, seed, end, out);
	for (d = synth_first(); d <= end; d = next) {
		next = date_add_bdays(d, 1);
		/* The calendar once a day: d's month [m0, m1) and its day dd. */
		if (d >= m1) {
			date_to_ymd(d, &y, &m, &dd);
			m0 = date_from_ymd(y, m, 1);
			m1 = date_add_months(m0, 1);
		}
		dd = (int)(d - m0) + 1;
		s.d = d;
		s.t = anchor_year(d);
		s.gs = anchor_at(A_GSTRESS, s.t);
		s.bs = anchor_at(A_BSTRESS, s.t);
		targets_through(&s, d);
		rng_seed(&s.r, seed, (uint64_t)d);
		if (s.ipca12_due >= 0 && d >= s.ipca12_due) {
			s.ipca12_pub = s.ipca12_next;
			s.ipca12_due = -1;
		}
		policy_day(&s, m, dd, m0);
		sim_market_day(&s);
		if (date_wday(d) == 5)
			sim_macro_week(&s);
		if (next >= m1)
			sim_macro_month(&s, m0);
	}
	targets_through(&s, end);
}
