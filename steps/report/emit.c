/*
 * One writer for report.md and report.html: headings, paragraphs and tables
 * rendered as Markdown or XHTML from the same calls, so both files carry the
 * same sections and the same numbers (docs/REPORT.md).
 */
#define _GNU_SOURCE		/* vasprintf */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "report.h"
#include "xalloc.h"

/* Markdown cell text: a '|' would split the cell. */
static void
put_md(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|' || *s == '\n')
			fputs(*s == '|' ? "\\|" : " ", out);
		else
			putc(*s, out);
	}
}

/* One block: <tag>s</tag> in HTML; in Markdown md (a prefix), s and a blank line. */
static void
block(struct rep *r, const char *tag, const char *md, const char *s)
{
	if (r->html) {
		fprintf(r->f, "<%s>", tag);
		put_escaped(r->f, s);
		fprintf(r->f, "</%s>\n", tag);
	} else
		fprintf(r->f, "%s%s\n\n", md, s);
}

void
r_h2(struct rep *r, const char *title)
{
	block(r, "h2", "## ", title);
}

void
r_h3(struct rep *r, const char *title)
{
	block(r, "h3", "### ", title);
}

void
r_para(struct rep *r, const char *fmt, ...)
{
	char *s = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	block(r, "p", "", s);
	free(s);
}

/* A figure ("-1.2%", "+3.0 bp", "1,234"): right-aligned in HTML. */
static int
numeric(const char *s)
{
	if (*s == '+' || *s == '-')
		s++;
	return *s >= '0' && *s <= '9';
}

static void
cells(struct rep *r, const char *tag, const char *const *c, size_t n)
{
	const char *s;
	size_t i;

	fputs(r->html ? "<tr>" : "|", r->f);
	for (i = 0; i < n; i++) {
		s = c[i] ? c[i] : "";
		if (r->html) {
			fprintf(r->f, "<%s%s>", tag, *s == '!' ? " class=\"bad\"" :
			    i > 0 && numeric(s) ? " class=\"n\"" : "");
			put_escaped(r->f, s + (*s == '!'));
			fprintf(r->f, "</%s>", tag);
		} else {
			fputs(" ", r->f);
			if (*s == '!')
				fputs("**", r->f);
			put_md(r->f, s + (*s == '!'));
			fputs(*s == '!' ? "** |" : " |", r->f);
		}
	}
	fputs(r->html ? "</tr>\n" : "\n", r->f);
}

void
r_thead(struct rep *r, const char *const *c, size_t n)
{
	size_t i;

	if (r->html) {
		fputs("<table>\n", r->f);
		cells(r, "th", c, n);
		return;
	}
	cells(r, "th", c, n);
	fputs("|", r->f);
	for (i = 0; i < n; i++)
		fputs(i ? "---:|" : "---|", r->f);
	fputc('\n', r->f);
}

void
r_row(struct rep *r, const char *const *c, size_t n)
{
	cells(r, "td", c, n);
}

void
r_obj_row(struct rep *r, const char *label, const json_t *x, const struct rcol *col,
    size_t n)
{
	char buf[RCOL_MAX][32];
	const char *c[RCOL_MAX];
	const json_t *v;
	size_t i, k = 0;

	if (label != NULL)
		c[k++] = label;
	for (i = 0; i < n && k < RCOL_MAX; i++, k++) {
		v = json_object_get(x, col[i].key);
		if (col[i].fmt == '%')
			c[k] = fmt_pct(buf[k], sizeof(buf[k]), v, col[i].nd);
		else if (col[i].fmt == 'n')
			c[k] = fmt_num(buf[k], sizeof(buf[k]), v, col[i].nd);
		else
			c[k] = jstr_or(v, col[i].def ? col[i].def : "?");
	}
	r_row(r, c, k);
}

void
r_tend(struct rep *r)
{
	fputs(r->html ? "</table>\n" : "\n", r->f);
}

void
bars_init(struct bars *b, size_t n)
{
	b->lab = xcalloc(n + 1, sizeof(*b->lab));
	b->v = xcalloc(n + 1, sizeof(*b->v));
	b->n = n;
}

void
r_bars_table(struct rep *r, const char *title, struct bars *b, const char *const *h,
    size_t ncol, r_cells_fn *fn, const void *ctx)
{
	char buf[RCOL_MAX][40];
	const char *c[RCOL_MAX];
	size_t i;

	if (r->html)
		svg_bars(r->f, title, b->lab, b->v, b->n);
	r_thead(r, h, ncol);
	for (i = 0; i < b->n; i++) {
		c[0] = b->lab[i];
		fn(ctx, i, c, buf);
		r_row(r, c, ncol);
	}
	r_tend(r);
	free(b->lab);
	free(b->v);
}
