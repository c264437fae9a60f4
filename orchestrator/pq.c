/* libpq through dlopen(3), so that only runs that store a row load it. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "pq.h"

static char *err_buf;
static size_t err_sz;

/* Look sym up into *fn (a function pointer, stored the POSIX way). */
static int
sym(struct pq *q, void *fn, const char *name)
{
	void *p = dlsym(q->lib, name);

	if (p == NULL) {
		snprintf(err_buf, err_sz, "libpq has no '%s': %s", name, dlerror());
		return -1;
	}
	memcpy(fn, &p, sizeof(p));
	return 0;
}

int
pq_load(struct pq *q, char *err, size_t errsz)
{
	const char *name = getenv("DAILY_LIBPQ");

	memset(q, 0, sizeof(*q));
	err_buf = err;
	err_sz = errsz;
	if (name == NULL || *name == '\0')
		name = "libpq.so.5";
	if ((q->lib = dlopen(name, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		snprintf(err, errsz, "cannot load '%s': %s", name, dlerror());
		return -1;
	}
	if (sym(q, &q->connectdbParams, "PQconnectdbParams") == -1 ||
	    sym(q, &q->status, "PQstatus") == -1 ||
	    sym(q, &q->errorMessage, "PQerrorMessage") == -1 ||
	    sym(q, &q->host, "PQhost") == -1 ||
	    sym(q, &q->port, "PQport") == -1 ||
	    sym(q, &q->db, "PQdb") == -1 ||
	    sym(q, &q->finish, "PQfinish") == -1 ||
	    sym(q, &q->setNoticeProcessor, "PQsetNoticeProcessor") == -1 ||
	    sym(q, &q->sendQuery, "PQsendQuery") == -1 ||
	    sym(q, &q->sendQueryParams, "PQsendQueryParams") == -1 ||
	    sym(q, &q->socket, "PQsocket") == -1 ||
	    sym(q, &q->consumeInput, "PQconsumeInput") == -1 ||
	    sym(q, &q->isBusy, "PQisBusy") == -1 ||
	    sym(q, &q->getResult, "PQgetResult") == -1 ||
	    sym(q, &q->resultStatus, "PQresultStatus") == -1 ||
	    sym(q, &q->ntuples, "PQntuples") == -1 ||
	    sym(q, &q->nfields, "PQnfields") == -1 ||
	    sym(q, &q->getvalue, "PQgetvalue") == -1 ||
	    sym(q, &q->getisnull, "PQgetisnull") == -1 ||
	    sym(q, &q->clear, "PQclear") == -1) {
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
