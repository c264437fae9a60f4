/* Valid UTF-8 and no control characters, in place (orchestrator/text.h). */
#include <stddef.h>

#include "text.h"

/* Length of the valid UTF-8 sequence at p (1 to 4), or 0 (RFC 3629 table 3.7). */
static size_t
seq_len(const unsigned char *p)
{
	unsigned char c = p[0];
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;	/* overlong */
	else if (c == 0xed)
		hi = 0x9f;	/* surrogates */
	else if (c == 0xf0)
		lo = 0x90;	/* overlong */
	else if (c == 0xf4)
		hi = 0x8f;	/* above U+10FFFF */
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

char *
text_utf8(char *s)
{
	unsigned char *p = (unsigned char *)s;
	size_t n;

	while (*p != '\0') {
		if ((n = seq_len(p)) == 0) {
			*p++ = '?';
			continue;
		}
		p += n;
	}
	return s;
}

char *
text_printable(char *s, int oneline)
{
	unsigned char *p = (unsigned char *)s;

	text_utf8(s);
	for (; *p != '\0'; p++) {
		if ((*p < 0x20 && (oneline || (*p != '\n' && *p != '\t'))) ||
		    *p == 0x7f)
			*p = '?';
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			p[0] = p[1] = '?';
			p++;
		}
	}
	return s;
}
