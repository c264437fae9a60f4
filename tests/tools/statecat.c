/* statecat: read a state on stdin and write it back canonically (tests of common/state.c). */
#include <stdio.h>

#include "die.h"
#include "exitcodes.h"
#include "state.h"

#define USAGE "statecat [-h] < state.json\n"

int
main(int argc, char *argv[])
{
	json_t *state;

	prog_init("statecat", argc, argv, USAGE);
	state = state_read(stdin);
	state_write(stdout, state);
	json_decref(state);
	return EXIT_OK;
}
