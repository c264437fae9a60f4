#!/usr/bin/env bats
# step-strategies: the eight strategies on a stand-in state (tests/oracles/
# portfolio_state.py) and on the synthetic default; bad input. The entry rules at
# their thresholds are in tests/unit/test_strategies.c.
load ../helpers

setup_file() {
	export STATE="$BATS_FILE_TMPDIR/state.json"
	"$PY" "$TOP/tests/oracles/portfolio_state.py" > "$STATE"
}

@test "strategies: -h prints usage on stdout; a bad option exits 64" {
	run -0 --separate-stderr $VALGRIND "$BIN/step-strategies" -h
	assert_output 'usage: step-strategies [-h] < state.json > state.json'
	run -64 --separate-stderr "$BIN/step-strategies" -x
	assert_output ''
	[[ "$stderr" == *"usage: step-strategies [-h]"* ]]
}

@test "strategies: one diagnostics entry per strategy, detail, pass-through" {
	run -0 --separate-stderr $VALGRIND "$BIN/step-strategies" < "$STATE"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -r '[.strategies.diagnostics[].strategy_id] | join(" ")' "$BATS_TEST_TMPDIR/out.json"
	assert_output 'RATES_BR_01 RATES_BR_02 RATES_BR_03 RATES_BR_04 INF_BR_01 FX_BR_01 CUPOM_01 SOV_BR_01'
	run -0 jq -r '.strategies.summary.detail' "$BATS_TEST_TMPDIR/out.json"
	assert_output --regexp '^8 strategies, [0-9]+ strategy positions$'
	run -0 jq -e '(.strategies.positions | length) == .strategies.summary.positions' "$BATS_TEST_TMPDIR/out.json"
	# Everything else passes through untouched.
	run -0 jq -S 'del(.strategies)' "$BATS_TEST_TMPDIR/out.json"
	diff <(echo "$output") <(jq -S . "$STATE")
}

@test "strategies: positions carry legs of known instruments and consistent fields" {
	"$BIN/step-strategies" < "$STATE" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -e '[.strategies.positions[] |
	    (.legs | length) >= 1 and
	    (.legs | all(.instrument | IN("DI_1Y","DI_2Y","DI_5Y","DI_10Y","NTNB_5Y",
	        "BREAKEVEN_2Y","USDBRL","CDS_BR_5Y","IBOVESPA","UST_2Y","UST_10Y"))) and
	    ((.legs | map(.weight | fabs) | add) - (.weight | fabs) | fabs) < 1e-12 and
	    ((.direction == "LONG") == (.weight > 0)) and
	    (.strength | IN("STRONG","MODERATE","WEAK")) and
	    (.stop_loss != .take_profit) and (.horizon_days > 0)] | all' "$BATS_TEST_TMPDIR/out.json"
}

@test "strategies: byte-identical output on the same input" {
	"$BIN/step-strategies" < "$STATE" > "$BATS_TEST_TMPDIR/a.json"
	"$BIN/step-strategies" < "$STATE" > "$BATS_TEST_TMPDIR/b.json"
	cmp "$BATS_TEST_TMPDIR/a.json" "$BATS_TEST_TMPDIR/b.json"
}

@test "strategies: an absent series gives no position and a reason, exit 0" {
	"$PY" "$TOP/tests/oracles/portfolio_state.py" --drop BR_FOCUS_IPCA_12M > "$BATS_TEST_TMPDIR/in.json"
	run -0 --separate-stderr $VALGRIND "$BIN/step-strategies" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -r '.strategies.diagnostics[] | select(.strategy_id == "RATES_BR_02" or
	    .strategy_id == "INF_BR_01") | "\(.status): \(.reason)"' "$BATS_TEST_TMPDIR/out.json"
	assert_output "no_data: series 'BR_FOCUS_IPCA_12M' absent
no_data: series 'BR_FOCUS_IPCA_12M' absent"
	run -0 jq -e '[.strategies.positions[].strategy_id] | index("RATES_BR_02") == null' "$BATS_TEST_TMPDIR/out.json"
}

@test "strategies: missing aggregate exits 65 naming the path" {
	jq 'del(.aggregate)' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr $VALGRIND "$BIN/step-strategies" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "strategies: fatal: missing field 'aggregate'"
	assert_output ''
}

@test "strategies: missing regime score, agents or ingest exit 65" {
	jq 'del(.aggregate.regime.score)' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr "$BIN/step-strategies" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "strategies: fatal: missing field 'aggregate.regime.score'"
	jq 'del(.agents)' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr "$BIN/step-strategies" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "strategies: fatal: missing field 'agents.reports'"
	jq 'del(.ingest)' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr "$BIN/step-strategies" < "$BATS_TEST_TMPDIR/in.json"
	assert_output ''
}

@test "strategies: malformed JSON exits 65, a wrong-typed or unknown config key 78" {
	printf '{"as_of":"2024-01-15",' > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr "$BIN/step-strategies" < "$BATS_TEST_TMPDIR/in.json"
	assert_output ''
	jq '.config.strategies.RATES_BR_02.gap_threshold_bps = "x"' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -78 --separate-stderr "$BIN/step-strategies" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "strategies: fatal: config.strategies.RATES_BR_02.gap_threshold_bps: expected a number, found a string"
	assert_output ''
	jq '.config.strategies.FX_BR_01.comp_threshold = 1' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -78 --separate-stderr "$BIN/step-strategies" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "strategies: fatal: config.strategies.FX_BR_01.comp_threshold: 1 is out of range (0, 1)"
	jq '.config.strategies.FX_BR_01.z_threshold = 1' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -78 --separate-stderr "$BIN/step-strategies" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "strategies: fatal: config.strategies.FX_BR_01.z_threshold: unknown key"
	jq '.config.strategies.FX_BR_02 = {}' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -78 --separate-stderr "$BIN/step-strategies" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "strategies: fatal: config.strategies.FX_BR_02: unknown key"
}

@test "strategies: a null in a history is skipped, not read as zero" {
	"$PY" "$TOP/tests/oracles/portfolio_state.py" --null BR_DI_5Y:700:5 > "$BATS_TEST_TMPDIR/in.json"
	run -0 --separate-stderr "$BIN/step-strategies" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	# Five fewer slope points than the 756 of the full state.
	run -0 jq -r '.strategies.diagnostics[2].inputs.observations' "$BATS_TEST_TMPDIR/out.json"
	assert_output 751
}

@test "strategies: synthetic default, ten dates 2010-2024, deterministic" {
	for s in ingest quality agents aggregate; do
		[ -x "$BIN/step-$s" ] || skip "step-$s not built yet"
	done
	for d in 2010-03-15 2011-09-14 2013-06-19 2015-09-24 2016-12-15 2018-05-28 \
	    2020-03-18 2021-10-20 2022-11-09 2024-06-28; do
		f=$(pipeline_to "$d" strategies)
		run -0 jq -r '"\(.strategies.summary.detail) \(.strategies.diagnostics | length)"' "$f"
		assert_output --regexp '^8 strategies, [0-9]+ strategy positions 8$'
		"$BIN/step-strategies" < "$BATS_FILE_TMPDIR/$d-aggregate.json" > "$BATS_TEST_TMPDIR/again.json"
		cmp "$f" "$BATS_TEST_TMPDIR/again.json"
	done
}

@test "strategies: a write error exits 74" {
	run -74 --separate-stderr bash -c '"$BIN/step-strategies" < "$STATE" > /dev/full'
}

# The fixture table (docs/STYLE.md R40): see fixture_table in tests/helpers.bash.
@test "strategies: fixture table" {
	fixture_table strategies
}

# The position lifecycle (docs/STRATEGIES.md "Position lifecycle"); the exits on
# hand-built paths are in tests/unit/test_strategies.c.
@test "strategies: stops and targets of opened packages equal the oracle's (sigma of 63 changes)" {
	for f in "$TOP/tests/fixtures/strategies/ok.in.json" "$STATE"; do
		"$BIN/step-strategies" < "$f" > "$BATS_TEST_TMPDIR/out.json"
		run -0 jq '[.strategies.packages[] | select(.package_status == "opened")] | length' \
		    "$BATS_TEST_TMPDIR/out.json"
		[ "$output" -ge 1 ]
		run -0 "$PY" "$TOP/tests/oracles/strategies_stops.py" < "$BATS_TEST_TMPDIR/out.json"
		echo "$output"
		awk '$1 == "maxdiff" { exit !($2 < 1e-12) }' <<< "$output"
	done
}

@test "strategies: an entry survives ten chained runs through config.previous_portfolio_file" {
	for s in ingest quality agents aggregate; do
		[ -x "$BIN/step-$s" ] || skip "step-$s not built yet"
	done
	local prev="" d i=0
	for d in 2016-02-01 2016-02-02 2016-02-03 2016-02-04 2016-02-05 2016-02-08 \
	    2016-02-09 2016-02-10 2016-02-11 2016-02-12 2016-02-15; do
		f=$(pipeline_to "$d" aggregate)
		jq --arg p "$prev" 'if $p != "" then .config.previous_portfolio_file = $p else . end' \
		    "$f" > "$BATS_TEST_TMPDIR/in.json"
		"$BIN/step-strategies" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/s$i.json"
		prev="$BATS_TEST_TMPDIR/s$i.json"
		i=$((i + 1))
	done
	# The package opened on the first run, as it is on each of the ten later ones.
	jq -c '.strategies.packages[] | select(.package_status == "opened") |
	    {strategy_id, instrument, entry_date, entry_level, entry_weight, stop_loss, take_profit}' \
	    "$BATS_TEST_TMPDIR/s0.json" > "$BATS_TEST_TMPDIR/first"
	[ -s "$BATS_TEST_TMPDIR/first" ]
	for i in 1 2 3 4 5 6 7 8 9 10; do
		jq -c --slurpfile f "$BATS_TEST_TMPDIR/first" '.strategies.packages[] |
		    select(.package_status == "held" and .entry_date == "2016-02-01") |
		    {strategy_id, instrument, entry_date, entry_level, entry_weight, stop_loss,
		     take_profit}' "$BATS_TEST_TMPDIR/s$i.json" > "$BATS_TEST_TMPDIR/now"
		diff "$BATS_TEST_TMPDIR/first" "$BATS_TEST_TMPDIR/now"
		run -0 jq -e '.strategies.summary.lifecycle | startswith("lifecycle from ")' \
		    "$BATS_TEST_TMPDIR/s$i.json"
	done
	# Held packages are positions with the entry size; closed ones never are.
	run -0 jq -e '(.strategies.positions | length) as $n |
	    [.strategies.packages[] | select(.package_status != "closed")] | length == $n' \
	    "$BATS_TEST_TMPDIR/s10.json"
}

@test "strategies: without a readable previous run every package is new, and the summary says so" {
	run -0 --separate-stderr "$BIN/step-strategies" < "$STATE"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -r '.strategies.summary.lifecycle' "$BATS_TEST_TMPDIR/out.json"
	assert_output 'no previous run (config.previous_portfolio_file not set): all packages are new'
	jq '.config.previous_portfolio_file = "/nonexistent/06-portfolio.json"' "$STATE" \
	    > "$BATS_TEST_TMPDIR/in.json"
	run -0 --separate-stderr "$BIN/step-strategies" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -r '.strategies.summary.lifecycle' "$BATS_TEST_TMPDIR/out.json"
	assert_output 'previous run /nonexistent/06-portfolio.json unreadable (No such file or directory): all packages are new'
	run -0 jq -e '[.strategies.packages[].package_status] | all(. == "opened")' \
	    "$BATS_TEST_TMPDIR/out.json"
}

@test "strategies: a malformed previous run exits 65 naming the path, nothing written" {
	printf '{"as_of":"2023-06-29",' > "$BATS_TEST_TMPDIR/prev.json"
	jq --arg p "$BATS_TEST_TMPDIR/prev.json" '.config.previous_portfolio_file = $p' \
	    "$TOP/tests/fixtures/strategies/ok.in.json" > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr "$BIN/step-strategies" < "$BATS_TEST_TMPDIR/in.json"
	assert_output ''
	[[ "$stderr" == "strategies: fatal: $BATS_TEST_TMPDIR/prev.json: malformed previous run: "* ]]
	# A package without its entry level.
	"$BIN/step-strategies" < "$TOP/tests/fixtures/strategies/ok.in.json" |
	    jq '.as_of = "2023-06-29" | del(.strategies.packages[0].entry_level)' \
	    > "$BATS_TEST_TMPDIR/prev.json"
	run -65 --separate-stderr "$BIN/step-strategies" < "$BATS_TEST_TMPDIR/in.json"
	assert_output ''
	assert_equal "$stderr" "strategies: fatal: $BATS_TEST_TMPDIR/prev.json: strategies.packages[0].entry_level: missing or not a number"
	# A previous run dated on or after as_of.
	"$BIN/step-strategies" < "$TOP/tests/fixtures/strategies/ok.in.json" > "$BATS_TEST_TMPDIR/prev.json"
	run -65 --separate-stderr "$BIN/step-strategies" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "strategies: fatal: $BATS_TEST_TMPDIR/prev.json: as_of 2023-06-30 is not before this run's"
}
