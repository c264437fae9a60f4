#!/usr/bin/env bats
# daily_run and the desk's calendar (docs/ORCHESTRATOR.md "Dates"): a date that is
# not a desk business day (an ANBIMA holiday or a weekend) is refused with exit 2
# unless --allow-holiday; without --date a weekend or holiday runs the last one.
load ../helpers
load ../fake-steps/lib

setup() {
	orch_setup
}

@test "calendar: Carnival Tuesday is refused, exit 2, one line, nothing run" {
	run -2 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-02-13
	assert_equal "$stderr" "daily_run: error: 2024-02-13 is not a desk business day (Carnival Tuesday): nothing to run; --allow-holiday runs it anyway"
	assert_equal "$output" ""
	[ ! -e "$DAILY_VARDIR/runs" ]
	[ -z "$(ls "$FAKE_MARKER_DIR")" ]
}

@test "calendar: weekends and other ANBIMA holidays are refused, naming why" {
	# 2024-02-17 Saturday; 2024-03-29 Good Friday; 2024-05-30 Corpus Christi (Easter
	# 2024-03-31 + 60); 2024-11-20 Consciência Negra (national from 2024)
	run -2 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-02-17
	[[ "$stderr" == *"2024-02-17 is not a desk business day (Saturday)"* ]]
	run -2 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-03-29
	[[ "$stderr" == *"2024-03-29 is not a desk business day (Good Friday)"* ]]
	run -2 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-05-30
	[[ "$stderr" == *"2024-05-30 is not a desk business day (Corpus Christi)"* ]]
	run -2 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-11-20
	[[ "$stderr" == *"2024-11-20 is not a desk business day (Black Consciousness Day)"* ]]
}

@test "calendar: a US-only holiday is a desk business day (MLK Day 2024-01-15 runs)" {
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line --index 0 '═══ Daily Pipeline Run: 2024-01-15 ═══'
}

@test "calendar: --allow-holiday runs the holiday anyway" {
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --allow-holiday --date 2024-02-13
	assert_line --index 0 '═══ Daily Pipeline Run: 2024-02-13 ═══'
	assert_line --regexp 'Status: SUCCESS$'
}

@test "calendar: no --date on Carnival Tuesday runs Friday 2024-02-09 and says so" {
	command -v faketime >/dev/null || skip "faketime not installed"
	# faketime's LD_PRELOAD would come before ASan's runtime, which refuses to start
	! ldd "$BIN/daily_run" | grep -q libasan || skip "faketime cannot preload before ASan (SAN=1)"
	export FAKETIME_DONT_FAKE_MONOTONIC=1
	run -0 --separate-stderr faketime '2024-02-13 12:00:00' "$BIN/daily_run" --dry-run
	assert_line --index 0 '═══ Daily Pipeline Run: 2024-02-09 ═══'
	assert_equal "$stderr" "daily_run: info: today 2024-02-13 is not a desk business day (Carnival Tuesday): running 2024-02-09, the last one"
	# a Sunday: the Friday before
	run -0 --separate-stderr faketime '2024-01-14 12:00:00' "$BIN/daily_run" --dry-run
	assert_line --index 0 '═══ Daily Pipeline Run: 2024-01-12 ═══'
}
