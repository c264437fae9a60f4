/*
 * Inline SVG charts for report.html (docs/REPORT.md): signed horizontal bars
 * in % of NAV (weights, stress P&L) with a value axis, and line charts (DI
 * curve, track record, P&L against VaR) with both axes titled, ticks and a
 * legend. Plain shapes and text only; coordinates printed with two decimals so
 * the file is byte-stable.
 */
#include <math.h>
#include <stdio.h>

#include <jansson.h>

#include "report.h"

#define W 640
#define ROW 22
#define LABEL_X 250
#define ZERO_X 445
#define HALF 130

static void
open_svg(FILE *out, const char *title, int h)
{
	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	    "viewBox=\"0 0 %d %d\" role=\"img\"><title>", W, h, W, h);
	put_escaped(out, title);
	fprintf(out, "</title>\n<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" "
	    "fill=\"#ffffff\" stroke=\"#cccccc\"/>\n", W, h);
}

void
svg_bars(FILE *out, const char *title, const char *const *labels, const double *v, size_t n)
{
	double m = 0, len;
	int h = 30 + (int)(n ? n : 1) * ROW + 42, y;
	size_t i;

	for (i = 0; i < n; i++)
		if (isfinite(v[i]))
			m = fmax(m, fabs(v[i]));
	open_svg(out, title, h);
	if (n == 0)
		fprintf(out, "<text x=\"20\" y=\"40\" font-size=\"12\">no data</text>\n");
	fprintf(out, "<line x1=\"%d\" y1=\"20\" x2=\"%d\" y2=\"%d\" stroke=\"#555555\"/>\n",
	    ZERO_X, ZERO_X, h - 40);
	/* The value axis: -max, 0, +max in % of NAV. */
	fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555555\"/>\n"
	    "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%.2f%%</text>\n"
	    "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">0</text>\n"
	    "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%.2f%%</text>\n"
	    "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%% of NAV</text>\n",
	    ZERO_X - HALF, h - 40, ZERO_X + HALF, h - 40, ZERO_X - HALF, h - 28, -m * 100,
	    ZERO_X, h - 28, ZERO_X + HALF, h - 28, m * 100, ZERO_X, h - 12);
	for (i = 0; i < n; i++) {
		y = 26 + (int)i * ROW;
		len = m > 0 && isfinite(v[i]) ? fabs(v[i]) / m * HALF : 0;
		fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">",
		    LABEL_X - 6, y + 13);
		put_escaped(out, labels[i]);
		fprintf(out, "</text>\n<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"16\" "
		    "fill=\"%s\"/>\n", v[i] < 0 ? ZERO_X - len : ZERO_X, y, len,
		    v[i] < 0 ? "#c62828" : "#2e7d32");
		if (isfinite(v[i]))
			fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%.2f%%</text>\n",
			    W - 50, y + 13, v[i] * 100);
	}
	fputs("</svg>\n", out);
}

/* Range of the finite values of the lines, widened when flat. */
static void
range(const struct svg_line *l, size_t nl, size_t n, double *lo, double *hi)
{
	size_t i, k;

	*lo = INFINITY, *hi = -INFINITY;
	for (k = 0; k < nl; k++)
		for (i = 0; i < n; i++)
			if (isfinite(l[k].v[i])) {
				*lo = fmin(*lo, l[k].v[i]);
				*hi = fmax(*hi, l[k].v[i]);
			}
	if (!isfinite(*lo))
		*lo = 0, *hi = 1;
	if (*hi - *lo < 1e-9) {
		*lo -= 0.5;
		*hi += 0.5;
	}
}

#define LX0 70.0
#define LX1 (W - 20.0)
#define LY0 40.0
#define LY1 200.0

/* One line: segments between finite neighbours, a dot on each point. */
static void
polyline(FILE *out, const struct svg_line *l, size_t n, double lo, double hi)
{
	double x, y;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!isfinite(l->v[i]))
			continue;
		x = n > 1 ? LX0 + (LX1 - LX0) * (double)i / (double)(n - 1) : (LX0 + LX1) / 2;
		y = LY1 - (l->v[i] - lo) / (hi - lo) * (LY1 - LY0);
		if (i + 1 < n && isfinite(l->v[i + 1]))
			fprintf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" "
			    "stroke=\"%s\" stroke-width=\"1.5\"/>\n", x, y,
			    LX0 + (LX1 - LX0) * (double)(i + 1) / (double)(n - 1),
			    LY1 - (l->v[i + 1] - lo) / (hi - lo) * (LY1 - LY0), l->color);
		fprintf(out, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"2.5\" fill=\"%s\"/>\n", x, y,
		    l->color);
	}
}

/*
 * A line chart: y axis with five labelled ticks and its unit, x axis with its
 * labels (all when at most eight, else first, middle and last) and its title,
 * a legend naming each line.
 */
void
svg_lines(FILE *out, const char *title, const char *xaxis, const char *yaxis,
    const char *const *xl, size_t n, const struct svg_line *l, size_t nl)
{
	double lo, hi, y;
	size_t i, k;

	range(l, nl, n, &lo, &hi);
	open_svg(out, title, 250);
	fprintf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#555555\"/>\n"
	    "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#555555\"/>\n",
	    LX0, LY0, LX0, LY1, LX0, LY1, LX1, LY1);
	for (k = 0; k <= 4; k++) {
		y = LY1 - (LY1 - LY0) * (double)k / 4;
		fprintf(out, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"10\" text-anchor=\"end\">"
		    "%.3g</text>\n", LX0 - 4, y + 3, lo + (hi - lo) * (double)k / 4);
	}
	if (lo < 0 && hi > 0)
		fprintf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" "
		    "stroke=\"#bbbbbb\"/>\n", LX0, LY1 + lo / (hi - lo) * (LY1 - LY0), LX1,
		    LY1 + lo / (hi - lo) * (LY1 - LY0));
	fputs("<text x=\"12\" y=\"120\" font-size=\"11\" transform=\"rotate(-90 12 120)\" "
	    "text-anchor=\"middle\">", out);
	put_escaped(out, yaxis);
	fprintf(out, "</text>\n<text x=\"%.2f\" y=\"242\" font-size=\"11\" "
	    "text-anchor=\"middle\">", (LX0 + LX1) / 2);
	put_escaped(out, xaxis);
	fputs("</text>\n", out);
	for (i = 0; i < n; i++) {
		if (n > 8 && i != 0 && i != n / 2 && i != n - 1)
			continue;
		fprintf(out, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"10\" text-anchor=\"%s\">",
		    n > 1 ? LX0 + (LX1 - LX0) * (double)i / (double)(n - 1) : (LX0 + LX1) / 2,
		    LY1 + 14, n > 1 && i == 0 ? "start" : n > 1 && i == n - 1 ? "end" : "middle");
		put_escaped(out, xl[i]);
		fputs("</text>\n", out);
	}
	if (n == 0)
		fputs("<text x=\"100\" y=\"120\" font-size=\"12\">no data</text>\n", out);
	for (k = 0; k < nl; k++) {
		fprintf(out, "<text x=\"%.2f\" y=\"16\" font-size=\"11\" fill=\"%s\">",
		    LX0 + 150.0 * (double)k, l[k].color);
		put_escaped(out, l[k].name);
		fputs("</text>\n", out);
		polyline(out, &l[k], n, lo, hi);
	}
	fputs("</svg>\n", out);
}
