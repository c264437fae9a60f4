/* The state document: strict read with a size cap, canonical write (STYLE.md R10-R11). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "die.h"
#include "exitcodes.h"
#include "parse.h"
#include "state.h"
#include "xalloc.h"

size_t
state_max_bytes(void)
{
	const char *e = getenv("DAILY_MAX_STATE_MB");
	long mb;

	if (e != NULL && parse_long(e, 1, 65536, &mb) == 0)
		return (size_t)mb << 20;
	return (size_t)256 << 20;
}

/* Read all of in into a new buffer, at most max bytes; -1 on error or overflow (errno). */
static int
slurp(FILE *in, size_t max, char **buf, size_t *len)
{
	size_t cap = 1 << 16, n = 0, r;
	char *b = xmalloc(cap);

	for (;;) {
		if (n == cap) {
			if (cap > max) {
				free(b);
				return errno = EFBIG, -1;
			}
			cap *= 2;
			b = xreallocarray(b, cap, 1);
		}
		r = fread(b + n, 1, cap - n, in);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(in)) {
		free(b);
		return errno = EIO, -1;
	}
	if (n > max) {
		free(b);
		return errno = EFBIG, -1;
	}
	*buf = b;
	*len = n;
	return 0;
}

json_t *
state_load(FILE *in, char *err, size_t errsz)
{
	json_error_t jerr;
	json_t *j;
	char *buf;
	size_t len, i;

	if (slurp(in, state_max_bytes(), &buf, &len) < 0) {
		if (errno == EFBIG)
			snprintf(err, errsz, "larger than %zu MiB", state_max_bytes() >> 20);
		else
			snprintf(err, errsz, "read error: %s", strerror(errno));
		return NULL;
	}
	for (i = 0; i < len && strchr(" \t\r\n", buf[i]) != NULL; i++)
		;
	if (i == len) {
		snprintf(err, errsz, "empty input");
		free(buf);
		return NULL;
	}
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		snprintf(err, errsz, "line 1, column 1: byte order mark not allowed");
		free(buf);
		return NULL;
	}
	j = json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	free(buf);
	if (j == NULL) {
		snprintf(err, errsz, "line %d, column %d: %s", jerr.line, jerr.column,
		    jerr.text);
		return NULL;
	}
	if (!json_is_object(j)) {
		snprintf(err, errsz, "top-level value is not an object");
		json_decref(j);
		return NULL;
	}
	return j;
}

json_t *
state_read(FILE *in)
{
	char err[512];
	json_t *j = state_load(in, err, sizeof(err));

	if (j == NULL)
		die(EXIT_DATAERR, "invalid state on stdin: %s", err);
	return j;
}

/* Write s as a JSON string. */
static int
dump_string(FILE *out, const char *s, size_t n)
{
	size_t i;

	if (putc('"', out) == EOF)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		case '\b':
			fputs("\\b", out);
			break;
		case '\f':
			fputs("\\f", out);
			break;
		default:
			if (c < 0x20)
				fprintf(out, "\\u%04x", c);
			else
				putc(c, out);
		}
	}
	return putc('"', out) == EOF ? -1 : 0;
}

/* The shortest %.Ng (N = 15..17) that reads back as x, with ".0" added to integers. */
static int
dump_real(FILE *out, double x)
{
	char buf[40];
	int prec;

	if (!isfinite(x))
		return errno = EDOM, -1;
	for (prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	if (strpbrk(buf, ".eEn") == NULL)
		strcat(buf, ".0");
	return fputs(buf, out) == EOF ? -1 : 0;
}

static int
cmpkey(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int dump(FILE *out, const json_t *j);

static int
dump_object(FILE *out, const json_t *j)
{
	const char **keys, *k;
	json_t *v;
	size_t n = json_object_size(j), i = 0;
	int rc = 0;

	keys = xcalloc(n, sizeof(*keys));
	json_object_foreach((json_t *)j, k, v)
		keys[i++] = k;
	qsort(keys, n, sizeof(*keys), cmpkey);
	putc('{', out);
	for (i = 0; i < n && rc == 0; i++) {
		if (i > 0)
			putc(',', out);
		rc = dump_string(out, keys[i], strlen(keys[i]));
		if (rc == 0) {
			putc(':', out);
			rc = dump(out, json_object_get(j, keys[i]));
		}
	}
	free(keys);
	if (rc == 0 && putc('}', out) == EOF)
		rc = -1;
	return rc;
}

static int
dump(FILE *out, const json_t *j)
{
	size_t i;

	switch (json_typeof(j)) {
	case JSON_OBJECT:
		return dump_object(out, j);
	case JSON_ARRAY:
		putc('[', out);
		for (i = 0; i < json_array_size(j); i++) {
			if (i > 0)
				putc(',', out);
			if (dump(out, json_array_get(j, i)) < 0)
				return -1;
		}
		return putc(']', out) == EOF ? -1 : 0;
	case JSON_STRING:
		return dump_string(out, json_string_value(j), json_string_length(j));
	case JSON_INTEGER:
		return fprintf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(j)) < 0 ? -1 : 0;
	case JSON_REAL:
		return dump_real(out, json_real_value(j));
	case JSON_TRUE:
		return fputs("true", out) == EOF ? -1 : 0;
	case JSON_FALSE:
		return fputs("false", out) == EOF ? -1 : 0;
	case JSON_NULL:
		return fputs("null", out) == EOF ? -1 : 0;
	}
	return -1;
}

int
state_dump(FILE *out, const json_t *j)
{
	if (dump(out, j) < 0)
		return -1;
	return ferror(out) ? -1 : 0;
}

char *
state_dumps(const json_t *j)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int rc;

	if (f == NULL)
		return NULL;
	rc = state_dump(f, j);
	if (fclose(f) != 0 || rc < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

void
state_write(FILE *out, const json_t *state)
{
	if (state_dump(out, state) < 0) {
		if (errno == EDOM)
			die(EXIT_SOFTWARE, "non-finite number in output state");
		die(EXIT_IOERR, "unable to write state to stdout:");
	}
	putc('\n', out);
	if (fflush(out) != 0 || ferror(out))
		die(EXIT_IOERR, "unable to write state to stdout:");
	if (fclose(out) != 0)
		die(EXIT_IOERR, "unable to close stdout:");
}

json_t *
jnum(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

double
round_to(double x, int nd)
{
	double p;

	if (!isfinite(x) || nd < 0 || nd > 15)
		return x;
	p = pow(10, nd);
	return round(x * p) / p;
}

json_t *
jnum_round(double x, int nd)
{
	return jnum(round_to(x, nd));
}
