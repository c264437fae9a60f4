#!/usr/bin/env bats
# step-portfolio on stand-in states (tests/oracles/portfolio_state.py through
# step-strategies) and on the synthetic default; the risk parity against numpy,
# sklearn and scipy (tests/oracles/portfolio_rp.py); bad input. The allocator's
# arithmetic by hand is in tests/unit/test_portfolio.c.
load ../helpers

setup_file() {
	export STATE="$BATS_FILE_TMPDIR/strategies.json"
	"$PY" "$TOP/tests/oracles/portfolio_state.py" --seed 3 --regime 0.1 --conflict FX |
	    "$BIN/step-strategies" > "$STATE"
}

# stand_in ARGS...: a stand-in state with ARGS, through step-strategies, into $IN.
stand_in() {
	IN="$BATS_TEST_TMPDIR/in.json"
	"$PY" "$TOP/tests/oracles/portfolio_state.py" "$@" > "$BATS_TEST_TMPDIR/raw.json"
	"$BIN/step-strategies" < "$BATS_TEST_TMPDIR/raw.json" > "$IN"
}

@test "portfolio: -h prints usage on stdout" {
	run -0 --separate-stderr $VALGRIND "$BIN/step-portfolio" -h
	assert_output 'step-portfolio [-h] < state.json > state.json'
}

@test "portfolio: risk parity equals the numpy/sklearn/scipy oracle" {
	"$PY" -c 'import sklearn, scipy' 2>/dev/null || skip "no sklearn/scipy"
	"$BIN/step-portfolio" < "$STATE" > "$BATS_TEST_TMPDIR/out.json"
	run -0 "$PY" "$TOP/tests/oracles/portfolio_rp.py" < "$BATS_TEST_TMPDIR/out.json"
	refute_output --partial FAIL
	run -0 jq -r '.portfolio.method' "$BATS_TEST_TMPDIR/out.json"
	assert_output risk_parity
}

@test "portfolio: the Ledoit-Wolf fixture is what sklearn gives today" {
	"$PY" -c 'import sklearn' 2>/dev/null || skip "no sklearn"
	"$PY" "$TOP/tests/oracles/portfolio_ledoitwolf.py" "$BATS_TEST_TMPDIR/lw.txt"
	cmp "$BATS_TEST_TMPDIR/lw.txt" "$TOP/tests/fixtures/portfolio/ledoitwolf_cases.txt"
}

@test "portfolio: STATE.md keys, leverage detail, exposures add up" {
	run -0 --separate-stderr $VALGRIND "$BIN/step-portfolio" < "$STATE"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -e '.portfolio | has("weights") and has("instruments") and has("method") and
	    has("covariance") and has("regime") and has("regime_score") and has("regime_scale") and
	    has("gross_leverage") and has("net_leverage") and has("long_exposure") and
	    has("short_exposure") and has("asset_class_exposure") and has("constraints") and
	    has("trades") and has("previous_weights_source") and has("rebalance_needed")' \
	    "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -r '.portfolio.summary.detail' "$BATS_TEST_TMPDIR/out.json"
	assert_output --regexp '^leverage: [0-9]+\.[0-9]x$'
	run -0 jq -e '.portfolio | ([.weights[] | fabs] | add) as $g |
	    (($g - .gross_leverage) | fabs) < 1e-12 and
	    ((.long_exposure - .short_exposure - .net_leverage) | fabs) < 1e-12 and
	    (([.asset_class_exposure[]] | add) - $g | fabs) < 1e-12 and
	    ([.constraints[].name] == ["max_single_position","max_asset_class_concentration","max_leverage"])' \
	    "$BATS_TEST_TMPDIR/out.json"
}

@test "portfolio: conflict dampening applies to the conflicting class only" {
	run -0 jq -e '[.strategies.positions[].legs[].instrument] | index("USDBRL") != null' "$STATE"
	"$BIN/step-portfolio" < "$STATE" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -e '[.portfolio.instruments[] | (.asset_class == "FX") == .conflict_dampened] | all' \
	    "$BATS_TEST_TMPDIR/out.json"
}

@test "portfolio: regime scale follows aggregate.regime.score" {
	for pair in "0.31 RISK_OFF 0.4" "0.3 NEUTRAL 0.7" "-0.31 RISK_ON 1"; do
		set -- $pair
		jq ".aggregate.regime.score = $1" "$STATE" > "$BATS_TEST_TMPDIR/in.json"
		run -0 --separate-stderr "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
		echo "$output" > "$BATS_TEST_TMPDIR/out.json"
		run -0 jq -r '"\(.portfolio.regime) \(.portfolio.regime_scale)"' "$BATS_TEST_TMPDIR/out.json"
		assert_output "$2 $3"
	done
}

@test "portfolio: a tight leverage limit binds and holds" {
	jq '.config.portfolio = {max_leverage: 0.2}' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -0 --separate-stderr "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -e '.portfolio | .gross_leverage <= 0.2 + 1e-12 and .constraints[2].binding' \
	    "$BATS_TEST_TMPDIR/out.json"
}

@test "portfolio: previous run's file: no drift, no trades; unreadable file warns" {
	"$BIN/step-portfolio" < "$STATE" > "$BATS_TEST_TMPDIR/prev.json"
	jq --arg f "$BATS_TEST_TMPDIR/prev.json" '.config.previous_portfolio_file = $f' "$STATE" \
	    > "$BATS_TEST_TMPDIR/in.json"
	run -0 --separate-stderr "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '.portfolio | [.previous_weights_source, .rebalance_needed, .trades]' \
	    "$BATS_TEST_TMPDIR/out.json"
	assert_output '["run",false,[]]'
	jq '.config.previous_portfolio_file = "/nonexistent/run.json"' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -0 --separate-stderr "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
	[[ "$stderr" == "portfolio: warning: ignoring previous portfolio '/nonexistent/run.json'"* ]]
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -r '.portfolio.previous_weights_source' "$BATS_TEST_TMPDIR/out.json"
	assert_output none
}

@test "portfolio: config.previous_weights gives trades of at least min_trade" {
	jq '.config.previous_weights = {"IBOVESPA": 0.2, "DI_1Y": 0.001}' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -0 --separate-stderr "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -e '.portfolio | .previous_weights_source == "config" and .rebalance_needed and
	    (.trades | all(.delta | fabs >= 0.01)) and
	    (.trades | map(select(.instrument == "IBOVESPA")) | .[0].to == 0)' "$BATS_TEST_TMPDIR/out.json"
}

@test "portfolio: nulls in the returns: short gaps carried, long gaps drop days" {
	stand_in --seed 3 --null USDBRL:300:2 --null BR_DI_1Y:400:20 --null BR_DI_2Y:400:20 \
	    --null BR_DI_5Y:400:20
	run -0 --separate-stderr "$BIN/step-portfolio" < "$IN"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	# 20 missing business days exceed the 10-day carry: those returns are NaN and the
	# days leave the sample for every instrument; 2 days are carried forward.
	run -0 jq -e '.portfolio.covariance.observations < 755 and
	    .portfolio.covariance.observations > 700 and
	    ([.portfolio.weights[]] | all(type == "number"))' "$BATS_TEST_TMPDIR/out.json"
}

@test "portfolio: fewer than 60 aligned days falls back to equal risk" {
	stand_in --seed 3 --days 45
	run -0 --separate-stderr "$BIN/step-portfolio" < "$IN"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -r '.portfolio | "\(.method) \(.covariance.basis) \(.covariance.shrinkage)"' \
	    "$BATS_TEST_TMPDIR/out.json"
	assert_output --regexp '^equal_risk (inverse_vol|equal_weight) null$'
}

@test "portfolio: no positions gives an empty, valid portfolio" {
	jq '.strategies.positions = []' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -0 --separate-stderr "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '.portfolio | [.weights, .gross_leverage, .summary.detail]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[{},0,"leverage: 0.0x"]'
}

@test "portfolio: missing aggregate or strategies exit 65 naming the path" {
	jq 'del(.aggregate)' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr $VALGRIND "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "portfolio: fatal: missing field 'aggregate'"
	assert_output ''
	jq 'del(.strategies)' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "portfolio: fatal: missing field 'strategies.positions'"
}

@test "portfolio: malformed legs and config exit 65 with the path" {
	jq '.strategies.positions[0].legs[0].instrument = "DI_3Y"' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "portfolio: fatal: unknown instrument 'DI_3Y' in 'strategies.positions[0].legs[0]'"
	jq '.strategies.positions[0].legs[0].weight = null' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "portfolio: fatal: non-numeric field 'strategies.positions[0].legs[0].weight'"
	jq '.config.previous_weights = {"DI_1Y": "x"}' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "portfolio: fatal: non-numeric field 'config.previous_weights.DI_1Y'"
	jq '.config.portfolio.max_leverage = -1' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
	[[ "$stderr" == *"'config.portfolio.max_leverage'"* ]]
}

@test "portfolio: byte-identical output on the same input" {
	"$BIN/step-portfolio" < "$STATE" > "$BATS_TEST_TMPDIR/a.json"
	"$BIN/step-portfolio" < "$STATE" > "$BATS_TEST_TMPDIR/b.json"
	cmp "$BATS_TEST_TMPDIR/a.json" "$BATS_TEST_TMPDIR/b.json"
}

@test "portfolio: synthetic default, ten dates 2010-2024, within limits, deterministic" {
	for s in ingest quality agents aggregate; do
		[ -x "$BIN/step-$s" ] || skip "step-$s not built yet"
	done
	for d in 2010-03-15 2011-09-14 2013-06-19 2015-09-24 2016-12-15 2018-05-28 \
	    2020-03-18 2021-10-20 2022-11-09 2024-06-28; do
		f=$(pipeline_to "$d" portfolio)
		run -0 jq -e '.portfolio | .gross_leverage <= 3 and
		    ([.weights[] | fabs <= 0.25 + 1e-12] | all) and
		    ([.asset_class_exposure[] | . <= 0.5 + 1e-12] | all) and
		    (.summary.detail | test("^leverage: [0-9.]+x$"))' "$f"
		"$BIN/step-portfolio" < "$BATS_FILE_TMPDIR/$d-strategies.json" > "$BATS_TEST_TMPDIR/again.json"
		cmp "$f" "$BATS_TEST_TMPDIR/again.json"
	done
}

@test "portfolio: a write error exits 74" {
	run -74 --separate-stderr bash -c '"$BIN/step-portfolio" < "$STATE" > /dev/full'
}

# The fixture table (docs/STYLE.md R40): see fixture_table in tests/helpers.bash.
@test "portfolio: fixture table" {
	fixture_table portfolio
}
