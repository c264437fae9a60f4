/* The console report: header, step lines, Summary block (docs/MODELS.md 1.2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "console.h"
#include "die.h"
#include "domain.h"
#include "run.h"
#include "text.h"

#define GREEN	"\033[32m"
#define RED	"\033[31m"
#define DIM	"\033[2m"
#define BOLD	"\033[1m"
#define RESET	"\033[0m"
#define RULE	"══════════════════════════════════════════"	/* 42 */

int
console_colour(int fd)
{
	const char *nc = getenv("NO_COLOR");

	return isatty(fd) && (nc == NULL || *nc == '\0');
}

void
console_header(FILE *out, const struct run *r)
{
	fprintf(out, "%s═══ Daily Pipeline Run: %s ═══%s\n", r->colour ? BOLD : "",
	    r->as_of, r->colour ? RESET : "");
	if (r->data_source != NULL)
		fprintf(out, "  Data: %s\n", r->data_source);
	fflush(out);
}

void
console_step(FILE *out, const struct run *r, size_t i)
{
	const struct step_result *sr = &r->res[i];
	char name[64], t[32];
	int c = r->colour;

	snprintf(name, sizeof(name), "%s:", r->steps[i].name);
	switch (sr->status) {
	case STEP_OK:
		fprintf(out, "  %s✓%s %-14s %s", c ? GREEN : "", c ? RESET : "",
		    name, fmt_time(t, sizeof(t), sr->ns));
		if (sr->detail != NULL && *sr->detail != '\0')
			fprintf(out, "  (%s)", sr->detail);
		fputc('\n', out);
		break;
	case STEP_SKIPPED:
	case STEP_PENDING:
		fprintf(out, "  %s- %-14s skipped%s\n", c ? DIM : "", name,
		    c ? RESET : "");
		break;
	default:
		fprintf(out, "  %s✗%s %-14s %sFAILED%s — %s\n", c ? RED : "",
		    c ? RESET : "", name, c ? RED : "", c ? RESET : "",
		    sr->reason);
		break;
	}
	fflush(out);
}

/* "23" or "n/a" for an integer field of report.summary. */
static void
put_int(FILE *out, const json_t *sum, const char *key)
{
	json_t *v = json_object_get(sum, key);

	if (json_is_integer(v))
		fprintf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_real(v))
		fprintf(out, "%.0f", json_real_value(v));
	else
		fputs("n/a", out);
}

/* A number of report.summary through fmt ("0.45x", "-2.1%": common/domain.h), or "n/a". */
static void
put_num(FILE *out, const json_t *sum, const char *key,
    char *(*fmt)(char *, size_t, double))
{
	json_t *v = json_object_get(sum, key);
	char b[64];

	if (json_is_number(v))
		fputs(fmt(b, sizeof(b), json_number_value(v)), out);
	else
		fputs("n/a", out);
}

static void
put_alerts(FILE *out, const json_t *sum)
{
	json_t *a = json_object_get(sum, "risk_alerts"), *v;
	size_t i;

	if (!json_is_array(a)) {
		fputs("n/a", out);
		return;
	}
	if (json_array_size(a) == 0)
		fputs("None", out);
	for (i = 0; i < json_array_size(a); i++) {
		v = json_array_get(a, i);
		fprintf(out, "%s%s", i > 0 ? "; " : "",
		    json_is_string(v) ? json_string_value(v) : "?");
	}
}

/*
 * Under the Signals line, the top positions (report.summary.top_positions, up to
 * five): instrument, side, weight in NAV and the desk unit that measures its risk.
 */
static void
put_top(FILE *out, const json_t *sum)
{
	json_t *a = json_object_get(sum, "top_positions"), *p, *x;
	char name[64];
	size_t i;

	json_array_foreach(a, i, p) {
		if (i == 5 || !json_is_string(json_object_get(p, "instrument")))
			break;
		snprintf(name, sizeof(name), "%s", json_string_value(json_object_get(p,
		    "instrument")));
		text_printable(name, 1);
		fprintf(out, "\n  %s %-14s %-5s %+.2fx NAV", i == 0 ? "Top:" : "    ", name,
		    json_is_string(json_object_get(p, "side")) ?
		    json_string_value(json_object_get(p, "side")) : "",
		    json_number_value(json_object_get(p, "weight")));
		if (json_is_number(x = json_object_get(p, "dv01_brl")))
			fprintf(out, "  DV01 BRL %+.0f/bp", json_number_value(x));
		else if (json_is_number(x = json_object_get(p, "usd_delta")))
			fprintf(out, "  USD delta %+.0f", json_number_value(x));
	}
}

void
console_summary(FILE *out, const struct run *r, int colour)
{
	json_t *sum = json_object_get(json_object_get(r->final, "report"),
	    "summary");
	json_t *reg = json_object_get(sum, "regime");
	int ok = r->failed < 0 && !r->row_lost;
	const char *st = ok ? "SUCCESS" : r->failed < 0 ?
	    "FAILED (the run row was not stored)" : "FAILED";
	long long total = r->t1_ns - r->t0_ns, over = total - run_steps_ns(r);
	char t[32];

	fputs("\n─── Summary ───\n  Signals: ", out);
	put_int(out, sum, "signal_count");
	fputs(" | Positions: ", out);
	put_int(out, sum, "position_count");
	if (json_is_number(json_object_get(sum, "position_count")))
		fputs(" instruments", out);
	fputs(" | Leverage: ", out);
	put_num(out, sum, "leverage", fmt_leverage);
	put_top(out, sum);
	/* The method when the headline fell back (report.summary.var_method). */
	if (json_is_string(json_object_get(sum, "var_method")) &&
	    strcmp(json_string_value(json_object_get(sum, "var_method")), "historical") != 0)
		fprintf(out, "\n  VaR (95%%, %s): ",
		    json_string_value(json_object_get(sum, "var_method")));
	else
		fputs("\n  VaR (95%): ", out);
	put_num(out, sum, "var_95", fmt_percent);
	fprintf(out, " | Regime: %s\n  Risk Alerts: ",
	    json_is_string(reg) ? json_string_value(reg) : "n/a");
	put_alerts(out, sum);
	fprintf(out, "\n  Total: %s | Status: %s%s%s\n",
	    fmt_time(t, sizeof(t), total),
	    colour ? (ok ? GREEN BOLD : RED BOLD) : "", st,
	    colour ? RESET : "");
	fprintf(out, "  Overhead: %.1fms (daily_run itself, %zu steps)\n",
	    (double)(over > 0 ? over : 0) / 1e6, r->nsteps);
	fprintf(out, "  Run: %s%s\n", r->rundir, r->dry_run ? " (dry run)" : "");
	fputs(RULE "\n", out);
	fflush(out);
}

char *
console_summary_text(const struct run *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	if ((f = open_memstream(&buf, &len)) != NULL) {
		console_summary(f, r, 0);
		if (fclose(f) == 0)
			return buf;
	}
	die(1, "out of memory");
}
