/* libpq through dlopen(3), so that only runs that store a row load it. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "pq.h"

/* Where sym() says which symbol is missing. */
struct symerr {
	char *buf;
	size_t sz;
};

/* Look sym up into *fn (a function pointer, stored the POSIX way). */
static int
sym(struct pq *q, void *fn, const char *name, const struct symerr *e)
{
	void *p = dlsym(q->lib, name);

	if (p == NULL) {
		snprintf(e->buf, e->sz, "libpq has no '%s': %s", name, dlerror());
		return -1;
	}
	memcpy(fn, &p, sizeof(p));
	return 0;
}

int
pq_load(struct pq *q, char *err, size_t errsz)
{
	const char *name = getenv("DAILY_LIBPQ");
	const struct symerr e = { err, errsz };

	memset(q, 0, sizeof(*q));
	if (name == NULL || *name == '\0')
		name = "libpq.so.5";
	if ((q->lib = dlopen(name, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		snprintf(err, errsz, "cannot load '%s': %s", name, dlerror());
		return -1;
	}
	if (sym(q, &q->connectdbParams, "PQconnectdbParams", &e) == -1 ||
	    sym(q, &q->status, "PQstatus", &e) == -1 ||
	    sym(q, &q->errorMessage, "PQerrorMessage", &e) == -1 ||
	    sym(q, &q->host, "PQhost", &e) == -1 ||
	    sym(q, &q->port, "PQport", &e) == -1 ||
	    sym(q, &q->db, "PQdb", &e) == -1 ||
	    sym(q, &q->finish, "PQfinish", &e) == -1 ||
	    sym(q, &q->setNoticeProcessor, "PQsetNoticeProcessor", &e) == -1 ||
	    sym(q, &q->sendQuery, "PQsendQuery", &e) == -1 ||
	    sym(q, &q->sendQueryParams, "PQsendQueryParams", &e) == -1 ||
	    sym(q, &q->socket, "PQsocket", &e) == -1 ||
	    sym(q, &q->consumeInput, "PQconsumeInput", &e) == -1 ||
	    sym(q, &q->isBusy, "PQisBusy", &e) == -1 ||
	    sym(q, &q->getResult, "PQgetResult", &e) == -1 ||
	    sym(q, &q->resultStatus, "PQresultStatus", &e) == -1 ||
	    sym(q, &q->ntuples, "PQntuples", &e) == -1 ||
	    sym(q, &q->nfields, "PQnfields", &e) == -1 ||
	    sym(q, &q->getvalue, "PQgetvalue", &e) == -1 ||
	    sym(q, &q->getisnull, "PQgetisnull", &e) == -1 ||
	    sym(q, &q->clear, "PQclear", &e) == -1) {
		pq_unload(q);
		return -1;
	}
	return 0;
}

/*
 * Forget the functions but keep libpq mapped for the life of the process: libpq and
 * its dependencies (OpenSSL, Kerberos) keep thread-local storage and exit handlers,
 * and a dlclose() leaves LeakSanitizer's exit scan reading a stale TLS block (it
 * crashed `daily_run migrate` in the sanitizer build). A later pq_load() only counts
 * another reference.
 */
void
pq_unload(struct pq *q)
{
	q->lib = NULL;
}
