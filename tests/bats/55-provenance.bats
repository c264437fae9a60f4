#!/usr/bin/env bats
# Data provenance (docs/ORCHESTRATOR.md "Data source"): the console names the source,
# DAILY_DATA_ROOT without a catalogue and --require-real on the synthetic default are
# configuration errors (exit 78) before anything is created.
load ../helpers
load ../fake-steps/lib

setup() {
	orch_setup
	unset DAILY_CATALOGUE DAILY_DATA_ROOT DAILY_REQUIRE_REAL
}

nothing_created() {
	[ ! -e "$DAILY_VARDIR" ]
	[ -z "$(ls "$FAKE_MARKER_DIR")" ]
}

@test "provenance: the header names the synthetic default" {
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line --index 1 '  Data: synthetic default catalogue'
}

@test "provenance: the header names the catalogue and the data root" {
	export DAILY_CATALOGUE=/srv/cat.tsv DAILY_DATA_ROOT=/srv/data
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line --index 1 '  Data: catalogue /srv/cat.tsv, data root /srv/data'
}

@test "provenance: DAILY_DATA_ROOT without DAILY_CATALOGUE exits 78, nothing created" {
	export DAILY_DATA_ROOT=/srv/data
	run -78 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_equal "$stderr" "daily_run: error: DAILY_DATA_ROOT is set ('/srv/data') but DAILY_CATALOGUE is not: the run would ignore it and use the synthetic default; set DAILY_CATALOGUE (e.g. data/catalogue-research.tsv)"
	assert_equal "$output" ""
	nothing_created
}

@test "provenance: --require-real and DAILY_REQUIRE_REAL=1 refuse the synthetic default" {
	run -78 --separate-stderr "$BIN/daily_run" --dry-run --require-real --date 2024-01-15
	assert_equal "$stderr" "daily_run: error: --require-real: DAILY_CATALOGUE is not set, so the run would use the synthetic default catalogue"
	nothing_created
	DAILY_REQUIRE_REAL=1 run -78 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	nothing_created
	# with a catalogue it runs; DAILY_REQUIRE_REAL=0 is off
	DAILY_CATALOGUE=/srv/cat.tsv run -0 --separate-stderr "$BIN/daily_run" --dry-run --require-real --date 2024-01-15
	DAILY_REQUIRE_REAL=0 run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
}

@test "provenance: ingest's own record reaches the state (ingest.sources)" {
	ln -sfn "$BIN/step-ingest" "$DAILY_STEPDIR/step-ingest"
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	[ "$(jq -c '.ingest.sources[0] | [.kind, .seed]' "$(step_file "$(run_dir)" ingest)")" = '["synthetic",20050103]' ]
}

@test "provenance: --require-real with a catalogue of synthetic series fails at ingest (exit 78 there)" {
	ln -sfn "$BIN/step-ingest" "$DAILY_STEPDIR/step-ingest"
	export DAILY_CATALOGUE="$TOP/data/catalogue.tsv"
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --require-real --date 2024-01-15
	assert_line "  ✗ ingest:        FAILED — --require-real: ingest used synthetic series (synthetic, seed 20050103; catalogue $TOP/data/catalogue.tsv)"
	[ -z "$(step_file "$(run_dir)" ingest)" ]
	# without --require-real the same catalogue runs
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
}
