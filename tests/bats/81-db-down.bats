#!/usr/bin/env bats
# The database is down, missing or silent: checked before the first step (fail
# fast, docs/ORCHESTRATOR.md): exit 1 with a line naming host and database, no
# password, and a line saying what to do; no step runs. A database lost after the
# steps: the outcome printed, never SUCCESS, no success record. Needs no server.
load ../helpers
load ../fake-steps/lib

setup() {
	orch_setup
	unset PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE
}

teardown() {
	[ -z "${listener:-}" ] || kill "$listener" 2>/dev/null || true
	kill_fake_db
}

HINT="daily_run: error: no step ran: start the server (\`make db\` creates and starts the local one) or correct the host in DATABASE_URL"

# Nothing ran: no run directory, no step started, no Summary.
nothing_ran() {
	[ ! -e "$DAILY_VARDIR/runs" ]
	[ -z "$(ls "$FAKE_MARKER_DIR")" ]
	[[ "$output" != *Summary* ]]
}

@test "connection refused: exit 1 before any step, what to do, no password" {
	export DATABASE_URL="postgresql://ops:hunter2secret@127.0.0.1:1/daily_run"
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	assert_equal "$stderr" "daily_run: error: cannot connect to database 'daily_run' on '127.0.0.1' port 1: connection to server at \"127.0.0.1\", port 1 failed: Connection refused
$HINT"
	[[ "$output$stderr" != *hunter2secret* ]]
	nothing_ran
	[ -z "$output" ]
}

@test "missing socket: the socket directory and database named" {
	export PGHOST="$BATS_TEST_TMPDIR/nosuchdir" PGDATABASE=ops_db
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	[[ "${stderr_lines[0]}" == "daily_run: error: cannot connect to database 'ops_db' on '$PGHOST' port 5432: "*"No such file or directory" ]]
	assert_equal "${stderr_lines[1]}" "$HINT"
	[ "${#stderr_lines[@]}" -eq 2 ]
	nothing_ran
}

@test "the first failure wins: a failed step and the database lost after it still exit 1, the step reported" {
	fake_db t NULL	# the check passes, then the server stops answering
	export DAILY_DB_TIMEOUT=1
	fake_step risk exit-65
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	assert_line '  ✗ risk:          FAILED — exited 65'
	assert_line --regexp 'Status: FAILED$'
	[[ "$stderr" == *"step 'risk': exited 65"*"cannot begin the transaction: no answer"* ]]
}

@test "migrations missing: exit 1 before any step, naming daily_run migrate" {
	fake_db f	# no schema_migrations
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	n=$(ls "$TOP"/migrations/[0-9][0-9][0-9][0-9]_*.sql | wc -l)
	assert_equal "$stderr" "daily_run: error: no step ran: the database lacks all of the $n migrations in '$TOP/migrations': run \`daily_run migrate\` (or \`make db\`)"
	nothing_ran
	kill_fake_db
	fake_db t 0002	# a migration not applied
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	assert_equal "$stderr" "daily_run: error: no step ran: the database lacks migration 0002 of the $n migrations in '$TOP/migrations': run \`daily_run migrate\` (or \`make db\`)"
	nothing_ran
}

@test "a server that stops answering at the check: bounded, no step ran" {
	fake_db
	export DAILY_DB_TIMEOUT=1
	t0=$(now_ms)
	run -1 --separate-stderr timeout -s KILL 20 "$BIN/daily_run" --date 2024-01-15
	[ $(( $(now_ms) - t0 )) -lt 9000 ]
	assert_equal "$stderr" "daily_run: error: cannot look for schema_migrations: no answer from database 'daily_run' on '127.0.0.1' port $(cat fake-db.port) in 7s
daily_run: error: no step ran: the database cannot be read"
	nothing_ran
}

@test "SIGTERM while the check waits for the database: exit 1 at once, no step ran" {
	fake_db
	dfl_signals "$BIN/daily_run" --date 2024-01-15 >out 2>err &
	pid=$!
	sleep 0.5
	kill -TERM "$pid"
	t0=$(now_ms)
	status=0
	wait "$pid" || status=$?
	[ "$status" -eq 1 ]
	[ $(( $(now_ms) - t0 )) -lt 1500 ]
	grep -qx 'daily_run: error: cannot look for schema_migrations: interrupted by signal 15' err
	[ ! -e "$DAILY_VARDIR/runs" ]
}

@test "a silent server: connect_timeout bounds the wait" {
	$PY -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(5)
print(s.getsockname()[1], flush=True); time.sleep(30)' > port &
	listener=$!
	wait_file port
	export DATABASE_URL="postgresql://127.0.0.1:$(cat port)/daily_run" DAILY_DB_TIMEOUT=2
	t0=$(now_ms)
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	t=$(( $(now_ms) - t0 ))
	[ "$t" -lt 6000 ]
	[[ "$stderr" == "daily_run: error: cannot connect to database 'daily_run' on '127.0.0.1' port $(cat port): "*"timeout"* ]]
}

# Start a run against the stalled server; wait until it is waiting for it.
run_stalled() {
	fake_db t NULL
	dfl_signals "$BIN/daily_run" --date 2024-01-15 >out 2>err &
	pid=$!
	i=0
	until grep -q '✓ report' out || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
	sleep 0.3
}

@test "SIGTERM while waiting for the database: the grace, then exit 1" {
	run_stalled
	kill -TERM "$pid"
	t0=$(now_ms)
	status=0
	wait "$pid" || status=$?
	t=$(( $(now_ms) - t0 ))
	[ "$status" -eq 1 ]
	[ "$t" -ge 900 ] && [ "$t" -lt 2500 ]	# DAILY_KILL_GRACE=1
	grep -qx 'daily_run: error: cannot begin the transaction: interrupted by signal 15' err
	# The lock went with it: the date can run again.
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
}

@test "a second SIGINT while waiting for the database: stop at once" {
	export DAILY_KILL_GRACE=30
	run_stalled
	kill -INT "$pid"
	sleep 0.2
	kill -INT "$pid"
	t0=$(now_ms)
	status=0
	wait "$pid" || status=$?
	[ "$status" -eq 1 ]
	[ $(( $(now_ms) - t0 )) -lt 1500 ]
	grep -qx 'daily_run: error: cannot begin the transaction: interrupted by signal 2' err
}

@test "a dry run needs no database" {
	export DATABASE_URL="postgresql://127.0.0.1:1/daily_run"
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	[ -z "$stderr" ]
}

@test "migrate with the database down: exit 1, one line" {
	export DATABASE_URL="postgresql://u:pw12345678@127.0.0.1:1/x"
	run -1 --separate-stderr "$BIN/daily_run" migrate
	[ -z "$output" ]
	assert_equal "$stderr" "daily_run: error: cannot connect to database 'x' on '127.0.0.1' port 1: connection to server at \"127.0.0.1\", port 1 failed: Connection refused"
}

@test "migrate with a missing directory" {
	DAILY_MIGRATIONS=/nonexistent run -1 --separate-stderr "$BIN/daily_run" migrate
	assert_equal "$stderr" "daily_run: error: cannot read the migrations in '/nonexistent': No such file or directory"
}

@test "libpq cannot be loaded: exit 1 before any step" {
	export DAILY_LIBPQ=/nonexistent/libpq.so.5
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	[[ "${stderr_lines[0]}" == "daily_run: error: cannot load '/nonexistent/libpq.so.5': "* ]]
	[ "${#stderr_lines[@]}" -eq 2 ]
	nothing_ran
}

@test "a malformed DATABASE_URL: libpq's message quotes the URI, never its password" {
	local u
	for u in 'postgresql://ops:hunter2secret@[::1/daily_run' \
	    'postgresql://ops:hunter2secret@[]/db?sslmode=disable' \
	    'postgresql://ops:hunter2%zzsecret@db.example/daily_run' \
	    'postgres://ops@[]/db?password=hunter2secret&sslmode=disable' \
	    'postgresql://ops@db.example/db?password=hunter2%zzsecret'; do
		DATABASE_URL="$u" run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
		[ "$(wc -l <<<"$stderr")" -eq 2 ]
		[[ "$stderr" == "daily_run: error: cannot connect to "* ]]
		[[ "$output$stderr" != *hunter2* ]] || { echo "$stderr" >&2; return 1; }
	done
	DATABASE_URL='postgresql://ops:hunter2secret@[::1/daily_run' run -1 --separate-stderr "$BIN/daily_run" migrate
	[[ "$stderr" == *'"postgresql://ops:***@[::1/daily_run"' ]]
	# Nothing parsed: no invented "database '?' on 'localhost' port 5432".
	assert_equal "$stderr" 'daily_run: error: cannot connect to the database: end of string reached when looking for matching "]" in IPv6 host address in URI: "postgresql://ops:***@[::1/daily_run"'
}

@test "fail fast: an unwritable state directory stops the run before the database, saying what to set" {
	export DATABASE_URL="postgresql://127.0.0.1:1/daily_run"
	export DAILY_VARDIR=/proc/daily_run_nowhere
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	[[ "$stderr" == "daily_run: fatal: no step ran: cannot create '/proc/daily_run_nowhere/locks' (set DAILY_VARDIR to a writable directory): "* ]]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[ -z "$(ls "$FAKE_MARKER_DIR")" ]
}
