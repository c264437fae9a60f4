#!/usr/bin/env bats
# step-risk: VaR/CVaR against numpy/scipy/scikit-learn (tests/oracles/risk_var.py),
# determinism, the ingest path, and bad input (exit 65 and 78).
load ../helpers

setup_file() {
	[ -x "$BIN/step-risk" ] || return 0
	$PY "$TOP/tests/oracles/risk_gen.py" 5 800 7 > "$BATS_FILE_TMPDIR/k5.json"
	$PY "$TOP/tests/oracles/risk_gen.py" 12 300 3 > "$BATS_FILE_TMPDIR/k12.json"
}

setup() {
	[ -x "$BIN/step-risk" ] || skip "bin/step-risk not built"
	K5="$BATS_FILE_TMPDIR/k5.json"
	K12="$BATS_FILE_TMPDIR/k12.json"
}

# risk_with FILTER: k5 state transformed by jq FILTER, into $BATS_TEST_TMPDIR/in.json.
risk_with() {
	jq "$1" "$K5" > "$BATS_TEST_TMPDIR/in.json"
}

@test "risk: VaR, CVaR, components and Monte Carlo match numpy/sklearn (756 obs)" {
	run -0 --separate-stderr $VALGRIND "$BIN/step-risk" < "$K5"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 $PY "$TOP/tests/oracles/risk_var.py" "$K5" "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -r '.risk.var.historical.method' "$BATS_TEST_TMPDIR/out.json"
	assert_output historical
}

@test "risk: under 756 observations the historical slot falls back to parametric" {
	run -0 --separate-stderr $VALGRIND "$BIN/step-risk" < "$K12"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 $PY "$TOP/tests/oracles/risk_var.py" "$K12" "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -r '.risk.var.historical.warning' "$BATS_TEST_TMPDIR/out.json"
	assert_output "Insufficient history (n < 756). Falling back to parametric VaR."
}

@test "risk: same input and seed give byte-identical output; another seed moves only MC" {
	"$BIN/step-risk" < "$K5" > "$BATS_TEST_TMPDIR/a.json"
	"$BIN/step-risk" < "$K5" > "$BATS_TEST_TMPDIR/b.json"
	run -0 cmp "$BATS_TEST_TMPDIR/a.json" "$BATS_TEST_TMPDIR/b.json"
	risk_with '.config.risk.seed = 7'
	"$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/c.json"
	run -0 jq -n --slurpfile a "$BATS_TEST_TMPDIR/a.json" --slurpfile c "$BATS_TEST_TMPDIR/c.json" \
	    '($a[0].risk.var.monte_carlo.var_95 != $c[0].risk.var.monte_carlo.var_95) and
	     ($a[0].risk.var.historical == $c[0].risk.var.historical) and
	     ($c[0].risk.var.monte_carlo.seed == 7)'
	assert_output true
}

@test "risk: the summary detail and the alert texts" {
	risk_with '.portfolio.weights.A000 = 3.2'
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -r '.risk.alerts[]' "$BATS_TEST_TMPDIR/out.json"
	assert_line --index 0 "Risk level: CRITICAL"
	assert_line --regexp '^Limit breached: max_leverage: value 3\.[0-9]+, limit 3, utilisation [0-9]+\.[0-9] %$'
	run -0 jq -r '.risk.summary.detail' "$BATS_TEST_TMPDIR/out.json"
	# As the reference: str(round(var_95 * 100, 2)), e.g. -2.1 or -0.24.
	assert_output --regexp '^VaR95: -[0-9]+\.[0-9][0-9]?%$'
	run -0 jq -r '[(.risk.summary.var_95 * 10000 | round / 100), (.risk.summary.detail | ltrimstr("VaR95: ") | rtrimstr("%") | tonumber)] | .[0] == .[1]' "$BATS_TEST_TMPDIR/out.json"
	assert_output true
}

@test "risk: null returns drop their rows and are counted" {
	risk_with '.config.risk.returns_matrix.values[790][1] = null | .config.risk.returns_matrix.values[795][3] = null'
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '[.risk.observations, .risk.dropped_rows, .risk.var.historical.method]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[754,2,"parametric"]'
	run -0 $PY "$TOP/tests/oracles/risk_var.py" "$BATS_TEST_TMPDIR/in.json" "$BATS_TEST_TMPDIR/out.json" nomc
}

@test "risk: a singular covariance (duplicate instrument) is handled by the floor" {
	risk_with '.config.risk.returns_matrix |= (.instruments += ["DUP"] | .values |= map(. + [.[0]])) | .portfolio.weights.DUP = 0.05'
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 $PY "$TOP/tests/oracles/risk_var.py" "$BATS_TEST_TMPDIR/in.json" "$BATS_TEST_TMPDIR/out.json"
	run -0 jq '.risk.var.monte_carlo.var_95 < 0' "$BATS_TEST_TMPDIR/out.json"
	assert_output true
}

@test "risk: zero weights give VaR 0 with a note, not a crash" {
	risk_with '.portfolio.weights |= map_values(0)'
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '[.risk.var.historical.var_95, .risk.var.parametric.cvar_99, .risk.var.monte_carlo.var_99, .risk.notes[0], .risk.risk_level]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[0,0,0,"no positions: VaR is 0","LOW"]'
}

@test "risk: an empty history gives null VaR, exit 0" {
	risk_with '.config.risk.returns_matrix.values = []'
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '[.risk.observations, .risk.var.historical.var_95, .risk.var.monte_carlo.var_95, .risk.summary.detail]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[0,null,null,"VaR95: n/a"]'
}

@test "risk: missing portfolio is exit 65 naming 'portfolio.weights'" {
	risk_with 'del(.portfolio)'
	run -65 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	assert_output ''
	[[ "$stderr" == "risk: fatal: missing field 'portfolio.weights'" ]]
}

@test "risk: a weight that is not a number is exit 65" {
	risk_with '.portfolio.weights.A001 = "x"'
	run -65 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	[[ "$stderr" == *"portfolio.weights.A001"* ]]
}

@test "risk: malformed JSON and empty stdin are exit 65" {
	run -65 --separate-stderr "$BIN/step-risk" <<< '{"as_of":"2024-01-15",'
	assert_output ''
	[[ "$stderr" == "risk: fatal: invalid state on stdin"* ]]
	run -65 --separate-stderr "$BIN/step-risk" < /dev/null
}

@test "risk: a huge mc_draws is rejected with exit 78" {
	risk_with '.config.risk.mc_draws = 20000000'
	run -78 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	assert_output ''
	[[ "$stderr" == *"config.risk.mc_draws"*"10000000"* ]]
}

@test "risk: mc_draws must be a positive integer (exit 78)" {
	for v in 0 -5; do
		risk_with ".config.risk.mc_draws = $v"
		run -78 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
		assert_equal "$stderr" "risk: fatal: config.risk.mc_draws: $v is out of range [1, 10000000]"
	done
	for v in '1.5:a number' '"many":a string' 'true:a bool'; do
		risk_with ".config.risk.mc_draws = ${v%%:*}"
		run -78 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
		assert_equal "$stderr" "risk: fatal: config.risk.mc_draws: expected an integer, found ${v#*:}"
	done
}

@test "risk: a limit from config.risk.limits changes the breach" {
	risk_with '.config.risk.limits.max_single_position = 0.01'
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '.risk.limits[] | select(.name == "max_single_position") | [.limit, .breached]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[0.01,true]'
	risk_with '.config.risk.limits.max_single_position = -1'
	run -78 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
}

@test "risk: -h prints usage on stdout; a bad option is exit 64" {
	run -0 "$BIN/step-risk" -h
	assert_output --partial "step-risk [-h]"
	run -64 --separate-stderr "$BIN/step-risk" -x
}

@test "risk: a write error on stdout is exit 74" {
	run -74 --separate-stderr bash -c '"$1" < "$2" > /dev/full' _ "$BIN/step-risk" "$K12"
}

@test "risk: on the synthetic ingest, the history is the weights applied to instrument returns" {
	[ -x "$BIN/step-ingest" ] || skip "bin/step-ingest not built"
	state_for 2024-01-15 > "$BATS_TEST_TMPDIR/s0.json"
	"$BIN/step-ingest" < "$BATS_TEST_TMPDIR/s0.json" > "$BATS_TEST_TMPDIR/s1.json"
	jq '.portfolio.weights = {"DI_1Y":0.2,"USDBRL":-0.1,"IBOVESPA":0.05,"UST_10Y":0.1,"CDS_BR_5Y":0.05}
	    | .config.risk.min_historical_obs = 100' "$BATS_TEST_TMPDIR/s1.json" > "$BATS_TEST_TMPDIR/in.json"
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 $PY -c '
import json, sys
import numpy as np
r = json.load(open(sys.argv[1]))["risk"]
v = np.array(r["returns"]["values"])
q = np.percentile(v, 5)
h = r["var"]["historical"]
assert h["method"] == "historical", h
assert abs(h["var_95"] - q) < 1e-12 and abs(h["cvar_95"] - v[v <= q].mean()) < 1e-12
assert len(r["stress"]) == 6 and len(r["limits"]) == 9
assert abs(sum(d["component_var"] for d in r["decomposition"]) - r["var"]["parametric"]["var_95"]) < 1e-12
assert r["returns"]["dates"][-1] == "2024-01-15"
' "$BATS_TEST_TMPDIR/out.json"
	jq '.portfolio.weights.BOGUS = 0.1' "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/bad.json"
	run -65 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/bad.json"
	[[ "$stderr" == "risk: fatal: unknown instrument 'BOGUS' in 'portfolio.weights'" ]]
}

@test "risk: strategy and asset-class daily losses from as_of's returns; a missing series is noted" {
	[ -x "$BIN/step-ingest" ] || skip "bin/step-ingest not built"
	state_for 2024-01-15 > "$BATS_TEST_TMPDIR/s0.json"
	"$BIN/step-ingest" < "$BATS_TEST_TMPDIR/s0.json" > "$BATS_TEST_TMPDIR/s1.json"
	jq '.portfolio.weights = {"IBOVESPA":0.1,"USDBRL":0.2} | del(.ingest.series.USDBRL)
	    | .strategies.positions = [
	        {"strategy_id":"X","legs":[{"instrument":"IBOVESPA","weight":-0.5}]},
	        {"strategy_id":"Y","legs":[{"instrument":"IBOVESPA","weight":0.25}]}]' \
	    "$BATS_TEST_TMPDIR/s1.json" > "$BATS_TEST_TMPDIR/in.json"
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -r '.risk.notes[0]' "$BATS_TEST_TMPDIR/out.json"
	assert_output "instrument 'USDBRL' has no return history: left out of VaR"
	# r = IBOVESPA's return on as_of = last portfolio return / 0.1 (the only held one)
	run -0 jq -e 'def near(a; b): (a - b | if . < 0 then -. else . end) < 1e-15;
	    (.risk.returns.values[-1] / 0.1) as $r
	    | (.risk.limits | map({(.name): .value}) | add) as $v
	    | near($v.max_strategy_daily_loss; [0, 0.5 * $r, -0.25 * $r] | max)
	      and near($v.max_asset_class_daily_loss; [0, -0.1 * $r] | max)
	      and near($v.max_leverage; 0.3) and $v.max_single_position == 0.2' \
	    "$BATS_TEST_TMPDIR/out.json"
	jq '.strategies.positions[0].legs[0].weight = "x"' "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/bad.json"
	run -65 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/bad.json"
	[[ "$stderr" == *"strategies.positions[0].legs[0]"* ]]
}

@test "risk: normal marginals below 30 observations and for a constant series" {
	risk_with '.config.risk.returns_matrix.values |= .[-20:]'
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '[.risk.var.monte_carlo.marginals[] | [.dist, .reason]] | unique' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[["normal","fewer than 30 observations"]]'
	risk_with '.config.risk.returns_matrix |= (.instruments += ["FLAT"] | .values |= map(. + [0.0001])) | .portfolio.weights.FLAT = 0.1'
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '.risk.var.monte_carlo.marginals[] | select(.instrument == "FLAT") | [.dist, .reason, (.loc - 0.0001 | . * . < 1e-30), .scale]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '["normal","t fit failed",true,1e-12]'
	run -0 $PY "$TOP/tests/oracles/risk_var.py" "$BATS_TEST_TMPDIR/in.json" "$BATS_TEST_TMPDIR/out.json"
}

@test "risk: the output does not depend on OpenBLAS's thread count" {
	$PY "$TOP/tests/oracles/risk_gen.py" 120 300 9 20000 > "$BATS_TEST_TMPDIR/in.json"
	OPENBLAS_NUM_THREADS=1 "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/a.json"
	OPENBLAS_NUM_THREADS=2 "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/b.json"
	run -0 cmp "$BATS_TEST_TMPDIR/a.json" "$BATS_TEST_TMPDIR/b.json"
}

@test "risk: a malformed returns_matrix is exit 78 naming the path" {
	risk_with '.config.risk.returns_matrix.dates = ["2024-01-15"]'
	run -78 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "risk: fatal: config.risk.returns_matrix: dates and values differ in length"
	risk_with '.config.risk.returns_matrix.values[799] = 5'
	run -78 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "risk: fatal: config.risk.returns_matrix.values[799]: expected an array"
	risk_with '.config.risk.returns_matrix.values[799][0] = "x"'
	run -78 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "risk: fatal: config.risk.returns_matrix.values[799][0]: expected a number"
	# 800 rows, the last 756 (the window) used: the first date read is row 44.
	risk_with '.config.risk.returns_matrix |= (.dates = [.values[] | "someday"])'
	run -78 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "risk: fatal: config.risk.returns_matrix.dates[44]: expected a date"
	# A held instrument the matrix lacks is the state's fault (65).
	risk_with '.portfolio.weights.NOPE = 0.1'
	run -65 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	[[ "$stderr" == "risk: fatal: instrument 'NOPE' of 'portfolio.weights' is not in 'config.risk.returns_matrix.instruments'" ]]
	risk_with '.portfolio.weights = {}'
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '[.risk.var.historical.var_95, .risk.decomposition]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[0,[]]'
}

@test "risk: the risk-budget limit is checked only when the book can meet it (1/k < limit)" {
	# Five positions: equal risk already gives each 1/5 = the 0.20 limit, so no book of
	# five can pass; the limit is reported with its value and reason, not checked.
	run -0 --separate-stderr "$BIN/step-risk" < "$K5"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '.risk.limits[] | select(.name == "max_risk_budget") | [.checked, .breached, (.value > 0), .reason]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[false,false,true,"not attainable with 5 positions: equal risk gives each 1/5 of it"]'
	# Twelve positions with one dominant: checked, and breached when its share is >= 0.20.
	jq '.portfolio.weights |= with_entries(.value = 0.01) | .portfolio.weights.A000 = 0.5' "$K12" > "$BATS_TEST_TMPDIR/in.json"
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '.risk.limits[] | select(.name == "max_risk_budget") | [.checked, .breached, (.value >= 0.2)]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[true,true,true]'
	run -0 jq -r '.risk.alerts[]' "$BATS_TEST_TMPDIR/out.json"
	assert_line --regexp '^Limit breached: max_risk_budget: value 0\.[0-9]+, limit 0\.2, utilisation [0-9.]+ %$'
	# A risk budget is not a loss: its breach alerts without raising the level.
	run -0 jq -e '.risk.limits[] | select(.name == "max_risk_budget") | .carries_loss == false' \
	    "$BATS_TEST_TMPDIR/out.json"
}

@test "risk: the desk totals equal the portfolio's, and follow the weights measured" {
	"$PY" "$TOP/tests/oracles/portfolio_state.py" --seed 3 --regime -0.5 |
	    "$BIN/step-strategies" | "$BIN/step-portfolio" > "$BATS_TEST_TMPDIR/p.json"
	"$BIN/step-risk" < "$BATS_TEST_TMPDIR/p.json" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -e 'def near(a; b): ((a - b) | fabs) <= 1e-9 * ([(b | fabs), 1] | max);
	    .portfolio.totals as $p | .risk.totals as $r | ($p.dv01_brl | fabs) > 0 and
	    near($r.dv01_brl; $p.dv01_brl) and near($r.usd_delta; $p.usd_delta) and
	    near($r.gross_notional_brl; $p.gross_notional_brl) and
	    ([$p.dv01_by_bucket_brl | keys[] as $k | near($r.dv01_by_bucket_brl[$k];
	      $p.dv01_by_bucket_brl[$k])] | all)' "$BATS_TEST_TMPDIR/out.json"
	# Half the weights and a NAV of 2e9: the same totals (notional = w x NAV).
	jq '.portfolio.weights |= map_values(. / 2) | .config.portfolio.nav = 2e9' \
	    "$BATS_TEST_TMPDIR/p.json" | "$BIN/step-risk" > "$BATS_TEST_TMPDIR/half.json"
	run -0 jq -n --slurpfile a "$BATS_TEST_TMPDIR/out.json" --slurpfile b "$BATS_TEST_TMPDIR/half.json" \
	    '(($a[0].risk.totals.dv01_brl - $b[0].risk.totals.dv01_brl) | fabs) <
	     1e-9 * ($a[0].risk.totals.dv01_brl | fabs)'
	assert_output true
}

@test "risk: the strategy daily loss reads the portfolio's packages when opposite views net" {
	# Receive DI_1Y (R) against two payers (P1, P2): the book nets them, so
	# w/net_raw cannot split it; each strategy's P&L is its package's legs at
	# their sizes times the day's return. The day's return r of an instrument
	# comes from step-risk itself: a book of -1 loses r and a book of +1 loses -r
	# (max_asset_class_daily_loss), so r = loss(-1) - loss(+1).
	"$PY" "$TOP/tests/oracles/portfolio_state.py" --seed 3 --regime -0.5 |
	    "$BIN/step-strategies" | jq '.strategies.positions = [
	      {strategy_id: "R", confidence: 1, strength: "STRONG",
	       legs: [{instrument: "DI_1Y", weight: 1}]},
	      {strategy_id: "P1", confidence: 0.5, strength: "STRONG",
	       legs: [{instrument: "DI_1Y", weight: -1}]},
	      {strategy_id: "P2", confidence: 0.44, strength: "STRONG",
	       legs: [{instrument: "DI_1Y", weight: -1}]},
	      {strategy_id: "FX", confidence: 1, strength: "STRONG",
	       legs: [{instrument: "USDBRL", weight: 1}]}] | .aggregate.conflict_classes = []' |
	    "$BIN/step-portfolio" > "$BATS_TEST_TMPDIR/p.json"
	"$BIN/step-risk" < "$BATS_TEST_TMPDIR/p.json" > "$BATS_TEST_TMPDIR/out.json"
	day() {	# day ID: the instrument's return on as_of
		local a b
		a=$(jq ".portfolio = {weights: {\"$1\": -1}} | del(.strategies)" "$BATS_TEST_TMPDIR/p.json" |
		    "$BIN/step-risk" | jq '.risk.limits[] | select(.name == "max_asset_class_daily_loss") | .value')
		b=$(jq ".portfolio = {weights: {\"$1\": 1}} | del(.strategies)" "$BATS_TEST_TMPDIR/p.json" |
		    "$BIN/step-risk" | jq '.risk.limits[] | select(.name == "max_asset_class_daily_loss") | .value')
		echo "$a - $b" | bc -l
	}
	r=$(day DI_1Y)
	u=$(day USDBRL)
	run -0 jq -e --argjson r "$r" --argjson u "$u" '
	    ([.portfolio.packages[] | -([.legs[] | .weight * (if .instrument == "DI_1Y" then $r
	      else $u end)] | add)] + [0] | max) as $want |
	    (.risk.limits[] | select(.name == "max_strategy_daily_loss") | .value) as $got |
	    $want > 0 and (($got - $want) | fabs) <= 1e-12 + 1e-9 * $want' "$BATS_TEST_TMPDIR/out.json"
}

@test "risk: a book at the portfolio's caps by instrument kind is not a breach" {
	# A stand-in book whose DI_1Y the portfolio step cut to the rate cap (0.5 x NAV
	# here): step-risk reads the caps by kind from portfolio.constraints, reports
	# DI_1Y at 100 % of its cap, not breached; USDBRL scaled to 1.1 x the fx cap
	# is breached and alerts, as a limit that carries no loss (tests/unit/test_risk.c:
	# such a breach does not set the level).
	"$PY" "$TOP/tests/oracles/portfolio_state.py" --seed 3 --regime -0.5 |
	    "$BIN/step-strategies" |
	    jq '.config.portfolio.max_notional = {rate: 0.5}' |
	    "$BIN/step-portfolio" > "$BATS_TEST_TMPDIR/p.json"
	run -0 jq -e '.portfolio.weights.DI_1Y == 0.5 and .portfolio.constraints[0].binding' \
	    "$BATS_TEST_TMPDIR/p.json"
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/p.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '.risk.limits[] | select(.name == "max_single_position") |
	    [.value, .limit, .utilisation, .breached, .carries_loss]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[0.5,0.5,1,false,false]'
	jq '.portfolio.weights.USDBRL = 1.1' "$BATS_TEST_TMPDIR/p.json" | "$BIN/step-risk" \
	    > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -r '.risk.alerts[]' "$BATS_TEST_TMPDIR/out.json"
	assert_line 'Limit breached: max_single_position: value 1.1, limit 1, utilisation 110.0 %'
	run -0 jq -c '.risk.limits | map(select(.breached and (.carries_loss | not)) | .name)' \
	    "$BATS_TEST_TMPDIR/out.json"
	assert_output '["max_single_position","max_asset_class_concentration"]'
}

@test "risk: a marginal fitted with df < 1 (0.66) gives a Monte Carlo VaR matching scipy, no NaN" {
	# gsl_cdf_tdist_Pinv does not converge for df 0.54-0.80 near the median; the
	# table then held NaN and the quantile of the draws came out wrong (VaR99 -0.3 %
	# instead of about -1.8 %).
	$PY -c '
import json
import numpy as np
from scipy import stats
rng = np.random.default_rng(1)
x = stats.t.rvs(0.65, scale=0.001, size=800, random_state=rng)
y = rng.normal(0, 0.01, 800)
print(json.dumps({"as_of": "2024-01-15", "portfolio": {"weights": {"A": 0.1, "B": 0.1}},
    "config": {"risk": {"returns_matrix": {"instruments": ["A", "B"],
        "values": [[float(a), float(b)] for a, b in zip(x, y)]}}}}))
' > "$BATS_TEST_TMPDIR/in.json"
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '.risk.var.monte_carlo.marginals[0] | [.dist, (.df > 0.54 and .df < 0.8)]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '["student_t",true]'
	# An independent 400,000-draw scipy simulation of the same copula; the tolerance
	# uses a density from the interquartile range (the variance is infinite here).
	run -0 $PY -c '
import json, sys
import numpy as np
from scipy import stats
sys.path.insert(0, sys.argv[3])
import riskcov
inp = json.load(open(sys.argv[1]))
out = json.load(open(sys.argv[2]))["risk"]
R = np.array(inp["config"]["risk"]["returns_matrix"]["values"][-756:])
w = np.array([0.1, 0.1])
S = riskcov.riskcov(R, 0, 1)[2]
d = np.sqrt(np.diag(S))
L = np.linalg.cholesky(S / np.outer(d, d))
mc = out["var"]["monte_carlo"]
m = mc["marginals"]
rng = np.random.default_rng(7)
u = np.clip(stats.norm.cdf(rng.standard_normal((400000, 2)) @ L.T), 1e-6, 1 - 1e-6)
p = np.column_stack([stats.t.ppf(u[:, j], m[j]["df"], m[j]["loc"], m[j]["scale"])
                     for j in range(2)]) @ w
h = 0.05 * np.subtract(*np.percentile(p, [75, 25]))
for a, k in ((0.05, "var_95"), (0.01, "var_99")):
    q = np.percentile(p, a * 100)
    se = np.sqrt(a * (1 - a) / mc["draws"]) / (np.mean(np.abs(p - q) <= h) / (2 * h))
    assert abs(mc[k] - q) <= 4 * se, (k, mc[k], q, se)
    assert np.isfinite(mc["c" + k]), k
'  "$BATS_TEST_TMPDIR/in.json" "$BATS_TEST_TMPDIR/out.json" "$TOP/tests/oracles"
}

@test "risk: the strategy daily loss is measured on the book's share of each leg (portfolio.instruments)" {
	[ -x "$BIN/step-ingest" ] || skip "bin/step-ingest not built"
	state_for 2024-01-15 > "$BATS_TEST_TMPDIR/s0.json"
	"$BIN/step-ingest" < "$BATS_TEST_TMPDIR/s0.json" > "$BATS_TEST_TMPDIR/s1.json"
	# X's leg -0.5 and Y's +0.25 net to -0.25; the book holds -0.1 (f = 0.4), so X
	# has -0.2 of IBOVESPA in the book and Y +0.1: X loses 0.2 r when r > 0, Y loses
	# -0.1 r when r < 0 (not 0.5 r and -0.25 r, the strategies' unscaled legs).
	# Z's USDBRL leg is not in the book (no portfolio.instruments entry): 0.
	jq '.portfolio.weights = {"IBOVESPA":-0.1}
	    | .portfolio.instruments = [{"instrument":"IBOVESPA","net_raw":-0.25,"weight":-0.1}]
	    | .strategies.positions = [
	        {"strategy_id":"X","legs":[{"instrument":"IBOVESPA","weight":-0.5}]},
	        {"strategy_id":"Y","legs":[{"instrument":"IBOVESPA","weight":0.25}]},
	        {"strategy_id":"Z","legs":[{"instrument":"USDBRL","weight":0.9}]}]' \
	    "$BATS_TEST_TMPDIR/s1.json" > "$BATS_TEST_TMPDIR/in.json"
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -e 'def near(a; b): (a - b | if . < 0 then -. else . end) < 1e-15;
	    (.risk.returns.values[-1] / -0.1) as $r
	    | (.risk.limits | map({(.name): .value}) | add) as $v
	    | ($r != 0) and near($v.max_strategy_daily_loss; [0, 0.2 * $r, -0.1 * $r] | max)' \
	    "$BATS_TEST_TMPDIR/out.json"
	jq '.portfolio.instruments[0].net_raw = "x"' "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/bad.json"
	run -65 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/bad.json"
	[[ "$stderr" == *"portfolio.instruments[0]"* ]]
}

@test "risk: fewer than 10 Monte Carlo draws give a null slot whose warning speaks of draws" {
	risk_with '.config.risk.mc_draws = 5'
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '.risk.var.monte_carlo | [.var_95, .cvar_99, .warning]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[null,null,"Too few draws (mc_draws = 5 < 10): no Monte Carlo VaR."]'
}

@test "riskcov: common/riskcov.c equals a fresh run of the numpy/sklearn oracle" {
	[ -x "$TOP/tests/unit/bin/test_riskcov" ] || skip "tests/unit/bin/test_riskcov not built"
	run -0 $PY "$TOP/tests/oracles/riskcov.py" "$BATS_TEST_TMPDIR/cases.txt"
	run -0 env RISKCOV_CASES="$BATS_TEST_TMPDIR/cases.txt" "$TOP/tests/unit/bin/test_riskcov"
	refute_output --partial "not ok"
}

@test "riskcov: real files, DI_1Y-DI_2Y correlation after shrinkage within 0.05 of the sample's" {
	require_research
	[ -x "$TOP/tests/unit/bin/test_riskcov" ] || skip "tests/unit/bin/test_riskcov not built"
	state_for 2024-01-12 | DAILY_CATALOGUE="$TOP/data/catalogue-research.tsv" \
	    DAILY_DATA_ROOT="$RESEARCH/data" "$BIN/step-ingest" > "$BATS_TEST_TMPDIR/real.json"
	run -0 env RISKCOV_STATE="$BATS_TEST_TMPDIR/real.json" "$TOP/tests/unit/bin/test_riskcov"
	refute_output --partial "not ok"
	assert_output --partial "real, half-life 0: DI_1Y-DI_2Y correlation within 0.05"
	assert_output --partial "real, half-life 90: DI_1Y-DI_2Y correlation within 0.05"
}

@test "risk: config.risk.half_life weights the covariance; VaR and components match the oracle" {
	risk_with '.config.risk.half_life = 11.2'
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 $PY "$TOP/tests/oracles/risk_var.py" "$BATS_TEST_TMPDIR/in.json" "$BATS_TEST_TMPDIR/out.json"
	# n_eff = 1/sum a_i^2 = (1+l)(1-l^756)/((1-l)(1+l^756)), l = 2^(-1/11.2): 32.33
	run -0 jq -c '.risk.covariance | [.method, .half_life, (.effective_observations * 100 | round)]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '["ledoit_wolf_correlation",11.2,3233]'
	"$BIN/step-risk" < "$K5" > "$BATS_TEST_TMPDIR/eq.json"
	run -0 jq -c '.risk.covariance | [.half_life, (.effective_observations * 100 | round)]' "$BATS_TEST_TMPDIR/eq.json"
	assert_output '[0,75600]'
}

@test "risk: a negative or non-numeric half_life is exit 78 naming the key" {
	risk_with '.config.risk.half_life = -1'
	run -78 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "risk: fatal: config.risk.half_life: -1 is out of range [0, inf)"
	risk_with '.config.risk.half_life = "11"'
	run -78 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	[ -z "$output" ]
}

# holiday_state DIR: an ingest of two FRED-style files (DI 1y and the Selic target,
# every weekday up to 2024-01-15) whose first window day, 756 business days before
# as_of, is a holiday (blank value); weights on DI_1Y; into DIR/in.json.
holiday_state() {
	$PY -c '
import sys
import numpy as np
d = sys.argv[1]
days = np.arange(np.datetime64("2020-11-02"), np.datetime64("2024-01-16"))
days = days[np.is_busday(days)]
start = np.busday_offset("2024-01-15", -756)
rng = np.random.default_rng(5)
di = 10 + np.cumsum(rng.normal(0, 0.03, len(days)))
with open(d + "/di1y.csv", "w") as f, open(d + "/selic.csv", "w") as g:
    f.write("date,value\n")
    g.write("date,value\n")
    for day, y in zip(days, di):
        f.write("%s,%s\n" % (day, "" if day == start else "%.2f" % y))
        g.write("%s,%s\n" % (day, "" if day == start else "9.75"))
print(start)
' "$1" > "$1/start.txt"
	printf '#! data_root=.\nBR_DI_1Y\tDI 1y\tD\t%%\t0\t2\t0\t50\tfred_csv\tfile=di1y.csv\n%s\n' \
	    "BR_SELIC_TARGET	Selic	D	%	0	2	0	50	fred_csv	file=selic.csv" > "$1/cat.tsv"
	state_for 2024-01-15 | DAILY_CATALOGUE="$1/cat.tsv" "$BIN/step-ingest" |
	    jq '.portfolio.weights = {"DI_1Y": 0.5}' > "$1/in.json"
}

@test "risk: a window that starts on a holiday still holds 756 returns, historical VaR" {
	holiday_state "$BATS_TEST_TMPDIR"
	# The first level day (the first return is on the next, 2021-02-22).
	[ "$(cat "$BATS_TEST_TMPDIR/start.txt")" = 2021-02-19 ]
	# Ingest kept the level of the business day before (2021-02-18).
	run -0 jq -r '.ingest.series.BR_DI_1Y.dates[0] // .ingest.calendars[.ingest.series.BR_DI_1Y.calendar][0]' \
	    "$BATS_TEST_TMPDIR/in.json"
	assert_output 2021-02-18
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '[.risk.observations, .risk.dropped_rows, .risk.var.historical.method,
	    .risk.summary.var_method, .risk.returns.dates[0]]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[756,0,"historical","historical","2021-02-22"]'
	run -0 jq -r '.risk.summary.detail' "$BATS_TEST_TMPDIR/out.json"
	assert_output --regexp '^VaR95: -[0-9.]+%$'
}

@test "risk: real files, 2024-03-14 (window from Tiradentes 2021-04-21) holds 756 returns" {
	require_research
	state_for 2024-03-14 | DAILY_CATALOGUE="$TOP/data/catalogue-research.tsv" \
	    DAILY_DATA_ROOT="$RESEARCH/data" "$BIN/step-ingest" |
	    jq '.portfolio.weights = {"DI_1Y":0.5,"DI_2Y":-0.3,"USDBRL":0.1,"UST_2Y":0.2}' \
	    > "$BATS_TEST_TMPDIR/in.json"
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '[.risk.observations, .risk.var.historical.method]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[756,"historical"]'
}

@test "risk: a fallback names its method in risk.summary, report.summary and the console" {
	run -0 --separate-stderr "$BIN/step-risk" < "$K12"
	echo "$output" > "$BATS_TEST_TMPDIR/risk.json"
	run -0 jq -r '.risk.var.historical.var_95 * 10000 | round / 100 | tostring' "$BATS_TEST_TMPDIR/risk.json"
	v=$output
	run -0 jq -r '.risk.summary | [.var_method, .detail] | join("|")' "$BATS_TEST_TMPDIR/risk.json"
	assert_output "parametric|VaR95 (parametric): $v%"
	run -0 --separate-stderr "$BIN/step-report" < "$BATS_TEST_TMPDIR/risk.json"
	run -0 jq -r '.report.summary.var_method' <<< "$output"
	assert_output parametric
	load ../fake-steps/lib
	orch_setup
	export FAKE_REPORT_SUMMARY='{"signal_count":5,"position_count":2,"leverage":1,"var_95":-0.0123,"var_method":"parametric","regime":"NEUTRAL","risk_alerts":[]}'
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line '  VaR (95%, parametric): -1.23% | Regime: NEUTRAL'
	export FAKE_REPORT_SUMMARY='{"signal_count":5,"position_count":2,"leverage":1,"var_95":-0.0123,"var_method":"historical","regime":"NEUTRAL","risk_alerts":[]}'
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line '  VaR (95%): -1.23% | Regime: NEUTRAL'
}

# crash_state: four ids at weight 0.15, 800 days of +0.05 % with a 10-day fall of
# 1.5 % a day ending 20 days before as_of: the back-cast of today's weights draws
# down 1 - 0.991^10 = 8.6 % (> 8 %, the breaker's L3), into $BATS_TEST_TMPDIR/in.json.
crash_state() {
	$PY -c '
import json, sys
rows = [[0.0005] * 4 for _ in range(800)]
for i in range(770, 780):
    rows[i] = [-0.015] * 4
cfg = {"returns_matrix": {"instruments": list("ABCD"), "values": rows}, "mc_draws": 1000}
cfg.update(json.loads(sys.argv[1]))
print(json.dumps({"as_of": "2024-01-15", "portfolio": {"weights": dict.fromkeys("ABCD", 0.15)},
    "config": {"risk": cfg}}))
' "$1" > "$BATS_TEST_TMPDIR/in.json"
}

@test "risk: the back-cast drawdown is hypothetical and drives neither the breaker nor the level" {
	crash_state '{}'
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	# Hand calculation: peak after 770 days, then ten days of 0.6 * -0.015 = -0.9 %.
	run -0 jq -r '.risk.drawdown | [.basis, .state, (.max * 1e6 | round)] | @tsv' "$BATS_TEST_TMPDIR/out.json"
	assert_output "$(printf 'hypothetical_backcast\tCOOLDOWN\t%s' \
	    "$($PY -c 'print(round((1 - 0.991 ** 10) * 1e6))')")"
	run -0 jq -c '.risk.circuit_breaker' "$BATS_TEST_TMPDIR/out.json"
	assert_output '{"basis":"none","drawdown":null,"reason":"no track record","scale":1,"state":"NORMAL"}'
	run -0 jq -c '.risk.limits[] | select(.name == "max_drawdown") | [.value, .checked, .reason]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[null,false,"no track record"]'
	run -0 jq -c '[.risk.risk_level, .risk.alerts]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '["LOW",[]]'
}

@test "risk: a realised drawdown (config.risk.realised_drawdown) drives the breaker, the limit and the level" {
	crash_state '{"realised_drawdown": 0.06}'
	run -0 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	echo "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '.risk.circuit_breaker | [.basis, .drawdown, .state, .scale]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '["realised",0.06,"L2",0.5]'
	run -0 jq -c '.risk.limits[] | select(.name == "max_drawdown") | [.value, .checked, (.utilisation * 1000 | round)]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[0.06,true,600]'
	# dd 6 % > 2 %: HIGH (docs/RISK.md), with the breaker's alert.
	run -0 jq -c '[.risk.risk_level, .risk.alerts]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '["HIGH",["Risk level: HIGH","Circuit breaker: L2 (realised drawdown 0.06)"]]'
	crash_state '{"realised_drawdown": 1.5}'
	run -78 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "risk: fatal: config.risk.realised_drawdown: 1.5 is out of range [0, 1)"
	crash_state '{"realised_drawdown": "5%"}'
	run -78 --separate-stderr "$BIN/step-risk" < "$BATS_TEST_TMPDIR/in.json"
}
