/*
 * Spawn one step, wait for it with a deadline, kill its process group
 * (docs/STYLE.md R19-R24). The step runs with stdin and stdout on the files the
 * caller opened, its stderr on a pipe that proc_finish() copies to err_path
 * (created at the first byte, so a silent step leaves no empty file) and
 * echo_fd (the terminal) up to err_cap bytes each and drains past that, so a
 * step flooding stderr never blocks and never costs memory. No signal handlers: SIGCHLD, SIGINT, SIGTERM, SIGHUP and SIGQUIT are blocked
 * and read from a signalfd (proc_signals_init).
 */
#ifndef PROC_H
#define PROC_H

#include <sys/types.h>
#include <sys/resource.h>
#include <stddef.h>
#include <time.h>

struct proc {
	/* Set by the caller. */
	const char *name;	/* step name, for messages */
	const char *path;	/* program to execute (no PATH search) */
	int in_fd, out_fd;	/* become the child's 0 and 1 */
	const char *err_path;	/* stderr copy (file), or NULL */
	int echo_fd;		/* stderr copy (terminal), or -1 */
	size_t err_cap;		/* bytes kept in err_fd and echo_fd; 0: unlimited */
	long long timeout_ms;	/* 0: no deadline */
	long long grace_ms;	/* SIGTERM to SIGKILL */
	size_t fsize_cap;	/* RLIMIT_FSIZE of the child; 0: inherited */
	unsigned long long fsize_eff;	/* the child's RLIMIT_FSIZE (lower when
				 * daily_run inherited a lower one), 0: none */
	size_t mem_cap;		/* RLIMIT_AS of the child in bytes; 0: inherited */
	int sig_fd;		/* from proc_signals_init() */
	int lock_fd;		/* becomes the child's fd 3 (the date's lock), or -1 */

	/* Set by proc_start() and proc_finish(). */
	pid_t pid;		/* also the process group id */
	int err_rd;		/* read end of the stderr pipe, or -1 */
	int err_fd;		/* err_path once opened, or -1 */
	struct timespec t_start, t_end;	/* CLOCK_MONOTONIC */
	int wstatus;		/* as from wait4(2) */
	struct rusage ru;	/* the child's own resource use */
	int timed_out;		/* killed at the deadline */
	int aborted;		/* signal that asked daily_run to stop, or 0 */
	size_t err_bytes;	/* stderr bytes the step wrote */
	int said_oom;		/* its stderr said "out of memory" or ENOMEM's text */
};

/*
 * Block SIGCHLD, SIGINT, SIGTERM, SIGHUP and SIGQUIT and return a non-blocking,
 * close-on-exec signalfd for them, or -1 with errno set.
 */
int proc_signals_init(void);

/*
 * A signal asking daily_run to stop (SIGINT, SIGTERM, SIGHUP, SIGQUIT) that arrived
 * while no step was running, or 0. Other pending signals are discarded.
 */
int proc_pending_abort(int sig_fd);

/* Zero the result fields and set the defaults (no fds, no caps, no deadline). */
void proc_init(struct proc *p);

/*
 * Start p->path in a new process group with an empty signal mask, default
 * dispositions and only fds 0, 1 and 2 open (and 3, the lock, when lock_fd is set). Returns 0, or -1 with errno set
 * (ENOENT: no such program; anything else: cannot execute).
 */
int proc_start(struct proc *p);

/*
 * Copy the step's stderr until it exits, enforcing the deadline (SIGTERM to
 * the group, grace_ms, SIGKILL) and forwarding SIGINT/SIGTERM/SIGHUP/SIGQUIT to the
 * group (p->aborted records which). The group is killed once its leader has
 * been reaped, so no grandchild outlives the step. Returns the exit code, 124
 * when the deadline passed, 128+N when killed by signal N, or -1 with errno
 * set when waiting failed (the group has then been killed).
 */
int proc_finish(struct proc *p);

/* Elapsed time between start and end, in ns. */
long long proc_ns(const struct proc *p);

/* Decode a wait status: the exit code or 128+N (R23). */
int status_code(int wstatus);
/* "exited 65", "killed by signal 9 (code 137)" or "timed out after 2s (code 124)". */
char *status_describe(char *buf, size_t sz, const struct proc *p);

/*
 * Internal to proc.c: read the stderr pipe until it would block (0) or ends
 * (1, the pipe is then closed), copying what came (proc_tee.c).
 */
int proc_pump_err(struct proc *p);

/* Monotonic now in ns. */
long long mono_ns(void);

#endif
