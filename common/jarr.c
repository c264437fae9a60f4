/* jarr_appendf: one formatted string onto a JSON array (jarr.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "jarr.h"
#include "xalloc.h"

void
jarr_appendf(json_t *a, const char *fmt, ...)
{
	va_list ap, aq;
	char *buf;
	int n;

	va_start(ap, fmt);
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	buf = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	vsnprintf(buf, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	va_end(ap);
	json_array_append_new(a, json_string(buf));
	free(buf);
}
