/*
 * The subcommands' command lines said one way (docs/ORCHESTRATOR.md "Usage"):
 * -h and --help print the usage on stdout and exit 0; an unknown option or a
 * missing value is one error line, then the usage on stderr, exit 2.
 */
#ifndef OPTS_H
#define OPTS_H

/* Add to a subcommand's getopt_long table (short option 'h'). */
#define OPTS_HELP { "help", no_argument, NULL, 'h' }

/*
 * getopt_long's answer c that the subcommand does not handle itself: 'h'
 * (help), ':' (a missing value) or anything else (unknown), for argv's
 * argument before optind. usage: the subcommand's lines, indented 7 columns
 * as in daily_run --help (the indent is skipped).
 */
_Noreturn void opts_fail(int c, char *const argv[], const char *usage);

#endif
