/* The subcommands' option tables read one way (opts.h). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "die.h"
#include "opts.h"
#include "parse.h"

#define EXIT_BADUSAGE	2
#define OPTS_MAX	24

void
opts_bad(const char *bad, const char *arg, const char *usage)
{
	const char *p = strstr(bad, "%s");

	if (p == NULL)
		error("%s", bad);
	else
		error("%.*s%s%s", (int)(p - bad), bad, arg, p + 2);
	usage_exit(usage, EXIT_BADUSAGE);
}

/* One option's value into its place; -1 when it is bad. */
static int
take(const struct opt *o, const char *arg)
{
	long x;

	switch (o->kind) {
	case OPT_FLAG:
		*(int *)o->to = 1;
		return 0;
	case OPT_STR:
		*(const char **)o->to = arg;
		return 0;
	case OPT_LONG:
		return parse_long(arg, o->lo, o->hi, o->to);
	case OPT_NUMSTR:
		*(const char **)o->to = arg;
		return parse_long(arg, o->lo, o->hi, &x);
	case OPT_ONE:
		if (*(int *)o->to != 0 && *(int *)o->to != (int)o->lo)
			return -1;
		*(int *)o->to = (int)o->lo;
		return 0;
	case OPT_FN:
		return o->fn(arg, o->to);
	}
	return -1;
}

static int
takes_value(const struct opt *o)
{
	return o->kind == OPT_STR || o->kind == OPT_LONG ||
	    o->kind == OPT_NUMSTR || (o->kind == OPT_FN && o->lo == 1);
}

int
opts_parse(int argc, char *argv[], const char *shorts, const struct opt *tab,
    const char *usage)
{
	struct option lo[OPTS_MAX + 2];
	const struct opt *o;
	size_t n = 0;
	int c, nopt = 0;

	for (o = tab; o->key != 0; o++)
		if (o->name != NULL && n < OPTS_MAX)
			lo[n++] = (struct option){ o->name, takes_value(o) ?
			    required_argument : no_argument, NULL, o->key };
	lo[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	lo[n] = (struct option){ NULL, 0, NULL, 0 };
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
		nopt++;
		for (o = tab; o->key != 0 && o->key != c; o++)
			;
		if (o->key != 0 && take(o, optarg) == 0)
			continue;
		if (o->key != 0)
			opts_bad(o->bad, optarg, usage);
		if (c == 'h')
			usage_exit(usage, 0);
		if (c == ':')
			opts_bad("option '%s' needs a value", argv[optind - 1], usage);
		opts_bad("unknown option '%s'", argv[optind - 1], usage);
	}
	return nopt;
}
