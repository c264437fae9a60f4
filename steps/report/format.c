/* Formatting helpers shared by the Markdown and HTML renderers. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "conf.h"
#include "report.h"

void
put_escaped(FILE *out, const char *s)
{
	static const char *const ent[] = { ['&'] = "&amp;", ['<'] = "&lt;",
		['>'] = "&gt;", ['"'] = "&quot;" };
	unsigned char ch;

	for (; s && *s; s++) {
		ch = (unsigned char)*s;
		if (ch < sizeof(ent) / sizeof(ent[0]) && ent[ch] != NULL)
			fputs(ent[ch], out);
		else
			putc(*s, out);
	}
}

double
jnum_or(const json_t *x, double def)
{
	return json_is_number(x) ? json_number_value(x) : def;
}

const char *
fmt_pct(char *buf, size_t sz, const json_t *x, int nd)
{
	if (!json_is_number(x))
		snprintf(buf, sz, "n/a");
	else
		snprintf(buf, sz, "%.*f%%", nd, json_number_value(x) * 100);
	return buf;
}

const char *
fmt_num(char *buf, size_t sz, const json_t *x, int nd)
{
	if (!json_is_number(x))
		snprintf(buf, sz, "n/a");
	else
		snprintf(buf, sz, "%.*f", nd, json_number_value(x));
	return buf;
}

const char *
fmt_reverse_header(char *buf, size_t sz, const json_t *state)
{
	snprintf(buf, sz, "Multiple losing %g%%", conf_num(state, "risk.reverse_stress_loss") *
	    100);
	return buf;
}

const char *
jstr_or(const json_t *x, const char *def)
{
	return json_is_string(x) ? json_string_value(x) : def;
}

/* A rounded BRL amount with thousands separators: "-1,234,568". */
const char *
fmt_brl(char *buf, size_t sz, const json_t *x)
{
	char digits[64];
	double v;
	size_t n, i, o = 0;

	if (!json_is_number(x) || !isfinite(v = json_number_value(x)) || fabs(v) >= 1e18) {
		snprintf(buf, sz, "n/a");
		return buf;
	}
	n = (size_t)snprintf(digits, sizeof(digits), "%.0f", fabs(v));
	if (v < 0 && strspn(digits, "0") != n && o + 1 < sz)	/* no "-0" */
		buf[o++] = '-';
	for (i = 0; i < n && o + 2 < sz; i++) {
		buf[o++] = digits[i];
		if ((n - i - 1) % 3 == 0 && i + 1 < n)
			buf[o++] = ',';
	}
	buf[o] = '\0';
	return buf;
}

/*
 * A daily change in the series' unit (docs/REPORT.md "Market snapshot"): rates in %
 * and spreads in bp as bp, FX (a "/" unit) as a percent change, anything else as the
 * difference in its own unit.
 */
const char *
fmt_change(char *buf, size_t sz, double now, double prev, const char *unit)
{
	if (!isfinite(now) || !isfinite(prev) || unit == NULL)
		snprintf(buf, sz, "n/a");
	else if (strcmp(unit, "%") == 0)
		snprintf(buf, sz, "%+.1f bp", (now - prev) * 100);
	else if (strcmp(unit, "bp") == 0)
		snprintf(buf, sz, "%+.1f bp", now - prev);
	else if (strcmp(unit, "index") == 0)
		snprintf(buf, sz, "%+.2f pts", now - prev);
	else if (strchr(unit, '/') != NULL && prev != 0)
		snprintf(buf, sz, "%+.2f%%", (now / prev - 1) * 100);
	else
		snprintf(buf, sz, "%+.2f %s", now - prev, unit);
	return buf;
}
