/* One run per date at a time: an fcntl(2) write lock on var/locks/<date>.lock (R25). */
#ifndef LOCK_H
#define LOCK_H

#include <sys/types.h>

/*
 * Create path if needed and lock it without waiting. Returns the open,
 * close-on-exec fd that holds the lock (closing it releases the lock); -1
 * with *holder set to the pid that holds it (0 if unknown) and errno EAGAIN
 * when another process has it; -1 with errno set on any other failure.
 */
int lock_take(const char *path, pid_t *holder);

#endif
