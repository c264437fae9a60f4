-- What an operator needs beyond the original plan's columns (docs/ARCHITECTURE.md "Persistence").
ALTER TABLE pipeline_runs
	ADD COLUMN leverage    double precision,      -- gross, a decimal (1.8 = 1.8x)
	ADD COLUMN var_95      double precision,      -- historical 1-day VaR 95%, negative decimal of NAV
	ADD COLUMN risk_alerts jsonb,                 -- report.summary.risk_alerts (array of strings)
	ADD COLUMN failed_step text,                  -- the step that stopped the run, NULL on success
	ADD COLUMN error       text,                  -- why, as on the console ("exited 65")
	ADD COLUMN steps       jsonb,                 -- per step: name, status, exit_code, signal, ms,
	                                              -- max_rss_kb, user_ms, sys_ms[, error]
	ADD COLUMN host        text,
	ADD COLUMN started_at  timestamptz,           -- wall clock, UTC
	ADD COLUMN finished_at timestamptz,
	ADD COLUMN exit_code   integer;               -- the failed step's code (124 timeout, 128+N
	                                              -- signal, 127 not found), 0 on success
ALTER TABLE pipeline_runs ADD CONSTRAINT pipeline_runs_status_check
	CHECK (status IN ('SUCCESS', 'FAILED', 'TIMEOUT', 'BAD_OUTPUT', 'ABORTED'));
CREATE INDEX ix_pipeline_runs_status ON pipeline_runs (status, run_date);
