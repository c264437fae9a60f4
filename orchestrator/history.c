/* The run history: list and show (docs/ORCHESTRATOR.md "History"). */
#include <ctype.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "date.h"
#include "dbread.h"
#include "die.h"
#include "opts.h"
#include "history.h"
#include "parse.h"
#include "run.h"

#define EXIT_FAILED	1
#define EXIT_BADUSAGE	2

/* The columns both commands read; times as UTC ISO 8601 text. */
#define COLS "id, run_date, status, duration_seconds, failed_step, exit_code," \
	" error, host, data_source," \
	" to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')" \
	" AS started_at," \
	" to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')" \
	" AS finished_at"
#define ORDER "started_at DESC NULLS LAST, created_at DESC, id"

#define LIST_SQL "SELECT coalesce(json_agg(r), '[]') FROM (SELECT " COLS \
	" FROM pipeline_runs WHERE ($1::date IS NULL OR run_date >= $1::date)" \
	" AND ($2::date IS NULL OR run_date <= $2::date)" \
	" AND ($3::text IS NULL OR status = $3) ORDER BY " ORDER \
	" LIMIT $4::integer) AS r"

#define SHOW_SQL "SELECT row_to_json(r) FROM (SELECT " COLS ", signal_count," \
	" position_count, regime, leverage, var_95, risk_alerts, steps, summary" \
	" FROM pipeline_runs WHERE id = $1::uuid OR run_date = $2::date" \
	" ORDER BY " ORDER " LIMIT 1) AS r"

/* + 7: the usage macros are indented for --help's list. */
#define USAGE	(HISTORY_USAGE + 7)

/* A date option's value, checked, into *(const char **)to; -1 if not a date. */
static int
date_arg(const char *s, void *to)
{
	day_t d;

	*(const char **)to = s;
	return date_parse(s, &d);
}

/*
 * SUCCESS, FAILED, TIMEOUT, BAD_OUTPUT or ABORTED, any case, as upper case
 * into *(const char **)to; -1 if none.
 */
static int
status_arg(const char *s, void *to)
{
	static const char *const ok[] = { "SUCCESS", "FAILED", "TIMEOUT",
		"BAD_OUTPUT", "ABORTED" };
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcasecmp(s, ok[i]) == 0) {
			*(const char **)to = ok[i];
			return 0;
		}
	return -1;
}

/* A 36-character lower- or upper-case uuid. */
static int
is_uuid(const char *s)
{
	size_t i;

	if (strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++)
		if ((i == 8 || i == 13 || i == 18 || i == 23) ? s[i] != '-' :
		    !isxdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* The server's JSON text parsed; NULL after error(). */
static json_t *
load(char *text)
{
	json_error_t e;
	json_t *j;

	if (text == NULL)
		return NULL;
	if ((j = json_loads(text, JSON_DECODE_ANY, &e)) == NULL)
		error("the database's answer is not JSON: %s", e.text);
	free(text);
	return j;
}

static const char *
str(const json_t *o, const char *key, const char *def)
{
	const json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : def;
}

/* An integer member as text into buf, or "-". */
static const char *
intstr(const json_t *o, const char *key, char *buf, size_t sz)
{
	const json_t *v = json_object_get(o, key);

	if (!json_is_integer(v))
		return "-";
	snprintf(buf, sz, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	return buf;
}

static int
print_json(const json_t *j)
{
	if (json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == -1 ||
	    putchar('\n') == EOF)
		return -1;
	return 0;
}

static void
list_line(const json_t *r)
{
	const json_t *d = json_object_get(r, "duration_seconds");
	char b[32];

	printf("%-36s  %-10s  %-10s  %8.3f  %-20s  %-10s  %4s\n", str(r, "id", "?"),
	    str(r, "run_date", "?"), str(r, "status", "?"),
	    json_is_number(d) ? json_number_value(d) : 0.0,
	    str(r, "started_at", "-"), str(r, "failed_step", "-"),
	    intstr(r, "exit_code", b, sizeof(b)));
}

static int
finish(int rc)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		error("cannot write to stdout");
		return EXIT_FAILED;
	}
	return rc;
}

#define BAD_DATE	"invalid date '%s': expected YYYY-MM-DD"

int
history_list(int argc, char *argv[])
{
	const char *v[4] = { NULL, NULL, NULL, "20" };
	json_t *a;
	size_t i;
	int js = 0;
	const struct opt tab[] = {
		OPT_X("since", 's', &v[0], date_arg, BAD_DATE),
		OPT_X("until", 'u', &v[1], date_arg, BAD_DATE),
		OPT_X("status", 'S', &v[2], status_arg, "invalid status '%s': expected "
		    "SUCCESS, FAILED, TIMEOUT, BAD_OUTPUT or ABORTED"),
		OPT_NS("limit", 'l', &v[3], 1, 1000000,
		    "invalid limit '%s': expected 1 to 1000000"),
		OPT_F("json", 'j', &js),
		OPT_END
	};

	opts_parse(argc, argv, "+:h", tab, USAGE);
	if (optind < argc)
		opts_bad("unexpected argument '%s'", argv[optind], USAGE);
	if ((a = load(db_json(LIST_SQL, 4, v, "cannot list the runs"))) == NULL)
		return EXIT_FAILED;
	if (js) {
		if (print_json(a) == -1)
			error("cannot write to stdout");
	} else if (json_array_size(a) == 0) {
		printf("no run\n");
	} else {
		printf("%-36s  %-10s  %-10s  %8s  %-20s  %-10s  %4s\n", "RUN_ID",
		    "DATE", "STATUS", "SECONDS", "STARTED (UTC)", "FAILED", "EXIT");
		for (i = 0; i < json_array_size(a); i++)
			list_line(json_array_get(a, i));
	}
	json_decref(a);
	return finish(0);
}

/* The step table: name, status, exit code, signal, time, max RSS, CPU. */
static void
show_steps(const json_t *steps)
{
	const json_t *s;
	char e[16], g[16], ms[24], rss[24];
	size_t i;

	printf("\n  %-12s %-10s %4s %6s %10s %12s\n", "STEP", "STATUS", "EXIT",
	    "SIGNAL", "MS", "MAX RSS KB");
	json_array_foreach(steps, i, s)
		printf("  %-12s %-10s %4s %6s %10s %12s\n", str(s, "name", "?"),
		    str(s, "status", "?"), intstr(s, "exit_code", e, sizeof(e)),
		    intstr(s, "signal", g, sizeof(g)), intstr(s, "ms", ms,
		    sizeof(ms)), intstr(s, "max_rss_kb", rss, sizeof(rss)));
}

static void
show_text(const json_t *r)
{
	const json_t *d = json_object_get(r, "duration_seconds");
	const char *err = str(r, "error", NULL), *nl;
	char b[32];

	printf("Run %s  %s  %s (exit %s)\n", str(r, "id", "?"),
	    str(r, "run_date", "?"), str(r, "status", "?"),
	    intstr(r, "exit_code", b, sizeof(b)));
	printf("  Host: %s | Started: %s | Finished: %s | Seconds: %.3f\n",
	    str(r, "host", "-"), str(r, "started_at", "-"),
	    str(r, "finished_at", "-"), json_is_number(d) ?
	    json_number_value(d) : 0.0);
	printf("  Data: %s\n", str(r, "data_source", "-"));
	if (str(r, "failed_step", NULL) != NULL)
		printf("  Failed step: %s\n", str(r, "failed_step", "?"));
	if (err != NULL) {
		/* The reason, then the step's last stderr lines, indented. */
		nl = strchr(err, '\n');
		printf("  Error: %.*s\n", nl ? (int)(nl - err) : (int)strlen(err),
		    err);
		while (nl != NULL) {
			err = nl + 1;
			nl = strchr(err, '\n');
			printf("    | %.*s\n", nl ? (int)(nl - err) :
			    (int)strlen(err), err);
		}
	}
	show_steps(json_object_get(r, "steps"));
	if (str(r, "summary", NULL) != NULL)
		printf("%s", str(r, "summary", ""));
}

int
history_show(int argc, char *argv[])
{
	const char *v[2] = { NULL, NULL }, *key;
	json_t *r;
	day_t d;
	int js = 0, rc = 0;
	const struct opt tab[] = { OPT_F("json", 'j', &js), OPT_END };

	opts_parse(argc, argv, ":h", tab, USAGE);
	if (optind + 1 != argc)
		opts_bad("show needs one RUN_ID or DATE", NULL, USAGE);
	key = argv[optind];
	if (is_uuid(key))
		v[0] = key;
	else if (date_parse(key, &d) == 0)
		v[1] = key;
	else
		opts_bad("'%s' is neither a run id nor a date (YYYY-MM-DD)", key,
		    USAGE);
	if ((r = load(db_json(SHOW_SQL, 2, v, "cannot read the run"))) == NULL)
		return EXIT_FAILED;
	if (json_is_null(r)) {
		error("no run %s '%s' in pipeline_runs", v[0] ? "with id" : "dated",
		    key);
		rc = EXIT_FAILED;
	} else if (js) {
		if (print_json(r) == -1)
			error("cannot write to stdout");
	} else {
		show_text(r);
	}
	json_decref(r);
	return finish(rc);
}
