#!/usr/bin/env bats
# step-quality: table-driven fixtures (fixtures/quality/<case>.in.json with .code, an
# .err pattern and a .jq assertion whose hand calculation is in its comments), then
# the synthetic default over several dates and a FAIL that writes nothing.
load ../helpers

setup() {
	cd "$TOP"
}

@test "fixtures: exit code, stderr pattern, jq assertion" {
	local in base code
	for in in "$TOP"/tests/fixtures/quality/*.in.json; do
		base=${in%.in.json}
		code=$(cat "$base.code")
		run -"$code" --separate-stderr $VALGRIND "$BIN/step-quality" < "$in"
		if [ "$code" -ne 0 ]; then
			[ -z "$output" ] || fail "$(basename "$base"): stdout not empty on exit $code"
		fi
		if [ -f "$base.err" ]; then
			grep -Eq -f "$base.err" <<< "$stderr" ||
			    fail "$(basename "$base"): stderr '$stderr' does not match $(cat "$base.err")"
		fi
		if [ -f "$base.jq" ]; then
			printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/out.json"
			jq -e "$(grep -v '^#' "$base.jq")" "$BATS_TEST_TMPDIR/out.json" > /dev/null ||
			    fail "$(basename "$base"): $(cat "$base.jq")"
		fi
	done
}

@test "synthetic default: PASS on dates from 2007 to 2026, canonical detail" {
	local d
	for d in 2007-06-29 2008-10-10 2015-09-30 2020-03-18 2022-06-15 2024-01-15 2026-11-20; do
		state_for "$d" > "$BATS_TEST_TMPDIR/in.json"
		"$BIN/step-ingest" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/ing.json"
		run -0 --separate-stderr $VALGRIND "$BIN/step-quality" < "$BATS_TEST_TMPDIR/ing.json"
		printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/out.json"
		run -0 jq -r '.quality | "\(.status) \(.checks.completeness.stale) \(.checks.completeness.absent) \(.checks.point_in_time.violations) \(.checks.curve_integrity.issues) \(.checks.accuracy.flagged)"' \
		    "$BATS_TEST_TMPDIR/out.json"
		assert_output "PASS 0 0 0 0 0"
		run -0 jq -r '.quality.summary.detail' "$BATS_TEST_TMPDIR/out.json"
		assert_output --regexp '^score 100 PASS, [0-9]+ warnings$'
		run -0 jq -e '.quality.checks.completeness.total == 64 and
		    (.quality.series | length) == 64 and .ingest == $i[0].ingest' \
		    --slurpfile i "$BATS_TEST_TMPDIR/ing.json" "$BATS_TEST_TMPDIR/out.json"
	done
}

@test "a broken synthetic state: FAIL exits 1 with one line, nothing on stdout" {
	# Keep 5 of the 64 series (59 absent although their source exists: 27.7 points), move
	# as_of back so later observations violate PIT (30, the cap) and put USDBRL out of
	# its range 0.5..15 (10 flagged rows: 20): 100 - 27.6 - 30 - 20 = 22, FAIL. PIT: 5 series
	# times 141 business days after as_of (numpy.busday_count 2023-07-01..2024-01-16).
	# 11 of the 13 critical series are among the absent (USDBRL and VIX are kept).
	state_for 2024-01-15 | "$BIN/step-ingest" | jq '.as_of = "2023-06-30"
	    | .ingest.series |= with_entries(select(.key | IN("USDBRL","VIX","BR_CDI","DXY","GOLD")))
	    | .ingest.series.USDBRL.values |= map(50)' > "$BATS_TEST_TMPDIR/in.json"
	run -1 --separate-stderr $VALGRIND "$BIN/step-quality" < "$BATS_TEST_TMPDIR/in.json"
	[ -z "$output" ]
	[ "$(wc -l <<< "$stderr")" -eq 1 ]
	assert_equal "$stderr" "quality: fatal: data quality score 22 FAIL: 11 critical stale or absent (BR_SELIC_TARGET, BR_IPCA_MOM, BR_IPCA_12M, BR_FOCUS_IPCA_12M, BR_INFLATION_TARGET, ...), 59 stale or absent (BR_SELIC_TARGET, BR_IPCA_MOM, BR_IPCA_12M, BR_IPCA_CORE_MOM, BR_IPCA_SERVICES_MOM, ...), 705 PIT violations, 10 values out of range"
}

@test "deterministic output; usage; /dev/full" {
	state_for 2024-01-15 | "$BIN/step-ingest" > "$BATS_TEST_TMPDIR/in.json"
	"$BIN/step-quality" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/a.json"
	"$BIN/step-quality" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/b.json"
	run -0 cmp "$BATS_TEST_TMPDIR/a.json" "$BATS_TEST_TMPDIR/b.json"
	run -0 "$BIN/step-quality" -h
	assert_output --partial step-quality
	run -64 --separate-stderr "$BIN/step-quality" extra
	run -74 --separate-stderr sh -c '"$0" < "$1" > /dev/full' "$BIN/step-quality" \
	    "$BATS_TEST_TMPDIR/in.json"
}

# gate_state AS_OF IDS...: the synthetic state with the given series' values null after
# 2022-11-18 (the day the real daily Focus file ends), in $BATS_TEST_TMPDIR/in.json.
gate_state() {
	local as_of=$1 ids
	shift
	ids=$(printf '%s\n' "$@" | jq -R . | jq -sc .)
	state_for "$as_of" | "$BIN/step-ingest" | jq --argjson ids "$ids" '
	    .ingest.calendars.D as $d | reduce $ids[] as $id (.;
	    .ingest.series[$id].values |= [range(length) as $i |
	        if $d[$i] > "2022-11-18" then null else .[$i] end])' > "$BATS_TEST_TMPDIR/in.json"
}

@test "gate: one critical series stale caps at 69 WARN; the console line names it" {
	# Focus last seen 2022-11-18, 423 days before 2024-01-15 (limit 5). Score before the
	# gate: 100 - 30 x 1 / 64 = 99.5 -> 100; the gate caps it at 69.
	gate_state 2024-01-15 BR_FOCUS_IPCA_12M
	run -0 --separate-stderr $VALGRIND "$BIN/step-quality" < "$BATS_TEST_TMPDIR/in.json"
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -r '.quality | "\(.score) \(.status) \(.checks.completeness.critical_stale) \(.checks.completeness.critical)"' \
	    "$BATS_TEST_TMPDIR/out.json"
	assert_output '69 WARN 1 ["BR_FOCUS_IPCA_12M"]'
	run -0 jq -r '.quality.summary.detail' "$BATS_TEST_TMPDIR/out.json"
	assert_output --regexp '^score 69 WARN, [0-9]+ warnings, stale: BR_FOCUS_IPCA_12M \(critical, 423 d\)$'
	# A non-critical daily series as stale: no cap (100 - 0.48 -> 100 PASS), but named.
	gate_state 2024-01-15 GOLD
	run -0 --separate-stderr "$BIN/step-quality" < "$BATS_TEST_TMPDIR/in.json"
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -r '.quality.summary.detail' "$BATS_TEST_TMPDIR/out.json"
	assert_output --regexp '^score 100 PASS, [0-9]+ warnings, stale: GOLD \(423 d\)$'
}

@test "gate: three critical series stale: FAIL, the line names them" {
	gate_state 2024-01-15 VIX BR_FOCUS_IPCA_12M BR_EMBI
	run -1 --separate-stderr $VALGRIND "$BIN/step-quality" < "$BATS_TEST_TMPDIR/in.json"
	[ -z "$output" ]
	assert_equal "$stderr" "quality: fatal: data quality score 39 FAIL: 3 critical stale or absent (BR_FOCUS_IPCA_12M, BR_EMBI, VIX), 3 stale or absent (BR_FOCUS_IPCA_12M, BR_EMBI, VIX)"
	# Two are only WARN.
	gate_state 2024-01-15 VIX BR_EMBI
	run -0 --separate-stderr "$BIN/step-quality" < "$BATS_TEST_TMPDIR/in.json"
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/out.json"
	[ "$(jq -r '.quality.status' "$BATS_TEST_TMPDIR/out.json")" = WARN ]
}

@test "gate: the share of the catalogue absent, at 16 and 17 of 64 (25 % = 16)" {
	# N non-critical ids set to source none: absent weighs half a stale series.
	# 16 absent: 100 - 30 x 8 / 64 = 96.25 -> 96 PASS (16 x 4 = 64, not above); 17:
	# 100 - 30 x 8.5 / 64 = 96.0, capped at 69 WARN (17 x 4 > 64). The issue's case, 18
	# absent and Focus 423 days stale (100 - 30 x (1 + 9) / 64 = 95.3 before the gate),
	# is WARN too.
	local n want ids
	ids=$(grep -v '^#' "$TOP/data/catalogue.tsv" | grep -v critical | cut -f1 | head -18)
	for n in 16:'96 PASS' 17:'69 WARN' 18:'69 WARN'; do
		want=${n#*:}
		n=${n%%:*}
		awk -F'\t' -v OFS='\t' -v ids="$(head -"$n" <<< "$ids" | tr '\n' ' ')" '
		    BEGIN { split(ids, a, " "); for (i in a) drop[a[i]] = 1 }
		    !/^#/ && ($1 in drop) { $9 = "none"; $10 = "-" } { print }' \
		    "$TOP/data/catalogue.tsv" > "$BATS_TEST_TMPDIR/cat.tsv"
		state_for 2024-01-15 | DAILY_CATALOGUE="$BATS_TEST_TMPDIR/cat.tsv" "$BIN/step-ingest" \
		    > "$BATS_TEST_TMPDIR/in.json"
		run -0 --separate-stderr "$BIN/step-quality" < "$BATS_TEST_TMPDIR/in.json"
		printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/out.json"
		run -0 jq -r '.quality | "\(.score) \(.status) \(.checks.completeness.missing)"' \
		    "$BATS_TEST_TMPDIR/out.json"
		assert_output "$want $n"
	done
	jq '.ingest.calendars.D as $d | .ingest.series.BR_FOCUS_IPCA_12M.values |=
	    [range(length) as $i | if $d[$i] > "2022-11-18" then null else .[$i] end]' \
	    "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/focus.json"
	run -0 --separate-stderr "$BIN/step-quality" < "$BATS_TEST_TMPDIR/focus.json"
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/out.json"
	run -0 jq -r '.quality.summary.detail' "$BATS_TEST_TMPDIR/out.json"
	assert_output --regexp '^score 69 WARN, [0-9]+ warnings, stale: BR_FOCUS_IPCA_12M \(critical, 423 d\); 18 absent$'
}
