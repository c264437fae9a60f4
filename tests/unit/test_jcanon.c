/*
 * Unit tests of the section pass-through (common/jcanon.c, state_split in common/state.c;
 * docs/STATE.md "Reading and writing the state"). References: the writer itself for
 * what is canonical (a text is canonical when json_canonical of its decoded value gives
 * it back), the full decode (state_load, json_canonical) for the output bytes and the
 * verdicts, and each step run with DAILY_STATE_DECODE_ALL=1 for the steps' output.
 */
#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "jcanon.h"
#include "jparse.h"
#include "jsonout.h"
#include "state.h"
#include "tap.h"

static uint64_t
next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* The writer's verdict: text s decodes to a value whose canonical text is s. */
static int
writer_says(const char *s, size_t n)
{
	char err[128], *out;
	size_t len;
	json_t *j = jparse(s, n, err, sizeof(err));
	int r;

	if (j == NULL)
		return 0;
	out = json_canonical(j, &len);
	r = out != NULL && len == n && memcmp(out, s, n) == 0;
	free(out);
	json_decref(j);
	return r;
}

/* A random number token: digits, point, decimals, trailing zeros, exponents. */
static void
token(uint64_t *seed, char *buf, size_t sz)
{
	static const char *const ints[] = { "0", "1", "12", "123456789", "99999999999999",
		"999999999999999", "1000000000000000", "9223372036854775807",
		"9223372036854775808", "00", "-0" };
	uint64_t r = next(seed);
	int nf = (int)(r % 12), i, n;
	char fr[16];

	for (i = 0; i < nf; i++)
		fr[i] = (char)('0' + next(seed) % ((next(seed) & 3) ? 10 : 2));
	fr[nf] = '\0';
	n = snprintf(buf, sz, "%s%s", (r >> 8) & 1 ? "-" : "", ints[(r >> 16) % 11]);
	if (nf > 0)
		n += snprintf(buf + n, sz - (size_t)n, ".%s", fr);
	if (((r >> 24) & 7) == 0)
		snprintf(buf + n, sz - (size_t)n, "e%d", (int)((r >> 32) % 40) - 20);
}

static void
test_numbers(void)
{
	static const char *const yes[] = { "0.0", "-0.0", "5.0", "13.75", "0.0001", "1e-05",
		"0.30000000000000004", "1e+300", "-9223372036854775808", "0", "12" };
	static const char *const no[] = { "5.00", "1.50", "-0", "0.00001", "1E-05", "01",
		"1e300", "0.10", "1.0e2", "9223372036854775808" };
	uint64_t seed = 7;
	char buf[64], err[128];
	json_t *j;
	size_t i;
	int ok = 1, n = 0, canon = 0, w;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		ok &= jcanon_number(yes[i], strlen(yes[i])) == 1;
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		ok &= jcanon_number(no[i], strlen(no[i])) == 0;
	check(ok, "canonical numbers by hand: 13.75, 5.0, 1e-05 yes; 1.50, -0, 1E-05 no");
	ok = 1;
	for (i = 0; i < 400000; i++) {
		token(&seed, buf, sizeof(buf));
		if ((j = jparse(buf, strlen(buf), err, sizeof(err))) == NULL)
			continue;	/* leading zeros: not JSON */
		json_decref(j);
		w = writer_says(buf, strlen(buf));
		n++;
		canon += w;
		if (jcanon_number(buf, strlen(buf)) != w && ok) {
			printf("#   %s: jcanon %d, writer %d\n", buf, !w, w);
			ok = 0;
		}
	}
	check(ok && n > 100000 && canon > 10000,
	    "jcanon_number agrees with the writer on random number texts");
}

static void
test_texts(void)
{
	static const char *const yes[] = { "{}", "[]", "{\"a\":1,\"b\":[true,false,null]}",
		"\"x\\n\\u001f\\\"\\\\/\xc3\xa9\"", "{\"B\":1,\"a\":2,\"ab\":3}", "[[[]]]" };
	static const char *const no[] = { "{\"b\":1,\"a\":2}", "{\"a\":1,\"a\":2}",
		"{\"a\": 1}", "[1, 2]", "\"\\/\"", "\"\\u001F\"", "\"\\u000a\"", "\"\\u0041\"",
		"{\"a\\u0062\":1}", "\"\xc3\"", "\"\xed\xa0\x80\"", "[1,]", "tru", "[1.50]" };
	size_t i;
	int ok = 1;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (jcanon_span(yes[i], strlen(yes[i]), 0) != strlen(yes[i]) ||
		    !writer_says(yes[i], strlen(yes[i]))) {
			printf("#   not canonical: %s\n", yes[i]);
			ok = 0;
		}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (jcanon_span(no[i], strlen(no[i]), 0) == strlen(no[i]) ||
		    writer_says(no[i], strlen(no[i]))) {
			printf("#   canonical: %s\n", no[i]);
			ok = 0;
		}
	check(ok, "canonical texts by hand: order, spaces, escapes, UTF-8, duplicates");
}

static char *
slurp(FILE *f, size_t *len)
{
	size_t cap = 1 << 16, n = 0, r;
	char *b = malloc(cap);

	while (b != NULL && (r = fread(b + n, 1, cap - n, f)) > 0)
		if ((n += r) == cap)
			b = realloc(b, cap *= 2);
	*len = n;
	return b;
}

static char *
copy_text(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/*
 * text through state_split with reads (kept sections) and without (all decoded): the
 * same verdict, the same error, the same output bytes. Returns the kept count, or -1.
 */
static int
both_ways(const char *text, size_t n, const char *const *reads, const char *name)
{
	struct state_in a, b;
	char ea[256] = "", eb[256] = "", *oa = NULL, *ob = NULL;
	size_t la = 0, lb = 0;
	int ra = state_split(copy_text(text, n), n, "test", reads, &a, ea, sizeof(ea));
	int rb = state_split(copy_text(text, n), n, "test", NULL, &b, eb, sizeof(eb));
	int kept = ra == 0 ? (int)a.nraw : 0, ok;

	if (ra == 0)
		oa = state_dumps_sections(&a, &la);
	if (rb == 0)
		ob = state_dumps_sections(&b, &lb);
	ok = ra == rb && strcmp(ea, eb) == 0 && la == lb && (la == 0 || memcmp(oa, ob, la) == 0);
	if (!ok)
		printf("#   %s: %d '%s' vs %d '%s'\n", name, ra, ea, rb, eb);
	free(oa);
	free(ob);
	if (ra == 0)
		state_in_free(&a);
	if (rb == 0)
		state_in_free(&b);
	return ok ? kept : -1;
}

static void
test_suite(void)
{
	static const char *const reads[] = { "a", NULL };
	const char *top = getenv("RESEARCH_DATA");
	char dir[1024], path[2048], *buf;
	struct dirent *d;
	int n = 0, bad = 0;
	size_t len;
	FILE *f;
	DIR *dp;

	snprintf(dir, sizeof(dir), "%s/jsontestsuite/test_parsing",
	    top ? top : "../shared/research");
	if ((dp = opendir(dir)) == NULL) {
		printf("# skip: no %s\n", dir);
		return;
	}
	while ((d = readdir(dp)) != NULL) {
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		if (strstr(d->d_name, ".json") == NULL || (f = fopen(path, "rb")) == NULL)
			continue;
		buf = slurp(f, &len);
		fclose(f);
		if (memchr(buf, '\0', len) == NULL && len > 0) {
			bad += both_ways(buf, len, reads, d->d_name) < 0;
			n++;
		}
		free(buf);
	}
	closedir(dp);
	check(n >= 300 && bad == 0, "kept and decoded paths agree on every JSONTestSuite file");
}

/* Hand-made states: a kept section, an undeclared but pretty one, a duplicate, escapes. */
static void
test_states_by_hand(void)
{
	static const char *const reads[] = { "as_of", NULL }, *const all[] = { "*", NULL };
	static const struct { const char *text; int kept; } c[] = {
		{ "{\"as_of\":\"2024-01-15\",\"ingest\":{\"a\":[1.5,2.0]},\"z\":null}", 3 },
		{ "{ \"ingest\" : {\"a\": [1.5, 2.0]}, \"as_of\":\"x\", \"q\":{\"k\":1.50}}", 1 },
		{ "{\"ingest\":{},\"ingest\":{}}", -2 },
		{ "{\"as_of\":1,\"in\\u0067est\":{}}", 0 },
		{ "{\"b\":[1],\"a\":{\"y\":1,\"x\":2}}", 1 },
		{ "{\"a\":1}x", -2 },
	};
	struct state_in st;
	char err[256];
	size_t i;
	int ok = 1, k;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		k = both_ways(c[i].text, strlen(c[i].text), reads, c[i].text);
		/* -2: rejected both ways (kept count 0 on the agreeing failure). */
		if (k < 0 || (c[i].kept >= 0 && k != c[i].kept) ||
		    (c[i].kept == -2 && state_split(copy_text(c[i].text, strlen(c[i].text)),
		    strlen(c[i].text), "t", reads, &st, err, sizeof(err)) == 0)) {
			printf("#   %s: kept %d, want %d\n", c[i].text, k, c[i].kept);
			ok = 0;
		}
	}
	check(ok, "hand-made states: same bytes both ways, kept only when canonical");
	state_split(copy_text(c[0].text, strlen(c[0].text)), strlen(c[0].text), "aggregate", reads,
	    &st, err, sizeof(err));
	check(json_is_string(json_object_get(st.doc, "ingest")) &&
	    strcmp(json_string_value(json_object_get(st.doc, "ingest")),
	    "not decoded: step-aggregate does not list 'ingest' in its reads (common/step.h)") == 0 &&
	    json_is_string(json_object_get(st.doc, "as_of")),
	    "an undeclared section is a marker string naming the step and the section");
	state_in_free(&st);
	k = both_ways(c[0].text, strlen(c[0].text), all, "reads *");
	state_split(copy_text(c[0].text, strlen(c[0].text)), strlen(c[0].text), "report", all,
	    &st, err, sizeof(err));
	check(k == 3 && json_real_value(json_array_get(json_object_get(json_object_get(st.doc,
	    "ingest"), "a"), 1)) == 2.0 && json_is_null(json_object_get(st.doc, "z")),
	    "reads \"*\": every section decoded, the three canonical ones kept, same bytes");
	state_in_free(&st);
}

/*
 * Mutations of a small canonical state (a byte replaced by one of JSON's interesting
 * bytes, deleted or doubled): kept and decoded paths must still agree on every one,
 * so the scanner never lets through what the decoder would refuse or write otherwise.
 */
static void
test_mutations(void)
{
	static const char *const reads[] = { "a", NULL };
	static const char doc[] = "{\"a\":{\"k\":[1,2]},\"b\":{\"d\":[0.5,-0.0,13.75,1e-05,"
	    "0.30000000000000004,5.0,-12,9223372036854775807,true,false,null],\"e\":\"x\\n\\u001f"
	    "\\\"\xc3\xa9\xf0\x9f\x98\x80/\",\"f\":{},\"g\":[[]]},\"c\":1.5e+300}";
	static const char bytes[] = "{}[]\",:.-+eE0159\\u \n\x7f\xc3\xa9\xed\xf0tfn";
	uint64_t seed = 12345;
	char m[sizeof(doc) + 1];
	size_t n = sizeof(doc) - 1, len, at, i;
	int bad = 0, kept = 0, k;

	for (i = 0; i < 60000; i++) {
		memcpy(m, doc, n);
		len = n;
		at = next(&seed) % n;
		switch (next(&seed) % 3) {
		case 0:
			m[at] = bytes[next(&seed) % (sizeof(bytes) - 1)];
			break;
		case 1:
			memmove(m + at, m + at + 1, n - at - 1);
			len--;
			break;
		default:
			memmove(m + at + 1, m + at, n - at);
			len++;
		}
		if (memchr(m, '\0', len) != NULL)
			continue;
		k = both_ways(m, len, reads, "mutation");
		bad += k < 0;
		kept += k > 0;
	}
	check(bad == 0 && kept > 1000, "60000 mutations of a state: kept and decoded paths agree");
}

/* A section nested to the decoder's limit and one past it: the same verdict both ways. */
static void
test_depth(void)
{
	static const char *const reads[] = { "a", NULL };
	char *t = malloc(10000);
	int d, ok = 1;
	size_t n;

	for (d = 2046; d <= 2048; d++) {
		n = (size_t)sprintf(t, "{\"z\":");
		memset(t + n, '[', (size_t)d);
		memset(t + n + d, ']', (size_t)d);
		n += 2 * (size_t)d;
		t[n++] = '}';
		ok &= both_ways(t, n, reads, "deep") >= 0;
	}
	check(ok, "a section 2046 to 2048 deep: kept and decoded paths agree (limit 2048 in all)");
	free(t);
}

/* Over 16 MiB the sections read are written from the tree and the input is let go. */
static void
test_large(void)
{
	static const char *const reads[] = { "as_of", "ingest", NULL };
	const char *head = "{\"as_of\":\"2024-01-15\",\"ingest\":{\"v\":[",
	    *tail = "]},\"quality\":{\"b\":[1,2.5],\"score\":100}}";
	size_t cap = (size_t)20 << 20, n = 0, i;
	char *text = malloc(cap), err[256], *a = NULL;
	struct state_in st;
	size_t la = 0;
	int kept;

	n += (size_t)sprintf(text, "%s", head);
	for (i = 0; n < ((size_t)17 << 20); i++)
		n += (size_t)sprintf(text + n, "%s%zu.%zu", i ? "," : "", i % 977, i % 7 + 1);
	n += (size_t)sprintf(text + n, "%s", tail);
	kept = both_ways(text, n, reads, "17 MiB state");
	if (state_split(copy_text(text, n), n, "test", reads, &st, err, sizeof(err)) == 0) {
		a = state_dumps_sections(&st, &la);
		check(kept == 1 && st.nraw == 1 && st.len == strlen("{\"b\":[1,2.5],\"score\":100}") &&
		    la == n && memcmp(a, text, n) == 0,
		    "a 17 MiB state: same bytes, only the small unread section kept, input freed");
		state_in_free(&st);
	} else
		check(0, "a 17 MiB state splits");
	free(a);
	free(text);
}

/* Each step on the synthetic chain, compact and indented: kept = decoded, byte for byte. */
static void
test_steps(void)
{
	static const char *steps[] = { "ingest", "quality", "agents", "aggregate",
		"strategies", "portfolio", "risk", "report" };
	char cmd[2048], in[] = "/tmp/test_jcanon.XXXXXX", a[64], b[64], p[64], o[96];
	size_t i;
	int ok = 1, fd;
	json_t *j;

	if ((fd = mkstemp(in)) < 0)
		return;
	close(fd);
	snprintf(a, sizeof(a), "%s.a", in);
	snprintf(b, sizeof(b), "%s.b", in);
	snprintf(p, sizeof(p), "%s.p", in);
	snprintf(cmd, sizeof(cmd), "echo '{\"as_of\":\"2024-01-15\",\"config\":{}}' > %s", in);
	if (system(cmd) != 0)
		ok = 0;
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]) && ok; i++) {
		j = json_load_file(in, 0, NULL);
		json_dump_file(j, p, JSON_INDENT(1) | JSON_REAL_PRECISION(17));
		json_decref(j);
		/* step-report writes its files under --report-dir */
		snprintf(o, sizeof(o), strcmp(steps[i], "report") == 0 ? "--report-dir %s.r" : "",
		    in);
		snprintf(cmd, sizeof(cmd), "./bin/step-%s %s < %s > %s 2>/dev/null && "
		    "DAILY_STATE_DECODE_ALL=1 ./bin/step-%s %s < %s > %s 2>/dev/null && "
		    "cmp -s %s %s && ./bin/step-%s %s < %s | cmp -s - %s",
		    steps[i], o, in, a, steps[i], o, in, b, a, b, steps[i], o, p, a);
		if (system(cmd) != 0) {
			printf("#   step-%s: outputs differ (or the step failed)\n", steps[i]);
			ok = 0;
		}
		snprintf(cmd, sizeof(cmd), "mv %s %s", a, in);
		ok &= system(cmd) == 0;
	}
	snprintf(cmd, sizeof(cmd), "rm -rf %s %s %s %s %s.r", in, a, b, p, in);
	(void)system(cmd);
	check(ok, "every step gives the same bytes kept or decoded, compact or indented input");
}

int
main(void)
{
	test_numbers();
	test_texts();
	test_states_by_hand();
	test_suite();
	test_mutations();
	test_depth();
	test_large();
	if (getenv("JCANON_NO_STEPS") == NULL)
		test_steps();
	return test_done();
}
