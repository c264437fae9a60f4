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
extern const char report_css[];	/* html.c: the page's style sheet */

/* tearsheet.c: a backtest's tearsheet from its summary.json (docs/BACKTEST.md). */
int report_tearsheet(FILE *out, const json_t *summary);
/* step-report --tearsheet: summary on stdin, XHTML on stdout; the exit status. */
int report_tearsheet_main(void);

/* svg.c: inline charts, each with labelled axes and units (docs/REPORT.md). */
void svg_bars(FILE *out, const char *title, const char *const *labels,
    const double *values, size_t n);	/* values: NAV fractions, shown in % */
struct svg_line {
	const char *name;	/* legend */
	const double *v;	/* n values in the y unit; NaN: a gap */
	const char *color;
};
void svg_lines(FILE *out, const char *title, const char *xaxis, const char *yaxis,
    const char *const *xlabels, size_t n, const struct svg_line *lines, size_t nl);

/*
 * emit.c: one writer for both renderings, so report.md and report.html carry the
 * same sections and numbers. A cell starting with '!' is flagged (bold red in HTML).
 */
struct rep {
	FILE *f;
	int html;
};
void r_h2(struct rep *r, const char *title);
void r_h3(struct rep *r, const char *title);
void r_para(struct rep *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void r_thead(struct rep *r, const char *const *cells, size_t n);
void r_row(struct rep *r, const char *const *cells, size_t n);
void r_tend(struct rep *r);
/*
 * A column of a table of objects: the key and how its value prints: 's' the
 * string (def, or "?" when def is NULL, when it is not one), '%' fmt_pct or 'n'
 * fmt_num to nd decimals.
 */
struct rcol {
	const char *key;
	char fmt;
	int nd;
	const char *def;
};
#define RCOL_MAX 8
/* One row of object x: label first unless NULL, then a cell per column (<= RCOL_MAX in all). */
void r_obj_row(struct rep *r, const char *label, const json_t *x, const struct rcol *col,
    size_t n);
/* A bar chart's n labels and values (NAV fractions), as r_bars_table takes them. */
struct bars {
	const char **lab;
	double *v;
	size_t n;
};
/* Room for n bars, all zero. */
void bars_init(struct bars *b, size_t n);
/* The cells after the label of bar i's row; buf: room for each cell. */
typedef void r_cells_fn(const void *ctx, size_t i, const char **cells,
    char (*buf)[40]);
/*
 * The chart of b titled title (HTML only), then a table of header h (ncol <=
 * RCOL_MAX columns), a row a bar: its label, then what fn writes. Frees b's
 * storage.
 */
void r_bars_table(struct rep *r, const char *title, struct bars *b,
    const char *const *h, size_t ncol, r_cells_fn *fn, const void *ctx);

/*
 * The eleven sections in order (docs/REPORT.md), each a function
 * sec_NAME(r, state): the one list the declarations and report_sections read.
 */
#define REPORT_SECTIONS(X) X(header) X(pnl) X(positions) X(trades) X(strategies) \
	X(regime) X(market) X(var) X(stress) X(limits) X(quality)
#define REPORT_SEC_DECL(name) void sec_##name(struct rep *r, const json_t *state);
REPORT_SECTIONS(REPORT_SEC_DECL)
/* Every section of state to r; -1 on a write error. */
int report_sections(struct rep *r, const json_t *state);

/* index.c: DIR/<as_of>/summary.json and DIR/index.html (newest first); appends to files. */
json_t *report_day_summary(const json_t *state);
void report_write_index(const json_t *state, const char *dir, json_t *files);

/* files.c: write DIR/<as_of>/report.{md,html} atomically; returns the new file list. */
/* path := buf, through a temporary file renamed over it, mode 0666 less the umask. */
void write_atomic(const char *path, const char *buf, size_t len);
json_t *report_write_files(const json_t *state, const char *dir);

/* format.c: small shared formatters. */
void put_escaped(FILE *out, const char *s);	/* XML text */
const char *fmt_pct(char *buf, size_t sz, const json_t *x, int nd);	/* "-2.10%" or "n/a" */
const char *fmt_num(char *buf, size_t sz, const json_t *x, int nd);
double jnum_or(const json_t *x, double def);
const char *fmt_brl(char *buf, size_t sz, const json_t *x);	/* "-1,234,568" or "n/a" */
const char *fmt_change(char *buf, size_t sz, double now, double prev, const char *unit);
const char *jstr_or(const json_t *x, const char *def);
/* "Multiple losing 10%": the stress table's header for config.risk.reverse_stress_loss. */
const char *fmt_reverse_header(char *buf, size_t sz, const json_t *state);

#endif
