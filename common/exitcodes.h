/* The closed list of exit codes (docs/STYLE.md R17). The value is recorded in the run row. */
#ifndef EXITCODES_H
#define EXITCODES_H

#define EXIT_OK		0	/* success */
#define EXIT_NOGO	1	/* the step ran correctly and says stop (a gate failed) */
#define EXIT_USAGE	64	/* bad command line */
#define EXIT_DATAERR	65	/* input state unparseable or missing a field */
#define EXIT_SOFTWARE	70	/* internal bug */
#define EXIT_IOERR	74	/* read or write error */
#define EXIT_TEMPFAIL	75	/* database or network down; a retry may work */
#define EXIT_CONFIG	78	/* bad configuration (catalogue, data root) */
/* Produced only by the orchestrator. */
#define EXIT_TIMEOUT	124	/* step timed out and was killed */
#define EXIT_CANNOTEXEC	126	/* step exists but cannot be executed */
#define EXIT_NOTFOUND	127	/* step program not found */
/* 128+N: step killed by signal N. */

#endif
