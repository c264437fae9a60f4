/*
 * The report history (docs/REPORT.md "Index"): DIR/<as_of>/summary.json, the
 * day's few figures, and DIR/index.html, every date under DIR that has one,
 * newest first, rebuilt from those small files (no state re-read). Both are
 * written to a temporary name in their directory and renamed, as files.c does.
 */
#define _DEFAULT_SOURCE		/* mkstemp, fchmod */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "conf.h"
#include "date.h"
#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "report.h"
#include "state.h"
#include "xalloc.h"

#define G(o, k) json_object_get(o, k)

static FILE *
xmemstream(char **buf, size_t *len)
{
	FILE *m = open_memstream(buf, len);

	if (m == NULL)
		die(EXIT_SOFTWARE, "open_memstream:");
	return m;
}

static char *
xdumps(const json_t *j)
{
	char *s = state_dumps(j);

	if (s == NULL)
		die(EXIT_SOFTWARE, "unable to render summary.json");
	return s;
}

/* The day's P&L: the track record's day, else the realised P&L since the last book. */
static json_t *
day_pnl(const json_t *st, const char **source)
{
	json_t *t = field_get(st, "risk.track_record"), *p = field_get(st, "portfolio.pnl");

	if (json_is_true(G(t, "available")) && json_is_number(G(t, "pnl_day"))) {
		*source = "risk.track_record.pnl_day";
		return G(t, "pnl_day");
	}
	if (json_is_true(G(p, "available")) && json_is_number(G(p, "total"))) {
		*source = "portfolio.pnl.total";
		return G(p, "total");
	}
	*source = "none";
	return json_null();
}

json_t *
report_day_summary(const json_t *st)
{
	char as_of[DATE_BUFSZ];
	const char *src;
	json_t *pnl = day_pnl(st, &src), *run = field_get(st, "run_id");
	json_t *var = field_get(st, "risk.var.historical.var_95");

	date_format(state_as_of(st), as_of);
	return json_pack("{s:s,s:O,s:b,s:s,s:s,s:O,s:s,s:O}", "as_of", as_of,
	    "run_id", json_is_string(run) ? run : json_null(),
	    "dry_run", json_is_true(field_get(st, "dry_run")),
	    "quality_status", field_str_opt(st, "quality.status", "n/a"),
	    "risk_level", field_str_opt(st, "risk.risk_level", "n/a"),
	    "pnl_day", pnl, "pnl_source", src,
	    "var_95", json_is_number(var) ? var : json_null());
}

struct day {
	char *name;
	json_t *sum;		/* NULL: no readable summary.json */
	const char *via;	/* "latest": the day's links go through <date>/latest/ */
};

static int
cmp_day_desc(const void *a, const void *b)
{
	return strcmp(((const struct day *)b)->name, ((const struct day *)a)->name);
}

/* The YYYY-MM-DD subdirectories of dir with their summary.json; *n of them. */
static struct day *
scan(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct day *v = NULL;
	size_t cap = 0;
	char path[4096], err[256];
	day_t t;
	FILE *f;

	if (d == NULL)
		die(EXIT_IOERR, "unable to read '%s':", dir);
	*n = 0;
	while ((e = readdir(d)) != NULL) {
		if (strlen(e->d_name) != 10 || date_parse(e->d_name, &t) < 0)
			continue;
		if (*n == cap)
			v = xreallocarray(v, cap = cap ? 2 * cap : 16, sizeof(*v));
		v[*n].name = xstrdup(e->d_name);
		v[*n].via = NULL;
		snprintf(path, sizeof(path), "%s/%s/summary.json", dir, e->d_name);
		if ((f = fopen(path, "r")) == NULL) {
			/* daily_run's tree: <date>/latest -> the last successful run's files */
			snprintf(path, sizeof(path), "%s/%s/latest/summary.json", dir, e->d_name);
			if ((f = fopen(path, "r")) != NULL)
				v[*n].via = "latest";
		}
		v[*n].sum = f != NULL ? state_load(f, err, sizeof(err)) : NULL;
		if (f != NULL)
			fclose(f);
		(*n)++;
	}
	closedir(d);
	if (*n > 1)
		qsort(v, *n, sizeof(*v), cmp_day_desc);
	return v;
}

/*
 * A link to the day's file: its path in summary.json, else <date>/<name>; through
 * <date>/latest/ for daily_run's tree (the path there is relative to the run's own
 * directory, whose <date>/ the latest link stands for).
 */
static void
put_link(FILE *out, const struct day *d, const char *key, const char *name)
{
	const char *p = jstr_or(G(d->sum, key), NULL);

	fputs("<a href=\"", out);
	if (d->via != NULL) {
		put_escaped(out, d->name);
		fprintf(out, "/%s/%s", d->via, name);
	} else if (p != NULL)
		put_escaped(out, p);
	else {
		put_escaped(out, d->name);
		fputc('/', out);
		put_escaped(out, name);
	}
	fprintf(out, "\">%s</a>", strchr(name, '.') + 1);
}

static void
index_row(FILE *out, const struct day *d)
{
	char a[32], b[32];
	json_t *s = d->sum;

	fputs("<tr><td>", out);
	put_escaped(out, d->name);
	fputs("</td><td>", out);
	put_escaped(out, s ? jstr_or(G(s, "quality_status"), "n/a") : "n/a (no summary.json)");
	fputs("</td><td>", out);
	put_escaped(out, jstr_or(G(s, "risk_level"), "n/a"));
	fprintf(out, "</td><td>%s</td><td>%s</td><td>", fmt_pct(a, sizeof(a), G(s, "pnl_day"), 4),
	    fmt_pct(b, sizeof(b), G(s, "var_95"), 2));
	put_escaped(out, jstr_or(G(s, "run_id"), "n/a"));
	fputs(json_is_true(G(s, "dry_run")) ? " (dry run)" : "", out);
	fputs("</td><td>", out);
	put_link(out, d, "report_html", "report.html");
	fputc(' ', out);
	put_link(out, d, "report_md", "report.md");
	fputs("</td></tr>\n", out);
}

static char *
render_index(const struct day *v, size_t n, size_t *len)
{
	char *buf = NULL;
	FILE *m = xmemstream(&buf, len);
	size_t i;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
	    "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
	    "<meta charset=\"UTF-8\"/>\n<title>Daily reports</title>\n<style>"
	    "@page{size:A4;margin:10mm}body{font-family:sans-serif;margin:1em;max-width:190mm}"
	    "table{border-collapse:collapse;font-size:9pt}"
	    "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
	    "td:first-child,th:first-child{text-align:left}</style>\n</head>\n<body>\n"
	    "<h1>Daily reports</h1>\n<h2>Dates, newest first</h2>\n<table>\n"
	    "<tr><th>Date</th><th>Quality</th><th>Risk level</th><th>P&amp;L day</th>"
	    "<th>VaR 95%</th><th>Run</th><th>Report</th></tr>\n", m);
	for (i = 0; i < n; i++)
		index_row(m, &v[i]);
	fputs("</table>\n</body>\n</html>\n", m);
	if (fclose(m) != 0)
		die(EXIT_SOFTWARE, "unable to render index.html");
	return buf;
}

static void
free_days(struct day *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		json_decref(v[i].sum);
	}
	free(v);
}

/* path relative to the directory d (dl bytes) when it lies in it, else path. */
static const char *
rel(const char *path, const char *d, size_t dl)
{
	return strncmp(path, d, dl) == 0 && path[dl] == '/' ? path + dl + 1 : path;
}

/* A copy of dir without trailing slashes ("reports/" names "reports", as files.c); *len. */
static char *
dir_copy(const char *dir, size_t *len)
{
	char *d = xstrdup(dir);
	size_t l = strlen(d);

	while (l > 1 && d[l - 1] == '/')
		d[--l] = '\0';
	*len = l;
	return d;
}

/* dir/index.html from the days v[0..n) (then freed), written atomically, added to files. */
static void
write_index(const char *dir, struct day *v, size_t n, json_t *files)
{
	size_t len, pl = strlen(dir) + sizeof("/index.html");
	char *buf = render_index(v, n, &len), *path = xmalloc(pl);

	snprintf(path, pl, "%s/index.html", dir);
	write_atomic(path, buf, len);
	json_array_append_new(files, json_string(path));
	free_days(v, n);
	free(buf);
	free(path);
}

/*
 * config.report_index_dir (daily_run's report directory, whose run directories
 * hold one date each): its index.html lists every <date>/latest, with this run's
 * own summary for its date, linked to this run's files (docs/REPORT.md "Index").
 */
static void
top_index(const json_t *st, json_t *sum, const char *html, json_t *files)
{
	const char *top = conf_str(st, "report_index_dir");
	const char *as_of = field_str_opt(st, "as_of", "");
	struct day *v;
	size_t n, i, tl;
	char *t;

	if (top == NULL || *top == '\0')
		return;
	t = dir_copy(top, &tl);
	v = scan(t, &n);
	for (i = 0; i < n && strcmp(v[i].name, as_of) != 0; i++)
		;
	if (i == n) {	/* the date's first run: not linked yet */
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n].name = xstrdup(as_of);
		v[n].sum = NULL;
		i = n++;
		qsort(v, n, sizeof(*v), cmp_day_desc);
		for (i = 0; i < n && strcmp(v[i].name, as_of) != 0; i++)
			;
	}
	json_decref(v[i].sum);
	v[i].sum = json_deep_copy(sum);
	v[i].via = NULL;
	json_object_set_new(v[i].sum, "report_html", json_string(rel(html, t, tl)));
	json_object_set_new(v[i].sum, "report_md", json_string(rel(json_string_value(
	    json_array_get(files, 0)), t, tl)));
	write_index(t, v, n, files);
	free(t);
}

/*
 * summary.json goes next to report.md (files[0], as files.c wrote it), with the
 * links to the day's files relative to dir; then dir/index.html is rebuilt.
 */
void
report_write_index(const json_t *st, const char *dir, json_t *files)
{
	const char *md = json_string_value(json_array_get(files, 0));
	const char *html = json_string_value(json_array_get(files, 1));
	size_t dl, n;
	char *d, *path, *buf, *slash;
	json_t *sum = report_day_summary(st);
	struct day *v;

	if (md == NULL || html == NULL || strrchr(md, '/') == NULL) {
		die(EXIT_SOFTWARE, "no report files to index");
		return;		/* not reached: for cppcheck, which does not know die() */
	}
	d = dir_copy(dir, &dl);
	json_object_set_new(sum, "report_md", json_string(rel(md, d, dl)));
	json_object_set_new(sum, "report_html", json_string(rel(html, d, dl)));
	path = xmalloc(strlen(md) + dl + 32);
	snprintf(path, strlen(md) + 1, "%s", md);
	slash = strrchr(path, '/');
	snprintf(slash, 32, "/summary.json");
	buf = xdumps(sum);
	write_atomic(path, buf, strlen(buf));
	json_array_append_new(files, json_string(path));
	free(buf);
	free(path);
	v = scan(d, &n);
	write_index(d, v, n, files);
	free(d);
	top_index(st, sum, html, files);
	json_decref(sum);
}
