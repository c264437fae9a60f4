/*
 * The step table: steps/STEPS, one { name, timeout } a line in run order, made
 * into step_table.h by scripts/step-table (the Makefile's $(B)/gen/); adding a
 * step is its folder and one line there (docs/EXTENDING.md "Adding a step").
 */
#include <stddef.h>

#include "run.h"

const struct step step_table[] = {
#include "step_table.h"
};

const size_t step_table_n = sizeof(step_table) / sizeof(step_table[0]);
