/*
 * The configuration file and "daily_run config" (docs/CONFIG.md): a JSON object
 * merged into the initial state's config, checked against the table of
 * common/CONF_KEYS before the first step runs.
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <jansson.h>

/* Indented 7 columns, for the list in --help. */
#define CONFIG_USAGE "       daily_run config [--config FILE] [--require-real]\n" \
	"                        [--json | --markdown]\n"

/*
 * The configuration file: arg (--config), else $DAILY_CONFIG, else def when it
 * exists (def "" in the tree: none). *path is the file read, or NULL. Returns a new
 * object ({} without a file), or NULL after printing "config file 'F': why" (a file
 * that cannot be read, is not a JSON object, holds an unknown key, a wrong type or
 * an out-of-range value, or a key daily_run sets itself): exit 78.
 */
json_t *config_load(const char *arg, const char *def, const char **path);

/* argv[0] is "config": print the effective configuration. Exit status. */
int config_main(int argc, char *argv[], const char *def);

#endif
