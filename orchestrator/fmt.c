/* Number formats of the console report, kept apart so a unit test can link them alone. */
#include <stdio.h>
#include <string.h>

#include "fmt.h"

char *
fmt_time(char *buf, size_t sz, long long ns)
{
	if (ns < 999500000LL)
		snprintf(buf, sz, "%lldms", (ns + 500000) / 1000000);
	else
		snprintf(buf, sz, "%.1fs", (double)ns / 1e9);
	return buf;
}

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
