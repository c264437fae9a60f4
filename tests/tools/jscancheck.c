/*
 * jscancheck: judge stdin with both state_load (jansson) and jscan_object, print
 * "jansson=ok|err jscan=ok|err" and the two reasons, and with a PATH argument the value
 * jscan_find locates. Exit 0 when the verdicts agree (or differ only on duplicate keys)
 * and jscan_object_unique's agrees with jansson's, 1 otherwise. The bats suite and the
 * differential fuzzer use it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "jscan.h"
#include "state.h"

int
main(int argc, char *argv[])
{
	char *buf = NULL, e1[256] = "", e2[256] = "", e3[256] = "";
	size_t len = 0, cap = 0, r, off, vlen;
	FILE *f;
	json_t *j;
	int a, b, u;

	prog_setname("jscancheck");
	do {
		if (len == cap)
			buf = realloc(buf, cap = cap ? 2 * cap : 65536);
		if (buf == NULL)
			return 2;
		r = fread(buf + len, 1, cap - len, stdin);
		len += r;
	} while (r > 0);
	f = fmemopen(buf, len ? len : 1, "r");
	if (len == 0)
		f = fopen("/dev/null", "r");
	j = state_load(f, e1, sizeof(e1));
	fclose(f);
	a = j != NULL;
	json_decref(j);
	b = jscan_object(buf, len, e2, sizeof(e2)) == 0;
	u = jscan_object_unique(buf, len, e3, sizeof(e3));
	printf("jansson=%s jscan=%s\n# %s\n# %s\n", a ? "ok" : "err", b ? "ok" : "err", e1, e2);
	if (argc > 1 && b) {
		if (jscan_find(buf, len, argv[1], &off, &vlen) == 0)
			printf("%.*s\n", (int)vlen, buf + off);
		else
			printf("(absent)\n");
	}
	free(buf);
	/* jscan_object_unique: jansson's verdict (1: valid, an escaped key not compared). */
	if ((u == 0 && !a) || (u < 0 && a) || (u == 1 && !b))
		return 1;
	if (a == b || (!a && b && strstr(e1, "duplicate") != NULL))
		return 0;
	return 1;
}
