/* fieldget: print a field of the state on stdin by dotted path and type (tests of field.c). */
#include <stdio.h>
#include <string.h>

#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "state.h"

#define USAGE "fieldget str|num|int|obj|arr|date|numopt PATH < state.json\n"

int
main(int argc, char *argv[])
{
	json_t *state;
	const char *t, *p;
	char buf[DATE_BUFSZ];

	prog_setname("fieldget");
	if (argc != 3)
		usage_exit(USAGE, EXIT_USAGE);
	t = argv[1];
	p = argv[2];
	state = state_read(stdin);
	if (strcmp(t, "str") == 0)
		printf("%s\n", field_str(state, p));
	else if (strcmp(t, "num") == 0)
		printf("%.17g\n", field_num(state, p));
	else if (strcmp(t, "numopt") == 0)
		printf("%.17g\n", field_num_opt(state, p, -1));
	else if (strcmp(t, "int") == 0)
		printf("%lld\n", (long long)field_int(state, p));
	else if (strcmp(t, "obj") == 0)
		printf("%zu\n", json_object_size(field_obj(state, p)));
	else if (strcmp(t, "arr") == 0)
		printf("%zu\n", json_array_size(field_arr(state, p)));
	else if (strcmp(t, "date") == 0)
		printf("%s\n", date_format(field_date(state, p), buf));
	else
		usage_exit(USAGE, EXIT_USAGE);
	json_decref(state);
	return EXIT_OK;
}
