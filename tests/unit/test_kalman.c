/*
 * common/kalman.c (sequential scalar updates) against a direct numpy filter with
 * joint matrix updates (tests/oracles/agents_numerics.py) on the monetary agent's
 * two-state r* model with a gap observation and on the scalar random walk, with
 * missing observations; plus one step checked by hand.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "kalman.h"
#include "tap.h"

#define CASES "tests/fixtures/agents/kalman_cases.txt"

static int
rd(FILE *f, double *v, size_t n)
{
	char w[64];
	size_t i;

	for (i = 0; i < n; i++) {
		if (fscanf(f, "%63s", w) != 1)
			return -1;
		v[i] = w[0] == 'n' ? NAN : strtod(w, NULL);
	}
	return 0;
}

static void
run_case(FILE *f, const char *name, size_t n, size_t m, size_t p)
{
	struct kalman k = {.m = m, .p = p};
	double *Y = malloc(n * p * sizeof *Y), *xw = malloc(n * m * sizeof *xw);
	double *pw = malloc(n * sizeof *pw), *xf = malloc(n * m * sizeof *xf);
	double *Pf = malloc(n * m * m * sizeof *Pf), wx = 0, wp = 0;
	char label[128];
	size_t i;

	if (rd(f, k.F, m * m) || rd(f, k.Q, m * m) || rd(f, k.H, p * m) ||
	    rd(f, k.R, p) || rd(f, k.x0, m) || rd(f, k.P0, m * m) ||
	    rd(f, Y, n * p) || rd(f, xw, n * m) || rd(f, pw, n)) {
		check(0, "fixture readable");
		goto out;
	}
	snprintf(label, sizeof label, "%s: filter returns 0", name);
	check_int(kalman_filter(&k, Y, n, xf, Pf), 0, label);
	for (i = 0; i < n * m; i++)
		wx = fmax(wx, fabs(xf[i] - xw[i]) / fmax(1, fabs(xw[i])));
	for (i = 0; i < n; i++)
		wp = fmax(wp, fabs(Pf[i * m * m] - pw[i]) / pw[i]);
	snprintf(label, sizeof label, "%s: states = numpy (max rel err)", name);
	check_dbl(wx, 0, 1e-10, label);
	snprintf(label, sizeof label, "%s: P[0,0] = numpy (max rel err)", name);
	check_dbl(wp, 0, 1e-10, label);
out:
	free(Y);
	free(xw);
	free(pw);
	free(xf);
	free(Pf);
}

/* Scalar: P- = 1 + .01, K = 1.01/2.01, x = 3 + K (5 - 3). */
static void
by_hand(void)
{
	struct kalman k = {.m = 1, .p = 1, .F = {1}, .Q = {0.01}, .H = {1},
	    .R = {1}, .x0 = {3}, .P0 = {1}};
	double y[2] = {5, NAN}, x[2], P[2];

	check_int(kalman_filter(&k, y, 2, x, P), 0, "hand: returns 0");
	check_dbl(x[0], 3 + 2 * 1.01 / 2.01, 1e-14, "hand: x1");
	check_dbl(P[0], 1.01 - 1.01 * 1.01 / 2.01, 1e-14, "hand: P1");
	check_dbl(x[1], x[0], 0, "hand: missing obs keeps x");
	check_dbl(P[1], P[0] + 0.01, 1e-14, "hand: missing obs grows P by Q");
	k.m = 0;
	check_int(kalman_filter(&k, y, 2, x, P), -1, "zero dimension refused");
	k.m = 1;
	k.R[0] = 0;
	k.P0[0] = 0;
	k.Q[0] = 0;
	check_int(kalman_filter(&k, y, 2, x, P), -1, "zero innovation variance refused");
}

int
main(void)
{
	FILE *f = fopen(CASES, "r");
	char name[64];
	size_t n, m, p;

	by_hand();
	if (f == NULL) {
		check(0, "open " CASES);
		return test_done();
	}
	while (fscanf(f, "%63s %zu %zu %zu", name, &n, &m, &p) == 4)
		run_case(f, name, n, m, p);
	fclose(f);
	return test_done();
}
