#!/usr/bin/env bats
# daily_run over fake steps: the console, the run directory, every step failure.
load ../helpers
load ../fake-steps/lib

setup() {
	orch_setup
}

@test "all eight steps succeed: console, state files, summary" {
	run -0 --separate-stderr $VALGRIND "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line --index 0 '═══ Daily Pipeline Run: 2024-01-15 ═══'
	for s in $STEPS; do
		[ "$s" = report ] && continue
		assert_line --regexp "^  ✓ $s: +[0-9]+ms  \\($s ok\\)\$"
	done
	assert_line --regexp '^  ✓ report: +[0-9]+ms  \(report ok\)$'
	assert_line '─── Summary ───'
	assert_line '  Signals: 23 | Positions: 12 instruments | Leverage: 1.8x'
	assert_line '  VaR (95%): -2.1% | Regime: NEUTRAL'
	assert_line '  Risk Alerts: None'
	assert_line --regexp '^  Total: [0-9]+ms \| Status: SUCCESS$'
	n=$(steps_list | wc -l)	# ten lines around the steps'
	assert_line --regexp "^  Overhead: [0-9]+\\.[0-9]ms \\(daily_run itself, $n steps\\)\$"
	assert_line --regexp '^  Run: .*/var/runs/[0-9a-f-]{36} \(dry run\)$'
	assert_line --index $((n + 9)) '══════════════════════════════════════════'
	[ "${#lines[@]}" -eq $((n + 10)) ]
	assert_line --index 1 "  Data: synthetic default catalogue"
	[ -z "$stderr" ]
	d=$(run_dir)
	[ "$(jq -c '{as_of, dry_run, config}' "$d/00-initial.json")" = \
	    '{"as_of":"2024-01-15","dry_run":true,"config":{}}' ]
	[ "$(jq -r .run_id "$d/00-initial.json")" = "$(basename "$d")" ]
	n=1
	for s in $STEPS; do	# NN-<step>: NN its place in steps/STEPS
		[ -f "$d/$(printf %02d $n)-$s.json" ] && [ -z "$(step_file "$d" $s stderr)" ]	# silent
		n=$((n + 1))
	done
	[ "$(jq -r '.report.summary.signal_count' "$(step_file "$d" report)")" = 23 ]
	[ "$(jq -r '.ingest.summary.detail' "$(step_file "$d" report)")" = "ingest ok" ]
	[ ! -e "$DAILY_VARDIR/runs/success" ]	# dry runs are not recorded
}

@test "summary: alerts joined, leverage and VaR rounded as the original" {
	export FAKE_REPORT_SUMMARY='{"signal_count":5,"position_count":0,"leverage":0,"var_95":-0.0023978,"regime":"RISK_OFF","risk_alerts":["Risk level: HIGH","Limit breached: leverage"]}'
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line '  Signals: 5 | Positions: 0 instruments | Leverage: 0.0x'
	assert_line '  VaR (95%): -0.24% | Regime: RISK_OFF'
	assert_line '  Risk Alerts: Risk level: HIGH; Limit breached: leverage'
}

@test "a step exits 65: later steps never start, code shown, exit 1" {
	fake_step agents exit-65
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line --regexp '^  ✓ quality: '
	assert_line '  ✗ agents:        FAILED — exited 65'
	for s in $(steps_list | sed "1,/^agents$/d"); do	# every step after agents
		assert_line --regexp "^  - $s: +skipped\$"
		[ ! -e "$FAKE_MARKER_DIR/$s" ]
	done
	[ -e "$FAKE_MARKER_DIR/quality" ]
	assert_line '  Signals: n/a | Positions: n/a | Leverage: n/a'
	assert_line '  VaR (95%): n/a | Regime: n/a'
	assert_line --regexp 'Status: FAILED$'
	[[ "$stderr" == *"agents: fatal: missing field 'ingest.series'"* ]]
	[[ "$stderr" == *"daily_run: error: step 'agents': exited 65 after "* ]]
	d=$(run_dir)
	grep -q "missing field" "$(step_file "$d" agents stderr)"
	[ -z "$(step_file "$d" agents)" ] && [ -e "$(step_file "$d" agents json.tmp)" ]
	[ -z "$(step_file "$d" aggregate)" ]
}

@test "a step killed by SIGKILL: code 137, never a success" {
	fake_step risk kill-self-9
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line '  ✗ risk:          FAILED — killed by signal 9 (code 137)'
	assert_line --regexp '^  - report: +skipped$'
}

@test "a step dies of SIGSEGV: code 139" {
	fake_step ingest segv
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line '  ✗ ingest:        FAILED — killed by signal 11 (code 139)'
}

@test "invalid JSON output: bad output, the partial file kept" {
	fake_step strategies bad-json
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line --regexp '^  ✗ strategies: +FAILED — output is not a JSON object: line 1, column [0-9]+: '
	d=$(run_dir)
	[ -e "$(step_file "$d" strategies json.tmp)" ] && [ -z "$(step_file "$d" strategies)" ]
}

@test "a JSON array as output: bad output" {
	fake_step portfolio json-array
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line '  ✗ portfolio:     FAILED — output is not a JSON object'
	assert_line --regexp '^  - risk: +skipped$'
}

@test "output over the size cap fails cleanly" {
	export DAILY_MAX_STATE_MB=1
	fake_step ingest big-output
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line '  ✗ ingest:        FAILED — output is larger than 1 MiB'
	d=$(run_dir)
	[ "$(stat -c %s "$(step_file "$d" ingest json.tmp)")" -le 1048576 ]
}

@test "missing program: 127 and the path named" {
	rm "$DAILY_STEPDIR/step-agents"
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line "  ✗ agents:        FAILED — program not found: $DAILY_STEPDIR/step-agents (code 127)"
	[[ "$stderr" == *"daily_run: error: step 'agents': program not found: "* ]]
}

@test "a program that cannot be executed: 126" {
	rm "$DAILY_STEPDIR/step-quality"
	printf 'no shebang\n' > "$DAILY_STEPDIR/step-quality"
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line "  ✗ quality:       FAILED — cannot execute $DAILY_STEPDIR/step-quality: Permission denied (code 126)"
}

@test "a directory in place of the program: 126" {
	rm "$DAILY_STEPDIR/step-risk"
	mkdir "$DAILY_STEPDIR/step-risk"
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line "  ✗ risk:          FAILED — cannot execute $DAILY_STEPDIR/step-risk: Permission denied (code 126)"
}

@test "out of file descriptors: a clean failure, exit 1" {
	# Whatever fds bats holds open, 7 leaves too few for a step.
	run -1 --separate-stderr bash -c 'ulimit -n 7 && exec "$0" --dry-run --date 2024-01-15' "$BIN/daily_run"
	[[ "$stderr" == *"Too many open files"* ]]
	[ ! -e "$FAKE_MARKER_DIR/ingest" ]
}

@test "a stderr flood of 8 MiB: the run completes, the file is capped" {
	fake_step aggregate stderr-flood
	export DAILY_STDERR_CAP_KB=256
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	d=$(run_dir)
	size=$(stat -c %s "$(step_file "$d" aggregate stderr)")
	[ "$size" -ge 262144 ] && [ "$size" -lt 262400 ]
	tail -n 1 "$(step_file "$d" aggregate stderr)" | grep -q 'stderr over the cap'
	[ "${#stderr}" -lt 300000 ]
	assert_line --regexp '^  ✓ report: '
}

@test "DAILY_STDERR_CAP_KB=0 and DAILY_STEP_MEMORY_MB=lots: one warning each, the defaults apply" {
	fake_step aggregate stderr-flood
	export DAILY_STDERR_CAP_KB=0 DAILY_STEP_MEMORY_MB=lots
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	# Read once per run: one line each though eight steps ran.
	[ "$(grep -c "^daily_run: warning: DAILY_STDERR_CAP_KB '0' is not a whole number from 1 to 1048576, using 1024$" <<<"$stderr")" -eq 1 ]
	[ "$(grep -c "^daily_run: warning: DAILY_STEP_MEMORY_MB 'lots' is not a whole number from 0 to 1048576, using [0-9]*$" <<<"$stderr")" -eq 1 ]
	# The default cap, 1024 KiB = 1048576 bytes, plus the one note.
	d=$(run_dir)
	size=$(stat -c %s "$(step_file "$d" aggregate stderr)")
	[ "$size" -ge 1048576 ] && [ "$size" -lt 1048900 ]
	assert_line --regexp '^  ✓ report: '
}

@test "DAILY_STEP_MEMORY_MB=0 (no bound) and DAILY_STDERR_CAP_KB=1048576 are in range: no warning" {
	export DAILY_STDERR_CAP_KB=1048576 DAILY_STEP_MEMORY_MB=0
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	[[ "$stderr" != *"is not a whole number"* ]]
}

@test "a step that never reads stdin succeeds" {
	fake_step ingest no-read
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line --regexp '^  ✓ ingest: +[0-9]+ms  \(ignored stdin\)$'
}

@test "a step sees fds 0, 1, 2 and the date's lock as 3 only, an empty mask and no ignored signal" {
	fake_step quality fds
	exec 7</dev/null	# an fd daily_run inherits must not reach the step
	trap '' USR1		# nor an ignored signal
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	exec 7<&-
	[[ "$stderr" == *"fds: 0 1 2 3"$'\n'* ]]
	[[ "$stderr" == *"fd 3: $DAILY_VARDIR/locks/2024-01-15.lock"$'\n'* ]]
	[[ "$stderr" == *"SigBlk:	0000000000000000"* ]]
	# glibc reserves signals 32 and 33 (bits 0x180000000); no other is ignored.
	ign=$(sed -n 's/^SigIgn:\t//p' <<<"$stderr")
	[ $(( 0x$ign & ~0x180000000 )) -eq 0 ]
}

@test "step stderr goes to the terminal and to NN-step.stderr" {
	export FAKE_STDERR="hello from a step"
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	[[ "$stderr" == *"risk: info: hello from a step"* ]]
	grep -qx 'risk: info: hello from a step' "$(step_file "$(run_dir)" risk stderr)"
}

@test "no colour when stdout is not a terminal, even without NO_COLOR" {
	unset NO_COLOR
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	[[ "$output" != *$'\033'* ]]
}

@test "the step table: steps/STEPS is what daily_run runs; a malformed line names file and line" {
	# daily_run's order is the file's (steps_list reads it through scripts/step-table)
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	[ "$(sed -n 's/^  ✓ \([a-z_]*\):.*/\1/p' <<< "$output")" = "$(steps_list)" ]
	# and so are the timeouts: the generated table has each line's seconds
	run -0 "$TOP/scripts/step-table" "$TOP/steps/STEPS"
	assert_line --index 0 --regexp '^	\{ "ingest", [0-9]+ \},$'
	[ "${#lines[@]}" -eq "$(steps_list | wc -l)" ]
	local t="$BATS_TEST_TMPDIR/STEPS"
	printf '# comment\n\ningest 300\nquality\n' > "$t"
	run -65 --separate-stderr "$TOP/scripts/step-table" "$t"
	assert_equal "$stderr" "step-table: $t:4: expected a name and a timeout in seconds"
	[ -z "$output" ]	# nothing half-written
	printf 'ingest 300\nIngest 10\n' > "$t"
	run -65 --separate-stderr "$TOP/scripts/step-table" -n "$t"
	assert_equal "$stderr" "step-table: $t:2: invalid step name \"Ingest\""
	printf 'ingest 300\nrisk 0\n' > "$t"
	run -65 --separate-stderr "$TOP/scripts/step-table" "$t"
	assert_equal "$stderr" "step-table: $t:2: invalid timeout \"0\": expected 1 to 86400 seconds"
	printf 'risk 60\nrisk 60\n' > "$t"
	run -65 --separate-stderr "$TOP/scripts/step-table" "$t"
	assert_equal "$stderr" "step-table: $t:2: step \"risk\" listed twice"
	printf '# none\n' > "$t"
	run -65 --separate-stderr "$TOP/scripts/step-table" "$t"
	assert_equal "$stderr" "step-table: $t: no step"
	printf 'ingest 300\nrisk 600\n' > "$t"
	run -0 "$TOP/scripts/step-table" -n "$t"
	assert_output $'ingest\nrisk'
}
