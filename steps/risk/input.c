/*
 * step-risk input: portfolio.weights and the held instruments' return history,
 * from the state's ingest series (instrument_matrix) or from
 * config.risk.returns_matrix (what-if runs and benchmarks).
 *
 * NaN policy (docs/RELIABILITY.md R50): a row in which any held instrument has no finite
 * return is dropped (counted in risk.dropped_rows); instruments without data are
 * left out of the measured set and named in risk.notes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dataset.h"
#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "instrument.h"
#include "risk.h"
#include "xalloc.h"

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Held positions (non-zero weights, sorted by id) and the gross exposures. */
static void
load_weights(const json_t *state, struct risk_input *in)
{
	json_t *wj = field_obj(state, "portfolio.weights"), *v;
	const char *key, **keys = xcalloc(json_object_size(wj) + 1, sizeof(*keys));
	const struct instrument *ins;
	size_t n = 0, i;
	double w;

	json_object_foreach(wj, key, v) {
		if (!json_is_number(v))
			die(EXIT_DATAERR, "field 'portfolio.weights.%s' is not a number", key);
		keys[n++] = key;
	}
	qsort(keys, n, sizeof(*keys), cmpstr);
	in->id = xcalloc(n + 1, sizeof(*in->id));
	in->w = xcalloc(n + 1, sizeof(*in->w));
	in->ins = xcalloc(n + 1, sizeof(*in->ins));
	for (i = 0; i < n; i++) {
		w = json_number_value(json_object_get(wj, keys[i]));
		ins = instrument_find(keys[i]);
		in->gross += fabs(w);
		in->single = fmax(in->single, fabs(w));
		in->class_gross[ins ? (int)ins->asset_class : AC_COUNT] += fabs(w);
		if (w == 0)
			continue;
		in->id[in->k] = xstrdup(keys[i]);
		in->ins[in->k] = ins;
		in->w[in->k++] = w;
	}
	free(keys);
}

/* Drop held instrument j (no data): its weight stays in the gross figures. */
static void
drop_held(struct risk_input *in, size_t j)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "instrument '%s' has no return history: left out of VaR",
	    in->id[j]);
	json_array_append_new(in->notes, json_string(buf));
	free(in->id[j]);
	memmove(in->id + j, in->id + j + 1, (in->k - j - 1) * sizeof(*in->id));
	memmove(in->w + j, in->w + j + 1, (in->k - j - 1) * sizeof(*in->w));
	memmove(in->ins + j, in->ins + j + 1, (in->k - j - 1) * sizeof(*in->ins));
	in->k--;
}

/* One finite number from a matrix cell; null (or a missing value) gives NAN. */
static double
cell(const json_t *row, size_t c, size_t r)
{
	json_t *v = json_array_get(row, c);

	if (v == NULL || json_is_null(v))
		return NAN;
	if (!json_is_number(v))
		die(EXIT_CONFIG, "config.risk.returns_matrix.values[%zu][%zu]: expected a number",
		    r, c);
	return json_number_value(v);
}

/* Column of each held instrument in the matrix's instrument list. */
static size_t *
matrix_columns(const json_t *ids, const struct risk_input *in)
{
	size_t *col = xcalloc(in->k + 1, sizeof(*col)), j, c;

	for (j = 0; j < in->k; j++) {
		for (c = 0; c < json_array_size(ids); c++)
			if (json_is_string(json_array_get(ids, c)) &&
			    strcmp(json_string_value(json_array_get(ids, c)), in->id[j]) == 0)
				break;
		if (c == json_array_size(ids))
			die(EXIT_DATAERR, "instrument '%s' of 'portfolio.weights' is not in "
			    "'config.risk.returns_matrix.instruments'", in->id[j]);
		col[j] = c;
	}
	return col;
}

static void
load_matrix(const json_t *m, const struct risk_config *cf, struct risk_input *in)
{
	json_t *ids = field_arr(m, "instruments"), *vals = field_arr(m, "values");
	json_t *dates = field_arr_opt(m, "dates"), *row;
	size_t nr = json_array_size(vals), first, r, j, *col;
	double x;

	if (dates != NULL && json_array_size(dates) != nr)
		die(EXIT_CONFIG, "config.risk.returns_matrix: dates and values differ in length");
	col = matrix_columns(ids, in);
	first = nr > cf->window ? nr - cf->window : 0;
	in->R = xcalloc((nr - first) * in->k + 1, sizeof(*in->R));
	in->cal = dates ? xcalloc(nr - first + 1, sizeof(*in->cal)) : NULL;
	for (r = first; r < nr; r++) {
		if (!json_is_array(row = json_array_get(vals, r)))
			die(EXIT_CONFIG, "config.risk.returns_matrix.values[%zu]: expected an array", r);
		for (j = 0; j < in->k; j++) {
			x = cell(row, col[j], r);
			if (!isfinite(x))
				break;
			in->R[in->n * in->k + j] = x;
		}
		if (j < in->k) {
			in->dropped++;
			continue;
		}
		if (in->cal && date_parse(json_string_value(json_array_get(dates, r)) ?
		    json_string_value(json_array_get(dates, r)) : "", &in->cal[in->n]) < 0)
			die(EXIT_CONFIG, "config.risk.returns_matrix.dates[%zu]: expected a date",
			    r);
		in->n++;
	}
	for (j = 0; j < in->k; j++)
		in->last[j] = in->n ? in->R[(in->n - 1) * in->k + j] : NAN;
	free(col);
}

/* Levels on as_of for the stress translation, and the return of every table instrument on as_of. */
static void
load_levels(const struct dataset *ds, struct risk_input *in, double *day_ret)
{
	day_t d = date_prev_bday(in->as_of);
	size_t i;

	for (i = 0; i < n_instruments; i++) {
		in->level[i] = instrument_level(ds, &instruments[i], d);
		instrument_returns(ds, &instruments[i], &d, 1, &day_ret[i]);
	}
	in->ust5y = dataset_get(ds, "US_UST_5Y") ?
	    series_at(dataset_get(ds, "US_UST_5Y"), d, 10) : NAN;
	/* Desk units on as_of itself, as step-portfolio's (docs/STRATEGIES.md). */
	for (i = 0; i < n_instruments; i++)
		in->dv01[i] = instrument_dv01(ds, &instruments[i], ds->as_of);
	in->usdbrl = instrument_level(ds, instrument_find("USDBRL"), ds->as_of);
}

static void
load_ingest(const json_t *state, const struct risk_config *cf, struct risk_input *in,
    double *day_ret)
{
	struct dataset ds;
	size_t j;

	if (dataset_load(&ds, state) < 0)
		die(EXIT_DATAERR, "unusable 'ingest.series'");
	for (j = 0; j < in->k;) {
		if (in->ins[j] == NULL)
			die(EXIT_DATAERR, "unknown instrument '%s' in 'portfolio.weights'", in->id[j]);
		if (!instrument_available(&ds, in->ins[j]))
			drop_held(in, j);
		else
			j++;
	}
	load_levels(&ds, in, day_ret);
	in->n = instrument_matrix(&ds, in->ins, in->k, cf->window, &in->cal, &in->R);
	in->dropped = cf->window - in->n;
	for (j = 0; j < in->k; j++)
		in->last[j] = day_ret[in->ins[j] - instruments];
	dataset_release(&ds);
}

void
risk_input_load(const json_t *state, const struct risk_config *cf, struct risk_input *in)
{
	json_t *m = field_get(state, "config.risk.returns_matrix");
	double day_ret[32];
	size_t i, t;

	memset(in, 0, sizeof(*in));
	in->notes = json_array();
	in->as_of = state_as_of(state);
	for (i = 0; i < 32; i++)
		in->level[i] = day_ret[i] = in->dv01[i] = NAN;
	in->ust5y = in->usdbrl = NAN;
	load_weights(state, in);
	in->last = xcalloc(in->k + 1, sizeof(*in->last));
	if (m != NULL && !json_is_null(m)) {
		if (!json_is_object(m))
			die(EXIT_CONFIG, "config.risk.returns_matrix: expected an object");
		load_matrix(m, cf, in);
	} else {
		load_ingest(state, cf, in, day_ret);
	}
	in->port = xcalloc(in->n + 1, sizeof(*in->port));
	for (t = 0; t < in->n; t++)
		for (i = 0; i < in->k; i++)
			in->port[t] += in->R[t * in->k + i] * in->w[i];
	strategy_loss(state, in, day_ret);
}

void
risk_input_release(struct risk_input *in)
{
	size_t j;

	for (j = 0; j < in->k; j++)
		free(in->id[j]);
	free(in->id);
	free(in->w);
	free(in->ins);
	free(in->cal);
	free(in->R);
	free(in->port);
	free(in->last);
	json_decref(in->notes);
}
