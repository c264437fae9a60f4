/*
 * Remove old run directories and their reports, never the last successful run
 * of a date (runs/success/<date>) nor a run whose portfolio a remaining run
 * reads (config.previous_portfolio_file) (docs/ORCHESTRATOR.md "Where files go").
 */
#define _XOPEN_SOURCE 700	/* nftw(3) */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "die.h"
#include "opts.h"
#include "parse.h"
#include "prune.h"
#include "run.h"

#define EXIT_FAILED	1
#define EXIT_BADUSAGE	2

struct runs {
	char (*id)[37];
	char (*date)[11];
	time_t *mtime;
	unsigned char *keep;	/* 1 protected */
	size_t n;
};

static int
is_run_id(const char *s)
{
	return strlen(s) == 36 && strspn(s, "0123456789abcdef-") == 36;
}

/* Index of run id in rs, or -1. */
static long
find(const struct runs *rs, const char *id)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (strncmp(rs->id[i], id, 36) == 0)
			return (long)i;
	return -1;
}

static void
collect(const char *dir, struct runs *rs)
{
	struct dirent *e;
	struct stat sb;
	DIR *dp;
	size_t cap = 0;

	memset(rs, 0, sizeof(*rs));
	if ((dp = opendir(dir)) == NULL)
		return;
	while ((e = readdir(dp)) != NULL) {
		char *p = xasprintf("%s/%s", dir, e->d_name);

		if (is_run_id(e->d_name) && lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			if (rs->n == cap) {
				cap = cap ? cap * 2 : 64;
				rs->id = realloc(rs->id, cap * sizeof(*rs->id));
				rs->date = realloc(rs->date, cap * sizeof(*rs->date));
				rs->mtime = realloc(rs->mtime, cap * sizeof(*rs->mtime));
				rs->keep = realloc(rs->keep, cap);
				if (!rs->id || !rs->date || !rs->mtime || !rs->keep)
					die(EXIT_FAILED, "out of memory");
			}
			memcpy(rs->id[rs->n], e->d_name, 37);
			rs->date[rs->n][0] = '\0';
			rs->mtime[rs->n] = sb.st_mtime;
			rs->keep[rs->n] = 0;
			rs->n++;
		}
		free(p);
	}
	closedir(dp);
}

/* The run id in ".../runs/<id>/..." of path, protected in rs. */
static void
protect_path(struct runs *rs, const char *path)
{
	const char *p = path;
	long i;

	while ((p = strstr(p, "runs/")) != NULL) {
		p += 5;
		if (strlen(p) >= 36 && (i = find(rs, p)) >= 0 &&
		    (p[36] == '/' || p[36] == '\0'))
			rs->keep[i] = 1;
	}
}

/* The run file path's config.previous_portfolio_file protected; its as_of into date. */
static void
read_state(struct runs *rs, const char *path, char *date)
{
	json_t *st = json_load_file(path, 0, NULL);
	const char *d, *prev;

	if (st == NULL)
		return;
	d = json_string_value(json_object_get(st, "as_of"));
	if (date != NULL && d != NULL && strlen(d) == 10)
		memcpy(date, d, 11);
	prev = json_string_value(json_object_get(json_object_get(st, "config"),
	    "previous_portfolio_file"));
	if (prev != NULL)
		protect_path(rs, prev);
	json_decref(st);
}

/*
 * Each run's date, and the runs another run reads: the initial state's
 * previous_portfolio_file, or a backfill's NN-<step>.chained.json (run.h).
 */
static void
read_initials(const char *runsdir, struct runs *rs)
{
	struct dirent *e;
	size_t i, len;
	DIR *dp;

	for (i = 0; i < rs->n; i++) {
		char *dir = xasprintf("%s/%s", runsdir, rs->id[i]);
		char *p = xasprintf("%s/00-initial.json", dir);

		read_state(rs, p, rs->date[i]);
		free(p);
		if ((dp = opendir(dir)) != NULL) {
			while ((e = readdir(dp)) != NULL) {
				len = strlen(e->d_name);
				if (len > 13 && strcmp(e->d_name + len - 13,
				    ".chained.json") == 0) {
					p = xasprintf("%s/%s", dir, e->d_name);
					read_state(rs, p, NULL);
					free(p);
				}
			}
			closedir(dp);
		}
		free(dir);
	}
}

/* The targets of runs/success/<date>. */
static void
read_success(const char *runsdir, struct runs *rs)
{
	char *dir = xasprintf("%s/success", runsdir), link[PATH_MAX];
	struct dirent *e;
	ssize_t n;
	long i;
	DIR *dp;

	if ((dp = opendir(dir)) != NULL) {
		while ((e = readdir(dp)) != NULL) {
			char *p = xasprintf("%s/%s", dir, e->d_name);

			if ((n = readlink(p, link, sizeof(link) - 1)) > 3) {
				link[n] = '\0';
				if ((i = find(rs, link + 3)) >= 0)
					rs->keep[i] = 1;
			}
			free(p);
		}
		closedir(dp);
	}
	free(dir);
}

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if ((flag == FTW_DP ? rmdir(path) : unlink(path)) == -1 && errno != ENOENT)
		return error("cannot remove '%s':", path);
	return 0;
}

/* rm -rf path; 0 or -1. */
static int
rm_tree(const char *path)
{
	struct stat sb;

	if (lstat(path, &sb) == -1)
		return errno == ENOENT ? 0 : error("cannot remove '%s':", path);
	if (!S_ISDIR(sb.st_mode))
		return unlink(path) == -1 ? error("cannot remove '%s':", path) : 0;
	return nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

/* Remove run i: its directory, its report files and its link in reports/<date>/. */
static int
remove_run(const struct runs *rs, size_t i, const char *runsdir,
    const char *reportdir)
{
	char *a = xasprintf("%s/%s", runsdir, rs->id[i]);
	char *b = xasprintf("%s/runs/%s", reportdir, rs->id[i]);
	char *c = xasprintf("%s/%s/%s", reportdir, rs->date[i], rs->id[i]);
	int rc = 0;

	if (rm_tree(b) == -1 || (rs->date[i][0] != '\0' && rm_tree(c) == -1) ||
	    rm_tree(a) == -1)
		rc = -1;
	free(a);
	free(b);
	free(c);
	return rc;
}

/* Backfill logs (<vardir>/backfill/<A>_<B>.<pid>) older than cut; how many went. */
static size_t
prune_logs(const char *vardir, time_t cut, int dry)
{
	char *dir = xasprintf("%s/backfill", vardir);
	struct dirent *e;
	struct stat sb;
	size_t n = 0;
	DIR *dp;

	if ((dp = opendir(dir)) != NULL) {
		while ((e = readdir(dp)) != NULL) {
			char *p = xasprintf("%s/%s", dir, e->d_name);

			if (e->d_name[0] != '.' && lstat(p, &sb) == 0 &&
			    S_ISDIR(sb.st_mode) && sb.st_mtime < cut &&
			    (dry || rm_tree(p) == 0))
				n++;
			free(p);
		}
		closedir(dp);
	}
	free(dir);
	return n;
}

int
prune_main(int argc, char *argv[], const char *vardir, const char *reportdir)
{
	char *runsdir;
	struct runs rs;
	time_t cut;
	size_t i, gone = 0, kept = 0, guarded = 0;
	long days = -1;
	int dry = 0, rc = 0;
	const struct opt tab[] = {
		OPT_N("keep-days", 'k', &days, 1, 100000,
		    "invalid --keep-days '%s': expected 1 to 100000"),
		OPT_F("dry-run", 'n', &dry), OPT_END
	};

	opts_parse(argc, argv, ":h", tab, PRUNE_USAGE + 7);
	if (days < 0 || optind != argc) {
		error("prune needs --keep-days N");
		usage_exit(PRUNE_USAGE + 7, EXIT_BADUSAGE);
	}
	runsdir = xasprintf("%s/runs", vardir);
	collect(runsdir, &rs);
	read_initials(runsdir, &rs);
	read_success(runsdir, &rs);
	cut = time(NULL) - (time_t)days * 86400;
	for (i = 0; i < rs.n; i++) {
		if (rs.mtime[i] >= cut) {
			kept++;
		} else if (rs.keep[i]) {
			guarded++;
		} else {
			if (dry)
				printf("prune: would remove %s (%s)\n", rs.id[i],
				    rs.date[i][0] ? rs.date[i] : "no date");
			else if (remove_run(&rs, i, runsdir, reportdir) == -1)
				rc = EXIT_FAILED;
			gone++;
		}
	}
	printf("prune: %s %zu run%s older than %ld day%s; kept %zu recent and %zu "
	    "that a date's last success or a later run needs\n",
	    dry ? "would remove" : "removed", gone, gone == 1 ? "" : "s", days,
	    days == 1 ? "" : "s", kept, guarded);
	if ((gone = prune_logs(vardir, cut, dry)) > 0)
		printf("prune: %s %zu backfill log director%s\n", dry ?
		    "would remove" : "removed", gone, gone == 1 ? "y" : "ies");
	free(rs.id);
	free(rs.date);
	free(rs.mtime);
	free(rs.keep);
	free(runsdir);
	if (fflush(stdout) == EOF)
		rc = EXIT_FAILED;
	return rc;
}
