/* Spawn, wait with a deadline, kill the group (docs/STYLE.md R19-R24). */
/* _GNU_SOURCE: signalfd(2), wait4(2), pipe2(2), posix_spawn_file_actions_addclosefrom_np. */
#define _GNU_SOURCE
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
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

static void
abort_set(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGCHLD);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
	/* Ctrl-\ reaches only the terminal's group, not the step's: forward it too. */
	sigaddset(set, SIGQUIT);
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
	p->sig_fd = p->err_rd = -1;
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

/* posix_spawn with RLIMIT_FSIZE lowered around it so the child inherits the cap. */
static int
spawn_capped(struct proc *p, posix_spawn_file_actions_t *fa,
    posix_spawnattr_t *at)
{
	const char *argv[] = { p->path, NULL };
	struct rlimit old, cap;
	int capped = 0, rc;

	if (p->fsize_cap > 0 && getrlimit(RLIMIT_FSIZE, &old) == 0) {
		cap = old;
		if (old.rlim_max == RLIM_INFINITY || old.rlim_max > p->fsize_cap)
			cap.rlim_cur = p->fsize_cap;
		capped = setrlimit(RLIMIT_FSIZE, &cap) == 0;
	}
	rc = posix_spawn(&p->pid, p->path, fa, at, (char *const *)argv, environ);
	if (capped)
		setrlimit(RLIMIT_FSIZE, &old);
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
	if (pipe2(errp, O_CLOEXEC) == -1)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p->in_fd, 0);
	posix_spawn_file_actions_adddup2(&fa, p->out_fd, 1);
	posix_spawn_file_actions_adddup2(&fa, errp[1], 2);
	posix_spawn_file_actions_addclosefrom_np(&fa, 3);
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
			*deadline = escalate(p, ph, stop);
		} else if (*ph != KILLED) {
			*deadline = escalate(p, ph, SIGKILL);
		}
	}
	/* A SIGCHLD may have been read by an earlier round: always try. */
	return reap(p);
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
	/* Leftovers in the group (a backgrounded grandchild) die with the step. */
	kill(-p->pid, SIGKILL);
	if (r == -1) {
		int e = errno;

		while (waitpid(p->pid, &p->wstatus, 0) == -1 && errno == EINTR)
			;
		clock_gettime(CLOCK_MONOTONIC, &p->t_end);
		errno = e;
	}
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

