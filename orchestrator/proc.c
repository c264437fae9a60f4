/* Spawn, wait with a deadline, kill the group (docs/STYLE.md R19-R24). */
/* _GNU_SOURCE: signalfd(2), wait4(2), pipe2(2), posix_spawn_file_actions_addclosefrom_np. */
#define _GNU_SOURCE
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "proc.h"

extern char **environ;

enum phase { RUNNING, TERMINATING, KILLED };

long long
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long
ts_ns(const struct timespec *ts)
{
	return (long long)ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

/*
 * Signals that end daily_run by default and are not faults: they stop the run
 * (ABORTED) instead of orphaning the step (docs/ORCHESTRATOR.md "Process
 * handling"). SIGPIPE and SIGXFSZ are ignored instead (daily_run.c): a closed
 * terminal or a file size limit is a write error, not a stop.
 */
static const int stop_signals[] = {
	SIGINT, SIGTERM, SIGHUP,
	SIGQUIT,	/* Ctrl-\ reaches only the terminal's group, not the step's */
	SIGUSR1, SIGUSR2, SIGALRM, SIGXCPU, SIGVTALRM, SIGPROF, SIGPWR, SIGIO,
	SIGSTKFLT,
};

/*
 * SIGCHLD and the stop signals that daily_run did not inherit ignored: under
 * nohup or after trap '' INT, that signal stays ignored (not blocked, so the
 * kernel discards it), as the user asked.
 */
static void
abort_set(sigset_t *set)
{
	struct sigaction sa;
	size_t i;

	sigemptyset(set);
	sigaddset(set, SIGCHLD);
	for (i = 0; i < sizeof(stop_signals) / sizeof(stop_signals[0]); i++)
		if (sigaction(stop_signals[i], NULL, &sa) == -1 ||
		    sa.sa_handler != SIG_IGN)
			sigaddset(set, stop_signals[i]);
}

int
proc_signals_init(void)
{
	sigset_t set;

	abort_set(&set);
	if (sigprocmask(SIG_BLOCK, &set, NULL) == -1)
		return -1;
	return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

/* What the step's group gets for a stop signal: the terminal's own ones as they
 * came, the others as SIGTERM (a step owes SIGUSR1 no meaning). */
static int
forward_as(int sig)
{
	if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP || sig == SIGQUIT)
		return sig;
	return SIGTERM;
}

/* Read every queued signal; returns the last stopping one or 0; sets *chld. */
static int
read_signals(int sig_fd, int *chld)
{
	struct signalfd_siginfo si;
	int stop = 0;

	while (read(sig_fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGCHLD)
			*chld = 1;
		else
			stop = (int)si.ssi_signo;
	}
	return stop;
}

int
proc_pending_abort(int sig_fd)
{
	int chld = 0;

	return read_signals(sig_fd, &chld);
}

void
proc_init(struct proc *p)
{
	memset(p, 0, sizeof(*p));
	p->in_fd = p->out_fd = p->err_fd = p->echo_fd = -1;
	p->sig_fd = p->err_rd = p->lock_fd = -1;
	p->pid = -1;
	p->grace_ms = 5000;
}

/* Spawn attributes: own group, empty mask, default dispositions (R20). */
static void
spawn_attr(posix_spawnattr_t *at)
{
	sigset_t none, def;

	sigemptyset(&none);
	sigfillset(&def);	/* whatever daily_run inherited ignored */
	posix_spawnattr_init(at);
	posix_spawnattr_setflags(at, POSIX_SPAWN_SETPGROUP |
	    POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setpgroup(at, 0);
	posix_spawnattr_setsigmask(at, &none);
	posix_spawnattr_setsigdefault(at, &def);
}

/*
 * daily_run's environment without the database credentials: a step has no
 * business with DATABASE_URL, PGPASSWORD or PGPASSFILE (docs/ORCHESTRATOR.md
 * "Process handling"). OPENBLAS_NUM_THREADS=1 is added unless the user set it:
 * the steps pin OpenBLAS to one thread anyway, and without it the library starts
 * a worker per core at load that only spins (docs/BENCH.md "State I/O").
 * Built once; the strings are environ's own.
 */
static char **
step_environ(void)
{
	static const char *const drop[] = { "DATABASE_URL=", "PGPASSWORD=",
		"PGPASSFILE=" };
	static const char blas[] = "OPENBLAS_NUM_THREADS=";
	static char **env;
	size_t n, i, k, j;
	int has_blas = 0;

	if (env != NULL)
		return env;
	for (n = 0; environ[n] != NULL; n++)
		;
	if ((env = calloc(n + 2, sizeof(*env))) == NULL)
		return environ;
	for (i = k = 0; i < n; i++) {
		if (strncmp(environ[i], blas, strlen(blas)) == 0)
			has_blas = 1;
		for (j = 0; j < sizeof(drop) / sizeof(drop[0]); j++)
			if (strncmp(environ[i], drop[j], strlen(drop[j])) == 0)
				break;
		if (j == sizeof(drop) / sizeof(drop[0]))
			env[k++] = environ[i];
	}
	if (!has_blas)
		env[k++] = (char *)"OPENBLAS_NUM_THREADS=1";
	return env;
}

/* posix_spawn with RLIMIT_FSIZE lowered around it so the child inherits the cap. */
static int
spawn_capped(struct proc *p, posix_spawn_file_actions_t *fa,
    posix_spawnattr_t *at)
{
	const char *argv[] = { p->path, NULL };
	struct rlimit old, cap, as;
	int capped = 0, rc;

	p->fsize_eff = 0;
	if (getrlimit(RLIMIT_FSIZE, &old) == 0) {
		cap = old;
		if (p->fsize_cap > 0 && (old.rlim_max == RLIM_INFINITY ||
		    old.rlim_max > p->fsize_cap))
			cap.rlim_cur = p->fsize_cap;
		/* ulimit -f below the cap: the child gets it, and messages say so. */
		if (old.rlim_cur != RLIM_INFINITY && old.rlim_cur < cap.rlim_cur)
			cap.rlim_cur = old.rlim_cur;
		if (cap.rlim_cur != RLIM_INFINITY)
			p->fsize_eff = cap.rlim_cur;
		capped = p->fsize_cap > 0 && setrlimit(RLIMIT_FSIZE, &cap) == 0;
	}
	rc = posix_spawn(&p->pid, p->path, fa, at, (char *const *)argv,
	    step_environ());
	if (capped)
		setrlimit(RLIMIT_FSIZE, &old);
	/*
	 * The memory bound goes on the child only (prlimit), not around the spawn
	 * like the file size cap: daily_run's own address space (an ASan build
	 * reserves terabytes) must not be squeezed. posix_spawn returns once the
	 * child has exec'd, before it has read its state.
	 */
	if (rc == 0 && p->mem_cap > 0 && prlimit(p->pid, RLIMIT_AS, NULL, &as) == 0) {
		if (as.rlim_max == RLIM_INFINITY || as.rlim_max > p->mem_cap)
			as.rlim_cur = p->mem_cap;
		prlimit(p->pid, RLIMIT_AS, &as, NULL);
	}
	return rc;
}

int
proc_start(struct proc *p)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	int errp[2], rc;

	p->pid = -1;
	p->timed_out = p->aborted = 0;
	p->err_bytes = 0;
	p->said_oom = 0;
	if (pipe2(errp, O_CLOEXEC) == -1)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p->in_fd, 0);
	posix_spawn_file_actions_adddup2(&fa, p->out_fd, 1);
	posix_spawn_file_actions_adddup2(&fa, errp[1], 2);
	/* The date's lock goes with every process of the run (lock.c). */
	if (p->lock_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, p->lock_fd, 3);
	posix_spawn_file_actions_addclosefrom_np(&fa, p->lock_fd >= 0 ? 4 : 3);
	spawn_attr(&at);
	clock_gettime(CLOCK_MONOTONIC, &p->t_start);
	rc = spawn_capped(p, &fa, &at);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(errp[1]);
	if (rc != 0) {
		close(errp[0]);
		p->pid = -1;
		p->t_end = p->t_start;
		errno = rc;
		return -1;
	}
	p->err_rd = errp[0];
	fcntl(p->err_rd, F_SETFL, O_NONBLOCK);
	return 0;
}

/* Reap the leader if it has exited: 1 reaped, 0 still running, -1 error. */
static int
reap(struct proc *p)
{
	pid_t r;

	do
		r = wait4(p->pid, &p->wstatus, WNOHANG, &p->ru);
	while (r == -1 && errno == EINTR);
	if (r == 0)
		return 0;
	if (r == -1)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &p->t_end);
	return 1;
}

/* Milliseconds from now to deadline (ns), at least 0; -1 for none. */
static int
poll_wait(long long deadline)
{
	long long left;

	if (deadline == 0)
		return -1;
	left = (deadline - mono_ns() + 999999) / 1000000;
	if (left < 0)
		return 0;
	return left > 60000 ? 60000 : (int)left;
}

/* Send sig to the step's group and move to the next phase. */
static long long
escalate(struct proc *p, enum phase *ph, int sig)
{
	kill(-p->pid, sig);
	if (sig == SIGKILL) {
		*ph = KILLED;
		return 0;
	}
	*ph = TERMINATING;
	return mono_ns() + p->grace_ms * 1000000LL;
}

/* One poll round: 1 when the leader has been reaped, 0 to go on, -1 error. */
static int
wait_round(struct proc *p, enum phase *ph, long long *deadline)
{
	struct pollfd pfd[2];
	int n, chld = 0, stop;

	pfd[0].fd = p->sig_fd;
	pfd[0].events = POLLIN;
	pfd[1].fd = p->err_rd;
	pfd[1].events = POLLIN;
	n = poll(pfd, p->err_rd >= 0 ? 2 : 1, poll_wait(*deadline));
	if (n == -1)
		return errno == EINTR ? 0 : -1;
	/* Reap before judging the deadline: a daily_run stopped (SIGSTOP, a
	 * suspended VM) past it must not call a step that ended in time late. */
	if (*deadline != 0 && mono_ns() >= *deadline && (n = reap(p)) != 0)
		return n;
	if (*deadline != 0 && mono_ns() >= *deadline) {
		if (*ph == RUNNING)
			p->timed_out = 1;
		*deadline = escalate(p, ph, *ph == RUNNING ? SIGTERM : SIGKILL);
		return 0;
	}
	if (p->err_rd >= 0 && pfd[1].revents)
		proc_pump_err(p);
	if (pfd[0].revents && (stop = read_signals(p->sig_fd, &chld)) != 0) {
		if (!p->aborted && *ph == RUNNING) {
			p->aborted = stop;
			*deadline = escalate(p, ph, forward_as(stop));
		} else if (*ph != KILLED) {
			*deadline = escalate(p, ph, SIGKILL);
		}
	}
	/* A SIGCHLD may have been read by an earlier round: always try. */
	return reap(p);
}

/* kill_children() without CONFIG_PROC_CHILDREN: every /proc/<pid>/stat whose ppid is ours. */
static int
proc_kill_scan(void)
{
	char path[300], buf[512], *rp;
	struct dirent *e;
	pid_t self = getpid();
	long ppid;
	ssize_t n;
	int fd, found = 0;
	DIR *d;

	if ((d = opendir("/proc")) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = '\0';
		/* "pid (comm) S ppid ...": comm may hold spaces and parentheses */
		if ((rp = strrchr(buf, ')')) != NULL &&
		    sscanf(rp + 1, " %*c %ld", &ppid) == 1 && ppid == (long)self) {
			kill((pid_t)strtol(e->d_name, NULL, 10), SIGKILL);
			found++;
		}
	}
	closedir(d);
	return found;
}

/*
 * SIGKILL every child of daily_run (/proc/self/task/<pid>/children, else a scan of
 * /proc): with PR_SET_CHILD_SUBREAPER the orphans of a step, setsid ones
 * included, are our children. Returns how many were found.
 */
static int
kill_children(void)
{
	char path[64], buf[4096], *s, *end;
	ssize_t n;
	int fd, found = 0;
	long c;

	snprintf(path, sizeof(path), "/proc/self/task/%ld/children", (long)getpid());
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return proc_kill_scan();
	while ((n = read(fd, buf, sizeof(buf) - 1)) > 0) {
		buf[n] = '\0';
		for (s = buf; (c = strtol(s, &end, 10)) > 0 && end != s; s = end) {
			kill((pid_t)c, SIGKILL);
			found++;
		}
	}
	close(fd);
	return found;
}

/*
 * Kill and reap every process the step left (its group, and through the
 * subreaper its setsid descendants): until waitpid says we have no child.
 * Each round kills the current children; the children of the killed are
 * reparented to us before the killed can be reaped, so the next round sees them.
 */
static void
kill_tree(const struct proc *p)
{
	int st;

	kill(-p->pid, SIGKILL);
	for (;;) {
		kill_children();
		if (waitpid(-1, &st, 0) == -1 && errno != EINTR)
			break;		/* ECHILD: the tree is gone */
	}
}

int
proc_finish(struct proc *p)
{
	enum phase ph = RUNNING;
	long long deadline = 0;
	int r;

	if (p->timeout_ms > 0)
		deadline = ts_ns(&p->t_start) + p->timeout_ms * 1000000LL;
	while ((r = wait_round(p, &ph, &deadline)) == 0)
		;
	if (r == -1) {
		int e = errno;

		kill(-p->pid, SIGKILL);
		while (waitpid(p->pid, &p->wstatus, 0) == -1 && errno == EINTR)
			;
		clock_gettime(CLOCK_MONOTONIC, &p->t_end);
		errno = e;
	}
	/* Leftovers (a backgrounded grandchild, a setsid one) die with the step,
	 * before its output is judged: nothing may change it afterwards. */
	kill_tree(p);
	if (p->err_rd >= 0) {
		proc_pump_err(p);
		if (p->err_rd >= 0)
			close(p->err_rd);
		p->err_rd = -1;
	}
	if (p->err_fd >= 0)
		close(p->err_fd);
	p->err_fd = -1;
	if (r == -1)
		return -1;
	return p->timed_out ? 124 : status_code(p->wstatus);
}

