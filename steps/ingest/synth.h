/*
 * The synthetic default dataset: every catalogued series from 2005-01-03, simulated
 * day by day from a fixed seed around a scripted macro backbone (synth_anchor.h).
 * Each business day (and each month, week) draws from its own counter-based random
 * stream and the simulation is causal, so the history up to a day D is the same
 * whatever later end date is asked for (the prefix property).
 */
#ifndef SYNTH_H
#define SYNTH_H

#include <stdint.h>

#include "date.h"
#include "series.h"

#define SYNTH_SEED 20050103ULL

enum synth_id {
	SY_BR_SELIC_TARGET,
	SY_BR_CDI,
	SY_BR_IPCA_MOM,
	SY_BR_IPCA_12M,
	SY_BR_IPCA_CORE_MOM,
	SY_BR_IPCA_SERVICES_MOM,
	SY_BR_IPCA_G_FOOD_HOME_MOM,
	SY_BR_IPCA_G_FOOD_AWAY_MOM,
	SY_BR_IPCA_G_HOUSING_MOM,
	SY_BR_IPCA_G_CLOTHING_MOM,
	SY_BR_IPCA_G_HEALTH_MOM,
	SY_BR_IPCA_G_PERSONAL_CARE_MOM,
	SY_BR_IPCA_G_EDUCATION_MOM,
	SY_BR_IPCA_G_TRANSPORT_MOM,
	SY_BR_IPCA_G_COMMUNICATION_MOM,
	SY_BR_FOCUS_IPCA_12M,
	SY_BR_IBC_BR,
	SY_BR_UNEMPLOYMENT,
	SY_BR_CAPACITY_UTIL,
	SY_BR_GROSS_DEBT_GDP,
	SY_BR_PRIMARY_BALANCE_GDP,
	SY_BR_GDP_GROWTH,
	SY_BR_DI_1Y,
	SY_BR_DI_2Y,
	SY_BR_DI_5Y,
	SY_BR_DI_10Y,
	SY_BR_NTNB_2Y,
	SY_BR_NTNB_5Y,
	SY_BR_NTNB_10Y,
	SY_BR_CDS_5Y,
	SY_BR_EMBI,
	SY_USDBRL,
	SY_IBOVESPA,
	SY_BR_FX_FLOW,
	SY_US_FED_FUNDS,
	SY_US_UST_2Y,
	SY_US_UST_5Y,
	SY_US_UST_10Y,
	SY_US_CPI,
	SY_US_CPI_CORE,
	SY_US_BREAKEVEN_5Y,
	SY_US_BREAKEVEN_10Y,
	SY_US_HY_OAS,
	SY_VIX,
	SY_DXY,
	SY_SP500,
	SY_BRENT,
	SY_IRON_ORE,
	SY_SOYBEAN,
	SY_GOLD,
	SY_BR_INFLATION_TARGET,
	SY_BR_INFLATION_TARGET_BAND,
	SY_US_UNEMPLOYMENT,
	SY_N
};

struct synth_meta {
	const char *id;
	char freq;
	const char *unit;
	int lag;		/* publication lag the generator assumes, days */
};

extern const struct synth_meta synth_meta[SY_N];

/*
 * The CMN inflation target for year (centre and the half-width of its tolerance
 * band, %), the official path of docs/DATA.md from 1999; 3.0 +- 1.5 after its
 * last row (the continuous target from 2025). 0, or -1 before 1999.
 */
int synth_br_target(int year, double *target, double *band);
/* Index of a canonical id, or -1. */
int synth_find(const char *id);
/* The first simulated day (2005-01-03). */
day_t synth_first(void);
/*
 * Simulate every series from synth_first() through end (inclusive) into out[SY_N],
 * which this function initialises (series_release each afterwards). Monthly and
 * quarterly figures exist once their reference period has ended, dated on its
 * first day; weekly ones on Fridays. The inflation target and its band, known
 * years ahead, are monthly from 1999-01 through end's month.
 */
void synth_generate(uint64_t seed, day_t end, struct series *out);

#endif
