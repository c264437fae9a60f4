/*
 * The subcommands' command lines said one way (docs/ORCHESTRATOR.md "Usage"):
 * -h and --help print the usage on stdout and exit 0; an unknown option, a
 * missing value or a bad one is one error line, then the usage on stderr,
 * exit 2. Each subcommand gives a table of its options, opts_parse reads them.
 */
#ifndef OPTS_H
#define OPTS_H

enum opt_kind {
	OPT_FLAG,	/* int *to = 1 */
	OPT_STR,	/* const char **to = the value */
	OPT_LONG,	/* long *to = the value, lo to hi, else the error bad */
	OPT_NUMSTR,	/* as OPT_LONG checked, but kept as text: const char **to */
	OPT_ONE,	/* int *to = lo; another value already there: the error bad */
	OPT_FN,		/* fn(value, to): -1 is the error bad (fn may exit itself);
			 * lo 1: the option takes a value */
};

/*
 * One option: its long name (NULL: short only, key in the getopt string),
 * getopt_long's answer key, where it goes and its error, a text in which
 * "%s" stands for the value.
 */
struct opt {
	const char *name;
	int key;
	enum opt_kind kind;
	void *to;
	long lo, hi;
	const char *bad;
	int (*fn)(const char *arg, void *to);
};

/* Table rows, one per option (the table ends with OPT_END). */
#define OPT_F(n, k, p)		{ n, k, OPT_FLAG, p, 0, 0, NULL, NULL }
#define OPT_S(n, k, p)		{ n, k, OPT_STR, p, 0, 0, NULL, NULL }
#define OPT_N(n, k, p, a, b, e)	{ n, k, OPT_LONG, p, a, b, e, NULL }
#define OPT_NS(n, k, p, a, b, e) { n, k, OPT_NUMSTR, p, a, b, e, NULL }
#define OPT_1(n, k, p, v, e)	{ n, k, OPT_ONE, p, v, 0, e, NULL }
#define OPT_X(n, k, p, f, e)	{ n, k, OPT_FN, p, 1, 0, e, f }
#define OPT_XF(n, k, f)		{ n, k, OPT_FN, NULL, 0, 0, NULL, f }
/* -j N, the parallel runs of backfill, backtest and sweep. */
#define OPT_JOBS(p)		OPT_N(NULL, 'j', p, 1, 64, "invalid -j (1 to 64): %s")
#define OPT_END			{ NULL, 0, OPT_FLAG, NULL, 0, 0, NULL, NULL }

/*
 * Reads argv's options by tab with getopt_long and shorts (the short
 * options, ':' first; '+' before it stops at the first operand): -h/--help
 * unless tab has 'h' prints usage and exits 0; any error prints the line and
 * usage (as usage_exit) and exits 2. The number of options read; optind is
 * the first operand.
 */
int opts_parse(int argc, char *argv[], const char *shorts,
    const struct opt *tab, const char *usage);

/* error(bad with "%s" as arg), then usage on stderr and exit 2. */
_Noreturn void opts_bad(const char *bad, const char *arg, const char *usage);

#endif
