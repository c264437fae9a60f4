/*
 * step-report: add "report" to the state: report.summary (signal_count,
 * position_count, leverage, var_95, cvar_95, regime, risk_alerts, risk_level,
 * top_positions, detail), which daily_run prints and stores, and with a report
 * directory (--report-dir DIR, else config.report_dir) the files
 * DIR/<as_of>/report.md, report.html and summary.json and the rebuilt
 * DIR/index.html (docs/REPORT.md), listed in report.files.
 * Reads as_of, portfolio.weights, risk (required); agents, aggregate (optional).
 * "step-report --tearsheet" renders a backtest's summary.json instead (tearsheet.c).
 * Exit: 0; 64 usage; 65 missing or malformed input; 74 a file or stdout write error;
 * 78 a bad config key it reads (report_dir, portfolio.nav, risk.reverse_stress_loss).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "conf.h"
#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "report.h"
#include "state.h"
#include "step.h"

static const char *report_dir;	/* --report-dir, else config.report_dir */

static void
option(int c, const char *arg)
{
	if (c == 'd' && *arg == '\0')
		die(EXIT_USAGE, "--report-dir: an empty directory name");
	report_dir = arg;
}

/* report.summary; without a report directory that is all. */
static json_t *
compute(const json_t *state)
{
	json_t *summary = report_summary(state);

	json_object_set_new(summary, "detail", json_string("no report dir: summary only"));
	return json_pack("{s:o,s:[]}", "summary", summary, "files");
}

/* With a report directory: the files, which render the state's report section. */
static void
write_files(json_t *state)
{
	json_t *report = json_object_get(state, "report"), *files;
	const char *dir = report_dir;

	if (dir == NULL)
		dir = conf_str(state, "report_dir");
	if (dir == NULL)
		return;
	json_object_set_new(json_object_get(report, "summary"), "detail",
	    json_string("report.md, report.html, index.html"));
	files = report_write_files(state, dir);
	report_write_index(state, dir, files);
	json_object_set_new(report, "files", files);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "report-dir", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	/* It renders every section; those it does not change are written as their
	 * input text, not formatted again (common/step.h). */
	static const char *const reads[] = { "*", NULL };
	static const struct step step = { .name = "report", .compute = compute,
		.args = "[--report-dir DIR]", .opts = opts, .option = option,
		.after = write_files, .reads = reads };

	/* daily_run backtest's tearsheet: the same renderer (docs/BACKTEST.md). */
	if (argc == 2 && strcmp(argv[1], "--tearsheet") == 0)
		return report_tearsheet_main();
	step_main(&step, argc, argv);
}
