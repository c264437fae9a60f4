/* The database before a run and for the history commands (docs/ORCHESTRATOR.md). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "dbconn.h"
#include "dbread.h"
#include "die.h"
#include "run.h"

/*
 * A session over q and its connection, or NULL after error(): nothing to
 * store, so the first stop signal read from sig_fd ends a wait at once.
 */
static PGconn *
db_open(struct db *d, struct pq *q, int sig_fd)
{
	db_init(d, q, sig_fd, 0);
	return db_connect(d);
}

/* One statement; its result (new), or NULL after error() naming what. */
static PGresult *
db_exec(struct db *d, const char *sql, int n, const char *const *v,
    const char *what)
{
	PGresult *res = db_wait(d, sql, n, v, what);
	char m[512];

	if (res != NULL && !db_res_ok(d, res)) {
		error("%s: %s", what, db_msg(d, m, sizeof(m)));
		d->q->clear(res);
		return NULL;
	}
	return res;
}

/* The versions of dir's migrations as a Postgres array literal "{0001,0002}"; NULL after error(). */
static char *
versions(const char *dir, int *count)
{
	struct dirent **list;
	char *arr, *p;
	int n, i;

	if ((n = db_migrations(dir, &list)) == -1)
		return NULL;
	arr = p = xasprintf("%*s", n * 5 + 2, "");
	*p++ = '{';
	for (i = 0; i < n; i++) {
		p += sprintf(p, "%s%.4s", i > 0 ? "," : "", list[i]->d_name);
		free(list[i]);
	}
	free(list);
	*p++ = '}';
	*p = '\0';
	*count = n;
	return arr;
}

/* The first of dir's migrations not recorded, into first: 1, 0 none, -1 after error(). */
static int
pending(struct db *d, const char *arr, char *first, size_t sz)
{
	const struct pq *q = d->q;
	const char *v[1] = { arr };
	PGresult *res;
	int rc = -1;

	res = db_exec(d, "SELECT to_regclass('schema_migrations') IS NOT NULL",
	    0, NULL, "cannot look for schema_migrations");
	if (res == NULL)
		return -1;
	if (strcmp(q->getvalue(res, 0, 0), "t") != 0) {
		q->clear(res);
		snprintf(first, sz, "all");
		return 1;
	}
	q->clear(res);
	res = db_exec(d, "SELECT min(v) FROM unnest($1::text[]) AS v WHERE v NOT"
	    " IN (SELECT version FROM schema_migrations)", 1, v,
	    "cannot read schema_migrations");
	if (res != NULL) {
		rc = !q->getisnull(res, 0, 0);
		if (rc)
			snprintf(first, sz, "%s", q->getvalue(res, 0, 0));
		q->clear(res);
	}
	return rc;
}

int
db_ready(const char *dir, int sig_fd)
{
	/*
	 * Static and never unloaded: the run row loads libpq again at the end,
	 * and a second initialisation after a dlclose() leaks inside libpq's
	 * dependencies (LeakSanitizer); kept mapped, the second dlopen() only
	 * counts a reference.
	 */
	static struct pq q;
	struct db d;
	char *arr, first[64];
	int n, rc = -1;

	if ((arr = versions(dir, &n)) == NULL)
		return -1;
	if (db_open(&d, &q, sig_fd) == NULL) {
		error("no step ran: start the server (`make db` creates and starts "
		    "the local one) or correct the host in DATABASE_URL");
	} else {
		switch (pending(&d, arr, first, sizeof(first))) {
		case 0:
			rc = 0;
			break;
		case 1:
			error("no step ran: the database lacks %s%s of the %d "
			    "migrations in '%s': run `daily_run migrate` (or `make "
			    "db`)", strcmp(first, "all") == 0 ? "" : "migration ",
			    first, n, dir);
			break;
		default:
			error("no step ran: the database cannot be read");
		}
		db_close(&d);
	}
	free(arr);
	return rc;
}

char *
db_json(const char *sql, int n, const char *const *v, const char *what)
{
	struct pq q;
	struct db d;
	PGresult *res;
	char *s = NULL;

	if (db_open(&d, &q, -1) != NULL) {
		if ((res = db_exec(&d, sql, n, v, what)) != NULL) {
			if (q.ntuples(res) < 1 || q.getisnull(res, 0, 0))
				s = xasprintf("null");
			else
				s = xasprintf("%s", q.getvalue(res, 0, 0));
			q.clear(res);
		}
		db_close(&d);
	}
	pq_unload(&q);
	return s;
}
