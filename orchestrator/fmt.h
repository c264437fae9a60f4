/* Number formats of the console report (orchestrator/fmt.c). */
#ifndef FMT_H
#define FMT_H

#include <stddef.h>

/* "412ms" below one second (rounded), else "21.5s". Returns buf. */
char *fmt_time(char *buf, size_t sz, long long ns);
/* Python's str(round(x, 2)) for |x| < 1e15: "1.8", "0.0", "-0.24". Returns buf. */
char *fmt_2dp(char *buf, size_t sz, double x);

#endif
