/*
 * The run row and the track record row, written in one transaction, and the
 * track record read before a run, over a dbconn.h session (docs/ORCHESTRATOR.md
 * "Database", "The track record").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "dbconn.h"
#include "die.h"
#include "row.h"
#include "track.h"

/*
 * After a COMMIT that failed: whether the row with this id is stored, on a
 * new connection with d's settings and stop signal. 1 yes, 0 no, -1 unknown
 * (after error()).
 */
static int
row_stored(const struct db *d, const char *id)
{
	struct pq q;
	struct db s = *d;
	PGresult *res;
	int n = -1;

	s.q = &q;
	s.c = NULL;
	s.hold = 0;
	if (db_connect(&s) != NULL) {
		res = db_wait(&s, "SELECT 1 FROM pipeline_runs WHERE id = $1::uuid",
		    1, &id, "cannot look for the run row");
		if (res != NULL && q.resultStatus(res) == PGRES_TUPLES_OK)
			n = q.ntuples(res) > 0;
		q.clear(res);
		db_close(&s);
	}
	pq_unload(&q);
	return n;
}

/*
 * COMMIT; when it fails, the row may still be stored (its acknowledgement may
 * have been lost): the error is held until the row has been looked for by id.
 */
static int
commit_row(struct db *d, const char *id)
{
	char why[sizeof(d->held)];
	int rc, st;

	d->hold = 1;
	rc = db_ok(d, "COMMIT", 0, NULL, "cannot commit the run row");
	d->hold = 0;
	if (rc == 0)
		return 0;
	snprintf(why, sizeof(why), "%s", d->held);
	if ((st = row_stored(d, id)) == 1) {
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
	struct db d;
	int rc = -1;

	db_init(&d, &q, sig_fd, grace_ms);
	if (db_connect(&d) != NULL) {
		if (db_ok(&d, "BEGIN", 0, NULL,
		    "cannot begin the transaction") == 0 &&
		    db_ok(&d, ROW_INSERT, ROW_NPARAM,
		    (const char *const *)w->v, "cannot insert the run row") == 0 &&
		    (t == NULL || db_ok(&d, TRACK_UPSERT, TRACK_NPARAM,
		    (const char *const *)t->v, "cannot store the track record row") == 0))
			rc = commit_row(&d, w->v[0]);
		db_close(&d);	/* an open transaction is rolled back */
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
	struct db d;
	PGresult *res = NULL;
	json_t *out = NULL;
	char m[512];

	/* Quiet, one timeout a statement, no stop signal consumed (db.h). */
	db_init(&d, &q, -1, 0);
	d.hold = 1;
	d.wait_mult = 1;
	if (db_connect(&d) != NULL) {
		res = db_wait(&d, TRACK_SELECT, 1, &as_of, "cannot read the track record");
		if (res != NULL && q.resultStatus(res) == PGRES_TUPLES_OK &&
		    q.nfields(res) == TRACK_SELECT_COLUMNS)
			out = track_json(&q, res);
		else if (res != NULL && q.resultStatus(res) == PGRES_TUPLES_OK)
			db_error(&d, "cannot read the track record: %d columns, not %d",
			    q.nfields(res), TRACK_SELECT_COLUMNS);
		else if (res != NULL)
			db_error(&d, "cannot read the track record: %s",
			    db_msg(&d, m, sizeof(m)));
		q.clear(res);
		db_close(&d);
	}
	/*
	 * libpq stays loaded (the write at the end maps it again): unloading it
	 * and loading it again loses its one-time allocations (LeakSanitizer).
	 */
	if (out == NULL)
		snprintf(why, whysz, "%s", d.held);
	return out;
}

