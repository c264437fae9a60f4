/*
 * Reading the database, apart from db.c's run row and dbmigrate.c's
 * migrations: the check before the first step (docs/ORCHESTRATOR.md "Fail
 * fast") and the queries of "daily_run list" and "show", over a dbconn.h
 * session (its connection settings and bounded waits).
 */
#ifndef DBREAD_H
#define DBREAD_H

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
