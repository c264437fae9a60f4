/* prog_init: the start of every step: its name, -h, and a deterministic BLAS. */
#include <stdio.h>
#include <unistd.h>

#include "die.h"
#include "exitcodes.h"

/*
 * OpenBLAS's results depend in the last bits on its thread count (measured: dgemm and
 * dtrmm), so every step pins it to one thread: the same input gives byte-identical
 * output whatever OPENBLAS_NUM_THREADS says. Weak: absent when a step links no BLAS or
 * GSL's own CBLAS.
 */
extern void openblas_set_num_threads(int) __attribute__((weak));

void
prog_init(const char *name, int argc, char *argv[], const char *usage)
{
	int c;

	prog_setname(name);
	if (openblas_set_num_threads != NULL)
		openblas_set_num_threads(1);
	while ((c = getopt(argc, argv, "h")) != -1) {
		switch (c) {
		case 'h':
			usage_exit(usage, 0);
		default:
			usage_exit(usage, EXIT_USAGE);
		}
	}
	if (optind != argc)
		usage_exit(usage, EXIT_USAGE);
}
