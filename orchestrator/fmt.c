/* Number formats of the console report, kept apart so a unit test can link them alone. */
#include <stdio.h>

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
