/*
 * The capital allocator's constraints, in the reference's order: single position,
 * asset class, gross leverage (REFERENCE_SPEC.md 6.2). Each is reported, binding
 * or not, with what it changed.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "portfolio.h"
#include "state.h"

#define EPS 1e-12

static json_t *
report(const char *name, double limit, int binding, const char *detail)
{
	return json_pack("{s:s,s:o,s:b,s:s}", "name", name, "limit", jnum(limit), "binding",
	    binding, "detail", detail);
}

/* Append "fmt" to buf (size sz), separated by ", ". */
static void
note(char *buf, size_t sz, const char *what, double from, double to)
{
	size_t len = strlen(buf);

	snprintf(buf + len, sz - len, "%s%s %.4f -> %.4f", len ? ", " : "", what, from, to);
}

static json_t *
single_position(struct book *b, double lim)
{
	char detail[512] = "";
	size_t i;
	int bind = 0;

	for (i = 0; i < n_instruments; i++) {
		double w = b->l[i].w;

		if (fabs(w) > lim + EPS) {
			b->l[i].w = copysign(lim, w);
			note(detail, sizeof detail, instruments[i].id, w, b->l[i].w);
			bind = 1;
		}
	}
	return report("max_single_position", lim, bind, bind ? detail : "no position above the limit");
}

static json_t *
asset_class(struct book *b, double lim)
{
	char detail[512] = "";
	size_t i;
	int ac, bind = 0;

	for (ac = 0; ac < AC_COUNT; ac++) {
		double g = 0;

		for (i = 0; i < n_instruments; i++)
			if ((int)instruments[i].asset_class == ac)
				g += fabs(b->l[i].w);
		if (g <= lim + EPS)
			continue;
		for (i = 0; i < n_instruments; i++)
			if ((int)instruments[i].asset_class == ac)
				b->l[i].w *= lim / g;
		note(detail, sizeof detail, asset_class_name((enum asset_class)ac), g, lim);
		bind = 1;
	}
	return report("max_asset_class_concentration", lim, bind,
	    bind ? detail : "no asset class above the limit");
}

static json_t *
gross_leverage(struct book *b, double lim)
{
	char detail[128] = "";
	double g = 0;
	size_t i;

	for (i = 0; i < n_instruments; i++)
		g += fabs(b->l[i].w);
	if (g <= lim + EPS)
		return report("max_leverage", lim, 0, "gross leverage within the limit");
	for (i = 0; i < n_instruments; i++)
		b->l[i].w *= lim / g;
	note(detail, sizeof detail, "gross", g, lim);
	return report("max_leverage", lim, 1, detail);
}

json_t *
book_constrain(struct book *b, const struct pconf *pc)
{
	json_t *out = json_array();

	json_array_append_new(out, single_position(b, pc->max_single));
	json_array_append_new(out, asset_class(b, pc->max_class));
	json_array_append_new(out, gross_leverage(b, pc->max_leverage));
	return out;
}
