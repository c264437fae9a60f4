/* Per-date run lock with fcntl(2): released by the kernel when the holder dies. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "lock.h"

int
lock_take(const char *path, pid_t *holder)
{
	struct flock fl;
	int fd;

	*holder = 0;
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) == -1)
		return -1;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	/* The holder's pid comes from F_GETLK: nothing to write (no journal I/O). */
	if (fcntl(fd, F_SETLK, &fl) == 0)
		return fd;
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
