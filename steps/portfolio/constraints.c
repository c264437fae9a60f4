/*
 * The capital allocator's constraints, in the reference's order: single position,
 * asset class, gross leverage (docs/MODELS.md 6.2). Each is reported, binding
 * or not, with what it changed. A binding constraint brings the book to its limit less
 * config.portfolio.limit_buffer (1e-4 of NAV): step-risk counts a value at a limit as
 * a breach (utilisation >= 100 %), and the book the allocator builds must not breach.
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
single_position(struct book *b, double lim, double buffer)
{
	double cap = lim - buffer;
	char detail[512] = "";
	size_t i;
	int bind = 0;

	for (i = 0; i < n_instruments; i++) {
		double w = b->l[i].w;

		if (fabs(w) > cap + EPS) {
			b->l[i].w = copysign(cap, w);
			note(detail, sizeof detail, instruments[i].id, w, b->l[i].w);
			bind = 1;
		}
	}
	return report("max_single_position", lim, bind, bind ? detail : "no position above the limit");
}

static json_t *
asset_class(struct book *b, double lim, double buffer)
{
	double cap = lim - buffer;
	char detail[512] = "";
	size_t i;
	int ac, bind = 0;

	for (ac = 0; ac < AC_COUNT; ac++) {
		double g = 0;

		for (i = 0; i < n_instruments; i++)
			if ((int)instruments[i].asset_class == ac)
				g += fabs(b->l[i].w);
		if (g <= cap + EPS)
			continue;
		for (i = 0; i < n_instruments; i++)
			if ((int)instruments[i].asset_class == ac)
				b->l[i].w *= cap / g;
		note(detail, sizeof detail, asset_class_name((enum asset_class)ac), g, cap);
		bind = 1;
	}
	return report("max_asset_class_concentration", lim, bind,
	    bind ? detail : "no asset class above the limit");
}

static json_t *
gross_leverage(struct book *b, double lim, double buffer)
{
	char detail[128] = "";
	double g = 0, cap = lim - buffer;
	size_t i;

	for (i = 0; i < n_instruments; i++)
		g += fabs(b->l[i].w);
	if (g <= cap + EPS)
		return report("max_leverage", lim, 0, "gross leverage within the limit");
	for (i = 0; i < n_instruments; i++)
		b->l[i].w *= cap / g;
	note(detail, sizeof detail, "gross", g, cap);
	return report("max_leverage", lim, 1, detail);
}

json_t *
book_constrain(struct book *b, const struct pconf *pc)
{
	json_t *out = json_array();

	json_array_append_new(out, single_position(b, pc->max_single, pc->limit_buffer));
	json_array_append_new(out, asset_class(b, pc->max_class, pc->limit_buffer));
	json_array_append_new(out, gross_leverage(b, pc->max_leverage, pc->limit_buffer));
	return out;
}
