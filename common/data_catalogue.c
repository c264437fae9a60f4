/* The series catalogue file (see data_catalogue.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data_catalogue.h"
#include "die.h"
#include "parse.h"
#include "state.h"
#include "xalloc.h"

#define NFIELD 11		/* the last one optional */
/* A catalogue is a few hundred lines: anything above this is not one. */
#define CATALOGUE_MAX_BYTES ((size_t)64 << 20)

static const char *const sources[] = { "synthetic", "fred_csv", "bcb_sgs_csv",
	"bcb_sgs_json", "yahoo_csv", "ipeadata_csv", "csv", "anbima_curve", "monthly_mean",
	"monthly_sum", "none" };

int
catalogue_source_known(const char *source)
{
	size_t i;

	for (i = 0; i < sizeof(sources) / sizeof(sources[0]); i++)
		if (strcmp(source, sources[i]) == 0)
			return 1;
	return 0;
}

static int
bad(const struct catalogue *c, int line, int field, const char *what, const char *val)
{
	return errbuf(c->err, CAT_ERRSZ, EINVAL, "catalogue '%s' line %d: field %d: %s '%s'", c->path,
	    line, field, what, val);
}

static int
copy_field(const struct catalogue *c, int line, int f, char *dst, size_t n,
    const char *src)
{
	if (*src == '\0' || strlen(src) >= n)
		return bad(c, line, f, *src ? "too long" : "empty", src);
	memcpy(dst, src, strlen(src) + 1);
	return 0;
}

static int
num_field(const struct catalogue *c, int line, int f, const char *s, double *out)
{
	if (strcmp(s, "-") == 0) {
		*out = NAN;
		return 0;
	}
	if (parse_double(s, out) < 0)
		return bad(c, line, f, "invalid number", s);
	return 0;
}

static int
int_field(const struct catalogue *c, int line, int f, const char *s, long min, long max,
    int *out)
{
	long v;

	if (parse_long(s, min, max, &v) < 0)
		return bad(c, line, f, "invalid integer", s);
	*out = (int)v;
	return 0;
}

/* Split a row on tabs and fill one entry. */
static int
parse_row(const struct catalogue *c, char *buf, int line, struct cat_entry *e)
{
	char *f[NFIELD], *p = buf;
	int n = 0;

	while (n < NFIELD) {
		f[n++] = p;
		if ((p = strchr(p, '\t')) == NULL)
			break;
		*p++ = '\0';
	}
	if (n < NFIELD - 1 || p != NULL) {
		if (p != NULL)
			for (n++; (p = strchr(p, '\t')) != NULL; p++)
				n++;
		return errbuf(c->err, CAT_ERRSZ, EINVAL, "catalogue '%s' line %d: %d tab-separated "
		    "fields, expected %d or %d", c->path, line, n, NFIELD - 1, NFIELD);
	}
	memset(e, 0, sizeof(*e));
	e->line = line;
	if (copy_field(c, line, 1, e->id, sizeof(e->id), f[0]) < 0 ||
	    copy_field(c, line, 2, e->name, sizeof(e->name), f[1]) < 0 ||
	    copy_field(c, line, 4, e->unit, sizeof(e->unit), f[3]) < 0 ||
	    copy_field(c, line, 9, e->source, sizeof(e->source), f[8]) < 0)
		return -1;
	if (strlen(f[2]) != 1 || strchr("DWMQ", f[2][0]) == NULL)
		return bad(c, line, 3, "invalid frequency", f[2]);
	e->freq = f[2][0];
	if (int_field(c, line, 5, f[4], CAT_LAG_MIN, 400, &e->lag) < 0 ||
	    int_field(c, line, 6, f[5], 0, 8, &e->dec) < 0 ||
	    num_field(c, line, 7, f[6], &e->min) < 0 ||
	    num_field(c, line, 8, f[7], &e->max) < 0)
		return -1;
	if (!catalogue_source_known(e->source))
		return bad(c, line, 9, "unknown source", e->source);
	if (strcmp(f[9], "-") != 0 &&
	    copy_field(c, line, 10, e->args, sizeof(e->args), f[9]) < 0)
		return -1;
	if (n == NFIELD && strcmp(f[10], "-") != 0) {
		if (strcmp(f[10], "critical") != 0)
			return bad(c, line, 11, "invalid critical flag", f[10]);
		e->critical = 1;
	}
	return 0;
}

/* "#! data_root=DIR": DIR relative to the catalogue's directory unless absolute. */
static void
directive(struct catalogue *c, const char *line)
{
	const char *v, *slash;
	size_t dn;

	if ((v = strstr(line, "data_root=")) == NULL)
		return;
	v += strlen("data_root=");
	free(c->data_root);
	slash = strrchr(c->path, '/');
	if (*v == '/' || slash == NULL) {
		c->data_root = xstrdup(v);
		return;
	}
	dn = (size_t)(slash - c->path) + 1;
	c->data_root = xmalloc(dn + strlen(v) + 1);
	memcpy(c->data_root, c->path, dn);
	strcpy(c->data_root + dn, v);
}

static int
read_lines(struct catalogue *c, FILE *fp)
{
	char *buf = NULL;
	size_t cap = 0, alloc = 0;
	ssize_t len;
	int line = 0, rc = 0;

	while ((len = getline(&buf, &cap, fp)) >= 0) {
		line++;
		while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
			buf[--len] = '\0';
		if (len == 0 || strspn(buf, " \t") == (size_t)len)
			continue;
		if (buf[0] == '#') {
			if (buf[1] == '!')
				directive(c, buf + 2 + strspn(buf + 2, " "));
			continue;
		}
		if (c->n == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			c->e = xreallocarray(c->e, alloc, sizeof(*c->e));
		}
		if ((rc = parse_row(c, buf, line, &c->e[c->n])) < 0)
			break;
		c->n++;
	}
	if (rc == 0 && ferror(fp))
		rc = errbuf(c->err, CAT_ERRSZ, errno, "unable to read catalogue '%s':", c->path);
	free(buf);
	return rc;
}

int
catalogue_load(struct catalogue *c, const char *path, char *err)
{
	char why[512];
	FILE *fp;
	int fd, rc, saved;

	memset(c, 0, sizeof(*c));
	c->path = xstrdup(path);
	c->err = err;
	/* A regular file only, bounded: /dev/zero or a FIFO must not hang or fill memory. */
	if ((fd = file_open_regular(path, CATALOGUE_MAX_BYTES, why, sizeof(why))) == -1)
		return errbuf(err, CAT_ERRSZ, errno, "unable to open catalogue %s", why);	/* 'path': why */
	if ((fp = fdopen(fd, "r")) == NULL) {
		close(fd);
		return errbuf(err, CAT_ERRSZ, errno, "unable to open catalogue '%s':", path);
	}
	rc = read_lines(c, fp);
	saved = errno;
	fclose(fp);
	if (rc == 0 && c->n == 0)
		return errbuf(err, CAT_ERRSZ, EINVAL, "catalogue '%s' lists no series", path);
	errno = saved;
	return rc;
}

void
catalogue_release(struct catalogue *c)
{
	free(c->path);
	free(c->data_root);
	free(c->e);
	memset(c, 0, sizeof(*c));
}

const struct cat_entry *
catalogue_find(const struct catalogue *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->e[i].id, id) == 0)
			return &c->e[i];
	return NULL;
}

int
cat_arg(const struct cat_entry *e, const char *key, char *buf, size_t n)
{
	const char *p = e->args;
	size_t kl = strlen(key), vl;

	while (*p) {
		p += strspn(p, " ");
		vl = strcspn(p, " ");
		if (vl > kl && strncmp(p, key, kl) == 0 && p[kl] == '=') {
			vl -= kl + 1;
			if (vl >= n)
				return -1;
			memcpy(buf, p + kl + 1, vl);
			buf[vl] = '\0';
			return 0;
		}
		p += vl;
	}
	return -1;
}

int
catalogue_first_row(const struct catalogue *c, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (strcmp(c->e[j].id, c->e[i].id) == 0)
			return 0;
	return 1;
}
