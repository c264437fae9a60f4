#!/usr/bin/env bats
# daily_run replay (docs/ORCHESTRATOR.md "Replay"): a saved run rerun in a scratch
# directory, from any directory; --verify proves the outputs identical or names the
# first step and JSON path that differ; nothing written to the run, reports or rows.
load ../helpers
load ../fake-steps/lib

setup() {
	orch_setup
	unset DAILY_CATALOGUE DAILY_DATA_ROOT
	export TMPDIR="$BATS_TEST_TMPDIR/tmp"
	mkdir -p "$TMPDIR"
	local s
	for s in $STEPS; do ln -sfn "$BIN/step-$s" "$DAILY_STEPDIR/step-$s"; done
}

teardown() {
	kill_fake_db
}

# A real (non-dry) run of 2024-01-15 with the real steps; its id in $id.
real_run() {
	fake_db $FAKE_DB_RUN
	"$BIN/daily_run" --date 2024-01-15 >/dev/null
	id=$(ls -td "$DAILY_VARDIR"/runs/*-*-*-*-* | head -1)
	id=${id##*/}
	kill_fake_db
	unset DATABASE_URL
}

@test "replay --verify on a real run: byte-identical, from another directory, nothing written" {
	real_run
	find "$DAILY_VARDIR" -newer "$(step_file "$DAILY_VARDIR/runs/$id" report)" > before
	mkdir elsewhere && cd elsewhere
	export DATABASE_URL="postgresql://127.0.0.1:1/none"	# never used
	run -0 --separate-stderr "$BIN/daily_run" replay "$id" --verify
	assert_line --index 0 "═══ Replay of $id (2024-01-15) from ingest ═══"
	assert_line "verify: $(steps_list | wc -l) step outputs byte-identical to the saved run (report_dir mapped to the scratch directory)"
	# the scratch is gone once proven; the run, its reports and the cwd are untouched
	[ -z "$(ls -A "$TMPDIR")" ]
	[ -z "$(ls -A .)" ]
	find "$DAILY_VARDIR" -newer "$(step_file "$DAILY_VARDIR/runs/$id" report)" > ../after
	cmp ../before ../after
}

@test "replay --from a step: only the later steps run" {
	real_run
	run -0 --separate-stderr "$BIN/daily_run" replay "$id" --from risk --verify
	assert_line "verify: $(steps_list | sed -n '/^risk$/,$p' | wc -l) step outputs byte-identical to the saved run (report_dir mapped to the scratch directory)"
	refute_line --partial "ingest:"
	assert_line --regexp '^  ✓ risk: '
}

@test "replay --verify on a tampered state names the first step and JSON path" {
	real_run
	f="$(step_file "$DAILY_VARDIR/runs/$id" risk)"
	# sed, not jq: jq would rewrite every number's digits
	[ "$(grep -o '"detail":"VaR95: [^"]*"' "$f" | wc -l)" = 1 ]
	sed -i 's/"detail":"VaR95: [^"]*"/"detail":"tampered"/' "$f"
	run -1 --separate-stderr "$BIN/daily_run" replay "$id" --verify
	assert_line "verify: step 'risk' differs at risk.summary.detail"
	# the scratch stays for inspection
	[ -n "$(ls -A "$TMPDIR")" ]
	# a tampered input: the step reading it is the first to differ
	real_run
	f="$(step_file "$DAILY_VARDIR/runs/$id" portfolio)"
	[ "$(grep -o '"detail":"[0-9]* strategy positions -> [^"]*"' "$f" | wc -l)" = 1 ]
	sed -i 's/"detail":"[0-9]* strategy positions -> [^"]*"/"detail":"x"/' "$f"
	run -1 --separate-stderr "$BIN/daily_run" replay "$id" --from risk --verify
	assert_line --regexp "^verify: step 'risk' differs at portfolio\.summary\.detail\$"
}

@test "replay without --verify keeps the scratch; errors" {
	real_run
	run -0 --separate-stderr "$BIN/daily_run" replay "$id"
	scratch=$(sed -n 's/^  Scratch: //p' <<<"$output")
	[ -s "$(step_file "$scratch" report)" ]
	# the run's report tree, moved whole into the scratch (runs/<id>/ and the index)
	[ -s "$scratch/reports/runs/$id/2024-01-15/report.md" ]
	[ -s "$scratch/reports/index.html" ]
	run -1 --separate-stderr "$BIN/daily_run" replay 00000000-0000-0000-0000-000000000000
	[[ "$stderr" == "daily_run: error: no run directory '$DAILY_VARDIR/runs/00000000-0000-0000-0000-000000000000': No such file or directory" ]]
	run -2 --separate-stderr "$BIN/daily_run" replay "$id" --from nosuch
	assert_equal "${stderr_lines[0]}" "daily_run: error: unknown step 'nosuch'"
	run -2 --separate-stderr "$BIN/daily_run" replay nope
	run -2 --separate-stderr "$BIN/daily_run" replay
}
