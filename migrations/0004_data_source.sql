-- Where the run's prices came from (docs/ORCHESTRATOR.md "Data source"): "synthetic,
-- seed 20050103; catalogue …" or "40 files; catalogue …, data root …". NULL for rows
-- written before this column, and when the run stopped before ingest.
ALTER TABLE pipeline_runs ADD COLUMN data_source text;
