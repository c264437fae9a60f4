/* Errors and logging: one family, one write(2) per line (docs/STYLE.md R13-R15). */
#ifndef DIE_H
#define DIE_H

#include <stddef.h>

extern const char *PROG;

/* Set PROG and parse argv with getopt for a tool that takes no option but -h. */
void prog_init(const char *name, int argc, char *argv[], const char *usage);
void prog_setname(const char *name);
/* Print "usage: " and usage (on stdout when code is 0, else on stderr) and exit. */
_Noreturn void usage_exit(const char *usage, int code);

/* "PROG: fatal: msg" then exit(code). A format ending in ':' gets strerror(errno). */
_Noreturn void die(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* "PROG: error: msg"; returns -1. */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * For a reader that reports into a buffer, not stderr (the catalogue, ingest's
 * connectors): fmt into err (sz bytes), ": strerror(errnum)" added after a final
 * ':' as die() does; errno set to errnum. Returns -1.
 */
int errbuf(char *err, size_t sz, int errnum, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Printed only when DAILY_DEBUG=1. */
void debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
