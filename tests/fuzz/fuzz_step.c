/*
 * libFuzzer harness for one step's decode-and-validate entry: state_load (as
 * state_read does), then the step's own compute on the accepted state, as its
 * main.c calls it (docs/RELIABILITY.md J9, docs/RELIABILITY.md). Built by `make fuzz`
 * once per step with -DSTEP_<NAME>. A step rejects bad input with die(), which
 * exits: the fuzz build links with -Wl,--wrap=exit, and __wrap_exit jumps back
 * here, so a clean rejection is not a finding (leak detection is off for that).
 */
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "state.h"

#if defined(STEP_INGEST)
#include "ingest.h"
#define ENTRY(s) ingest_compute(s)
#elif defined(STEP_QUALITY)
#include "quality.h"
static char why[512];
#define ENTRY(s) quality_compute(s, why, sizeof(why))
#elif defined(STEP_AGENTS)
#include "agents.h"
#define ENTRY(s) agents_compute(s)
#elif defined(STEP_AGGREGATE)
#include "aggregate.h"
#define ENTRY(s) aggregate_compute(s)
#elif defined(STEP_STRATEGIES)
#include "strategies.h"
#define ENTRY(s) strategies_compute(s)
#elif defined(STEP_PORTFOLIO)
#include "portfolio.h"
#define ENTRY(s) portfolio_compute(s)
#elif defined(STEP_RISK)
#include <gsl/gsl_errno.h>
#include "risk.h"
#define ENTRY(s) risk_compute(s)
#elif defined(STEP_REPORT)
#include "report.h"
#define ENTRY(s) report_summary(s)
#else
#error "define STEP_<NAME>"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void __wrap_exit(int code);
void __real_exit(int code);

static jmp_buf back;
static int armed;

void
__wrap_exit(int code)
{
	if (armed)
		longjmp(back, 1);
	__real_exit(code);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	json_t *volatile j = NULL;
	json_t *out;
	FILE *f;

#if defined(STEP_RISK)
	gsl_set_error_handler_off();	/* as step-risk's compute (steps/risk/main.c) */
#endif
	if (size == 0 || (f = fmemopen((void *)data, size, "r")) == NULL)
		return 0;
	j = state_load(f, err, sizeof(err));
	fclose(f);
	if (j == NULL)
		return 0;
	armed = 1;
	if (setjmp(back) == 0) {
		out = ENTRY(j);
		json_decref(out);
	}
	armed = 0;
	json_decref(j);
	return 0;
}
