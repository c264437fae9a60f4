#!/usr/bin/env bats
# daily_run hardening (issue 10), the cases that need PostgreSQL: run inside a
# throwaway cluster (pg_virtualenv bats tests/bats/83-harden-db.bats; skips without).
load ../helpers
load ../fake-steps/lib

setup_file() {
	db_probe
}

setup() {
	need_db
	orch_setup
	fresh_db dr_harden
}

teardown() {
	[ -n "${DB_OK:-}" ] || return 0
	drop_db
}

# Item 4: the row is stored, as BAD_OUTPUT, and holds what was validated.
@test "a regime over 30 characters: a BAD_OUTPUT row, not a lost one" {
	export FAKE_REPORT_SUMMARY='{"signal_count":1,"regime":"ABCDEFGHIJKLMNOPQRSTUVWXYZ01234"}'
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	[ "$(q "select status, failed_step, regime is null, signal_count is null from pipeline_runs")" = \
	    "BAD_OUTPUT|report|t|t" ]
}

@test "signal_count 1e10 and 2.5: BAD_OUTPUT rows; 7 is stored as 7" {
	export FAKE_REPORT_SUMMARY='{"signal_count":1e10}'
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	export FAKE_REPORT_SUMMARY='{"signal_count":2.5}'
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	export FAKE_REPORT_SUMMARY='{"signal_count":7,"position_count":0}'
	run -0 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	[ "$(q "select status, coalesce(signal_count::text, 'null') from pipeline_runs order by finished_at")" = \
	    "BAD_OUTPUT|null"$'\n'"BAD_OUTPUT|null"$'\n'"SUCCESS|7" ]
}

# Item 10: the COMMIT reached the server but its answer was lost; the row is stored.
@test "a lost COMMIT acknowledgement: the row is found by its id, exit 0, a warning" {
	"$FAKE/pg-drop-commit" "$BATS_TEST_TMPDIR/port" &
	proxy=$!
	wait_file "$BATS_TEST_TMPDIR/port"
	export DATABASE_URL="postgresql://127.0.0.1:$(cat "$BATS_TEST_TMPDIR/port")/$PGDATABASE?sslmode=disable&gssencmode=disable"
	run --separate-stderr "$BIN/daily_run" --date 2024-01-15
	kill "$proxy"
	unset DATABASE_URL
	echo "$stderr"
	[ "$status" -eq 0 ]
	id=$(basename "$(run_dir)")
	[ "$(q "select id, status from pipeline_runs")" = "$id|SUCCESS" ]
	[[ "$stderr" == "daily_run: warning: cannot commit the run row: "*"; the run row $id is stored all the same (the COMMIT's acknowledgement was lost)" ]]
	refute [ "$(echo "$stderr" | grep -c error)" -gt 0 ]
}

# Item 12: text that is not UTF-8 is made valid before it is stored, the row is kept.
@test "a DAILY_VARDIR with byte 0xff: the row is stored, the byte as '?'" {
	export DAILY_VARDIR="$BATS_TEST_TMPDIR/var"$'\xff'"x"
	run -0 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	[ "$(q "select status, summary like '%var?x/runs/%' from pipeline_runs")" = "SUCCESS|t" ]
}

@test "a failure reason holding a 0xff path: the FAILED row is stored" {
	export DAILY_STEPDIR="$BATS_TEST_TMPDIR/st"$'\xff'
	mkdir -p "$DAILY_STEPDIR"
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	[ "$(q "select status, exit_code, error like 'program not found: %st?/step-ingest (code 127)' from pipeline_runs")" = "FAILED|127|t" ]
	[ "$(q "select steps->0->>'error' like '%st?/step-ingest%' from pipeline_runs")" = t ]
}

# Item 11: concurrent migrations on a new database are serialised by an advisory lock.
@test "ten concurrent 'daily_run migrate' on a new database: all succeed, each file applied once" {
	for round in 1 2 3; do
		export PGDATABASE="dr_harden_mig_${round}_$$"
		dropdb --if-exists "$PGDATABASE" >/dev/null 2>&1
		createdb "$PGDATABASE"
		pids=()
		for i in 0 1 2 3 4 5 6 7 8 9; do
			"$BIN/daily_run" migrate > "mig.$i.out" 2> "mig.$i.err" &
			pids+=($!)
		done
		for i in 0 1 2 3 4 5 6 7 8 9; do
			wait "${pids[$i]}" || { cat "mig.$i.err" >&2; dropdb "$PGDATABASE"; return 1; }
			[ ! -s "mig.$i.err" ]
		done
		n=$(ls "$TOP"/migrations/[0-9]*_*.sql | wc -l)
		[ "$(cat mig.*.out | grep -c '^migrate: applied ')" -eq "$n" ]
		[ "$(q 'select count(*) from schema_migrations')" = "$n" ]
		dropdb "$PGDATABASE"
	done
}
