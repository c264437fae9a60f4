/* The state document: strict read with a size cap, canonical write (docs/STYLE.md R10-R11). */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "die.h"
#include "exitcodes.h"
#include "jparse.h"
#include "jsonout.h"
#include "parse.h"
#include "state.h"
#include "xalloc.h"

size_t
state_max_bytes(void)
{
	const char *e = getenv("DAILY_MAX_STATE_MB");
	long mb;

	if (e != NULL && parse_long(e, 1, 65536, &mb) == 0)
		return (size_t)mb << 20;
	return (size_t)256 << 20;
}

/* Read all of in into a new buffer, at most max bytes; -1 on error or overflow (errno). */
static int
slurp(FILE *in, size_t max, char **buf, size_t *len)
{
	size_t cap = 1 << 16, n = 0, r;
	char *b = xmalloc(cap);

	for (;;) {
		if (n == cap) {
			if (cap > max) {
				free(b);
				return errno = EFBIG, -1;
			}
			cap *= 2;
			b = xreallocarray(b, cap, 1);
		}
		r = fread(b + n, 1, cap - n, in);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(in)) {
		free(b);
		return errno = EIO, -1;
	}
	if (n > max) {
		free(b);
		return errno = EFBIG, -1;
	}
	*buf = b;
	*len = n;
	return 0;
}

json_t *
state_load(FILE *in, char *err, size_t errsz)
{
	json_t *j;
	char *buf, *nul;
	size_t len, i;

	if (slurp(in, state_max_bytes(), &buf, &len) < 0) {
		if (errno == EFBIG)
			snprintf(err, errsz, "larger than %zu MiB", state_max_bytes() >> 20);
		else
			snprintf(err, errsz, "read error: %s", strerror(errno));
		return NULL;
	}
	for (i = 0; i < len && strchr(" \t\r\n", buf[i]) != NULL; i++)
		;
	if (i == len) {
		snprintf(err, errsz, "empty input");
		free(buf);
		return NULL;
	}
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		snprintf(err, errsz, "line 1, column 1: byte order mark not allowed");
		free(buf);
		return NULL;
	}
	/* jansson skips a NUL byte after some tokens; JSON has no place for one. */
	if ((nul = memchr(buf, '\0', len)) != NULL) {
		snprintf(err, errsz, "byte %zu: NUL byte not allowed", (size_t)(nul - buf) + 1);
		free(buf);
		return NULL;
	}
	/* json_loadb's acceptance, built directly and faster (common/jparse.h). */
	j = jparse(buf, len, err, errsz);
	free(buf);
	if (j == NULL)
		return NULL;
	if (!json_is_object(j)) {
		snprintf(err, errsz, "top-level value is not an object");
		json_decref(j);
		return NULL;
	}
	return j;
}

int
file_open_regular(const char *path, size_t max, char *err, size_t errsz)
{
	struct stat sb;
	int fd;

	int e;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) == -1) {
		e = errno;
		snprintf(err, errsz, "'%s': %s", path, strerror(e));
		return errno = e, -1;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		snprintf(err, errsz, "'%s': not a regular file", path);
		close(fd);
		return errno = EINVAL, -1;
	}
	if ((unsigned long long)sb.st_size > (unsigned long long)max) {
		snprintf(err, errsz, "'%s': larger than %zu MiB", path, max >> 20);
		close(fd);
		return errno = EFBIG, -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

json_t *
state_load_file(const char *path, char *err, size_t errsz)
{
	char why[512], *near;
	json_t *j;
	FILE *f;
	int fd;

	if ((fd = file_open_regular(path, state_max_bytes(), err, errsz)) == -1)
		return NULL;
	if ((f = fdopen(fd, "r")) == NULL) {
		snprintf(err, errsz, "'%s': %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	j = state_load(f, why, sizeof(why));
	fclose(f);
	if (j == NULL) {
		/* jansson quotes the text it stopped at: keep line and column only. */
		if ((near = strstr(why, " near ")) != NULL)
			*near = '\0';
		snprintf(err, errsz, "'%s': not a JSON state: %s", path, why);
	}
	return j;
}

json_t *
state_read(FILE *in)
{
	char err[512];
	json_t *j = state_load(in, err, sizeof(err));

	if (j == NULL)
		die(EXIT_DATAERR, "invalid state on stdin: %s", err);
	return j;
}

int
state_dump(FILE *out, const json_t *j)
{
	size_t len;
	char *text = json_canonical(j, &len);
	int rc = 0;

	if (text == NULL)
		return -1;
	if (fwrite(text, 1, len, out) != len || ferror(out))
		rc = -1;
	free(text);
	return rc;
}

char *
state_dumps(const json_t *j)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int rc;

	if (f == NULL)
		return NULL;
	rc = state_dump(f, j);
	if (fclose(f) != 0 || rc < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

void
state_write(FILE *out, const json_t *state)
{
	if (state_dump(out, state) < 0) {
		if (errno == EDOM)
			die(EXIT_SOFTWARE, "non-finite number in output state");
		die(EXIT_IOERR, "unable to write state to stdout:");
	}
	putc('\n', out);
	if (fflush(out) != 0 || ferror(out))
		die(EXIT_IOERR, "unable to write state to stdout:");
	if (fclose(out) != 0)
		die(EXIT_IOERR, "unable to close stdout:");
}

json_t *
jnum(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

double
round_to(double x, int nd)
{
	double p;

	if (!isfinite(x) || nd < 0 || nd > 15)
		return x;
	p = pow(10, nd);
	return round(x * p) / p;
}

json_t *
jnum_round(double x, int nd)
{
	return jnum(round_to(x, nd));
}
