/*
 * orchestrator/text.c: invalid UTF-8 becomes '?' byte by byte, valid text is kept,
 * control characters and the C1 range are replaced. Expected strings by hand from
 * RFC 3629's table of well-formed sequences (each invalid byte is one '?').
 */
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "../../orchestrator/text.h"

static const struct {
	const char *in, *utf8, *line;
} cases[] = {
	{ "plain ascii", "plain ascii", "plain ascii" },
	{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
	  "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80" },
	{ "var/\xff/runs", "var/?/runs", "var/?/runs" },			/* DAILY_VARDIR 0xff */
	{ "cut \xc3", "cut ?", "cut ?" },					/* cut mid-character */
	{ "cut \xe2\x82", "cut ??", "cut ??" },
	{ "\xc0\xaf", "??", "??" },						/* overlong '/' */
	{ "\xed\xa0\x80", "???", "???" },					/* surrogate U+D800 */
	{ "\xf4\x90\x80\x80", "????", "????" },					/* above U+10FFFF */
	{ "\x1b[31mred\x1b[0m", "\x1b[31mred\x1b[0m", "?[31mred?[0m" },	/* ANSI */
	{ "a\nb\tc\x7f", "a\nb\tc\x7f", "a?b?c?" },
	{ "csi \xc2\x9b" "31m", "csi \xc2\x9b" "31m", "csi ??31m" },		/* C1 CSI */
	{ "nbsp \xc2\xa0", "nbsp \xc2\xa0", "nbsp \xc2\xa0" },			/* U+00A0 kept */
};

int
main(void)
{
	char buf[64], name[64];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		strcpy(buf, cases[i].in);
		snprintf(name, sizeof(name), "text_utf8 case %zu", i);
		check(strcmp(text_utf8(buf), cases[i].utf8) == 0, name);
		strcpy(buf, cases[i].in);
		snprintf(name, sizeof(name), "text_printable case %zu", i);
		check(strcmp(text_printable(buf, 1), cases[i].line) == 0, name);
	}
	strcpy(buf, "a\nb\x1b");
	check(strcmp(text_printable(buf, 0), "a\nb?") == 0, "newline kept when not oneline");
	return test_done();
}
