/*
 * Reading the database, apart from db.c's run row and migrations: the check
 * before the first step (docs/ORCHESTRATOR.md "Fail fast") and the queries of
 * "daily_run list" and "show". db_open() and db_exec() live in db.c (they share
 * its connection settings and bounded waits).
 */
#ifndef DBREAD_H
#define DBREAD_H

#include "pq.h"

/*
 * A new connection (pq loaded into q), or NULL after error(). A stop signal
 * read from sig_fd (a signalfd, or -1) ends a statement's wait at once.
 */
PGconn *db_open(struct pq *q, int sig_fd);
/* One statement; its result (new), or NULL after error() naming what. */
PGresult *db_exec(const struct pq *q, PGconn *c, const char *sql, int n,
    const char *const *v, const char *what);

/*
 * Before the first step of a run: the server answers and every migration of
 * dir is applied. 0, or -1 after error() lines saying what to do.
 */
int db_ready(const char *dir, int sig_fd);
/*
 * The text in row 0, column 0 of sql (a JSON document built by the server),
 * as a new string; NULL after error(). An SQL NULL gives "null".
 */
char *db_json(const char *sql, int n, const char *const *v, const char *what);

#endif
