/*
 * common/riskcov.c against tests/oracles/riskcov.py (a numpy implementation of
 * docs/RISK.md's formulas, and sklearn's LedoitWolf on standardised data or
 * numpy.cov with aweights where they apply): relative error 1e-9 on the matrix,
 * 1e-10 absolute on the intensity. RISKCOV_CASES overrides the fixture path
 * (tests/bats/16-risk.bats runs it on a freshly generated file). With
 * RISKCOV_STATE set to an ingest state of the real files, it checks the fit on
 * the 756-day window of every available instrument (docs/RISK.md).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dataset.h"
#include "instrument.h"
#include "riskcov.h"
#include "state.h"
#include "tap.h"

#define CASES "tests/fixtures/risk/riskcov_cases.txt"

static int
read_vec(FILE *f, double *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (fscanf(f, "%lf", &v[i]) != 1)
			return -1;
	return 0;
}

/* Largest |a-b| over the matrix relative to its largest |b|. */
static double
max_relerr(const double *a, const double *b, size_t n)
{
	double big = 0, worst = 0;
	size_t i;

	for (i = 0; i < n; i++)
		big = fmax(big, fabs(b[i]));
	for (i = 0; i < n; i++)
		worst = fmax(worst, fabs(a[i] - b[i]));
	return big > 0 ? worst / big : worst;
}

struct rcase {
	char name[64];
	size_t t, k;
	double hl;
	int shrink, has_ref;
};

static void
compare(const struct rcase *c, const char *what, double s_got, const double *got,
    double s_want, const double *want)
{
	char label[160];

	snprintf(label, sizeof label, "%s: intensity equals %s", c->name, what);
	check_dbl(s_got, s_want, 1e-10, label);
	snprintf(label, sizeof label, "%s: covariance equals %s (rel 1e-9)", c->name, what);
	check_dbl(max_relerr(got, want, c->k * c->k), 0, 1e-9, label);
}

static void
run_case(FILE *f, const struct rcase *c)
{
	struct riskcov_opt o = { c->hl, c->shrink };
	struct riskcov_info info;
	double *X, *want, *got, s_want, eff, s_ref;
	char label[160];

	X = malloc(c->t * c->k * sizeof *X);
	want = malloc(c->k * c->k * sizeof *want);
	got = malloc(c->k * c->k * sizeof *got);
	if (read_vec(f, X, c->t * c->k) || read_vec(f, &s_want, 1) || read_vec(f, &eff, 1) ||
	    read_vec(f, want, c->k * c->k)) {
		check(0, "fixture readable");
		goto out;
	}
	snprintf(label, sizeof label, "%s: returns 0", c->name);
	check_int(riskcov_estimate(X, c->t, c->k, &o, got, &info), 0, label);
	snprintf(label, sizeof label, "%s: observations", c->name);
	check_int((long long)info.observations, (long long)c->t, label);
	snprintf(label, sizeof label, "%s: effective observations", c->name);
	check_dbl(info.effective, eff, 1e-9, label);
	compare(c, "numpy", info.shrinkage, got, s_want, want);
	if (c->has_ref) {
		if (read_vec(f, &s_ref, 1) || read_vec(f, want, c->k * c->k)) {
			check(0, "fixture reference readable");
			goto out;
		}
		compare(c, c->hl <= 0 && c->shrink ? "sklearn LedoitWolf" : "numpy.cov",
		    info.shrinkage, got, s_ref, want);
	}
out:
	free(X);
	free(want);
	free(got);
}

/* Hand calculation: half-life 1 day, t = 3: lambda = 1/2, a = (1, 2, 4)/7. */
static void
test_weights(void)
{
	double a[3];

	riskcov_weights(3, 1, a);
	check_dbl(a[0], 1.0 / 7, 1e-15, "half-life 1: oldest weight 1/7");
	check_dbl(a[1], 2.0 / 7, 1e-15, "half-life 1: middle weight 2/7");
	check_dbl(a[2], 4.0 / 7, 1e-15, "half-life 1: newest weight 4/7");
	riskcov_weights(3, 0, a);
	check_dbl(a[0], 1.0 / 3, 1e-15, "half-life 0: equal weights");
	riskcov_weights(3, -5, a);
	check_dbl(a[2], 1.0 / 3, 1e-15, "negative half-life: equal weights");
}

/*
 * Hand calculation, t = 2, k = 2, equal weights, no shrinkage: x = (1, 3),
 * y = (2, -2): means 2 and 0, population vols 1 and 2, correlation -1, so
 * cov = [[1, -2], [-2, 4]].
 */
static void
test_hand(void)
{
	double X[4] = { 1, 2, 3, -2 }, cov[4];
	struct riskcov_opt o = { 0, 0 };
	struct riskcov_info info;

	check_int(riskcov_estimate(X, 2, 2, &o, cov, &info), 0, "hand case runs");
	check_dbl(cov[0], 1, 1e-15, "hand: var x = 1");
	check_dbl(cov[3], 4, 1e-15, "hand: var y = 4");
	check_dbl(cov[1], -2, 1e-15, "hand: cov xy = -2");
	check_dbl(cov[2], -2, 1e-15, "hand: symmetric");
}

/*
 * Scaling one instrument by 100 (a rate in bp instead of percent) scales its row
 * and column of cov by 100 and changes neither the intensity nor the other
 * entries: the shrinkage acts on correlations (docs/RISK.md). Shrinkage of raw
 * returns does not have this property.
 */
static void
test_scale_invariance(void)
{
	enum { T = 60, K = 3 };
	double X[T * K], Y[T * K], c1[K * K], c2[K * K];
	struct riskcov_opt o = { 20, 1 };
	struct riskcov_info i1, i2;
	size_t i, j;

	for (i = 0; i < T; i++)
		for (j = 0; j < K; j++) {
			X[i * K + j] = 0.01 * sin(0.7 * (double)(i * (j + 2)) + (double)j) +
			    0.004 * cos(1.3 * (double)i);
			Y[i * K + j] = X[i * K + j] * (j == 1 ? 100 : 1);
		}
	check_int(riskcov_estimate(X, T, K, &o, c1, &i1), 0, "scale: base runs");
	check_int(riskcov_estimate(Y, T, K, &o, c2, &i2), 0, "scale: scaled runs");
	check(i1.shrinkage > 0.001, "scale: some shrinkage happens");
	check_dbl(i2.shrinkage, i1.shrinkage, 1e-12, "scale: intensity unchanged");
	check_dbl(c2[0 * K + 2], c1[0 * K + 2], 1e-12, "scale: untouched pair unchanged");
	check_dbl(c2[0 * K + 1], 100 * c1[0 * K + 1], 1e-12, "scale: row scaled by 100");
	check_dbl(c2[1 * K + 1], 1e4 * c1[1 * K + 1], 1e-12, "scale: variance by 1e4");
}

static void
test_bad_input(void)
{
	double X[6] = { 1, 2, 3, 4, 5, 6 }, cov[4] = { 7, 7, 7, 7 };
	struct riskcov_info info = { 9, 9, 9 };

	errno = 0;
	check_int(riskcov_estimate(X, 1, 2, NULL, cov, &info), -1, "t = 1 is an error");
	check_int(errno, EINVAL, "t = 1 sets EINVAL");
	errno = 0;
	check_int(riskcov_estimate(X, 3, 0, NULL, cov, &info), -1, "k = 0 is an error");
	check_int(errno, EINVAL, "k = 0 sets EINVAL");
	X[3] = NAN;
	errno = 0;
	check_int(riskcov_estimate(X, 3, 2, NULL, cov, &info), -1, "NaN is an error");
	check_int(errno, EINVAL, "NaN sets EINVAL");
	X[3] = INFINITY;
	check_int(riskcov_estimate(X, 3, 2, NULL, cov, &info), -1, "Inf is an error");
	check(cov[0] == 7 && cov[3] == 7 && info.observations == 9,
	    "cov and info untouched on error");
	check_int(riskcov_estimate(NULL, 3, 2, NULL, cov, &info), -1, "NULL X is an error");
}

/* Index of id among the k instruments of ins, or k. */
static size_t
find(const struct instrument *const *ins, size_t k, const char *id)
{
	size_t j;

	for (j = 0; j < k && strcmp(ins[j]->id, id) != 0; j++)
		;
	return j;
}

/* Correlation of columns a and b of the k x k covariance. */
static double
corr(const double *cov, size_t k, size_t a, size_t b)
{
	return cov[a * k + b] / sqrt(cov[a * k + a] * cov[b * k + b]);
}

/*
 * Issue 12 item 2 on the real files: with every available instrument in the fit
 * (the hardest case for the shrinkage), the DI_1Y-DI_2Y correlation stays within
 * 0.05 of the sample correlation (no shrinkage, same weights), and DI_1Y keeps
 * its own vol, for equal weights (risk's default) and the allocation half-life.
 * RiskMetrics' 11.2 days is printed only: with ~32 effective observations for 10
 * instruments its intensity is ~0.2 (docs/RISK.md says why it is not a default).
 */
static void
test_real(const char *path)
{
	const double hl[3] = { 0, RISKCOV_HALF_LIFE_ALLOC, RISKCOV_HALF_LIFE_RISKMETRICS };
	const struct instrument *ins[64];
	struct riskcov_opt o;
	struct riskcov_info info;
	struct dataset ds;
	double *R = NULL, *c0, *c1;
	day_t *cal = NULL;
	size_t k = 0, n, i, a, b;
	char label[160];
	FILE *f = fopen(path, "r");
	json_t *st = f ? state_load(f, label, sizeof label) : NULL;

	if (f != NULL)
		fclose(f);
	if (st == NULL || dataset_load(&ds, st) < 0) {
		check(0, "real: the state loads");
		json_decref(st);
		return;
	}
	for (i = 0; i < n_instruments && k < 64; i++)
		if (instrument_available(&ds, &instruments[i]))
			ins[k++] = &instruments[i];
	n = instrument_matrix(&ds, ins, k, 756, &cal, &R);
	a = find(ins, k, "DI_1Y");
	b = find(ins, k, "DI_2Y");
	check(a < k && b < k && k >= 6, "real: DI_1Y, DI_2Y and at least 6 instruments");
	check(n >= 700, "real: the window holds at least 700 common returns");
	c0 = calloc(k * k + 1, sizeof(*c0));
	c1 = calloc(k * k + 1, sizeof(*c1));
	for (i = 0; i < 3 && a < k && b < k; i++) {
		o.half_life = hl[i];
		o.shrink = 0;
		check_int(riskcov_estimate(R, n, k, &o, c0, NULL), 0, "real: sample fit");
		o.shrink = 1;
		check_int(riskcov_estimate(R, n, k, &o, c1, &info), 0, "real: shrunk fit");
		printf("# half-life %g: k %zu, n %zu, intensity %.4f, DI_1Y-DI_2Y %.4f -> %.4f\n",
		    hl[i], k, n, info.shrinkage, corr(c0, k, a, b), corr(c1, k, a, b));
		snprintf(label, sizeof label, "real, half-life %g: DI_1Y-DI_2Y correlation "
		    "within 0.05 of the sample's", hl[i]);
		if (i < 2)
			check_dbl(corr(c1, k, a, b), corr(c0, k, a, b), 0.05, label);
		snprintf(label, sizeof label, "real, half-life %g: DI_1Y keeps its vol", hl[i]);
		check_dbl(c1[a * k + a], c0[a * k + a], 1e-12, label);
	}
	free(c0);
	free(c1);
	free(R);
	free(cal);
	dataset_release(&ds);
	json_decref(st);
}

int
main(void)
{
	const char *path = getenv("RISKCOV_CASES");
	struct rcase c;
	FILE *f;
	size_t ncase = 0;

	if (path == NULL)
		path = CASES;
	if ((f = fopen(path, "r")) == NULL && getenv("RISKCOV_CASES") == NULL)
		f = fopen("../../" CASES, "r");
	check(f != NULL, "open the oracle cases");
	while (f != NULL && fscanf(f, " case %63s %zu %zu %lf %d %d", c.name, &c.t, &c.k,
	    &c.hl, &c.shrink, &c.has_ref) == 6) {
		run_case(f, &c);
		ncase++;
	}
	check(ncase >= 10, "all oracle cases read");
	if (f != NULL)
		fclose(f);
	test_weights();
	test_hand();
	test_scale_invariance();
	test_bad_input();
	if (getenv("RISKCOV_STATE") != NULL)
		test_real(getenv("RISKCOV_STATE"));
	return test_done();
}
