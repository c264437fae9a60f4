/*
 * The configuration table (common/conf.h): every key under the state's "config", its
 * type, range, default and the steps that read it, one a line in common/CONF_KEYS,
 * which scripts/conf-table turns into conf_keys.h (the Makefile). docs/CONFIG.md is
 * printed from it (`daily_run config --markdown`); the reasons behind the defaults are
 * on each step's page in docs/ (RISK.md, STRATEGIES.md, DATA.md).
 */
#include <math.h>
#include <stddef.h>

#include "conf.h"

const struct conf_key conf_keys[] = {
#include "conf_keys.h"
};
const size_t conf_nkeys = sizeof(conf_keys) / sizeof(conf_keys[0]);
