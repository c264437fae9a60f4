/* The signal record, its JSON form and the agent report (docs/STATE.md "agents"). */
#define _DEFAULT_SOURCE		/* open_memstream is POSIX 2008, vsnprintf C99 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agents.h"
#include "state.h"

const char *
dir_name(int dir)
{
	return dir > 0 ? "LONG" : dir < 0 ? "SHORT" : "NEUTRAL";
}

void
sig_init(struct signal *s, const char *id, int horizon)
{
	s->id = id;
	s->horizon = horizon;
	s->dir = NEUTRAL_;
	s->conf = 0;
	s->value = NAN;
	s->strength = "NO_SIGNAL";
	s->meta = json_object();
}

void
report_init(struct report *r, const char *agent_id, const char *label,
    const char *const *inputs, const struct sig_spec *spec, size_t n)
{
	size_t i;

	r->agent_id = agent_id;
	r->label = label;
	r->inputs = inputs;
	r->n = n;
	for (i = 0; i < n; i++)
		sig_init(&r->sig[i], spec[i].id, spec[i].horizon);
}

void
sig_release(struct signal *s)
{
	json_decref(s->meta);
	s->meta = NULL;
}

void
sig_set(struct signal *s, int dir, double conf, double value)
{
	s->dir = dir;
	s->conf = clampd(conf, 0, 1);
	s->value = value;
	s->strength = reading_strength(s->conf);
	json_object_del(s->meta, "reason");
}

void
sig_none(struct signal *s, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	s->dir = NEUTRAL_;
	s->conf = 0;
	s->strength = "NO_SIGNAL";
	/* docs/STATE.md: value 0, or null when nothing was computed. */
	if (!isnan(s->value))
		s->value = 0;
	json_object_set_new(s->meta, "reason", json_string(buf));
}

int
sig_active(const struct signal *s)
{
	return strcmp(s->strength, "NO_SIGNAL") != 0;
}

void
meta_num(struct signal *s, const char *key, double v)
{
	json_object_set_new(s->meta, key, jnum_round(v, 6));
}

void
meta_str(struct signal *s, const char *key, const char *v)
{
	json_object_set_new(s->meta, key, json_string(v));
}

double
meta_mean(struct signal *s, const char *key, const char *const *name,
    const double *v, const double *w, int n, int *used)
{
	json_t *j = json_object();
	double sum = 0, ws = 0;
	int i, k = 0;

	for (i = 0; i < n; i++) {
		json_object_set_new(j, name[i], jnum_round(v[i], 6));
		if (isnan(v[i]))
			continue;
		sum += (w != NULL ? w[i] : 1) * v[i];
		ws += w != NULL ? w[i] : 1;
		k++;
	}
	json_object_set_new(s->meta, key, j);
	if (used != NULL)
		*used = k;
	return k > 0 ? sum / ws : NAN;
}

json_t *
sig_json(const struct signal *s, const char *agent_id, const char *as_of)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:i, s:O}",
	    "signal_id", s->id, "agent_id", agent_id, "as_of", as_of,
	    "direction", dir_name(s->dir), "strength", s->strength,
	    "confidence", jnum_round(s->conf, 4), "value", jnum_round(s->value, 6),
	    "horizon_days", s->horizon, "metadata", s->meta);
}

/* "Inflation: 4 of 6 signals active; INFLATION_BR_COMPOSITE LONG (MODERATE, 0.55); ..." */
static json_t *
narrative(const struct report *r)
{
	char *buf = NULL;
	size_t len = 0, i, act = 0;
	FILE *f = open_memstream(&buf, &len);
	json_t *j;

	for (i = 0; i < r->n; i++)
		act += (size_t)sig_active(&r->sig[i]);
	fprintf(f, "%s: %zu of %zu signals active", r->label, act, r->n);
	for (i = 0; i < r->n; i++) {
		const struct signal *s = &r->sig[i];
		json_t *why = json_object_get(s->meta, "reason");

		if (why != NULL)
			fprintf(f, "; %s no signal (%s)", s->id, json_string_value(why));
		else
			fprintf(f, "; %s %s (%s, confidence %.2f, value %.2f)", s->id,
			    dir_name(s->dir), s->strength, s->conf, s->value);
	}
	fputc('.', f);
	fclose(f);
	j = json_string(buf);
	free(buf);
	return j;
}

/* "`ID`: data is None" / "`ID`: contains N missing values", as the reference. */
static json_t *
quality_flags(const struct report *r, const struct actx *c)
{
	json_t *a = json_array();
	char buf[96];
	size_t i, k, miss;

	for (k = 0; r->inputs && r->inputs[k]; k++) {
		const struct series *s = dataset_get(c->ds, r->inputs[k]);

		if (s == NULL || series_count(s) == 0) {
			snprintf(buf, sizeof buf, "%s: data is None", r->inputs[k]);
			json_array_append_new(a, json_string(buf));
			continue;
		}
		for (miss = 0, i = 0; i < s->n; i++)
			miss += (size_t)isnan(s->values[i]);
		if (miss > 0) {
			snprintf(buf, sizeof buf, "%s: contains %zu missing values",
			    r->inputs[k], miss);
			json_array_append_new(a, json_string(buf));
		}
	}
	return a;
}

json_t *
report_json(const struct report *r, const struct actx *c)
{
	json_t *sigs = json_array();
	size_t i;

	for (i = 0; i < r->n; i++)
		json_array_append_new(sigs, sig_json(&r->sig[i], r->agent_id, c->as_of_s));
	return json_pack("{s:s, s:o, s:o, s:o}", "agent_id", r->agent_id,
	    "signals", sigs, "narrative", narrative(r),
	    "data_quality_flags", quality_flags(r, c));
}
