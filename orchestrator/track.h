/*
 * The track_record row of a successful non-dry run (docs/ORCHESTRATOR.md "The
 * track record"), as the text parameters $1..$TRACK_NPARAM of TRACK_UPSERT
 * (NULL for SQL NULL): written in the run row's transaction, replacing the
 * date's row on a rerun.
 */
#ifndef TRACK_H
#define TRACK_H

#include "run.h"

#define TRACK_NPARAM 15
#define TRACK_UPSERT \
	"INSERT INTO track_record (book_date, run_id, nav, pnl, pnl_brl," \
	" pnl_by_strategy, pnl_by_asset_class, gross, dv01, var95_pred, var99_pred," \
	" exception95, exception99, var95, var99) VALUES ($1::date, $2::uuid," \
	" $3::numeric, $4::double precision, $5::double precision, $6::jsonb," \
	" $7::jsonb, $8::double precision, $9::double precision," \
	" $10::double precision, $11::double precision, $12::boolean, $13::boolean," \
	" $14::double precision, $15::double precision)" \
	" ON CONFLICT (book_date) DO UPDATE SET run_id = EXCLUDED.run_id," \
	" nav = EXCLUDED.nav, pnl = EXCLUDED.pnl, pnl_brl = EXCLUDED.pnl_brl," \
	" pnl_by_strategy = EXCLUDED.pnl_by_strategy," \
	" pnl_by_asset_class = EXCLUDED.pnl_by_asset_class, gross = EXCLUDED.gross," \
	" dv01 = EXCLUDED.dv01, var95_pred = EXCLUDED.var95_pred," \
	" var99_pred = EXCLUDED.var99_pred, exception95 = EXCLUDED.exception95," \
	" exception99 = EXCLUDED.exception99, var95 = EXCLUDED.var95," \
	" var99 = EXCLUDED.var99"

/*
 * The rows before as_of, oldest first, and the prediction for as_of (the
 * latest row's var95/var99): config.track_record.
 */
#define TRACK_SELECT \
	"SELECT book_date::text, pnl, var95_pred, var99_pred, var95, var99" \
	" FROM track_record WHERE book_date < $1::date ORDER BY book_date"
#define TRACK_SELECT_COLUMNS 6

/* The parts of the final state it reads (run.c keeps them next to report.summary). */
#define TRACK_PATHS "risk.track_record", "risk.var.historical", "portfolio.pnl", \
	"portfolio.gross_leverage", "portfolio.totals"

struct track_row {
	char *v[TRACK_NPARAM];	/* owned; NULL is SQL NULL */
};

/*
 * The row of a successful run from its final state. 0, or -1 (nothing to
 * store) when the run failed or its risk.track_record is not available.
 */
int track_row_init(struct track_row *t, const struct run *r);
void track_row_release(struct track_row *t);

#endif
