/*
 * Text from outside daily_run (a step's detail, a path, an error) made safe
 * for the terminal and for PostgreSQL text columns (docs/ORCHESTRATOR.md
 * "Console" and "The run row"). Both work in place and keep the length.
 */
#ifndef TEXT_H
#define TEXT_H

/*
 * Replace every byte that does not start or continue a valid UTF-8 sequence
 * (overlong forms, surrogates, above U+10FFFF, a sequence cut short by the end)
 * with '?'. Returns s.
 */
char *text_utf8(char *s);

/*
 * text_utf8(), then replace control characters with '?': C0 (newline and tab
 * included when oneline), DEL, and the C1 range U+0080..U+009F (one '?' per byte),
 * so no escape sequence reaches a terminal. Returns s.
 */
char *text_printable(char *s, int oneline);

#endif
