#!/usr/bin/env bats
# daily_run: timeouts, SIGINT/SIGTERM mid-step, the per-date lock. No orphans.
load ../helpers
load ../fake-steps/lib

setup() {
	orch_setup
	export FAKE_PIDFILE="$BATS_TEST_TMPDIR/pids"
}

teardown() {
	local p
	[ -f "$FAKE_PIDFILE" ] || return 0
	for p in $(cat "$FAKE_PIDFILE"); do
		kill -9 "$p" 2>/dev/null || true
	done
}

# Both the step and its grandchild are gone.
no_orphans() {
	local p
	[ "$(wc -l < "$FAKE_PIDFILE")" -eq 2 ]
	for p in $(cat "$FAKE_PIDFILE"); do
		! alive "$p" || { echo "pid $p still alive" >&2; return 1; }
	done
}

@test "a hung step is killed at its timeout, with its grandchild" {
	fake_step agents sleep-forever
	t0=$(now_ms)
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --step-timeout 1
	t=$(( $(now_ms) - t0 ))
	assert_line '  ✗ agents:        FAILED — timed out after 1s (code 124)'
	assert_line --regexp '^  - aggregate: +skipped$'
	[[ "$stderr" == *"daily_run: error: step 'agents': timed out after 1s (code 124) after 1."* ]]
	[ "$t" -lt 2500 ]	# SIGTERM ends it at once
	no_orphans
}

@test "a step ignoring SIGTERM gets SIGKILL after the grace: total <= timeout + grace" {
	fake_step risk sleep-forever
	export FAKE_IGNORE_TERM=1
	t0=$(now_ms)
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --step-timeout 1
	t=$(( $(now_ms) - t0 ))
	assert_line '  ✗ risk:          FAILED — timed out after 1s (code 124)'
	[ "$t" -ge 2000 ] && [ "$t" -lt 3000 ]	# 1 s timeout + 1 s grace
	no_orphans
}

@test "a step exits leaving a grandchild on its stderr: no hang, no orphan" {
	fake_step quality bg-child
	t0=$(now_ms)
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	[ $(( $(now_ms) - t0 )) -lt 2000 ]
	assert_line --regexp '^  ✓ report: '
	run ! alive "$(cat "$FAKE_PIDFILE")"
}

# Start daily_run in the background on a hanging step and send it signal $1, with
# the terminal's default dispositions (dfl_signals).
abort_with() {
	fake_step strategies sleep-forever
	dfl_signals "$BIN/daily_run" --dry-run --date 2024-01-15 \
	    >"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" &
	pid=$!
	wait_file "$FAKE_PIDFILE"
	kill -"$1" "$pid"
	status=0
	wait "$pid" || status=$?
}

@test "SIGINT to daily_run mid-step: forwarded, run aborted, exit 1, no orphan" {
	abort_with INT
	[ "$status" -eq 1 ]
	grep -q '^  ✗ strategies:    FAILED — aborted: daily_run got signal 2$' "$BATS_TEST_TMPDIR/out"
	grep -q '^  - portfolio:     skipped$' "$BATS_TEST_TMPDIR/out"
	grep -q 'Status: FAILED$' "$BATS_TEST_TMPDIR/out"
	[ ! -e "$FAKE_MARKER_DIR/portfolio" ]
	no_orphans
}

@test "SIGTERM to daily_run mid-step: the same" {
	abort_with TERM
	[ "$status" -eq 1 ]
	grep -q 'aborted: daily_run got signal 15$' "$BATS_TEST_TMPDIR/out"
	no_orphans
}

@test "SIGQUIT (Ctrl-\\) to daily_run mid-step: forwarded too, no orphan" {
	# A background job of a shell without job control starts with SIGQUIT
	# ignored: give daily_run the terminal's default disposition.
	fake_step strategies sleep-forever
	$PY -c 'import os, signal, sys
signal.signal(signal.SIGQUIT, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$BIN/daily_run" --dry-run --date 2024-01-15 \
	    >"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" &
	pid=$!
	wait_file "$FAKE_PIDFILE"
	kill -QUIT "$pid"
	status=0
	wait "$pid" || status=$?
	[ "$status" -eq 1 ]
	grep -q '^  ✗ strategies:    FAILED — aborted: daily_run got signal 3$' "$BATS_TEST_TMPDIR/out"
	grep -q '^  - portfolio:     skipped$' "$BATS_TEST_TMPDIR/out"
	no_orphans
}

@test "SIGTERM to daily_run while the step ignores it: SIGKILL after the grace" {
	export FAKE_IGNORE_TERM=1
	t0=$(now_ms)
	abort_with TERM
	t=$(( $(now_ms) - t0 ))
	[ "$status" -eq 1 ]
	[ "$t" -lt 4000 ]
	no_orphans
}

@test "the date's lock is held by another run: exit 75 naming the holder" {
	fake_step ingest sleep-forever
	"$BIN/daily_run" --dry-run --date 2024-01-15 >/dev/null 2>&1 &
	first=$!
	wait_file "$FAKE_PIDFILE"
	run -75 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_equal "$stderr" "daily_run: fatal: another run holds '$DAILY_VARDIR/locks/2024-01-15.lock' (pid $first)"
	[ -z "$output" ]
	# Another date is free (backfills run side by side).
	fake_step ingest pass
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-16
	kill -TERM "$first"
	wait "$first" || true
	# The lock goes with its holder.
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
}
