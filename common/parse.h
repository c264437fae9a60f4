/* Checked number parsing (docs/STYLE.md R35): never atoi. */
#ifndef PARSE_H
#define PARSE_H

/* Return 0 on success, -1 (errno EINVAL or ERANGE) when s is not entirely a number in range. */
int parse_long(const char *s, long min, long max, long *out);
int parse_double(const char *s, double *out);

#endif
