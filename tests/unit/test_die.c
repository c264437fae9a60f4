/* Unit tests of common/die.c's errbuf: the message a buffer-reporting reader leaves. */
#include <errno.h>
#include <string.h>

#include "die.h"
#include "tap.h"

int
main(void)
{
	char err[64], small[8];
	int rc;

	errno = 0;
	rc = errbuf(err, sizeof(err), ENOENT, "unable to open '%s':", "x.tsv");
	check_int(rc, -1, "returns -1");
	check_int(errno, ENOENT, "errno is errnum");
	/* glibc's text for ENOENT, written out by hand. */
	check_str(err, "unable to open 'x.tsv': No such file or directory",
	    "a final ':' gets the errnum's text");
	errbuf(err, sizeof(err), EINVAL, "line %d: field %d: %s", 3, 2, "bad");
	check_str(err, "line 3: field 2: bad", "no final ':', nothing added");
	check_int(errno, EINVAL, "errno set without ':' too");
	errbuf(small, sizeof(small), ENOENT, "abcdefghij:");
	check_str(small, "abcdefg", "cut at the buffer: 7 bytes and the NUL");
	errbuf(small, sizeof(small), ENOENT, "abc:");
	check_str(small, "abc: No", "the errnum's text cut at the buffer too");
	errbuf(err, sizeof(err), 0, "%s", "");
	check_str(err, "", "an empty message stays empty");
	return test_done();
}
