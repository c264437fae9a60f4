/* Realised P&L and its attribution (docs/RISK.md "Realised P&L"). */
#include <math.h>
#include <stdlib.h>

#include "calendar.h"
#include "pnl.h"
#include "xalloc.h"

int
pnl_compute(const struct dataset *ds, const struct pnl_hold *h, size_t nh, day_t from,
    day_t to, struct pnl *o)
{
	day_t *cal, d;
	double *r;
	size_t n = 0, t, j;

	o->ndays = 0;
	o->days = NULL;
	o->daily = NULL;
	o->by_hold = xcalloc(nh ? nh : 1, sizeof(*o->by_hold));
	o->total = 0;
	o->missing = 0;
	if (to < from)
		return -1;
	if (to > ds->as_of)
		to = ds->as_of;
	cal = xcalloc((size_t)(to - from) + 2, sizeof(*cal));
	cal[0] = from;
	for (d = from + 1; d <= to; d++)
		if (cal_is_bday(CAL_DESK, d))
			cal[++n] = d;
	r = xcalloc(n + 1, sizeof(*r));
	o->ndays = n;
	o->days = xcalloc(n ? n : 1, sizeof(*o->days));
	o->daily = xcalloc(n ? n : 1, sizeof(*o->daily));
	for (t = 0; t < n; t++)
		o->days[t] = cal[t + 1];
	for (j = 0; j < nh; j++) {
		instrument_returns(ds, h[j].in, cal, n + 1, r);
		for (t = 0; t < n; t++) {
			if (!isfinite(r[t + 1])) {
				o->missing += h[j].w != 0;
				continue;
			}
			o->daily[t] += h[j].w * r[t + 1];
			o->by_hold[j] += h[j].w * r[t + 1];
		}
	}
	for (t = 0; t < n; t++)
		o->total += o->daily[t];
	free(cal);
	free(r);
	return 0;
}

void
pnl_release(struct pnl *p)
{
	free(p->days);
	free(p->daily);
	free(p->by_hold);
	p->days = NULL;
	p->daily = p->by_hold = NULL;
}

/* obj[key] += v */
static void
add_to(json_t *obj, const char *key, double v)
{
	json_t *old = json_object_get(obj, key);

	json_object_set_new(obj, key, json_real((old ? json_real_value(old) : 0) + v));
}

json_t *
pnl_json(const struct pnl *p, const struct pnl_hold *h, size_t nh, day_t from, double nav)
{
	json_t *days = json_array(), *ins = json_object(), *pkg = json_object();
	json_t *ac = json_object();
	char a[DATE_BUFSZ], b[DATE_BUFSZ];
	size_t t, j;

	for (t = 0; t < p->ndays; t++)
		json_array_append_new(days, json_pack("{s:s, s:f}", "date",
		    date_format(p->days[t], a), "pnl", p->daily[t]));
	for (j = 0; j < nh; j++) {
		add_to(ins, h[j].in->id, p->by_hold[j]);
		add_to(pkg, h[j].package ? h[j].package : "unattributed", p->by_hold[j]);
		add_to(ac, asset_class_name(h[j].in->asset_class), p->by_hold[j]);
	}
	return json_pack("{s:s, s:s, s:o, s:f, s:f, s:o, s:o, s:o, s:I}",
	    "from", date_format(from, a),
	    "to", p->ndays ? date_format(p->days[p->ndays - 1], b) : date_format(from, b),
	    "days", days, "total", p->total, "total_brl", p->total * nav,
	    "by_instrument", ins, "by_package", pkg, "by_asset_class", ac,
	    "missing_returns", (json_int_t)p->missing);
}
