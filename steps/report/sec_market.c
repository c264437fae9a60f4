/*
 * The market snapshot (docs/REPORT.md "Market snapshot"): the DI curve today,
 * one week and one month ago, and the last value of the desk's key series with
 * its change since the previous observation, in the series' units, from
 * ingest.series (dates of their own or of their ingest.calendars entry).
 */
#include <math.h>
#include <stdio.h>

#include <jansson.h>

#include "date.h"
#include "field.h"
#include "report.h"

#define G(o, k) json_object_get(o, k)
#define N(a) (sizeof(a) / sizeof((a)[0]))

struct obs {
	double v;
	char date[DATE_BUFSZ];
};

/* The dates of series s: its own, or its calendar's. */
static const json_t *
dates_of(const json_t *st, const json_t *s)
{
	if (json_is_array(G(s, "dates")))
		return G(s, "dates");
	return G(field_get(st, "ingest.calendars"), jstr_or(G(s, "calendar"), ""));
}

/*
 * The last and previous numeric observations of series id dated <= day (v NaN
 * when none). Returns the series (NULL when absent).
 */
static const json_t *
observe(const json_t *st, const char *id, day_t day, struct obs *last, struct obs *prev)
{
	const json_t *s = G(field_get(st, "ingest.series"), id), *d = dates_of(st, s);
	json_t *vals = G(s, "values"), *v;
	size_t i = json_array_size(vals);
	struct obs *o = last;
	day_t t;

	last->v = prev->v = NAN;
	last->date[0] = prev->date[0] = '\0';
	if (s == NULL || json_array_size(d) != i)
		return NULL;
	while (i-- > 0 && o != NULL) {
		v = json_array_get(vals, i);
		if (!json_is_number(v) ||
		    date_parse(json_string_value(json_array_get(d, i)), &t) < 0 || t > day)
			continue;
		o->v = json_number_value(v);
		snprintf(o->date, sizeof(o->date), "%s", json_string_value(json_array_get(d, i)));
		o = o == last ? prev : NULL;
	}
	return s;
}

static const char *
level(char *b, size_t sz, double v)
{
	if (isfinite(v))
		snprintf(b, sz, "%.6g", v);
	else
		snprintf(b, sz, "n/a");
	return b;
}

static double
level_at(const json_t *st, const char *id, day_t day)
{
	struct obs a, b;

	observe(st, id, day, &a, &b);
	return a.v;
}

static void
di_curve(struct rep *r, const json_t *st, day_t today)
{
	static const char *const id[] = { "BR_DI_1Y", "BR_DI_2Y", "BR_DI_5Y", "BR_DI_10Y" };
	static const char *const ten[] = { "1Y", "2Y", "5Y", "10Y" };
	static const char *const h[] = { "Tenor", "Today %", "1 week ago %", "1 month ago %",
		"Change 1w", "Change 1m" };
	double v[3][N(id)];
	day_t ago[3] = { today, today - 7, date_add_months(today, -1) };
	char b[5][32];
	const char *c[6];
	struct svg_line l[3];
	size_t i, k;

	for (k = 0; k < 3; k++)
		for (i = 0; i < N(id); i++)
			v[k][i] = level_at(st, id[i], ago[k]);
	r_h3(r, "DI curve");
	if (r->html) {
		l[0] = (struct svg_line){ "today", v[0], "#1565c0" };
		l[1] = (struct svg_line){ "1 week ago", v[1], "#2e7d32" };
		l[2] = (struct svg_line){ "1 month ago", v[2], "#9e9e9e" };
		svg_lines(r->f, "DI curve today, 1 week and 1 month ago", "tenor",
		    "rate (% a.a.)", ten, N(ten), l, 3);
	}
	r_thead(r, h, 6);
	for (i = 0; i < N(id); i++) {
		c[0] = ten[i];
		for (k = 0; k < 3; k++) {
			c[k + 1] = level(b[k], sizeof(b[k]), v[k][i]);
		}
		c[4] = fmt_change(b[3], sizeof(b[3]), v[0][i], v[1][i], "%");
		c[5] = fmt_change(b[4], sizeof(b[4]), v[0][i], v[2][i], "%");
		r_row(r, c, 6);
	}
	r_tend(r);
}

void
sec_market(struct rep *r, const json_t *st)
{
	static const char *const id[][2] = {
		{ "BR_SELIC_TARGET", "Selic target" }, { "BR_FOCUS_IPCA_12M", "Focus IPCA 12m" },
		{ "BR_DI_1Y", "DI 1Y" }, { "BR_DI_5Y", "DI 5Y" }, { "USDBRL", "USDBRL" },
		{ "US_UST_2Y", "UST 2Y" }, { "US_UST_10Y", "UST 10Y" }, { "VIX", "VIX" },
		{ "BR_EMBI", "EMBI Brazil" },
	};
	static const char *const h[] = { "Series", "Unit", "Date", "Last", "Previous",
		"Daily change" };
	day_t today = state_as_of(st);
	char a[32], b[32], d[32];
	struct obs last, prev;
	const json_t *s;
	const char *c[6];
	size_t i;

	r_h2(r, "Market snapshot");
	if (!json_is_object(field_get(st, "ingest.series"))) {
		r_para(r, "No ingest.series in the state.");
		return;
	}
	di_curve(r, st, today);
	r_h3(r, "Key series");
	r_thead(r, h, 6);
	for (i = 0; i < N(id); i++) {
		s = observe(st, id[i][0], today, &last, &prev);
		c[0] = id[i][1];
		c[1] = s ? jstr_or(G(s, "unit"), "") : "";
		c[2] = s == NULL ? "absent" : last.date[0] ? last.date : "no observation";
		c[3] = level(a, sizeof(a), last.v);
		c[4] = level(b, sizeof(b), prev.v);
		c[5] = fmt_change(d, sizeof(d), last.v, prev.v, c[1]);
		r_row(r, c, 6);
	}
	r_tend(r);
}
