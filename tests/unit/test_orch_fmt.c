/*
 * The console's numbers: leverage and VaR print like the original plan's
 * Python str(round(x, 2)) (docs/MODELS.md 1.2), times in ms below a second.
 * Expected strings: /usr/bin/python3 -c 'print(str(round(x, 2)))' for each x.
 */
#include "tap.h"
#include "../../orchestrator/fmt.h"

static const struct {
	double x;
	const char *want;
} py[] = {
	{ 1.8, "1.8" },
	{ 0.0, "0.0" },
	{ -0.23978, "-0.24" },
	{ -2.1, "-2.1" },
	{ 0.39123, "0.39" },
	{ 2.675, "2.67" },	/* binary 2.67499..., as Python */
	{ 1.005, "1.0" },
	{ -2.125, "-2.12" },	/* exact tie: half to even, as Python */
	{ 0.125, "0.12" },
	{ 0.135, "0.14" },
	{ 12.3456, "12.35" },
	{ -0.24, "-0.24" },
	{ 100.0, "100.0" },
	{ 3.0, "3.0" },
	{ 0.30000000000000004, "0.3" },
	{ -1.999, "-2.0" },
	{ 1.995, "2.0" },
	{ 0.005, "0.01" },
	{ 0.015, "0.01" },
	{ -7.77777, "-7.78" },
};

int
main(void)
{
	char b[64], name[96];
	size_t i;

	for (i = 0; i < sizeof(py) / sizeof(py[0]); i++) {
		snprintf(name, sizeof(name), "fmt_2dp(%.17g) is Python's '%s'",
		    py[i].x, py[i].want);
		check_str(fmt_2dp(b, sizeof(b), py[i].x), py[i].want, name);
	}
	/* Deliberate difference: Python prints -0.0 for round(-0.001, 2). */
	check_str(fmt_2dp(b, sizeof(b), -0.001), "0.0", "no negative zero");
	check_str(fmt_time(b, sizeof(b), 0), "0ms", "0 ns");
	check_str(fmt_time(b, sizeof(b), 412400000), "412ms", "412.4 ms");
	check_str(fmt_time(b, sizeof(b), 412500000), "413ms", "412.5 ms rounds up");
	check_str(fmt_time(b, sizeof(b), 999499999), "999ms", "just under 999.5 ms");
	check_str(fmt_time(b, sizeof(b), 999500000), "1.0s", "999.5 ms is 1.0s");
	check_str(fmt_time(b, sizeof(b), 21500000000LL), "21.5s", "21.5 s");
	check_str(fmt_time(b, sizeof(b), 61040000000LL), "61.0s", "61.04 s");
	return test_done();
}
