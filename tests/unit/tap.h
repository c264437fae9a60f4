/*
 * A small TAP producer for the C unit tests (after git's t/unit-tests/test-lib.h).
 * Each check prints "ok N - name" or "not ok N - name" with the values on a "#" line;
 * test_done() prints the plan and returns the exit status.
 */
#ifndef TAP_H
#define TAP_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static void
tap_result(int ok, const char *name)
{
	printf("%s %d - %s\n", ok ? "ok" : "not ok", ++tap_n, name);
	if (!ok)
		tap_failed++;
}

/* Integers equal. */
#define check_int(got, want, name)                                             \
	do {                                                                   \
		long long g_ = (got), w_ = (want);                             \
		tap_result(g_ == w_, name);                                    \
		if (g_ != w_)                                                  \
			printf("#   got %lld, want %lld\n", g_, w_);           \
	} while (0)

/* Doubles equal within an absolute or relative tolerance (either suffices). */
#define check_dbl(got, want, tol, name)                                        \
	do {                                                                   \
		double g_ = (got), w_ = (want), t_ = (tol);                    \
		int ok_ = (isnan(g_) && isnan(w_)) || fabs(g_ - w_) <= t_ ||   \
		    fabs(g_ - w_) <= t_ * fabs(w_);                            \
		tap_result(ok_, name);                                         \
		if (!ok_)                                                      \
			printf("#   got %.17g, want %.17g (tol %g)\n", g_, w_, t_); \
	} while (0)

/* Strings equal (NULL allowed). */
#define check_str(got, want, name)                                             \
	do {                                                                   \
		const char *g_ = (got), *w_ = (want);                          \
		int ok_ = (g_ == NULL && w_ == NULL) ||                        \
		    (g_ && w_ && strcmp(g_, w_) == 0);                         \
		tap_result(ok_, name);                                         \
		if (!ok_)                                                      \
			printf("#   got '%s', want '%s'\n", g_ ? g_ : "(null)",   \
			    w_ ? w_ : "(null)");                               \
	} while (0)

#define check(cond, name) tap_result(!!(cond), name)

static int
test_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
