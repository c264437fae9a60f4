/*
 * Inline SVG charts for report.html: signed horizontal bars (weights, VaR
 * contributions, stress P&L) and the return history with its VaR line. Plain
 * shapes and text only; coordinates printed with two decimals so the file is
 * byte-stable.
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
	int h = 30 + (int)(n ? n : 1) * ROW + 10, y;
	size_t i;

	for (i = 0; i < n; i++)
		if (isfinite(v[i]))
			m = fmax(m, fabs(v[i]));
	open_svg(out, title, h);
	if (n == 0)
		fprintf(out, "<text x=\"20\" y=\"40\" font-size=\"12\">no data</text>\n");
	fprintf(out, "<line x1=\"%d\" y1=\"20\" x2=\"%d\" y2=\"%d\" stroke=\"#555555\"/>\n",
	    ZERO_X, ZERO_X, h - 8);
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

/* Range of the finite values and v0. */
static void
range(const json_t *values, double v0, double *lo, double *hi)
{
	json_t *x;
	size_t i;

	*lo = *hi = isfinite(v0) ? v0 : 0;
	json_array_foreach(values, i, x)
		if (json_is_number(x)) {
			*lo = fmin(*lo, json_number_value(x));
			*hi = fmax(*hi, json_number_value(x));
		}
	if (*hi - *lo < 1e-12)
		*hi = *lo + 1e-3;
}

void
svg_history(FILE *out, const char *title, const json_t *dates, const json_t *values,
    double var95)
{
	const double x0 = 60, x1 = W - 20, y0 = 20, y1 = 210;
	size_t n = json_array_size(values), i;
	double lo, hi, x, y;
	json_t *v;

	range(values, var95, &lo, &hi);
	open_svg(out, title, 240);
#define YOF(r) (y1 - ((r) - lo) / (hi - lo) * (y1 - y0))
	fprintf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#999999\"/>\n",
	    x0, YOF(0.0), x1, YOF(0.0));
	fprintf(out, "<text x=\"4\" y=\"%.2f\" font-size=\"10\">%.2f%%</text>\n", y0 + 4, hi * 100);
	fprintf(out, "<text x=\"4\" y=\"%.2f\" font-size=\"10\">%.2f%%</text>\n", y1, lo * 100);
	if (n < 2)
		fprintf(out, "<text x=\"80\" y=\"120\" font-size=\"12\">no history</text>\n");
	else
		fputs("<polyline fill=\"none\" stroke=\"#1565c0\" stroke-width=\"1\" points=\"", out);
	json_array_foreach(values, i, v) {
		if (n < 2 || !json_is_number(v))
			continue;
		x = x0 + (x1 - x0) * (double)i / (double)(n - 1);
		y = YOF(json_number_value(v));
		fprintf(out, "%s%.2f,%.2f", i ? " " : "", x, y);
	}
	if (n >= 2)
		fputs("\"/>\n", out);
	if (isfinite(var95))
		fprintf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#c62828\" "
		    "stroke-dasharray=\"6,3\"/>\n<text x=\"%.2f\" y=\"%.2f\" font-size=\"11\" "
		    "fill=\"#c62828\">VaR 95%% %.2f%%</text>\n", x0, YOF(var95), x1, YOF(var95),
		    x0 + 4, YOF(var95) + 14, var95 * 100);
#undef YOF
	if (n > 0 && json_is_string(json_array_get(dates, 0))) {
		fprintf(out, "<text x=\"%.2f\" y=\"232\" font-size=\"10\">", x0);
		put_escaped(out, json_string_value(json_array_get(dates, 0)));
		fprintf(out, "</text>\n<text x=\"%.2f\" y=\"232\" font-size=\"10\" "
		    "text-anchor=\"end\">", x1);
		put_escaped(out, json_string_value(json_array_get(dates, n - 1)));
		fputs("</text>\n", out);
	}
	fputs("</svg>\n", out);
}
