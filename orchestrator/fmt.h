/* Number formats of the console report (orchestrator/fmt.c). */
#ifndef FMT_H
#define FMT_H

#include <stddef.h>

#include "fmt2dp.h"

/* "412ms" below one second (rounded), else "21.5s". Returns buf. */
char *fmt_time(char *buf, size_t sz, long long ns);

#endif
