/*
 * One run per date at a time: an open file description write lock on
 * var/locks/<date>.lock (R25), shared with the steps through fd 3.
 */
#ifndef LOCK_H
#define LOCK_H

#include <sys/types.h>

/*
 * Create path if needed and lock it without waiting, and write our pid in it.
 * Returns the open, close-on-exec fd (10 or above) that holds the lock (the
 * lock goes when the last fd of its open file description closes); -1 with
 * *holder set to the pid written by the daily_run that took it (0 if unknown) and errno EAGAIN
 * when another process has it; -1 with errno set on any other failure.
 */
int lock_take(const char *path, pid_t *holder);

#endif
