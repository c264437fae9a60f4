/* Loading one catalogue row's observations from its source (synthetic or a file). */
#ifndef SOURCE_H
#define SOURCE_H

#include <stdint.h>

#include "cache.h"
#include "conn.h"
#include "data_catalogue.h"
#include "date.h"
#include "series.h"
#include "synth.h"

struct src_ctx {
	uint64_t seed;
	day_t end;			/* the generator runs through this day */
	const char *data_root;
	int synth_done;
	struct series synth[SY_N];
	char *anbima_path;
	struct anbima_tab *anbima;
	struct cache cache;		/* the parsed-history cache (cache.h) */
};

void src_init(struct src_ctx *c, uint64_t seed, day_t end, const char *data_root);
void src_release(struct src_ctx *c);
/*
 * Check a row's source and arguments without reading data; dies EXIT_CONFIG
 * naming the catalogue line when they are wrong.
 */
void src_check(const struct catalogue *cat, const struct cat_entry *e);
/*
 * Append row e's observations to out, dates mapped to the row's frequency. Dies
 * EXIT_DATAERR on malformed data, EXIT_IOERR on an unreadable file, EXIT_CONFIG on
 * a bad catalogue row.
 */
void src_load(struct src_ctx *c, const struct catalogue *cat, const struct cat_entry *e,
    struct obs *out);

#endif
