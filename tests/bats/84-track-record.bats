#!/usr/bin/env bats
# daily_run and the track_record table (docs/ORCHESTRATOR.md "The track record"):
# three chained runs of the real steps on the synthetic data, the stored rows
# against the runs' own states and a hand calculation; a rerun of the middle date
# replaces its row; failed and dry runs store none. Run inside a throwaway
# cluster: pg_virtualenv bats tests/bats/84-track-record.bats (skips without one).
load ../helpers
load ../fake-steps/lib

setup_file() {
	db_probe
}

setup() {
	need_db
	orch_setup
	export DAILY_STEPDIR="$BIN" DAILY_REPORT_DIR="$BATS_TEST_TMPDIR/reports"
	fresh_db dr_track
}

teardown() {
	[ -n "${DB_OK:-}" ] || return 0
	drop_db
}

# state DATE STEP: the state file of STEP in DATE's last successful run.
state() {
	step_file "$DAILY_VARDIR/runs/success/$1" "$2"
}

# near A B: |A - B| <= 1e-12 (A, B numbers as text).
near() {
	awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; exit !(d <= 1e-12 && d >= -1e-12) }' ||
	    { echo "$1 != $2"; return 1; }
}

@test "three runs: the rows by hand; a rerun of the middle date leaves one row for it" {
	for d in 2024-01-10 2024-01-12 2024-01-16; do
		run -0 --separate-stderr "$BIN/daily_run" --date "$d"
		[ -z "$stderr" ]
	done
	[ "$(q 'select count(*) from track_record')" = 3 ]
	# The first run held no book: no P&L, index 1, nothing predicted for it.
	[ "$(q "select pnl is null, nav, var95_pred is null, exception95 is null
	    from track_record where book_date = '2024-01-10'")" = "t|1|t|t" ]
	p2=$(jq '.portfolio.pnl.total' "$(state 2024-01-12 portfolio)")
	p3=$(jq '.portfolio.pnl.total' "$(state 2024-01-16 portfolio)")
	# Both runs held a book: real, non-zero P&L (not a null compared with nothing).
	jq -e '.portfolio.pnl.available and (.portfolio.pnl.total | type == "number" and . != 0)' \
	    "$(state 2024-01-12 portfolio)" "$(state 2024-01-16 portfolio)"
	near "$(q "select pnl from track_record where book_date = '2024-01-12'")" "$p2"
	near "$(q "select pnl from track_record where book_date = '2024-01-16'")" "$p3"
	near "$(q "select pnl_brl from track_record where book_date = '2024-01-16'")" \
	    "$(jq '.portfolio.pnl.total_brl' "$(state 2024-01-16 portfolio)")"
	# NAV index compounds: (1 + p2)(1 + p3).
	near "$(q "select nav from track_record where book_date = '2024-01-16'")" \
	    "$(awk -v a="$p2" -v b="$p3" 'BEGIN { printf "%.17g", (1 + a) * (1 + b) }')"
	# Each day's prediction is the VaR the run before computed; the exception follows.
	v2=$(jq '.risk.var.historical.var_95' "$(state 2024-01-12 risk)")
	[[ "$v2" == -0.* ]]
	near "$(q "select var95 from track_record where book_date = '2024-01-12'")" "$v2"
	near "$(q "select var95_pred from track_record where book_date = '2024-01-16'")" "$v2"
	want=$(awk -v p="$p3" -v v="$v2" 'BEGIN { print (p < v ? "t" : "f") }')
	[ "$(q "select exception95 from track_record where book_date = '2024-01-16'")" = "$want" ]
	[ "$(q "select pnl_by_strategy = '$(jq -c '.portfolio.pnl.by_package' \
	    "$(state 2024-01-16 portfolio)")'::jsonb from track_record
	    where book_date = '2024-01-16'")" = t ]
	# What the third run was given: the two earlier rows and the second's VaR.
	run -0 jq -c '.config.track_record | [[.rows[].date], (.prediction.var95 == $v)]' \
	    --argjson v "$v2" "$(state 2024-01-16 initial)"
	assert_output '[["2024-01-10","2024-01-12"],true]'
	# Rerun the middle date: one row for it, from the new run, given the first only.
	run -0 --separate-stderr "$BIN/daily_run" --date 2024-01-12
	id=$(basename "$(readlink "$DAILY_VARDIR/runs/success/2024-01-12")")
	[ "$(q 'select count(*) from track_record')" = 3 ]
	[ "$(q "select count(*), min(run_id::text) from track_record
	    where book_date = '2024-01-12'")" = "1|$id" ]
	[ "$(q 'select count(*) from pipeline_runs')" = 4 ]
	run -0 jq -c '[.config.track_record.rows[].date]' "$(state 2024-01-12 initial)"
	assert_output '["2024-01-10"]'
	# The risk step's track record of the third run was over the three days.
	run -0 jq -r '.risk.track_record | "\(.available) \(.days) \(.history | length)"' \
	    "$(state 2024-01-16 risk)"
	assert_output "true 3 3"
}

@test "a failed run stores no track record row" {
	# Real steps but a failing report (not fake_step: DAILY_STEPDIR is bin/ here).
	ln -sfn "$FAKE/exit-65" "$BATS_TEST_TMPDIR/steps/step-report"
	for s in $STEPS; do
		[ "$s" = report ] || ln -sfn "$BIN/step-$s" "$BATS_TEST_TMPDIR/steps/step-$s"
	done
	DAILY_STEPDIR="$BATS_TEST_TMPDIR/steps" run -1 --separate-stderr "$BIN/daily_run" \
	    --date 2024-01-12
	[ "$(q 'select count(*) from track_record')" = 0 ]
	[ "$(q "select status from pipeline_runs")" = FAILED ]
}

@test "a dry run reads and stores nothing: the track record is unavailable" {
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-12
	[ "$(q 'select count(*) from track_record')" = 0 ]
	run -0 jq -c '.risk.track_record' "$(step_file "$(run_dir)" risk)"
	assert_output '{"available":false,"reason":"no track record (dry run: no database)"}'
}

@test "no track_record table: the run row is stored, one warning says why the day's is not" {
	q 'drop table track_record' >/dev/null
	run -0 --separate-stderr "$BIN/daily_run" --date 2024-01-12
	[ "$(q 'select count(*) from pipeline_runs')" = 1 ]
	[[ "$stderr" == "daily_run: warning: the day's track record row is not stored: the track record could not be read before the run: cannot read the track record: ERROR:  relation \"track_record\" does not exist"* ]]
	[ "$(wc -l <<<"$stderr")" -eq 1 ]
	run -0 jq -r '.risk.track_record.reason' "$(step_file "$(run_dir)" risk)"
	[[ "$output" == "track record not read: cannot read the track record: ERROR:  relation"* ]]
}

@test "the run row stores the top positions the console printed" {
	run -0 --separate-stderr "$BIN/daily_run" --date 2024-01-12
	first=$(q "select top_positions->0->>'instrument', top_positions->0->>'side' from pipeline_runs")
	[ -n "$first" ]
	assert_line --regexp "^  Top: ${first%%|*} +${first##*|} "
	st="$(state 2024-01-12 report)"
	run -0 jq -r '.report.summary.top_positions[0] | "\(.instrument)|\(.side)"' "$st"
	assert_output "$first"
}
