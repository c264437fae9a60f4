/*
 * step-report: add "report" to the state: report.summary (signal_count,
 * position_count, leverage, var_95, cvar_95, regime, risk_alerts, risk_level,
 * top_positions, detail), which daily_run prints and stores, and with a report
 * directory (--report-dir DIR, else config.report_dir) the files
 * DIR/<as_of>/report.md, report.html and summary.json and the rebuilt
 * DIR/index.html (docs/REPORT.md), listed in report.files.
 * Reads as_of, portfolio.weights, risk (required); agents, aggregate (optional).
 * Exit: 0; 64 usage; 65 missing or malformed input; 74 a file or stdout write error.
 */
#include <getopt.h>
#include <stdio.h>

#include <jansson.h>

#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "report.h"
#include "state.h"

static const char USAGE[] =
    "step-report [-h] [--report-dir DIR] < state.json > state.json\n";

static const char *
parse_args(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "report-dir", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = NULL;
	int c;

	while ((c = getopt_long(argc, argv, "hd:", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage_exit(USAGE, 0);
		case 'd':
			dir = optarg;
			break;
		default:
			usage_exit(USAGE, EXIT_USAGE);
		}
	}
	if (optind != argc || (dir != NULL && *dir == '\0'))
		usage_exit(USAGE, EXIT_USAGE);
	return dir;
}

int
main(int argc, char *argv[])
{
	json_t *state, *report, *summary, *files;
	const char *dir;

	prog_setname("report");
	dir = parse_args(argc, argv);
	state = state_read(stdin);
	summary = report_summary(state);
	report = json_pack("{s:o,s:[]}", "summary", summary, "files");
	json_object_set_new(summary, "detail", json_string("no report dir: summary only"));
	json_object_set_new(state, "report", report);
	if (dir == NULL)
		dir = field_str_opt(state, "config.report_dir", NULL);
	if (dir != NULL) {
		json_object_set_new(summary, "detail",
		    json_string("report.md, report.html, index.html"));
		files = report_write_files(state, dir);
		report_write_index(state, dir, files);
		json_object_set_new(report, "files", files);
	}
	state_write(stdout, state);
	json_decref(state);
	return EXIT_OK;
}
