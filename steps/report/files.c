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

/*
 * The report directory comes from the state (config.report_dir): an empty one
 * would put the files under "/<as_of>", a relative one with a ".." component
 * may leave the working directory. Both are bad configuration (exit 78, docs/CONFIG.md).
 */
static void
check_dir(const char *dir)
{
	const char *p = dir;
	size_t n;

	if (*dir == '\0')
		die(EXIT_CONFIG, "config.report_dir: empty path");
	if (*dir == '/')
		return;
	while (*p != '\0') {
		n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			die(EXIT_CONFIG, "config.report_dir: relative path "
			    "'%s' leaves the working directory", dir);
		p += n;
		p += strspn(p, "/");
	}
}

/* Mode of a new file as open(2) would give with 0666: the umask is honoured. */
static mode_t
file_mode(void)
{
	mode_t m = umask(0);

	umask(m);
	return 0666 & ~m;
}

void
write_atomic(const char *path, const char *buf, size_t len)
{
	size_t n = strlen(path) + 16;
	char *tmp = xmalloc(n);
	int fd;
	FILE *f;

	snprintf(tmp, n, "%s.tmpXXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0)
		die(EXIT_IOERR, "unable to create '%s':", tmp);
	f = fchmod(fd, file_mode()) == 0 ? fdopen(fd, "w") : NULL;
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

	check_dir(dir);
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
