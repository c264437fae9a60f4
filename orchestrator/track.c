/* The track_record row of a run, from its final state (docs/ORCHESTRATOR.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "die.h"
#include "field.h"
#include "run.h"
#include "state.h"
#include "track.h"

/* A number at path as shortest round-trip text, or NULL. */
static char *
num(const json_t *st, const char *path)
{
	const json_t *j = field_get(st, path);

	return json_is_number(j) ? xasprintf("%.17g", json_number_value(j)) : NULL;
}

/* An object at path as JSON text, or NULL. */
static char *
obj(const json_t *st, const char *path)
{
	const json_t *j = field_get(st, path);
	char *s;

	if (!json_is_object(j))
		return NULL;
	if ((s = state_dumps(j)) == NULL)
		die(1, "cannot encode the track record row");
	return s;
}

/* A boolean of today's history row as "true"/"false", or NULL. */
static char *
flag(const json_t *today, const char *key)
{
	const json_t *j = json_object_get(today, key);

	return json_is_boolean(j) ? xasprintf("%s", json_is_true(j) ? "true" : "false") :
	    NULL;
}

int
track_row_init(struct track_row *t, const struct run *r)
{
	const json_t *st = r->final, *tr = field_get(st, "risk.track_record"), *h, *today;

	memset(t, 0, sizeof(*t));
	if (r->failed >= 0 || r->dry_run || !json_is_true(json_object_get(tr, "available")))
		return -1;
	h = json_object_get(tr, "history");
	today = json_array_get(h, json_array_size(h) - 1);
	t->v[0] = xasprintf("%s", r->as_of);
	t->v[1] = xasprintf("%s", r->run_id);
	t->v[2] = num(st, "risk.track_record.nav_index");
	t->v[3] = num(st, "risk.track_record.pnl_day");
	t->v[4] = num(st, "portfolio.pnl.total_brl");
	t->v[5] = obj(st, "portfolio.pnl.by_package");
	t->v[6] = obj(st, "portfolio.pnl.by_asset_class");
	t->v[7] = num(st, "portfolio.gross_leverage");
	t->v[8] = num(st, "portfolio.totals.dv01_brl");
	t->v[9] = json_is_number(json_object_get(today, "var95")) ?
	    xasprintf("%.17g", json_number_value(json_object_get(today, "var95"))) : NULL;
	t->v[10] = json_is_number(json_object_get(today, "var99")) ?
	    xasprintf("%.17g", json_number_value(json_object_get(today, "var99"))) : NULL;
	t->v[11] = flag(today, "exception95");
	t->v[12] = flag(today, "exception99");
	t->v[13] = num(st, "risk.var.historical.var_95");
	t->v[14] = num(st, "risk.var.historical.var_99");
	return 0;
}

void
track_row_release(struct track_row *t)
{
	int i;

	for (i = 0; i < TRACK_NPARAM; i++)
		free(t->v[i]);
	memset(t, 0, sizeof(*t));
}
