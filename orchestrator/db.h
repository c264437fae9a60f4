/*
 * PostgreSQL (R27-R28); db.c is the only libpq user. The connection comes
 * from DATABASE_URL, else libpq's defaults (PGHOST, PGPORT, PGUSER, ...) with
 * the database daily_run unless PGDATABASE is set; connect_timeout is always
 * set (DAILY_DB_TIMEOUT seconds, default 5) and so is statement_timeout.
 * Errors name host, port and database, never a password.
 */
#ifndef DB_H
#define DB_H

#include "row.h"

/*
 * Insert the run row in one transaction. Each statement waits at most
 * statement_timeout plus connect_timeout (7 x DAILY_DB_TIMEOUT) for the
 * server; after a SIGINT/SIGTERM/SIGHUP/SIGQUIT read from sig_fd (a signalfd, or -1)
 * at most grace_ms more, and a second such signal stops the wait at once.
 * 0, or -1 after error().
 */
int db_write_run(const struct row *w, int sig_fd, long long grace_ms);
/*
 * Apply the pending migrations of dir (NNNN_name.sql, in order), each in its
 * own transaction recorded in schema_migrations. 0, or -1 after error().
 */
int db_migrate(const char *dir);

#endif
