/* quality_compute: run the checks over ingest, score them, build "quality". */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "data_catalogue.h"
#include "dataset.h"
#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "jarr.h"
#include "quality.h"
#include "state.h"
#include "xalloc.h"

struct tally {
	size_t total, stale, absent, acc, curve, pit, outliers, gaps, warnings;
	size_t missing, crit;		/* no observation at all; critical stale or absent */
	json_t *comp, *gapd, *range, *outl, *curved, *pitd, *series;
	json_t *critd;			/* ids of the critical series stale or absent */
};

int
q_score(size_t total, size_t stale, size_t absent, size_t acc, size_t curve, size_t pit)
{
	double s = 100, w = (double)stale + 0.5 * (double)absent;

	if (total > 0)
		s -= fmin(30, 30 * w / (double)total);
	s -= fmin(20, 2.0 * (double)acc);
	s -= fmin(20, 2.0 * (double)curve);
	s -= fmin(30, 5.0 * (double)pit);
	return s < 0 ? 0 : (int)lround(s);
}

const char *
q_status(int score)
{
	return score >= 70 ? "PASS" : score >= 40 ? "WARN" : "FAIL";
}

int
q_gate(int score, size_t total, size_t missing, size_t critical_bad)
{
	if (critical_bad >= 3 || 2 * missing > total)
		return score < 39 ? score : 39;
	if (critical_bad >= 1 || 4 * missing > total)
		return score < 69 ? score : 69;
	return score;
}

/* The per-series entry and the completeness and gaps details. */
static void
record(struct tally *t, const struct q_series *q, const struct cat_entry *e, char freq)
{
	json_t *o = json_object(), *flags = json_array(), *d;
	char buf[DATE_BUFSZ];

	if (!q->present && (e == NULL || strcmp(e->source, "none") != 0)) {
		/* Its source exists but gave nothing: as bad as stale. */
		t->stale++;
		jarr_appendf(flags, "absent: no observation in the window");
	} else if (!q->present) {
		t->absent++;
		jarr_appendf(flags, "absent (no source in the catalogue)");
	} else if (q->stale) {
		t->stale++;
		if (q->last < 0)
			jarr_appendf(flags, "stale: no observation on or before as_of");
		else
			jarr_appendf(flags, "stale: %d days behind (limit %d)", q->days_behind,
			    stale_days(STALE_QUALITY, freq));
	}
	if (!q->present)
		t->missing++;
	if ((!q->present || q->stale) && e != NULL && e->critical) {
		t->crit++;
		json_array_append_new(t->critd, json_string(q->id));
	}
	if (!q->present || q->stale) {
		d = json_object();
		json_object_set_new(d, "series", json_string(q->id));
		if (e != NULL && e->critical)
			json_object_set_new(d, "critical", json_true());
		json_object_set_new(d, "last", q->last < 0 ? json_null() :
		    json_string(date_format(q->last, buf)));
		json_object_set_new(d, "days_behind", q->last < 0 ? json_null() :
		    json_integer(q->days_behind));
		json_object_set_new(d, "reason", json_string(q->present ? "stale" : "absent"));
		json_array_append_new(t->comp, d);
	}
	if (q->gap_flag) {
		t->gaps++;
		jarr_appendf(flags, "gaps: %zu missing business days, %zu nulls, longest run %zu",
		    q->missing_days, q->null_values, q->longest_run);
		d = json_object();
		json_object_set_new(d, "series", json_string(q->id));
		json_object_set_new(d, "missing_days", json_integer((json_int_t)q->missing_days));
		json_object_set_new(d, "null_values", json_integer((json_int_t)q->null_values));
		json_object_set_new(d, "longest_run", json_integer((json_int_t)q->longest_run));
		json_array_append_new(t->gapd, d);
	}
	if (q->range_flagged > 0)
		jarr_appendf(flags, "range: %zu values outside [%g, %g]", q->range_flagged,
		    e->min, e->max);
	if (q->outliers > 0)
		jarr_appendf(flags, "outliers: %zu daily changes with |z| > 5", q->outliers);
	if (q->pit > 0)
		jarr_appendf(flags, "pit: %zu observations dated or published after as_of", q->pit);
	t->acc += q->range_flagged;
	t->outliers += q->outliers;
	t->pit += q->pit;
	t->warnings += json_array_size(flags) > 0;
	json_object_set_new(o, "last", q->last < 0 ? json_null() :
	    json_string(date_format(q->last, buf)));
	json_object_set_new(o, "days_behind", q->last < 0 ? json_null() :
	    json_integer(q->days_behind));
	json_object_set_new(o, "stale", json_boolean(q->stale));
	if (e != NULL && e->critical)
		json_object_set_new(o, "critical", json_true());
	json_object_set_new(o, "flags", flags);
	json_object_set_new(t->series, q->id, o);
	t->total++;
}

/* Catalogued ids in catalogue order, then uncatalogued series in id order. */
static void
run_series(struct tally *t, const struct catalogue *cat, const struct dataset *ds)
{
	struct q_series q;
	size_t i;

	for (i = 0; i < cat->n; i++) {
		const struct cat_entry *e = &cat->e[i];

		if (!catalogue_first_row(cat, i))
			continue;
		q_check_series(dataset_get(ds, e->id), e, ds->as_of, &q, t->range, t->outl,
		    t->pitd);
		record(t, &q, e, e->freq);
	}
	for (i = 0; i < ds->n; i++) {
		if (catalogue_find(cat, ds->s[i].id) != NULL)
			continue;
		q_check_series(&ds->s[i], NULL, ds->as_of, &q, t->range, t->outl, t->pitd);
		record(t, &q, NULL, ds->s[i].freq);
	}
}

static json_t *
check(json_t *o, const char *k1, size_t v1, json_t *details)
{
	json_object_set_new(o, k1, json_integer((json_int_t)v1));
	json_object_set_new(o, "details", details);
	return o;
}

/*
 * ", stale: BR_FOCUS_IPCA_12M (critical, 413 d), DXY (8 d), 2 more; 4 absent": the
 * critical series first, at most four named (the console line, docs/DATA.md).
 */
static void
stale_detail(const struct tally *t, char *buf, size_t n)
{
	size_t len = 0, shown = 0, nstale = 0, pass;
	const char *k;
	json_t *v;

	buf[0] = '\0';
	for (pass = 0; pass < 2; pass++)
		json_object_foreach(t->series, k, v) {
			json_t *db = json_object_get(v, "days_behind");
			int crit = json_is_true(json_object_get(v, "critical"));

			if (!json_is_true(json_object_get(v, "stale")) ||
			    json_is_null(db) || crit != (pass == 0))
				continue;
			nstale++;
			if (shown == 4 || len >= n)
				continue;
			len += (size_t)snprintf(buf + len, n - len, "%s%s (%s%lld d)",
			    shown++ ? ", " : ", stale: ", k, crit ? "critical, " : "",
			    (long long)json_integer_value(db));
		}
	if (nstale > shown && len < n)
		len += (size_t)snprintf(buf + len, n - len, ", %zu more", nstale - shown);
	if (t->missing > 0 && len < n)
		snprintf(buf + len, n - len, "; %zu absent", t->missing);
}

static json_t *
assemble(struct tally *t, int score)
{
	json_t *q = json_object(), *c = json_object(), *comp = json_object(), *sum;
	char detail[320], stale[256];

	json_object_set_new(comp, "missing", json_integer((json_int_t)t->missing));
	json_object_set_new(comp, "critical_stale", json_integer((json_int_t)t->crit));
	json_object_set_new(comp, "critical", json_incref(t->critd));
	json_object_set_new(comp, "absent", json_integer((json_int_t)t->absent));
	json_object_set_new(comp, "total", json_integer((json_int_t)t->total));
	json_object_set_new(c, "completeness", check(comp, "stale", t->stale, t->comp));
	json_object_set_new(c, "gaps", check(json_object(), "flagged", t->gaps, t->gapd));
	json_object_set_new(c, "accuracy", check(json_object(), "flagged", t->acc, t->range));
	json_object_set_new(c, "outliers", check(json_object(), "flagged", t->outliers,
	    t->outl));
	json_object_set_new(c, "curve_integrity", check(json_object(), "issues", t->curve,
	    t->curved));
	json_object_set_new(c, "point_in_time", check(json_object(), "violations", t->pit,
	    t->pitd));
	json_object_set_new(q, "score", json_integer(score));
	json_object_set_new(q, "status", json_string(q_status(score)));
	json_object_set_new(q, "checks", c);
	json_object_set_new(q, "series", t->series);
	stale_detail(t, stale, sizeof(stale));
	snprintf(detail, sizeof(detail), "score %d %s, %zu warnings%s", score,
	    q_status(score), t->warnings, stale);
	sum = json_pack("{s:i,s:s,s:I,s:s}", "score", score, "status", q_status(score),
	    "warnings", (json_int_t)t->warnings, "detail", detail);
	json_object_set_new(q, "summary", sum);
	return q;
}

/* "score 35 FAIL: 12 stale or absent (BR_A, BR_B, ...), 8 PIT violations, ..." */
static void
explain(const struct tally *t, int score, char *why, size_t n)
{
	size_t i, len, shown = 0;
	const char *k;
	json_t *v;

	len = (size_t)snprintf(why, n, "score %d FAIL:", score);
	if (t->crit > 0) {
		len += (size_t)snprintf(why + len, n - len, " %zu critical stale or absent (",
		    t->crit);
		for (i = 0; i < json_array_size(t->critd) && i < 5 && len < n; i++)
			len += (size_t)snprintf(why + len, n - len, "%s%s", i ? ", " : "",
			    json_string_value(json_array_get(t->critd, i)));
		if (len < n)
			len += (size_t)snprintf(why + len, n - len, "%s),",
			    t->crit > 5 ? ", ..." : "");
	}
	if (t->stale + t->absent > 0) {
		len += (size_t)snprintf(why + len, n - len, " %zu stale or absent (",
		    t->stale + t->absent);
		json_object_foreach(t->series, k, v) {
			if (!json_is_true(json_object_get(v, "stale")) || len >= n || shown == 5)
				continue;
			len += (size_t)snprintf(why + len, n - len, "%s%s", shown++ ? ", " : "", k);
		}
		if (len < n)
			len += (size_t)snprintf(why + len, n - len, "%s),",
			    t->stale + t->absent > shown ? ", ..." : "");
	}
	for (i = 0; i < 3 && len < n; i++) {
		size_t c = i == 0 ? t->pit : i == 1 ? t->acc : t->curve;
		const char *what = i == 0 ? "PIT violations" : i == 1 ?
		    "values out of range" : "curve issues";

		if (c > 0)
			len += (size_t)snprintf(why + len, n - len, " %zu %s,", c, what);
	}
	if (len > 0 && len < n && why[len - 1] == ',')
		why[len - 1] = '\0';
}

json_t *
quality_compute(const json_t *state, char *why, size_t whysz)
{
	struct catalogue cat = { 0 };
	struct tally t = { 0 };
	struct dataset ds;
	const char *path;
	char err[CAT_ERRSZ];
	json_t *q = NULL;
	int score;

	(void)state_as_of(state);
	(void)field_obj(state, "ingest.series");
	path = field_str_opt(state, "ingest.catalogue", NULL);
	if (path != NULL && catalogue_load(&cat, path, err) < 0)
		die(errno == EINVAL ? EXIT_CONFIG : EXIT_IOERR, "%s", err);
	if (dataset_load(&ds, state) < 0)
		die(EXIT_DATAERR, "invalid 'ingest.series'");
	ds.as_of = state_as_of(state);
	t.comp = json_array();
	t.gapd = json_array();
	t.range = json_array();
	t.outl = json_array();
	t.curved = json_array();
	t.pitd = json_array();
	t.series = json_object();
	t.critd = json_array();
	run_series(&t, &cat, &ds);
	t.curve = q_check_curves(&ds, t.curved);
	t.warnings += t.curve;
	score = q_score(t.total, t.stale, t.absent, t.acc, t.curve, t.pit);
	score = q_gate(score, t.total, t.missing, t.crit);
	if (strcmp(q_status(score), "FAIL") == 0) {
		explain(&t, score, why, whysz);
		json_decref(t.comp);
		json_decref(t.gapd);
		json_decref(t.range);
		json_decref(t.outl);
		json_decref(t.curved);
		json_decref(t.pitd);
		json_decref(t.series);
	} else {
		q = assemble(&t, score);
	}
	json_decref(t.critd);
	dataset_release(&ds);
	catalogue_release(&cat);
	return q;
}
