/*
 * One database session (docs/ORCHESTRATOR.md "Database"): libpq loaded, a
 * connection with connect_timeout and statement_timeout, statements whose wait
 * is bounded and that a stop signal can end, and messages that name host, port
 * and database but never a password. All its state is in struct db: no
 * file-scope variable (db.c writes the row, dbmigrate.c migrates, dbread.c
 * reads through it).
 */
#ifndef DBCONN_H
#define DBCONN_H

#include <stddef.h>

#include "pq.h"

struct db {
	struct pq *q;		/* the caller's; loaded by db_connect() */
	PGconn *c;		/* db_connect()'s, or NULL */
	long timeout_s;		/* DAILY_DB_TIMEOUT: connect_timeout; statement_timeout 6x */
	long wait_mult;		/* a statement's wait, in timeout_s (DB_WAIT_MULT) */
	int stop_fd;		/* a signalfd of SIGINT/SIGTERM/SIGHUP/SIGQUIT, or -1 */
	int stop_sig;		/* the first stop signal read, or 0 */
	long long grace_ns;	/* the server's grace after it */
	long long stop_deadline;	/* CLOCK_MONOTONIC end of that grace */
	int hold;		/* errors kept in held, not printed (db_error) */
	char held[512];
};

/* A statement waits at most statement_timeout plus connect_timeout: 7 timeouts. */
#define DB_WAIT_MULT 7

/*
 * A session over q: stop signals read from stop_fd (or -1) leave the server
 * grace_ms more; errors printed. No connection yet.
 */
void db_init(struct db *d, struct pq *q, int stop_fd, long long grace_ms);
/* A new connection into d->c (libpq loaded into d->q first), or NULL after db_error(). */
PGconn *db_connect(struct db *d);
/* Close d->c, if open (an open transaction is rolled back). */
void db_close(struct db *d);
/*
 * Send sql (n parameters v; n < 0: the simple protocol, several statements
 * allowed) and wait at most wait_mult timeouts, less after a stop signal.
 * The first failed result, else the last (new), or NULL after db_error().
 */
PGresult *db_wait(struct db *d, const char *sql, int n, const char *const *v,
    const char *what);
/* A statement without result rows: 0, or -1 after db_error(). */
int db_ok(struct db *d, const char *sql, int n, const char *const *v,
    const char *what);
/* Whether res is a success (command or rows). */
int db_res_ok(const struct db *d, const PGresult *res);
/* The first line of libpq's last message on d->c, without a password, into buf. */
const char *db_msg(const struct db *d, char *buf, size_t sz);
/* error(), or the message kept in d->held while d->hold is set; returns -1. */
int db_error(struct db *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
