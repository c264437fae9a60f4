/* The step's stderr: copied to its file and the terminal up to a cap, drained past it. */
/* _GNU_SOURCE: memmem(3). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "proc.h"

static void
write_all(int fd, const char *buf, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;		/* a lost copy must not stop the run */
		buf += w;
		n -= (size_t)w;
	}
}

/* Copy what the step wrote to stderr; keep at most err_cap bytes, then one note. */
static void
copy_err(struct proc *p, const char *buf, size_t n)
{
	static const char note[] =
	    "[daily_run: stderr over the cap, the rest is discarded]\n";
	size_t keep = n;
	int crossing = 0;

	/* How the steps (xalloc.c) and strerror(ENOMEM) say an allocation failed:
	 * under a memory bound, the failure is reported as a breach of it. */
	if (!p->said_oom && (memmem(buf, n, "out of memory", 13) != NULL ||
	    memmem(buf, n, "Cannot allocate memory", 22) != NULL))
		p->said_oom = 1;
	if (p->err_cap > 0 && p->err_bytes + n > p->err_cap) {
		keep = p->err_bytes >= p->err_cap ? 0 : p->err_cap - p->err_bytes;
		crossing = p->err_bytes <= p->err_cap;
	}
	if (p->err_fd < 0 && p->err_path != NULL) {
		p->err_fd = open(p->err_path, O_WRONLY | O_CREAT | O_TRUNC |
		    O_CLOEXEC, 0644);
		if (p->err_fd < 0)
			p->err_path = NULL;	/* the terminal still gets it */
	}
	if (keep > 0 && p->err_fd >= 0)
		write_all(p->err_fd, buf, keep);
	if (keep > 0 && p->echo_fd >= 0)
		write_all(p->echo_fd, buf, keep);
	if (crossing && p->err_fd >= 0)
		write_all(p->err_fd, note, sizeof(note) - 1);
	if (crossing && p->echo_fd >= 0)
		write_all(p->echo_fd, note, sizeof(note) - 1);
	p->err_bytes += n;
}

/* Read the stderr pipe until it would block (0) or ends (1). */
int
proc_pump_err(struct proc *p)
{
	char buf[16384];
	ssize_t n;

	for (;;) {
		n = read(p->err_rd, buf, sizeof(buf));
		if (n > 0) {
			copy_err(p, buf, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return 0;
		close(p->err_rd);
		p->err_rd = -1;
		return 1;
	}
}
