/*
 * Delimited-text connector: FRED, BCB SGS (';', decimal comma, DD/MM/YYYY, trailing
 * "Fonte;..." line), Yahoo ("null"), IPEADATA and generic date,value files. Handles a
 * UTF-8 BOM, CRLF, quoted fields and blank lines anywhere.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conn.h"
#include "date.h"
#include "die.h"
#include "parse.h"

#define MAXFIELD 160	/* iam03's monthly panel has 116 columns */

/* Split line in place on delim, honouring double quotes; returns the field count. */
static int
split(char *line, char delim, char **f)
{
	char *r = line, *w = line;
	int n = 0, q = 0;

	f[n++] = w;
	for (; *r; r++) {
		if (*r == '"') {
			if (q && r[1] == '"')
				*w++ = *r++;
			else
				q = !q;
		} else if (*r == delim && !q) {
			*w++ = '\0';
			if (n == MAXFIELD)
				return n;
			f[n++] = w;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	for (q = 0; q < n; q++) {
		char *s = f[q], *e;

		while (*s == ' ')
			s++;
		e = s + strlen(s);
		while (e > s && e[-1] == ' ')
			*--e = '\0';
		f[q] = s;
	}
	return n;
}

/* A column given by name (matched case-insensitively in the header) or number. */
static int
column(const char *spec, char **hdr, int nh, int def)
{
	long v;
	int i;

	if (spec[0] == '\0')
		return def;
	if (parse_long(spec, 1, MAXFIELD, &v) == 0)
		return (int)v - 1;
	for (i = 0; i < nh; i++)
		if (strcasecmp(hdr[i], spec) == 0)
			return i;
	return -1;
}

struct filter {
	int col;			/* -1: none */
	char val[128];			/* '+' turned into spaces */
};

#define MEANCOLS 8

struct reader {
	const struct conn_opts *o;
	int dc, vc, mc;			/* date, value and minus columns */
	int meanc[MEANCOLS], nmean;	/* mean= columns */
	struct filter f[2];
	long line, skip;
	char *err;
};

static int
bad(const struct reader *r, int field, const char *what, const char *val)
{
	return errbuf(r->err, CONN_ERRSZ, EINVAL, "'%s' line %ld: field %d: %s '%s'", r->o->name,
	    r->line, field, what, val);
}

/* "column=value" into flt; 0, or -1 with the message. */
static int
filter_setup(struct reader *r, const char *spec, char **f, int n, struct filter *flt)
{
	char fname[128], *eq, *p;

	flt->col = -1;
	if (spec[0] == '\0')
		return 0;
	snprintf(fname, sizeof(fname), "%s", spec);
	if ((eq = strchr(fname, '=')) == NULL)
		return bad(r, 0, "invalid filter", spec);
	*eq = '\0';
	snprintf(flt->val, sizeof(flt->val), "%s", eq + 1);
	for (p = flt->val; (p = strchr(p, '+')) != NULL; )
		*p = ' ';
	if ((flt->col = column(fname, f, n, -1)) < 0)
		return bad(r, 0, "no filter column", fname);
	return 0;
}

/* mean=a+b+c: the columns whose mean is the value. */
static int
mean_setup(struct reader *r, char **f, int n)
{
	char buf[256], *p, *q;

	r->nmean = 0;
	if (r->o->mean[0] == '\0')
		return 0;
	snprintf(buf, sizeof(buf), "%s", r->o->mean);
	for (p = buf; p != NULL; p = q) {
		if ((q = strchr(p, '+')) != NULL)
			*q++ = '\0';
		if (r->nmean == MEANCOLS)
			return bad(r, 0, "too many mean columns", r->o->mean);
		if ((r->meanc[r->nmean++] = column(p, f, n, -1)) < 0)
			return bad(r, 0, "no mean column", p);
	}
	return 0;
}

/* The mean of the mean= columns, missing when any is; -1 on a malformed field. */
static int
mean_value(const struct reader *r, char **f, int n, double *v)
{
	double x, sum = 0;
	int k;

	for (k = 0; k < r->nmean; k++) {
		if (r->meanc[k] >= n)
			return bad(r, r->meanc[k] + 1, "missing field", "");
		if (conn_value(f[r->meanc[k]], r->o->dcomma, &x) < 0)
			return bad(r, r->meanc[k] + 1, "invalid number", f[r->meanc[k]]);
		sum += x;
	}
	*v = sum / r->nmean;
	return 0;
}

static int
setup(struct reader *r, char **f, int n)
{
	const struct conn_opts *o = r->o;

	r->dc = column(o->datecol, f, n, 0);
	r->vc = column(o->col, f, n, 1);
	r->mc = o->minus[0] ? column(o->minus, f, n, -1) : -1;
	if (o->minus[0] && r->mc < 0)
		return bad(r, 0, "no minus column", o->minus);
	if (r->dc < 0)
		return bad(r, 0, "no date column", o->datecol);
	if (r->vc < 0)
		return bad(r, 0, "no value column", o->col);
	if (filter_setup(r, o->filter, f, n, &r->f[0]) < 0 ||
	    filter_setup(r, o->filter2, f, n, &r->f[1]) < 0 || mean_setup(r, f, n) < 0)
		return -1;
	return 0;
}

static double
transform(const struct conn_opts *o, double v)
{
	if (isnan(v))
		return v;
	if (o->tr == TR_CDI_DAILY)
		v = (pow(1 + v / 100, TRADING_DAYS) - 1) * 100;
	return v * o->scale;
}

/* v minus the minus= column (missing when either is); -HUGE_VAL on a bad field. */
static double
minus(const struct reader *r, char **f, int n, double v)
{
	double m;

	if (r->mc >= n) {
		(void)bad(r, r->mc + 1, "missing field", "");
		return -HUGE_VAL;
	}
	if (conn_value(f[r->mc], r->o->dcomma, &m) < 0) {
		(void)bad(r, r->mc + 1, "invalid number", f[r->mc]);
		return -HUGE_VAL;
	}
	return v - m;
}

static int
row(struct reader *r, char **f, int n, struct obs *out)
{
	const struct conn_opts *o = r->o;
	day_t d;
	double v;
	int k;

	if (o->fonte && strncasecmp(f[0], "Fonte", 5) == 0)
		return 0;
	if (r->skip > 0) {
		r->skip--;
		return 0;
	}
	if (r->dc >= n)
		return bad(r, r->dc + 1, "missing field", "");
	if (r->vc >= n)
		return bad(r, r->vc + 1, "missing field", "");
	for (k = 0; k < 2; k++)
		if (r->f[k].col >= 0 && (r->f[k].col >= n ||
		    strcmp(f[r->f[k].col], r->f[k].val) != 0))
			return 0;
	if (conn_date(f[r->dc], o->datefmt, &d) < 0)
		return bad(r, r->dc + 1, "invalid date", f[r->dc]);
	if (r->nmean > 0) {
		if (mean_value(r, f, n, &v) < 0)
			return -1;
	} else if (conn_value(f[r->vc], o->dcomma, &v) < 0)
		return bad(r, r->vc + 1, "invalid number", f[r->vc]);
	if (r->mc >= 0 && (v = minus(r, f, n, v)) == -HUGE_VAL)
		return -1;
	if (o->freq == 'D' && !date_is_bday(d))
		return 0;
	obs_push(out, d, transform(o, v));
	return 0;
}

int
conn_csv(const struct conn_opts *o, struct obs *out, char *err)
{
	struct reader r = { .o = o, .skip = o->skiplines, .err = err };
	char *buf = NULL, *f[MAXFIELD], *p;
	size_t cap = 0;
	ssize_t len;
	int n, rc = 0, have_hdr = !o->header;
	FILE *fp;

	if ((fp = fopen(o->path, "r")) == NULL)
		return errbuf(err, CONN_ERRSZ, errno, "unable to open '%s':", o->name);
	if (have_hdr && (rc = setup(&r, f, 0)) < 0)
		goto out;
	while ((len = getline(&buf, &cap, fp)) >= 0) {
		r.line++;
		p = buf;
		if (r.line == 1 && strncmp(p, "\xEF\xBB\xBF", 3) == 0)
			p += 3;
		p[strcspn(p, "\r\n")] = '\0';
		if (p[strspn(p, " \t")] == '\0')
			continue;
		n = split(p, o->delim, f);
		if (!have_hdr) {
			have_hdr = 1;
			if ((rc = setup(&r, f, n)) < 0)
				break;
			continue;
		}
		if ((rc = row(&r, f, n, out)) < 0)
			break;
	}
	if (rc == 0 && ferror(fp))
		rc = errbuf(err, CONN_ERRSZ, errno, "unable to read '%s':", o->name);
out:
	free(buf);
	n = errno;
	fclose(fp);
	errno = n;
	return rc;
}
