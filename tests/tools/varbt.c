/* varbt P < 0101...: the back-test statistics of common/varbt.h, one line (tests/bats/06). */
#include <stdio.h>
#include <stdlib.h>

#include "die.h"
#include "exitcodes.h"
#include "varbt.h"

#define USAGE "varbt P < indicators (a string of 0 and 1)\n"

int
main(int argc, char *argv[])
{
	static unsigned char hit[100000];
	struct varbt b;
	size_t n = 0;
	int c;

	prog_setname("varbt");
	if (argc != 2)
		usage_exit(USAGE, EXIT_USAGE);
	while ((c = getchar()) != EOF)
		if (c == '0' || c == '1') {
			if (n == sizeof hit)
				die(EXIT_DATAERR, "more than %zu indicators", sizeof hit);
			hit[n++] = (unsigned char)(c == '1');
		}
	if (varbt_compute(hit, n, strtod(argv[1], NULL), &b) != 0)
		die(EXIT_USAGE, "P must be in (0, 1): %s", argv[1]);
	printf("%zu %zu %.17g %.17g %.17g %zu %zu %zu %zu %.17g %.17g %.17g %.17g %s\n",
	    b.n, b.x, b.rate, b.lr_pof, b.p_pof, b.n00, b.n01, b.n10, b.n11, b.lr_ind,
	    b.p_ind, b.lr_cc, b.p_cc, varbt_basel_zone(b.x));
	return 0;
}
