/*
 * Connectors: readers for the formats public sources publish (docs/DATA.md). Each
 * returns 0 with the file's observations appended to out (any order; weekends dropped
 * for daily series), or -1 with a one-line message in err (CONN_ERRSZ bytes) and
 * errno EINVAL for malformed data ("'br/x.csv' line 17: field 2: invalid number
 * 'abc'") or the system errno when the file cannot be read.
 */
#ifndef CONN_H
#define CONN_H

#include <stddef.h>

#include "date.h"
#include "domain.h"

#define CONN_ERRSZ 512

struct obs {
	size_t n, cap;
	day_t *d;
	double *v;			/* NAN = missing */
};

void obs_push(struct obs *o, day_t d, double v);
/* Room for extra more observations without reallocating. */
void obs_reserve(struct obs *o, size_t extra);
/* Append n observations (dates d, values v). */
void obs_append(struct obs *o, const day_t *d, const double *v, size_t n);
void obs_release(struct obs *o);

/*
 * Value transforms: cdi_daily turns SGS 12's % per day into % a year (basis 252);
 * compound12 turns a monthly m/m % file into the 12-month %, yoy a monthly or
 * quarterly level into its change on a year earlier, % (source.c, per series).
 */
enum conn_tr { TR_NONE, TR_CDI_DAILY, TR_COMPOUND12, TR_YOY };

struct conn_opts {
	const char *path;		/* the file to open */
	const char *name;		/* the file as messages show it */
	char freq;			/* the series' frequency */
	char delim;			/* field separator */
	int dcomma;			/* values use a decimal comma */
	int header;			/* the first line names the columns */
	int fonte;			/* skip BCB's trailing "Fonte;..." line */
	long skiplines;			/* data lines to skip after the header */
	char datecol[64], col[64];	/* column names or 1-based numbers */
	char minus[64];			/* a column subtracted from col, "" none */
	char mean[256];			/* "a+b+c": the value is these columns' mean */
	/* "column=value": keep matching rows only ('+' in value stands for a space) */
	char filter[128], filter2[128];
	char datefmt[8];		/* "auto", "mdy", "yq" (YYYYQQ: 199602 = 1996Q2) */
	double scale;			/* multiply each value */
	enum conn_tr tr;
	/* ANBIMA: bond types ("LTN+NTN-F"), tenor in years */
	char bonds[64];
	double tenor;
};

/* Defaults for a source kind ("fred_csv", ...) before the catalogue's arguments. */
void conn_defaults(struct conn_opts *o, const char *kind, char freq);
/* A date in any of the formats the connectors accept; 0 or -1. */
int conn_date(const char *s, const char *fmt, day_t *out);
/*
 * A value: missing for "", ".", "-", "null", "NA", "N/A", "#N/A", "NaN", "..." and
 * -2147483648 (R's integer NA); decimal comma when dcomma. 0 or -1 (not a number).
 */
int conn_value(const char *s, int dcomma, double *out);

int conn_csv(const struct conn_opts *o, struct obs *out, char *err);
int conn_sgs_json(const struct conn_opts *o, struct obs *out, char *err);

/*
 * ANBIMA bond tables (BondType,ReferenceDate,MaturityDate,IndicativeRate[,Price],
 * rates as decimals): per reference date, the yield at o->tenor years interpolated
 * linearly across the maturities of o->bonds, tenor = business days / 252. Flat
 * beyond the last maturity when it is within a year, else missing. In percent.
 */
struct anbima_tab;
int anbima_load(const char *path, const char *name, struct anbima_tab **tab, char *err);
void anbima_free(struct anbima_tab *tab);
int conn_anbima(const struct anbima_tab *tab, const struct conn_opts *o, struct obs *out);
/* Interpolate yields y at maturities m (n points, increasing) at tenor t; NAN if none. */
double curve_interp(const double *m, const double *y, size_t n, double t);

#endif
