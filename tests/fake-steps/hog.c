/*
 * hog: a fake step that allocates and touches $FAKE_HOG_MB MiB (default 512) in
 * 16 MiB pieces, then passes the state through. When an allocation fails it
 * says so as the steps do (xalloc.c: "out of memory allocating N bytes", exit
 * 70): daily_run's memory bound (DAILY_STEP_MEMORY_MB) must report it as such.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(void)
{
	const char *e = getenv("FAKE_HOG_MB");
	long mb = e ? atol(e) : 512, i;
	char buf[65536], *p;
	size_t n;

	for (i = 0; i < mb / 16; i++) {
		if ((p = malloc((size_t)16 << 20)) == NULL) {
			fprintf(stderr, "hog: fatal: out of memory allocating %zu bytes\n",
			    (size_t)16 << 20);
			return 70;
		}
		memset(p, 1, (size_t)16 << 20);
	}
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
		fwrite(buf, 1, n, stdout);
	return fflush(stdout) == 0 ? 0 : 74;
}
