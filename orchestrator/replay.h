/* "daily_run replay RUN_ID [--from STEP] [--verify]" (docs/ORCHESTRATOR.md "Replay"). */
#ifndef REPLAY_H
#define REPLAY_H

#include "run.h"

/* Indented 7 columns, for the list in --help (usage_exit() skips them). */
#define REPLAY_USAGE "       daily_run replay RUN_ID [--from STEP] [--verify]\n"

/*
 * argv[0] is "replay"; r holds the step table, stepdir, vardir, sig_fd, grace
 * and colour. Returns the exit status.
 */
int replay_main(int argc, char *argv[], struct run *r);

#endif
