/* report.md: the run's figures as Markdown tables. */
#include <stdio.h>

#include <jansson.h>

#include "field.h"
#include "report.h"

#define G(o, k) json_object_get(o, k)

static void
md_summary(FILE *out, const json_t *s)
{
	char a[32], b[32], c[32];
	json_t *al = G(s, "risk_alerts"), *x;
	size_t i;

	fprintf(out, "## Summary\n\n| Signals | Positions | Leverage | VaR 95%% | CVaR 95%% | "
	    "Regime | Risk level |\n|---:|---:|---:|---:|---:|---|---|\n");
	fprintf(out, "| %lld | %lld | %sx | %s | %s | %s | %s |\n\n",
	    (long long)json_integer_value(G(s, "signal_count")),
	    (long long)json_integer_value(G(s, "position_count")),
	    fmt_num(a, sizeof(a), G(s, "leverage"), 2), fmt_pct(b, sizeof(b), G(s, "var_95"), 2),
	    fmt_pct(c, sizeof(c), G(s, "cvar_95"), 2), json_string_value(G(s, "regime")),
	    json_string_value(G(s, "risk_level")));
	fprintf(out, "Risk alerts:%s\n", json_array_size(al) ? "" : " None");
	json_array_foreach(al, i, x)
		fprintf(out, "- %s\n", json_string_value(x));
	fputc('\n', out);
}

static void
md_positions(FILE *out, const json_t *risk)
{
	json_t *d;
	size_t i;
	char a[32], b[32], c[32], e[32];

	fprintf(out, "## Positions and VaR contribution (parametric, 95%%)\n\n"
	    "| Instrument | Weight | Marginal VaR | Component VaR | Share |\n"
	    "|---|---:|---:|---:|---:|\n");
	json_array_foreach(G(risk, "decomposition"), i, d)
		fprintf(out, "| %s | %s | %s | %s | %s |\n", json_string_value(G(d, "instrument")),
		    fmt_pct(a, sizeof(a), G(d, "weight"), 2),
		    fmt_pct(b, sizeof(b), G(d, "marginal_var"), 3),
		    fmt_pct(c, sizeof(c), G(d, "component_var"), 3),
		    fmt_pct(e, sizeof(e), G(d, "pct"), 1));
	fputc('\n', out);
}

static void
md_var(FILE *out, const json_t *risk)
{
	static const char *const slots[] = { "historical", "parametric", "monte_carlo" };
	char a[32], b[32], c[32], d[32];
	json_t *v;
	size_t i;

	fprintf(out, "## Value at risk (1 day, fraction of NAV)\n\n| Slot | Method | VaR 95%% | "
	    "VaR 99%% | CVaR 95%% | CVaR 99%% | Obs. | Warning |\n"
	    "|---|---|---:|---:|---:|---:|---:|---|\n");
	for (i = 0; i < 3; i++) {
		v = G(G(risk, "var"), slots[i]);
		fprintf(out, "| %s | %s | %s | %s | %s | %s | %lld | %s |\n", slots[i],
		    json_string_value(G(v, "method")), fmt_pct(a, sizeof(a), G(v, "var_95"), 2),
		    fmt_pct(b, sizeof(b), G(v, "var_99"), 2), fmt_pct(c, sizeof(c), G(v, "cvar_95"), 2),
		    fmt_pct(d, sizeof(d), G(v, "cvar_99"), 2),
		    (long long)json_integer_value(G(v, "n_observations")),
		    json_is_string(G(v, "warning")) ? json_string_value(G(v, "warning")) : "");
	}
	fputc('\n', out);
}

static void
md_stress(FILE *out, const json_t *risk, const json_t *state)
{
	char a[32], b[32], c[32], h[48];
	json_t *s;
	size_t i;

	fprintf(out, "## Stress tests\n\n| Scenario | P&L | Worst position | Its P&L | "
	    "%s |\n|---|---:|---|---:|---:|\n", fmt_reverse_header(h, sizeof(h), state));
	json_array_foreach(G(risk, "stress"), i, s)
		fprintf(out, "| %s | %s | %s | %s | %s |\n", json_string_value(G(s, "scenario")),
		    fmt_pct(a, sizeof(a), G(s, "pnl_pct"), 2),
		    json_is_string(G(s, "worst_position")) ?
		    json_string_value(G(s, "worst_position")) : "-",
		    fmt_pct(b, sizeof(b), G(s, "worst_position_pnl"), 2),
		    json_is_number(G(s, "reverse_multiple")) ?
		    fmt_num(c, sizeof(c), G(s, "reverse_multiple"), 2) :
		    json_string_value(G(s, "reverse_reason")));
	fputc('\n', out);
}

static void
md_limits(FILE *out, const json_t *risk)
{
	char a[32], b[32], c[32];
	json_t *l, *dd = G(risk, "drawdown"), *cb = G(risk, "circuit_breaker");
	size_t i;

	fprintf(out, "## Limits\n\n| Limit | Value | Limit | Utilisation | Status |\n"
	    "|---|---:|---:|---:|---|\n");
	json_array_foreach(G(risk, "limits"), i, l)
		fprintf(out, "| %s | %s | %s | %s | %s |\n", json_string_value(G(l, "name")),
		    fmt_num(a, sizeof(a), G(l, "value"), 4), fmt_num(b, sizeof(b), G(l, "limit"), 4),
		    fmt_pct(c, sizeof(c), G(l, "utilisation"), 1),
		    !json_is_true(G(l, "checked")) ? "not checked" :
		    json_is_true(G(l, "breached")) ? "BREACHED" : "ok");
	fprintf(out, "\n## Drawdown\n\nCircuit breaker %s (%s), realised drawdown %s, scale %s.\n",
	    json_is_string(G(cb, "state")) ? json_string_value(G(cb, "state")) : "n/a",
	    json_is_string(G(cb, "reason")) ? json_string_value(G(cb, "reason")) : "n/a",
	    fmt_pct(a, sizeof(a), G(cb, "drawdown"), 2), fmt_num(c, sizeof(c), G(cb, "scale"), 2));
	fprintf(out, "\nHypothetical back-cast of today's weights (not a track record): "
	    "current %s, maximum %s.\n", fmt_pct(a, sizeof(a), G(dd, "current"), 2),
	    fmt_pct(b, sizeof(b), G(dd, "max"), 2));
}

int
report_markdown(FILE *out, const json_t *state)
{
	json_t *risk = field_get(state, "risk");

	fprintf(out, "# Daily report %s\n\n", field_str(state, "as_of"));
	if (json_is_string(field_get(state, "run_id")))
		fprintf(out, "Run `%s`%s.\n\n", field_str(state, "run_id"),
		    json_is_true(field_get(state, "dry_run")) ? " (dry run)" : "");
	md_summary(out, field_get(state, "report.summary"));
	md_positions(out, risk);
	md_var(out, risk);
	md_stress(out, risk, state);
	md_limits(out, risk);
	return ferror(out) ? -1 : 0;
}
