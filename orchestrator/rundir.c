/* The run directory: its creation, the initial state and the record of successful runs. */
/* _GNU_SOURCE: vasprintf(3). */
#define _GNU_SOURCE
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <uuid/uuid.h>

#include "date.h"
#include "die.h"
#include "dirs.h"
#include "exitcodes.h"
#include "state.h"
#include "run.h"

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		die(1, "out of memory");
	return s;
}

int
mkdirs(const char *path)
{
	char *p = xasprintf("%s", path), *s;
	int rc = 0;

	for (s = p + 1; rc == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, 0755) == -1 && errno != EEXIST)
			rc = -1;
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

int
run_step_index(const struct run *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nsteps; i++)
		if (strcmp(r->steps[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Whether file is NN-<step><suffix>, NN two digits. */
static int
is_step_file(const char *file, const char *step, const char *suffix)
{
	size_t n = strlen(step);

	return file[0] >= '0' && file[0] <= '9' && file[1] >= '0' &&
	    file[1] <= '9' && file[2] == '-' && strncmp(file + 3, step, n) == 0 &&
	    strcmp(file + 3 + n, suffix) == 0;
}

char *
run_file(const char *dir, const char *step, const char *suffix)
{
	struct dirent *e;
	char *path = NULL;
	DIR *dp;

	if ((dp = opendir(dir)) == NULL)
		return NULL;
	while (path == NULL && (e = readdir(dp)) != NULL)
		if (is_step_file(e->d_name, step, suffix))
			path = xasprintf("%s/%s", dir, e->d_name);
	closedir(dp);
	return path;
}

char *
run_step_path(const struct run *r, size_t i, const char *suffix)
{
	return xasprintf("%s/%02zu-%s%s", r->rundir, i + 1, r->steps[i].name,
	    suffix);
}

/* The run directory runs/success/<date> links to (../<run_id>), or NULL. New. */
static char *
success_run(const struct run *r, const char *date)
{
	char link[PATH_MAX];
	char *l = xasprintf("%s/runs/success/%s", r->vardir, date), *dir = NULL;
	ssize_t n = readlink(l, link, sizeof(link) - 1);

	if (n > 3 && strncmp(link, "../", 3) == 0) {
		link[n] = '\0';
		dir = xasprintf("%s/runs/%s", r->vardir, link + 3);
	}
	free(l);
	return dir;
}

/*
 * The portfolio state of the latest successful run dated before as_of, as a
 * new path, or NULL: runs/success/<date> links to ../<run_id>, whose portfolio
 * file is looked up by the step's name (run_file), not by its place.
 */
char *
run_previous_portfolio(const struct run *r)
{
	char *dir = xasprintf("%s/runs/success", r->vardir), *path = NULL;
	char best[DATE_BUFSZ] = "";
	struct dirent *e;
	day_t d, today;
	DIR *dp;

	if ((dp = opendir(dir)) == NULL) {
		free(dir);
		return NULL;
	}
	date_parse(r->as_of, &today);
	while ((e = readdir(dp)) != NULL)
		if (date_parse(e->d_name, &d) == 0 && d < today &&
		    strcmp(e->d_name, best) > 0) {
			char *rd = success_run(r, e->d_name);
			char *f = rd != NULL ? run_file(rd, "portfolio", ".json") : NULL;

			if (f != NULL && access(f, R_OK) == 0)
				memcpy(best, e->d_name, DATE_BUFSZ);
			free(rd);
			free(f);
		}
	closedir(dp);
	if (best[0] != '\0') {
		char *rd = success_run(r, best);

		path = rd != NULL ? run_file(rd, "portfolio", ".json") : NULL;
		free(rd);
	}
	free(dir);
	return path;
}

/* {"as_of","run_id","dry_run","config":{...}}: a new reference. */
static json_t *
initial_state(const struct run *r)
{
	/* The file's keys (docs/CONFIG.md), then what daily_run sets for this run. */
	json_t *config = r->config ? json_deep_copy(r->config) : json_object(), *st;
	char *prev;

	/* This run's own directory, absolute (docs/ORCHESTRATOR.md "Where files go"). */
	if (!r->dry_run) {
		char *rd = dirs_run_reports(r);

		json_object_set_new(config, "report_dir", json_string(rd));
		free(rd);
		/* the history of every date, reports/index.html (docs/REPORT.md "Index") */
		json_object_set_new(config, "report_index_dir", json_string(r->reportdir));
	}
	if (r->track != NULL)
		json_object_set(config, "track_record", r->track);
	if (!r->chained && (prev = run_previous_portfolio(r)) != NULL) {
		json_object_set_new(config, "previous_portfolio_file",
		    json_string(prev));
		free(prev);
	}
	st = json_pack("{s:s, s:s, s:b, s:o}", "as_of", r->as_of, "run_id",
	    r->run_id, "dry_run", r->dry_run, "config", config);
	if (st == NULL)
		die(1, "cannot build the initial state");
	return st;
}

int
run_init(struct run *r)
{
	uuid_t u;
	char *path;
	FILE *f;
	size_t i;
	int rc = 0;

	uuid_generate(u);
	uuid_unparse_lower(u, r->run_id);
	r->rundir = xasprintf("%s/runs/%s", r->vardir, r->run_id);
	if (mkdirs(r->rundir) == -1)
		return error("cannot create '%s':", r->rundir);
	r->res = calloc(r->nsteps, sizeof(*r->res));
	if (r->res == NULL)
		die(1, "out of memory");
	for (i = 0; i < r->nsteps; i++)
		r->res[i].code = -1;
	r->failed = -1;
	r->final = initial_state(r);
	path = xasprintf("%s/00-initial.json", r->rundir);
	if ((f = fopen(path, "we")) == NULL)
		rc = error("cannot create '%s':", path);
	else if (state_dump(f, r->final) == -1 || fputc('\n', f) == EOF ||
	    fclose(f) == EOF)
		rc = error("cannot write '%s':", path);
	free(path);
	return rc;
}

int
run_record_success(const struct run *r)
{
	char *dir = xasprintf("%s/runs/success", r->vardir);
	char *tmp = xasprintf("%s/.%s.%ld", dir, r->as_of, (long)getpid());
	char *link = xasprintf("%s/%s", dir, r->as_of);
	char *target = xasprintf("../%s", r->run_id);
	int rc = 0;

	if (mkdirs(dir) == -1 || symlink(target, tmp) == -1 ||
	    rename(tmp, link) == -1) {
		rc = error("cannot record the run in '%s':", link);
		unlink(tmp);
	}
	free(dir);
	free(tmp);
	free(link);
	free(target);
	return rc;
}

void
run_release(struct run *r)
{
	size_t i;

	for (i = 0; r->res != NULL && i < r->nsteps; i++)
		free(r->res[i].detail);
	json_decref(r->track);
	r->track = NULL;
	free(r->res);
	free(r->rundir);
	free(r->data_source);
	free(r->chain_prev);
	r->data_source = r->chain_prev = NULL;
	json_decref(r->final);
	r->res = NULL;
	r->rundir = NULL;
	r->final = NULL;
}
