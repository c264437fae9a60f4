/*
 * The pipeline_runs row of a run, as the text parameters $1..$ROW_NPARAM of
 * ROW_INSERT (NULL for SQL NULL). Values are never spliced into the SQL (R27).
 */
#ifndef ROW_H
#define ROW_H

#include "run.h"

#define ROW_NPARAM 21
#define ROW_INSERT \
	"INSERT INTO pipeline_runs (id, run_date, status, duration_seconds," \
	" step_timings, signal_count, position_count, regime, summary," \
	" leverage, var_95, risk_alerts, failed_step, error, steps, host," \
	" started_at, finished_at, exit_code, data_source, top_positions) VALUES ($1::uuid," \
	" $2::date, $3," \
	" $4::double precision, $5::jsonb, $6::integer, $7::integer, $8, $9," \
	" $10::double precision, $11::double precision, $12::jsonb, $13, $14," \
	" $15::jsonb, $16, $17::timestamptz, $18::timestamptz, $19::integer, $20, $21::jsonb)"

struct row {
	char *v[ROW_NPARAM];	/* owned; NULL is SQL NULL */
};

/* Fill the row from a finished run and its summary text. */
void row_init(struct row *w, const struct run *r, const char *summary);
void row_release(struct row *w);

#endif
