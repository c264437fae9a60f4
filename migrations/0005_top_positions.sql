-- The run's top positions as its console printed them (report.summary.top_positions:
-- instrument, side, weight, dv01_brl or usd_delta), docs/ORCHESTRATOR.md "The run row".
-- NULL for rows written before this column and for runs that stopped before the report.
ALTER TABLE pipeline_runs ADD COLUMN top_positions jsonb;
