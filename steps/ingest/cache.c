/* The parsed-history cache (cache.h, docs/DATA.md "History cache"). */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "die.h"
#include "xalloc.h"

/* Bump when the layout or what a row's observations mean changes. */
#define CACHE_VERSION 1
#define CACHE_MAGIC "DRICACHE"
#define CACHE_BOM 0x01020304u
#define CACHE_HDR 32		/* magic 8, version 4, byte order 4, keylen 4, 0 4, n 8 */
#define CACHE_FRESH 2		/* seconds: a newer file is not cached (see cache_key) */

/*
 * Checksum of n bytes: 64-bit words mixed by an odd multiply and a shift-xor, each
 * step a bijection of the running value, so one changed word always changes it.
 */
static uint64_t
checksum(const unsigned char *p, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15u, w;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	for (; i < n; i++) {
		h = (h ^ p[i]) * 0xc4ceb9fe1a85ec53u;
		h ^= h >> 32;
	}
	return h;
}

/* A header field: a native-endian integer of 4 or 8 bytes (CACHE_BOM checks the order). */
static void
put(unsigned char *p, size_t size, uint64_t v)
{
	uint32_t w = (uint32_t)v;

	if (size == 4)
		memcpy(p, &w, 4);
	else
		memcpy(p, &v, 8);
}

static uint64_t
get(const unsigned char *p, size_t size)
{
	uint32_t w;
	uint64_t v;

	if (size == 4) {
		memcpy(&w, p, 4);
		return w;
	}
	memcpy(&v, p, 8);
	return v;
}

static const char *
env(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : NULL;
}

void
cache_init(struct cache *c)
{
	const char *v;
	struct stat st;
	size_t n;

	memset(c, 0, sizeof(*c));
	if ((v = env("DAILY_CACHE_DIR")) != NULL) {
		if (strcmp(v, "off") != 0)
			c->dir = xstrdup(v);
	} else if ((v = env("XDG_CACHE_HOME")) != NULL && v[0] == '/') {
		n = strlen(v) + sizeof("/daily_run");
		c->dir = xmalloc(n);
		snprintf(c->dir, n, "%s/daily_run", v);
	} else if ((v = env("HOME")) != NULL && v[0] == '/') {
		n = strlen(v) + sizeof("/.cache/daily_run");
		c->dir = xmalloc(n);
		snprintf(c->dir, n, "%s/.cache/daily_run", v);
	}
	/* A rebuilt step (a connector fixed) must not read what the old one wrote. */
	if (c->dir != NULL && stat("/proc/self/exe", &st) == 0)
		snprintf(c->exe, sizeof(c->exe), "%jd:%jd.%09ld:%ju", (intmax_t)st.st_size,
		    (intmax_t)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, (uintmax_t)st.st_ino);
	else
		cache_release(c);
	debug("cache: %s", c->dir != NULL ? c->dir : "off");
}

void
cache_release(struct cache *c)
{
	free(c->dir);
	c->dir = NULL;
}

size_t
cache_key(const struct cache *c, const struct cat_entry *e, const char *path, char *key)
{
	struct timespec now;
	struct stat st;
	int n;

	if (c->dir == NULL || stat(path, &st) < 0 || !S_ISREG(st.st_mode) ||
	    clock_gettime(CLOCK_REALTIME, &now) < 0)
		return 0;
	/*
	 * A file written in the last seconds may be written again within the same
	 * mtime tick, the same size: its key would not tell the two apart.
	 */
	if (st.st_mtim.tv_sec > now.tv_sec - CACHE_FRESH)
		return 0;
	n = snprintf(key, CACHE_KEYSZ, "v%d exe=%s path=%s dev=%ju ino=%ju size=%jd "
	    "mtime=%jd.%09ld source=%s freq=%c args=%s", CACHE_VERSION, c->exe, path,
	    (uintmax_t)st.st_dev, (uintmax_t)st.st_ino, (intmax_t)st.st_size,
	    (intmax_t)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, e->source, e->freq, e->args);
	return n > 0 && n < CACHE_KEYSZ ? (size_t)n : 0;
}

/*
 * The cache file of row e read from path: dir/ingest-<64-bit hash of path, source,
 * frequency and arguments, hex>.bin. The key's file identity and this program's
 * are left out of the name, so that a changed source or a rebuilt step replaces
 * the row's file instead of leaving the old one behind. New string.
 */
static char *
file_of(const struct cache *c, const struct cat_entry *e, const char *path)
{
	char id[CACHE_KEYSZ], *p;
	size_t n = strlen(c->dir) + 32;
	int k;

	k = snprintf(id, sizeof(id), "%s\n%s\n%c\n%s", path, e->source, e->freq, e->args);
	p = xmalloc(n);
	snprintf(p, n, "%s/ingest-%016" PRIx64 ".bin", c->dir,
	    checksum((const unsigned char *)id, k > 0 && k < CACHE_KEYSZ ? (size_t)k : 0));
	return p;
}

/* The whole file into a new buffer (*len bytes), or NULL. */
static unsigned char *
slurp(const char *path, size_t *len)
{
	unsigned char *buf;
	struct stat st;
	size_t got = 0;
	ssize_t r;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || st.st_size > (1L << 30)) {
		close(fd);
		return NULL;
	}
	*len = (size_t)st.st_size;
	buf = xmalloc(*len + 1);
	while (got < *len && (r = read(fd, buf + got, *len - got)) > 0)
		got += (size_t)r;
	close(fd);
	if (got != *len) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* The observation count of a valid cache file for key, or -1. */
static int64_t
check(const unsigned char *b, size_t len, const char *key, size_t keylen)
{
	uint64_t n;

	if (memcmp(b, CACHE_MAGIC, 8) != 0 || get(b + 8, 4) != CACHE_VERSION ||
	    get(b + 12, 4) != CACHE_BOM || get(b + 16, 4) != keylen || get(b + 20, 4) != 0)
		return -1;
	n = get(b + 24, 8);
	if (n > (len - CACHE_HDR - keylen - 8) / (sizeof(day_t) + sizeof(double)) ||
	    CACHE_HDR + keylen + n * (sizeof(day_t) + sizeof(double)) + 8 != len)
		return -1;
	if (memcmp(b + CACHE_HDR, key, keylen) != 0 ||
	    checksum(b, len - 8) != get(b + len - 8, 8))
		return -1;
	return (int64_t)n;
}

int
cache_read(const struct cache *c, const struct cat_entry *e, const char *path,
    const char *key, size_t keylen, struct obs *out)
{
	unsigned char *b;
	char *file;
	size_t len = 0, n;
	int64_t k;

	if (keylen == 0)
		return -1;
	file = file_of(c, e, path);
	b = slurp(file, &len);
	k = b != NULL && len >= CACHE_HDR + keylen + 8 ? check(b, len, key, keylen) : -1;
	debug("cache: %s %s", k < 0 ? (b == NULL ? "none" : "invalid") : "read", file);
	free(file);
	if (k < 0) {
		free(b);
		return -1;
	}
	n = (size_t)k;
	obs_reserve(out, n);
	memcpy(out->d + out->n, b + CACHE_HDR + keylen, n * sizeof(day_t));
	memcpy(out->v + out->n, b + CACHE_HDR + keylen + n * sizeof(day_t),
	    n * sizeof(double));
	out->n += n;
	free(b);
	return 0;
}

/* mkdir -p dir; 0 or -1. */
static int
mkdirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; rc == 0 && (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (rc == 0 && mkdir(p, 0755) < 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

/* The file's bytes for row under key. New buffer of *len bytes. */
static unsigned char *
encode(const char *key, size_t keylen, const struct obs *row, size_t *len)
{
	size_t dl = row->n * sizeof(day_t), vl = row->n * sizeof(double);
	unsigned char *b;

	*len = CACHE_HDR + keylen + dl + vl + 8;
	b = xmalloc(*len);
	memcpy(b, CACHE_MAGIC, 8);
	put(b + 8, 4, CACHE_VERSION);
	put(b + 12, 4, CACHE_BOM);
	put(b + 16, 4, (uint32_t)keylen);
	put(b + 20, 4, 0);
	put(b + 24, 8, row->n);
	memcpy(b + CACHE_HDR, key, keylen);
	if (row->n > 0) {
		memcpy(b + CACHE_HDR + keylen, row->d, dl);
		memcpy(b + CACHE_HDR + keylen + dl, row->v, vl);
	}
	put(b + *len - 8, 8, checksum(b, *len - 8));
	return b;
}

/* Write len bytes of b to a temporary file renamed to path; 0 or -1 (errno). */
static int
store(const char *path, const unsigned char *b, size_t len)
{
	size_t n = strlen(path) + 32, done = 0;
	char *tmp = xmalloc(n);
	ssize_t w = 0;
	int fd, saved;

	snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) >= 0) {
		while (done < len && (w = write(fd, b + done, len - done)) > 0)
			done += (size_t)w;
		if (close(fd) == 0 && done == len && rename(tmp, path) == 0) {
			free(tmp);
			return 0;
		}
		if (w >= 0 && done < len)
			errno = ENOSPC;
	}
	saved = errno;
	(void)unlink(tmp);
	free(tmp);
	errno = saved;
	return -1;
}

void
cache_write(struct cache *c, const struct cat_entry *e, const char *path,
    const char *key, size_t keylen, const struct obs *row)
{
	char again[CACHE_KEYSZ], *file;
	unsigned char *b;
	size_t len;

	if (keylen == 0 || cache_key(c, e, path, again) != keylen ||
	    memcmp(again, key, keylen) != 0)
		return;
	file = file_of(c, e, path);
	b = encode(key, keylen, row, &len);
	if (mkdirs(c->dir) < 0 || store(file, b, len) < 0) {
		if (!c->warned)
			warn("history cache '%s' not written (%s); set DAILY_CACHE_DIR, "
			    "or DAILY_CACHE_DIR=off", c->dir, strerror(errno));
		c->warned = 1;
	} else
		debug("cache: wrote %s", file);
	free(b);
	free(file);
}
