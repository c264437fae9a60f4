/*
 * The report files: DIR/<as_of>/report.md and report.html. Each is rendered in
 * memory, written to a temporary file in the same directory and renamed over
 * the final name, so a reader never sees half a file.
 */
#define _DEFAULT_SOURCE		/* mkstemp, fchmod */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "date.h"
#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "report.h"
#include "xalloc.h"

/* mkdir -p; dies EXIT_IOERR naming the directory. */
static void
mkdirs(const char *path)
{
	char *p = xstrdup(path), *s;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST)
			die(EXIT_IOERR, "unable to create '%s':", p);
		*s = '/';
	}
	if (mkdir(p, 0777) < 0 && errno != EEXIST)
		die(EXIT_IOERR, "unable to create '%s':", p);
	free(p);
}

static void
write_atomic(const char *path, const char *buf, size_t len)
{
	size_t n = strlen(path) + 16;
	char *tmp = xmalloc(n);
	int fd;
	FILE *f;

	snprintf(tmp, n, "%s.tmpXXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0)
		die(EXIT_IOERR, "unable to create '%s':", tmp);
	f = fchmod(fd, 0644) == 0 ? fdopen(fd, "w") : NULL;
	if (f == NULL || fwrite(buf, 1, len, f) != len || fflush(f) != 0 ||
	    fsync(fd) != 0 || fclose(f) != 0) {
		unlink(tmp);
		die(EXIT_IOERR, "unable to write '%s':", path);
	}
	if (rename(tmp, path) < 0) {
		unlink(tmp);
		die(EXIT_IOERR, "unable to rename '%s' to '%s':", tmp, path);
	}
	free(tmp);
}

/* Render with fn into memory and write it to dir/name; returns the path (new string). */
static char *
render(const json_t *state, const char *dir, const char *name,
    int (*fn)(FILE *, const json_t *))
{
	char *buf = NULL, *path;
	size_t len = 0, n = strlen(dir) + strlen(name) + 2;
	FILE *m = open_memstream(&buf, &len);

	if (m == NULL)
		die(EXIT_SOFTWARE, "open_memstream:");
	if (fn(m, state) < 0 || fclose(m) != 0)
		die(EXIT_SOFTWARE, "unable to render '%s'", name);
	path = xmalloc(n);
	snprintf(path, n, "%s/%s", dir, name);
	write_atomic(path, buf, len);
	free(buf);
	return path;
}

json_t *
report_write_files(const json_t *state, const char *dir)
{
	char as_of[DATE_BUFSZ];
	size_t n, dl = strlen(dir);
	char *d, *md, *html;
	json_t *files;

	/* A date, not any string: "../x" would otherwise write outside dir (exit 65). */
	date_format(state_as_of(state), as_of);
	n = strlen(dir) + strlen(as_of) + 2;
	d = xmalloc(n);

	while (dl > 1 && dir[dl - 1] == '/')	/* "reports/" names "reports" */
		dl--;
	snprintf(d, n, "%.*s/%s", (int)dl, dir, as_of);
	mkdirs(d);
	md = render(state, d, "report.md", report_markdown);
	html = render(state, d, "report.html", report_html);
	files = json_pack("[s,s]", md, html);
	free(md);
	free(html);
	free(d);
	return files;
}
