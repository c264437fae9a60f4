-- The run table of the original plan (docs/MODELS.md 1.6), with a real uuid key.
-- Applied by `daily_run migrate` inside one transaction: no BEGIN/COMMIT here.
CREATE TABLE pipeline_runs (
	id               uuid PRIMARY KEY,            -- the run_id of the state document
	run_date         date NOT NULL,               -- the as_of date
	status           varchar(20) NOT NULL,        -- SUCCESS, FAILED, TIMEOUT, BAD_OUTPUT, ABORTED
	duration_seconds double precision,            -- whole run, CLOCK_MONOTONIC
	step_timings     jsonb,                       -- {"ingest": 1.234, ...} seconds, steps that ran
	signal_count     integer,                     -- report.summary.signal_count
	position_count   integer,                     -- report.summary.position_count
	regime           varchar(30),                 -- RISK_ON, NEUTRAL or RISK_OFF
	summary          text,                        -- the Summary block as printed
	created_at       timestamptz DEFAULT now()
);
CREATE INDEX ix_pipeline_runs_run_date ON pipeline_runs (run_date);
