/* prog_init: the start of a test tool that takes no option but -h (steps use step_main). */
#include <stdio.h>
#include <unistd.h>

#include "die.h"
#include "exitcodes.h"

void
prog_init(const char *name, int argc, char *argv[], const char *usage)
{
	int c;

	prog_setname(name);
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
