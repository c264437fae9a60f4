/* The run row and the migrations, through libpq with parameterised statements. */
/* _DEFAULT_SOURCE: scandir(3) and alphasort(3). */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "dbread.h"
#include "die.h"
#include "parse.h"
#include "pq.h"
#include "proc.h"
#include "row.h"
#include "run.h"
#include "track.h"

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

/* The first line of libpq's last message (its messages end in '\n'), no password. */
static const char *
pq_msg(const struct pq *q, const PGconn *c, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s", q->errorMessage(c));
	buf[strcspn(buf, "\n")] = '\0';
	scrub_passwords(buf, sz);
	return buf;
}

/* Host (or socket directory), port and database, for messages. */
static const char *
pq_where(const struct pq *q, const PGconn *c, char *buf, size_t sz)
{
	const char *h = q->host(c), *p = q->port(c), *d = q->db(c);

	/* No settings at all: DATABASE_URL or the service file did not parse. */
	if (d == NULL && (h == NULL || *h == '\0'))
		snprintf(buf, sz, "the database");
	else
		snprintf(buf, sz, "database '%s' on '%s' port %s", d ? d : "?",
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

/*
 * While hold_errors is set, the errors of exec_wait() and exec_ok() are kept in
 * held instead of printed: a failed COMMIT is only reported after the row has
 * been looked for by its id (its acknowledgement may have been lost).
 */
static int hold_errors;
static char held[512];

static int db_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* error(), or kept in held while hold_errors is set; returns -1. */
static int
db_error(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	vsnprintf(hold_errors ? held : buf, hold_errors ? sizeof(held) :
	    sizeof(buf), fmt, ap);
	va_end(ap);
	errno = e;
	return hold_errors ? -1 : error("%s", buf);
}

/* DAILY_DB_TIMEOUT: connect_timeout, and statement_timeout is 6 times it. */
static long timeout_s = 5;
/* A statement's wait, in DAILY_DB_TIMEOUTs: 7 (statement plus connect timeout). */
static long wait_mult = 7;
/* SIGINT/SIGTERM/SIGHUP/SIGQUIT while waiting for the server (a signalfd), or -1. */
static int stop_fd = -1;
/* The first stop signal, and the end of the grace it leaves the server. */
static int stop_sig;
static long long stop_grace_ns, stop_deadline;

/* A new connection, or NULL after error(). */
static PGconn *
db_connect(struct pq *q)
{
	const char *keys[] = { "connect_timeout", "options", "application_name",
		"dbname", NULL };
	const char *vals[5];
	const char *url = getenv("DATABASE_URL"), *t = getenv("DAILY_DB_TIMEOUT");
	const char *pgo = getenv("PGOPTIONS");
	char tmo[24], *opts, m[512], w[512];
	long sec = 5;
	char lerr[512];
	PGconn *c;

	if (t != NULL && parse_long(t, 1, 3600, &sec) == -1)
		warn("DAILY_DB_TIMEOUT '%s' is not a number of seconds, using 5", t);
	timeout_s = sec;
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
		db_error("%s", lerr);
		free(opts);
		return NULL;
	}
	c = q->connectdbParams(keys, vals, 1);
	free(opts);
	if (c == NULL) {
		db_error("cannot connect to the database: out of memory");
		return NULL;
	}
	if (q->status(c) != CONNECTION_OK) {
		db_error("cannot connect to %s: %s", pq_where(q, c, w, sizeof(w)),
		    pq_msg(q, c, m, sizeof(m)));
		q->finish(c);
		return NULL;
	}
	q->setNoticeProcessor(c, quiet, NULL);
	return c;
}

static int
res_ok(const struct pq *q, const PGresult *res)
{
	ExecStatusType st = q->resultStatus(res);

	return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}

/*
 * Send sql (with n parameters v; n < 0: the simple protocol, several
 * statements allowed) and wait for its results, at most the server's
 * statement_timeout plus the connect timeout: a server that stops answering
 * after the connection (hung, stopped, a peer that only ACKs) would leave a
 * blocking PQexec, and the date's lock, waiting forever, and the signals
 * that could stop us are blocked. A first stop signal on stop_fd
 * leaves the server the grace period (so that a second Ctrl-C after an
 * aborted step does not cost the row of a healthy database); a second one
 * stops the wait at once. Returns the first failed result, else the last
 * (new), or NULL after error() naming what.
 */
static PGresult *
exec_wait(const struct pq *q, PGconn *c, const char *sql, int n,
    const char *const *v, const char *what)
{
	long long wait_s = timeout_s * wait_mult, left,
	    deadline = mono_ns() + wait_s * 1000000000LL;

	if (stop_sig != 0 && stop_deadline < deadline)
		deadline = stop_deadline;
	PGresult *res, *keep = NULL;
	struct pollfd pfd[2];
	char m[512], w[512];
	int ok, sig;

	ok = n < 0 ? q->sendQuery(c, sql) :
	    q->sendQueryParams(c, sql, n, NULL, v, NULL, NULL, 0);
	if (!ok) {
		db_error("%s: %s", what, pq_msg(q, c, m, sizeof(m)));
		return NULL;
	}
	for (;;) {
		while (!q->isBusy(c)) {
			if ((res = q->getResult(c)) == NULL) {
				if (keep == NULL)
					db_error("%s: no result", what);
				return keep;
			}
			if (keep != NULL && !res_ok(q, keep)) {
				q->clear(res);
			} else {
				q->clear(keep);
				keep = res;
			}
		}
		if ((left = (deadline - mono_ns()) / 1000000) <= 0) {
			if (stop_sig != 0)
				db_error("%s: interrupted by signal %d", what,
				    stop_sig);
			else
				db_error("%s: no answer from %s in %llds", what,
				    pq_where(q, c, w, sizeof(w)), wait_s);
			break;
		}
		pfd[0].fd = q->socket(c);
		pfd[0].events = POLLIN;
		pfd[1].fd = stop_fd;
		pfd[1].events = POLLIN;
		if (poll(pfd, stop_fd >= 0 ? 2 : 1, (int)left) == -1) {
			if (errno == EINTR)
				continue;
			db_error("%s: poll:", what);
			break;
		}
		if (stop_fd >= 0 && pfd[1].revents &&
		    (sig = proc_pending_abort(stop_fd)) != 0) {
			if (stop_sig != 0) {
				db_error("%s: interrupted by signal %d", what, sig);
				break;
			}
			stop_sig = sig;
			stop_deadline = mono_ns() + stop_grace_ns;
			if (stop_deadline < deadline)
				deadline = stop_deadline;
		}
		if (pfd[0].revents && !q->consumeInput(c)) {
			db_error("%s: %s", what, pq_msg(q, c, m, sizeof(m)));
			break;
		}
	}
	/* The open transaction, if any, is rolled back when we hang up. */
	q->clear(keep);
	return NULL;
}

/* Run a statement without result rows; 0 or -1 after db_error(). */
static int
exec_ok(const struct pq *q, PGconn *c, const char *sql, int n,
    const char *const *v, const char *what)
{
	PGresult *res = exec_wait(q, c, sql, n, v, what);
	char m[512];
	int rc = 0;

	if (res == NULL)
		return -1;
	if (!res_ok(q, res))
		rc = db_error("%s: %s", what, pq_msg(q, c, m, sizeof(m)));
	q->clear(res);
	return rc;
}

/*
 * After a COMMIT that failed: whether the row with this id is stored, on a
 * new connection. 1 yes, 0 no, -1 unknown (after error()).
 */
static int
row_stored(const char *id)
{
	struct pq q;
	PGconn *c;
	PGresult *res;
	int n = -1;

	if ((c = db_connect(&q)) != NULL) {
		res = exec_wait(&q, c, "SELECT 1 FROM pipeline_runs WHERE id = $1::uuid",
		    1, &id, "cannot look for the run row");
		if (res != NULL && q.resultStatus(res) == PGRES_TUPLES_OK)
			n = q.ntuples(res) > 0;
		q.clear(res);
		q.finish(c);
	}
	pq_unload(&q);
	return n;
}

/* COMMIT; when it fails, the row may still be stored: look for it by id. */
static int
commit_row(const struct pq *q, PGconn *c, const char *id)
{
	char why[sizeof(held)];
	int rc, st;

	hold_errors = 1;
	rc = exec_ok(q, c, "COMMIT", 0, NULL, "cannot commit the run row");
	hold_errors = 0;
	if (rc == 0)
		return 0;
	snprintf(why, sizeof(why), "%s", held);
	if ((st = row_stored(id)) == 1) {
		warn("%s; the run row %s is stored all the same (the COMMIT's "
		    "acknowledgement was lost)", why, id);
		return 0;
	}
	if (st == 0)
		return error("%s", why);
	return error("%s; whether the run row %s is stored is unknown", why, id);
}

int
db_write_run(const struct row *w, const struct track_row *t, int sig_fd,
    long long grace_ms)
{
	struct pq q;
	PGconn *c;
	int rc = -1;

	stop_fd = sig_fd;
	stop_sig = 0;
	stop_grace_ns = grace_ms * 1000000LL;
	if ((c = db_connect(&q)) != NULL) {
		if (exec_ok(&q, c, "BEGIN", 0, NULL,
		    "cannot begin the transaction") == 0 &&
		    exec_ok(&q, c, ROW_INSERT, ROW_NPARAM,
		    (const char *const *)w->v, "cannot insert the run row") == 0 &&
		    (t == NULL || exec_ok(&q, c, TRACK_UPSERT, TRACK_NPARAM,
		    (const char *const *)t->v, "cannot store the track record row") == 0))
			rc = commit_row(&q, c, w->v[0]);
		q.finish(c);	/* an open transaction is rolled back */
	}
	pq_unload(&q);
	return rc;
}

/* Column j of row i as a JSON number, null when NULL or not a number. */
static json_t *
num_at(const struct pq *q, const PGresult *res, int i, int j)
{
	char *end;
	double v;

	if (q->getisnull(res, i, j))
		return json_null();
	v = strtod(q->getvalue(res, i, j), &end);
	return *end == '\0' ? json_real(v) : json_null();
}

/* {"rows":[{"date","pnl","var95","var99"}…],"prediction":{"var95","var99"}|null}. */
static json_t *
track_json(const struct pq *q, const PGresult *res)
{
	json_t *rows = json_array(), *pred = json_null();
	int i, n = q->ntuples(res);

	for (i = 0; i < n; i++)
		json_array_append_new(rows, json_pack("{s:s,s:o,s:o,s:o}", "date",
		    q->getvalue(res, i, 0), "pnl", num_at(q, res, i, 1), "var95",
		    num_at(q, res, i, 2), "var99", num_at(q, res, i, 3)));
	if (n > 0) {
		json_decref(pred);
		pred = json_pack("{s:o,s:o}", "var95", num_at(q, res, n - 1, 4), "var99",
		    num_at(q, res, n - 1, 5));
	}
	return json_pack("{s:o,s:o}", "rows", rows, "prediction", pred);
}

json_t *
db_read_track(const char *as_of, char *why, size_t whysz)
{
	static struct pq q;	/* see below */
	PGconn *c;
	PGresult *res = NULL;
	json_t *out = NULL;
	char m[512];

	hold_errors = 1;
	held[0] = '\0';
	wait_mult = 1;
	stop_fd = -1;
	stop_sig = 0;
	if ((c = db_connect(&q)) != NULL) {
		res = exec_wait(&q, c, TRACK_SELECT, 1, &as_of, "cannot read the track record");
		if (res != NULL && q.resultStatus(res) == PGRES_TUPLES_OK &&
		    q.nfields(res) == TRACK_SELECT_COLUMNS)
			out = track_json(&q, res);
		else if (res != NULL && q.resultStatus(res) == PGRES_TUPLES_OK)
			db_error("cannot read the track record: %d columns, not %d",
			    q.nfields(res), TRACK_SELECT_COLUMNS);
		else if (res != NULL)
			db_error("cannot read the track record: %s",
			    pq_msg(&q, c, m, sizeof(m)));
		q.clear(res);
		q.finish(c);
	}
	/*
	 * libpq stays loaded (the write at the end maps it again): unloading it
	 * and loading it again loses its one-time allocations (LeakSanitizer).
	 */
	if (out == NULL)
		snprintf(why, whysz, "%s", held);
	hold_errors = 0;
	wait_mult = 7;
	return out;
}

/* Read a whole file into a new string, or NULL after error(). */
static char *
slurp_file(const char *path)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	size_t len = 0, n;
	char chunk[8192];
	FILE *m;

	if (f == NULL) {
		error("cannot open '%s':", path);
		return NULL;
	}
	if ((m = open_memstream(&buf, &len)) == NULL)
		die(1, "out of memory");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		fwrite(chunk, 1, n, m);
	if (ferror(f)) {
		fclose(m);
		free(buf);
		fclose(f);
		error("cannot read '%s':", path);
		return NULL;
	}
	fclose(f);
	fclose(m);
	return buf;
}

/* The advisory lock key of "daily_run migrate" (docs/ORCHESTRATOR.md). */
#define MIGRATE_LOCK_KEY "7305040501"

/* NNNN_name.sql */
static int
is_migration(const struct dirent *e)
{
	const char *s = e->d_name;
	size_t n = strlen(s);

	return n > 9 && strspn(s, "0123456789") == 4 && s[4] == '_' &&
	    strcmp(s + n - 4, ".sql") == 0;
}

/* Apply one migration unless recorded: 1 applied, 0 already there, -1 error. */
static int
apply_one(const struct pq *q, PGconn *c, const char *dir, const char *file)
{
	char version[5], *path, *sql;
	const char *v[2];
	PGresult *res;
	int have, rc = -1;

	memcpy(version, file, 4);
	version[4] = '\0';
	v[0] = version;
	v[1] = file;
	if (exec_ok(q, c, "BEGIN", 0, NULL, "cannot begin a migration") == -1 ||
	    exec_ok(q, c, "LOCK TABLE schema_migrations IN SHARE ROW EXCLUSIVE MODE",
	    0, NULL, "cannot lock schema_migrations") == -1)
		return -1;
	if ((res = exec_wait(q, c, "SELECT 1 FROM schema_migrations WHERE"
	    " version = $1", 1, v, "cannot read schema_migrations")) == NULL)
		return -1;
	have = q->resultStatus(res) == PGRES_TUPLES_OK ? q->ntuples(res) : -1;
	q->clear(res);
	if (have != 0) {
		if (have < 0)
			return error("cannot read schema_migrations");
		return exec_ok(q, c, "COMMIT", 0, NULL, "cannot commit") == 0 ? 0 : -1;
	}
	path = xasprintf("%s/%s", dir, file);
	if ((sql = slurp_file(path)) != NULL) {
		char m[512], *what = xasprintf("migration '%s' failed", path);

		res = exec_wait(q, c, sql, -1, NULL, what);
		if (res != NULL && res_ok(q, res)) {
			if (exec_ok(q, c, "INSERT INTO schema_migrations (version, name)"
			    " VALUES ($1, $2)", 2, v, "cannot record the migration") == 0 &&
			    exec_ok(q, c, "COMMIT", 0, NULL, "cannot commit") == 0)
				rc = 1;
		} else if (res != NULL) {
			error("%s: %s", what, pq_msg(q, c, m, sizeof(m)));
		}
		q->clear(res);
		free(what);
		free(sql);
	}
	free(path);
	return rc;
}

int
db_migrate(const char *dir)
{
	struct dirent **list;
	struct pq q;
	PGconn *c;
	int n, i, r, applied = 0, rc = 0;

	if ((n = scandir(dir, &list, is_migration, alphasort)) == -1)
		return error("cannot read the migrations in '%s':", dir);
	if ((c = db_connect(&q)) == NULL)
		rc = -1;
	/* One migrator at a time: two CREATE TABLE IF NOT EXISTS on a new database
	 * race in pg_type (duplicate key). Session lock, released at disconnect. */
	else if (exec_ok(&q, c, "SELECT pg_advisory_lock(" MIGRATE_LOCK_KEY ")", 0,
	    NULL, "cannot take the migration lock") == -1)
		rc = -1;
	else if (exec_ok(&q, c, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version text PRIMARY KEY, name text NOT NULL,"
	    " applied_at timestamptz NOT NULL DEFAULT now())", 0, NULL,
	    "cannot create schema_migrations") == -1)
		rc = -1;
	for (i = 0; i < n; i++) {
		if (rc == 0 && (r = apply_one(&q, c, dir, list[i]->d_name)) == -1)
			rc = -1;
		else if (rc == 0 && r == 1 && ++applied)
			printf("migrate: applied %s\n", list[i]->d_name);
		free(list[i]);
	}
	free(list);
	if (rc == 0)
		printf("migrate: %d applied, %d up to date\n", applied, n - applied);
	if (c != NULL)
		q.finish(c);
	pq_unload(&q);
	return rc;
}

/*
 * For the readers of the run table (dbread.c): a connection and statements
 * with the bounds above; the first stop signal on sig_fd ends a wait at once
 * (nothing to store, so no grace).
 */
PGconn *
db_open(struct pq *q, int sig_fd)
{
	stop_fd = sig_fd;
	stop_sig = 0;
	stop_grace_ns = 0;
	return db_connect(q);
}

PGresult *
db_exec(const struct pq *q, PGconn *c, const char *sql, int n,
    const char *const *v, const char *what)
{
	PGresult *res = exec_wait(q, c, sql, n, v, what);
	char m[512];

	if (res != NULL && !res_ok(q, res)) {
		error("%s: %s", what, pq_msg(q, c, m, sizeof(m)));
		q->clear(res);
		return NULL;
	}
	return res;
}
