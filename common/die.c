/* Errors and logging: "PROG: level: message", one write(2) per line (docs/STYLE.md R13-R15). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "die.h"
#include "exitcodes.h"

const char *PROG = "daily";

void
prog_setname(const char *name)
{
	PROG = name;
}

/*
 * A line cut at the buffer's end may end inside a UTF-8 sequence: drop that
 * partial character (a reader storing the line as text would refuse it).
 * Returns the new length.
 */
static size_t
cut_utf8(char *buf, size_t len)
{
	size_t k = 0, need;
	unsigned char c;

	while (k < len && k < 3 && ((unsigned char)buf[len - 1 - k] & 0xc0) == 0x80)
		k++;
	if (k == len)
		return len;
	c = (unsigned char)buf[len - 1 - k];
	need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	if (need > k + 1) {
		len -= k + 1;
		buf[len] = '\0';
	}
	return len;
}

/* Format one line into buf, replace control characters, append '\n' and write it at once. */
static void
vlog(const char *level, const char *fmt, va_list ap)
{
	char buf[4096];
	int saved = errno;
	size_t n, len, i;

	n = (size_t)snprintf(buf, sizeof(buf), "%s: %s: ", PROG, level);
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	len = strlen(buf);
	if (len > n && buf[len - 1] == ':' && len + 3 < sizeof(buf) - 2)
		snprintf(buf + len, sizeof(buf) - len, " %s", strerror(saved));
	len = cut_utf8(buf, strlen(buf));
	for (i = 0; i < len; i++)
		if ((unsigned char)buf[i] < 0x20 && buf[i] != '\t')
			buf[i] = '?';
	if (len > sizeof(buf) - 2)
		len = sizeof(buf) - 2;
	buf[len++] = '\n';
	while (write(STDERR_FILENO, buf, len) < 0 && errno == EINTR)
		;
	errno = saved;
}

/* vlog(level, fmt, ...) with the calling printf-style function's arguments. */
#define VLOG(level) do {						\
	va_list ap;							\
									\
	va_start(ap, fmt);						\
	vlog(level, fmt, ap);						\
	va_end(ap);							\
} while (0)

void
die(int code, const char *fmt, ...)
{
	VLOG("fatal");
	exit(code);
}

int
error(const char *fmt, ...)
{
	VLOG("error");
	return -1;
}

int
errbuf(char *err, size_t sz, int errnum, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(err, sz, fmt, ap);
	va_end(ap);
	n = strlen(err);
	if (n > 0 && err[n - 1] == ':')
		snprintf(err + n, sz - n, " %s", strerror(errnum));
	errno = errnum;
	return -1;
}

void
warn(const char *fmt, ...)
{
	VLOG("warning");
}

void
info(const char *fmt, ...)
{
	VLOG("info");
}

void
debug(const char *fmt, ...)
{
	const char *e = getenv("DAILY_DEBUG");

	if (e != NULL && strcmp(e, "1") == 0)
		VLOG("debug");
}

void
usage_exit(const char *usage, int code)
{
	if (code == 0) {
		printf("usage: %s", usage);
		if (fflush(stdout) != 0 || ferror(stdout))
			exit(EXIT_IOERR);
		exit(0);
	}
	fprintf(stderr, "usage: %s", usage);
	exit(code);
}
