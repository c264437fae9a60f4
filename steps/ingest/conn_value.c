/* Dates and values as the connectors read them (see conn.h). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conn.h"
#include "date.h"
#include "parse.h"
#include "xalloc.h"

static const char *const na_tokens[] = { "", ".", "-", "null", "NA", "N/A", "#N/A",
	"NaN", "nan", "...", "-2147483648", "n/a" };

void
obs_push(struct obs *o, day_t d, double v)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 256;
		o->d = xreallocarray(o->d, o->cap, sizeof(*o->d));
		o->v = xreallocarray(o->v, o->cap, sizeof(*o->v));
	}
	o->d[o->n] = d;
	o->v[o->n++] = v;
}

void
obs_reserve(struct obs *o, size_t extra)
{
	if (o->cap - o->n >= extra)
		return;
	o->cap = o->n + extra;
	o->d = xreallocarray(o->d, o->cap, sizeof(*o->d));
	o->v = xreallocarray(o->v, o->cap, sizeof(*o->v));
}

void
obs_append(struct obs *o, const day_t *d, const double *v, size_t n)
{
	obs_reserve(o, n);
	if (n > 0) {
		memcpy(o->d + o->n, d, n * sizeof(*d));
		memcpy(o->v + o->n, v, n * sizeof(*v));
	}
	o->n += n;
}

void
obs_release(struct obs *o)
{
	free(o->d);
	free(o->v);
	o->d = NULL;
	o->v = NULL;
	o->n = o->cap = 0;
}

/* n digits at s into *v. */
static int
num(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

static int
ymd(int y, int m, int d, day_t *out)
{
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 ||
	    d > date_days_in_month(y, m))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

/* m/d/yy or m/d/yyyy (Datastream exports). */
static int
mdy(const char *s, day_t *out)
{
	char *e;
	long m, d, y;

	m = strtol(s, &e, 10);
	if (*e != '/')
		return -1;
	d = strtol(e + 1, &e, 10);
	if (*e != '/')
		return -1;
	s = e + 1;
	y = strtol(s, &e, 10);
	if (*e != '\0' || e == s)
		return -1;
	if (e - s == 2)
		y += y < 50 ? 2000 : 1900;
	return ymd((int)y, (int)m, (int)d, out);
}

int
conn_date(const char *s, const char *fmt, day_t *out)
{
	size_t n = strlen(s);
	int y, m, d;

	if (fmt != NULL && strcmp(fmt, "mdy") == 0)
		return mdy(s, out);
	/* YYYYQQ (SIDRA quarters): the quarter's first day. */
	if (fmt != NULL && strcmp(fmt, "yq") == 0) {
		if (n != 6 || num(s, 4, &y) || num(s + 4, 2, &m) || m < 1 || m > 4)
			return -1;
		return ymd(y, 3 * m - 2, 1, out);
	}
	/* YYYY-MM-DD, optionally followed by a time. */
	if (n >= 10 && s[4] == '-' && s[7] == '-' && (n == 10 || s[10] == ' ' ||
	    s[10] == 'T') && !num(s, 4, &y) && !num(s + 5, 2, &m) && !num(s + 8, 2, &d))
		return ymd(y, m, d, out);
	/* DD/MM/YYYY (BCB) and DD.MM.YYYY (terminal exports). */
	if (n == 10 && (s[2] == '/' || s[2] == '.') && s[5] == s[2] &&
	    !num(s, 2, &d) && !num(s + 3, 2, &m) && !num(s + 6, 4, &y))
		return ymd(y, m, d, out);
	/* YYYY-MM and YYYY.MM (IPEADATA monthly): the first day of the month. */
	if (n == 7 && (s[4] == '-' || s[4] == '.') && !num(s, 4, &y) && !num(s + 5, 2, &m))
		return ymd(y, m, 1, out);
	/* MM/YYYY (FGV exports): the first day of the month. */
	if (n == 7 && s[2] == '/' && !num(s, 2, &m) && !num(s + 3, 4, &y))
		return ymd(y, m, 1, out);
	return -1;
}

int
conn_value(const char *s, int dcomma, double *out)
{
	char buf[64];
	size_t i, j;

	for (i = 0; i < sizeof(na_tokens) / sizeof(na_tokens[0]); i++)
		if (strcasecmp(s, na_tokens[i]) == 0) {
			*out = NAN;
			return 0;
		}
	if (strlen(s) >= sizeof(buf))
		return -1;
	for (i = j = 0; s[i]; i++) {
		if (dcomma && s[i] == '.')
			continue;	/* thousands separator */
		buf[j++] = dcomma && s[i] == ',' ? '.' : s[i];
	}
	buf[j] = '\0';
	if (buf[0] == '\0' || isspace((unsigned char)buf[0]) || buf[0] == '+' ||
	    strchr(buf, 'x') || strchr(buf, 'X'))
		return -1;
	return parse_double(buf, out);
}

void
conn_defaults(struct conn_opts *o, const char *kind, char freq)
{
	memset(o, 0, sizeof(*o));
	o->freq = freq;
	o->delim = ',';
	o->header = 1;
	o->scale = 1;
	if (strcmp(kind, "bcb_sgs_csv") == 0) {
		o->delim = ';';
		o->dcomma = 1;
		o->fonte = 1;
	} else if (strcmp(kind, "ipeadata_csv") == 0) {
		o->delim = ';';
		o->dcomma = 1;
	} else if (strcmp(kind, "yahoo_csv") == 0) {
		snprintf(o->col, sizeof(o->col), "Close");
	}
}
