/* Appending formatted text to a JSON array (a step's flags, notes, warnings). */
#ifndef JARR_H
#define JARR_H

#include <jansson.h>

/* Append the printf-formatted string to array a, whatever its length. */
void jarr_appendf(json_t *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
