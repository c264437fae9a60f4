/*
 * The drawdown circuit breaker of docs/MODELS.md 7.4 (docs/RISK.md). The
 * replay over the equity curve of today's weights on the window's returns
 * (equity 1 before the first return, times 1 + r each day) is a hypothetical
 * back-cast, reported as such; the breaker itself reads the book's realised
 * drawdown (breaker_track along the track record, breaker_eval on a single
 * override figure). dd = (HWM - equity)/HWM, HWM the first equity
 * raised on new highs. Thresholds: L1 3 % (scale .75), L2 5 % (.50), L3 8 %
 * (close all, then a 5-update cooldown), de-escalation L1 -> NORMAL below 1.5 %,
 * L2 -> L1 below 3 %, recovery below 3 % over 3 updates with a linear scale.
 */
#include <math.h>
#include <stdio.h>

#include <jansson.h>

#include "risk.h"
#include "state.h"

#define L1 0.03
#define L2 0.05
#define L3 0.08
#define COOLDOWN 5
#define RECOVERY_DAYS 3
#define RECOVERY_DD 0.03
#define MAX_EVENTS 10

static const char *const names[] = {
	"NORMAL", "L1", "L2", "L3", "COOLDOWN", "RECOVERING"
};

const char *
dd_state_name(enum dd_state s)
{
	return names[s];
}

void
dd_init(struct drawdown *d)
{
	d->state = DD_NORMAL;
	d->hwm = d->dd = d->max_dd = 0;
	d->scale = 1;
	d->cooldown = d->recovery_day = d->started = 0;
	d->nevents = 0;
	d->events = json_array();
}

static void
go(struct drawdown *d, enum dd_state to, const char *action, const char *label)
{
	json_array_append_new(d->events, json_pack("{s:o,s:s,s:s,s:o,s:s}",
	    "date", label ? json_string(label) : json_null(), "from", names[d->state],
	    "to", names[to], "drawdown", jnum(d->dd), "action", action));
	if (json_array_size(d->events) > MAX_EVENTS)
		json_array_remove(d->events, 0);
	d->nevents++;
	d->state = to;
}

static double
scale_of(const struct drawdown *d)
{
	switch (d->state) {
	case DD_NORMAL:
		return 1;
	case DD_L1:
		return 0.75;
	case DD_L2:
		return 0.5;
	case DD_RECOVERING:
		return fmax(0, (d->recovery_day - 1.0) / (RECOVERY_DAYS - 1));
	default:
		return 0;
	}
}

void
dd_update(struct drawdown *d, double eq, const char *label)
{
	if (!d->started || eq > d->hwm)
		d->hwm = eq;
	d->started = 1;
	d->dd = d->hwm > 0 ? (d->hwm - eq) / d->hwm : 0;
	d->max_dd = fmax(d->max_dd, d->dd);
	switch (d->state) {
	case DD_NORMAL:
		if (d->dd >= L1)
			go(d, DD_L1, "reduce_25%", label);
		break;
	case DD_L1:
		if (d->dd >= L2)
			go(d, DD_L2, "reduce_50%", label);
		else if (d->dd < L1 / 2)
			go(d, DD_NORMAL, "recovery_to_normal", label);
		break;
	case DD_L2:
		if (d->dd >= L3) {
			go(d, DD_L3, "close_all", label);
			go(d, DD_COOLDOWN, "cooldown_start", label);
			d->cooldown = COOLDOWN;
		} else if (d->dd < L1) {
			go(d, DD_L1, "de_escalation_to_l1", label);
		}
		break;
	case DD_L3:
	case DD_COOLDOWN:
		if (--d->cooldown <= 0 && d->dd < RECOVERY_DD) {
			go(d, DD_RECOVERING, "recovery_start", label);
			d->recovery_day = 0;
		}
		break;
	case DD_RECOVERING:
		if (++d->recovery_day >= RECOVERY_DAYS) {
			go(d, DD_NORMAL, "full_recovery", label);
			d->hwm = eq;
			d->dd = 0;
		}
		break;
	}
	d->scale = scale_of(d);
}

json_t *
drawdown_replay(const struct risk_input *in)
{
	struct drawdown d;
	double eq = 1;
	char buf[DATE_BUFSZ];
	size_t t;

	dd_init(&d);
	dd_update(&d, eq, NULL);
	for (t = 0; t < in->n; t++) {
		eq *= 1 + in->port[t];
		dd_update(&d, eq, in->cal ? date_format(in->cal[t], buf) : NULL);
	}
	return json_pack("{s:s,s:o,s:o,s:s,s:o,s:o,s:I,s:o}", "basis", "hypothetical_backcast",
	    "current", jnum(d.dd), "max", jnum(d.max_dd), "state", names[d.state],
	    "scale", jnum(d.scale), "equity", jnum(eq), "events_total", (json_int_t)d.nevents,
	    "events", d.events);
}

enum dd_state
dd_static_state(double dd)
{
	if (dd >= L3)
		return DD_L3;
	if (dd >= L2)
		return DD_L2;
	if (dd >= L1)
		return DD_L1;
	return DD_NORMAL;
}

double
dd_state_scale(enum dd_state s)
{
	struct drawdown d = { .state = s, .recovery_day = 0 };

	return scale_of(&d);
}

/*
 * One realised figure has no path, so the breaker maps it through the entry
 * thresholds (3 / 5 / 8 %); the hysteresis, cooldown and recovery of dd_update
 * need the realised track record (docs/RISK.md).
 */
json_t *
breaker_eval(double realised, json_t *alerts)
{
	enum dd_state s;
	char buf[128];

	if (!isfinite(realised))
		return json_pack("{s:s,s:n,s:s,s:o,s:s}", "basis", "none", "drawdown",
		    "state", names[DD_NORMAL], "scale", jnum(1), "reason", "no track record");
	s = dd_static_state(realised);
	if (s != DD_NORMAL && alerts != NULL) {
		snprintf(buf, sizeof(buf), "Circuit breaker: %s (realised drawdown %.4g)",
		    names[s], realised);
		json_array_append_new(alerts, json_string(buf));
	}
	return json_pack("{s:s,s:o,s:s,s:o,s:s}", "basis", "realised", "drawdown",
	    jnum(realised), "state", names[s], "scale", jnum(dd_state_scale(s)), "reason",
	    "config.risk.realised_drawdown");
}

/*
 * The breaker along the realised NAV index (docs/RISK.md "Track record"): the
 * state machine of dd_update from index 1 before the first row, one update per
 * recorded day, so the hysteresis, cooldown and recovery apply.
 */
json_t *
breaker_track(const struct track *t, json_t *alerts)
{
	struct drawdown d;
	char buf[128], day[DATE_BUFSZ];
	size_t i;

	dd_init(&d);
	dd_update(&d, 1, NULL);
	for (i = 0; i < t->n; i++)
		dd_update(&d, t->nav[i], date_format(t->date[i], day));
	if (d.state != DD_NORMAL && alerts != NULL) {
		snprintf(buf, sizeof(buf), "Circuit breaker: %s (realised drawdown %.4g)",
		    names[d.state], t->drawdown);
		json_array_append_new(alerts, json_string(buf));
	}
	return json_pack("{s:s,s:o,s:s,s:o,s:s,s:I,s:o}", "basis", "realised", "drawdown",
	    jnum(t->drawdown), "state", names[d.state], "scale", jnum(d.scale), "reason",
	    "risk.track_record", "events_total", (json_int_t)d.nevents, "events", d.events);
}
