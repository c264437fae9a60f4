/*
 * Allocation-failure chaos loop (docs/RELIABILITY.md J10, after jansson's test_chaos.c): fail
 * the Nth allocation of the JSON library for N = 0..k while loading and dumping a state;
 * every run must either succeed or fail cleanly, with no crash (and no leak under LSan).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "tap.h"

static long budget = -1;

static void *
chaos_malloc(size_t n)
{
	if (budget == 0)
		return NULL;
	if (budget > 0)
		budget--;
	return malloc(n);
}

int
main(void)
{
	static const char doc[] = "{\"as_of\":\"2024-01-15\",\"ingest\":{\"series\":{\"A\":"
	    "{\"id\":\"A\",\"freq\":\"D\",\"unit\":\"%\",\"dates\":[\"2024-01-12\",\"2024-01-15\"],"
	    "\"values\":[1.5,null]}},\"sources\":[{\"name\":\"x\"}]},\"z\":[1,2,3,\"s\",true]}";
	char err[256], *out;
	int crashed = 0, failed = 0, succeeded = 0;
	long n;
	FILE *f;
	json_t *j;

	json_set_alloc_funcs(chaos_malloc, free);
	for (n = 0; n < 400; n++) {
		budget = n;
		f = fmemopen((void *)doc, sizeof(doc) - 1, "r");
		err[0] = '\0';
		j = state_load(f, err, sizeof(err));
		fclose(f);
		if (j == NULL) {
			failed++;
			if (err[0] == '\0')
				crashed++;	/* a failure must say why */
			continue;
		}
		out = state_dumps(j);
		json_decref(j);
		budget = -1;
		if (out != NULL && strcmp(out, "{\"as_of\":\"2024-01-15\",\"ingest\":{\"series\":"
		    "{\"A\":{\"dates\":[\"2024-01-12\",\"2024-01-15\"],\"freq\":\"D\",\"id\":\"A\","
		    "\"unit\":\"%\",\"values\":[1.5,null]}},\"sources\":[{\"name\":\"x\"}]},"
		    "\"z\":[1,2,3,\"s\",true]}") != 0)
			crashed++;
		free(out);
		succeeded++;
	}
	budget = -1;
	check(failed > 0, "some allocation failures were injected");
	check(succeeded > 0, "with enough memory the load succeeds");
	check_int(crashed, 0, "every failure reported a reason; every success dumped correctly");
	return test_done();
}
