/* report.md: the report's sections (docs/REPORT.md) as Markdown tables. */
#include <stdio.h>

#include <jansson.h>

#include "field.h"
#include "report.h"

/* The eleven sections in the order of docs/REPORT.md. */
int
report_sections(struct rep *r, const json_t *state)
{
#define CALL(name) sec_##name(r, state);
	REPORT_SECTIONS(CALL)
#undef CALL
	return ferror(r->f) ? -1 : 0;
}

int
report_markdown(FILE *out, const json_t *state)
{
	struct rep r = { out, 0 };

	fprintf(out, "# Daily report %s\n\n", field_str(state, "as_of"));
	return report_sections(&r, state);
}
