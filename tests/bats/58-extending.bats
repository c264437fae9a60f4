#!/usr/bin/env bats
# docs/EXTENDING.md's worked examples, applied as written to a copy of the tree
# (tests/tools/extending.py): RATES_BR_05, a ninth strategy, and step-gate, a ninth
# step. Built with -Werror (and the sanitisers when the tree under test has them), they
# must do what the document says they do.
load ../helpers

setup_file() {
	local ext="$BATS_FILE_TMPDIR/tree" san=""
	git -C "$TOP" rev-parse --git-dir > /dev/null 2>&1 || skip "not a git checkout"
	mkdir -p "$ext"
	git -C "$TOP" ls-files -z | (cd "$TOP" && tar --null -cf - -T -) | tar -xf - -C "$ext"
	"$PY" "$TOP/tests/tools/extending.py" "$TOP/docs/EXTENDING.md" "$ext" \
	    > "$BATS_FILE_TMPDIR/applied"
	ldd "$BIN/daily_run" | grep -q libasan && san=SAN=1
	make -C "$ext" -s -j2 DEV=1 $san all tests/unit/bin/test_strategies \
	    > "$BATS_FILE_TMPDIR/build.log" 2>&1 || { tail -20 "$BATS_FILE_TMPDIR/build.log"; return 1; }
	export EXT="$ext"
}

setup() {
	export NO_COLOR=1 DAILY_VARDIR="$BATS_TEST_TMPDIR/var"
	unset DAILY_STEPDIR DAILY_CATALOGUE DAILY_CONFIG
}

@test "extending: every block of both examples has a place in the tree" {
	run -0 cat "$BATS_FILE_TMPDIR/applied"
	assert_output "steps/strategies/rates_br_05.c
steps/strategies/strategies.h
steps/strategies/strategies.c
common/CONF_KEYS
tests/unit/test_strategies.c
steps/gate/gate.h
steps/gate/gate.c
steps/gate/main.c
common/CONF_KEYS
steps/STEPS"
}

@test "extending: RATES_BR_05's five checks pass; only the strategy counts fail" {
	local tap
	tap=$("$EXT/tests/unit/bin/test_strategies") && fail "test_strategies passed: the counts?"
	[ "$(grep -c '^ok .* - RATES_BR_05: ' <<<"$tap")" -eq 5 ]
	run -0 grep '^not ok ' <<<"$tap"
	assert_output --regexp '^not ok [0-9]+ - step: one diagnostics entry per strategy
not ok [0-9]+ - step: detail$'
}

@test "extending: step-gate runs ninth, before the report, and lets a LOW risk go" {
	local run
	run -0 "$EXT/bin/daily_run" --dry-run --date 2024-01-15 --json
	run=$(ls -d "$DAILY_VARDIR"/runs/*/)
	step_file "$run" gate
	run -0 jq -c .gate "$(step_file "$run" gate)"
	assert_output '{"level":"LOW","max_level":"CRITICAL","summary":{"detail":"risk LOW <= CRITICAL"}}'
	[ "$(basename "$(step_file "$run" gate)")" = 08-gate.json ]
	[ "$(basename "$(step_file "$run" report)")" = 09-report.json ]
}

@test "extending: step-gate stops above its level (exit 1); an unknown level is 78" {
	local run state
	"$EXT/bin/daily_run" --dry-run --date 2024-01-15 > /dev/null
	run=$(ls -d "$DAILY_VARDIR"/runs/*/)
	state=$(step_file "$run" risk)
	run -1 --separate-stderr "$EXT/bin/step-gate" \
	    < <(jq '.risk.risk_level = "HIGH" | .config.gate.max_level = "MODERATE"' "$state")
	assert_equal "$stderr" "gate: fatal: risk level HIGH is above MODERATE"
	assert_output ''
	run -78 --separate-stderr "$EXT/bin/step-gate" \
	    < <(jq '.config.gate.max_level = "SEVERE"' "$state")
	assert_equal "$stderr" \
	    "gate: fatal: config.gate.max_level: 'SEVERE' is not one of LOW|MODERATE|HIGH|CRITICAL"
}
