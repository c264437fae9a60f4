/* The last lines of a file, bounded (docs/ORCHESTRATOR.md "The run row"). */
#include <sys/stat.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tail.h"
#include "text.h"

/* Read the last n bytes of fd into buf (n+1 bytes); their count or -1. */
static ssize_t
read_end(int fd, char *buf, size_t n)
{
	struct stat sb;
	off_t off;
	ssize_t got;

	if (fstat(fd, &sb) == -1)
		return -1;
	off = sb.st_size > (off_t)n ? sb.st_size - (off_t)n : 0;
	got = pread(fd, buf, n, off);
	if (got < 0)
		return -1;
	buf[got] = '\0';
	/* Cut mid-file: drop the partial first line. */
	if (off > 0) {
		char *nl = memchr(buf, '\n', (size_t)got);

		if (nl == NULL)
			return 0;
		memmove(buf, nl + 1, (size_t)got - (size_t)(nl + 1 - buf) + 1);
		got = (ssize_t)strlen(buf);
	}
	return got;
}

char *
file_tail(const char *path, int maxlines, size_t maxbytes)
{
	char *buf, *p, *start;
	ssize_t n;
	int fd, lines = 0;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	if ((buf = malloc(maxbytes + 1)) == NULL) {
		close(fd);
		return NULL;
	}
	n = read_end(fd, buf, maxbytes);
	close(fd);
	/* A NUL in the file ends the text there; trailing blanks go. */
	n = n > 0 ? (ssize_t)strlen(buf) : n;
	while (n > 0 && strchr(" \t\r\n", buf[n - 1]) != NULL)
		buf[--n] = '\0';
	if (n <= 0) {
		free(buf);
		return NULL;
	}
	for (start = buf, p = buf + n; p > buf; p--)
		if (p[-1] == '\n' && ++lines == maxlines) {
			start = p;
			break;
		}
	memmove(buf, start, strlen(start) + 1);
	/* Each line printable (a control becomes '?'), the newlines kept. */
	for (p = buf; p != NULL; p = start) {
		if ((start = strchr(p, '\n')) != NULL)
			*start = '\0';
		text_printable(p, 1);
		if (start != NULL)
			*start++ = '\n';
	}
	return buf;
}
