#!/usr/bin/env bats
# step-portfolio on stand-in states (tests/oracles/portfolio_state.py through
# step-strategies) and on the synthetic default; the package risk budgets, the
# vol target and the DV01 against numpy, sklearn and scipy
# (tests/oracles/portfolio_budget.py); DV01-neutral packages; bad input. The
# allocator's arithmetic by hand is in tests/unit/test_portfolio.c.
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
	assert_output 'usage: step-portfolio [-h] < state.json > state.json'
}

@test "portfolio: package risk budgets equal the numpy/sklearn/scipy oracle" {
	"$PY" -c 'import sklearn, scipy' 2>/dev/null || skip "no sklearn/scipy"
	"$BIN/step-portfolio" < "$STATE" > "$BATS_TEST_TMPDIR/out.json"
	run -0 "$PY" "$TOP/tests/oracles/portfolio_budget.py" < "$BATS_TEST_TMPDIR/out.json"
	refute_output --partial FAIL
	run -0 jq -r '.portfolio.method' "$BATS_TEST_TMPDIR/out.json"
	assert_output risk_budget
	run -0 jq -r ".portfolio.covariance | \"\\(.method) \\(.basis) \\(.half_life)\"" "$BATS_TEST_TMPDIR/out.json"
	assert_output "riskcov erc_riskcov 90"
	# Configured budgets: RATES_BR_02 gets 3 times the others.
	jq '.config.portfolio.budgets = {"RATES_BR_02": 3}' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	"$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/out.json"
	run -0 "$PY" "$TOP/tests/oracles/portfolio_budget.py" < "$BATS_TEST_TMPDIR/out.json"
	refute_output --partial FAIL
}

@test "portfolio: with no limit binding the ex-ante vol is the target within 1 %" {
	"$PY" -c 'import sklearn, scipy' 2>/dev/null || skip "no sklearn/scipy"
	for pair in "-0.5 0.10" "0.5 0.10" "0 0.02" "-0.5 0.005"; do
		set -- $pair
		# Notional caps out of the way: the vol target alone sizes the book.
		jq ".aggregate.conflict_classes = [] | .aggregate.regime.score = $1 |
		    .config.portfolio = {target_vol: $2, max_notional: {rate: 50},
		    max_class_notional: {rate: 150}}" "$STATE" > "$BATS_TEST_TMPDIR/in.json"
		"$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/out.json"
		run -0 "$PY" "$TOP/tests/oracles/portfolio_budget.py" < "$BATS_TEST_TMPDIR/out.json"
		refute_output --partial FAIL
		refute_output --partial "limits or dampening"
	done
	# The allocator's sizes sum to 1: at 10 % the book is scaled up, at 0.5 % down.
	run -0 jq -e '.portfolio.sizing.scale < 1' "$BATS_TEST_TMPDIR/out.json"
	jq '.aggregate.regime.score = -0.5 | .config.portfolio.target_vol = 0.10' "$STATE" |
	    "$BIN/step-portfolio" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -e '.portfolio.sizing.scale > 1' "$BATS_TEST_TMPDIR/out.json"
}

# dv01_state FILTER: $STATE with DV01-neutral packages (legs 1/D, D = t/(1+y) at
# the last DI levels: DESK formula) through jq FILTER into $IN.
dv01_state() {
	IN="$BATS_TEST_TMPDIR/in.json"
	jq --argjson conf "$1" '
	    def d(t; id): t / (1 + (.ingest.series[id].values | last) / 100);
	    def pos(sid; a; ta; b; tb): {strategy_id: sid, confidence: 1, strength: "STRONG",
	        legs: [{instrument: a, weight: (1 / d(ta; "BR_" + a))},
	               {instrument: b, weight: (-1 / d(tb; "BR_" + b))}]};
	    .strategies.positions = [pos("STEEP"; "DI_2Y"; 2; "DI_5Y"; 5),
	        pos("FLAT"; "DI_5Y"; 5; "DI_10Y"; 10),
	        {strategy_id: "FX", confidence: 1, strength: "STRONG",
	         legs: [{instrument: "USDBRL", weight: 1}]}] |
	    .aggregate.conflict_classes = [] | .config.portfolio = $conf' "$STATE" > "$IN"
}

@test "portfolio: opposite views on one instrument net their budgets before the allocation" {
	# Receive DI_1Y with budget 1, pay it with 0.5 and 0.44 (confidence x STRONG):
	# one group of net budget 0.06; its packages share the group's size by budget,
	# so the netted DI_1Y is 0.06/1.94 of their gross; the vol target keeps
	# (0.06 + 1)/(1 + 0.5 + 0.44 + 1) of the budget (USDBRL is the other package).
	jq '.strategies.positions = [
	      {strategy_id: "R", confidence: 1, strength: "STRONG",
	       legs: [{instrument: "DI_1Y", weight: 0.7}]},
	      {strategy_id: "P1", confidence: 0.5, strength: "STRONG",
	       legs: [{instrument: "DI_1Y", weight: -0.5}]},
	      {strategy_id: "P2", confidence: 0.44, strength: "STRONG",
	       legs: [{instrument: "DI_1Y", weight: -1}]},
	      {strategy_id: "FX", confidence: 1, strength: "STRONG",
	       legs: [{instrument: "USDBRL", weight: 1}]}] |
	    .aggregate.conflict_classes = [] | .aggregate.regime.score = -0.5' "$STATE" \
	    > "$BATS_TEST_TMPDIR/in.json"
	run -0 --separate-stderr "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -e 'def near(a; b): ((a - b) | fabs) <= 1e-9;
	    .portfolio as $p | [$p.packages[0:3][] | .size] as $s |
	    ([$p.packages[0:3][] | .group] | unique | length) == 1 and
	    $p.packages[3].group != $p.packages[0].group and
	    near($p.sizing.budget_kept; 1.06 / 2.94) and
	    near($s[1] / $s[0]; 0.5) and near($s[2] / $s[0]; 0.44) and
	    near($p.weights.DI_1Y / ($s | add); 0.06 / 1.94) and
	    near($p.sizing.vol_sized; 0.1 * 1.06 / 2.94)' "$BATS_TEST_TMPDIR/out.json"
}

@test "portfolio: DV01-neutral packages stay neutral after allocation, limits and netting" {
	for conf in '{}' '{"max_notional": {"rate": 0.3}}' '{"max_class_notional": {"rate": 0.5}}'; do
		dv01_state "$conf"
		run -0 --separate-stderr "$BIN/step-portfolio" < "$IN"
		echo "$output" > "$BATS_TEST_TMPDIR/out.json"
		# Netting: DI_5Y is a leg of both packages; |net DV01| <= 5 % of one leg's.
		run -0 jq -e '.portfolio as $p |
		    ($p.instruments[] | select(.instrument == "DI_2Y") | .dv01_brl | fabs) as $leg |
		    $leg > 0 and ($p.totals.dv01_brl | fabs) <= 0.05 * $leg and
		    ([$p.instruments[] | select(.instrument == "DI_5Y") | .contributors | length]
		     == [2])' "$BATS_TEST_TMPDIR/out.json"
	done
	# The last two configurations bind: the cut is reported in NAV and in vol.
	run -0 jq -e '.portfolio.constraints[1] | .binding and .cut_notional > 0 and
	    .cut_vol > 0 and .cut_notional_brl == .cut_notional * 1e9' "$BATS_TEST_TMPDIR/out.json"
}

@test "portfolio: the Ledoit-Wolf fixture is what sklearn gives today (to 1e-12 relative)" {
	"$PY" -c 'import sklearn' 2>/dev/null || skip "no sklearn"
	"$PY" "$TOP/tests/oracles/portfolio_ledoitwolf.py" "$BATS_TEST_TMPDIR/lw.txt"
	numdiff "$BATS_TEST_TMPDIR/lw.txt" "$TOP/tests/fixtures/portfolio/ledoitwolf_cases.txt"
	# the comparison itself can fail: one number moved by 1e-9 relative is caught
	awk 'NR == 2 { $1 = sprintf("%.17g", $1 * (1 + 1e-9)) } 1' "$BATS_TEST_TMPDIR/lw.txt" \
	    > "$BATS_TEST_TMPDIR/moved.txt"
	run -1 numdiff "$BATS_TEST_TMPDIR/moved.txt" "$TOP/tests/fixtures/portfolio/ledoitwolf_cases.txt"
}

@test "portfolio: STATE.md keys, leverage detail, exposures add up" {
	run -0 --separate-stderr $VALGRIND "$BIN/step-portfolio" < "$STATE"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -e '.portfolio | has("weights") and has("instruments") and has("method") and
	    has("packages") and has("totals") and has("sizing") and
	    has("covariance") and has("regime") and has("regime_score") and has("regime_scale") and
	    has("gross_leverage") and has("net_leverage") and has("long_exposure") and
	    has("short_exposure") and has("asset_class_exposure") and has("constraints") and
	    has("trades") and has("previous_weights_source") and has("rebalance_needed")' \
	    "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -r '.portfolio.summary.detail' "$BATS_TEST_TMPDIR/out.json"
	assert_output --regexp '^[0-9]+ strategy positions -> [0-9]+ instruments, leverage [0-9]+\.[0-9]+x$'
	# it counts what it says: the positions in, the non-zero weights out (docs/DOMAIN.md)
	run -0 jq -e '(.portfolio.summary.detail | capture("^(?<p>[0-9]+) strategy positions -> (?<i>[0-9]+) instruments")) as $d |
	    ($d.p | tonumber) == (.strategies.positions | length) and
	    ($d.i | tonumber) == ([.portfolio.weights[] | select(. != 0)] | length) and
	    ($d.i | tonumber) == .portfolio.summary.positions' "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -e '.portfolio | ([.weights[] | fabs] | add) as $g |
	    (($g - .gross_leverage) | fabs) < 1e-12 and
	    ((.long_exposure - .short_exposure - .net_leverage) | fabs) < 1e-12 and
	    (([.asset_class_exposure[]] | add) - $g | fabs) < 1e-12 and
	    ([.constraints[].name] == ["max_notional","max_class_notional","max_gross_notional",
	      "max_risk_share"]) and
	    (.totals.gross_notional_brl - $g * 1e9 | fabs) < 1e-3 and
	    ((.totals.dv01_by_bucket_brl | [.[]] | add) - .totals.dv01_brl | fabs) < 1e-6' \
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
	run -0 jq -e '.portfolio | (.gross_leverage - 0.2 | fabs) < 1e-9 and .constraints[2].binding
	    and .constraints[2].cut_notional > 0 and .constraints[2].cut_vol > 0' \
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
	assert_output '[{},0,"0 strategy positions -> 0 instruments, leverage 0.0x"]'
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

@test "portfolio: malformed legs exit 65, bad config 78, with the path" {
	jq '.strategies.positions[0].legs[0].instrument = "DI_3Y"' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "portfolio: fatal: unknown instrument 'DI_3Y' in 'strategies.positions[0].legs[0]'"
	jq '.strategies.positions[0].legs[0].weight = null' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "portfolio: fatal: non-numeric field 'strategies.positions[0].legs[0].weight'"
	jq '.config.previous_weights = {"DI_1Y": "x"}' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -78 --separate-stderr "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "portfolio: fatal: config.previous_weights.DI_1Y: expected a number, found a string"
	jq '.config.portfolio.max_leverage = -1' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -78 --separate-stderr "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "portfolio: fatal: config.portfolio.max_leverage: -1 is out of range [1e-09, 1000]"
	jq '.config.portfolio.max_notional.rate = "5"' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -78 --separate-stderr "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "portfolio: fatal: config.portfolio.max_notional.rate: expected a number, found a string"
	jq '.config.portfolio.budgets = {"RATES_BR_01": 0}' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -78 --separate-stderr "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "portfolio: fatal: config.portfolio.budgets.RATES_BR_01: 0 is out of range (0, inf)"
	jq '.config.portfolio.max_levrage = 2' "$STATE" > "$BATS_TEST_TMPDIR/in.json"
	run -78 --separate-stderr "$BIN/step-portfolio" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "portfolio: fatal: config.portfolio.max_levrage: unknown key"
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
		# Default caps by kind (x NAV, docs/STRATEGIES.md): rates 5, spread 2, fx 1,
		# equity 0.5, inflation 3 per instrument; gross 20.
		run -0 jq -e '{"rate": 5, "spread": 2, "fx": 1, "equity": 0.5, "inflation": 3} as $cap |
		    .portfolio | .gross_leverage <= 20 * (1 + 1e-9) and
		    ([.instruments[] | (.held_weight | fabs) <= $cap[.kind] * (1 + 1e-9)] | all) and
		    (.summary.detail | test("^[0-9]+ strategy positions -> [0-9]+ instruments, leverage [0-9.]+x$"))' "$f"
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
