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
		run -0 jq -e '.quality.checks.completeness.total == 62 and
		    (.quality.series | length) == 62 and .ingest == $i[0].ingest' \
		    --slurpfile i "$BATS_TEST_TMPDIR/ing.json" "$BATS_TEST_TMPDIR/out.json"
	done
}

@test "a broken synthetic state: FAIL exits 1 with one line, nothing on stdout" {
	# Keep 5 of the 62 series (57 absent although their source exists: 27.6 points), move
	# as_of back so later observations violate PIT (30, the cap) and put USDBRL out of
	# its range 0.5..15 (10 flagged rows: 20): 100 - 27.6 - 30 - 20 = 22, FAIL. PIT: 5 series
	# times 141 business days after as_of (numpy.busday_count 2023-07-01..2024-01-16).
	state_for 2024-01-15 | "$BIN/step-ingest" | jq '.as_of = "2023-06-30"
	    | .ingest.series |= with_entries(select(.key | IN("USDBRL","VIX","BR_CDI","DXY","GOLD")))
	    | .ingest.series.USDBRL.values |= map(50)' > "$BATS_TEST_TMPDIR/in.json"
	run -1 --separate-stderr $VALGRIND "$BIN/step-quality" < "$BATS_TEST_TMPDIR/in.json"
	[ -z "$output" ]
	[ "$(wc -l <<< "$stderr")" -eq 1 ]
	assert_equal "$stderr" "quality: fatal: data quality score 22 FAIL: 57 stale or absent (BR_SELIC_TARGET, BR_IPCA_MOM, BR_IPCA_12M, BR_IPCA_CORE_MOM, BR_IPCA_SERVICES_MOM, ...), 705 PIT violations, 10 values out of range"
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
