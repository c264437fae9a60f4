/* The state and report directories (docs/ORCHESTRATOR.md "Where files go"). */
#include <sys/stat.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "die.h"
#include "dirs.h"
#include "run.h"

static const char *
env(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : NULL;
}

/* p made absolute from the current directory; a new string. */
static char *
absolute(const char *p)
{
	char cwd[PATH_MAX];

	if (*p == '/' || getcwd(cwd, sizeof(cwd)) == NULL)
		return xasprintf("%s", p);
	return xasprintf("%s/%s", cwd, p);
}

char *
dirs_vardir(const char *installed)
{
	const char *v;

	if ((v = env("DAILY_VARDIR")) != NULL)
		return absolute(v);
	if (installed != NULL && *installed != '\0')
		return xasprintf("%s", installed);
	/* XDG: a relative XDG_STATE_HOME is invalid and ignored. */
	if ((v = env("XDG_STATE_HOME")) != NULL && *v == '/')
		return xasprintf("%s/daily_run", v);
	if ((v = env("HOME")) != NULL && *v == '/')
		return xasprintf("%s/.local/state/daily_run", v);
	error("no state directory: set DAILY_VARDIR (or HOME, XDG_STATE_HOME)");
	return NULL;
}

char *
dirs_reportdir(const char *vardir)
{
	const char *v = env("DAILY_REPORT_DIR");

	return v != NULL ? absolute(v) : xasprintf("%s/reports", vardir);
}

char *
dirs_run_reports(const struct run *r)
{
	return xasprintf("%s/runs/%s", r->reportdir, r->run_id);
}

/* Point link at target, replacing it atomically. 0 or -1 after error(). */
static int
relink(const char *target, const char *link)
{
	char *tmp = xasprintf("%s.%ld.tmp", link, (long)getpid());
	int rc = 0;

	unlink(tmp);
	if (symlink(target, tmp) == -1 || rename(tmp, link) == -1) {
		rc = error("cannot link '%s':", link);
		unlink(tmp);
	}
	free(tmp);
	return rc;
}

int
dirs_publish(const struct run *r)
{
	char *files = xasprintf("%s/runs/%s/%s", r->reportdir, r->run_id, r->as_of);
	char *day = xasprintf("%s/%s", r->reportdir, r->as_of);
	char *link = xasprintf("%s/%s", day, r->run_id);
	char *target = xasprintf("../runs/%s/%s", r->run_id, r->as_of);
	char *latest = xasprintf("%s/latest", day);
	struct stat sb;
	int rc = 0;

	/* A report step that wrote nothing (a fake one, a --report-dir of its own). */
	if (stat(files, &sb) == -1 || !S_ISDIR(sb.st_mode))
		goto out;
	if (mkdirs(day) == -1)
		rc = error("cannot create '%s':", day);
	else if (relink(target, link) == -1 || relink(r->run_id, latest) == -1)
		rc = -1;
out:
	free(files);
	free(day);
	free(link);
	free(target);
	free(latest);
	return rc;
}
