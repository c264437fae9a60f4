#!/usr/bin/env bats
# daily_run hardening (issue 10): each test is one reproduction of the issue, with
# fake steps. The database ones are in 83-harden-db.bats. docs/RELIABILITY.md lists
# which test holds which item.
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

# Item 4: a summary that does not fit the row's columns is the report step's bad output.
@test "report.summary: a regime over 30 characters is a bad output of report" {
	export FAKE_REPORT_SUMMARY='{"signal_count":1,"regime":"ABCDEFGHIJKLMNOPQRSTUVWXYZ01234"}'
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line '  ✗ report:        FAILED — bad output: report.summary.regime is not a string of at most 30 printable characters'
	assert_line --partial 'Regime: n/a'
	[ -f "$(step_file "$(run_dir)" report json.tmp)" ] && [ -z "$(step_file "$(run_dir)" report)" ]
}

@test "report.summary: 30 characters (multi-byte) are accepted" {
	export FAKE_REPORT_SUMMARY='{"regime":"ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ"}'
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line --partial 'Regime: ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ'
}

@test "report.summary: signal_count 1e10, 2.5, -1 or a string is a bad output" {
	for v in 1e10 2.5 -1 '"23"' 2147483648; do
		rm -rf "$DAILY_VARDIR"
		export FAKE_REPORT_SUMMARY="{\"signal_count\":$v}"
		run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
		assert_line '  ✗ report:        FAILED — bad output: report.summary.signal_count is not an integer from 0 to 2147483647'
	done
	export FAKE_REPORT_SUMMARY='{"signal_count":2147483647}'
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line --partial 'Signals: 2147483647 |'
}

@test "report.summary: missing, not an object, or a non-numeric leverage is a bad output" {
	export FAKE_REPORT_SUMMARY='[1]'
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line '  ✗ report:        FAILED — bad output: report.summary is not an object'
	rm -rf "$DAILY_VARDIR"
	export FAKE_REPORT_SUMMARY='{"leverage":"1.8"}'
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line '  ✗ report:        FAILED — bad output: report.summary.leverage is not a number'
	rm -rf "$DAILY_VARDIR"
	export FAKE_REPORT_SUMMARY='{"risk_alerts":["ok",3]}'
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line '  ✗ report:        FAILED — bad output: report.summary.risk_alerts[1] is not a string of printable characters'
}

# Item 7: the real report step refuses an empty or escaping report directory, writing nothing.
@test "step-report: config.report_dir empty or with '..' is exit 78, nothing written" {
	st=$(pipeline_to 2024-01-15 risk)
	mkdir -p work/sub && cd work/sub
	for d in '""' '"../x"' '"a/../../x"' '"./.."'; do
		run -78 --separate-stderr "$BIN/step-report" < <(jq -c ".config.report_dir=$d" "$st")
		[ -z "$output" ]
		[[ "$stderr" == "report: fatal: config.report_dir: "* ]]
		[ "$(echo "$stderr" | wc -l)" -eq 1 ]
	done
	[ ! -e ../x ] && [ ! -e ../2024-01-15 ] && [ ! -e ../../x ]
	run -0 --separate-stderr "$BIN/step-report" < <(jq -c '.config.report_dir="r/./s"' "$st")
	[ -f r/s/2024-01-15/report.md ]
}

# Item 13: the report files follow the umask, as any file the step creates.
@test "step-report: report files honour the umask" {
	st=$(pipeline_to 2024-01-15 risk)
	(umask 027 && "$BIN/step-report" --report-dir r < "$st" > /dev/null)
	[ "$(stat -c %a r/2024-01-15/report.md)" = 640 ]
	[ "$(stat -c %a r/2024-01-15/report.html)" = 640 ]
	[ "$(stat -c %a r/2024-01-15/summary.json)" = 640 ]
	[ "$(stat -c %a r/index.html)" = 640 ]
	(umask 022 && "$BIN/step-report" --report-dir s < "$st" > /dev/null)
	[ "$(stat -c %a s/2024-01-15/report.md)" = 644 ]
}

# Start daily_run in the background on a slow quality step with signal $1 ignored
# (as nohup and trap '' do), the rest default; sets $pid.
start_ignoring() {
	fake_step quality slow
	$PY -c 'import os, signal, sys
for s in (signal.SIGINT, signal.SIGQUIT, signal.SIGHUP):
	signal.signal(s, signal.SIG_DFL)
signal.signal(getattr(signal, "SIG" + sys.argv[1]), signal.SIG_IGN)
os.execv(sys.argv[2], sys.argv[2:])' "$1" "$BIN/daily_run" --dry-run --date 2024-01-15 \
	    >"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" &
	pid=$!
	wait_file "$FAKE_MARKER_DIR/quality.started"
}

# Item 1: an inherited SIG_IGN stays ignored.
@test "nohup: SIGHUP ignored at start stays ignored, the run succeeds" {
	export FAKE_SLEEP=1
	start_ignoring HUP
	kill -HUP "$pid"
	status=0
	wait "$pid" || status=$?
	[ "$status" -eq 0 ]
	grep -q 'Status: SUCCESS$' "$BATS_TEST_TMPDIR/out"
}

@test "trap '' INT: SIGINT stays ignored, the run succeeds" {
	export FAKE_SLEEP=1
	start_ignoring INT
	kill -INT "$pid"
	status=0
	wait "$pid" || status=$?
	[ "$status" -eq 0 ]
	grep -q 'Status: SUCCESS$' "$BATS_TEST_TMPDIR/out"
}

# Item 8: the other terminating signals abort the run like SIGTERM, the step is not orphaned.
@test "SIGUSR1, SIGUSR2, SIGALRM, SIGXCPU: an ABORTED run with its summary, no orphan" {
	fake_step strategies sleep-forever
	for s in USR1 USR2 ALRM XCPU; do
		rm -rf "$DAILY_VARDIR" "$FAKE_PIDFILE"
		"$BIN/daily_run" --dry-run --date 2024-01-15 >"$BATS_TEST_TMPDIR/out" 2>/dev/null &
		pid=$!
		wait_file "$FAKE_PIDFILE"
		kill -"$s" "$pid"
		status=0
		wait "$pid" || status=$?
		[ "$status" -eq 1 ]
		n=$(kill -l "$s")
		grep -q "^  ✗ strategies:    FAILED — aborted: daily_run got signal $n\$" "$BATS_TEST_TMPDIR/out"
		grep -q 'Status: FAILED$' "$BATS_TEST_TMPDIR/out"
		for p in $(cat "$FAKE_PIDFILE"); do
			! alive "$p"
		done
	done
}

# Item 9: daily_run stopped for 3 s while a 1 s step runs under a 2 s timeout.
@test "daily_run stopped past a step's deadline: the step that ended in time is not timed out" {
	fake_step quality slow
	export FAKE_SLEEP=1
	"$BIN/daily_run" --dry-run --date 2024-01-15 --step-timeout 2 >"$BATS_TEST_TMPDIR/out" 2>&1 &
	pid=$!
	wait_file "$FAKE_MARKER_DIR/quality.started"
	kill -STOP "$pid"
	sleep 3
	kill -CONT "$pid"
	status=0
	wait "$pid" || status=$?
	[ "$status" -eq 0 ]
	grep -q '^  ✓ quality: ' "$BATS_TEST_TMPDIR/out"
	! grep -q 'timed out' "$BATS_TEST_TMPDIR/out"
}

# Item 10: messages that say what happened.
@test "under ulimit -f 150 the step's SIGXFSZ names the file size limit, not the 256 MiB cap" {
	fake_step ingest big-output
	run -1 --separate-stderr bash -c 'ulimit -f 150 && exec "$BIN/daily_run" --dry-run --date 2024-01-15'
	assert_line '  ✗ ingest:        FAILED — killed by signal 25 (code 153): a file over the file size limit of 150 KiB (ulimit -f)'
	refute_output --partial '256 MiB'
}

@test "a script whose #! interpreter is missing: cannot execute (126), not 'program not found'" {
	printf '#!/nonexistent\necho hi\n' > "$BATS_TEST_TMPDIR/noint"
	chmod +x "$BATS_TEST_TMPDIR/noint"
	ln -sfn "$BATS_TEST_TMPDIR/noint" "$DAILY_STEPDIR/step-agents"
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line "  ✗ agents:        FAILED — cannot execute $DAILY_STEPDIR/step-agents: its interpreter (#!) was not found (code 126)"
}

# Item 5: no password fragment in daily_run's messages; steps get no database credentials.
@test "a password with '/' or '@' in DATABASE_URL: no fragment of it printed" {
	export DAILY_DB_TIMEOUT=1
	for u in 'postgresql://ops:hunter/2secret@host.invalid/db' \
	    'postgresql://ops:hunter2@secret@host.invalid/db'; do
		DATABASE_URL="$u" run -1 --separate-stderr "$BIN/daily_run" migrate
		[ -n "$stderr" ]
		[[ "$output$stderr" != *hunter* ]] || { echo "$stderr"; return 1; }
		[[ "$output$stderr" != *secret* ]] || { echo "$stderr"; return 1; }
	done
	DATABASE_URL='postgresql://ops@host.invalid/db' PGPASSWORD='pw/with@parts' \
	    run -1 --separate-stderr "$BIN/daily_run" migrate
	[[ "$stderr" != *with@parts* ]]
}

@test "a step's environment holds no DATABASE_URL, PGPASSWORD or PGPASSFILE" {
	fake_step quality env-dump
	export FAKE_ENV_FILE="$BATS_TEST_TMPDIR/env"
	DATABASE_URL='postgresql://ops:pw@h/db' PGPASSWORD=pw PGPASSFILE=/x KEEP_ME=1 \
	    run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	grep -qx 'KEEP_ME=1' "$FAKE_ENV_FILE"
	! grep -E '^(DATABASE_URL|PGPASSWORD|PGPASSFILE)=' "$FAKE_ENV_FILE"
}

@test "a step gets OPENBLAS_NUM_THREADS=1 unless the user set it (docs/ORCHESTRATOR.md)" {
	fake_step quality env-dump
	export FAKE_ENV_FILE="$BATS_TEST_TMPDIR/env"
	env -u OPENBLAS_NUM_THREADS "$BIN/daily_run" --dry-run --date 2024-01-15 >/dev/null 2>&1
	assert_equal "$(grep -c '^OPENBLAS_NUM_THREADS=' "$FAKE_ENV_FILE")" 1
	grep -qx 'OPENBLAS_NUM_THREADS=1' "$FAKE_ENV_FILE"
	OPENBLAS_NUM_THREADS=2 "$BIN/daily_run" --dry-run --date 2024-01-15 >/dev/null 2>&1
	assert_equal "$(grep -c '^OPENBLAS_NUM_THREADS=' "$FAKE_ENV_FILE")" 1
	grep -qx 'OPENBLAS_NUM_THREADS=2' "$FAKE_ENV_FILE"
}

# Item 13: step text reaches neither the console nor the row with its escapes; write errors count.
@test "ANSI escapes and newlines in a step's detail are neutralised on the console" {
	export FAKE_REPORT_SUMMARY='{"detail":"\u001b[2J\u001b[31mred\nfake line\u009b"}'
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line --regexp '^  ✓ report: +[0-9]+ms  \(\?\[2J\?\[31mred\?fake line\?\?\)$'
	[[ "$output" != *$'\e'* ]]
	refute_line 'fake line'
}

@test "daily_run > /dev/full: exit 1 and one line saying so" {
	run -1 --separate-stderr bash -c '"$BIN/daily_run" --dry-run --date 2024-01-15 > /dev/full'
	assert_equal "$stderr" "daily_run: error: cannot write the report to stdout"
}

# Item 2: no descendant of a step outlives it, setsid and double-forked ones included,
# and the accepted output cannot change afterwards.
@test "a setsid grandchild holding the output and a setsid double-fork: killed before the output is judged" {
	fake_step quality setsid-writer
	export FAKE_SLEEP=1.5
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	d=$(run_dir)
	sum=$(md5sum < "$(step_file "$d" quality)")
	for p in $(cat "$FAKE_PIDFILE"); do
		! alive "$p" || { echo "pid $p alive" >&2; return 1; }
	done
	sleep 2
	[ "$(md5sum < "$(step_file "$d" quality)")" = "$sum" ]
	jq -e . "$(step_file "$d" quality)" >/dev/null
}

# Item 6: the date's lock covers every process of the run, also after daily_run is SIGKILLed.
@test "daily_run SIGKILLed during a step: a rerun of the date waits for the orphan (exit 75)" {
	fake_step report slow
	export FAKE_SLEEP=2
	"$BIN/daily_run" --dry-run --date 2024-01-15 >/dev/null 2>&1 &
	pid=$!
	wait_file "$FAKE_MARKER_DIR/report.started"
	orphan=$(cat "$FAKE_MARKER_DIR/report.started")
	echo "$orphan" > "$FAKE_PIDFILE"
	kill -9 "$pid"
	wait "$pid" || true
	alive "$orphan"
	run -75 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_equal "$stderr" "daily_run: fatal: another run holds '$DAILY_VARDIR/locks/2024-01-15.lock' (pid $pid has exited; a step it started still runs)"
	# Once the orphan is gone the date is free.
	while alive "$orphan"; do sleep 0.1; done
	export FAKE_SLEEP=0
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
}

# Item 14: lenient inputs refused.
@test "duplicate keys in the last step's output: a bad output of report" {
	export FAKE_REPORT_SUMMARY='{"signal_count":1,"signal_count":2}'
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line --regexp "^  ✗ report: +FAILED — bad output: line 1, column [0-9]+: duplicate object key near '\"signal_count\"'\$"
}

@test "step-aggregate and step-report: a missing or invalid as_of is exit 65" {
	agg=$(pipeline_to 2024-01-15 agents)
	risk=$(pipeline_to 2024-01-15 risk)
	for f in 'del(.as_of)' '.as_of="2024-02-30"' '.as_of=20240115'; do
		run -65 --separate-stderr "$BIN/step-aggregate" < <(jq -c "$f" "$agg")
		[ -z "$output" ] && [[ "$stderr" == "aggregate: fatal: "*"as_of"* ]]
		run -65 --separate-stderr "$BIN/step-report" < <(jq -c "$f" "$risk")
		[ -z "$output" ] && [[ "$stderr" == "report: fatal: "*"as_of"* ]]
	done
}

@test "step-report: non-numeric VaR or leverage and a non-string alert are exit 65" {
	risk=$(pipeline_to 2024-01-15 risk)
	for f in '.risk.var.historical.var_95="-0.02"' '.risk.var.historical.cvar_95=[1]' \
	    '.portfolio.gross_leverage="1.8"' '.risk.alerts=[1]'; do
		run -65 --separate-stderr "$BIN/step-report" < <(jq -c "$f" "$risk")
		[ -z "$output" ]
		[[ "$stderr" == "report: fatal: field '"*"' is not a "* ]] || { echo "$f: $stderr"; return 1; }
	done
	run -0 --separate-stderr "$BIN/step-report" < <(jq -c '.risk.var.historical.var_95=null' "$risk")
}

@test "a series whose freq is not a string is refused, not taken as daily" {
	q=$(pipeline_to 2024-01-15 ingest)
	run --separate-stderr "$BIN/step-quality" < <(jq -c '.ingest.series |= (to_entries | .[0].value.freq = 7 | from_entries)' "$q")
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"freq is not a string"* ]]
}

# Item 15: files named by the state are read only when regular, bounded, never echoed.
@test "config.catalogue naming /dev/zero or a FIFO: one line at once, exit 78, no hang" {
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	for c in /dev/zero "$BATS_TEST_TMPDIR/fifo"; do
		run -78 --separate-stderr timeout 10 "$BIN/step-ingest" <<<"{\"as_of\":\"2024-01-15\",\"config\":{\"catalogue\":\"$c\"}}"
		assert_equal "$stderr" "ingest: fatal: unable to open catalogue '$c': not a regular file"
	done
}

@test "config.previous_portfolio_file naming a FIFO, /dev/zero or a secret file: ignored, content never echoed" {
	st=$(pipeline_to 2024-01-15 strategies)
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	printf 'root:$6$SECRETHASH:19000:0:99999:7:::\n' > "$BATS_TEST_TMPDIR/shadow"
	for f in "$BATS_TEST_TMPDIR/fifo" /dev/zero "$BATS_TEST_TMPDIR/shadow"; do
		run -0 --separate-stderr timeout 10 "$BIN/step-portfolio" < <(jq -c --arg f "$f" '.config.previous_portfolio_file=$f' "$st")
		[[ "$stderr" == *"portfolio: warning: ignoring previous portfolio '$f': "* ]]
		[[ "$stderr" != *root* && "$stderr" != *SECRET* ]] || { echo "$stderr"; return 1; }
	done
}

# Item 15: a memory bound per step, enforced with RLIMIT_AS and reported as such.
@test "DAILY_STEP_MEMORY_MB: a step over its bound fails, reported as a breach of the bound" {
	# An ASan build (the fake steps included) reserves terabytes of address space.
	! grep -q __asan "$FAKE/pass" || skip "ASan build: no address-space bound"
	[ -x "$FAKE/hog" ] || make -s -C "$TOP" tests/fake-steps/hog >/dev/null
	fake_step agents hog
	export FAKE_HOG_MB=512 DAILY_STEP_MEMORY_MB=128
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line "  ✗ agents:        FAILED — out of memory: over the step's bound of 128 MiB (DAILY_STEP_MEMORY_MB); exited 70"
	# Under the bound (and with the default) the same step passes.
	export FAKE_HOG_MB=64
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-16
	unset DAILY_STEP_MEMORY_MB
	export FAKE_HOG_MB=512
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-17
}

# Item 12: an error line cut in the middle of a character (here by the catalogue's
# 512-byte error buffer) is still valid UTF-8 when die.c writes it.
@test "an error message cut at its buffer's end does not end mid-character" {
	e=$($PY -c 'print("\u00e9" * 2100, end="")')
	for pre in "" x; do
		run -74 --separate-stderr "$BIN/step-ingest" <<<"{\"as_of\":\"2024-01-15\",\"config\":{\"catalogue\":\"/$pre$e\"}}"
		[ "${#stderr}" -gt 400 ]	# cut by the catalogue's error buffer
		printf '%s' "$stderr" | $PY -c 'import sys; sys.stdin.buffer.read().decode("utf-8")'
	done
}

@test "report.summary.top_positions: printed under Signals; a bad side or weight is a bad output" {
	export FAKE_REPORT_SUMMARY='{"signal_count":3,"top_positions":[{"instrument":"DI_1Y","side":"LONG","weight":2.5,"dv01_brl":226000.4},{"instrument":"USDBRL","side":"SHORT","weight":-0.4,"usd_delta":-80000000}]}'
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line '  Top: DI_1Y          LONG  +2.50x NAV  DV01 BRL +226000/bp'
	assert_line '       USDBRL         SHORT -0.40x NAV  USD delta -80000000'
	rm -rf "$DAILY_VARDIR"
	export FAKE_REPORT_SUMMARY='{"top_positions":[{"instrument":"DI_1Y","side":"UP","weight":1}]}'
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line '  ✗ report:        FAILED — bad output: report.summary.top_positions[0].side is not LONG or SHORT'
	rm -rf "$DAILY_VARDIR"
	export FAKE_REPORT_SUMMARY='{"top_positions":[{"instrument":"DI_1Y","weight":"1"}]}'
	run -1 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line '  ✗ report:        FAILED — bad output: report.summary.top_positions[0].weight is not a number'
}
