/*
 * The parsed-history cache (steps/ingest/cache.c, docs/DATA.md "History cache"): a
 * row written and read back bit for bit (NaN included, appended after what the
 * caller has); every single flipped byte, every truncation and an appended byte
 * make a miss that leaves the output untouched; another mtime, other arguments, a
 * file written in the last two seconds, DAILY_CACHE_DIR=off; an unwritable
 * directory warns once.
 */
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "data_catalogue.h"
#include "../../steps/ingest/cache.h"
#include "../../steps/ingest/conn.h"
#include "tap.h"

static char root[] = "/tmp/test_ingest_cache_XXXXXX";
static char src[256], cdir[256];

static void
set_mtime(const char *path, time_t t)
{
	struct timespec ts[2] = { { t, 0 }, { t, 0 } };

	if (utimensat(AT_FDCWD, path, ts, 0) < 0)
		abort();
}

static void
put_file(const char *path, const void *b, size_t n)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL || fwrite(b, 1, n, fp) != n || fclose(fp) != 0)
		abort();
}

/* The one cache file in cdir into buf (malloc'd, *n bytes); its path in path. */
static unsigned char *
get_cache(char *path, size_t *n)
{
	DIR *dp = opendir(cdir);
	struct dirent *de;
	unsigned char *b = NULL;
	FILE *fp;
	long len;

	path[0] = '\0';
	while (dp != NULL && (de = readdir(dp)) != NULL)
		if (strstr(de->d_name, ".bin") != NULL)
			snprintf(path, 512, "%s/%s", cdir, de->d_name);
	if (dp != NULL)
		closedir(dp);
	if (path[0] == '\0' || (fp = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	b = malloc((size_t)len);
	if (b == NULL || fread(b, 1, (size_t)len, fp) != (size_t)len)
		abort();
	fclose(fp);
	*n = (size_t)len;
	return b;
}

static void
row_of(struct cat_entry *e, const char *args)
{
	memset(e, 0, sizeof(*e));
	snprintf(e->id, sizeof(e->id), "USDBRL");
	snprintf(e->source, sizeof(e->source), "fred_csv");
	e->freq = 'D';
	snprintf(e->args, sizeof(e->args), "%s", args);
}

/* cache_read of key into a one-observation obs: -1 and untouched, or 0. */
static int
read_into(struct cache *c, const struct cat_entry *e, const char *key, size_t kl,
    struct obs *o)
{
	o->n = 0;
	obs_push(o, 1, 42.0);
	return cache_read(c, e, src, key, kl, o);
}

static void
test_roundtrip_and_damage(void)
{
	struct cache c;
	struct cat_entry e;
	struct obs row = { 0 }, o = { 0 };
	char key[CACHE_KEYSZ], path[512];
	unsigned char *b;
	size_t kl, n = 0, i;
	int bad = 0;

	setenv("DAILY_CACHE_DIR", cdir, 1);
	cache_init(&c);
	row_of(&e, "file=src.csv");
	obs_push(&row, 19000, 1.5);
	obs_push(&row, 19001, NAN);
	obs_push(&row, 19004, -2.25);
	kl = cache_key(&c, &e, src, key);
	check_int(kl > 0, 1, "cache: a key for an old regular file");
	check_int(read_into(&c, &e, key, kl, &o), -1, "cache: cold: a miss");
	check_int((long long)o.n, 1, "cache: a miss leaves the output as it was");
	cache_write(&c, &e, src, key, kl, &row);
	check_int(read_into(&c, &e, key, kl, &o), 0, "cache: warm: a hit");
	check_int((long long)o.n, 4, "cache: appended after the caller's observation");
	check_int(o.v[0] == 42.0 && o.d[1] == 19000 && o.d[2] == 19001 && o.d[3] == 19004,
	    1, "cache: dates back, after the caller's");
	check_int(memcmp(o.v + 1, row.v, 3 * sizeof(double)) == 0, 1,
	    "cache: values back bit for bit, NaN included");
	b = get_cache(path, &n);
	check_int(b != NULL && n > 40, 1, "cache: one file written");
	for (i = 0; b != NULL && i < n; i++) {
		b[i] ^= 0x5a;
		put_file(path, b, n);
		bad += read_into(&c, &e, key, kl, &o) != -1 || o.n != 1;
		b[i] ^= 0x5a;
	}
	check_int(bad, 0, "cache: every single flipped byte is a miss");
	for (i = 0, bad = 0; b != NULL && i < n; i++) {
		put_file(path, b, i);
		bad += read_into(&c, &e, key, kl, &o) != -1 || o.n != 1;
	}
	check_int(bad, 0, "cache: every truncation is a miss");
	if (b != NULL) {
		unsigned char *more = malloc(n + 1);

		memcpy(more, b, n);
		more[n] = 0;
		put_file(path, more, n + 1);
		check_int(read_into(&c, &e, key, kl, &o), -1, "cache: a byte appended: a miss");
		free(more);
		put_file(path, b, n);
	}
	check_int(read_into(&c, &e, key, kl, &o), 0, "cache: the file restored: a hit");
	free(b);
	obs_release(&row);
	obs_release(&o);
	cache_release(&c);
}

static void
test_keys(void)
{
	struct cache c;
	struct cat_entry e, e2;
	struct obs o = { 0 };
	char key[CACHE_KEYSZ], k2[CACHE_KEYSZ];
	size_t kl, kl2;

	setenv("DAILY_CACHE_DIR", cdir, 1);
	cache_init(&c);
	row_of(&e, "file=src.csv");
	kl = cache_key(&c, &e, src, key);
	row_of(&e2, "file=src.csv scale=2");
	kl2 = cache_key(&c, &e2, src, k2);
	check_int(kl2 > 0 && (kl2 != kl || memcmp(key, k2, kl) != 0), 1,
	    "cache: other arguments, another key");
	check_int(read_into(&c, &e2, k2, kl2, &o), -1, "cache: other arguments: a miss");
	set_mtime(src, 1700000000);
	kl2 = cache_key(&c, &e, src, k2);
	check_int(kl2 > 0 && memcmp(key, k2, kl < kl2 ? kl : kl2) != 0, 1,
	    "cache: another mtime, another key");
	check_int(read_into(&c, &e, k2, kl2, &o), -1, "cache: another mtime: a miss");
	set_mtime(src, time(NULL));
	check_int((long long)cache_key(&c, &e, src, k2), 0,
	    "cache: a file written in the last two seconds has no key");
	set_mtime(src, 1706788800);
	cache_release(&c);
	setenv("DAILY_CACHE_DIR", "off", 1);
	cache_init(&c);
	check_int((long long)cache_key(&c, &e, src, k2), 0, "cache: DAILY_CACHE_DIR=off");
	cache_release(&c);
	obs_release(&o);
}

static void
test_unwritable(void)
{
	struct cache c;
	struct cat_entry e;
	struct obs row = { 0 };
	char key[CACHE_KEYSZ], dir[300];
	size_t kl;

	snprintf(dir, sizeof(dir), "%s/sub", src);	/* under a regular file */
	setenv("DAILY_CACHE_DIR", dir, 1);
	cache_init(&c);
	row_of(&e, "file=src.csv");
	obs_push(&row, 19000, 1.5);
	kl = cache_key(&c, &e, src, key);
	cache_write(&c, &e, src, key, kl, &row);
	cache_write(&c, &e, src, key, kl, &row);
	check_int(c.warned, 1, "cache: an unwritable directory: warned (once)");
	check_int(access(dir, F_OK), -1, "cache: nothing created under a file");
	obs_release(&row);
	cache_release(&c);
}

int
main(void)
{
	char cmd[400];

	if (mkdtemp(root) == NULL)
		abort();
	snprintf(src, sizeof(src), "%s/src.csv", root);
	snprintf(cdir, sizeof(cdir), "%s/cache", root);
	put_file(src, "DATE,X\n2022-01-03,1.5\n", 22);
	set_mtime(src, 1706788800);	/* 2024-02-01 12:00 UTC */
	test_roundtrip_and_damage();
	test_keys();
	test_unwritable();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		return 1;
	return test_done();
}
