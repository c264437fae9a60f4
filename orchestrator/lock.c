/*
 * Per-date run lock: an open file description lock (F_OFD_SETLK) on
 * var/locks/<date>.lock, held as long as any process has the description open.
 * daily_run hands it to every step as fd 3 (proc.c), so a step left running by
 * a SIGKILLed daily_run still holds the date (docs/ORCHESTRATOR.md "Run directory").
 */
/* _GNU_SOURCE: F_OFD_SETLK, F_DUPFD_CLOEXEC. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lock.h"

/* The lock fd is kept above the fds a step gets, so dup2 to 3 always clears CLOEXEC. */
#define LOCK_FD_MIN 10

/* The pid the holder wrote in the file, or 0. */
static pid_t
read_holder(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return (pid_t)strtol(buf, NULL, 10);
}

int
lock_take(const char *path, pid_t *holder)
{
	struct flock fl;
	char pid[32];
	int fd, hi;

	*holder = 0;
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) == -1)
		return -1;
	if ((hi = fcntl(fd, F_DUPFD_CLOEXEC, LOCK_FD_MIN)) == -1) {
		close(fd);
		errno = EMFILE;	/* EINVAL: the fd limit is below LOCK_FD_MIN */
		return -1;
	}
	close(fd);
	fd = hi;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, F_OFD_SETLK, &fl) == 0) {
		/* For the message of a run that finds the date taken: no fsync. */
		snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
		if (ftruncate(fd, 0) == 0 &&
		    pwrite(fd, pid, strlen(pid), 0) != (ssize_t)strlen(pid)) {
			/* the lock holds without it: the message says pid 0 */
		}
		return fd;
	}
	if (errno == EACCES || errno == EAGAIN) {
		*holder = read_holder(fd);
		errno = EAGAIN;
	}
	close(fd);
	return -1;
}
