/*
 * ANBIMA government-bond tables to constant-maturity yields (see conn.h). The file
 * is parsed once per run into a table of (reference date, bond type, maturity in
 * business-day years, yield %) sorted by reference date, then each catalogued tenor
 * is interpolated from it.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "date.h"
#include "die.h"
#include "xalloc.h"

#define NTYPE 4

static const char *const types[NTYPE] = { "LTN", "NTN-F", "NTN-B", "LFT" };

struct bond {
	day_t ref;
	int type;
	double mat, y;
};

struct anbima_tab {
	size_t n;
	struct bond *b;
};

static int
cmp_bond(const void *a, const void *b)
{
	const struct bond *x = a, *y = b;

	if (x->ref != y->ref)
		return x->ref < y->ref ? -1 : 1;
	if (x->mat != y->mat)
		return x->mat < y->mat ? -1 : 1;
	return x->type - y->type;
}

static int
bad(char *err, const char *name, long line, int field, const char *what, const char *val)
{
	return errbuf(err, CONN_ERRSZ, EINVAL, "'%s' line %ld: field %d: %s '%s'", name, line, field,
	    what, val);
}

/* One "Type,Ref,Maturity,Rate[,Price]" line. */
static int
parse_line(char *p, const char *name, long line, struct anbima_tab *t, size_t *cap,
    char *err)
{
	char *f[5];
	int n = 0, k;
	day_t ref, mat;
	double y;

	f[n++] = p;
	while (n < 5 && (p = strchr(p, ',')) != NULL) {
		*p++ = '\0';
		f[n++] = p;
	}
	if (n < 4)
		return bad(err, name, line, n + 1, "missing field", "");
	for (k = 0; k < NTYPE && strcmp(f[0], types[k]) != 0; k++)
		;
	if (k == NTYPE)
		return 0;
	if (conn_date(f[1], NULL, &ref) < 0)
		return bad(err, name, line, 2, "invalid date", f[1]);
	if (conn_date(f[2], NULL, &mat) < 0)
		return bad(err, name, line, 3, "invalid date", f[2]);
	if (conn_value(f[3], 0, &y) < 0)
		return bad(err, name, line, 4, "invalid number", f[3]);
	if (isnan(y) || mat <= ref)
		return 0;
	if (t->n == *cap) {
		*cap = *cap ? 2 * *cap : 4096;
		t->b = xreallocarray(t->b, *cap, sizeof(*t->b));
	}
	t->b[t->n++] = (struct bond){ ref, k,
	    date_bdays_between(ref, mat) / (double)TRADING_DAYS, y * 100 };
	return 0;
}

int
anbima_load(const char *path, const char *name, struct anbima_tab **tab, char *err)
{
	struct anbima_tab *t = xcalloc(1, sizeof(*t));
	char *buf = NULL;
	size_t cap = 0, bcap = 0;
	long line = 0;
	int rc = 0, saved;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL) {
		free(t);
		return errbuf(err, CONN_ERRSZ, errno, "unable to open '%s':", name);
	}
	while (getline(&buf, &cap, fp) >= 0) {
		char *p = buf;

		line++;
		if (line == 1 && strncmp(p, "\xEF\xBB\xBF", 3) == 0)
			p += 3;
		p[strcspn(p, "\r\n")] = '\0';
		if (line == 1 || *p == '\0')
			continue;	/* header, blank lines */
		if ((rc = parse_line(p, name, line, t, &bcap, err)) < 0)
			break;
	}
	if (rc == 0 && ferror(fp))
		rc = errbuf(err, CONN_ERRSZ, errno, "unable to read '%s':", name);
	saved = errno;
	free(buf);
	fclose(fp);
	if (rc < 0) {
		anbima_free(t);
		errno = saved;
		return -1;
	}
	qsort(t->b, t->n, sizeof(*t->b), cmp_bond);
	*tab = t;
	return 0;
}

void
anbima_free(struct anbima_tab *t)
{
	if (t == NULL)
		return;
	free(t->b);
	free(t);
}

double
curve_interp(const double *m, const double *y, size_t n, double t)
{
	size_t i;

	if (n == 0)
		return NAN;
	if (t < m[0])
		return m[0] - t <= 1.0 ? y[0] : NAN;
	for (i = 1; i < n; i++)
		if (t <= m[i])
			return y[i - 1] + (y[i] - y[i - 1]) * (t - m[i - 1]) / (m[i] - m[i - 1]);
	return t - m[n - 1] <= 1.0 ? y[n - 1] : NAN;
}

/* Is bond type k among o->bonds ("LTN+NTN-F")? */
static int
wanted(const struct conn_opts *o, int k)
{
	const char *p = o->bonds;
	size_t l = strlen(types[k]);

	while ((p = strstr(p, types[k])) != NULL) {
		if ((p == o->bonds || p[-1] == '+') && (p[l] == '\0' || p[l] == '+'))
			return 1;
		p += l;
	}
	return 0;
}

int
conn_anbima(const struct anbima_tab *t, const struct conn_opts *o, struct obs *out)
{
	double *m = xmalloc(256 * sizeof(double)), *y = xmalloc(256 * sizeof(double));
	size_t i = 0, j, k;

	while (i < t->n) {
		day_t ref = t->b[i].ref;

		for (j = i, k = 0; j < t->n && t->b[j].ref == ref; j++) {
			if (!wanted(o, t->b[j].type) || k == 256)
				continue;
			/* Equal maturities (LTN and NTN-F): keep the first. */
			if (k > 0 && t->b[j].mat == m[k - 1])
				continue;
			m[k] = t->b[j].mat;
			y[k++] = t->b[j].y;
		}
		if (date_is_bday(ref))
			obs_push(out, ref, curve_interp(m, y, k, o->tenor) * o->scale);
		i = j;
	}
	free(m);
	free(y);
	return 0;
}
