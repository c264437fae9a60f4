#!/usr/bin/env bats
# End to end: the eight steps chained through files on the synthetic default for
# five consecutive business days, then daily_run --dry-run (the original
# acceptance), then the real files of ../shared/research/data when present.
# Each test skips, naming what is missing, while a step binary is not built.
load ../helpers

STEP_LIST=$(steps_list)

need_steps() {
	local s missing=
	for s in $STEP_LIST; do
		[ -x "$BIN/step-$s" ] || missing="$missing step-$s"
	done
	[ -z "$missing" ] || skip "not built:$missing"
}

setup() {
	need_steps
	export DAILY_CATALOGUE="$TOP/data/catalogue.tsv" NO_COLOR=1
	unset DAILY_DATA_ROOT DAILY_REPORT_DIR
	cd "$BATS_TEST_TMPDIR"
}

# chain DATE DIR: run the steps by hand, each state in DIR/NN-step.json as daily_run
# names them (step_file finds them by name).
chain() {
	local prev="$2/00-initial.json" n=1 s out
	mkdir -p "$2"
	state_for "$1" > "$prev"
	for s in $STEP_LIST; do
		out=$(printf '%s/%02d-%s.json' "$2" "$n" "$s")
		"$BIN/step-$s" < "$prev" > "$out" || { echo "step-$s failed for $1" >&2; return 1; }
		prev=$out
		n=$((n + 1))
	done
}

# check_summary FILE: report.summary has the contract's keys and types.
check_summary() {
	run -0 jq -e '.report.summary |
	    (.signal_count | type == "number" and . == floor and . >= 0) and
	    (.position_count | type == "number" and . == floor and . >= 0) and
	    (.leverage | type == "number" and . >= 0) and
	    (.var_95 | type == "number" and . <= 0) and
	    (.cvar_95 | type == "number") and .cvar_95 <= .var_95 and
	    (.regime | IN("RISK_ON", "NEUTRAL", "RISK_OFF")) and
	    (.risk_alerts | type == "array" and all(type == "string")) and
	    (.top_positions | type == "array") and (.detail | type == "string")' "$1"
}

@test "e2e: eight steps by hand on the synthetic default, five consecutive business days" {
	local d
	for d in 2024-01-09 2024-01-10 2024-01-11 2024-01-12 2024-01-15; do
		chain "$d" "$d"
		check_summary "$(step_file "$d" report)"
		run -0 jq -r '.risk.returns.dates[-1], .risk.summary.detail, (.risk.stress | length), (.risk.limits | length)' "$(step_file "$d" report)"
		assert_line --index 0 "$d"
		assert_line --index 1 --regexp '^VaR95: -?[0-9]+\.[0-9][0-9]?%$'
		assert_line --index 2 6
		assert_line --index 3 9
		# every step added its key and kept the others
		run -0 jq -c 'keys' "$(step_file "$d" report)"
		assert_output "$( (steps_list; echo as_of) | sort | jq -Rsc 'split("\n")[:-1]')"
	done
	# the same date again is byte-identical (no wall clock, seeded Monte Carlo)
	chain 2024-01-15 again
	run -0 cmp "$(step_file 2024-01-15 report)" "$(step_file again report)"
}

@test "e2e: the chain writes well-formed report files with --report-dir" {
	chain 2024-01-15 s
	run -0 --separate-stderr "$BIN/step-report" --report-dir reports < "$(step_file s risk)"
	run -0 xmllint --noout reports/2024-01-15/report.html
	# weights, DI curve, stress; no track record in a chain (docs/REPORT.md)
	run -0 grep -c '<svg' reports/2024-01-15/report.html
	assert_output 3
	[ -s reports/2024-01-15/report.md ]
	run -0 xmllint --noout reports/index.html
}

@test "e2e: daily_run --date 2024-01-15 --dry-run completes eight steps and prints the summary" {
	[ -x "$BIN/daily_run" ] || skip "bin/daily_run not built"
	export DAILY_STEPDIR="$BIN" DAILY_VARDIR="$BATS_TEST_TMPDIR/var"
	run -0 --separate-stderr "$BIN/daily_run" --date 2024-01-15 --dry-run
	local s
	for s in $STEP_LIST; do
		assert_line --regexp "^  ✓ $s: +[0-9.]+m?s"
	done
	assert_line --regexp '^  Signals: [0-9]+ \| Positions: [0-9]+ instruments \| Leverage: [0-9.]+x$'
	assert_line --regexp '^  VaR \(95%\): -?[0-9.]+% \| Regime: (RISK_ON|NEUTRAL|RISK_OFF)$'
	assert_line --regexp '^  Risk Alerts: '
	assert_line --regexp '^  Total: .* \| Status: SUCCESS$'
}

@test "e2e: the real files of ../shared/research/data through the eight steps" {
	require_research
	[ -f "$TOP/data/catalogue-research.tsv" ] || skip "no data/catalogue-research.tsv"
	export DAILY_CATALOGUE="$TOP/data/catalogue-research.tsv" DAILY_DATA_ROOT="$RESEARCH/data"
	chain 2024-01-15 real
	check_summary "$(step_file real report)"
	run -0 jq -r '.risk.observations > 0' "$(step_file real report)"
	assert_output true
}
