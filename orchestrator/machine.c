/* The run as JSON, and the failure hook (docs/ORCHESTRATOR.md "Hooks and machine output"). */
#include <sys/wait.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "die.h"
#include "machine.h"
#include "proc.h"
#include "run.h"

/* The run's overall status, the row's loss counted. */
static const char *
status(const struct run *r)
{
	if (r->not_started != NULL)
		return "FAILED";
	return r->failed < 0 && r->row_lost ? "FAILED" : run_status(r);
}

static json_t *
steps(const struct run *r)
{
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; r->res != NULL && i < r->nsteps; i++) {
		const struct step_result *s = &r->res[i];

		o = json_pack("{s:s, s:s}", "name", r->steps[i].name, "status",
		    step_status_name(s->status));
		json_object_set_new(o, "exit_code", s->code >= 0 ?
		    json_integer(s->code) : json_null());
		json_object_set_new(o, "ms", s->code >= 0 ?
		    json_integer(s->ns / 1000000) : json_null());
		if (s->reason[0] != '\0')
			json_object_set_new(o, "error", json_string(s->reason));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *
machine_summary(const struct run *r)
{
	json_t *sum = json_object_get(json_object_get(r->final, "report"),
	    "summary");
	json_t *o = json_pack("{s:o, s:s, s:s, s:b, s:b}", "run_id",
	    r->run_id[0] ? json_string(r->run_id) : json_null(), "date",
	    r->as_of, "status", status(r), "dry_run", r->dry_run, "row_stored",
	    !r->dry_run && !r->row_lost && r->not_started == NULL);

	json_object_set_new(o, "exit_code", json_integer(r->res ?
	    run_exit_code(r) : 0));
	json_object_set_new(o, "failed_step", r->res != NULL && r->failed >= 0 ?
	    json_string(r->steps[r->failed].name) : json_null());
	json_object_set_new(o, "error", r->not_started ?
	    json_string(r->not_started) : r->failed >= 0 ?
	    json_string(r->res[r->failed].reason) : r->row_lost ?
	    json_string("the run row was not stored") : json_null());
	json_object_set_new(o, "duration_seconds",
	    json_real((double)(r->t1_ns - r->t0_ns) / 1e9));
	json_object_set_new(o, "data_source", r->data_source ?
	    json_string(r->data_source) : json_null());
	json_object_set_new(o, "run_dir", r->rundir ? json_string(r->rundir) :
	    json_null());
	json_object_set_new(o, "steps", steps(r));
	json_object_set_new(o, "summary", sum ? json_incref(sum) : json_null());
	return o;
}

static void
child(const char *cmd, int in, const struct run *r)
{
	setpgid(0, 0);
	dup2(in, STDIN_FILENO);
	close(in);
	setenv("RUN_ID", r->run_id, 1);
	setenv("RUN_DATE", r->as_of, 1);
	setenv("STATUS", status(r), 1);
	setenv("FAILED_STEP", r->res != NULL && r->failed >= 0 ?
	    r->steps[r->failed].name : "", 1);
	execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	_exit(127);
}

/* Wait for pid at most ms; its wait status, or -1 when the time ran out. */
static int
wait_bounded(pid_t pid, long long ms)
{
	long long end = mono_ns() + ms * 1000000LL;
	struct timespec ts = { 0, 20 * 1000000L };
	int st;
	pid_t p;

	for (;;) {
		if ((p = waitpid(pid, &st, WNOHANG)) == pid)
			return st;
		if (p == -1 && errno != EINTR)
			return 0;
		if (mono_ns() >= end)
			return -1;
		nanosleep(&ts, NULL);
	}
}

int
machine_hook(const char *cmd, const json_t *summary, const struct run *r,
    double timeout_s)
{
	char *doc = json_dumps(summary, JSON_COMPACT);
	int fd[2], st;
	size_t len, off = 0;
	ssize_t n;
	pid_t pid;

	if (doc == NULL || pipe(fd) == -1) {
		free(doc);
		return error("failure hook: cannot start it:");
	}
	if ((pid = fork()) == -1) {
		close(fd[0]);
		close(fd[1]);
		free(doc);
		return error("failure hook: cannot fork:");
	}
	if (pid == 0) {
		close(fd[1]);
		child(cmd, fd[0], r);
	}
	setpgid(pid, pid);
	close(fd[0]);
	len = strlen(doc);
	/* A hook that does not read its stdin is not an error (SIGPIPE is ignored). */
	while (off < len && (n = write(fd[1], doc + off, len - off)) > 0)
		off += (size_t)n;
	if (off == len)
		(void)write(fd[1], "\n", 1);
	close(fd[1]);
	free(doc);
	if ((st = wait_bounded(pid, (long long)(timeout_s * 1000))) == -1) {
		kill(-pid, SIGKILL);
		waitpid(pid, &st, 0);
		return error("failure hook '%s' timed out after %gs and was killed",
		    cmd, timeout_s);
	}
	if (WIFSIGNALED(st))
		return error("failure hook '%s' was killed by signal %d", cmd,
		    WTERMSIG(st));
	if (WEXITSTATUS(st) != 0)
		return error("failure hook '%s' exited %d", cmd, WEXITSTATUS(st));
	return 0;
}
