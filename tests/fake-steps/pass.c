/*
 * pass: a fake step that adds its own key with a summary.detail and passes
 * the rest of the state through. Its name comes from argv[0] ("step-risk" ->
 * "risk"), so one binary serves as all eight steps through symlinks. The
 * report step also adds report.summary ($FAKE_REPORT_SUMMARY or a default).
 * $FAKE_MARKER_DIR: touch <dir>/<name> on start (proves a step ran).
 * $FAKE_STDERR: a line written to stderr. No jansson: text surgery on the
 * last '}' of the object, enough for the orchestrator's tests and benchmark.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REPORT_DEFAULT "{\"signal_count\":23,\"position_count\":12,\"leverage\":1.8," \
	"\"var_95\":-0.021,\"cvar_95\":-0.03,\"regime\":\"NEUTRAL\",\"risk_alerts\":[]," \
	"\"detail\":\"report ok\"}"

int
main(int argc, char *argv[])
{
	static char buf[1 << 20];
	const char *name, *e;
	size_t n = 0, r;
	char *close;
	FILE *m;

	(void)argc;
	name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	if (strncmp(name, "step-", 5) == 0)
		name += 5;
	if ((e = getenv("FAKE_MARKER_DIR")) != NULL) {
		char path[4096];

		snprintf(path, sizeof(path), "%s/%s", e, name);
		if ((m = fopen(path, "w")) != NULL)
			fclose(m);
	}
	if ((e = getenv("FAKE_STDERR")) != NULL)
		fprintf(stderr, "%s: info: %s\n", name, e);
	while ((r = fread(buf + n, 1, sizeof(buf) - 1 - n, stdin)) > 0)
		n += r;
	buf[n] = '\0';
	if ((close = strrchr(buf, '}')) == NULL) {
		fprintf(stderr, "%s: fatal: invalid state on stdin\n", name);
		return 65;
	}
	*close = '\0';
	fputs(buf, stdout);
	if (strchr(buf, ':') != NULL)
		putchar(',');
	if (strcmp(name, "report") == 0) {
		e = getenv("FAKE_REPORT_SUMMARY");
		printf("\"report\":{\"summary\":%s}}\n", e ? e : REPORT_DEFAULT);
	} else {
		printf("\"%s\":{\"summary\":{\"detail\":\"%s ok\"}}}\n", name, name);
	}
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 74;
}
