/*
 * report.html: one self-contained XHTML page (inline CSS and SVG; no script, no
 * external resource), printable on A4, with the sections of report.md and a
 * chart beside the table of the same numbers (docs/REPORT.md).
 */
#include <stdio.h>

#include <jansson.h>

#include "field.h"
#include "report.h"

/* Shared with the backtest tearsheet (tearsheet.c). */
const char report_css[] =
    "@page{size:A4;margin:10mm}"
    "body{font-family:sans-serif;margin:1em;color:#222;max-width:190mm;font-size:10pt}"
    "@media print{body{margin:0}h2{break-after:avoid}table,svg{break-inside:avoid}}"
    "h2{border-bottom:1px solid #999;margin-top:1.5em}"
    "table{border-collapse:collapse;margin:0.5em 0 1.2em;font-size:8.5pt}"
    "td,th{border:1px solid #ccc;padding:2px 5px;text-align:left}"
    "td.n{text-align:right}"
    "svg{max-width:100%;height:auto}"
    ".bad{color:#c62828;font-weight:bold}";

int
report_html(FILE *out, const json_t *state)
{
	struct rep r = { out, 1 };
	int rc;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
	    "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
	    "<meta charset=\"UTF-8\"/>\n<title>Daily report ", out);
	put_escaped(out, field_str(state, "as_of"));
	fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>Daily report ",
	    report_css);
	put_escaped(out, field_str(state, "as_of"));
	fputs("</h1>\n", out);
	rc = report_sections(&r, state);
	fputs("</body>\n</html>\n", out);
	return rc < 0 || ferror(out) ? -1 : 0;
}
