/*
 * fds: a fake step that reports on stderr the fds it inherited and its
 * blocked and ignored signal sets (from /proc/self/status), then copies
 * stdin to stdout, and where fd 3 points ("fd 3: <path>"). The orchestrator
 * must hand it fds 0, 1, 2 and the date's lock as 3 only, an empty mask and
 * default dispositions (STYLE.md R20, docs/ORCHESTRATOR.md).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
main(void)
{
	char line[256];
	struct dirent *e;
	DIR *d = opendir("/proc/self/fd");
	FILE *f;
	size_t n;

	if (d == NULL)
		return 70;
	fputs("fds:", stderr);
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && atoi(e->d_name) != dirfd(d))
			fprintf(stderr, " %s", e->d_name);
	fputc('\n', stderr);
	closedir(d);
	if ((n = (size_t)readlink("/proc/self/fd/3", line, sizeof(line) - 1)) <
	    sizeof(line) - 1) {
		line[n] = '\0';
		fprintf(stderr, "fd 3: %s\n", line);
	}
	if ((f = fopen("/proc/self/status", "r")) == NULL)
		return 70;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "SigBlk:", 7) == 0 || strncmp(line, "SigIgn:", 7) == 0)
			fputs(line, stderr);
	fclose(f);
	while ((n = fread(line, 1, sizeof(line), stdin)) > 0)
		fwrite(line, 1, n, stdout);
	return fflush(stdout) == 0 ? 0 : 74;
}
