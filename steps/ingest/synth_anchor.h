/*
 * The scripted backbone of the synthetic dataset: for each driver a piecewise-linear
 * path through knots (decimal year, value) that follows the broad history of the
 * real series (docs/CALIBRATION.md): the 2008 crisis, Brazil's 2015-16 recession, March
 * 2020, the 2021-22 hiking cycles. The stochastic model moves around these paths.
 * Beyond the last knot the value is held.
 */
#ifndef SYNTH_ANCHOR_H
#define SYNTH_ANCHOR_H

#include "date.h"

enum anchor {
	A_BR_INFL,	/* IPCA 12m trend, % */
	A_BR_TARGET,	/* CMN inflation target, % */
	A_SELIC,	/* Selic target path, % */
	A_RSTAR,	/* Brazil neutral real rate, % */
	A_FF,		/* Fed funds target, % */
	A_US_INFL,	/* US CPI 12m trend, % */
	A_UST2,
	A_UST10,
	A_US_BE5,
	A_USDBRL,
	A_IBOV,
	A_SPX,
	A_VIX,
	A_DXY,
	A_BRENT,
	A_GOLD,
	A_IRON,
	A_SOY,
	A_EMBI,
	A_HY,
	A_GSTRESS,	/* global stress 0..1 */
	A_BSTRESS,	/* Brazil stress 0..1 */
	A_GDP,		/* Brazil GDP growth y/y, % */
	A_UNEMP,
	A_CAPU,
	A_DEBT,
	A_PRIMARY,
	A_US_UNEMP,	/* US unemployment rate (UNRATE), knots at mid-month */
	A_N
};

/* Decimal year of day d (1970.0 is 1970-01-01). */
double anchor_year(day_t d);
/* The middle of month m (1..12) of year y as a decimal year: a monthly knot's time. */
double anchor_month(int y, int m);
/* The anchor's value at decimal year t. */
double anchor_at(enum anchor a, double t);

#endif
