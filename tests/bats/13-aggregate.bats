#!/usr/bin/env bats
# step-aggregate: table-driven fixtures (docs/STYLE.md R40), then the pipeline on agents' output.
#
# basic/veto by hand (weights of docs/AGENTS.md "Aggregation"; votes: inflation COMPOSITE
# LONG .6, monetary COMPOSITE SHORT .8, fiscal COMPOSITE LONG .5, fx COMPOSITE NEUTRAL 0,
# cross-asset CROSSASSET_SENTIMENT LONG .9; CROSSASSET_REGIME is a risk scale, not a vote):
#   FI   (.25*.6 - .35*.8 + .20*.5) / .80          = -0.0375   NEUTRAL, conf mean(.6,.8,.5)
#   FX   (.15*.5 + .40*0 + .15*.9) / .70            =  0.3      LONG,    conf mean(.5,0,.9)
#   EQ   (-.15*.8 + .20*.5 + .45*.9) / .80          =  0.48125  LONG; monetary SHORT (w .15) conflicts
#   COMM (.30*0 + .30*.9) / .60                     =  0.45     LONG,    conf mean(0,.9)
# regime 0.2: risk scale 1. veto (regime 0.8): scale 1 - .5*min(1, (.8-.3)/.4) = 0.5,
#   FI -0.01875, FX 0.15, EQ 0.240625, COMM 0.225. risk-scale (regime 0.5): scale 0.75,
#   FI -0.028125, FX 0.225, EQ 0.3609375, COMM 0.3375.
# no-regime: CROSSASSET_REGIME NO_SIGNAL (value null): as basic, regime score 0 with a
#   warning (portfolio needs a number), risk scale 1.
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

@test "the risk scale by hand: nets within 1e-6 of the header's calculation" {
	local f want
	for f in basic:-0.0375,0.3,0.48125,0.45,1 veto:-0.01875,0.15,0.240625,0.225,0.5 \
	    risk-scale:-0.028125,0.225,0.3609375,0.3375,0.75; do
		want=${f#*:}
		run -0 --separate-stderr "$BIN/step-aggregate" < "$FIX/${f%%:*}.in.json"
		printf '%s\n' "$output" | jq -e --argjson w "[$want]" '
		    def near(a; b): (a - b) | fabs < 1e-6;
		    [.aggregate.consensus[].net_score] as $n |
		    ([range(4)] | all(near($n[.]; $w[.]))) and
		    ([.aggregate.consensus[].risk_scale] | all(near(.; $w[4]))) and
		    near(.aggregate.regime.risk_scale; $w[4])' > /dev/null ||
		    fail "${f%%:*}: $(printf '%s' "$output" | jq -c '[.aggregate.consensus[].net_score]')"
	done
}

@test "the risk scale at and around its edges: 1 to 0.3, linear to 0.5 at 0.7, 0.5 beyond" {
	local pair v want
	# scale = 1 - 0.5 * min(1, (s - 0.3) / 0.4) above 0.3, by hand.
	for pair in -0.9:1 0.3:1 0.3004:0.9995 0.5:0.75 0.6996:0.5005 0.7:0.5 0.95:0.5; do
		v=${pair%%:*}
		want=${pair#*:}
		jq --argjson v "$v" '(.agents.reports[] | .signals[] |
		    select(.signal_id == "CROSSASSET_REGIME") | .value) = $v' "$FIX/basic.in.json" |
		    "$BIN/step-aggregate" | jq -e --argjson w "$want" '
		    (.aggregate.regime.risk_scale - $w | fabs) < 1e-9 and
		    (.aggregate.consensus[1].net_score - 0.3 * $w | fabs) < 1e-6' > /dev/null ||
		    fail "regime $v: risk scale not $want"
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
