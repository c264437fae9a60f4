/* The shared step skeleton (common/step.h). */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "die.h"
#include "exitcodes.h"
#include "state.h"
#include "step.h"

/*
 * OpenBLAS's results depend in the last bits on its thread count (measured: dgemm and
 * dtrmm), so every step pins it to one thread: the same input gives byte-identical
 * output whatever OPENBLAS_NUM_THREADS says. Weak: absent when a step links no BLAS.
 */
extern void openblas_set_num_threads(int) __attribute__((weak));

/*
 * OpenBLAS starts its thread server in its own constructor, one thread per processor
 * as OPENBLAS_NUM_THREADS says, and the threads spin while they wait for work. A step
 * pins the BLAS to one thread anyway (step_main), so it says so before that
 * constructor runs and no thread is started: step-agents 24.9 -> 15.6 ms of CPU,
 * risk 12.6 -> 7.5 (docs/BENCH.md "Static steps"). Priority 101 runs before the
 * default-priority constructors of a static link; a shared OpenBLAS (STATIC_NUM=0,
 * SAN=1) is initialised before the program, and only the call in step_main applies.
 */
__attribute__((constructor(101))) static void
blas_one_thread(void)
{
	setenv("OPENBLAS_NUM_THREADS", "1", 1);
}

/*
 * A step lives for milliseconds and frees everything at exit, so its heap only
 * grows: blocks of any size come from it (below 32 MB, none is mapped on its own
 * and unmapped on free, to be faulted in afresh by the next), it grows 8 MB at a
 * time and is never trimmed. Measured on the dry run: system time 20 -> 14 ms,
 * peak RSS unchanged (pages never touched are not resident; docs/BENCH.md).
 */
static void
heap_tune(void)
{
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TOP_PAD, 8 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

static _Noreturn void
usage(const struct step *s, int code)
{
	FILE *f = code == 0 ? stdout : stderr;

	fprintf(f, "usage: step-%s [-h]%s%s < state.json > state.json\n", s->name,
	    s->args ? " " : "", s->args ? s->args : "");
	if (code == 0 && (fflush(stdout) != 0 || ferror(stdout)))
		exit(EXIT_IOERR);
	exit(code);
}

/* The getopt string of the table: "h" and each short option ("d:" with an argument). */
static void
optstring(const struct option *o, char *buf, size_t sz)
{
	size_t n = 0;

	buf[n++] = ':';	/* a missing argument is ':' */
	buf[n++] = 'h';
	for (; o != NULL && o->name != NULL && n + 3 < sz; o++)
		if (o->flag == NULL && o->val > 0 && o->val < 128) {
			buf[n++] = (char)o->val;
			if (o->has_arg == required_argument)
				buf[n++] = ':';
		}
	buf[n] = '\0';
}

static void
parse(const struct step *s, int argc, char *argv[])
{
	struct option all[16];
	char shorts[40];
	size_t n = 0;
	int c;

	all[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	for (const struct option *o = s->opts; o != NULL && o->name != NULL && n < 15; o++)
		all[n++] = *o;
	all[n] = (struct option){ NULL, 0, NULL, 0 };
	optstring(s->opts, shorts, sizeof(shorts));
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, all, NULL)) != -1) {
		if (c == 'h')
			usage(s, 0);
		if (c == '?' || c == ':' || s->option == NULL) {
			fprintf(stderr, "%s: %s option '%s'\n", s->name,
			    c == ':' ? "missing argument to" : "unknown", argv[optind - 1]);
			usage(s, EXIT_USAGE);
		}
		s->option(c, optarg);
	}
	if (optind != argc) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", s->name, argv[optind]);
		usage(s, EXIT_USAGE);
	}
}

void
step_main(const struct step *s, int argc, char *argv[])
{
	const char *all = getenv("DAILY_STATE_DECODE_ALL");
	/* Static: still reachable at exit, which reclaims it (state_write_sections). */
	static struct state_in st;

	prog_setname(s->name);
	heap_tune();
	if (openblas_set_num_threads != NULL)
		openblas_set_num_threads(1);
	parse(s, argc, argv);
	state_read_sections(stdin, s->name,
	    all != NULL && strcmp(all, "1") == 0 ? NULL : s->reads, &st);
	/* The keys it reads and its section, before any work (docs/CONFIG.md). */
	conf_check(st.doc, s->name);
	json_object_set_new(st.doc, s->name, s->compute(st.doc));
	if (s->after != NULL)
		s->after(st.doc);
	state_write_sections(stdout, &st);
	exit(EXIT_OK);
}
