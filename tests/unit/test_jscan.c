/*
 * jscan_members (common/jscan.h) on hand-made documents: the offsets and lengths of
 * each key and value are counted by hand in the comments, and each value span must be
 * what jscan_find gives for that key.
 */
#include <stdio.h>
#include <string.h>

#include "jscan.h"
#include "tap.h"

/* Every member's value span equals jscan_find's for its key (keys without '.'). */
static int
agrees(const char *doc, const struct jscan_member *m, size_t n)
{
	char key[64];
	size_t i, off, len;

	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "%.*s", (int)m[i].klen, doc + m[i].key);
		if (jscan_find(doc, strlen(doc), key, &off, &len) < 0 || off != m[i].off ||
		    len != m[i].len)
			return 0;
	}
	return 1;
}

/* jscan_object_unique against what jansson's JSON_REJECT_DUPLICATES says of each. */
static void
uniques(void)
{
	static const struct { const char *doc; int want; const char *what; } c[] = {
		{ "{\"a\":1,\"b\":{\"a\":2}}", 0, "the same key in two objects: fine" },
		{ "{\"a\":1,\"b\":2,\"a\":3}", -1, "a top-level duplicate" },
		{ "{\"x\":[{\"k\":1,\"k\":1}]}", -1, "a duplicate inside an array's object" },
		{ "{\"ab\":1,\"a\":2,\"abc\":3}", 0, "prefixes are different keys" },
		{ "{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,"
		    "\"k7\":7,\"k8\":8,\"k9\":9,\"k3\":10}", -1, "ten keys (sorted): k3 twice" },
		{ "{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,"
		    "\"k7\":7,\"k8\":8,\"k9\":9,\"kk\":10}", 0, "eleven different keys" },
		{ "{\"a\":1,\"\\u0061\":2}", 1, "an escaped key: not judged (1)" },
		{ "{\"a\":{\"b\":1,\"b\":2},\"a\":[}", -1, "a duplicate, then bad grammar: -1" },
	};
	char err[128];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		rc = jscan_object_unique(c[i].doc, strlen(c[i].doc), err, sizeof(err));
		check(rc == c[i].want && (rc >= 0 || strstr(err, "line 1, column") != NULL),
		    c[i].what);
	}
	rc = jscan_object_unique(c[1].doc, strlen(c[1].doc), err, sizeof(err));
	check(strcmp(err, "line 1, column 20: duplicate object key") == 0,
	    "the message: just past the closing brace at byte 18");
}

/* jscan_object_members lists what jscan_members does, in the checking pass. */
static void
one_pass(const char *d)
{
	struct jscan_member a[4], b[4];
	const char *bad = "{\"a\":1,\"b\":[1,2,}";
	char err[128];
	size_t na = jscan_members(d, strlen(d), a, 4), nb = 9;

	check(jscan_object_members(d, strlen(d), 0, b, 4, &nb, NULL, err,
	    sizeof(err)) == 0 &&
	    nb == na && memcmp(a, b, na * sizeof(*a)) == 0,
	    "jscan_object_members: the members jscan_members lists");
	check(jscan_object_members(d, strlen(d), 1, b, 2, &nb, NULL, err,
	    sizeof(err)) == 0 &&
	    nb == 3 && memcmp(a, b, 2 * sizeof(*a)) == 0, "unique, room for two: three counted");
	check(jscan_object_members(bad, strlen(bad), 0, b, 4, &nb, NULL, err,
	    sizeof(err)) == -1 &&
	    strcmp(err, "line 1, column 17: invalid token") == 0,
	    "a bad document: jscan_object's message (the '}' after a comma, byte 16)");
}

/* members(doc, prev): the return, with the error in err (the members into m). */
static int
with_prev(const char *doc, const char *pbuf, int unique, char *err)
{
	struct jscan_member pm[8], m[8];
	struct jscan_prev prev = { pbuf, pm, 0 };
	size_t n;

	prev.n = jscan_members(pbuf, strlen(pbuf), pm, 8);
	return jscan_object_members(doc, strlen(doc), unique, m, 8, &n, &prev, err, 128);
}

/*
 * A section whose bytes are the previous document's is taken as valid without being
 * scanned: shown with a "previous document" that breaks the contract (its section a
 * is not valid JSON), which the scan trusts. Numbers are never taken so (a longer one
 * starts with the same bytes), and what follows a taken section is scanned as usual.
 */
static void
previous(void)
{
	const char *p = "{\"a\":{\"x\":[1,2]},\"n\":12,\"s\":\"v\"}";
	const char *liar = "{\"a\":[1,}}";
	char e1[128], e2[128];

	check(with_prev("{\"a\":{\"x\":[1,2]},\"n\":12,\"s\":\"v\",\"t\":1}", p, 0, e1) == 0,
	    "a document growing the previous one: valid");
	check(with_prev("{\"a\":[1,}}", liar, 0, e1) == 0 &&
	    jscan_object("{\"a\":[1,}}", 11, e2, sizeof(e2)) < 0,
	    "a section equal to the previous one's is not scanned again (here a broken one)");
	check(with_prev("{\"a\":[1,}}", liar, 1, e1) < 0,
	    "except when the keys are compared (jscan_object_unique scans all)");
	check(with_prev("{\"n\":123,\"s\":\"v\"}", p, 0, e1) == 0,
	    "n 123 after n 12: scanned, valid");
	check(with_prev("{\"a\":{\"x\":[1,2]}x,\"n\":1}", p, 0, e1) < 0 &&
	    jscan_object("{\"a\":{\"x\":[1,2]}x,\"n\":1}", 24, e2, sizeof(e2)) < 0 &&
	    strcmp(e1, e2) == 0, "a bad byte after a taken section: the same error as without");
	check(with_prev("{\"b\":{\"x\":[1,2]}}", p, 0, e1) == 0 &&
	    with_prev("{\"b\":[1,}}", liar, 0, e1) < 0, "matched by key: b is scanned");
}

int
main(void)
{
	/*
	 * By hand: ' ', '{', ' ', '"', then the key a at 4; " : " and the array at 9,
	 * [1, {"x":"}"}] 14 bytes to 22; " ," and '"' at 25, bc at 26; '"', ':' and -1.5e3
	 * at 30, 6 bytes; ',' '"' and d at 38; '"', ':' and "q\"" at 41, 5 bytes.
	 */
	const char *d = " { \"a\" : [1, {\"x\":\"}\"}] ,\"bc\":-1.5e3,\"d\":\"q\\\"\"}\n";
	const char *e = "{}", *f = "{\"k\":{\"n\":null}}";
	struct jscan_member m[4];
	char err[128];
	size_t n;

	check(jscan_object(d, strlen(d), err, sizeof(err)) == 0, "the document is valid");
	n = jscan_members(d, strlen(d), m, 4);
	check(n == 3, "three members");
	check(m[0].key == 4 && m[0].klen == 1 && m[0].off == 9 && m[0].len == 14,
	    "a: key at 4, value [1, {\"x\":\"}\"}] at 9, 14 bytes (a '}' inside a string)");
	check(m[1].key == 26 && m[1].klen == 2 && m[1].off == 30 && m[1].len == 6,
	    "bc: key at 26, value -1.5e3 at 30, 6 bytes");
	check(m[2].key == 38 && m[2].klen == 1 && m[2].off == 41 && m[2].len == 5,
	    "d: key at 38, value \"q\\\"\" at 41, 5 bytes (an escaped quote)");
	check(agrees(d, m, n), "each span is jscan_find's");
	check(jscan_members(d, strlen(d), m, 1) == 3 && m[0].off == 9,
	    "room for one: the first filled, all three counted");
	check(jscan_members(e, strlen(e), m, 4) == 0, "{}: none");
	n = jscan_members(f, strlen(f), m, 4);
	check(n == 1 && m[0].off == 5 && m[0].len == 10 && agrees(f, m, n),
	    "a nested object: one member, {\"n\":null} at 5, 10 bytes");
	uniques();
	one_pass(d);
	previous();
	return test_done();
}
