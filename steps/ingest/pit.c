/* Merging a series' observations and cutting its point-in-time window. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "data_pit.h"
#include "ingest.h"
#include "series.h"
#include "xalloc.h"

struct item {
	day_t d;
	size_t k;			/* original position: earlier rows first */
	double v;
};

static int
cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->d != y->d)
		return x->d < y->d ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

/*
 * Merge the sorted runs a (na) and b (nb) into d, v: on a date both have, a's
 * value (the earlier rows). Returns the count.
 */
static size_t
merge2(const day_t *ad, const double *av, size_t na, const day_t *bd,
    const double *bv, size_t nb, day_t *d, double *v)
{
	size_t i = 0, j = 0, n = 0;

	while (i < na || j < nb) {
		if (j == nb || (i < na && ad[i] <= bd[j])) {
			if (j < nb && ad[i] == bd[j])
				j++;
			d[n] = ad[i];
			v[n++] = av[i++];
		} else {
			d[n] = bd[j];
			v[n++] = bv[j++];
		}
	}
	return n;
}

/*
 * o made of at most a few strictly increasing runs (one per catalogue row, as
 * src_load appends them): merge each run into the ones before it, which gives
 * what the sort by (date, position) keeps. 0, or -1 when o has too many runs.
 */
static int
merge_runs(struct obs *o)
{
	enum { MAXRUNS = 16 };
	size_t at[MAXRUNS + 1], r = 0, i, n, k;
	day_t *d;
	double *v;

	at[r++] = 0;
	for (i = 1; i < o->n; i++)
		if (o->d[i - 1] >= o->d[i]) {
			if (r == MAXRUNS)
				return -1;
			at[r++] = i;
		}
	at[r] = o->n;
	d = xreallocarray(NULL, o->n, sizeof(*d));
	v = xreallocarray(NULL, o->n, sizeof(*v));
	n = at[1];
	for (k = 1; k < r; k++) {
		n = merge2(o->d, o->v, n, o->d + at[k], o->v + at[k], at[k + 1] - at[k],
		    d, v);
		memcpy(o->d, d, n * sizeof(*d));
		memcpy(o->v, v, n * sizeof(*v));
	}
	o->n = n;
	free(d);
	free(v);
	return 0;
}

void
ingest_merge(struct obs *o)
{
	struct item *it;
	size_t i, n = 0;
	int sorted = 1;

	for (i = 1; i < o->n && sorted; i++)
		sorted = o->d[i - 1] < o->d[i];
	if (sorted || merge_runs(o) == 0)
		return;
	it = xmalloc((o->n ? o->n : 1) * sizeof(*it));
	for (i = 0; i < o->n; i++)
		it[i] = (struct item){ o->d[i], i, o->v[i] };
	qsort(it, o->n, sizeof(*it), cmp_item);
	for (i = 0; i < o->n; i++) {
		if (n > 0 && o->d[n - 1] == it[i].d)
			continue;
		o->d[n] = it[i].d;
		o->v[n++] = it[i].v;
	}
	o->n = n;
	free(it);
}

void
ingest_month_agg(const struct obs *o, int sum_only, struct obs *out)
{
	size_t i = 0, j, k;
	day_t m, next;

	while (i < o->n) {
		double sum = 0;

		/* o is sorted: the month runs to the first date on or after the next. */
		m = date_month_start(o->d[i]);
		next = date_add_months(m, 1);
		for (j = i, k = 0; j < o->n && o->d[j] < next; j++)
			if (!isnan(o->v[j])) {
				sum += o->v[j];
				k++;
			}
		if (k > 0)
			obs_push(out, m, sum_only ? sum : sum / (double)k);
		i = j;
	}
}

size_t
ingest_lower(const struct obs *o, day_t d)
{
	size_t lo = 0, hi = o->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (o->d[mid] < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * o is sorted and the publication day grows with the date (data_pit.h), so the
 * window is one run: from the first date on or after start to the first that is
 * after as_of or published after it.
 */
void
ingest_window(const struct obs *o, const struct cat_entry *e, day_t start, day_t as_of,
    struct series *s)
{
	size_t i;

	series_init(s, e->id, e->freq, e->unit);
	for (i = ingest_lower(o, start); i < o->n; i++) {
		if (o->d[i] > as_of || pit_published(e->freq, e->lag, o->d[i]) > as_of)
			break;
		(void)series_push(s, o->d[i], o->v[i]);
	}
}
