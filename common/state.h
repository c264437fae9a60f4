/* The state document: strict read, canonical write (ARCHITECTURE.md "The state document"). */
#ifndef STATE_H
#define STATE_H

#include <stddef.h>
#include <stdio.h>
#include <jansson.h>

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

/* A JSON number for x: a real, or null when x is NaN or infinite. New reference. */
json_t *jnum(double x);
/* x rounded to nd decimals, as jnum (keeps stored values at their real precision). */
json_t *jnum_round(double x, int nd);
double round_to(double x, int nd);

#endif
