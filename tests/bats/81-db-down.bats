#!/usr/bin/env bats
# The database is down, missing or silent: exit 1 with one line naming host and
# database, no password, the state files kept and the outcome still printed.
# Needs no server.
load ../helpers
load ../fake-steps/lib

setup() {
	orch_setup
	unset PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE
}

teardown() {
	[ -z "${listener:-}" ] || kill "$listener" 2>/dev/null || true
}

@test "connection refused: exit 1, one line, no password, files kept, outcome printed" {
	export DATABASE_URL="postgresql://ops:hunter2secret@127.0.0.1:1/daily_run"
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	assert_line --regexp 'Status: SUCCESS$'
	assert_equal "$stderr" "daily_run: error: cannot connect to database 'daily_run' on '127.0.0.1' port 1: connection to server at \"127.0.0.1\", port 1 failed: Connection refused"
	[[ "$output$stderr" != *hunter2secret* ]]
	[ -f "$(run_dir)/08-report.json" ]
}

@test "missing socket: the socket directory and database named" {
	export PGHOST="$BATS_TEST_TMPDIR/nosuchdir" PGDATABASE=ops_db
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	[[ "$stderr" == "daily_run: error: cannot connect to database 'ops_db' on '$PGHOST' port 5432: "*"No such file or directory" ]]
	[ "$(wc -l <<<"$stderr")" -eq 1 ]
}

@test "the first failure wins: a failed step and no database still exit 1, the step reported" {
	export DATABASE_URL="postgresql://127.0.0.1:1/daily_run"
	fake_step risk exit-65
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	assert_line '  ✗ risk:          FAILED — exited 65'
	[[ "$stderr" == *"step 'risk': exited 65"*"cannot connect to database"* ]]
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

# A server that completes the startup (no password asked) and then never
# answers a query: a hung or stopped backend whose kernel still ACKs.
stalled_server() {
	$PY -c 'import socket, struct, threading
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(5)
print(s.getsockname()[1], flush=True)
def serve(c):
    def rd(n):
        b = b""
        while len(b) < n:
            x = c.recv(n - len(b))
            if not x: raise EOFError
            b += x
        return b
    try:
        while True:
            body = rd(struct.unpack("!I", rd(4))[0] - 4)
            if struct.unpack("!I", body[:4])[0] in (80877103, 80877104):
                c.sendall(b"N")   # no SSL, no GSS
                continue
            break
        c.sendall(b"R" + struct.pack("!II", 8, 0) + b"Z" + struct.pack("!I", 5) + b"I")
        while c.recv(65536):
            pass
    except Exception:
        pass
while True:
    c = s.accept()[0]
    threading.Thread(target=serve, args=(c,), daemon=True).start()' > port &
	listener=$!
	wait_file port
	export DATABASE_URL="postgresql://ops@127.0.0.1:$(cat port)/daily_run"
}

@test "a server that stops answering after the connection: the wait is bounded" {
	stalled_server
	export DAILY_DB_TIMEOUT=1
	t0=$(now_ms)
	run -1 --separate-stderr timeout -s KILL 20 "$BIN/daily_run" --date 2024-01-15
	t=$(( $(now_ms) - t0 ))
	[ "$t" -lt 9000 ]
	assert_line --regexp 'Status: SUCCESS$'
	assert_equal "$stderr" "daily_run: error: cannot begin the transaction: no answer from database 'daily_run' on '127.0.0.1' port $(cat port) in 7s"
	[ -f "$(run_dir)/08-report.json" ]
}

# Start a run against the stalled server; wait until it is waiting for it.
run_stalled() {
	stalled_server
	dfl_signals "$BIN/daily_run" --date 2024-01-15 >out 2>err &
	pid=$!
	i=0
	until grep -q 'Status: SUCCESS' out || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
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

@test "libpq cannot be loaded: exit 1, one line, the run's outcome printed" {
	export DAILY_LIBPQ=/nonexistent/libpq.so.5
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	assert_line --regexp 'Status: SUCCESS$'
	[[ "$stderr" == "daily_run: error: cannot load '/nonexistent/libpq.so.5': "* ]]
	[ "$(wc -l <<<"$stderr")" -eq 1 ]
}

@test "a malformed DATABASE_URL: libpq's message quotes the URI, never its password" {
	local u
	for u in 'postgresql://ops:hunter2secret@[::1/daily_run' \
	    'postgresql://ops:hunter2secret@[]/db?sslmode=disable' \
	    'postgresql://ops:hunter2%zzsecret@db.example/daily_run' \
	    'postgres://ops@[]/db?password=hunter2secret&sslmode=disable' \
	    'postgresql://ops@db.example/db?password=hunter2%zzsecret'; do
		DATABASE_URL="$u" run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
		[ "$(wc -l <<<"$stderr")" -eq 1 ]
		[[ "$stderr" == "daily_run: error: cannot connect to "* ]]
		[[ "$output$stderr" != *hunter2* ]] || { echo "$stderr" >&2; return 1; }
	done
	DATABASE_URL='postgresql://ops:hunter2secret@[::1/daily_run' run -1 --separate-stderr "$BIN/daily_run" migrate
	[[ "$stderr" == *'"postgresql://ops:***@[::1/daily_run"' ]]
	# Nothing parsed: no invented "database '?' on 'localhost' port 5432".
	assert_equal "$stderr" 'daily_run: error: cannot connect to the database: end of string reached when looking for matching "]" in IPv6 host address in URI: "postgresql://ops:***@[::1/daily_run"'
}
