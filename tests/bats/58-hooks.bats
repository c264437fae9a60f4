#!/usr/bin/env bats
# --on-failure / DAILY_ON_FAILURE, --json, --quiet (docs/ORCHESTRATOR.md "Hooks and
# machine output").
load ../helpers
load ../fake-steps/lib

setup() {
	orch_setup
	unset DAILY_ON_FAILURE DAILY_HOOK_TIMEOUT
}

# A hook that saves its stdin and environment.
hook() {
	cat > hook.sh <<'SH'
cat > "$HOOK_DIR/stdin"
printf '%s|%s|%s|%s\n' "$RUN_ID" "$RUN_DATE" "$STATUS" "$FAILED_STEP" > "$HOOK_DIR/env"
SH
	export HOOK_DIR="$BATS_TEST_TMPDIR"
}

@test "hooks: --on-failure gets the JSON summary on stdin and the run in its environment" {
	hook
	fake_step risk exit-65
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --on-failure "sh $PWD/hook.sh"
	id=$(basename "$(run_dir)")
	assert_equal "$(cat env)" "$id|2024-01-15|FAILED|risk"
	[ "$(jq -r '[.run_id, .date, .status, .failed_step, .exit_code, .error] | join("|")' stdin)" = \
	    "$id|2024-01-15|FAILED|risk|65|exited 65" ]
	[ "$(jq -r '.steps | map(.status) | join(",")' stdin)" = ok,ok,ok,ok,ok,ok,failed,skipped ]
	[ "$(jq -r .run_dir stdin)" = "$(run_dir)" ]
}

@test "hooks: not run on success; DAILY_ON_FAILURE works too" {
	hook
	export DAILY_ON_FAILURE="sh $PWD/hook.sh"
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	[ ! -e env ]
	fake_step quality exit-65
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	[[ "$(cat env)" == *"|2024-01-15|FAILED|quality" ]]
}

@test "hooks: a failing hook is reported, a slow one is killed at its time limit" {
	fake_step risk exit-65
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --on-failure 'exit 3'
	[[ "$stderr" == *"daily_run: error: failure hook 'exit 3' exited 3" ]]
	export DAILY_HOOK_TIMEOUT=0.5
	t0=$(now_ms)
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --on-failure 'sleep 30'
	[ $(( $(now_ms) - t0 )) -lt 5000 ]
	[[ "$stderr" == *"daily_run: error: failure hook 'sleep 30' timed out after 0.5s and was killed" ]]
}

@test "hooks: --json prints one JSON document and nothing else" {
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --json
	[ "$(jq -r '[.status, .date, .dry_run, .row_stored, .summary.signal_count, (.steps | length)] | join("|")' <<<"$output")" = \
	    "SUCCESS|2024-01-15|true|false|23|8" ]
	[[ "$output" != *"═══"* ]]
	fake_step agents exit-65
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --json
	[ "$(jq -r '[.status, .failed_step, .exit_code] | join("|")' <<<"$output")" = "FAILED|agents|65" ]
}

@test "hooks: --quiet prints nothing on success, the failed step and the Summary on failure" {
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --quiet
	assert_output ""
	fake_step agents exit-65
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --quiet
	assert_line --index 0 '  ✗ agents:        FAILED — exited 65'
	assert_line --regexp 'Status: FAILED$'
	refute_line --partial '✓'
	run -2 --separate-stderr "$BIN/daily_run" --dry-run --json --quiet
}

@test "hooks: a run stopped by the database check still calls the hook and prints its JSON" {
	hook
	export DATABASE_URL="postgresql://127.0.0.1:1/daily_run"
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15 --json --on-failure "sh $PWD/hook.sh"
	assert_equal "$(cat env)" "|2024-01-15|FAILED|"
	[ "$(jq -r '[.run_id, .status, .error, .row_stored, (.steps | length)] | map(tostring) | join("|")' stdin)" = \
	    "null|FAILED|no step ran: the database check failed|false|0" ]
	[ "$(jq -r .error <<<"$output")" = "no step ran: the database check failed" ]
	[ ! -e "$DAILY_VARDIR/runs" ]
}
