#!/usr/bin/env bats
# portfolio.pnl: three consecutive runs of step-portfolio on hand-built states
# (tests/oracles/pnl_chain.py), chained through config.previous_portfolio_file, the
# P&L of the book held computed by hand in the oracle; attribution sums to the
# total. risk.track_record: MTD, YTD, drawdown by hand, the back-test against the
# scipy oracle of common/varbt (tests/oracles/var_backtest.py).
load ../helpers

ORACLE="$TOP/tests/oracles/pnl_chain.py"

# run_on DATE VARIANT PREV: step-portfolio on the hand-built state of DATE with
# config.previous_portfolio_file PREV (none when empty), into ${OUT:-$BATS_FILE_TMPDIR}/DATE.json.
run_on() {
	"$PY" "$ORACLE" state "$1" "$2" |
	    jq --arg f "$3" 'if $f == "" then . else .config.previous_portfolio_file = $f end' |
	    "$BIN/step-portfolio" > "${OUT:-$BATS_FILE_TMPDIR}/$1.json"
}

setup_file() {
	[ -x "$BIN/step-portfolio" ] || return 0
	"$PY" -c 'import numpy' 2>/dev/null || return 0
	# Wednesday, Friday, then Tuesday after the weekend and Martin Luther King day
	# (a desk business day: ANBIMA is open, the US series has no print).
	run_on 2024-01-10 0 ""
	run_on 2024-01-12 1 "$BATS_FILE_TMPDIR/2024-01-10.json"
	run_on 2024-01-16 2 "$BATS_FILE_TMPDIR/2024-01-12.json"
}

setup() {
	"$PY" -c 'import numpy' 2>/dev/null || skip "no numpy"
	D="$BATS_FILE_TMPDIR"
}

@test "pnl: the first run has no previous book" {
	run -0 jq -c '.portfolio.pnl' "$D/2024-01-10.json"
	assert_output '{"available":false,"reason":"no previous book"}'
}

@test "pnl: second run, the first run's book over Thursday and Friday, by hand" {
	run -0 "$PY" "$ORACLE" check "$D/2024-01-10.json" "$D/2024-01-12.json" \
	    2024-01-11,2024-01-12
	refute_output --partial FAIL
	assert_output --partial "OK 2 days"
	run -0 jq -r '.portfolio.pnl | "\(.available) \(.from) \(.to) \(.missing_returns)"' \
	    "$D/2024-01-12.json"
	assert_output "true 2024-01-10 2024-01-12 0"
}

@test "pnl: third run, the second run's book over MLK day and Tuesday, by hand" {
	run -0 "$PY" "$ORACLE" check "$D/2024-01-12.json" "$D/2024-01-16.json" \
	    2024-01-15,2024-01-16
	refute_output --partial FAIL
	assert_output --partial "OK 2 days"
	# The book held is the second run's, not the third's (the weights moved).
	run -0 jq -e --slurpfile p "$D/2024-01-12.json" \
	    '.portfolio.weights != $p[0].portfolio.weights' "$D/2024-01-16.json"
}

@test "pnl: attribution by instrument, package and asset class sums to the total (1e-12)" {
	for f in 2024-01-12 2024-01-16; do
		run -0 jq -e '.portfolio.pnl | . as $p | [.by_instrument, .by_package,
		    .by_asset_class, {d: ([.days[].pnl] | add)}] |
		    all(([.[]] | add) - $p.total | fabs < 1e-12)' "$D/$f.json"
	done
}

@test "pnl: weights with no package leg are unattributed" {
	jq 'del(.portfolio.packages)' "$D/2024-01-12.json" > "$BATS_TEST_TMPDIR/prev.json"
	OUT="$BATS_TEST_TMPDIR" run_on 2024-01-16 2 "$BATS_TEST_TMPDIR/prev.json"
	run -0 jq -e --slurpfile a "$D/2024-01-16.json" '.portfolio.pnl |
	    (.by_package | keys) == ["unattributed"] and
	    (.by_package.unattributed - .total | fabs < 1e-15) and
	    (.total - $a[0].portfolio.pnl.total | fabs < 1e-15)' "$BATS_TEST_TMPDIR/2024-01-16.json"
}

@test "pnl: a previous book not earlier than as_of is not a P&L" {
	OUT="$BATS_TEST_TMPDIR" run_on 2024-01-12 1 "$D/2024-01-12.json"
	run -0 jq -c '.portfolio.pnl' "$BATS_TEST_TMPDIR/2024-01-12.json"
	assert_output '{"available":false,"reason":"the previous book is not earlier than as_of"}'
	OUT="$BATS_TEST_TMPDIR" run_on 2024-01-12 1 /nonexistent/run.json
	run -0 jq -c '.portfolio.pnl' "$BATS_TEST_TMPDIR/2024-01-12.json"
	assert_output '{"available":false,"reason":"no previous book"}'
}
