/* Checked number parsing (docs/STYLE.md R35). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "parse.h"

int
parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return errno = EINVAL, -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end != '\0')
		return errno = EINVAL, -1;
	if (errno == ERANGE || v < min || v > max)
		return errno = ERANGE, -1;
	*out = v;
	return 0;
}

int
parse_double(const char *s, double *out)
{
	char *end;
	double v;

	if (s == NULL || *s == '\0')
		return errno = EINVAL, -1;
	errno = 0;
	v = strtod(s, &end);
	if (*end != '\0' || end == s)
		return errno = EINVAL, -1;
	if (errno == ERANGE || !isfinite(v))
		return errno = ERANGE, -1;
	*out = v;
	return 0;
}
