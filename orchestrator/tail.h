/* The last lines of a step's stderr file, for the run row's error (docs/ORCHESTRATOR.md). */
#ifndef TAIL_H
#define TAIL_H

#include <stddef.h>

/* Lines and bytes of the failed step's stderr kept in the row's error. */
#define TAIL_LINES	5
#define TAIL_BYTES	1024

/*
 * The last nonblank lines of path (at most maxlines, at most maxbytes, cut at a
 * line start), printable, '\n' between them, as a new string; NULL when the
 * file is missing, unreadable or holds only blanks.
 */
char *file_tail(const char *path, int maxlines, size_t maxbytes);

#endif
