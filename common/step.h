/*
 * step_main: the skeleton every step program shares (docs/EXTENDING.md): its name,
 * usage, -h/--help, options, then read the state on stdin, add the step's section,
 * write the canonical state on stdout, with the exit codes of common/exitcodes.h.
 */
#ifndef STEP_H
#define STEP_H

#include <getopt.h>
#include <jansson.h>

struct step {
	const char *name;	/* the section it adds; the program is step-<name> */
	/* The new section for state (a new reference); dies with its exit code on bad input. */
	json_t *(*compute)(const json_t *state);
	/* Options beyond -h/--help: usage words ("[--report-dir DIR]"), a getopt_long
	 * table (terminated by a zero entry) and its handler; all NULL when none. */
	const char *args;
	const struct option *opts;
	void (*option)(int c, const char *arg);
	/* Called with the state holding the new section, before it is written
	 * (step-report writes its files there); NULL when none. */
	void (*after)(json_t *state);
	/*
	 * The top-level sections compute and after read (NULL-terminated), or NULL for
	 * all. Any other section is copied from input to output without being decoded
	 * and holds a marker string in the state (docs/STATE.md "Reading and writing
	 * the state"; DAILY_STATE_DECODE_ALL=1 decodes everything). { "*", NULL }: every
	 * section is decoded, and the canonical ones are still written as their input
	 * text; NULL decodes and formats them all.
	 */
	const char *const *reads;
};

/*
 * Runs the step and exits: 0; 64 for a usage error ("risk: unknown option '-q'", the
 * step named as die() names it, then the usage on stderr; -h/--help prints the usage on
 * stdout and exits 0); otherwise the code the state reader, compute or the writer died
 * with (65, 74, ...).
 */
_Noreturn void step_main(const struct step *s, int argc, char *argv[]);

/*
 * STEP_MAIN(name, compute, section, ...): the main() of a step without options, at file
 * scope in its main.c: step_main over the step that adds section name with compute and
 * reads the sections listed, besides as_of, config, dry_run and run_id (its own section
 * among them when it reads its input's, e.g. the book a re-run finds); the others pass
 * through undecoded. A step with options, an after hook or its own main (step-report)
 * fills a struct step itself.
 */
#define STEP_MAIN(nm, fn, ...)							\
	static const char *const step_reads_[] = { "as_of", "config", "dry_run",	\
		"run_id", __VA_ARGS__, NULL };					\
	static const struct step step_ = { .name = nm, .compute = fn,		\
		.reads = step_reads_ };						\
	int main(int argc, char *argv[]);					\
	int main(int argc, char *argv[]) { step_main(&step_, argc, argv); }

#endif
