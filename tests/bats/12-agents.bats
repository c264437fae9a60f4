#!/usr/bin/env bats
# step-agents: 23 signals on synthetic states over 2010-2024, determinism, bad input,
# and on the real data the risk-off regime after 2008-09-15 and 2020-03-09.
load ../helpers

IDS="INFLATION_BR_PHILLIPS INFLATION_BR_BOTTOMUP INFLATION_BR_SURPRISE INFLATION_BR_PERSISTENCE INFLATION_US_TREND INFLATION_BR_COMPOSITE MONETARY_BR_TAYLOR MONETARY_BR_SELIC_PATH MONETARY_BR_TERM_PREMIUM MONETARY_US_FED_STANCE MONETARY_BR_COMPOSITE FISCAL_BR_DSA FISCAL_BR_IMPULSE FISCAL_BR_DOMINANCE_RISK FISCAL_BR_COMPOSITE FX_BR_BEER FX_BR_CARRY_RISK FX_BR_FLOW FX_BR_CIP_BASIS FX_BR_COMPOSITE CROSSASSET_REGIME CROSSASSET_CORRELATION CROSSASSET_SENTIMENT"

# synthetic DATE [agents_state.py options]: the ingested state on stdout. The project's
# synthetic default (bin/step-ingest) when it is built, else the test's own generator.
synthetic() {
	local date=$1
	shift
	if [ -x "$BIN/step-ingest" ] && [ $# -eq 0 ]; then
		state_for "$date" | "$BIN/step-ingest"
	else
		"$PY" "$TOP/tests/oracles/agents_state.py" "$date" 7 "$@"
	fi
}

# check_signals FILE DATE: 23 signals in order, well-formed, as_of = DATE.
check_signals() {
	run -0 jq -r '[.agents.reports[].signals[].signal_id] | join(" ")' "$1"
	assert_output "$IDS"
	run -0 jq -r '[.agents.reports[].agent_id] | join(" ")' "$1"
	assert_output "inflation_agent monetary_agent fiscal_agent fx_agent cross_asset_agent"
	run -0 jq -e --arg d "$2" '
	    [.agents.reports[] | .agent_id as $a | .signals[] |
	     .as_of == $d and .agent_id == $a and
	     (.direction | IN("LONG","SHORT","NEUTRAL")) and
	     (.strength | IN("STRONG","MODERATE","WEAK","NO_SIGNAL")) and
	     .confidence >= 0 and .confidence <= 1 and (.horizon_days | IN(21,63,126,252,1260)) and
	     (if .metadata.reason then .strength == "NO_SIGNAL" and .confidence == 0 and
	      .direction == "NEUTRAL" and (.value == 0 or .value == null)
	      else .strength != "NO_SIGNAL" end)]
	    | all' "$1"
	run -0 jq -e '.agents.summary.detail == "5 agents, 23 signals" and .agents.summary.signals == 23
	    and (.agents.reports | all(.narrative | length > 20))
	    and (.agents.regime.label | IN("RISK_ON","NEUTRAL","RISK_OFF"))
	    and (.agents.regime.hmm.probabilities | [.[]] | add | . > 0.999 and . < 1.001)' "$1"
}

@test "synthetic: 23 well-formed signals on 10 dates across 2010-2024, HMM regime fitted" {
	local d
	for d in 2010-03-15 2011-08-08 2013-06-21 2015-09-24 2016-11-09 2018-05-28 \
	    2020-03-18 2021-07-01 2022-10-31 2024-01-15; do
		synthetic "$d" > "$BATS_TEST_TMPDIR/in.json"
		run -0 --separate-stderr $VALGRIND "$BIN/step-agents" < "$BATS_TEST_TMPDIR/in.json"
		printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/out.json"
		check_signals "$BATS_TEST_TMPDIR/out.json" "$d"
		run -0 jq -e '.agents.regime.hmm.method == "hmm" and .agents.regime.hmm.observations >= 60' \
		    "$BATS_TEST_TMPDIR/out.json"
	done
}

@test "HMM regime: the same state gives the same fit; every state named by the quadrant rule" {
	synthetic 2020-03-18 > "$BATS_TEST_TMPDIR/in.json"
	"$BIN/step-agents" < "$BATS_TEST_TMPDIR/in.json" | jq -c .agents.regime.hmm > "$BATS_TEST_TMPDIR/a"
	"$BIN/step-agents" < "$BATS_TEST_TMPDIR/in.json" | jq -c .agents.regime.hmm > "$BATS_TEST_TMPDIR/b"
	run -0 jq -e --slurpfile b "$BATS_TEST_TMPDIR/b" '. == $b[0] and .method == "hmm"' "$BATS_TEST_TMPDIR/a"
	# docs/AGENTS.md: Stress = the highest mean VIX_z; any other state's name is the
	# quadrant of its mean (g > 0: Goldilocks i < 0.5 else Reflation; g < 0:
	# Stagflation i >= 0.5, Deflation i < -0.5); the posteriors of a name add up.
	run -0 jq -e '
	    def quad: if .growth_z > 0 then (if .inflation_z < 0.5 then "Goldilocks" else "Reflation" end)
	      elif .growth_z < 0 and .inflation_z >= 0.5 then "Stagflation"
	      elif .growth_z < 0 and .inflation_z < -0.5 then "Deflation" else null end;
	    (.state_means | length) == 4 and
	    ([.state_means[] | select(.state != "Stress") | quad as $q | $q == null or $q == .state] | all) and
	    ([.state_means[] | select(.state == "Stress")] | length) <= 1 and
	    (.probabilities as $p | [.state_means | group_by(.state)[] |
	      ((map(.probability) | add) - $p[.[0].state]) | fabs < 1e-5] | all)' "$BATS_TEST_TMPDIR/a"
}

@test "models agree with the Python reference (statsmodels OLS and HP, numpy Kalman)" {
	local d
	for d in 2012-05-15 2024-01-15; do
		synthetic "$d" > "$BATS_TEST_TMPDIR/in.json"
		"$PY" "$TOP/tests/oracles/agents_models.py" < "$BATS_TEST_TMPDIR/in.json" \
		    > "$BATS_TEST_TMPDIR/want.json"
		"$BIN/step-agents" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/out.json"
		run -0 "$PY" "$TOP/tests/oracles/agents_models.py" --compare \
		    "$BATS_TEST_TMPDIR/want.json" "$BATS_TEST_TMPDIR/out.json"
		assert_output "9 values agree"
	done
}

@test "same input, byte-identical output; the input passes through" {
	synthetic 2024-01-15 > "$BATS_TEST_TMPDIR/in.json"
	"$BIN/step-agents" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/a.json"
	"$BIN/step-agents" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/b.json"
	cmp "$BATS_TEST_TMPDIR/a.json" "$BATS_TEST_TMPDIR/b.json"
	run -0 jq -e --slurpfile i "$BATS_TEST_TMPDIR/in.json" 'del(.agents) == $i[0]' \
	    "$BATS_TEST_TMPDIR/a.json"
}

@test "missing ingest: exit 65 naming the field" {
	run -65 --separate-stderr "$BIN/step-agents" <<< '{"as_of":"2024-01-15"}'
	[ -z "$output" ]
	[ "$stderr" = "agents: fatal: missing field 'ingest.series'" ]
}

@test "malformed JSON and a bad series: exit 65, nothing on stdout" {
	run -65 --separate-stderr "$BIN/step-agents" <<< '{"as_of":"2024-01-15","ingest":'
	[ -z "$output" ]
	[[ "$stderr" == "agents: fatal: invalid state on stdin: "* ]]
	run -65 --separate-stderr "$BIN/step-agents" \
	    <<< '{"as_of":"2024-01-15","ingest":{"series":{"VIX":{"dates":["2024-01-12"],"values":[1,2]}}}}'
	[ -z "$output" ]
	[[ "$stderr" == *"VIX"* ]]
}

@test "all-null series and one-point series: 23 signals, NO_SIGNAL with reasons, exit 0" {
	local all="BR_IPCA_MOM,BR_IPCA_CORE_MOM,BR_FOCUS_IPCA_12M,BR_SELIC_TARGET,USDBRL,VIX,US_UST_2Y,BR_PRIMARY_BALANCE_GDP"
	"$PY" "$TOP/tests/oracles/agents_state.py" 2024-01-15 7 --null="$all" > "$BATS_TEST_TMPDIR/null.json"
	run -0 --separate-stderr "$BIN/step-agents" < "$BATS_TEST_TMPDIR/null.json"
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/out.json"
	check_signals "$BATS_TEST_TMPDIR/out.json" 2024-01-15
	run -0 jq -r '[.agents.reports[].signals[] | select(.metadata.reason) | .signal_id] | join(" ")' \
	    "$BATS_TEST_TMPDIR/out.json"
	assert_output --partial "INFLATION_BR_PHILLIPS"
	assert_output --partial "INFLATION_BR_SURPRISE"
	assert_output --partial "MONETARY_BR_TAYLOR"
	assert_output --partial "FISCAL_BR_IMPULSE"
	assert_output --partial "FX_BR_BEER"
	run -0 jq -e '.agents.reports[0].data_quality_flags | index("BR_IPCA_MOM: data is None")' \
	    "$BATS_TEST_TMPDIR/out.json"
	"$PY" "$TOP/tests/oracles/agents_state.py" 2024-01-15 7 --short="$all" > "$BATS_TEST_TMPDIR/short.json"
	run -0 --separate-stderr "$BIN/step-agents" < "$BATS_TEST_TMPDIR/short.json"
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/out.json"
	check_signals "$BATS_TEST_TMPDIR/out.json" 2024-01-15
	run -0 jq -r '.agents.reports[0].signals[0].metadata.reason' "$BATS_TEST_TMPDIR/out.json"
	assert_output --partial "months of core inflation"
}

@test "a missing input silences its model only: the other agents carry on" {
	"$PY" "$TOP/tests/oracles/agents_state.py" 2024-01-15 7 --drop=BR_IPCA_CORE_MOM,US_FED_FUNDS \
	    > "$BATS_TEST_TMPDIR/in.json"
	run -0 --separate-stderr "$BIN/step-agents" < "$BATS_TEST_TMPDIR/in.json"
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/out.json"
	check_signals "$BATS_TEST_TMPDIR/out.json" 2024-01-15
	run -0 jq -r '.agents.reports[] | .signals[] | select(.signal_id == "INFLATION_BR_PHILLIPS"
	    or .signal_id == "MONETARY_US_FED_STANCE" or .signal_id == "INFLATION_BR_BOTTOMUP")
	    | "\(.signal_id) \(.metadata.reason // "ok")"' "$BATS_TEST_TMPDIR/out.json"
	assert_line --partial "INFLATION_BR_PHILLIPS 0 months of core inflation"
	assert_line --partial "MONETARY_US_FED_STANCE fed funds"
	assert_line "INFLATION_BR_BOTTOMUP ok"
}

@test "-h prints usage; a write error exits 74" {
	run -0 "$BIN/step-agents" -h
	assert_output --partial "usage: step-agents"
	"$PY" "$TOP/tests/oracles/agents_state.py" 2024-01-15 > "$BATS_TEST_TMPDIR/in.json"
	run -74 --separate-stderr sh -c '"$0" < "$1" > /dev/full' "$BIN/step-agents" "$BATS_TEST_TMPDIR/in.json"
}

# real DATE: the research data ingested for DATE, then agents; prints the regime.
real_regime() {
	state_for "$1" | DAILY_CATALOGUE="$TOP/data/catalogue-research.tsv" \
	    DAILY_DATA_ROOT="$RESEARCH/data" "$BIN/step-ingest" > "$BATS_TEST_TMPDIR/in.json" || return 1
	"$BIN/step-agents" < "$BATS_TEST_TMPDIR/in.json" |
	    jq -r '"\(.agents.regime.label) \(.agents.regime.score)"'
}

@test "real data: risk-off in the weeks after 2008-09-15 and 2020-03-09" {
	require_research
	[ -f "$TOP/data/catalogue-research.tsv" ] || skip "no data/catalogue-research.tsv"
	[ -x "$BIN/step-ingest" ] || skip "no bin/step-ingest"
	local d r bad=""
	for d in 2008-09-19 2008-09-26 2008-10-03 2008-10-10 2020-03-13 2020-03-20 2020-03-27; do
		r=$(real_regime "$d") || fail "ingest failed for $d"
		[[ "$r" == RISK_OFF* ]] || bad+=" $d($r)"
	done
	[ -z "$bad" ] || fail "not risk-off:$bad"
	# The models on real data agree with the Python reference too.
	"$PY" "$TOP/tests/oracles/agents_models.py" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/want.json"
	"$BIN/step-agents" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/out.json"
	run -0 "$PY" "$TOP/tests/oracles/agents_models.py" --compare \
	    "$BATS_TEST_TMPDIR/want.json" "$BATS_TEST_TMPDIR/out.json"
	# A calm control: not every date is risk-off.
	r=$(real_regime 2019-06-14) || fail "ingest failed for 2019-06-14"
	[[ "$r" != RISK_OFF* ]] || fail "2019-06-14 called risk-off ($r)"
}

# real_agents DATE: the research data ingested for DATE, then agents, into $BATS_TEST_TMPDIR/ag.json.
real_agents() {
	state_for "$1" | DAILY_CATALOGUE="$TOP/data/catalogue-research.tsv" \
	    DAILY_DATA_ROOT="$RESEARCH/data" "$BIN/step-ingest" |
	    "$BIN/step-agents" > "$BATS_TEST_TMPDIR/ag.json"
}

# The 23 signals and the regime against main's output before the HMM's arithmetic was
# rearranged for speed (issue 11, docs/BENCH.md "step-agents speed"): saved by
# tests/oracles/agents_signals_match.py --save from main's step-agents at 9d66808 in
# tests/fixtures/agents/signals-main.json; directions and strengths exact, values and
# confidences to 1e-9 relative, regime probabilities to 2e-6 (rounded to 6 decimals).
SIGNALS_MAIN="$TOP/tests/fixtures/agents/signals-main.json"

@test "synthetic 2016-02-15 and 2024-01-15: the 23 signals and the regime match main's to 1e-9" {
	local d
	for d in 2016-02-15 2024-01-15; do
		synthetic "$d" > "$BATS_TEST_TMPDIR/in.json"
		"$BIN/step-agents" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/out.json"
		run -0 "$PY" "$TOP/tests/oracles/agents_signals_match.py" "synthetic-$d" \
		    "$BATS_TEST_TMPDIR/out.json" "$SIGNALS_MAIN"
	done
	# The comparison fails on a value moved by 1e-8 relative and on a flipped direction.
	jq '.agents.reports[4].signals[1].value *= (1 + 1e-8)' "$BATS_TEST_TMPDIR/out.json" \
	    > "$BATS_TEST_TMPDIR/bad.json"
	run -1 "$PY" "$TOP/tests/oracles/agents_signals_match.py" synthetic-2024-01-15 \
	    "$BATS_TEST_TMPDIR/bad.json" "$SIGNALS_MAIN"
	assert_output --partial "CROSSASSET_CORRELATION value"
	jq '.agents.reports[0].signals[0].direction = "NONE"' "$BATS_TEST_TMPDIR/out.json" \
	    > "$BATS_TEST_TMPDIR/bad.json"
	run -1 "$PY" "$TOP/tests/oracles/agents_signals_match.py" synthetic-2024-01-15 \
	    "$BATS_TEST_TMPDIR/bad.json" "$SIGNALS_MAIN"
	assert_output --partial "INFLATION_BR_PHILLIPS direction"
}

@test "real data 2008-10-10, 2017-07-14, 2020-03-16: the 23 signals and the regime match main's to 1e-9" {
	require_research
	[ -f "$TOP/data/catalogue-research.tsv" ] || skip "no data/catalogue-research.tsv"
	[ -x "$BIN/step-ingest" ] || skip "no bin/step-ingest"
	local d bad=""
	for d in 2008-10-10 2017-07-14 2020-03-16; do
		real_agents "$d" || fail "ingest or agents failed for $d"
		"$PY" "$TOP/tests/oracles/agents_signals_match.py" "research-$d" \
		    "$BATS_TEST_TMPDIR/ag.json" "$SIGNALS_MAIN" || bad+=" $d"
	done
	[ -z "$bad" ] || fail "differs from main's output on:$bad"
}

@test "real data: every regime component points to stress in 2008-10, 2011-08, 2015-09, 2020-03, 2022-06" {
	require_research
	[ -f "$TOP/data/catalogue-research.tsv" ] || skip "no data/catalogue-research.tsv"
	[ -x "$BIN/step-ingest" ] || skip "no bin/step-ingest"
	local d bad=""
	for d in 2008-10-10 2011-08-08 2015-09-24 2020-03-16 2022-06-16; do
		real_agents "$d" || fail "ingest or agents failed for $d"
		# The score is risk-off, and no component present says otherwise; the
		# Brazilian spread (EMBI before the CDS) is there on every date.
		jq -e '.agents.regime.label == "RISK_OFF" and .agents.regime.score > 0.3 and
		    (.agents.reports[4].signals[0].metadata.components |
		     .br_sovereign_spread != null and ([.[] | select(. != null)] | all(. > 0)))' \
		    "$BATS_TEST_TMPDIR/ag.json" > /dev/null ||
		    bad+=" $d$(jq -c '[.agents.regime.score, .agents.reports[4].signals[0].metadata.components]' "$BATS_TEST_TMPDIR/ag.json")"
	done
	[ -z "$bad" ] || fail "not risk-off in stress:$bad"
}

@test "real data: sentiment reaches SHORT in stress and LONG in calm; the HMM's stress state is named Stress" {
	require_research
	[ -f "$TOP/data/catalogue-research.tsv" ] || skip "no data/catalogue-research.tsv"
	[ -x "$BIN/step-ingest" ] || skip "no bin/step-ingest"
	real_agents 2008-10-10 || fail "ingest or agents failed"
	run -0 jq -r '.agents.reports[4].signals[2].direction, .agents.regime.hmm.stress.state,
	    .agents.regime.hmm.regime' "$BATS_TEST_TMPDIR/ag.json"
	assert_output $'SHORT\nStress\nStress'
	real_agents 2017-07-14 || fail "ingest or agents failed"
	run -0 jq -r '.agents.reports[4].signals[2].direction, .agents.regime.label,
	    .agents.regime.hmm.stress.state' "$BATS_TEST_TMPDIR/ag.json"
	assert_output $'LONG\nRISK_ON\nStress'
}

@test "every numeric literal of the agents, the aggregate, four strategies and common/domain.c has a listed source" {
	run -0 "$PY" "$TOP/tests/oracles/agents_constants.py" "$TOP"
	assert_output --regexp '^21 files, [0-9]+ listed literals$'
	# The check fails on an unlisted constant (a hard-coded target, say) and on a
	# listed one the code no longer uses.
	local t=$BATS_TEST_TMPDIR/top
	mkdir -p "$t/steps/agents" "$t/steps/aggregate" "$t/steps/strategies" "$t/tests/oracles" \
	    "$t/common"
	cp "$TOP/common/domain.c" "$t/common/"
	cp "$TOP"/steps/agents/*.c "$t/steps/agents/"
	cp "$TOP"/steps/aggregate/*.c "$t/steps/aggregate/"
	cp "$TOP"/steps/strategies/*.c "$t/steps/strategies/"
	cp "$TOP/tests/oracles/agents_constants.tsv" "$t/tests/oracles/"
	printf 'static const double target = 3.0 + 4.25;\n' >> "$t/steps/agents/monetary.c"
	run -1 "$PY" "$TOP/tests/oracles/agents_constants.py" "$t"
	assert_output "monetary.c: 4.25 not listed"
	printf 'inputs.c\t7.5\tnothing\n' >> "$t/tests/oracles/agents_constants.tsv"
	run -1 "$PY" "$TOP/tests/oracles/agents_constants.py" "$t"
	assert_line "inputs.c: 7.5 listed but not used"
}

