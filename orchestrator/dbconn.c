/*
 * The database session (dbconn.h): connect with the timeouts, bounded statement
 * waits, and libpq's messages with every password taken out.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbconn.h"
#include "die.h"
#include "parse.h"
#include "proc.h"
#include "run.h"

/* Replace every occurrence of the string from in buf (size sz) with to. */
static void
scrub(char *buf, size_t sz, const char *from, const char *to)
{
	size_t fl = strlen(from), tl = strlen(to), off, tail;
	char *p = buf;

	if (fl == 0)
		return;
	while ((p = strstr(p, from)) != NULL) {
		off = (size_t)(p - buf);
		if (off + tl >= sz) {
			*p = '\0';
			break;
		}
		tail = strlen(p + fl);
		if (off + tl + tail >= sz)
			tail = sz - 1 - off - tl;
		memmove(p + tl, p + fl, tail);
		p[tl + tail] = '\0';
		memcpy(p, to, tl);
		p += tl;
	}
}

#define MAXPW 4
/* Shorter pieces of a password are not looked for: they would match anything. */
#define MINPIECE 3

/*
 * Replace the password pw (at most len bytes) and every piece of it between
 * the characters libpq splits a URI on, of MINPIECE bytes or more, with ***:
 * libpq may print a password split at a '/' or an '@' as a host, a port or a
 * database name.
 */
static void
scrub_pieces(char *buf, size_t sz, const char *pw, size_t len)
{
	char piece[256];
	size_t off, k;

	if (pw == NULL)
		return;
	len = strnlen(pw, len);
	if (len >= MINPIECE && len < sizeof(piece)) {
		memcpy(piece, pw, len);
		piece[len] = '\0';
		scrub(buf, sz, piece, "***");
	}
	for (off = 0; off < len; off += k + 1) {
		k = strcspn(pw + off, "/@:?&=#[]");
		if (k > len - off)
			k = len - off;
		if (k >= MINPIECE && k < sizeof(piece)) {
			memcpy(piece, pw + off, k);
			piece[k] = '\0';
			scrub(buf, sz, piece, "***");
		}
	}
}

/* Where key=value puts a value in a keyword/value conninfo or a URI query. */
static size_t
param_spans(const char *ci, const char *q, int uri, const char **at,
    size_t *len, size_t n)
{
	const char *p = q, *v;

	while (n < MAXPW && (p = strstr(p, "password")) != NULL) {
		v = p + 8;
		if (p != ci && !(uri ? (p[-1] == '?' || p[-1] == '&') :
		    (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n'))) {
			p = v;
			continue;
		}
		while (!uri && (*v == ' ' || *v == '\t'))
			v++;
		if (*v != '=') {
			p = v;
			continue;
		}
		v++;
		while (!uri && (*v == ' ' || *v == '\t'))
			v++;
		if (!uri && *v == '\'')
			v++;
		at[n] = v;
		len[n] = uri ? strcspn(v, "&") : strcspn(v, "' \t\n");
		p = v + len[n];
		n++;
	}
	return n;
}

/*
 * Take the passwords of DATABASE_URL out of a libpq message: some of its
 * conninfo parse errors quote the whole URI (userinfo included) or the raw
 * value it could not decode, and a password never appears in our output.
 */
static void
scrub_passwords(char *buf, size_t sz)
{
	const char *url = getenv("DATABASE_URL"), *at[MAXPW], *p, *e, *q, *h;
	size_t len[MAXPW], n = 0, i, redlen;
	char *red, quoted[512];

	scrub_pieces(buf, sz, getenv("PGPASSWORD"), SIZE_MAX);
	if (url == NULL || *url == '\0')
		return;
	if (strncmp(url, "postgresql://", 13) == 0 ||
	    strncmp(url, "postgres://", 11) == 0) {
		/*
		 * scheme://user[:password]@host: up to the last '@' before the
		 * query, not libpq's first '@' or '/', which would leave a
		 * password with a '/' or an '@' in a host or database name.
		 */
		p = strstr(url, "://") + 3;
		q = p + strcspn(p, "?");
		for (e = NULL, h = p; h < q; h++)
			if (*h == '@')
				e = h;
		if (e != NULL && (p = memchr(p, ':', (size_t)(e - p))) != NULL) {
			at[n] = p + 1;
			len[n++] = (size_t)(e - p - 1);
		}
		if ((p = strchr(url, '?')) != NULL)
			n = param_spans(p, p, 1, at, len, n);
	} else {
		n = param_spans(url, url, 0, at, len, n);
	}
	if (n == 0)
		return;
	/* The whole string, as libpq quotes it, with *** for each password. */
	if ((red = malloc(strlen(url) + 3 * n + 1)) == NULL) {
		snprintf(buf, sz, "out of memory");	/* never the raw URL */
		return;
	}
	for (p = url, i = 0, redlen = 0; i < n; p = at[i] + len[i], i++) {
		memcpy(red + redlen, p, (size_t)(at[i] - p));
		redlen += (size_t)(at[i] - p);
		memcpy(red + redlen, "***", 3);
		redlen += 3;
	}
	strcpy(red + redlen, p);
	scrub(buf, sz, url, red);
	free(red);
	/* A value quoted alone ("invalid percent-encoded token"). */
	for (i = 0; i < n; i++)
		if (len[i] > 0 && len[i] < sizeof(quoted) - 2) {
			snprintf(quoted, sizeof(quoted), "\"%.*s\"", (int)len[i],
			    at[i]);
			scrub(buf, sz, quoted, "\"***\"");
		}
	for (i = 0; i < n; i++)
		scrub_pieces(buf, sz, at[i], len[i]);
}

const char *
db_msg(const struct db *d, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s", d->q->errorMessage(d->c));
	buf[strcspn(buf, "\n")] = '\0';	/* its messages end in '\n' */
	scrub_passwords(buf, sz);
	return buf;
}

/* Host (or socket directory), port and database, for messages. */
static const char *
db_where(const struct db *d, char *buf, size_t sz)
{
	const struct pq *q = d->q;
	const char *h = q->host(d->c), *p = q->port(d->c), *n = q->db(d->c);

	/* No settings at all: DATABASE_URL or the service file did not parse. */
	if (n == NULL && (h == NULL || *h == '\0'))
		snprintf(buf, sz, "the database");
	else
		snprintf(buf, sz, "database '%s' on '%s' port %s", n ? n : "?",
		    h && *h ? h : "localhost", p && *p ? p : "5432");
	/* A password cut at a '/' or an '@' can land in any of the three. */
	scrub_passwords(buf, sz);
	return buf;
}

/* Server notices ("already exists, skipping") are not for the operator. */
static void
quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

int
db_error(struct db *d, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	vsnprintf(d->hold ? d->held : buf, d->hold ? sizeof(d->held) :
	    sizeof(buf), fmt, ap);
	va_end(ap);
	errno = e;
	return d->hold ? -1 : error("%s", buf);
}

void
db_init(struct db *d, struct pq *q, int stop_fd, long long grace_ms)
{
	memset(d, 0, sizeof(*d));
	d->q = q;
	d->timeout_s = 5;
	d->wait_mult = DB_WAIT_MULT;
	d->stop_fd = stop_fd;
	d->grace_ns = grace_ms * 1000000LL;
}

PGconn *
db_connect(struct db *d)
{
	const char *keys[] = { "connect_timeout", "options", "application_name",
		"dbname", NULL };
	const char *vals[5];
	const char *url = getenv("DATABASE_URL"), *t = getenv("DAILY_DB_TIMEOUT");
	const char *pgo = getenv("PGOPTIONS");
	char tmo[24], *opts, m[512], w[512];
	long sec = 5;
	char lerr[512];
	struct pq *q = d->q;
	PGconn *c;

	if (t != NULL && parse_long(t, 1, 3600, &sec) == -1)
		warn("DAILY_DB_TIMEOUT '%s' is not a number of seconds, using 5", t);
	d->timeout_s = sec;
	snprintf(tmo, sizeof(tmo), "%ld", sec);
	/* An explicit "options" hides PGOPTIONS (a search_path, say): keep it. */
	opts = xasprintf("%s%s-c statement_timeout=%ld", pgo ? pgo : "",
	    pgo && *pgo ? " " : "", sec * 6000);
	vals[0] = tmo;
	vals[1] = opts;
	vals[2] = "daily_run";
	/* Last, so that a URL's own parameters win over the defaults above. */
	if (url != NULL && *url != '\0')
		vals[3] = url;
	else
		vals[3] = getenv("PGDATABASE") ? NULL : "daily_run";
	vals[4] = NULL;
	if (pq_load(q, lerr, sizeof(lerr)) == -1) {
		db_error(d, "%s", lerr);
		free(opts);
		return NULL;
	}
	c = q->connectdbParams(keys, vals, 1);
	free(opts);
	if (c == NULL) {
		db_error(d, "cannot connect to the database: out of memory");
		return NULL;
	}
	d->c = c;
	if (q->status(c) != CONNECTION_OK) {
		db_error(d, "cannot connect to %s: %s", db_where(d, w, sizeof(w)),
		    db_msg(d, m, sizeof(m)));
		db_close(d);
		return NULL;
	}
	q->setNoticeProcessor(c, quiet, NULL);
	return c;
}

void
db_close(struct db *d)
{
	if (d->c != NULL)
		d->q->finish(d->c);
	d->c = NULL;
}

int
db_res_ok(const struct db *d, const PGresult *res)
{
	ExecStatusType st = d->q->resultStatus(res);

	return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}

/*
 * A stop signal on d->stop_fd while waiting: the first leaves the server the
 * grace period (so that a second Ctrl-C after an aborted step does not cost
 * the row of a healthy database), moving *deadline in; a second one stops the
 * wait at once (-1 after db_error()).
 */
static int
stop_signal(struct db *d, long long *deadline, const char *what)
{
	int sig = proc_pending_abort(d->stop_fd);

	if (sig == 0)
		return 0;
	if (d->stop_sig != 0)
		return db_error(d, "%s: interrupted by signal %d", what, sig);
	d->stop_sig = sig;
	d->stop_deadline = mono_ns() + d->grace_ns;
	if (d->stop_deadline < *deadline)
		*deadline = d->stop_deadline;
	return 0;
}

/*
 * The results of the statement sent, into *keep (the first failed one, else
 * the last): 1 all read, 0 libpq is still busy.
 */
static int
drain(const struct db *d, PGresult **keep)
{
	const struct pq *q = d->q;
	PGresult *res;

	while (!q->isBusy(d->c)) {
		if ((res = q->getResult(d->c)) == NULL)
			return 1;
		if (*keep != NULL && !db_res_ok(d, *keep)) {
			q->clear(res);
		} else {
			q->clear(*keep);
			*keep = res;
		}
	}
	return 0;
}

/*
 * A server that stops answering after the connection (hung, stopped, a peer
 * that only ACKs) would leave a blocking PQexec, and the date's lock, waiting
 * forever, and the signals that could stop us are blocked: so each statement
 * is sent, then polled for up to wait_mult timeouts (dbconn.h).
 */
PGresult *
db_wait(struct db *d, const char *sql, int n, const char *const *v,
    const char *what)
{
	const struct pq *q = d->q;
	long long wait_s = d->timeout_s * d->wait_mult, left,
	    deadline = mono_ns() + wait_s * 1000000000LL;
	PGresult *keep = NULL;
	struct pollfd pfd[2];
	char m[512], w[512];
	int ok;

	if (d->stop_sig != 0 && d->stop_deadline < deadline)
		deadline = d->stop_deadline;
	ok = n < 0 ? q->sendQuery(d->c, sql) :
	    q->sendQueryParams(d->c, sql, n, NULL, v, NULL, NULL, 0);
	if (!ok) {
		db_error(d, "%s: %s", what, db_msg(d, m, sizeof(m)));
		return NULL;
	}
	for (;;) {
		if (drain(d, &keep)) {
			if (keep == NULL)
				db_error(d, "%s: no result", what);
			return keep;
		}
		if ((left = (deadline - mono_ns()) / 1000000) <= 0) {
			if (d->stop_sig != 0)
				db_error(d, "%s: interrupted by signal %d", what,
				    d->stop_sig);
			else
				db_error(d, "%s: no answer from %s in %llds", what,
				    db_where(d, w, sizeof(w)), wait_s);
			break;
		}
		pfd[0].fd = q->socket(d->c);
		pfd[0].events = POLLIN;
		pfd[1].fd = d->stop_fd;
		pfd[1].events = POLLIN;
		if (poll(pfd, d->stop_fd >= 0 ? 2 : 1, (int)left) == -1) {
			if (errno == EINTR)
				continue;
			db_error(d, "%s: poll:", what);
			break;
		}
		if (d->stop_fd >= 0 && pfd[1].revents &&
		    stop_signal(d, &deadline, what) == -1)
			break;
		if (pfd[0].revents && !q->consumeInput(d->c)) {
			db_error(d, "%s: %s", what, db_msg(d, m, sizeof(m)));
			break;
		}
	}
	/* The open transaction, if any, is rolled back when we hang up. */
	q->clear(keep);
	return NULL;
}

int
db_ok(struct db *d, const char *sql, int n, const char *const *v,
    const char *what)
{
	PGresult *res = db_wait(d, sql, n, v, what);
	char m[512];
	int rc = 0;

	if (res == NULL)
		return -1;
	if (!db_res_ok(d, res))
		rc = db_error(d, "%s: %s", what, db_msg(d, m, sizeof(m)));
	d->q->clear(res);
	return rc;
}
