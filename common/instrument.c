/* The instruments of docs/MODELS.md and their daily returns from the state's series. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "date.h"
#include "domain.h"
#include "instrument.h"
#include "xalloc.h"

/* A daily level older than this many calendar days is stale, not carried forward. */
#define MAXGAP 10
/* CDS risky annuity: recovery rate, and the discount rate when US_UST_5Y is absent. */
#define CDS_RECOVERY 0.40
#define CDS_DEFAULT_RATE 4.0
/* CDI = Selic target - 0.10 when BR_CDI is not known (percentage points). */
#define CDI_UNDER_SELIC 0.10

const struct instrument instruments[] = {
	{ "DI_1Y", AC_FIXED_INCOME, "BR_DI_1Y", NULL, 1, "%", IK_RATE, 0 },
	{ "DI_2Y", AC_FIXED_INCOME, "BR_DI_2Y", NULL, 2, "%", IK_RATE, 0 },
	{ "DI_5Y", AC_FIXED_INCOME, "BR_DI_5Y", NULL, 5, "%", IK_RATE, 0 },
	{ "DI_10Y", AC_FIXED_INCOME, "BR_DI_10Y", NULL, 10, "%", IK_RATE, 0 },
	{ "NTNB_5Y", AC_FIXED_INCOME, "BR_NTNB_5Y", NULL, 5, "%", IK_INFLATION, 1 },
	{ "BREAKEVEN_2Y", AC_FIXED_INCOME, "BR_DI_2Y", "BR_NTNB_2Y", 2, "%", IK_INFLATION, 1 },
	{ "USDBRL", AC_FX, "USDBRL", NULL, 0, "BRL/USD", IK_FX, 0 },
	{ "CDS_BR_5Y", AC_FIXED_INCOME, "BR_CDS_5Y", NULL, 5, "bp", IK_SPREAD, 0 },
	{ "IBOVESPA", AC_EQUITY_INDEX, "IBOVESPA", NULL, 0, "points", IK_EQUITY, 0 },
	{ "UST_2Y", AC_FIXED_INCOME, "US_UST_2Y", NULL, 2, "%", IK_RATE, 0 },
	{ "UST_10Y", AC_FIXED_INCOME, "US_UST_10Y", NULL, 10, "%", IK_RATE, 0 },
};
const size_t n_instruments = sizeof(instruments) / sizeof(instruments[0]);

static const char *const ac_names[AC_COUNT] = {
	"FIXED_INCOME", "FX", "EQUITY_INDEX", "COMMODITY"
};

static const char *const kind_names[IK_COUNT] = {
	"rate", "spread", "fx", "equity", "commodity", "inflation"
};
const char *const bucket_names[N_BUCKETS] = { "0-1Y", "1-3Y", "3-7Y", "7Y+" };

const char *
ins_kind_name(enum ins_kind k)
{
	return (unsigned)k < IK_COUNT ? kind_names[k] : "unknown";
}

int
instrument_bucket(const struct instrument *in)
{
	return in->tenor <= 1 ? 0 : in->tenor <= 3 ? 1 : in->tenor <= 7 ? 2 : 3;
}

const char *
asset_class_name(enum asset_class ac)
{
	return (unsigned)ac < AC_COUNT ? ac_names[ac] : "UNCLASSIFIED";
}

const struct instrument *
instrument_find(const char *id)
{
	size_t i;

	for (i = 0; i < n_instruments; i++)
		if (strcmp(instruments[i].id, id) == 0)
			return &instruments[i];
	return NULL;
}

double
par_bond_duration(double y, double t)
{
	double r = y / 100;

	if (fabs(r) < 1e-9)
		return t;
	return (1 - pow(1 + r, -t)) / r;
}

/* Kinds of return formula, from the instrument's id. */
enum kind { K_DI, K_NTNB, K_BE, K_FX, K_CDS, K_EQ, K_UST };

static enum kind
kind_of(const struct instrument *in)
{
	if (strncmp(in->id, "DI_", 3) == 0)
		return K_DI;
	if (strncmp(in->id, "NTNB_", 5) == 0)
		return K_NTNB;
	if (strncmp(in->id, "BREAKEVEN_", 10) == 0)
		return K_BE;
	if (strcmp(in->id, "USDBRL") == 0)
		return K_FX;
	if (strncmp(in->id, "CDS_", 4) == 0)
		return K_CDS;
	if (strncmp(in->id, "UST_", 4) == 0)
		return K_UST;
	return K_EQ;
}

static double
level_of(const struct dataset *ds, const char *id, day_t d)
{
	const struct series *s = dataset_get(ds, id);

	return s ? series_at(s, d, MAXGAP) : NAN;
}

double
instrument_level(const struct dataset *ds, const struct instrument *in, day_t d)
{
	double a = level_of(ds, in->series, d);

	if (in->series2 != NULL)
		return a - level_of(ds, in->series2, d);
	return a;
}

/*
 * The CDI on day d: BR_CDI, else the Selic target less 0.10 (the CDI trades that close
 * under the target: the real files have the Selic target from 2001 but the CDI only
 * from 2010). NAN when neither is known.
 */
static double
cdi_of(const struct dataset *ds, day_t d)
{
	double cdi = level_of(ds, "BR_CDI", d);

	if (isnan(cdi))
		cdi = level_of(ds, "BR_SELIC_TARGET", d) - CDI_UNDER_SELIC;
	return cdi;
}

/* A daily series: returns of a weekly or monthly one carried forward are not daily moves. */
static int
daily(const struct dataset *ds, const char *id)
{
	const struct series *s = dataset_get(ds, id);

	return s != NULL && s->freq == 'D';
}

int
instrument_available(const struct dataset *ds, const struct instrument *in)
{
	enum kind k = kind_of(in);

	if (!daily(ds, in->series))
		return 0;
	if (in->series2 != NULL && !daily(ds, in->series2))
		return 0;
	if ((k == K_DI || k == K_FX) && dataset_get(ds, "BR_CDI") == NULL &&
	    dataset_get(ds, "BR_SELIC_TARGET") == NULL)
		return 0;
	if (k == K_FX && dataset_get(ds, "US_FED_FUNDS") == NULL)
		return 0;
	return 1;
}

/* The CDS risky annuity at spread s (bp) and discount rate r (%): as one_return's. */
static double
cds_annuity(double s, double r, double tenor)
{
	double lam = s / 10000 / (1 - CDS_RECOVERY);

	r = (isnan(r) ? CDS_DEFAULT_RATE : r) / 100;
	return fabs(r + lam) < 1e-12 ? tenor : (1 - exp(-(r + lam) * tenor)) / (r + lam);
}

/*
 * The IPCA accrual of an NTN-B's nominal value on business day d: the month's
 * BR_IPCA_MOM (the last published one while the month's is not out) pro rata over
 * the month's business days, (1 + mom/100)^(1/n) - 1. NAN without BR_IPCA_MOM.
 */
static double
ipca_accrual(const struct dataset *ds, day_t d)
{
	const struct series *s = dataset_get(ds, "BR_IPCA_MOM");
	day_t x, end = date_month_end(d);
	double mom;
	int y, m, dd, n = 0;

	if (s == NULL || isnan(mom = series_last(s, d, NULL)))
		return NAN;
	date_to_ymd(d, &y, &m, &dd);
	for (x = date_from_ymd(y, m, 1); x <= end; x++)
		n += date_is_bday(x);
	return n > 0 ? pow(1 + mom / 100, 1.0 / n) - 1 : NAN;
}

/* Return of a LONG of weight 1 from day d0 to d1 (see instrument.h). */
static double
one_return(const struct dataset *ds, const struct instrument *in, enum kind k, day_t d0,
    day_t d1)
{
	double l0 = instrument_level(ds, in, d0), l1 = instrument_level(ds, in, d1);
	double y, a;

	if (isnan(l0) || isnan(l1))
		return NAN;
	switch (k) {
	case K_DI:
		return -in->tenor / (1 + l0 / 100) * (l1 - l0) / 100 +
		    (l0 - cdi_of(ds, d0)) / 100 / TRADING_DAYS;
	case K_NTNB:
		return -par_bond_duration(l0, in->tenor) * (l1 - l0) / 100 +
		    ipca_accrual(ds, d1);
	case K_UST:
		return -par_bond_duration(l0, in->tenor) * (l1 - l0) / 100;
	case K_BE:
		y = level_of(ds, in->series, d0);
		return in->tenor / (1 + y / 100) * (l1 - l0) / 100;
	case K_FX:
		if (l0 <= 0 || l1 <= 0)
			return NAN;
		return log(l1 / l0) + (level_of(ds, "US_FED_FUNDS", d0) -
		    cdi_of(ds, d0)) / 100 / TRADING_DAYS;
	case K_CDS:
		a = cds_annuity(l0, level_of(ds, "US_UST_5Y", d0), in->tenor);
		return a * (l1 - l0) / 10000 - l0 / 10000 / TRADING_DAYS;
	case K_EQ:
		if (l0 <= 0 || l1 <= 0)
			return NAN;
		return log(l1 / l0);
	}
	return NAN;
}

double
instrument_duration(const struct dataset *ds, const struct instrument *in, day_t d)
{
	double l = level_of(ds, in->series, d);

	if (isnan(l))
		return NAN;
	switch (kind_of(in)) {
	case K_DI:
	case K_BE:
		return in->tenor / (1 + l / 100);
	case K_NTNB:
	case K_UST:
		return par_bond_duration(l, in->tenor);
	case K_CDS:
		return cds_annuity(l, level_of(ds, "US_UST_5Y", d), in->tenor);
	default:
		return NAN;
	}
}

double
instrument_dv01(const struct dataset *ds, const struct instrument *in, day_t d)
{
	double dur = instrument_duration(ds, in, d);
	enum kind k = kind_of(in);

	return (k == K_BE || k == K_CDS ? -dur : dur) / 10000;
}

void
instrument_returns(const struct dataset *ds, const struct instrument *in, const day_t *cal,
    size_t n, double *out)
{
	enum kind k = kind_of(in);
	int avail = instrument_available(ds, in);
	size_t t;
	day_t prev;

	for (t = 0; t < n; t++) {
		prev = t == 0 ? date_add_bdays(cal[0], -1) : cal[t - 1];
		out[t] = avail ? one_return(ds, in, k, prev, cal[t]) : NAN;
	}
}

size_t
instrument_matrix(const struct dataset *ds, const struct instrument *const *ins, size_t k,
    size_t window, day_t **calp, double **Rp)
{
	day_t *full = xcalloc(window, sizeof(*full)), *cal;
	double *col = xcalloc(window * (k ? k : 1), sizeof(*col)), *R;
	size_t t, j, rows = 0;
	day_t d = date_prev_bday(ds->as_of);

	for (t = window; t-- > 0;) {
		full[t] = d;
		d = date_add_bdays(d, -1);
	}
	for (j = 0; j < k; j++)
		instrument_returns(ds, ins[j], full, window, col + j * window);
	cal = xcalloc(window, sizeof(*cal));
	R = xcalloc(window * (k ? k : 1), sizeof(*R));
	for (t = 0; t < window; t++) {
		for (j = 0; j < k && isfinite(col[j * window + t]); j++)
			;
		if (j < k)
			continue;
		for (j = 0; j < k; j++)
			R[rows * k + j] = col[j * window + t];
		cal[rows++] = full[t];
	}
	free(full);
	free(col);
	*calp = cal;
	*Rp = R;
	return rows;
}
