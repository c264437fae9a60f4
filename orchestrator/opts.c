/* The subcommands' -h/--help and option errors (opts.h). */
#include <getopt.h>
#include <stdio.h>

#include "die.h"
#include "opts.h"

#define EXIT_BADUSAGE	2

void
opts_fail(int c, char *const argv[], const char *usage)
{
	if (c == 'h')
		usage_exit(usage + 7, 0);
	if (c == ':')
		error("option '%s' needs a value", argv[optind - 1]);
	else
		error("unknown option '%s'", argv[optind - 1]);
	usage_exit(usage + 7, EXIT_BADUSAGE);
}
