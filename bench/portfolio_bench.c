/*
 * portfolio_bench: where the time of step-strategies + step-portfolio goes, in
 * process. Loads the aggregate state once, then times (median of `runs`):
 * state_load of the file, strategies_compute, portfolio_compute and the
 * canonical dump of the result.
 *   portfolio_bench STATE.json [runs]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <jansson.h>

#include "die.h"
#include "parse.h"
#include "state.h"
#include "../steps/portfolio/portfolio.h"
#include "../steps/strategies/strategies.h"
#include "timing.h"

#define MAXRUNS 200

int
main(int argc, char *argv[])
{
	double tl[MAXRUNS], ts[MAXRUNS], tp[MAXRUNS], td[MAXRUNS], t0;
	char err[200];
	long runs = 30;
	int i;
	FILE *f, *null;

	prog_setname("portfolio_bench");
	if (argc < 2 || (argc > 2 && parse_long(argv[2], 1, MAXRUNS, &runs) < 0))
		die(64, "usage: portfolio_bench STATE.json [runs]");
	null = fopen("/dev/null", "w");
	for (i = 0; i < runs; i++) {
		json_t *st;

		if ((f = fopen(argv[1], "r")) == NULL)
			die(74, "unable to open '%s':", argv[1]);
		t0 = now_ms();
		if ((st = state_load(f, err, sizeof err)) == NULL)
			die(65, "%s", err);
		tl[i] = now_ms() - t0;
		fclose(f);
		t0 = now_ms();
		json_object_set_new(st, "strategies", strategies_compute(st));
		ts[i] = now_ms() - t0;
		t0 = now_ms();
		json_object_set_new(st, "portfolio", portfolio_compute(st));
		tp[i] = now_ms() - t0;
		t0 = now_ms();
		state_dump(null, st);
		td[i] = now_ms() - t0;
		json_decref(st);
	}
	printf("in process, median of %ld: state_load %.2f ms, strategies_compute %.2f ms, "
	    "portfolio_compute %.2f ms, state_dump %.2f ms\n", runs, median(tl, (int)runs),
	    median(ts, (int)runs), median(tp, (int)runs), median(td, (int)runs));
	fclose(null);
	return 0;
}
