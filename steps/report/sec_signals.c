/*
 * The view's sections of the report (docs/REPORT.md): each strategy's status
 * and reason, the agents' signals (so a flat book says why), and the regime.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "field.h"
#include "report.h"

#define G(o, k) json_object_get(o, k)

static void
diagnostics(struct rep *r, const json_t *st)
{
	static const char *const h[] = { "Strategy", "Status", "Direction", "Reason" };
	json_t *d = field_get(st, "strategies.diagnostics"), *x;
	const char *c[4];
	size_t i, active = 0;

	if (!json_is_array(d)) {
		r_para(r, "No strategies.diagnostics in the state.");
		return;
	}
	r_thead(r, h, 4);
	json_array_foreach(d, i, x) {
		c[0] = jstr_or(G(x, "strategy_id"), "?");
		c[1] = jstr_or(G(x, "status"), "?");
		c[2] = jstr_or(G(x, "direction"), "-");
		c[3] = jstr_or(G(x, "reason"), "");
		active += strcmp(c[1], "position") == 0;
		r_row(r, c, 4);
	}
	r_tend(r);
	if (active == 0)
		r_para(r, "The book is flat: none of the %zu strategies has a position "
		    "(reasons above).", json_array_size(d));
}

static void
signals(struct rep *r, const json_t *st)
{
	static const char *const h[] = { "Signal", "Agent", "Direction", "Strength",
		"Confidence", "Value", "Reason" };
	json_t *rep, *x;
	char a[32], b[32];
	const char *c[7];
	size_t i, j, n = 0;

	json_array_foreach(field_get(st, "agents.reports"), i, rep)
		n += json_array_size(G(rep, "signals"));
	r_h3(r, "Signals");
	if (n == 0) {
		r_para(r, "No signal in the state (agents.reports).");
		return;
	}
	r_thead(r, h, 7);
	json_array_foreach(field_get(st, "agents.reports"), i, rep)
		json_array_foreach(G(rep, "signals"), j, x) {
			c[0] = jstr_or(G(x, "signal_id"), "?");
			c[1] = jstr_or(G(x, "agent_id"), jstr_or(G(rep, "agent_id"), "?"));
			c[2] = jstr_or(G(x, "direction"), "?");
			c[3] = jstr_or(G(x, "strength"), "?");
			c[4] = fmt_num(a, sizeof(a), G(x, "confidence"), 2);
			c[5] = fmt_num(b, sizeof(b), G(x, "value"), 3);
			c[6] = jstr_or(G(G(x, "metadata"), "reason"), "");
			r_row(r, c, 7);
		}
	r_tend(r);
}

void
sec_strategies(struct rep *r, const json_t *st)
{
	r_h2(r, "Strategies and signals");
	diagnostics(r, st);
	signals(r, st);
}

/* "Goldilocks 0.10, Reflation 0.20, ...", or "" without probabilities. */
static const char *
probs(char *b, size_t sz, const json_t *p)
{
	const char *k;
	json_t *v;
	size_t n = 0;

	b[0] = '\0';
	json_object_foreach((json_t *)p, k, v)
		if (n + 1 < sz)
			n += (size_t)snprintf(b + n, sz - n, "%s%s %.2f", n ? ", " : "", k,
			    jnum_or(v, 0));
	return b;
}

void
sec_regime(struct rep *r, const json_t *st)
{
	static const char *const h[] = { "Source", "Label", "Score", "Detail" };
	json_t *ag = field_get(st, "agents.regime"), *hmm = G(ag, "hmm");
	json_t *agg = field_get(st, "aggregate.regime");
	char a[32], b[32], c[32], d[32], p1[256], p2[256], sc[64];
	const char *rows[4][4];

	rows[0][0] = "agents (cross-asset score)";
	rows[0][1] = jstr_or(G(ag, "label"), "n/a");
	rows[0][2] = fmt_num(a, sizeof(a), G(ag, "score"), 3);
	rows[0][3] = "";
	rows[1][0] = "agents HMM";
	rows[1][1] = jstr_or(G(hmm, "regime"), "n/a");
	rows[1][2] = "";
	rows[1][3] = probs(p1, sizeof(p1), G(hmm, "probabilities"));
	rows[2][0] = "aggregate";
	rows[2][1] = jstr_or(G(agg, "label"), "n/a");
	rows[2][2] = fmt_num(b, sizeof(b), G(agg, "score"), 3);
	rows[2][3] = probs(p2, sizeof(p2), G(agg, "probabilities"));
	snprintf(sc, sizeof(sc), "regime scale %s",
	    fmt_num(c, sizeof(c), field_get(st, "portfolio.regime_scale"), 2));
	rows[3][0] = "portfolio";
	rows[3][1] = jstr_or(field_get(st, "portfolio.regime"), "n/a");
	rows[3][2] = fmt_num(d, sizeof(d), field_get(st, "portfolio.regime_score"), 3);
	rows[3][3] = sc;
	r_h2(r, "Regime");
	r_thead(r, h, 4);
	r_row(r, rows[0], 4);
	r_row(r, rows[1], 4);
	r_row(r, rows[2], 4);
	r_row(r, rows[3], 4);
	r_tend(r);
}
