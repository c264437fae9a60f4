#!/usr/bin/env bats
# daily_run and PostgreSQL: migrations and the run row. Run inside a throwaway
# cluster: pg_virtualenv bats tests/bats/80-db.bats (skips without a server).
load ../helpers
load ../fake-steps/lib

setup_file() {
	db_probe
}

setup() {
	need_db
	orch_setup
	fresh_db dr_test
}

teardown() {
	[ -n "${DB_OK:-}" ] || return 0
	drop_db
}

@test "migrate applies every file once; a second run is a no-op" {
	assert_line 'migrate: applied 0001_create_pipeline_runs.sql'
	assert_line 'migrate: applied 0002_operator_columns.sql'
	assert_line 'migrate: applied 0003_track_record.sql'
	assert_line 'migrate: applied 0004_data_source.sql'
	assert_line 'migrate: applied 0005_top_positions.sql'
	assert_line "migrate: $(ls "$TOP"/migrations/[0-9]*_*.sql | wc -l) applied, 0 up to date"
	run -0 --separate-stderr "$BIN/daily_run" migrate
	assert_output "migrate: 0 applied, $(ls "$TOP"/migrations/[0-9]*_*.sql | wc -l) up to date"
	[ -z "$stderr" ]
	[ "$(q 'select version, name from schema_migrations order by 1')" = \
	    "0001|0001_create_pipeline_runs.sql"$'\n'"0002|0002_operator_columns.sql"$'\n'"0003|0003_track_record.sql"$'\n'"0004|0004_data_source.sql"$'\n'"0005|0005_top_positions.sql" ]
	[ "$(q "select count(*) from pg_indexes where indexname = 'ix_pipeline_runs_run_date'")" = 1 ]
}

@test "a failing migration is rolled back and not recorded" {
	mkdir m
	cp "$TOP"/migrations/*.sql m/
	printf 'CREATE TABLE half (x int);\nSELECT no_such_function();\n' > m/9999_broken.sql
	DAILY_MIGRATIONS=m run -1 --separate-stderr "$BIN/daily_run" migrate
	[[ "$stderr" == *"migration 'm/9999_broken.sql' failed: ERROR:  function no_such_function() does not exist"* ]]
	[ "$(q "select count(*) from schema_migrations")" = "$(ls "$TOP"/migrations/*.sql | wc -l)" ]
	[ "$(q "select to_regclass('half') is null")" = t ]
}

@test "a successful run writes one correct row" {
	run -0 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	id=$(basename "$(run_dir)")
	[ "$(q 'select count(*) from pipeline_runs')" = 1 ]
	[ "$(q "select id, run_date, status, signal_count, position_count, regime, leverage, var_95, risk_alerts, failed_step is null, error is null, exit_code, host from pipeline_runs")" = \
	    "$id|2024-01-15|SUCCESS|23|12|NEUTRAL|1.8|-0.021|[]|t|t|0|$(hostname)" ]
	[ "$(q "select count(*) from jsonb_object_keys((select step_timings from pipeline_runs))")" = 8 ]
	[ "$(q "select jsonb_agg(s->>'status') = '[\"ok\",\"ok\",\"ok\",\"ok\",\"ok\",\"ok\",\"ok\",\"ok\"]' from pipeline_runs, jsonb_array_elements(steps) s")" = t ]
	[ "$(q "select steps->0->>'name', steps->0->>'exit_code', (steps->0->>'max_rss_kb')::int > 0, steps->0 ? 'user_ms', steps->0 ? 'sys_ms' from pipeline_runs")" = "ingest|0|t|t|t" ]
	[ "$(q "select started_at <= finished_at, duration_seconds > 0, duration_seconds < 10, created_at is not null from pipeline_runs")" = "t|t|t|t" ]
	[ "$(q "select summary like '%Status: SUCCESS%' and summary like '%Leverage: 1.8x%' from pipeline_runs")" = t ]
}

@test "a failed run writes a FAILED row naming the step and its code" {
	fake_step agents exit-65
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	[ "$(q "select status, failed_step, exit_code, error, signal_count is null from pipeline_runs")" = \
	    "FAILED|agents|65|exited 65"$'\n'"agents: fatal: missing field 'ingest.series'|t" ]
	[ "$(q "select steps->2->>'status', steps->2->>'exit_code', steps->3->>'status', steps->3->'exit_code' from pipeline_runs")" = \
	    "failed|65|skipped|null" ]
	[ "$(q "select step_timings ? 'agents', step_timings ? 'aggregate' from pipeline_runs")" = "t|f" ]
}

@test "a dry run writes no row" {
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	[ "$(q 'select count(*) from pipeline_runs')" = 0 ]
}

@test "a timed-out run's row" {
	fake_step risk sleep-forever
	export FAKE_PIDFILE="$BATS_TEST_TMPDIR/pids"
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15 --step-timeout 1
	[ "$(q "select status, failed_step, exit_code, error from pipeline_runs")" = \
	    "TIMEOUT|risk|124|timed out after 1s (code 124)" ]
}

@test "a step killed by a signal and a bad output" {
	fake_step quality kill-self-9
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	fake_step quality json-array
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-16
	[ "$(q "select run_date, status, exit_code, steps->1->>'signal' from pipeline_runs order by run_date")" = \
	    "2024-01-15|FAILED|137|9"$'\n'"2024-01-16|BAD_OUTPUT|0|" ]
}

@test "an aborted run (SIGINT mid-step) writes an ABORTED row" {
	fake_step strategies sleep-forever
	export FAKE_PIDFILE="$BATS_TEST_TMPDIR/pids"
	dfl_signals "$BIN/daily_run" --date 2024-01-15 >/dev/null 2>&1 &
	pid=$!
	wait_file "$FAKE_PIDFILE"
	kill -INT "$pid"
	status=0
	wait "$pid" || status=$?
	[ "$status" -eq 1 ]
	[ "$(q "select status, failed_step, error from pipeline_runs")" = \
	    "ABORTED|strategies|aborted: daily_run got signal 2" ]
}

@test "values are parameters, never spliced: a quote in the error text" {
	mkdir "it's"
	cp -P "$DAILY_STEPDIR"/step-* "it's/"
	rm "it's/step-portfolio"
	DAILY_STEPDIR="$PWD/it's" run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	[ "$(q "select error from pipeline_runs")" = \
	    "program not found: $PWD/it's/step-portfolio (code 127)" ]
}

@test "no table (dropped after the migrations): exit 1, one line, the files kept, never SUCCESS" {
	q 'drop table pipeline_runs cascade' >/dev/null
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	assert_line --regexp 'Status: FAILED \(the run row was not stored\)$'
	assert_equal "$stderr" 'daily_run: error: cannot insert the run row: ERROR:  relation "pipeline_runs" does not exist'
	[ -f "$(step_file "$(run_dir)" report)" ]
	[ ! -e "$DAILY_VARDIR/runs/success/2024-01-15" ]
}

@test "fail fast on a real server: a migration not applied stops the run before any step" {
	q "delete from schema_migrations where version = '0002'" >/dev/null
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	[[ "$stderr" == "daily_run: error: no step ran: the database lacks migration 0002 of the "*" migrations in '"*"': run \`daily_run migrate\` (or \`make db\`)" ]]
	[ ! -e "$DAILY_VARDIR/runs" ]
}

@test "the password of the session never appears in the output" {
	fake_step risk exit-65
	run -1 "$BIN/daily_run" --date 2024-01-15
	[ -z "${PGPASSWORD:-}" ] || [[ "$output" != *"$PGPASSWORD"* ]]
}

@test "PGOPTIONS is kept next to the statement_timeout: its search_path is used" {
	q 'create schema ops' >/dev/null
	PGOPTIONS='-c search_path=ops' run -0 --separate-stderr "$BIN/daily_run" migrate
	assert_line "migrate: $(ls "$TOP"/migrations/[0-9]*_*.sql | wc -l) applied, 0 up to date"
	PGOPTIONS='-c search_path=ops' run -0 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	[ "$(q 'select count(*) from ops.pipeline_runs')" = 1 ]
	[ "$(q 'select count(*) from public.pipeline_runs')" = 0 ]
	# Both settings reach the session.
	mkdir m
	cat > m/0009_check.sql <<'SQL'
DO $$ BEGIN
	IF current_setting('statement_timeout') <> '12s' OR current_setting('search_path') <> 'ops' THEN
		RAISE EXCEPTION 'got %, %', current_setting('statement_timeout'), current_setting('search_path');
	END IF;
END $$;
SQL
	PGOPTIONS='-c search_path=ops' DAILY_DB_TIMEOUT=2 DAILY_MIGRATIONS=m run -0 --separate-stderr "$BIN/daily_run" migrate
}
