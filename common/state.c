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
#include "jcanon.h"
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

/* Read in and apply the checks made before decoding: 0 with the text, or -1 and err. */
static int
read_input(FILE *in, char **bufp, size_t *lenp, char *err, size_t errsz)
{
	char *buf, *nul;
	size_t len, i;

	if (slurp(in, state_max_bytes(), &buf, &len) < 0) {
		if (errno == EFBIG)
			snprintf(err, errsz, "larger than %zu MiB", state_max_bytes() >> 20);
		else
			snprintf(err, errsz, "read error: %s", strerror(errno));
		return -1;
	}
	for (i = 0; i < len && strchr(" \t\r\n", buf[i]) != NULL; i++)
		;
	if (i == len) {
		snprintf(err, errsz, "empty input");
		free(buf);
		return -1;
	}
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		snprintf(err, errsz, "line 1, column 1: byte order mark not allowed");
		free(buf);
		return -1;
	}
	/* jansson skips a NUL byte after some tokens; JSON has no place for one. */
	if ((nul = memchr(buf, '\0', len)) != NULL) {
		snprintf(err, errsz, "byte %zu: NUL byte not allowed", (size_t)(nul - buf) + 1);
		free(buf);
		return -1;
	}
	*bufp = buf;
	*lenp = len;
	return 0;
}

/* The whole text decoded; it must be an object. */
static json_t *
decode(const char *buf, size_t len, char *err, size_t errsz)
{
	/* json_loadb's acceptance, built directly and faster (common/jparse.h). */
	json_t *j = jparse(buf, len, err, errsz);

	if (j != NULL && !json_is_object(j)) {
		snprintf(err, errsz, "top-level value is not an object");
		json_decref(j);
		return NULL;
	}
	return j;
}

json_t *
state_load(FILE *in, char *err, size_t errsz)
{
	json_t *j;
	char *buf;
	size_t len;

	if (read_input(in, &buf, &len, err, errsz) < 0)
		return NULL;
	j = decode(buf, len, err, errsz);
	free(buf);
	return j;
}

static const char *
ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* Length of a plain key after its opening quote (printable ASCII, no escape), or -1. */
static long
key_len(const char *k, const char *end)
{
	const char *p;

	for (p = k; p < end && *p != '"'; p++)
		if (*p < 0x20 || *p > 0x7e || *p == '\\')
			return -1;
	return p < end ? p - k : -1;
}

static int
declared(const char *const *reads, const char *k, size_t n)
{
	if (reads[0] != NULL && strcmp(reads[0], "*") == 0)
		return 1;	/* every section (common/step.h) */
	for (; *reads != NULL; reads++)
		if (strlen(*reads) == n && memcmp(*reads, k, n) == 0)
			return 1;
	return 0;
}

/*
 * Up to this input size a section the step reads is also written from its input text
 * (saves formatting it again); above, memory comes first and the input is freed once
 * decoded (docs/STATE.md "Reading and writing the state").
 */
#define KEEP_READ_MAX ((size_t)16 << 20)

/* Record p[0..n) as the text to write for v (a new reference is taken). */
static void
keep_text(struct state_in *st, json_t *v, const char *p, size_t n)
{
	st->raw = xreallocarray(st->raw, st->nraw + 1, sizeof(*st->raw));
	st->raw[st->nraw++] = (struct jsonout_raw){ json_incref(v), p, n };
}

/* The marker that stands for undecoded section k (see state.h). */
static json_t *
marker(const char *who, const char *k, size_t kl)
{
	char mark[200];

	snprintf(mark, sizeof(mark), "not decoded: step-%s does not list '%.*s' in its "
	    "reads (common/step.h)", who, (int)kl, k);
	return json_string(mark);
}

/*
 * One top-level member at *pp (its key's quote); -1 when the fast route does not
 * apply. A canonical section keeps its text for the output, decoded when declared (a
 * step passes the sections it reads through untouched, docs/ARCHITECTURE.md).
 */
static int
member(struct state_in *st, const char *who, const char *const *reads, const char **pp,
    const char *end)
{
	const char *p = *pp, *k = p + 1;
	long kl = key_len(k, end);
	size_t used, canon;
	json_t *v;

	if (kl <= 0)
		return -1;
	p = ws(k + kl + 1, end);
	if (p == end || *p != ':')
		return -1;
	p = ws(p + 1, end);
	if (json_object_getn(st->doc, k, (size_t)kl) != NULL)
		return -1;
	canon = jcanon_span(p, (size_t)(end - p), 1);
	if (canon > 0 && !declared(reads, k, (size_t)kl))
		v = marker(who, k, (size_t)kl), used = canon;
	else {
		v = jparse_prefix(p, (size_t)(end - p), 1, &used);
		if (st->len > KEEP_READ_MAX)
			canon = 0;	/* written from the tree: the input can go */
	}
	if (v == NULL || json_object_setn_new_nocheck(st->doc, k, (size_t)kl, v) < 0)
		return -1;
	if (canon > 0)
		keep_text(st, v, p, canon);
	*pp = p + used;
	return 0;
}

/* The sections of buf into st (decoded or kept); -1 when the fast route does not apply. */
static int
split(struct state_in *st, const char *who, const char *const *reads)
{
	const char *p = st->buf, *end = st->buf + st->len;

	if ((st->doc = json_object()) == NULL)
		return -1;
	p = ws(p, end);
	if (p == end || *p++ != '{')
		return -1;
	p = ws(p, end);
	if (p < end && *p == '}')
		return ws(p + 1, end) == end ? 0 : -1;
	for (;;) {
		if (p == end || *p != '"' || member(st, who, reads, &p, end) < 0)
			return -1;
		p = ws(p, end);
		if (p < end && *p == ',') {
			p = ws(p + 1, end);
			continue;
		}
		if (p < end && *p == '}')
			return ws(p + 1, end) == end ? 0 : -1;
		return -1;
	}
}

/*
 * Free the input text once decoded when little or none of it is kept: the kept texts
 * move to a buffer of their own when they are under a quarter of the input.
 */
static void
compact(struct state_in *st)
{
	size_t i, kept = 0, off = 0;
	char *small;

	for (i = 0; i < st->nraw; i++)
		kept += st->raw[i].len;
	if (kept >= st->len / 4 && kept > 0)
		return;
	small = kept > 0 ? xmalloc(kept) : NULL;
	for (i = 0; i < st->nraw; i++) {
		memcpy(small + off, st->raw[i].text, st->raw[i].len);
		st->raw[i].text = small + off;
		off += st->raw[i].len;
	}
	free(st->buf);
	st->buf = small;
	st->len = kept;
}

void
state_in_free(struct state_in *st)
{
	size_t i;

	for (i = 0; i < st->nraw; i++)
		json_decref((json_t *)st->raw[i].mark);
	free(st->raw);
	json_decref(st->doc);
	free(st->buf);
	memset(st, 0, sizeof(*st));
}

int
state_split(char *buf, size_t len, const char *who, const char *const *reads,
    struct state_in *st, char *err, size_t errsz)
{
	memset(st, 0, sizeof(*st));
	st->buf = buf;
	st->len = len;
	if (reads != NULL && split(st, who, reads) == 0) {
		compact(st);
		return 0;
	}
	/* Anything unusual (invalid, a duplicate, an escaped key): decode it all. */
	st->buf = NULL;
	state_in_free(st);
	st->doc = decode(buf, len, err, errsz);
	free(buf);
	return st->doc != NULL ? 0 : -1;
}

void
state_read_sections(FILE *in, const char *who, const char *const *reads, struct state_in *st)
{
	char err[512], *buf;
	size_t len;

	if (read_input(in, &buf, &len, err, sizeof(err)) < 0 ||
	    state_split(buf, len, who, reads, st, err, sizeof(err)) < 0)
		die(EXIT_DATAERR, "invalid state on stdin: %s", err);
}

char *
state_dumps_sections(const struct state_in *st, size_t *len)
{
	return json_canonical_raw(st->doc, st->raw, st->nraw, len);
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
		/* Keep line and column only, should a reason ever quote the text. */
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

/* text + '\n' on out, then fflush, ferror and fclose; dies EXIT_IOERR on failure. */
static void
write_text(FILE *out, const char *text, size_t len)
{
	if (fwrite(text, 1, len, out) != len || putc('\n', out) == EOF ||
	    fflush(out) != 0 || ferror(out))
		die(EXIT_IOERR, "unable to write state to stdout:");
	if (fclose(out) != 0)
		die(EXIT_IOERR, "unable to close stdout:");
}

/* The canonical text of j (kept texts in raw) on out, then '\n'; dies on failure. */
static void
write_state(FILE *out, const json_t *j, const struct jsonout_raw *raw, size_t nraw)
{
	if (json_canonical_write(out, j, raw, nraw) < 0) {
		if (errno == EDOM)
			die(EXIT_SOFTWARE, "non-finite number in output state");
		die(EXIT_IOERR, "unable to write state to stdout:");
	}
}

/*
 * Streamed: the output text is never whole in memory (peak memory, docs/STATE.md).
 * jansson holds no non-finite real (json_real refuses them), so EDOM cannot cut it.
 */
void
state_write(FILE *out, const json_t *state)
{
	write_state(out, state, NULL, 0);
	write_text(out, "", 0);
}

void
state_write_sections(FILE *out, struct state_in *st)
{
	write_state(out, st->doc, st->raw, st->nraw);
	write_text(out, "", 0);
}

json_t *
jnum(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

double
round_to(double x, int nd)
{
	/* 10^nd, exact doubles as pow(10, nd) returns them: no libm call a value. */
	static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
		1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };

	if (!isfinite(x) || nd < 0 || nd > 15)
		return x;
	return round(x * p10[nd]) / p10[nd];
}

json_t *
jnum_round(double x, int nd)
{
	return jnum(round_to(x, nd));
}
