/* The state document: strict read, canonical write (docs/ARCHITECTURE.md "The state document"). */
#ifndef STATE_H
#define STATE_H

#include <stddef.h>
#include <stdio.h>
#include <jansson.h>

#include "jsonout.h"

/* Largest accepted state, in bytes (DAILY_MAX_STATE_MB overrides; default 256 MiB). */
size_t state_max_bytes(void);

/*
 * Parse one JSON object from in. Duplicate keys, trailing data, a BOM, empty input and
 * any top-level value but an object are rejected. Returns a new reference, or NULL with
 * a one-line reason ("line L, column C: ...") in err (errsz bytes).
 */
json_t *state_load(FILE *in, char *err, size_t errsz);
/*
 * Open path read-only if it is a regular file of at most max bytes, without
 * blocking on a FIFO or a device (/dev/zero, a named pipe). Returns the fd, or
 * -1 with errno set and "'path': reason" in err; the content is never quoted.
 */
int file_open_regular(const char *path, size_t max, char *err, size_t errsz);
/*
 * state_load from a regular file of at most state_max_bytes(). A parse error gives
 * its line and column only, never the text near it ("/etc/shadow" must not leak).
 */
json_t *state_load_file(const char *path, char *err, size_t errsz);
/* state_load on stdin; dies EXIT_DATAERR "invalid state on stdin: ...". New reference. */
json_t *state_read(FILE *in);

/*
 * Canonical dump: keys sorted bytewise, compact, reals in the shortest form that
 * round-trips (always with '.' or 'e'). Returns 0, or -1 on a write error or a
 * non-finite real (which JSON cannot hold).
 */
int state_dump(FILE *out, const json_t *j);
/* Same into a new malloc'd NUL-terminated string, or NULL. */
char *state_dumps(const json_t *j);
/* state_dump + '\n', then fflush, ferror and fclose; dies EXIT_IOERR on failure. */
void state_write(FILE *out, const json_t *state);

/*
 * A state read section by section (docs/STATE.md "Reading and writing the state"): the
 * top-level members named in reads are decoded; each other one whose text is already
 * canonical (jcanon.h) is kept as that text and written back byte for byte, and stands
 * in doc as a marker string ("not decoded: step-NAME does not list 'ingest' in its
 * reads"), so a step that reads a section it did not declare fails on a type error.
 */
struct state_in {
	json_t *doc;
	char *buf;			/* the input; kept text points into it */
	size_t len;
	struct jsonout_raw *raw;	/* the kept members (mark: the marker in doc) */
	size_t nraw;
};
/*
 * Split buf[0..len) (malloc'd; st owns it) as above, reads NULL-terminated, or decode
 * it all when reads is NULL or the text is unusual (a section that is neither declared
 * nor canonical is decoded). Accepts and rejects exactly what state_load does: 0, or
 * -1 with the same reason in err (buf freed).
 */
int state_split(char *buf, size_t len, const char *who, const char *const *reads,
    struct state_in *st, char *err, size_t errsz);
/* read_input + state_split on in; dies EXIT_DATAERR "invalid state on stdin: ...". */
void state_read_sections(FILE *in, const char *who, const char *const *reads,
    struct state_in *st);
/* The canonical text of st->doc with the kept sections as they were; NULL as json_canonical. */
char *state_dumps_sections(const struct state_in *st, size_t *len);
/*
 * state_write for st. st stays allocated: state_in_free it, or exit (a step exits at
 * once: freeing the tree value by value cost 2-4 % of its time, docs/BENCH.md).
 */
void state_write_sections(FILE *out, struct state_in *st);
void state_in_free(struct state_in *st);

/* A JSON number for x: a real, or null when x is NaN or infinite. New reference. */
json_t *jnum(double x);
/* x rounded to nd decimals, as jnum (keeps stored values at their real precision). */
json_t *jnum_round(double x, int nd);
double round_to(double x, int nd);

#endif
