/*
 * daily_run migrate: apply the pending migrations of a directory, each in its
 * own transaction recorded in schema_migrations (docs/ORCHESTRATOR.md
 * "Database"), over a dbconn.h session.
 */
/* _DEFAULT_SOURCE: scandir(3) and alphasort(3). */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "dbconn.h"
#include "die.h"
#include "run.h"

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

int
db_migrations(const char *dir, struct dirent ***list)
{
	int n;

	if ((n = scandir(dir, list, is_migration, alphasort)) == -1)
		error("cannot read the migrations in '%s':", dir);
	return n;
}

/* Apply one migration unless recorded: 1 applied, 0 already there, -1 error. */
static int
apply_one(struct db *d, const char *dir, const char *file)
{
	char version[5], *path, *sql;
	const char *v[2];
	PGresult *res;
	int have, rc = -1;

	memcpy(version, file, 4);
	version[4] = '\0';
	v[0] = version;
	v[1] = file;
	if (db_ok(d, "BEGIN", 0, NULL, "cannot begin a migration") == -1 ||
	    db_ok(d, "LOCK TABLE schema_migrations IN SHARE ROW EXCLUSIVE MODE",
	    0, NULL, "cannot lock schema_migrations") == -1)
		return -1;
	if ((res = db_wait(d, "SELECT 1 FROM schema_migrations WHERE"
	    " version = $1", 1, v, "cannot read schema_migrations")) == NULL)
		return -1;
	have = d->q->resultStatus(res) == PGRES_TUPLES_OK ? d->q->ntuples(res) : -1;
	d->q->clear(res);
	if (have != 0) {
		if (have < 0)
			return error("cannot read schema_migrations");
		return db_ok(d, "COMMIT", 0, NULL, "cannot commit") == 0 ? 0 : -1;
	}
	path = xasprintf("%s/%s", dir, file);
	if ((sql = slurp_file(path)) != NULL) {
		char m[512], *what = xasprintf("migration '%s' failed", path);

		res = db_wait(d, sql, -1, NULL, what);
		if (res != NULL && db_res_ok(d, res)) {
			if (db_ok(d, "INSERT INTO schema_migrations (version, name)"
			    " VALUES ($1, $2)", 2, v, "cannot record the migration") == 0 &&
			    db_ok(d, "COMMIT", 0, NULL, "cannot commit") == 0)
				rc = 1;
		} else if (res != NULL) {
			error("%s: %s", what, db_msg(d, m, sizeof(m)));
		}
		d->q->clear(res);
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
	struct db d;
	int n, i, r, applied = 0, rc = 0;

	if ((n = db_migrations(dir, &list)) == -1)
		return -1;
	db_init(&d, &q, -1, 0);
	if (db_connect(&d) == NULL)
		rc = -1;
	/* One migrator at a time: two CREATE TABLE IF NOT EXISTS on a new database
	 * race in pg_type (duplicate key). Session lock, released at disconnect. */
	else if (db_ok(&d, "SELECT pg_advisory_lock(" MIGRATE_LOCK_KEY ")", 0,
	    NULL, "cannot take the migration lock") == -1)
		rc = -1;
	else if (db_ok(&d, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version text PRIMARY KEY, name text NOT NULL,"
	    " applied_at timestamptz NOT NULL DEFAULT now())", 0, NULL,
	    "cannot create schema_migrations") == -1)
		rc = -1;
	for (i = 0; i < n; i++) {
		if (rc == 0 && (r = apply_one(&d, dir, list[i]->d_name)) == -1)
			rc = -1;
		else if (rc == 0 && r == 1 && ++applied)
			printf("migrate: applied %s\n", list[i]->d_name);
		free(list[i]);
	}
	free(list);
	if (rc == 0)
		printf("migrate: %d applied, %d up to date\n", applied, n - applied);
	db_close(&d);
	pq_unload(&q);
	return rc;
}

