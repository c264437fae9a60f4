/*
 * The series catalogue (docs/DATA.md): a tab-separated file, one row per series,
 *   id  name  freq  unit  lag  dec  min  max  source  args  [critical]
 * The eleventh column is optional: "critical" marks a series the models cannot do
 * without (quality's gate, docs/DATA.md), "-" or nothing one they can. '#' starts a
 * comment line; "#! data_root=DIR" names the data root, relative to the
 * catalogue's own directory. min, max and args may be "-". An id may appear on
 * several rows (several files for one series: the first row's metadata wins and the
 * earlier row's observations win on a common date).
 */
#ifndef DATA_CATALOGUE_H
#define DATA_CATALOGUE_H

#include <stddef.h>

#include "series.h"

/*
 * A lag may be negative for a series known before its period ends (the inflation
 * target, set years ahead: docs/DATA.md); at most one month before it.
 */
#define CAT_LAG_MIN (-31)
#define CAT_NAMESZ 96
#define CAT_SOURCESZ 24
#define CAT_ARGSZ 512

struct cat_entry {
	char id[SERIES_IDSZ];
	char name[CAT_NAMESZ];
	char freq;			/* 'D', 'W', 'M' or 'Q' */
	char unit[SERIES_UNITSZ];
	int lag;			/* publication lag after the period end, days */
	int dec;			/* decimals stored */
	double min, max;		/* valid range; NAN when open */
	char source[CAT_SOURCESZ];
	char args[CAT_ARGSZ];		/* "key=value key=value", "" when none */
	int critical;			/* 1: quality's gate counts it stale */
	int line;
};

struct catalogue {
	char *path;
	char *data_root;		/* the directive resolved, or NULL */
	size_t n;
	struct cat_entry *e;
	char *err;			/* the caller's message buffer while loading */
};

#define CAT_ERRSZ 512

/*
 * Read a catalogue. Returns 0, or -1 with a one-line message in err (CAT_ERRSZ
 * bytes) and errno EINVAL when the file is malformed ("catalogue 'x.tsv' line 4:
 * field 3: invalid frequency 'X'"), the open or read errno otherwise. Release c
 * in both cases.
 */
int catalogue_load(struct catalogue *c, const char *path, char *err);
void catalogue_release(struct catalogue *c);
/* The first row for id (borrowed), or NULL. */
const struct cat_entry *catalogue_find(const struct catalogue *c, const char *id);
/* 1 when row i is the first row of its id (an id may have several source rows). */
int catalogue_first_row(const struct catalogue *c, size_t i);
/* 1 when source is one the ingest step knows. */
int catalogue_source_known(const char *source);
/* Copy the value of key from e->args into buf (n bytes); 0, or -1 when absent. */
int cat_arg(const struct cat_entry *e, const char *key, char *buf, size_t n);

#endif
