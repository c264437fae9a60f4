/*
 * FX_BR_BEER: OLS of month-end log USDBRL on the terms of trade (commodity basket,
 * 12-month % change) and the real rate differential (DI 5Y - Focus) - (UST 5Y -
 * US 5Y breakeven); misalignment = actual / exp(fitted) - 1 at the last month.
 */
#include <math.h>
#include <stdlib.h>

#include "agents.h"
#include "ols.h"
#include "state.h"

#define NM 180
#define NP 2
/* The misalignment is today's only while its month is this recent (IRON_ORE lags 2). */
#define MAXLAG_MONTHS 3

static void
beer_meta(struct signal *s, const struct ols *o, const int *use, size_t rows)
{
	static const char *const name[NP] = {"terms_of_trade_yoy", "real_rate_diff"};
	json_t *b = json_object(), *se = json_object();
	size_t j, k = 1;

	json_object_set_new(b, "const", jnum_round(o->beta[0], 6));
	json_object_set_new(se, "const", jnum_round(o->se[0], 6));
	for (j = 0; j < NP; j++)
		if (use[j]) {
			json_object_set_new(b, name[j], jnum_round(o->beta[k], 6));
			json_object_set_new(se, name[j], jnum_round(o->se[k++], 6));
		}
	json_object_set_new(s->meta, "coefficients", b);
	json_object_set_new(s->meta, "std_errors", se);
	meta_num(s, "r2", o->r2);
	json_object_set_new(s->meta, "observations", json_integer((json_int_t)rows));
}

void
fx_beer(const struct actx *c, const double *tot, struct signal *s)
{
	double px[NM], a[NM], b[NM], e[NM], f[NM], rrd[NM], X[NM * (NP + 1)], y[NM];
	const double *pred[NP] = {tot, rrd};
	size_t t, j, k, n = 0, cnt[NP] = {0}, npred = 0, tlast = 0;
	int use[NP];
	struct ols o;
	double fit, mis;

	in_monthly(c, "USDBRL", NM, px);
	in_monthly(c, "BR_DI_5Y", NM, a);
	in_monthly(c, "BR_FOCUS_IPCA_12M", NM, b);
	in_monthly(c, "US_UST_5Y", NM, e);
	in_monthly(c, "US_BREAKEVEN_5Y", NM, f);
	for (t = 0; t < NM; t++) {
		rrd[t] = (a[t] - b[t]) - (e[t] - f[t]);
		px[t] = px[t] > 0 ? log(px[t]) : NAN;
		for (j = 0; j < NP; j++)
			cnt[j] += !isnan(px[t]) && !isnan(pred[j][t]);
	}
	for (j = 0; j < NP; j++)
		npred += (size_t)(use[j] = cnt[j] >= 24);
	json_object_set_new(s->meta, "predictors", json_integer((json_int_t)npred));
	if (npred < 2) {
		sig_none(s, "fewer than 2 BEER predictors with 24 months");
		return;
	}
	k = npred + 1;
	for (t = 0; t < NM; t++) {
		size_t kk = 1;

		if (isnan(px[t]))
			continue;
		for (j = 0; j < NP; j++)
			if (use[j] && isnan(pred[j][t]))
				break;
		if (j < NP)
			continue;
		X[n * k] = 1;
		for (j = 0; j < NP; j++)
			if (use[j])
				X[n * k + kk++] = pred[j][t];
		y[n++] = px[t];
		tlast = t;
	}
	if (n < 24 || ols_fit(&o, X, y, n, k) != 0) {
		sig_none(s, "BEER regression: %zu complete months or not solvable", n);
		return;
	}
	beer_meta(s, &o, use, n);
	{
		long am = month_of(c->as_of) - (long)(NM - 1 - tlast);
		char buf[DATE_BUFSZ];

		meta_str(s, "month", date_format(date_from_ymd((int)(am / 12),
		    (int)(am % 12) + 1, 1), buf));
	}
	if (NM - 1 - tlast > MAXLAG_MONTHS) {
		ols_release(&o);
		sig_none(s, "last complete BEER month is %zu months before as_of's "
		    "(%d at most)", NM - 1 - tlast, MAXLAG_MONTHS);
		return;
	}
	fit = ols_predict(&o, X + (n - 1) * k);
	mis = (exp(y[n - 1]) / exp(fit) - 1) * 100;
	meta_num(s, "actual", exp(y[n - 1]));
	meta_num(s, "fair_value", exp(fit));
	meta_num(s, "misalignment_pct", mis);
	sig_set(s, mis > 5 ? LONG_ : mis < -5 ? SHORT_ : NEUTRAL_, fmin(1, fabs(mis) / 15),
	    mis);
	ols_release(&o);
}
