/* Dispatch a catalogue row to the generator or a connector (see source.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "data_catalogue.h"
#include "data_pit.h"
#include "die.h"
#include "exitcodes.h"
#include "ingest.h"
#include "parse.h"
#include "source.h"
#include "synth.h"
#include "xalloc.h"

void
src_init(struct src_ctx *c, uint64_t seed, day_t end, const char *data_root)
{
	memset(c, 0, sizeof(*c));
	c->seed = seed;
	c->end = end;
	c->data_root = data_root;
	cache_init(&c->cache);
}

void
src_release(struct src_ctx *c)
{
	int i;

	if (c->synth_done)
		for (i = 0; i < SY_N; i++)
			series_release(&c->synth[i]);
	free(c->anbima_path);
	anbima_free(c->anbima);
	cache_release(&c->cache);
	memset(c, 0, sizeof(*c));
}

_Noreturn static void
bad_row(const struct catalogue *cat, const struct cat_entry *e, const char *what,
    const char *val)
{
	die(EXIT_CONFIG, "catalogue '%s' line %d: %s '%s'", cat->path, e->line, what, val);
}

static const char *
synth_id(const struct cat_entry *e, char *buf, size_t n)
{
	return cat_arg(e, "id", buf, n) == 0 ? buf : e->id;
}

/* Fill o from the row's kind and "key=value" arguments. */
static void
options(const struct catalogue *cat, const struct cat_entry *e, struct conn_opts *o)
{
	char v[128];
	long l;

	conn_defaults(o, e->source, e->freq);
	if (cat_arg(e, "delim", v, sizeof(v)) == 0)
		o->delim = strcmp(v, "tab") == 0 ? '\t' : strcmp(v, "comma") == 0 ? ',' :
		    strcmp(v, "semicolon") == 0 ? ';' : v[0];
	if (cat_arg(e, "decimal", v, sizeof(v)) == 0)
		o->dcomma = strcmp(v, "comma") == 0;
	if (cat_arg(e, "header", v, sizeof(v)) == 0)
		o->header = strcmp(v, "0") != 0;
	if (cat_arg(e, "skiplines", v, sizeof(v)) == 0) {
		if (parse_long(v, 0, 1000, &l) < 0)
			bad_row(cat, e, "invalid skiplines", v);
		o->skiplines = l;
	}
	(void)cat_arg(e, "col", o->col, sizeof(o->col));
	(void)cat_arg(e, "datecol", o->datecol, sizeof(o->datecol));
	(void)cat_arg(e, "minus", o->minus, sizeof(o->minus));
	(void)cat_arg(e, "mean", o->mean, sizeof(o->mean));
	(void)cat_arg(e, "filter", o->filter, sizeof(o->filter));
	(void)cat_arg(e, "filter2", o->filter2, sizeof(o->filter2));
	(void)cat_arg(e, "datefmt", o->datefmt, sizeof(o->datefmt));
	(void)cat_arg(e, "bonds", o->bonds, sizeof(o->bonds));
	if (cat_arg(e, "scale", v, sizeof(v)) == 0 && parse_double(v, &o->scale) < 0)
		bad_row(cat, e, "invalid scale", v);
	if (cat_arg(e, "tr", v, sizeof(v)) == 0) {
		if (strcmp(v, "cdi_daily") == 0)
			o->tr = TR_CDI_DAILY;
		else if (strcmp(v, "compound12") == 0 && e->freq == 'M')
			o->tr = TR_COMPOUND12;
		else if (strcmp(v, "yoy") == 0 && (e->freq == 'M' || e->freq == 'Q'))
			o->tr = TR_YOY;
		else
			bad_row(cat, e, "unknown transform", v);
	}
	if (cat_arg(e, "tenor", v, sizeof(v)) == 0 &&
	    (parse_double(v, &o->tenor) < 0 || o->tenor <= 0))
		bad_row(cat, e, "invalid tenor", v);
}

static int
is_monthly_agg(const char *source)
{
	return strcmp(source, "monthly_mean") == 0 || strcmp(source, "monthly_sum") == 0;
}

/* monthly_mean, monthly_sum: a monthly row whose id= names a series with a source. */
static void
mean_check(const struct catalogue *cat, const struct cat_entry *e)
{
	const struct cat_entry *base;
	char id[SERIES_IDSZ], what[64];

	snprintf(what, sizeof(what), "%s needs frequency M, got", e->source);
	if (e->freq != 'M')
		bad_row(cat, e, what, (char[]){ e->freq, 0 });
	snprintf(what, sizeof(what), "%s needs id=, got", e->source);
	if (cat_arg(e, "id", id, sizeof(id)) < 0)
		bad_row(cat, e, what, e->args);
	snprintf(what, sizeof(what), "%s of an id the catalogue lacks", e->source);
	/* else: cppcheck does not see that bad_row() does not return. */
	if ((base = catalogue_find(cat, id)) == NULL)
		bad_row(cat, e, what, id);
	else if (is_monthly_agg(base->source)) {
		snprintf(what, sizeof(what), "%s of a month aggregate", e->source);
		bad_row(cat, e, what, id);
	}
}

void
src_check(const struct catalogue *cat, const struct cat_entry *e)
{
	struct conn_opts o;
	char buf[SERIES_IDSZ + 8], file[256];
	const char *id;

	if (strcmp(e->source, "none") == 0)
		return;
	if (is_monthly_agg(e->source)) {
		mean_check(cat, e);
		return;
	}
	if (strcmp(e->source, "synthetic") == 0) {
		if (synth_find(id = synth_id(e, buf, sizeof(buf))) < 0)
			bad_row(cat, e, "the synthetic source has no series", id);
		return;
	}
	if (cat_arg(e, "file", file, sizeof(file)) < 0)
		bad_row(cat, e, "no file= argument for source", e->source);
	options(cat, e, &o);
	if (strcmp(e->source, "anbima_curve") == 0 && (o.tenor <= 0 || !o.bonds[0]))
		bad_row(cat, e, "anbima_curve needs bonds= and tenor=, got", e->args);
}

static void
load_synth(struct src_ctx *c, const struct cat_entry *e, struct obs *out)
{
	char buf[SERIES_IDSZ + 8];
	const struct series *s;

	if (!c->synth_done) {
		synth_generate(c->seed, c->end, c->synth);
		c->synth_done = 1;
	}
	s = &c->synth[synth_find(synth_id(e, buf, sizeof(buf)))];
	obs_append(out, s->dates, s->values, s->n);
}

/* root/file, or file when it is absolute or there is no root. New string. */
static char *
join(const char *root, const char *file)
{
	size_t n;
	char *p;

	if (file[0] == '/' || root == NULL)
		return xstrdup(file);
	n = strlen(root) + strlen(file) + 2;
	p = xmalloc(n);
	snprintf(p, n, "%s/%s", root, file);
	return p;
}

/*
 * The 12-month % from the monthly m/m % appended from n0 on (sorted by date here):
 * the product of the last twelve (1 + m/100), minus one; months without twelve
 * consecutive figures before them are dropped.
 */
static void
compound12(struct obs *o, size_t n0)
{
	struct obs mm = { 0 };
	size_t i, k, n = o->n - n0;

	for (i = n0; i < o->n; i++)
		obs_push(&mm, o->d[i], o->v[i]);
	ingest_merge(&mm);
	o->n = n0;
	for (i = 11; i < mm.n && n > 0; i++) {
		double acc = 1;

		if (date_add_months(mm.d[i - 11], 11) != mm.d[i])
			continue;
		for (k = i - 11; k <= i; k++)
			acc *= 1 + mm.v[k] / 100;
		obs_push(o, mm.d[i], (acc - 1) * 100);
	}
	obs_release(&mm);
}

/*
 * The change on a year earlier, %, of the monthly or quarterly levels appended from
 * n0 on: 100 (x_t / x_{t-12 months} - 1); periods without the level a year before
 * (or with a missing or zero one) are dropped.
 */
static void
yoy(struct obs *o, size_t n0)
{
	struct obs lv = { 0 };
	size_t i, k;

	for (i = n0; i < o->n; i++)
		obs_push(&lv, o->d[i], o->v[i]);
	ingest_merge(&lv);
	o->n = n0;
	for (i = 0, k = 0; i < lv.n; i++) {
		day_t back = date_add_months(lv.d[i], -12);

		while (k < i && lv.d[k] < back)
			k++;
		if (lv.d[k] != back || isnan(lv.v[k]) || lv.v[k] == 0 || isnan(lv.v[i]))
			continue;
		obs_push(o, lv.d[i], (lv.v[i] / lv.v[k] - 1) * 100);
	}
	obs_release(&lv);
}

static int
load_anbima(struct src_ctx *c, const struct conn_opts *o, struct obs *out, char *err)
{
	if (c->anbima_path == NULL || strcmp(c->anbima_path, o->path) != 0) {
		free(c->anbima_path);
		anbima_free(c->anbima);
		c->anbima = NULL;
		c->anbima_path = xstrdup(o->path);
		if (anbima_load(o->path, o->name, &c->anbima, err) < 0) {
			free(c->anbima_path);
			c->anbima_path = NULL;
			return -1;
		}
	}
	return conn_anbima(c->anbima, o, out);
}

/* The month means (sums) of the rows of the series id= names, merged as ingest does. */
static void
load_mean(struct src_ctx *c, const struct catalogue *cat, const struct cat_entry *e,
    struct obs *out)
{
	struct obs base = { 0 };
	char id[SERIES_IDSZ];
	size_t j;

	(void)cat_arg(e, "id", id, sizeof(id));
	for (j = 0; j < cat->n; j++)
		if (strcmp(cat->e[j].id, id) == 0)
			src_load(c, cat, &cat->e[j], &base);
	ingest_merge(&base);
	ingest_month_agg(&base, strcmp(e->source, "monthly_sum") == 0, out);
	obs_release(&base);
}

/*
 * Parse row e's file at path into row (empty): the connector, dates mapped to the
 * row's frequency, its transform, then sorted with one value a date (the first the
 * file gives), which the merge of load_all() would keep anyway (docs/DATA.md).
 */
static void
parse_row(struct src_ctx *c, const struct catalogue *cat, const struct cat_entry *e,
    const char *path, const char *file, struct obs *row)
{
	struct conn_opts o;
	char err[CONN_ERRSZ];
	size_t i;
	int rc;

	options(cat, e, &o);
	o.path = path;
	o.name = file;
	if (strcmp(e->source, "bcb_sgs_json") == 0)
		rc = conn_sgs_json(&o, row, err);
	else if (strcmp(e->source, "anbima_curve") == 0)
		rc = load_anbima(c, &o, row, err);
	else
		rc = conn_csv(&o, row, err);
	if (rc < 0)
		die(errno == EINVAL ? EXIT_DATAERR : EXIT_IOERR, "%s", err);
	for (i = 0; i < row->n; i++)
		row->d[i] = pit_normalise(e->freq, row->d[i]);
	if (o.tr == TR_COMPOUND12)
		compound12(row, 0);
	else if (o.tr == TR_YOY)
		yoy(row, 0);
	ingest_merge(row);
}

void
src_load(struct src_ctx *c, const struct catalogue *cat, const struct cat_entry *e,
    struct obs *out)
{
	struct obs row = { 0 };
	char file[256], key[CACHE_KEYSZ], *path;
	size_t keylen;

	src_check(cat, e);
	if (strcmp(e->source, "none") == 0)
		return;
	if (strcmp(e->source, "synthetic") == 0) {
		load_synth(c, e, out);
		return;
	}
	if (is_monthly_agg(e->source)) {
		load_mean(c, cat, e, out);
		return;
	}
	(void)cat_arg(e, "file", file, sizeof(file));
	path = join(c->data_root, file);
	keylen = cache_key(&c->cache, e, path, key);
	if (cache_read(&c->cache, e, path, key, keylen, out) == 0) {
		free(path);
		return;
	}
	parse_row(c, cat, e, path, file, &row);
	cache_write(&c->cache, e, path, key, keylen, &row);
	free(path);
	obs_append(out, row.d, row.v, row.n);
	obs_release(&row);
}
