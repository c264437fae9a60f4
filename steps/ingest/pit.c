/* Merging a series' observations and cutting its point-in-time window. */
#include <math.h>
#include <stdlib.h>

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

void
ingest_merge(struct obs *o)
{
	struct item *it;
	size_t i, n = 0;
	int sorted = 1;

	for (i = 1; i < o->n && sorted; i++)
		sorted = o->d[i - 1] < o->d[i];
	if (sorted)
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
	day_t m;

	while (i < o->n) {
		double sum = 0;

		m = date_month_start(o->d[i]);
		for (j = i, k = 0; j < o->n && date_month_start(o->d[j]) == m; j++)
			if (!isnan(o->v[j])) {
				sum += o->v[j];
				k++;
			}
		if (k > 0)
			obs_push(out, m, sum_only ? sum : sum / (double)k);
		i = j;
	}
}

void
ingest_window(const struct obs *o, const struct cat_entry *e, day_t start, day_t as_of,
    struct series *s)
{
	size_t i;

	series_init(s, e->id, e->freq, e->unit);
	for (i = 0; i < o->n; i++) {
		if (o->d[i] < start || o->d[i] > as_of)
			continue;
		if (pit_published(e->freq, e->lag, o->d[i]) > as_of)
			continue;
		(void)series_push(s, o->d[i], o->v[i]);
	}
}
