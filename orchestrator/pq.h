/*
 * libpq, loaded on first use with dlopen(3): a dry run never pays for it
 * (libpq and its TLS, Kerberos and LDAP dependencies take about 3 ms to map
 * and relocate, more than the steps' own orchestration). Only the db*.c
 * files use this, so they stay the only libpq users (R6). The members mirror
 * the PQ* functions of the same name.
 */
#ifndef PQ_H
#define PQ_H

#include <libpq-fe.h>

struct pq {
	void *lib;
	PGconn *(*connectdbParams)(const char *const *, const char *const *, int);
	ConnStatusType (*status)(const PGconn *);
	char *(*errorMessage)(const PGconn *);
	char *(*host)(const PGconn *);
	char *(*port)(const PGconn *);
	char *(*db)(const PGconn *);
	void (*finish)(PGconn *);
	PQnoticeProcessor (*setNoticeProcessor)(PGconn *, PQnoticeProcessor, void *);
	int (*sendQuery)(PGconn *, const char *);
	int (*sendQueryParams)(PGconn *, const char *, int, const Oid *,
	    const char *const *, const int *, const int *, int);
	int (*socket)(const PGconn *);
	int (*consumeInput)(PGconn *);
	int (*isBusy)(PGconn *);
	PGresult *(*getResult)(PGconn *);
	ExecStatusType (*resultStatus)(const PGresult *);
	int (*ntuples)(const PGresult *);
	int (*nfields)(const PGresult *);
	char *(*getvalue)(const PGresult *, int, int);
	int (*getisnull)(const PGresult *, int, int);
	void (*clear)(PGresult *);
};

/*
 * Load libpq.so.5 (DAILY_LIBPQ overrides). 0, or -1 with the reason in err (errsz
 * bytes): the caller says it, or keeps it (the track record read, db.h).
 */
int pq_load(struct pq *q, char *err, size_t errsz);
void pq_unload(struct pq *q);

#endif
