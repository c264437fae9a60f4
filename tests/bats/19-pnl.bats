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

# A risk state (tests/oracles/risk_gen.py, its own returns matrix) on Friday
# 2024-02-02 with today's P&L -2.5 % and the hand-written track record of TR.
TR='{"rows":[{"date":"2023-12-28","pnl":0.01},{"date":"2023-12-29","pnl":-0.02},
  {"date":"2024-01-30","pnl":0.03,"var95":-0.01,"var99":-0.02},
  {"date":"2024-01-31","pnl":-0.015,"var95":-0.01,"var99":-0.02},
  {"date":"2024-02-01","pnl":0.005,"var95":-0.01,"var99":null}],
  "prediction":{"var95":-0.01,"var99":-0.02}}'

# risk_state FILTER: the risk state through jq FILTER into $BATS_TEST_TMPDIR/in.json.
risk_state() {
	"$PY" "$TOP/tests/oracles/risk_gen.py" 3 800 7 |
	    jq --argjson tr "$TR" '.as_of = "2024-02-02" |
	    .portfolio.pnl = {"available": true, "total": -0.025} |
	    .config.track_record = $tr | '"$1" > "$BATS_TEST_TMPDIR/in.json"
}

# close NAME JQ WANT: the value of JQ in out.json is WANT within 1e-12.
close() {
	run -0 jq -e --argjson w "$3" "($2) - \$w | fabs < 1e-12" "$BATS_TEST_TMPDIR/out.json" ||
	    { echo "$1: $(jq "$2" "$BATS_TEST_TMPDIR/out.json") != $3"; return 1; }
}

@test "track record: NAV index, MTD, YTD and drawdown by hand" {
	risk_state .
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	T=.risk.track_record
	# NAV: 1.01 x 0.98 x 1.03 x 0.985 x 1.005 x 0.975; the peak on 2024-01-30 (1.019494).
	close nav "$T.nav_index" 0.98399203300125
	close day "$T.pnl_day" -0.025
	# February: 1.005 x 0.975 - 1; 2024: 1.03 x 0.985 x 1.005 x 0.975 - 1.
	close mtd "$T.pnl_mtd" -0.020125
	close ytd "$T.pnl_ytd" -0.00586781875
	# 1 - 0.985 x 1.005 x 0.975 from the peak; the largest so far.
	close drawdown "$T.drawdown" 0.034823125
	close max "$T.max_drawdown" 0.034823125
	run -0 jq -r "$T | \"\(.available) \(.days) \(.peak_date) \(.history | length)\"" \
	    "$BATS_TEST_TMPDIR/out.json"
	assert_output "true 6 2024-01-30 6"
	# Exceptions: Jan 31 (-1.5 % < -1 %) and today at 95 %, today only at 99 %.
	run -0 jq -c "[$T.history[] | [.exception95, .exception99]]" "$BATS_TEST_TMPDIR/out.json"
	assert_output '[[null,null],[null,null],[false,false],[true,false],[false,null],[true,true]]'
	run -0 jq -r "$T.backtest | \"\(.days) \(.var95.exceptions) \(.var99.days) \(.var99.exceptions) \(.var99.basel_zone)\"" \
	    "$BATS_TEST_TMPDIR/out.json"
	assert_output "4 2 3 1 green"
	# The breaker on the realised 3.48 %: L1 at 0.75, the drawdown limit reads it.
	run -0 jq -r '.risk.circuit_breaker | "\(.basis) \(.state) \(.scale) \(.reason)"' \
	    "$BATS_TEST_TMPDIR/out.json"
	assert_output "realised L1 0.75 risk.track_record"
	close limit '.risk.limits[] | select(.name == "max_drawdown") | .value' 0.034823125
	run -0 jq -e '.risk.alerts | index("Circuit breaker: L1 (realised drawdown 0.03482)")' \
	    "$BATS_TEST_TMPDIR/out.json"
	# The back-cast is still there, labelled, and is not what the breaker read.
	run -0 jq -r '.risk.drawdown.basis' "$BATS_TEST_TMPDIR/out.json"
	assert_output hypothetical_backcast
}

@test "track record: the back-test of the hand-written rows equals scipy" {
	"$PY" -c 'import scipy' 2>/dev/null || skip "no scipy"
	risk_state .
	"$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/out.json"
	read -r _ _ _ _ p _ _ _ _ _ pi _ <<< "$("$PY" "$TOP/tests/oracles/var_backtest.py" 0.05 <<< 0101)"
	close kupiec .risk.track_record.backtest.var95.kupiec_p "$p"
	close christoffersen .risk.track_record.backtest.var95.christoffersen_p "$pi"
}

@test "track record: 300 rows, back-test of the last 250 and history against the oracle" {
	"$PY" -c 'import scipy' 2>/dev/null || skip "no scipy"
	"$PY" "$TOP/tests/oracles/track_record.py" rows 300 5 2024-02-02 > "$BATS_TEST_TMPDIR/tr.json"
	TR=$(cat "$BATS_TEST_TMPDIR/tr.json")
	for w in 250 20; do
		risk_state ".config.risk.backtest_window = $w"
		"$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/out.json"
		run -0 "$PY" "$TOP/tests/oracles/track_record.py" check "$BATS_TEST_TMPDIR/in.json" \
		    "$BATS_TEST_TMPDIR/out.json"
		refute_output --partial FAIL
		assert_output --partial "in the back-test"
		run -0 jq -r '.risk.track_record | "\(.backtest.window) \(.history | length)"' \
		    "$BATS_TEST_TMPDIR/out.json"
		assert_output "$w $((w + 1))"
	done
}

@test "track record: absent (dry run) is unavailable, the breaker has no basis" {
	risk_state 'del(.config.track_record)'
	"$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '.risk.track_record' "$BATS_TEST_TMPDIR/out.json"
	assert_output '{"available":false,"reason":"no track record (dry run: no database)"}'
	run -0 jq -r '.risk.circuit_breaker.basis,
	    (.risk.limits[] | select(.name == "max_drawdown") | .reason)' "$BATS_TEST_TMPDIR/out.json"
	assert_output $'none\nno track record'
	# daily_run could not read it: the reason it gives.
	risk_state '.config.track_record = {"error": "cannot connect to database x"}'
	"$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '.risk.track_record' "$BATS_TEST_TMPDIR/out.json"
	assert_output '{"available":false,"reason":"track record not read: cannot connect to database x"}'
}

@test "track record: config.risk.realised_drawdown overrides it; unknown P&L leaves the index" {
	risk_state '.config.risk.realised_drawdown = 0.06'
	"$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -r '.risk.circuit_breaker | "\(.state) \(.reason)"' "$BATS_TEST_TMPDIR/out.json"
	assert_output "L2 config.risk.realised_drawdown"
	close limit '.risk.limits[] | select(.name == "max_drawdown") | .value' 0.06
	# No portfolio.pnl (first run of the book): today's row has no P&L, no exception.
	risk_state 'del(.portfolio.pnl)'
	"$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/out.json"
	close nav .risk.track_record.nav_index 1.00922259795
	run -0 jq -c '.risk.track_record | [.pnl_day, .history[-1].exception95, .backtest.days]' \
	    "$BATS_TEST_TMPDIR/out.json"
	assert_output '[null,null,3]'
}

@test "track record: bad rows exit 78 naming the field, nothing written" {
	risk_state '.config.track_record.rows[1].pnl = "x"'
	run -78 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	assert_output ''
	assert_equal "$stderr" "risk: fatal: config.track_record.rows[1].pnl: expected a number"
	risk_state '.config.track_record.rows[4].date = "2024-02-02"'
	run -78 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "risk: fatal: config.track_record.rows[4].date: 2024-02-02: the rows must be oldest first and before as_of"
	risk_state '.config.track_record = [1]'
	run -78 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	risk_state '.config.risk.backtest_window = 0'
	run -78 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	[[ "$stderr" == *"config.risk.backtest_window"* ]]
}
