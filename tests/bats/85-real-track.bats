#!/usr/bin/env bats
# The morning pack on the real files (skips without ../shared/research/data and without
# a PostgreSQL server): ten consecutive desk business days run by daily_run against a
# throwaway database; the last report shows a realised P&L history and the VaR back-test.
# Run inside a throwaway cluster: pg_virtualenv bats tests/bats/85-real-track.bats.
load ../helpers
load ../fake-steps/lib

setup() {
	require_research
	psql -XAtc 'select 1' >/dev/null 2>&1 || skip "no PostgreSQL server reachable"
	orch_setup
	export DAILY_STEPDIR="$BIN" DAILY_REPORT_DIR="$BATS_TEST_TMPDIR/reports"
	export DAILY_CATALOGUE="$TOP/data/catalogue-research.tsv"
	export DAILY_DATA_ROOT="$RESEARCH/data"
	fresh_db dr_real
}

teardown() {
	drop_db
}

@test "real files: two weeks of runs give the report a P&L history and a back-test" {
	local d days=()
	# 2019-03-11 .. 2019-03-22: ten ANBIMA business days (Carnival was 4-5 March)
	for d in 2019-03-11 2019-03-12 2019-03-13 2019-03-14 2019-03-15 \
	    2019-03-18 2019-03-19 2019-03-20 2019-03-21 2019-03-22; do
		run -0 --separate-stderr "$BIN/daily_run" --date "$d"
		days+=("$d")
	done
	run -0 psql -XAtc "select count(*), count(pnl) from track_record"
	assert_output "10|9"
	f=$(ls "$DAILY_REPORT_DIR"/2019-03-22/report.md "$DAILY_REPORT_DIR"/2019-03-22/*/report.md \
	    2>/dev/null | head -n 1)
	[ -n "$f" ]
	last=$(ls -d "$DAILY_VARDIR"/runs/success/2019-03-22)
	st="$last/$(ls "$last" | grep -E 'risk\.json$' | head -n 1)"
	# the risk step saw the stored history: ten days, nine with a P&L
	run -0 jq -r '.risk.track_record | [.available, .days, (.history | length)] | @tsv' "$st"
	[[ "$output" == true* ]]
	run -0 jq -e '.risk.track_record.backtest.var95.days >= 8' "$st"
	# and the report prints it: P&L rows dated in the fortnight, a back-test line
	grep -q '2019-03-21' "$f"
	grep -qi 'kupiec' "$f"
	run -1 grep -E '\b(NaN|inf)\b' "$f"
}
