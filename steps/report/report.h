/* step-report: the run summary and the report files (Markdown, HTML with SVG). */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

#include <jansson.h>

#define TOP_POSITIONS 5

/* summary.c: report.summary from the state (pure). New reference. */
json_t *report_summary(const json_t *state);

/* markdown.c, html.c: render the report of state (whose "report" is set) to out. */
int report_markdown(FILE *out, const json_t *state);
int report_html(FILE *out, const json_t *state);

/* svg.c: inline charts. */
void svg_bars(FILE *out, const char *title, const char *const *labels,
    const double *values, size_t n);
void svg_history(FILE *out, const char *title, const json_t *dates, const json_t *values,
    double var95);

/* files.c: write DIR/<as_of>/report.{md,html} atomically; returns the new file list. */
json_t *report_write_files(const json_t *state, const char *dir);

/* format.c: small shared formatters. */
void put_escaped(FILE *out, const char *s);	/* XML text */
const char *fmt_pct(char *buf, size_t sz, const json_t *x, int nd);	/* "-2.10%" or "n/a" */
const char *fmt_num(char *buf, size_t sz, const json_t *x, int nd);
double jnum_or(const json_t *x, double def);
/* "Multiple losing 10%": the stress table's header for config.risk.reverse_stress_loss. */
const char *fmt_reverse_header(char *buf, size_t sz, const json_t *state);

#endif
