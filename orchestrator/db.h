/*
 * PostgreSQL (R27-R28): the run row and the track record (db.c), the
 * migrations (dbmigrate.c), over a dbconn.h session. The connection comes
 * from DATABASE_URL, else libpq's defaults (PGHOST, PGPORT, PGUSER, ...) with
 * the database daily_run unless PGDATABASE is set; connect_timeout is always
 * set (DAILY_DB_TIMEOUT seconds, default 5) and so is statement_timeout.
 * Errors name host, port and database, never a password.
 */
#ifndef DB_H
#define DB_H

#include <jansson.h>

#include "row.h"
#include "track.h"

/*
 * Insert the run row, and the track record row t unless NULL, in one transaction. Each statement waits at most
 * statement_timeout plus connect_timeout (7 x DAILY_DB_TIMEOUT) for the
 * server; after a SIGINT/SIGTERM/SIGHUP/SIGQUIT read from sig_fd (a signalfd, or -1)
 * at most grace_ms more, and a second such signal stops the wait at once.
 * 0, or -1 after error().
 */
int db_write_run(const struct row *w, const struct track_row *t, int sig_fd,
    long long grace_ms);
/*
 * config.track_record for as_of: the track_record rows before it (TRACK_SELECT),
 * new. Quiet: on any failure NULL with the reason in why; each statement waits
 * at most DAILY_DB_TIMEOUT, and no stop signal is consumed (the first step
 * sees it).
 */
json_t *db_read_track(const char *as_of, char *why, size_t whysz);
/*
 * Apply the pending migrations of dir (NNNN_name.sql, in order), each in its
 * own transaction recorded in schema_migrations. 0, or -1 after error().
 */
int db_migrate(const char *dir);
/*
 * The migrations of dir (NNNN_name.sql) in order, as scandir(3) gives them (the
 * caller frees each entry and the list): their count, or -1 after error().
 * db_migrate applies them; dbread.c checks them before a run.
 */
struct dirent;
int db_migrations(const char *dir, struct dirent ***list);

#endif
