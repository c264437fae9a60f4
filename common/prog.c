/*
 * prog_init: the start of a test tool that takes no option but -h/--help
 * (steps use step_main). Errors name the tool, not argv[0].
 */
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "die.h"
#include "exitcodes.h"

void
prog_init(const char *name, int argc, char *argv[], const char *usage)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	prog_setname(name);
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h')
			usage_exit(usage, 0);
		error("unknown option '%s'", argv[optind - 1]);
		usage_exit(usage, EXIT_USAGE);
	}
	if (optind != argc) {
		error("unexpected argument '%s'", argv[optind]);
		usage_exit(usage, EXIT_USAGE);
	}
}
