/*
 * The nine limits of docs/MODELS.md 7.3: utilisation = |value|/|limit|,
 * breached when |value| >= |limit| (inclusive). A limit whose value cannot be
 * computed is reported with value null and not checked. The overall level
 * (7.5): CRITICAL on any breach, HIGH when a utilisation exceeds 80 % or the
 * drawdown 2 %, MODERATE when the drawdown exceeds 1 %, else LOW.
 */
#include <math.h>
#include <stdio.h>

#include <jansson.h>

#include "risk.h"
#include "state.h"

json_t *
limits_check(const double value[LIM_COUNT], const double limit[LIM_COUNT], json_t *alerts,
    int *breached, double *max_util)
{
	json_t *arr = json_array();
	char buf[160];
	double u;
	int i, b;

	*breached = 0;
	*max_util = 0;
	for (i = 0; i < LIM_COUNT; i++) {
		if (!isfinite(value[i])) {
			json_array_append_new(arr, json_pack("{s:s,s:n,s:o,s:n,s:b,s:b}",
			    "name", limit_names[i], "value", "limit", jnum(limit[i]),
			    "utilisation", "breached", 0, "checked", 0));
			continue;
		}
		u = fabs(value[i]) / fabs(limit[i]);
		b = fabs(value[i]) >= fabs(limit[i]);
		*breached |= b;
		*max_util = fmax(*max_util, u);
		json_array_append_new(arr, json_pack("{s:s,s:o,s:o,s:o,s:b,s:b}",
		    "name", limit_names[i], "value", jnum(value[i]), "limit", jnum(limit[i]),
		    "utilisation", jnum(u), "breached", b, "checked", 1));
		if (b && alerts != NULL) {
			snprintf(buf, sizeof(buf), "Limit breached: %s (%.4g vs %.4g)",
			    limit_names[i], fabs(value[i]), fabs(limit[i]));
			json_array_append_new(alerts, json_string(buf));
		}
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
