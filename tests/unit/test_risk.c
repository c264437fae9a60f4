/*
 * step-risk models by hand: numpy-linear quantiles, the normal VaR, stress P&L
 * on a small portfolio, reverse stress, every limit at, below and above its
 * threshold, the drawdown circuit breaker through all its states, risk levels.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <jansson.h>

#include "conf.h"
#include "instrument.h"
#include "../../steps/risk/order.h"
#include "../../steps/risk/risk.h"
#include "tap.h"

static void
quantiles(void)
{
	double x[20], v5[5] = { 5, 1, 4, 2, 3 };
	struct var_result r;
	int i;

	for (i = 0; i < 20; i++)
		x[i] = 20 - i;		/* unsorted on purpose */
	check_dbl(quantile_linear((double[]){ 1, 2, 3, 4, 5 }, 5, 0.05), 1.2, 1e-15,
	    "linear quantile: h = 0.05*4 = 0.2 -> 1.2");
	var_empirical(x, 20, &r);
	check_dbl(r.var95, 1.95, 1e-15, "VaR95 of 1..20: h = 0.95 -> 1.95");
	check_dbl(r.cvar95, 1, 0, "CVaR95 of 1..20: mean of {1}");
	check_dbl(r.var99, 1.19, 1e-15, "VaR99 of 1..20: h = 0.19 -> 1.19");
	check_str(r.method, "historical", "method historical");
	var_empirical(v5, 5, &r);
	check(isnan(r.var95) && isnan(r.cvar99), "fewer than 10 observations: null");
	check(strstr(r.warning, "n = 5 < 10") != NULL, "and says why");
}

static int
cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * sort_smallest against a full qsort of the same values: the prefix bit for bit,
 * everything after it greater; many ties (21 distinct values in 500), every m.
 */
static void
partial_sort(void)
{
	double x[500], full[500], y[500], z[12] = { 3, -1, 2, 0, 5, 4, -2, 7, 8, 9, 6, 1 };
	unsigned seed = 12345;
	size_t i, m, p, bad = 0, short_ = 0;

	for (i = 0; i < 500; i++) {
		seed = seed * 1103515245u + 12345u;
		x[i] = (double)((int)((seed >> 16) % 21) - 10) / 8;
		if (x[i] == 0)
			x[i] = 0.0625;
	}
	memcpy(full, x, sizeof(x));
	qsort(full, 500, sizeof(*full), cmpd);
	for (m = 1; m <= 500; m++) {
		memcpy(y, x, sizeof(x));
		p = sort_smallest(y, 500, m);
		if (p < m)
			short_++;
		else if (memcmp(y, full, p * sizeof(*y)) != 0)
			bad++;
		else
			for (i = p; i < 500; i++)
				bad += !(y[i] > y[p - 1]);
	}
	check(short_ == 0 && bad == 0, "sort_smallest: prefix as qsort's for every m, rest greater");
	for (bad = 0, m = 0; m < 500; m++) {
		memcpy(y, x, sizeof(x));
		select_kth(y, 500, m);
		bad += memcmp(&y[m], &full[m], sizeof(*y)) != 0;
		for (i = 0; i < 500; i++)
			bad += (i < m && y[i] > y[m]) || (i > m && y[i] < y[m]);
	}
	check(bad == 0, "select_kth: x[k] as qsort's, none greater before, none less after");
	memcpy(y, z, sizeof(z));
	check(sort_smallest(y, 12, 5) == 0, "a zero among the smallest: 0 (caller sorts all)");
	memcpy(y, z, sizeof(z));
	p = sort_smallest(y, 12, 2);
	check(p == 2 && y[0] == -2 && y[1] == -1, "the two smallest of 12, zero outside: -2, -1");
	memcpy(y, z, sizeof(z));
	y[9] = NAN;
	check(sort_smallest(y, 12, 2) == 0, "a NaN anywhere: 0");
}

static void
normal(void)
{
	struct var_result r;
	double z95 = -1.6448536269514729, p95 = 0.10313564037537128;
	double z99 = -2.3263478740408408, p99 = 0.026652142203458073;

	var_normal(0.001, 0.01, 100, &r);
	check_dbl(r.var95, 0.001 + 0.01 * z95, 1e-15, "normal VaR95 = mu + sigma z");
	check_dbl(r.var99, 0.001 + 0.01 * z99, 1e-15, "normal VaR99");
	check_dbl(r.cvar95, 0.001 - 0.01 * p95 / 0.05, 1e-15, "normal CVaR95 = mu - sigma phi/(1-c)");
	check_dbl(r.cvar99, 0.001 - 0.01 * p99 / 0.01, 1e-15, "normal CVaR99");
	var_normal(0.001, 0, 100, &r);
	check(r.var95 == 0 && r.cvar99 == 0, "zero volatility: VaR 0 (reference)");
	var_normal(0.001, 0.01, 1, &r);
	check(isnan(r.var95), "one observation: null");
}

/* Four positions with known levels: DI_1Y at 10 %, UST_10Y at 4 %, CDS at 200 bp. */
static void
small_portfolio(struct risk_input *in, char **ids, double *w,
    const struct instrument **ins)
{
	static const char *names[] = { "CDS_BR_5Y", "DI_1Y", "IBOVESPA", "USDBRL", "UST_10Y" };
	static const double ws[] = { 0.05, 0.2, 0.05, -0.1, 0.1 };
	size_t j;

	memset(in, 0, sizeof(*in));
	for (j = 0; j < 32; j++)
		in->level[j] = NAN;
	for (j = 0; j < 5; j++) {
		ids[j] = (char *)names[j];
		w[j] = ws[j];
		ins[j] = instrument_find(names[j]);
		in->level[ins[j] - instruments] = j == 0 ? 200 : j == 1 ? 10 : j == 4 ? 4 : 100;
	}
	in->k = 5;
	in->id = ids;
	in->w = w;
	in->ins = ins;
	in->ust5y = 4;
}

static const json_t *
scenario(const json_t *arr, const char *name)
{
	size_t i;

	for (i = 0; i < json_array_size(arr); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(arr, i),
		    "scenario")), name) == 0)
			return json_array_get(arr, i);
	return NULL;
}

#define NUM(o, k) json_number_value(json_object_get(o, k))

static void
stress(void)
{
	struct risk_input in;
	char *ids[5];
	double w[5], d_di = 1 / 1.10, d_ust = (1 - pow(1.04, -10)) / 0.04, lam, a, total;
	const struct instrument *ins[5];
	const json_t *s, *pp;
	json_t *arr;

	small_portfolio(&in, ids, w, ins);
	arr = stress_run(&in, 0.10);
	check_int(json_array_size(arr), 6, "six scenarios");
	s = scenario(arr, "Taper Tantrum 2013");
	pp = json_object_get(s, "position_pnl");
	check_dbl(NUM(pp, "DI_1Y"), 0.2 * -d_di * 0.02, 1e-15, "taper: DI receiver loses D*200bp");
	check_dbl(NUM(pp, "USDBRL"), -0.1 * 0.15, 1e-15, "taper: short USD loses 15%");
	check_dbl(NUM(pp, "IBOVESPA"), 0.05 * -0.15, 1e-15, "taper: equity -15%");
	check_dbl(NUM(pp, "UST_10Y"), 0.1 * -d_ust * 0.01, 1e-15, "taper: UST +100bp");
	check_dbl(NUM(pp, "CDS_BR_5Y"), 0, 0, "taper: CDS not shocked");
	total = 0.2 * -d_di * 0.02 - 0.015 - 0.0075 + 0.1 * -d_ust * 0.01;
	check_dbl(NUM(s, "pnl_pct"), total, 1e-15, "taper: total P&L");
	check_str(json_string_value(json_object_get(s, "worst_position")), "USDBRL",
	    "taper: worst position");
	check_int(json_integer_value(json_object_get(s, "positions_unaffected")), 1,
	    "taper: one unaffected");
	check_dbl(NUM(s, "reverse_multiple"), 0.10 / -total, 2e-6,
	    "taper: reverse multiple = 10% / loss");
	s = scenario(arr, "BR Fiscal Crisis (Teto de Gastos)");
	lam = 0.02 / 0.6;
	a = (1 - exp(-(0.04 + lam) * 5)) / (0.04 + lam);
	check_dbl(NUM(json_object_get(s, "position_pnl"), "CDS_BR_5Y"),
	    0.05 * a * 0.40 * 200 / 10000, 1e-15, "fiscal: protection gains A * 40% * s");
	s = scenario(arr, "Global Risk-Off (Geopolitical)");
	check_dbl(NUM(json_object_get(s, "position_pnl"), "UST_10Y"), 0.1 * d_ust * 0.005,
	    1e-15, "risk-off: UST rallies 50bp");
	json_decref(arr);
	w[3] = 0.1;		/* long USD: some scenarios now gain */
	w[1] = -0.2;
	w[2] = -0.05;
	arr = stress_run(&in, 0.10);
	s = scenario(arr, "Rate Shock 2022");
	check(json_is_null(json_object_get(s, "reverse_multiple")), "gaining scenario: no reverse multiple");
	check_str(json_string_value(json_object_get(s, "reverse_reason")), "scenario does not lose",
	    "and the reason");
	json_decref(arr);
	w[3] = -0.001, w[1] = 0, w[2] = 0, w[0] = 0, w[4] = 0;
	arr = stress_run(&in, 0.10);
	s = scenario(arr, "Taper Tantrum 2013");
	check(json_is_null(json_object_get(s, "reverse_multiple")), "tiny loss: 5x not enough, null");
	check(strstr(json_string_value(json_object_get(s, "reverse_reason")), "5x") != NULL,
	    "and the reason says 5x");
	json_decref(arr);
}

static void
limits(void)
{
	double v[LIM_COUNT], mu, lim[LIM_COUNT];
	json_t *alerts, *arr, *empty = json_object();
	int i, k, br;
	char msg[128];
	const double f[3] = { 0.999, 1.0, 1.001 };

	/* The table's defaults (docs/RISK.md "Limits"). */
	for (i = 0; i < LIM_COUNT; i++) {
		snprintf(msg, sizeof(msg), "risk.limits.%s", limit_names[i]);
		lim[i] = conf_num(empty, msg);
	}
	json_decref(empty);
	for (i = 0; i < LIM_COUNT; i++) {
		for (k = 0; k < 3; k++) {
			int j;

			for (j = 0; j < LIM_COUNT; j++)
				v[j] = NAN;
			v[i] = (i == LIM_VAR95 ? -1 : 1) * lim[i] * f[k];
			alerts = json_array();
			arr = limits_check(v, lim, alerts, &br, &mu);
			/* Breached only above the limit; the level counts loss limits only. */
			snprintf(msg, sizeof(msg), "%s at %.3f x limit: breached=%d", limit_names[i],
			    f[k], k == 2);
			check(br == (k == 2 && limit_carries_loss(i)) &&
			    json_is_true(json_object_get(json_array_get(arr, i), "breached")) ==
			    (k == 2), msg);
			snprintf(msg, sizeof(msg), "%s at %.3f x limit: utilisation", limit_names[i], f[k]);
			check_dbl(NUM(json_array_get(arr, i), "utilisation"), f[k], 1e-12, msg);
			check_int(json_array_size(alerts), k == 2, "one alert per breach");
			json_decref(alerts);
			json_decref(arr);
		}
	}
	for (i = 0; i < LIM_COUNT; i++)
		v[i] = NAN;
	v[LIM_LEVERAGE] = 3.2;
	alerts = json_array();
	arr = limits_check(v, lim, alerts, &br, &mu);
	check_str(json_string_value(json_array_get(alerts, 0)),
	    "Limit breached: max_leverage: value 3.2, limit 3, utilisation 106.7 %", "alert text");

	check(json_is_null(json_object_get(json_array_get(arr, 0), "value")) &&
	    json_is_false(json_object_get(json_array_get(arr, 0), "checked")),
	    "unknown value: null, not checked");
	json_decref(alerts);
	json_decref(arr);
	/* A notional cap breached alerts, but the level stays with the loss limits. */
	for (i = 0; i < LIM_COUNT; i++)
		v[i] = NAN;
	v[LIM_SINGLE] = 0.3;
	v[LIM_VAR95] = 0.01;
	alerts = json_array();
	arr = limits_check(v, lim, alerts, &br, &mu);
	check(json_array_size(alerts) == 1 && br == 0 && fabs(mu - 0.01 / 0.03) < 1e-15,
	    "single position 0.3 > 0.25: one alert, not a loss breach; utilisation of VaR only");
	json_decref(alerts);
	json_decref(arr);
	check_str(risk_level(1, 0.1, 0), "CRITICAL", "breach -> CRITICAL");
	check_str(risk_level(0, 0.81, 0), "HIGH", "utilisation 81% -> HIGH");
	check_str(risk_level(0, 0.8, 0), "LOW", "utilisation 80% -> LOW");
	check_str(risk_level(0, 0.1, 0.021), "HIGH", "drawdown 2.1% -> HIGH");
	check_str(risk_level(0, 0.1, 0.011), "MODERATE", "drawdown 1.1% -> MODERATE");
}

static void
drawdown(void)
{
	static const struct {
		double eq;
		const char *state;
		double scale;
	} path[] = {
		{ 1.00, "NORMAL", 1 }, { 0.97, "L1", 0.75 }, { 0.95, "L2", 0.5 },
		{ 0.919, "COOLDOWN", 0 }, { 0.975, "COOLDOWN", 0 }, { 0.98, "COOLDOWN", 0 },
		{ 0.98, "COOLDOWN", 0 }, { 0.98, "COOLDOWN", 0 }, { 0.98, "RECOVERING", 0 },
		{ 0.99, "RECOVERING", 0 }, { 0.99, "RECOVERING", 0.5 }, { 0.99, "NORMAL", 1 },
		{ 0.96, "L1", 0.75 }, { 0.98, "NORMAL", 1 }, { 0.96, "L1", 0.75 },
		{ 0.94, "L2", 0.5 }, { 0.97, "L1", 0.75 },
	};
	static const char *const seq[][3] = {
		{ "NORMAL", "L1", "reduce_25%" }, { "L1", "L2", "reduce_50%" },
		{ "L2", "L3", "close_all" }, { "L3", "COOLDOWN", "cooldown_start" },
		{ "COOLDOWN", "RECOVERING", "recovery_start" },
		{ "RECOVERING", "NORMAL", "full_recovery" },
	};
	struct drawdown d;
	json_t *ev;
	size_t i;
	char msg[96];

	dd_init(&d);
	for (i = 0; i < sizeof(path) / sizeof(path[0]); i++) {
		if (i == 12) {	/* the first full cycle is complete: check its events */
			for (size_t e = 0; e < 6; e++) {
				ev = json_array_get(d.events, e);
				snprintf(msg, sizeof(msg), "event %zu: %s -> %s (%s)", e, seq[e][0],
				    seq[e][1], seq[e][2]);
				check(ev && strcmp(json_string_value(json_object_get(ev, "from")), seq[e][0]) == 0 &&
				    strcmp(json_string_value(json_object_get(ev, "to")), seq[e][1]) == 0 &&
				    strcmp(json_string_value(json_object_get(ev, "action")), seq[e][2]) == 0, msg);
			}
		}
		dd_update(&d, path[i].eq, NULL);
		snprintf(msg, sizeof(msg), "update %zu (equity %.3f): %s, scale %.2f", i,
		    path[i].eq, path[i].state, path[i].scale);
		check(strcmp(dd_state_name(d.state), path[i].state) == 0 &&
		    fabs(d.scale - path[i].scale) < 1e-12, msg);
		if (strcmp(dd_state_name(d.state), path[i].state) != 0)
			printf("#   got %s\n", dd_state_name(d.state));
	}
	check_dbl(d.max_dd, 0.081, 1e-12, "max drawdown 8.1%");
	check_dbl(d.hwm, 0.99, 0, "HWM reset to equity at full recovery");
	json_decref(d.events);
}

/*
 * The breaker on a realised drawdown (docs/RISK.md): the entry thresholds 3, 5
 * and 8 % give L1 (scale .75), L2 (.5), L3 (0); no track record is NORMAL,
 * scale 1, with its reason and no alert.
 */
static void
breaker(void)
{
	static const struct {
		double dd;
		const char *state;
		double scale;
	} cases[] = {
		{ 0, "NORMAL", 1 }, { 0.0299, "NORMAL", 1 }, { 0.03, "L1", 0.75 },
		{ 0.0499, "L1", 0.75 }, { 0.05, "L2", 0.5 }, { 0.08, "L3", 0 }, { 0.5, "L3", 0 },
	};
	json_t *alerts = json_array(), *b;
	char msg[96];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		b = breaker_eval(cases[i].dd, alerts);
		snprintf(msg, sizeof(msg), "realised drawdown %.4f: %s, scale %.2f", cases[i].dd,
		    cases[i].state, cases[i].scale);
		check(strcmp(json_string_value(json_object_get(b, "state")), cases[i].state) == 0 &&
		    json_real_value(json_object_get(b, "scale")) == cases[i].scale &&
		    strcmp(json_string_value(json_object_get(b, "basis")), "realised") == 0, msg);
		json_decref(b);
	}
	check_int((long long)json_array_size(alerts), 5, "an alert for each state above NORMAL");
	check_str(json_string_value(json_array_get(alerts, 2)),
	    "Circuit breaker: L2 (realised drawdown 0.05)", "breaker alert text");
	json_array_clear(alerts);
	b = breaker_eval(NAN, alerts);
	check_str(json_string_value(json_object_get(b, "state")), "NORMAL", "no track record: NORMAL");
	check_str(json_string_value(json_object_get(b, "reason")), "no track record",
	    "no track record: the reason");
	check(json_is_null(json_object_get(b, "drawdown")), "no track record: drawdown null");
	check_int((long long)json_array_size(alerts), 0, "no track record: no alert");
	json_decref(b);
	json_decref(alerts);
}

/*
 * A correlation that is not positive definite (eigenvalues -0.8, 1.9, 1.9): the
 * floored, renormalised factor against numpy (np.linalg.eigh, maximum(ev, 1e-8),
 * V diag V', unit diagonal, np.linalg.cholesky), values pasted from that run.
 */
static void
copula(void)
{
	double cov[9] = { 1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1 }, pd[4] = { 4, 2, 2, 9 };
	double want[9] = { 9.9999999999999989e-01, 0, 0,
		4.9999999605263162e-01, 8.6602540606345280e-01, 0,
		4.9999999605263146e-01, -8.6602539238936793e-01, 1.5389674978222577e-04 };
	gsl_matrix *L = gsl_matrix_alloc(3, 3), *L2 = gsl_matrix_alloc(2, 2);
	int i;

	check_int(copula_factor(cov, 3, L), 1, "not PD: eigenvalue floor applied");
	for (i = 0; i < 9; i++)
		check_dbl(L->data[i], want[i], 1e-10, "floored factor matches numpy");
	check_int(copula_factor(pd, 2, L2), 0, "PD covariance: plain Cholesky");
	check_dbl(gsl_matrix_get(L2, 1, 0), 2 / sqrt(4 * 9.0), 1e-15, "factor of the correlation, not the covariance");
	check_dbl(gsl_matrix_get(L2, 0, 1), 0, 0, "upper triangle zeroed");
	gsl_matrix_free(L);
	gsl_matrix_free(L2);
}

int
main(void)
{
	gsl_set_error_handler_off();
	copula();
	quantiles();
	partial_sort();
	normal();
	stress();
	limits();
	drawdown();
	breaker();
	return test_done();
}
