/*
 * libFuzzer harness for the decode-and-validate entry point every step shares:
 * state_load (strict JSON object), then dataset_load (ingest.series) and the canonical
 * dump of whatever was accepted (docs/RELIABILITY.md J9). Built by `make fuzz`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "dataset.h"
#include "state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	FILE *f;
	json_t *j;
	struct dataset ds;
	char *out;

	if (size == 0 || (f = fmemopen((void *)data, size, "r")) == NULL)
		return 0;
	j = state_load(f, err, sizeof(err));
	fclose(f);
	if (j == NULL)
		return 0;
	if (dataset_load(&ds, j) == 0)
		dataset_release(&ds);
	out = state_dumps(j);
	free(out);
	json_decref(j);
	return 0;
}
