#!/usr/bin/env bats
# step-aggregate: table-driven fixtures (docs/STYLE.md R40), then the pipeline on agents' output.
#
# basic/veto by hand (weights of docs/MODELS.md §4.1; picks: inflation COMPOSITE LONG .6,
# monetary COMPOSITE SHORT .8, fiscal COMPOSITE LONG .5, fx NEUTRAL 0, cross-asset's first
# signal CROSSASSET_REGIME SHORT .4; every class's weights sum to 1):
#   FI   .25*.6 - .35*.8 + .20*.5 - .15*.4 = -0.09   NEUTRAL
#   FX   .10*.6 - .20*.8 + .15*.5 - .15*.4 = -0.085  NEUTRAL
#   EQ   .10*.6 - .15*.8 + .20*.5 - .45*.4 = -0.14   SHORT; fiscal LONG (w .20 > .10) conflicts
#   COMM .20*.6 - .10*.8 + .10*.5 - .30*.4 = -0.03   NEUTRAL
#   confidence = mean(.6, .8, .5, 0, .4) = 0.46
# veto: regime value 0.8 > 0.7 halves every net (EQ -0.07 -> NEUTRAL).
# no-regime: CROSSASSET_REGIME NO_SIGNAL (value null): FI -0.03, FX -0.025, EQ 0.04,
#   COMM 0.09, all NEUTRAL, confidence mean(.6, .8, .5, 0, 0) = 0.38; regime score 0
#   with a warning (portfolio needs a number).
load ../helpers

FIX="$TOP/tests/fixtures/aggregate"

@test "fixtures: every case gives its expected state, exit code and message" {
	local in name code
	for in in "$FIX"/*.in.json; do
		name=${in%.in.json}
		code=0
		[ -f "$name.code" ] && code=$(cat "$name.code")
		run -"$code" --separate-stderr $VALGRIND "$BIN/step-aggregate" < "$in"
		if [ -f "$name.out.json" ]; then
			printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/out.json"
			json_eq "$BATS_TEST_TMPDIR/out.json" "$name.out.json" ||
			    fail "$(basename "$name"): output differs"
		fi
		if [ -f "$name.err" ]; then
			[ -z "$output" ] || fail "$(basename "$name"): output on failure"
			[[ "$stderr" == "$(cat "$name.err")"* ]] ||
			    fail "$(basename "$name"): stderr '$stderr'"
		fi
	done
}

@test "the output is canonical: the same input gives byte-identical output" {
	run -0 "$BIN/step-aggregate" < "$FIX/basic.in.json"
	local first=$output
	run -0 "$BIN/step-aggregate" < "$FIX/basic.in.json"
	[ "$output" = "$first" ]
}

@test "-h prints usage on stdout; a bad option is a usage error" {
	run -0 "$BIN/step-aggregate" -h
	assert_output --partial "usage: step-aggregate"
	run -64 --separate-stderr "$BIN/step-aggregate" -x
}

@test "on the agents' output: 4 classes in order, regime passed on, summary detail" {
	"$PY" "$TOP/tests/oracles/agents_state.py" 2019-06-14 3 > "$BATS_TEST_TMPDIR/st.json"
	"$BIN/step-agents" < "$BATS_TEST_TMPDIR/st.json" > "$BATS_TEST_TMPDIR/ag.json"
	run -0 --separate-stderr "$BIN/step-aggregate" < "$BATS_TEST_TMPDIR/ag.json"
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -r '[.aggregate.consensus[].asset_class] | join(",")' "$BATS_TEST_TMPDIR/out.json"
	assert_output "FIXED_INCOME,FX,EQUITY_INDEX,COMMODITY"
	run -0 jq -e '.aggregate.regime.label == .agents.regime.label and
	    .aggregate.regime.probabilities == .agents.regime.hmm.probabilities and
	    .aggregate.summary.detail == "4 asset classes, \(.aggregate.summary.conflicts) conflicts" and
	    (.aggregate.conflict_classes | length) <= 4' "$BATS_TEST_TMPDIR/out.json"
	# The input passes through untouched.
	run -0 jq -e --slurpfile a "$BATS_TEST_TMPDIR/ag.json" 'del(.aggregate) == $a[0]' \
	    "$BATS_TEST_TMPDIR/out.json"
}
