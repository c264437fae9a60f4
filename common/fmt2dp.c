/* fmt_2dp: Python's str(round(x, 2)), shared by daily_run's summary and step-risk's detail. */
#include <stdio.h>
#include <string.h>

#include "fmt2dp.h"

char *
fmt_2dp(char *buf, size_t sz, double x)
{
	size_t n;

	snprintf(buf, sz, "%.2f", x);
	n = strlen(buf);
	if (n >= 4 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (strcmp(buf, "-0.0") == 0)
		snprintf(buf, sz, "0.0");
	return buf;
}
