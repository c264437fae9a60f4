/*
 * The catalogue file (common/data_catalogue.c): fields, '-' for open ranges and no
 * arguments, comments and the data_root directive, repeated ids, argument lookup, and
 * the messages for a malformed row.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data_catalogue.h"
#include "tap.h"

static char path[64];

static void
put(const char *text)
{
	int fd;
	FILE *fp;

	snprintf(path, sizeof(path), "/tmp/test_cat_XXXXXX");
	if ((fd = mkstemp(path)) < 0 || (fp = fdopen(fd, "w")) == NULL)
		abort();
	fputs(text, fp);
	fclose(fp);
}

static void
test_good(void)
{
	struct catalogue c;
	const struct cat_entry *e;
	char err[CAT_ERRSZ], v[64], want[96];

	put("# comment\n#! data_root=../data\n\n"
	    "USDBRL\tUS dollar in reais\tD\tBRL/USD\t0\t4\t0.5\t15\tfred_csv\tfile=a.csv col=2\n"
	    "USDBRL\tsecond file\tD\tBRL/USD\t0\t4\t-\t-\tfred_csv\tfile=b.csv\r\n"
	    "BR_IPCA_MOM\tIPCA\tM\t%\t10\t2\t-3\t5\tsynthetic\t-\tcritical\n");
	check_int(catalogue_load(&c, path, err), 0, "load");
	check_int((long long)c.n, 3, "three rows");
	snprintf(want, sizeof(want), "/tmp/../data");
	check_str(c.data_root, want, "data_root relative to the catalogue's directory");
	e = catalogue_find(&c, "USDBRL");
	check(e == &c.e[0], "find: the first row of a repeated id");
	check_str(e->name, "US dollar in reais", "name with spaces");
	check(e->freq == 'D' && e->lag == 0 && e->dec == 4, "freq, lag, dec");
	check_dbl(e->max, 15, 0, "max");
	check(isnan(c.e[1].min) && isnan(c.e[1].max), "'-' is an open range");
	check_str(c.e[1].args, "file=b.csv", "CRLF stripped");
	check_int(cat_arg(e, "col", v, sizeof(v)), 0, "arg present");
	check_str(v, "2", "arg value");
	check_int(cat_arg(e, "co", v, sizeof(v)), -1, "a prefix of a key is not the key");
	check_str(c.e[2].args, "", "'-' is no arguments");
	check_int(c.e[2].line, 6, "line numbers count comments and blanks");
	check(c.e[2].critical && !c.e[0].critical && !c.e[1].critical,
	    "the eleventh column marks a critical series; absent or '-' does not");
	check(catalogue_find(&c, "NOPE") == NULL, "unknown id");
	catalogue_release(&c);
	unlink(path);
}

static void
bad(const char *row, const char *msg_tail, const char *name)
{
	struct catalogue c;
	char err[CAT_ERRSZ], want[CAT_ERRSZ];

	put(row);
	check_int(catalogue_load(&c, path, err), -1, name);
	check_int(errno, EINVAL, "malformed is EINVAL");
	snprintf(want, sizeof(want), "catalogue '%s' line 1: %s", path, msg_tail);
	check_str(err, want, name);
	catalogue_release(&c);
	unlink(path);
}

int
main(void)
{
	struct catalogue c;
	char err[CAT_ERRSZ];

	test_good();
	bad("X\tx\tD\t%\t0\t2\t-\t-\tsynthetic\n",
	    "9 tab-separated fields, expected 10 or 11", "nine fields");
	bad("X\tx\tD\t%\t0\t2\t-\t-\tsynthetic\t-\textra\tmore\n",
	    "12 tab-separated fields, expected 10 or 11", "twelve fields");
	bad("X\tx\tD\t%\t0\t2\t-\t-\tsynthetic\t-\tyes\n",
	    "field 11: invalid critical flag 'yes'", "bad critical flag");
	bad("X\tx\tH\t%\t0\t2\t-\t-\tsynthetic\t-\n", "field 3: invalid frequency 'H'",
	    "bad frequency");
	bad("X\tx\tD\t%\t-32\t2\t-\t-\tsynthetic\t-\n", "field 5: invalid integer '-32'",
	    "negative lag");
	bad("X\tx\tD\t%\t0\t2\tlow\t-\tsynthetic\t-\n", "field 7: invalid number 'low'",
	    "bad min");
	bad("X\tx\tD\t%\t0\t2\t-\t-\tftp\t-\n", "field 9: unknown source 'ftp'",
	    "unknown source");
	bad("\tx\tD\t%\t0\t2\t-\t-\tsynthetic\t-\n", "field 1: empty ''", "empty id");
	put("# only comments\n");
	check_int(catalogue_load(&c, path, err), -1, "no series");
	catalogue_release(&c);
	unlink(path);
	check_int(catalogue_load(&c, "/nonexistent/cat.tsv", err), -1, "missing file");
	check_int(errno, ENOENT, "missing file keeps ENOENT");
	catalogue_release(&c);
	return test_done();
}
