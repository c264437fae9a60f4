#!/usr/bin/env bats
# step-ingest: the synthetic default (shape, windows, PIT, determinism, prefix), every
# connector on small fixture files, bad input and catalogues, and the real research
# data checked against values read off the files by hand.
load ../helpers

FIX="$TOP/tests/fixtures/ingest"

setup() {
	cd "$TOP"
}

# ingest STATE_JSON [ENV=VALUE ...]: run step-ingest on the given state text; the
# output lands in $BATS_TEST_TMPDIR/out.json, status in $status.
ingest() {
	local in=$BATS_TEST_TMPDIR/in.json
	printf '%s\n' "$1" > "$in"
	shift
	run --separate-stderr env "$@" $VALGRIND "$BIN/step-ingest" < "$in"
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/raw.json"
	# Series on the shared calendar get their dates back, for the checks below.
	if [ "$status" -eq 0 ]; then
		jq -c "$EXPAND_CALENDARS" "$BATS_TEST_TMPDIR/raw.json" > "$BATS_TEST_TMPDIR/out.json"
	else
		cp "$BATS_TEST_TMPDIR/raw.json" "$BATS_TEST_TMPDIR/out.json"
	fi
}

out() {
	jq -r "$1" "$BATS_TEST_TMPDIR/out.json"
}

@test "synthetic: every catalogued series, summary, sources, instruments" {
	ingest '{"as_of":"2024-01-15"}'
	[ "$status" -eq 0 ]
	[ "$(out '.ingest.series | length')" -eq 64 ]
	[ "$(out '.ingest.summary.series')" -eq 64 ]
	run -0 jq -r '.ingest.summary.detail' "$BATS_TEST_TMPDIR/out.json"
	assert_output --regexp '^64 series, [0-9]+ observations$'
	run -0 jq -e '.ingest.summary.observations == ([.ingest.series[].dates | length] | add)' \
	    "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -c '.ingest.sources' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[{"kind":"synthetic","name":"synthetic","seed":20050103,"series":53},{"kind":"monthly_sum","name":"monthly_sum","series":1},{"kind":"monthly_mean","name":"monthly_mean","series":10}]'
	run -0 jq -r '.ingest.instruments | join(" ")' "$BATS_TEST_TMPDIR/out.json"
	assert_output "DI_1Y DI_2Y DI_5Y DI_10Y NTNB_5Y BREAKEVEN_2Y USDBRL CDS_BR_5Y IBOVESPA UST_2Y UST_10Y"
	[ "$(out '.ingest.as_of')" = 2024-01-15 ]
	[ "$(out '.ingest.catalogue')" = "$TOP/data/catalogue.tsv" ]
	# The canonical ids of docs/MODELS.md, the columnar shape of docs/STATE.md.
	run -0 jq -e '.ingest.series | to_entries | all(.key == .value.id and
	    (.value.dates | length) == (.value.values | length) and
	    (.value.freq | IN("D","W","M","Q")))' "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -e '.ingest.series | has("BR_IPCA_G_FOOD_HOME_MOM") and has("US_UST_5Y")
	    and has("BR_FX_FLOW") and has("BR_GDP_GROWTH")' "$BATS_TEST_TMPDIR/out.json"
}

@test "synthetic: windows of 757 business days (756 returns), 15 years, 5 years" {
	ingest '{"as_of":"2024-01-15"}'
	[ "$status" -eq 0 ]
	[ "$(out '.ingest.series.USDBRL.dates | length')" -eq 757 ]
	[ "$(out '.ingest.series.USDBRL.dates[-1]')" = 2024-01-15 ]
	# Monday 2024-01-15 less 151 whole weeks (755 weekdays) is Monday 2021-02-22, and
	# one weekday more back is Friday 2021-02-19.
	[ "$(out '.ingest.series.USDBRL.dates[0]')" = 2021-02-19 ]
	[ "$(out '.ingest.series.BR_IPCA_MOM.dates[0]')" = 2009-01-01 ]
	[ "$(out '.ingest.series.BR_IPCA_MOM.dates | length')" -eq 180 ]
	[ "$(out '.ingest.series.BR_FX_FLOW.dates[0]')" = 2019-01-18 ]
	ingest '{"as_of":"2024-01-15","config":{"ingest":{"lookback_days":10,"lookback_years":2}}}'
	[ "$status" -eq 0 ]
	[ "$(out '.ingest.series.USDBRL.dates | length')" -eq 10 ]
	[ "$(out '.ingest.series.BR_IPCA_MOM.dates[0]')" = 2022-01-01 ]
}

@test "synthetic: PIT boundary, December IPCA published on 10 January, US unemployment on the 7th" {
	ingest '{"as_of":"2024-01-09"}'
	[ "$(out '.ingest.series.BR_IPCA_MOM.dates[-1]')" = 2023-11-01 ]
	ingest '{"as_of":"2024-01-10"}'
	[ "$(out '.ingest.series.BR_IPCA_MOM.dates[-1]')" = 2023-12-01 ]
	# IBC-Br lags 45 days: November (ends 11-30) appears on 2024-01-14, not before.
	ingest '{"as_of":"2024-01-13"}'
	[ "$(out '.ingest.series.BR_IBC_BR.dates[-1]')" = 2023-10-01 ]
	ingest '{"as_of":"2024-01-14"}'
	[ "$(out '.ingest.series.BR_IBC_BR.dates[-1]')" = 2023-11-01 ]
	# A weekend as_of: daily series end on Friday.
	[ "$(out '.ingest.series.VIX.dates[-1]')" = 2024-01-12 ]
	# US unemployment lags 7 days (the first Friday of the next month at the latest):
	# December appears on 2024-01-07, April 2020 on 2020-05-07.
	ingest '{"as_of":"2024-01-06"}'
	[ "$(out '.ingest.series.US_UNEMPLOYMENT.dates[-1]')" = 2023-11-01 ]
	ingest '{"as_of":"2024-01-07"}'
	[ "$(out '.ingest.series.US_UNEMPLOYMENT.dates[-1]')" = 2023-12-01 ]
	ingest '{"as_of":"2020-05-06"}'
	[ "$(out '.ingest.series.US_UNEMPLOYMENT | [.dates[-1], .values[-1]] | join(" ")')" = "2020-03-01 4.4" ]
	ingest '{"as_of":"2020-05-07"}'
	[ "$(out '.ingest.series.US_UNEMPLOYMENT | [.dates[-1], .values[-1]] | join(" ")')" = "2020-04-01 14.8" ]
}

@test "synthetic: byte-identical reruns; the history does not change with a later as_of" {
	ingest '{"as_of":"2024-01-15"}'
	cp "$BATS_TEST_TMPDIR/out.json" "$BATS_TEST_TMPDIR/a.json"
	ingest '{"as_of":"2024-01-15"}'
	run -0 cmp "$BATS_TEST_TMPDIR/a.json" "$BATS_TEST_TMPDIR/out.json"
	ingest '{"as_of":"2024-03-28"}'
	run -0 jq -n --slurpfile a "$BATS_TEST_TMPDIR/a.json" \
	    --slurpfile b "$BATS_TEST_TMPDIR/out.json" '
	    [$a[0].ingest.series | to_entries[] | .key as $k | .value as $s |
	     ($b[0].ingest.series[$k] | [.dates, .values] | transpose | map({(.[0]): .[1]}) | add)
	       as $m |
	     [$s.dates, $s.values] | transpose[] | select($m[.[0]] != null) |
	     $m[.[0]] == .[1]] | (length > 15000) and all'
	assert_output true
}

@test "synthetic: levels stay inside their catalogued ranges and the groups add up" {
	ingest '{"as_of":"2024-01-15","config":{"ingest":{"lookback_days":5000,"lookback_years":19}}}'
	[ "$status" -eq 0 ]
	run -0 $PY - "$BATS_TEST_TMPDIR/out.json" "$TOP/data/catalogue.tsv" <<'PYEOF'
import json, sys, math
s = json.load(open(sys.argv[1]))["ingest"]["series"]
cat = {}
for line in open(sys.argv[2]):
    if line.startswith("#") or not line.strip():
        continue
    f = line.rstrip("\n").split("\t")
    cat[f[0]] = (float(f[6]), float(f[7]))
bad = [k for k, v in s.items() if any(x is None or not cat[k][0] <= x <= cat[k][1]
       for x in v["values"])]
assert not bad, bad
w = [.21, .11, .16, .04, .14, .09, .06, .12, .05]
g = ["FOOD_HOME", "FOOD_AWAY", "HOUSING", "CLOTHING", "HEALTH", "PERSONAL_CARE",
     "EDUCATION", "TRANSPORT", "COMMUNICATION"]
h = s["BR_IPCA_MOM"]["values"]
for i in range(len(h)):
    tot = sum(wi * s["BR_IPCA_G_%s_MOM" % gi]["values"][i] for wi, gi in zip(w, g)) / sum(w)
    # each figure is rounded to 0.01: at most 0.005 from the groups, 0.005 from the headline
    assert abs(tot - h[i]) <= 0.0100001, (i, tot, h[i])
# IPCA 12m from the rounded m/m, within rounding
for i in range(11, len(h)):
    acc = math.prod(1 + x / 100 for x in h[i - 11:i + 1])
    assert abs((acc - 1) * 100 - s["BR_IPCA_12M"]["values"][i]) < 0.08
print("ok")
PYEOF
	assert_output ok
}

@test "synthetic: realistic per docs/CALIBRATION.md for the default seed and two others" {
	local seed
	for seed in 20050103 7 11; do
		ingest "{\"as_of\":\"2024-06-28\",\"config\":{\"ingest\":{\"lookback_days\":3800,\"lookback_years\":15,\"seed\":$seed}}}"
		[ "$status" -eq 0 ]
		run -0 $PY "$TOP/tests/oracles/synth_calibration.py" "$BATS_TEST_TMPDIR/out.json"
		assert_output ok
	done
}

# The fixture was written by tests/oracles/synth_fingerprint.py from the generator before
# US_UNEMPLOYMENT was added (its own random stream, synth_macro.c): every other series must
# keep the same values over the whole history; another seed must not match.
@test "synthetic: a new series leaves the other series' draws unchanged (fingerprint)" {
	local cfg='"lookback_days":6000,"lookback_years":22,"lookback_weekly_years":22'
	ingest "{\"as_of\":\"2026-06-30\",\"config\":{\"ingest\":{$cfg}}}"
	[ "$status" -eq 0 ]
	run -0 $PY "$TOP/tests/oracles/synth_fingerprint.py" check \
	    "$FIX/synth-fingerprint-2026-06-30.tsv" "$BATS_TEST_TMPDIR/out.json"
	assert_output ok
	ingest "{\"as_of\":\"2026-06-30\",\"config\":{\"ingest\":{$cfg,\"seed\":7}}}"
	[ "$status" -eq 0 ]
	run -1 $PY "$TOP/tests/oracles/synth_fingerprint.py" check \
	    "$FIX/synth-fingerprint-2026-06-30.tsv" "$BATS_TEST_TMPDIR/out.json"
	assert_line --regexp '^USDBRL: '
}

@test "connectors: FRED, BCB CSV and JSON, Yahoo, IPEADATA, ANBIMA, none" {
	ingest '{"as_of":"2024-01-16"}' DAILY_CATALOGUE="$FIX/cat-files.tsv"
	[ "$status" -eq 0 ]
	run -0 jq -c '.ingest.series.USDBRL.values' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[4.892,4.88,4.8869,null,4.9271]'
	run -0 jq -c '.ingest.series.BR_SELIC_TARGET | [.dates[0], .dates[-1], (.values | length)]' \
	    "$BATS_TEST_TMPDIR/out.json"
	# The Saturday 13/01 row is dropped from a daily series; the Fonte line ignored.
	assert_output '["2024-01-10","2024-01-16",5]'
	run -0 jq -c '.ingest.series.BR_IPCA_MOM | [.dates[-1], .values[-1]]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '["2023-12-01",0.56]'
	run -0 jq -c '.ingest.series.IBOVESPA.values' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[130649,131521,null,129293]'
	run -0 jq -c '.ingest.series.BR_EMBI.values' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[195,191]'
	# 10 + (252 - 129) / (261 - 129) by hand (see test_ingest_pit.c), 4 decimals.
	run -0 jq -c '.ingest.series.BR_DI_1Y.values' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[10.9318]'
	run -0 jq -e '.ingest.series | has("US_HY_OAS") | not' "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -r '.ingest.summary.detail' "$BATS_TEST_TMPDIR/out.json"
	assert_output "7 series, 21 observations"
	# Relative to the catalogue through the data_root directive, or DAILY_DATA_ROOT.
	ingest '{"as_of":"2024-01-16"}' DAILY_CATALOGUE="$FIX/cat-files.tsv" DAILY_DATA_ROOT=/nonexistent
	[ "$status" -eq 74 ]
	assert_equal "$stderr" "ingest: fatal: unable to open 'usdbrl.csv': No such file or directory"
}

@test "config.catalogue selects the catalogue; DAILY_CATALOGUE wins over it" {
	ingest "{\"as_of\":\"2024-01-16\",\"config\":{\"catalogue\":\"$FIX/cat-files.tsv\"}}"
	[ "$status" -eq 0 ]
	[ "$(out '.ingest.summary.series')" -eq 7 ]
	ingest "{\"as_of\":\"2024-01-16\",\"config\":{\"catalogue\":\"/nonexistent.tsv\"}}" \
	    DAILY_CATALOGUE="$TOP/data/catalogue.tsv"
	[ "$status" -eq 0 ]
	[ "$(out '.ingest.summary.series')" -eq 64 ]
}

@test "the rest of the state passes through untouched" {
	ingest '{"as_of":"2024-01-15","run_id":"x","config":{"risk":{"a":[1,2]}},"zz":null}'
	[ "$status" -eq 0 ]
	run -0 jq -c 'del(.ingest)' "$BATS_TEST_TMPDIR/out.json"
	assert_output '{"as_of":"2024-01-15","config":{"risk":{"a":[1,2]}},"run_id":"x","zz":null}'
}

@test "bad state: broken JSON, missing, impossible or early as_of (65)" {
	ingest '{"as_of":"2024-01-15"'
	[ "$status" -eq 65 ]
	[ -z "$output" ]
	assert_equal "${stderr%%:*}" "ingest"
	ingest '{}'
	[ "$status" -eq 65 ]
	assert_equal "$stderr" "ingest: fatal: missing field 'as_of'"
	ingest '{"as_of":"2024-02-30"}'
	[ "$status" -eq 65 ]
	[ -z "$output" ]
	ingest '{"as_of":20240115}'
	[ "$status" -eq 65 ]
	# The inflation target is the generator's earliest series (1999-01).
	ingest '{"as_of":"1998-12-31"}'
	[ "$status" -eq 65 ]
	assert_equal "$stderr" "ingest: fatal: as_of 1998-12-31 is before the first observation (1999-01-01)"
	# A bad config value is configuration (78), not a bad state (docs/CONFIG.md).
	ingest '{"as_of":"2024-01-15","config":{"ingest":{"lookback_days":0}}}'
	[ "$status" -eq 78 ]
	[ -z "$output" ]
	assert_equal "$stderr" "ingest: fatal: config.ingest.lookback_days: 0 is out of range [1, 20000]"
}

@test "bad catalogue: unknown source or synthetic id, bad fields (78), missing file (74)" {
	ingest '{"as_of":"2024-01-15"}' DAILY_CATALOGUE="$FIX/cat-bad-source.tsv"
	[ "$status" -eq 78 ]
	assert_equal "$stderr" "ingest: fatal: catalogue '$FIX/cat-bad-source.tsv' line 2: field 9: unknown source 'bloomberg'"
	ingest '{"as_of":"2024-01-15"}' DAILY_CATALOGUE="$FIX/cat-bad-synth.tsv"
	[ "$status" -eq 78 ]
	assert_equal "$stderr" "ingest: fatal: catalogue '$FIX/cat-bad-synth.tsv' line 2: the synthetic source has no series 'BR_FOO'"
	ingest '{"as_of":"2024-01-15"}' DAILY_CATALOGUE="$FIX/cat-bad-freq.tsv"
	[ "$status" -eq 78 ]
	[[ "$stderr" == *"field 3: invalid frequency 'X'"* ]]
	ingest '{"as_of":"2024-01-15"}' DAILY_CATALOGUE="$FIX/cat-short-row.tsv"
	[ "$status" -eq 78 ]
	ingest '{"as_of":"2024-01-15"}' DAILY_CATALOGUE="$FIX/cat-bad-mean.tsv"
	[ "$status" -eq 78 ]
	assert_equal "$stderr" "ingest: fatal: catalogue '$FIX/cat-bad-mean.tsv' line 3: monthly_mean of an id the catalogue lacks 'VIXX'"
	ingest '{"as_of":"2024-01-15"}' DAILY_CATALOGUE="$FIX/cat-no-file.tsv"
	[ "$status" -eq 78 ]
	[[ "$stderr" == *"no file= argument for source 'fred_csv'"* ]]
	ingest '{"as_of":"2024-01-15"}' DAILY_CATALOGUE="$FIX/nonexistent.tsv"
	[ "$status" -eq 74 ]
	assert_equal "$stderr" "ingest: fatal: unable to open catalogue '$FIX/nonexistent.tsv': No such file or directory"
	[ -z "$output" ]
}

@test "bad data: a malformed row names file, line and field (65); unreadable file (74)" {
	ingest '{"as_of":"2024-01-16"}' DAILY_CATALOGUE="$FIX/cat-bad-data.tsv"
	[ "$status" -eq 65 ]
	assert_equal "$stderr" "ingest: fatal: 'bad.csv' line 4: field 2: invalid number 'abc'"
	[ -z "$output" ]
	ingest '{"as_of":"2024-01-16"}' DAILY_CATALOGUE="$FIX/cat-missing-file.tsv"
	[ "$status" -eq 74 ]
	assert_equal "$stderr" "ingest: fatal: unable to open 'nonexistent.csv': No such file or directory"
}

@test "usage: -h on stdout exits 0, a bad option exits 64; /dev/full exits 74" {
	run -0 "$BIN/step-ingest" -h
	assert_output --partial "step-ingest"
	run -64 --separate-stderr "$BIN/step-ingest" -x
	state_for 2024-01-15 > "$BATS_TEST_TMPDIR/in.json"
	run -74 --separate-stderr sh -c '"$0" < "$1" > /dev/full' "$BIN/step-ingest" \
	    "$BATS_TEST_TMPDIR/in.json"
}

# research DATE: ingest the real files for DATE into out.json.
research() {
	ingest "{\"as_of\":\"$1\"}" DAILY_CATALOGUE="$TOP/data/catalogue-research.tsv" \
	    DAILY_DATA_ROOT="$RESEARCH/data"
	[ "$status" -eq 0 ] || fail "ingest $1 exited $status: $stderr"
}

@test "real data: Selic, USDBRL, IPCA, CDI read off the files by hand" {
	require_research
	research 2016-10-20
	# br/macroview_bcb_sgs432_selic_target_daily.csv lines 5462-5463.
	run -0 jq -c '.ingest.series.BR_SELIC_TARGET | [.dates[-2:], .values[-2:]]' \
	    "$BATS_TEST_TMPDIR/out.json"
	assert_output '[["2016-10-19","2016-10-20"],[14.25,14]]'
	# SGS 433 and the IBGE table: January 2015 = 1.24.
	run -0 jq -c '.ingest.series.BR_IPCA_MOM | [.dates, .values] | transpose[] |
	    select(.[0] == "2015-01-01") | .[1]' "$BATS_TEST_TMPDIR/out.json"
	assert_output 1.24
	research 2024-01-12
	# br/fred_DEXBZUS_2021-2026.csv lines 695-696.
	run -0 jq -c '.ingest.series.USDBRL.values[-2:]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[4.8838,4.8536]'
	# December 2023 IPCA (0.56) was published by IBGE on 2024-01-11 (lag 12: the 12th).
	run -0 jq -c '.ingest.series.BR_IPCA_MOM | [.dates[-1], .values[-1]]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '["2023-12-01",0.56]'
	# CDI: SGS 12 is % per day; annualised (1 + r/100)^252 - 1, computed by Python.
	local raw want
	raw=$(grep -m1 '^2024-01-12,' "$RESEARCH/data/br/bcb_sgs12_cdi_daily_2015-2025.csv" | cut -d, -f2)
	want=$($PY -c "print(round(((1 + $raw / 100) ** 252 - 1) * 100, 2))")
	run -0 jq -r '.ingest.series.BR_CDI.values[-1]' "$BATS_TEST_TMPDIR/out.json"
	assert_output "$want"
}

@test "monthly history: month averages of the daily series over lookback_years" {
	# 2024-01-15: 15 years of complete months, 2009-01 .. 2023-12 (December is complete
	# on 12-31; January 2024 is not yet). Each value is the mean of the daily values of
	# its month, recomputed here by jq from the daily window (from 2021-02-19: the
	# complete months 2021-03 .. 2023-12). Tolerance: one unit of the last decimal kept
	# (the daily values and the mean are each rounded to it, half a unit each).
	ingest '{"as_of":"2024-01-15"}'
	[ "$status" -eq 0 ]
	local id tol
	for id in BR_SELIC_TARGET:0.01 BR_DI_1Y:0.01 BR_DI_5Y:0.01 BR_FOCUS_IPCA_12M:0.01 \
	    BR_EMBI:1 USDBRL:0.0001 US_FED_FUNDS:0.01 US_UST_2Y:0.01 US_UST_10Y:0.01 VIX:0.01; do
		tol=${id#*:}
		id=${id%:*}
		run -0 jq -r --arg id "$id" '.ingest.series[$id + "_M"] |
		    "\(.freq) \(.dates[0]) \(.dates[-1]) \(.dates | length)"' "$BATS_TEST_TMPDIR/out.json"
		assert_output "M 2009-01-01 2023-12-01 180"
		run -0 jq -r --arg id "$id" --argjson tol "$tol" '.ingest.series as $s |
		    [$s[$id].dates, $s[$id].values] | transpose |
		    map(select(.[0] >= "2021-03-01" and .[1] != null)) |
		    group_by(.[0][0:7]) | map({key: (.[0][0][0:7] + "-01"),
		        value: (map(.[1]) | add / length)}) | from_entries as $want |
		    [$s[$id + "_M"] | [.dates, .values] | transpose[] |
		     select($want[.[0]] != null) |
		     (.[1] - $want[.[0]]) | fabs] | "\(length) \(max <= $tol * 1.000001)"' "$BATS_TEST_TMPDIR/out.json"
		assert_output "34 true"
	done
	# FX flows: the monthly total is the sum of the weekly flows dated in the month.
	run -0 jq -r '.ingest.series as $s | [$s.BR_FX_FLOW.dates, $s.BR_FX_FLOW.values] |
	    transpose | map(select(.[0] >= "2019-02-01")) | group_by(.[0][0:7]) |
	    map({key: (.[0][0][0:7] + "-01"), value: (map(.[1]) | add)}) | from_entries as $want |
	    [$s.BR_FX_FLOW_M | [.dates, .values] | transpose[] | select($want[.[0]] != null) |
	     (.[1] - $want[.[0]]) | fabs] | "\(length) \(max <= 0.5)"' "$BATS_TEST_TMPDIR/out.json"
	assert_output "59 true"
	# The month in progress appears once it has ended: 2024-01-31 shows January.
	ingest '{"as_of":"2024-01-31"}'
	[ "$(out '.ingest.series.VIX_M.dates[-1]')" = 2024-01-01 ]
	ingest '{"as_of":"2024-01-30"}'
	[ "$(out '.ingest.series.VIX_M.dates[-1]')" = 2023-12-01 ]
}

@test "inflation target: the official path, its month known on the month's first day" {
	# CMN: 4.5 +- 2.0 in 2016, 4.25 +- 1.5 in 2019 (docs/DATA.md); January 2019's
	# target (Res. 4.499, June 2017) is known on 2019-01-02, not only at its month end.
	ingest '{"as_of":"2019-01-02"}'
	[ "$status" -eq 0 ]
	run -0 jq -c '[.ingest.series.BR_INFLATION_TARGET, .ingest.series.BR_INFLATION_TARGET_BAND]
	    | map([.dates[-1], .values[-1], (.values[.dates | index("2016-06-01")])])' \
	    "$BATS_TEST_TMPDIR/out.json"
	assert_output '[["2019-01-01",4.25,4.5],["2019-01-01",1.5,2]]'
	if [ -d "$RESEARCH/data" ]; then
		research 2019-01-02
		run -0 jq -c '[.ingest.series.BR_INFLATION_TARGET, .ingest.series.BR_INFLATION_TARGET_BAND]
		    | map([.dates[-1], .values[-1], (.values[.dates | index("2016-06-01")])])' \
		    "$BATS_TEST_TMPDIR/out.json"
		assert_output '[["2019-01-01",4.25,4.5],["2019-01-01",1.5,2]]'
	fi
}

@test "point in time: a weekend-dated weekly value appears on its own date, never before" {
	# A week ending on Saturday 2024-01-13 (value 7): the Friday before must not see
	# it; its own Saturday and the Monday after do. A Wednesday value (2024-01-03: 5)
	# is dated on its Friday, 2024-01-05, later than its own date, never earlier.
	local dir=$BATS_TEST_TMPDIR/w
	mkdir -p "$dir"
	printf 'date,value\n2024-01-03,5\n2024-01-13,7\n' > "$dir/flow.csv"
	printf '#! data_root=.\nBR_FX_FLOW\tflows\tW\tUSD mn\t0\t1\t-\t-\tcsv\tfile=flow.csv\n' \
	    > "$dir/cat.tsv"
	ingest '{"as_of":"2024-01-12"}' DAILY_CATALOGUE="$dir/cat.tsv"
	[ "$status" -eq 0 ]
	run -0 jq -c '.ingest.series.BR_FX_FLOW | [.dates, .values]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[["2024-01-05"],[5]]'
	ingest '{"as_of":"2024-01-13"}' DAILY_CATALOGUE="$dir/cat.tsv"
	run -0 jq -c '.ingest.series.BR_FX_FLOW | [.dates, .values]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[["2024-01-05","2024-01-13"],[5,7]]'
	ingest '{"as_of":"2024-01-04"}' DAILY_CATALOGUE="$dir/cat.tsv"
	[ "$status" -eq 65 ]
}

@test "real data: no IPCA, US CPI, debt or fed funds figure before its release" {
	require_research
	# IBGE released the December 2023 IPCA on Thursday 2024-01-11, so on the 10th
	# the last IPCA known is November's.
	research 2024-01-10
	[ "$(out '.ingest.series.BR_IPCA_MOM.dates[-1]')" = 2023-11-01 ]
	[ "$(out '.ingest.series.BR_IPCA_12M.dates[-1]')" = 2023-11-01 ]
	# BLS released the April 2024 CPI on 2024-05-15; on the 14th March is the last.
	research 2024-05-14
	[ "$(out '.ingest.series.US_CPI.dates[-1]')" = 2024-03-01 ]
	[ "$(out '.ingest.series.US_CPI_CORE.dates[-1]')" = 2024-03-01 ]
	# US CPI lag 30: BLS released September 2013's CPI on 2013-10-30 (the shutdown
	# delayed it from 10-16), so on 2013-10-21 and 10-29 August is the last known.
	research 2013-10-21
	[ "$(out '.ingest.series.US_CPI.dates[-1]')" = 2013-08-01 ]
	research 2013-10-29
	[ "$(out '.ingest.series.US_CPI.dates[-1]')" = 2013-08-01 ]
	research 2013-10-30
	[ "$(out '.ingest.series.US_CPI.dates[-1]')" = 2013-09-01 ]
	[ "$(out '.ingest.series.US_CPI_CORE.dates[-1]')" = 2013-09-01 ]
	# November 2025's CPI came out on 2025-12-18 (October 2025's never did: a null).
	research 2025-12-17
	run -0 jq -c '.ingest.series.US_CPI | [.dates[-2:], .values[-2:]]' "$BATS_TEST_TMPDIR/out.json"
	assert_output '[["2025-09-01","2025-10-01"],[324.368,null]]'
	research 2025-12-30
	[ "$(out '.ingest.series.US_CPI.dates[-1]')" = 2025-11-01 ]
	# The BCB released February 2023's gross debt/GDP on Friday 2023-03-31.
	research 2023-03-30
	[ "$(out '.ingest.series.BR_GROSS_DEBT_GDP.dates[-1]')" = 2023-01-01 ]
	# The FOMC raised the range to 5.25-5.50 on 2023-07-26; fred_DFF.csv has 5.08 on
	# the 26th and 5.33 on the 27th, which the New York Fed published on the 28th.
	research 2023-07-27
	run -0 jq -c '.ingest.series.US_FED_FUNDS | [(.dates // [])[-1], .values[-1]]' \
	    "$BATS_TEST_TMPDIR/out.json"
	assert_output '["2023-07-26",5.08]'
	research 2023-07-28
	run -0 jq -c '.ingest.series.US_FED_FUNDS | [(.dates // [])[-1], .values[-1]]' \
	    "$BATS_TEST_TMPDIR/out.json"
	assert_output '["2023-07-27",5.33]'
}

@test "real data: IPCA 12m after the IBGE table ends is compounded from SGS 433 m/m" {
	require_research
	research 2024-07-15
	# Official IBGE 12-month IPCA: Dec 2023 4.62, Jan 2024 4.51, Jun 2024 4.23
	# (docs/CALIBRATION.md lists 4.23 for 2024-06-01); the IBGE table itself ends at 2023-11.
	run -0 jq -c '.ingest.series.BR_IPCA_12M | [.dates, .values] | transpose |
	    map(select(.[0] | IN("2023-11-01","2023-12-01","2024-01-01","2024-06-01")))' \
	    "$BATS_TEST_TMPDIR/out.json"
	assert_output '[["2023-11-01",4.68],["2023-12-01",4.62],["2024-01-01",4.51],["2024-06-01",4.23]]'
}

@test "real data: constant-maturity DI and NTN-B match an independent numpy interpolation" {
	require_research
	local f="$RESEARCH/data/br/anbima_secondary_market_LTN_NTNF_NTNB_daily_2007-2025.csv"
	local d id bonds tenor want got
	for d in 2012-03-15 2019-06-14 2024-01-12; do
		research "$d"
		for id in BR_DI_1Y:LTN+NTN-F:1 BR_DI_5Y:LTN+NTN-F:5 BR_NTNB_5Y:NTN-B:5 BR_NTNB_10Y:NTN-B:10; do
			IFS=: read -r name bonds tenor <<< "$id"
			want=$($PY "$TOP/tests/oracles/anbima_cm.py" "$f" "$d" "$bonds" "$tenor")
			got=$(out ".ingest.series.$name.values[-1]")
			run -0 $PY -c "import sys; w, g = '$want', '$got'
sys.exit(0 if (w == g == 'null') or abs(float(w) - float(g)) <= 0.005 else 1)"
		done
	done
}

@test "real data: quality says WARN while the daily Focus (critical) is stale" {
	require_research
	# The daily Focus file ends on 2022-11-18: 423 days stale on 2024-01-15, so the
	# gate caps the score at 69 (docs/DATA.md "Quality"); in 2021 it is fresh.
	research 2024-01-15
	[ "$(out '.ingest.summary.series')" -eq 62 ]	# 67 ids, 5 with no file (US_UNEMPLOYMENT)
	run -0 --separate-stderr "$BIN/step-quality" < "$BATS_TEST_TMPDIR/out.json"
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/q.json"
	run -0 jq -r '.quality.summary.detail' "$BATS_TEST_TMPDIR/q.json"
	assert_output --regexp '^score 69 WARN, [0-9]+ warnings, stale: BR_FOCUS_IPCA_12M \(critical, 423 d\), .*; 5 absent$'
	research 2021-06-15
	run -0 --separate-stderr "$BIN/step-quality" < "$BATS_TEST_TMPDIR/out.json"
	[ "$(jq -r '.quality.status' <<< "$output")" = PASS ]
	research 2024-01-15
	run -0 jq -r '.quality.series.BR_FX_FLOW.flags[0]' "$BATS_TEST_TMPDIR/q.json"
	assert_output "absent (no source in the catalogue)"
}

@test "real data: the second-pass files, values read off them by hand" {
	require_research
	research 2025-12-05
	# id:date:value, each value read off its file (README checks: unemployment 2020-09
	# 14.9, 2024-12 6.2; SGS 5793 2022-12 -1.25, 2023-12 2.28 as deficits > 0; iam03 nfsp
	# 2015 1.95; macroview NUCI 2022-10 80.7; FGV 2025-10 81,90; iam03 services 2025-09
	# 0.13; macro_report mean of cores 2024-07 0.426; iam03 FX flow 2020-01 -384.416).
	local spec id d want
	for spec in \
	    BR_UNEMPLOYMENT:2020-09-01:14.9 BR_UNEMPLOYMENT:2024-12-01:6.2 \
	    BR_PRIMARY_BALANCE_GDP:2023-12-01:-2.28 BR_PRIMARY_BALANCE_GDP:2022-12-01:1.25 \
	    BR_PRIMARY_BALANCE_GDP:2015-12-01:-1.95 \
	    BR_CAPACITY_UTIL:2025-10-01:81.9 BR_CAPACITY_UTIL:2022-10-01:80.7 \
	    BR_IPCA_SERVICES_MOM:2025-09-01:0.13 BR_IPCA_CORE_MOM:2024-07-01:0.43 \
	    BR_INFLATION_TARGET:2025-12-01:3 BR_FX_FLOW_M:2020-01-01:-384.4; do
		IFS=: read -r id d want <<< "$spec"
		run -0 jq -r --arg id "$id" --arg d "$d" '.ingest.series[$id] |
		    .values[(.dates | index($d))]' "$BATS_TEST_TMPDIR/out.json"
		assert_output "$want"
	done
	# HY OAS in bp: 2020-03-23 = 10.87 % in the FRED file; SIDRA 2020Q2 y/y -10.7;
	# after the SIDRA file (2022Q2) the y/y of FRED's SA level, 2023Q3 by Python.
	research 2021-06-15
	run -0 jq -r '.ingest.series.US_HY_OAS | .values[(.dates | index("2020-03-23"))]' \
	    "$BATS_TEST_TMPDIR/out.json"
	assert_output 1087
	run -0 jq -r '.ingest.series.BR_GDP_GROWTH | .values[(.dates | index("2020-04-01"))]' \
	    "$BATS_TEST_TMPDIR/out.json"
	assert_output -10.7
	research 2024-03-15
	want=$($PY -c "import csv
r = dict(list(csv.reader(open('$RESEARCH/data/br/fred_NGDPRSAXDCBRQ_real_gdp_sa_quarterly_1996-2024.csv')))[1:])
print(round((float(r['2023-07-01']) / float(r['2022-07-01']) - 1) * 100, 1))")
	run -0 jq -r '.ingest.series.BR_GDP_GROWTH | .values[(.dates | index("2023-07-01"))]' \
	    "$BATS_TEST_TMPDIR/out.json"
	assert_output "$want"
	# The mean of cores after macro_report ends (2024-07): iam03's five cores, by Python.
	research 2025-12-05
	want=$($PY -c "import csv
r = [x for x in csv.DictReader(open('$RESEARCH/data/br/iam03_bcb_ibge_fgv_macro_panel_monthly_1953-2026.csv')) if x['data'] == '2025-09-01'][0]
print(round(sum(float(r['ipca_nucleo_' + c]) for c in ('ex0', 'ex3', 'ms', 'dp', 'p55')) / 5, 2))")
	run -0 jq -r '.ingest.series.BR_IPCA_CORE_MOM | .values[(.dates | index("2025-09-01"))]' \
	    "$BATS_TEST_TMPDIR/out.json"
	assert_output "$want"
	# EMBI after IPEADATA stops (2024-07-30): the BCRD file, pp x 100 = bp.
	want=$(grep -m1 '^2024-08-01,Brasil,' "$RESEARCH/data/br/bcrd_jpm_embi_spread_brazil_global_daily_2007-2026.csv" | cut -d, -f3)
	research 2024-08-02
	run -0 jq -r --argjson w "$want" '.ingest.series.BR_EMBI |
	    (.values[(.dates | index("2024-08-01"))] - ($w * 100) | fabs) < 0.5' "$BATS_TEST_TMPDIR/out.json"
	assert_output true
}

@test "real data: no future data: the files truncated at as_of give the same ingest" {
	require_research
	# For six dates, copies of every catalogued file without the rows dated after the
	# date (tests/oracles/pit_truncate.py, in a tmp dir) must give the same ingest
	# section as the full files: nothing published after as_of may shape it (month
	# means, 12-month compounding, y/y, merging, interpolation). Numbers within 1e-9.
	local d dropped
	for d in 2008-10-15 2011-08-10 2013-10-21 2016-05-12 2020-03-18 2024-07-31; do
		run -0 $PY "$TOP/tests/oracles/pit_truncate.py" "$TOP/data/catalogue-research.tsv" \
		    "$RESEARCH/data" "$BATS_TEST_TMPDIR/cut-$d" "$d"
		dropped=${output##* }
		[ "$dropped" -gt 1000 ] || fail "$d: only $dropped rows after the date: nothing truncated"
		research "$d"
		cp "$BATS_TEST_TMPDIR/raw.json" "$BATS_TEST_TMPDIR/full.json"
		ingest "{\"as_of\":\"$d\"}" DAILY_CATALOGUE="$TOP/data/catalogue-research.tsv" \
		    DAILY_DATA_ROOT="$BATS_TEST_TMPDIR/cut-$d"
		[ "$status" -eq 0 ] || fail "truncated $d: $stderr"
		run -0 $PY "$TOP/tests/oracles/pit_truncate.py" --compare \
		    "$BATS_TEST_TMPDIR/full.json" "$BATS_TEST_TMPDIR/raw.json"
		rm -rf "$BATS_TEST_TMPDIR/cut-$d"
	done
}
