/*
 * The parsed-history cache of ingest's file connectors (docs/DATA.md "History
 * cache"): one binary file per catalogue row holding the row's observations as its
 * connector returned them (dates normalised, transforms applied, sorted, one per
 * date), before any as_of or publication filter, so that every date reuses them.
 * A cache file is only trusted when its key (format version, this program's file,
 * the source file's path, device, inode, size and mtime, the row's source, frequency
 * and arguments), its size and its checksum all match; anything else is a miss and
 * the row is parsed again. Nothing here is ever an error.
 */
#ifndef CACHE_H
#define CACHE_H

#include <stddef.h>

#include "conn.h"
#include "data_catalogue.h"

#define CACHE_KEYSZ 1024

struct cache {
	char *dir;			/* NULL: disabled */
	int warned;			/* the one warning has been printed */
	char exe[96];			/* this program's identity, part of every key */
};

/*
 * The directory: DAILY_CACHE_DIR, else $XDG_CACHE_HOME/daily_run (absolute only),
 * else $HOME/.cache/daily_run; DAILY_CACHE_DIR=off disables it (dir NULL).
 */
void cache_init(struct cache *c);
void cache_release(struct cache *c);
/*
 * The key of row e read from path into key (CACHE_KEYSZ bytes); its length, or 0
 * when the row is not to be cached (cache disabled, the file cannot be stat'ed or
 * was modified within the last two seconds, the key too long).
 */
size_t cache_key(const struct cache *c, const struct cat_entry *e, const char *path,
    char *key);
/*
 * Append the cached observations of row e read from path to out when the cache file
 * holds them under key: 0, or -1 (a miss; out unchanged).
 */
int cache_read(const struct cache *c, const struct cat_entry *e, const char *path,
    const char *key, size_t keylen, struct obs *out);
/*
 * Store row (its observations) under key, written to a temporary file and renamed:
 * concurrent writers each leave a whole file. When path's size or mtime differ
 * from the key's (the source changed while it was read), nothing is stored.
 */
void cache_write(struct cache *c, const struct cat_entry *e, const char *path,
    const char *key, size_t keylen, const struct obs *row);

#endif
