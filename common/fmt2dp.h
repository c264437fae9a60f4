/* Python's str(round(x, 2)): how the run summary prints leverage and VaR (REFERENCE 1.2). */
#ifndef FMT2DP_H
#define FMT2DP_H

#include <stddef.h>

/* "1.8", "0.0", "-0.24" for |x| < 1e15 (never "-0.0"). Returns buf. */
char *fmt_2dp(char *buf, size_t sz, double x);

#endif
