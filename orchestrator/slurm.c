/* What backtest and sweep share to run on Slurm (docs/BACKTEST.md "Slurm"). */
#include <sys/wait.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "die.h"
#include "run.h"
#include "slurm.h"
#include "state.h"

void
slurm_quote(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++)
		if (*s == '\'')
			fputs("'\\''", f);
		else
			fputc(*s, f);
	fputc('\'', f);
}

void
slurm_env(FILE *f)
{
	static const char *const vars[] = { "DAILY_CATALOGUE", "DAILY_DATA_ROOT",
		"DAILY_STEPDIR", "DAILY_VARDIR", "DAILY_REQUIRE_REAL", "DAILY_CACHE_DIR",
		NULL };
	const char *v;
	size_t i;

	fputs("set -eu\n", f);
	for (i = 0; vars[i] != NULL; i++)
		if ((v = getenv(vars[i])) != NULL) {
			fprintf(f, "export %s=", vars[i]);
			slurm_quote(f, v);
			fputc('\n', f);
		}
}

int
slurm_submit(const char *dir, const char *name, const char *after, char *id, size_t sz)
{
	char *script = xasprintf("%s/%s", dir, name);
	/* after: "afterany:ID", "afterok:ID" or NULL */
	char *dep = after ? xasprintf("--dependency=%s", after) : NULL;
	const char *argv[5] = { "sbatch", "--parsable", dep ? dep : script,
		dep ? script : NULL, NULL };
	int fd[2], st = 0;
	ssize_t n = 0, k;
	pid_t pid = -1;

	if (pipe(fd) == 0 && (pid = fork()) == 0) {
		dup2(fd[1], STDOUT_FILENO);
		close(fd[0]);
		execvp("sbatch", (char *const *)argv);
		fprintf(stderr, "daily_run: error: cannot run sbatch: %s\n", strerror(errno));
		_exit(127);
	}
	if (pid > 0) {
		close(fd[1]);
		while ((size_t)n + 1 < sz && (k = read(fd[0], id + n, sz - 1 - (size_t)n)) > 0)
			n += k;
		close(fd[0]);
		while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
			;
	}
	id[n > 0 ? n : 0] = '\0';
	id[strcspn(id, ";\n")] = '\0';	/* "ID;cluster" */
	free(script);
	free(dep);
	if (pid <= 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0 || *id == '\0')
		return error("sbatch %s failed", name);
	return 0;
}

int
slurm_submit_chain(const char *dir, const char *first, const char *then,
    const char *after, const char *cmd, long ntasks, const char *label)
{
	char id[64], id2[64], *dep;
	int rc;

	if (slurm_submit(dir, first, NULL, id, sizeof(id)) == -1)
		return -1;
	dep = xasprintf("%s:%s", after, id);
	rc = slurm_submit(dir, then, dep, id2, sizeof(id2));
	free(dep);
	if (rc == 0)
		printf("%s: submitted job %s (%ld tasks) and %s job %s; results in %s\n",
		    cmd, id, ntasks, label, id2, dir);
	return rc;
}

int
slurm_print(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "re");
	int c;

	free(path);
	if (f == NULL)
		return -1;
	while ((c = getc(f)) != EOF)
		putchar(c);
	fclose(f);
	return fflush(stdout) == EOF ? -1 : 0;
}

int
slurm_exe(char *buf, size_t sz)
{
	ssize_t n = readlink("/proc/self/exe", buf, sz - 1);

	if (n <= 0)
		return error("cannot find the daily_run program:");
	buf[n] = '\0';
	return 0;
}

void
slurm_date_part(struct run *r)
{
	int k;

	if (getenv("DAILY_BACKTEST_PART") != NULL &&
	    (k = run_step_index(r, CHAIN_STEP)) > 0)
		r->nsteps = (size_t)k;
}

/* Step i's state from the run directory src into this run, with this run's run_id. */
static int
copy_state(const struct run *r, const char *src, size_t i)
{
	char *to = run_step_path(r, i, ".json");
	char *from = xasprintf("%s/%s", src, strrchr(to, '/') + 1);
	json_t *st = json_load_file(from, 0, NULL);
	FILE *f = NULL;
	int rc = -1;

	if (json_is_object(st) && json_object_set_new(st, "run_id",
	    json_string(r->run_id)) == 0 && (f = fopen(to, "we")) != NULL &&
	    state_dump(f, st) == 0 && fputc('\n', f) != EOF)
		rc = 0;
	if (f != NULL && fclose(f) == EOF)
		rc = -1;
	if (rc == -1)
		error("%s: cannot take the date-independent state '%s' into '%s'",
		    r->as_of, from, r->rundir);
	json_decref(st);
	free(from);
	free(to);
	return rc;
}

int
slurm_date_resume(struct run *r)
{
	const char *pre = getenv("DAILY_BACKTEST_PRE");
	int k = run_step_index(r, CHAIN_STEP);
	char *src;
	size_t i;
	int rc = 0;

	if (pre == NULL)
		return 0;
	if (k <= 0)
		return error("no step %s to resume at", CHAIN_STEP);
	src = xasprintf("%s/%s", pre, r->as_of);
	for (i = 0; i < (size_t)k && rc == 0; i++)
		rc = copy_state(r, src, i);
	free(src);
	if (rc == 0)
		r->first = (size_t)k;
	return rc;
}
