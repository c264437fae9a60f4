/* Formatting helpers shared by the Markdown and HTML renderers. */
#include <math.h>
#include <stdio.h>

#include <jansson.h>

#include "report.h"

void
put_escaped(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		default:
			putc(*s, out);
		}
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
	json_t *x = json_object_get(json_object_get(json_object_get(state, "config"), "risk"),
	    "reverse_stress_loss");

	snprintf(buf, sz, "Multiple losing %g%%", (json_is_number(x) ? json_number_value(x) :
	    0.10) * 100);
	return buf;
}
