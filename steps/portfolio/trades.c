/*
 * Trades against the previous weights: config.previous_weights (source
 * "config"), else the portfolio.weights of the state file named by
 * config.previous_portfolio_file (source "run"; read-only, ignored with a warning
 * when unreadable), else none. If previous weights exist (a non-empty object) and
 * no weight moves by more than drift_threshold, the previous weights stay the
 * target and nothing trades; otherwise every move of at least min_trade is a trade.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "portfolio.h"
#include "state.h"

#define MAXPREV 200	/* previous weights accepted; the union with targets fits KEYS */
#define KEYS (MAXPREV + MAXINS)

/* New reference or NULL: the previous weights, validated. */
static json_t *
previous(const json_t *state, const char **source)
{
	const json_t *pw = conf_value(state, "previous_weights"), *v;
	const char *file = conf_str(state, "previous_portfolio_file"), *k;
	char err[512];
	json_t *doc, *w = NULL;

	*source = "none";
	if (pw != NULL) {
		if (json_object_size(pw) > MAXPREV)
			die(EXIT_CONFIG, "config.previous_weights: %zu entries, at most %d",
			    json_object_size(pw), MAXPREV);
		json_object_foreach((json_t *)pw, k, v)
			if (!json_is_number(v))	/* checked by conf_check unless a test calls in */
				die(EXIT_CONFIG, "config.previous_weights.%s: expected a "
				    "number", k);
		*source = "config";
		return json_deep_copy(pw);
	}
	if (file == NULL)
		return NULL;
	/* A regular file only, bounded, its content never quoted (docs/STATE.md). */
	if ((doc = state_load_file(file, err, sizeof err)) == NULL)
		warn("ignoring previous portfolio %s", err);	/* 'file': why */
	if (doc != NULL && json_is_object(w = field_get(doc, "portfolio.weights")) &&
	    json_object_size(w) <= MAXPREV) {
		json_object_foreach(w, k, v)
			if (!json_is_number(v))
				w = NULL;
	} else
		w = NULL;
	if (doc != NULL && w == NULL)
		warn("ignoring previous portfolio '%s': no numeric 'portfolio.weights'", file);
	if (w != NULL) {
		*source = "run";
		w = json_deep_copy(w);
	}
	json_decref(doc);
	return w;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted union of the keys of a and b into keys (cap entries); returns the count. */
static size_t
union_keys(const json_t *a, const json_t *b, const char **keys, size_t cap)
{
	const char *k;
	const json_t *v;
	size_t n = 0;

	json_object_foreach((json_t *)a, k, v)
		if (n < cap)
			keys[n++] = k;
	json_object_foreach((json_t *)b, k, v)
		if (n < cap && json_object_get(a, k) == NULL)
			keys[n++] = k;
	qsort(keys, n, sizeof *keys, cmpstr);
	return n;
}

static double
wget(const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);

	return v ? json_number_value(v) : 0;
}

json_t *
book_trades(struct book *b, const json_t *state, const struct pconf *pc,
    const char **source, int *rebalance, json_t **weights)
{
	json_t *prev = previous(state, source), *target = json_object(), *trades = json_array();
	const char *keys[KEYS];
	double drift = 0, d;
	size_t i, n;

	for (i = 0; i < n_instruments; i++)
		if (b->l[i].active && b->l[i].w != 0)
			json_object_set_new(target, instruments[i].id, jnum(b->l[i].w));
	n = union_keys(target, prev ? prev : target, keys, KEYS);
	for (i = 0; i < n; i++)
		drift = fmax(drift, fabs(wget(target, keys[i]) - (prev ? wget(prev, keys[i]) : 0)));
	/* An empty previous book holds nothing to keep (the reference tests it as false). */
	if (prev != NULL && json_object_size(prev) > 0 &&
	    round_to(drift, 12) <= pc->drift_threshold) {
		*rebalance = 0;
		*weights = prev;
		json_decref(target);
		return trades;
	}
	for (i = 0; i < n; i++) {
		double from = prev ? wget(prev, keys[i]) : 0, to = wget(target, keys[i]);

		if (fabs(round_to(d = to - from, 12)) >= pc->min_trade)
			json_array_append_new(trades, json_pack("{s:s,s:o,s:o,s:o}", "instrument",
			    keys[i], "from", jnum(from), "to", jnum(to), "delta", jnum(d)));
	}
	*rebalance = json_array_size(trades) > 0;
	*weights = target;
	json_decref(prev);
	return trades;
}
