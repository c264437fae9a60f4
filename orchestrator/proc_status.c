/* Wait statuses and durations, decoded in one place (R23-R24). */
#include <sys/wait.h>
#include <stdio.h>

#include "proc.h"

static long long
ts_ns(const struct timespec *ts)
{
	return (long long)ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

long long
proc_ns(const struct proc *p)
{
	return ts_ns(&p->t_end) - ts_ns(&p->t_start);
}

int
status_code(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return -1;
}

char *
status_describe(char *buf, size_t sz, const struct proc *p)
{
	int st = p->wstatus;

	if (p->timed_out)
		snprintf(buf, sz, "timed out after %llds (code 124)",
		    (p->timeout_ms + 999) / 1000);
	else if (WIFEXITED(st))
		snprintf(buf, sz, "exited %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(buf, sz, "killed by signal %d (code %d)", WTERMSIG(st),
		    128 + WTERMSIG(st));
	else
		snprintf(buf, sz, "unknown wait status %#x", (unsigned)st);
	return buf;
}
