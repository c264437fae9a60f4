/* The run row's parameters, built from the run and the final state's report.summary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "die.h"
#include "row.h"
#include "run.h"
#include "state.h"
#include "tail.h"
#include "text.h"

/* A JSON value as canonical text, or NULL for NULL. */
static char *
json_text(json_t *j)
{
	char *s;

	if (j == NULL)
		return NULL;
	if ((s = state_dumps(j)) == NULL)
		die(1, "cannot encode the run row");
	json_decref(j);
	return s;
}

/* ISO 8601 UTC with milliseconds. */
static char *
iso_utc(const struct timespec *ts)
{
	struct tm tm;
	char b[40];

	gmtime_r(&ts->tv_sec, &tm);
	strftime(b, sizeof(b), "%Y-%m-%dT%H:%M:%S", &tm);
	return xasprintf("%s.%03ldZ", b, ts->tv_nsec / 1000000);
}

/* {"ingest":0.123, ...}: seconds, 3 decimals, for the steps that ran. */
static json_t *
step_timings(const struct run *r)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; i < r->nsteps; i++)
		if (r->res[i].status != STEP_SKIPPED &&
		    r->res[i].status != STEP_PENDING)
			json_object_set_new(o, r->steps[i].name,
			    jnum_round((double)r->res[i].ns / 1e9, 3));
	return o;
}

/* Per step: name, status, exit code, signal, ms, max RSS and CPU. */
static json_t *
steps_json(const struct run *r)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < r->nsteps; i++) {
		const struct step_result *s = &r->res[i];
		int ran = s->code >= 0;
		json_t *o = json_pack("{s:s, s:s}", "name", r->steps[i].name,
		    "status", step_status_name(s->status));

		json_object_set_new(o, "exit_code", ran ? json_integer(s->code) :
		    json_null());
		json_object_set_new(o, "signal", s->sig ? json_integer(s->sig) :
		    json_null());
		json_object_set_new(o, "ms", ran ? json_integer(s->ns / 1000000) :
		    json_null());
		json_object_set_new(o, "max_rss_kb", ran ?
		    json_integer(s->maxrss_kb) : json_null());
		json_object_set_new(o, "user_ms", ran ?
		    json_integer(s->utime_ms) : json_null());
		json_object_set_new(o, "sys_ms", ran ?
		    json_integer(s->stime_ms) : json_null());
		if (s->reason[0] != '\0')
			json_object_set_new(o, "error", json_string(s->reason));
		json_array_append_new(a, o);
	}
	return a;
}

/* A number of report.summary as text, or NULL. */
static char *
num_text(const json_t *sum, const char *key, int integer)
{
	json_t *v = json_object_get(sum, key);

	if (!json_is_number(v))
		return NULL;
	/* summary_check() let only integers in the column's range through. */
	if (integer)
		return json_is_integer(v) ? xasprintf("%" JSON_INTEGER_FORMAT,
		    json_integer_value(v)) : NULL;
	return xasprintf("%.17g", json_number_value(v));
}

/*
 * The error column: the failed step's reason, then the last lines of its
 * stderr (TAIL_LINES, TAIL_BYTES), one per line.
 */
static char *
failed_error(const struct run *r)
{
	char *path = run_step_path(r, (size_t)r->failed, ".stderr");
	char *tail = file_tail(path, TAIL_LINES, TAIL_BYTES), *e;

	if (tail != NULL)
		e = xasprintf("%s\n%s", r->res[r->failed].reason, tail);
	else
		e = xasprintf("%s", r->res[r->failed].reason);
	free(tail);
	free(path);
	return e;
}

void
row_init(struct row *w, const struct run *r, const char *summary)
{
	json_t *sum = json_object_get(json_object_get(r->final, "report"),
	    "summary");
	json_t *reg = json_object_get(sum, "regime");
	json_t *al = json_object_get(sum, "risk_alerts"), *top;
	char host[256];
	size_t i;

	memset(w, 0, sizeof(*w));
	if (gethostname(host, sizeof(host)) == -1)
		snprintf(host, sizeof(host), "unknown");
	host[sizeof(host) - 1] = '\0';
	w->v[0] = xasprintf("%s", r->run_id);
	w->v[1] = xasprintf("%s", r->as_of);
	w->v[2] = xasprintf("%s", run_status(r));
	w->v[3] = xasprintf("%.3f", (double)(r->t1_ns - r->t0_ns) / 1e9);
	w->v[4] = json_text(step_timings(r));
	w->v[5] = num_text(sum, "signal_count", 1);
	w->v[6] = num_text(sum, "position_count", 1);
	w->v[7] = json_is_string(reg) ? xasprintf("%s", json_string_value(reg)) :
	    NULL;
	w->v[8] = xasprintf("%s", summary);
	w->v[9] = num_text(sum, "leverage", 0);
	w->v[10] = num_text(sum, "var_95", 0);
	w->v[11] = json_is_array(al) ? json_text(json_incref(al)) : NULL;
	if (r->failed >= 0) {
		w->v[12] = xasprintf("%s", r->steps[r->failed].name);
		w->v[13] = failed_error(r);
	}
	w->v[14] = json_text(steps_json(r));
	w->v[15] = xasprintf("%s", host);
	w->v[16] = iso_utc(&r->wall0);
	w->v[17] = iso_utc(&r->wall1);
	w->v[18] = xasprintf("%d", run_exit_code(r));
	w->v[19] = r->data_source ? xasprintf("%s", r->data_source) : NULL;
	top = json_object_get(sum, "top_positions");
	w->v[20] = json_is_array(top) ? json_text(json_incref(top)) : NULL;
	/* PostgreSQL refuses invalid UTF-8 (a DAILY_VARDIR byte 0xff in the
	 * summary's Run line, a reason cut mid-character): the row must not be lost. */
	for (i = 0; i < ROW_NPARAM; i++)
		if (w->v[i] != NULL)
			text_utf8(w->v[i]);
}

void
row_release(struct row *w)
{
	size_t i;

	for (i = 0; i < ROW_NPARAM; i++)
		free(w->v[i]);
}
