-- The book's track record (docs/ORCHESTRATOR.md "The track record"): one row per
-- book date, written by a successful non-dry run in the transaction of its run row,
-- replaced by a rerun of the date. Read back as config.track_record.
CREATE TABLE track_record (
	book_date          date PRIMARY KEY,             -- the run's as_of
	run_id             uuid NOT NULL REFERENCES pipeline_runs (id),  -- the run that wrote it
	nav                numeric,                      -- NAV index after the day (1 at the start)
	pnl                double precision,             -- realised P&L, NAV fraction (portfolio.pnl.total)
	pnl_brl            double precision,             -- the same in BRL at config.portfolio.nav
	pnl_by_strategy    jsonb,                        -- portfolio.pnl.by_package
	pnl_by_asset_class jsonb,                        -- portfolio.pnl.by_asset_class
	gross              double precision,             -- gross notional of the book, x NAV
	dv01               double precision,             -- BRL per bp (portfolio.totals.dv01_brl)
	var95_pred         double precision,             -- VaR95 the previous run predicted for the day
	var99_pred         double precision,
	exception95        boolean,                      -- pnl < var95_pred (NULL: unknown)
	exception99        boolean,
	var95              double precision,             -- the day's VaR95, the prediction for the next
	var99              double precision
);
