/*
 * The terminal report (docs/ARCHITECTURE.md "The orchestrator"): a header, one line
 * per step and the Summary block, on stdout. Colour only when asked for
 * (console_colour: a terminal and no NO_COLOR).
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include <stdio.h>

#include "fmt.h"
#include "run.h"

/* 1 when fd is a terminal and NO_COLOR is unset or empty. */
int console_colour(int fd);
void console_header(FILE *out, const struct run *r);
/* The line of step i (✓, ✗ or -), flushed. */
void console_step(FILE *out, const struct run *r, size_t i);
/* The Summary block from r->final's report.summary, with the closing rule. */
void console_summary(FILE *out, const struct run *r, int colour);
/* The Summary block without colour, as a new string (for the run row). */
char *console_summary_text(const struct run *r);

#endif
