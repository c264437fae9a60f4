/*
 * The limits (docs/RISK.md "Limits"): utilisation = |value|/|limit|, breached
 * only when |value| is above |limit| by more than LIMIT_TOL relative (a book the
 * allocator brought to a cap sits at it, not over it). A limit whose value cannot
 * be computed is reported with value null and not checked. The risk level follows
 * the limits that carry loss (VaR, drawdown, leverage, daily losses): CRITICAL on
 * a breach of one, HIGH when one is above 80 % or the drawdown above 2 %,
 * MODERATE when the drawdown is above 1 %, else LOW. Notional caps and the risk
 * budget alert when breached but do not set the level.
 */
#include <math.h>
#include <stdio.h>

#include <jansson.h>

#include "risk.h"
#include "state.h"

#define LIMIT_TOL 1e-9

int
limit_carries_loss(int i)
{
	return i == LIM_VAR95 || i == LIM_VAR99 || i == LIM_DRAWDOWN || i == LIM_LEVERAGE ||
	    i == LIM_STRATEGY_LOSS || i == LIM_CLASS_LOSS;
}

static void
alert(json_t *alerts, int i, double value, double limit, double u)
{
	char buf[200];

	snprintf(buf, sizeof(buf), "Limit breached: %s: value %.4g, limit %.4g, "
	    "utilisation %.1f %%", limit_names[i], fabs(value), fabs(limit), 100 * u);
	json_array_append_new(alerts, json_string(buf));
}

json_t *
limits_check(const double value[LIM_COUNT], const double limit[LIM_COUNT], json_t *alerts,
    int *breached, double *max_util)
{
	json_t *arr = json_array();
	double u;
	int i, b;

	*breached = 0;
	*max_util = 0;
	for (i = 0; i < LIM_COUNT; i++) {
		if (!isfinite(value[i])) {
			json_array_append_new(arr, json_pack("{s:s,s:n,s:o,s:n,s:b,s:b,s:b}",
			    "name", limit_names[i], "value", "limit", jnum(limit[i]),
			    "utilisation", "breached", 0, "checked", 0, "carries_loss",
			    limit_carries_loss(i)));
			continue;
		}
		u = fabs(value[i]) / fabs(limit[i]);
		b = fabs(value[i]) > fabs(limit[i]) * (1 + LIMIT_TOL);
		if (limit_carries_loss(i)) {
			*breached |= b;
			*max_util = fmax(*max_util, u);
		}
		json_array_append_new(arr, json_pack("{s:s,s:o,s:o,s:o,s:b,s:b,s:b}",
		    "name", limit_names[i], "value", jnum(value[i]), "limit", jnum(limit[i]),
		    "utilisation", jnum(u), "breached", b, "checked", 1, "carries_loss",
		    limit_carries_loss(i)));
		if (b && alerts != NULL)
			alert(alerts, i, value[i], limit[i], u);
	}
	return arr;
}

const char *
risk_level(int breached, double max_util, double dd)
{
	if (breached)
		return "CRITICAL";
	if (max_util > 0.8 || dd > 0.02)
		return "HIGH";
	if (dd > 0.01)
		return "MODERATE";
	return "LOW";
}
