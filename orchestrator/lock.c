/* Per-date run lock with fcntl(2): released by the kernel when the holder dies. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lock.h"

int
lock_take(const char *path, pid_t *holder)
{
	struct flock fl;
	char buf[32];
	int fd, n;

	*holder = 0;
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) == -1)
		return -1;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, F_SETLK, &fl) == 0) {
		/* The pid in the file is for people; the lock is the truth. */
		n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
		if (ftruncate(fd, 0) == 0 && write(fd, buf, (size_t)n) != n)
			errno = 0;
		return fd;
	}
	if (errno == EACCES || errno == EAGAIN) {
		memset(&fl, 0, sizeof(fl));
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		if (fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
			*holder = fl.l_pid;
		errno = EAGAIN;
	}
	close(fd);
	return -1;
}
