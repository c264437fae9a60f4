# Shared setup of the orchestrator suites (tests/bats/5x-*.bats, 8x-*.bats):
# a per-test step directory of symlinks step-<name> -> tests/fake-steps/<fake>.
# Load after ../helpers (steps_list).
FAKE="$TOP/tests/fake-steps"
STEPS="$(steps_list | tr '\n' ' ')"	# tests/helpers.bash: steps/STEPS
export FAKE STEPS

orch_setup() {
	local f s
	for f in pass fds; do
		[ -x "$FAKE/$f" ] || make -s -C "$TOP" "tests/fake-steps/$f" >/dev/null
	done
	export DAILY_STEPDIR="$BATS_TEST_TMPDIR/steps"
	export DAILY_VARDIR="$BATS_TEST_TMPDIR/var"
	export FAKE_MARKER_DIR="$BATS_TEST_TMPDIR/ran"
	export DAILY_KILL_GRACE=1 NO_COLOR=1
	unset DAILY_REPORT_DIR DAILY_MAX_STATE_MB DAILY_STDERR_CAP_KB
	mkdir -p "$DAILY_STEPDIR" "$FAKE_MARKER_DIR"
	for s in $STEPS; do
		ln -s "$FAKE/pass" "$DAILY_STEPDIR/step-$s"
	done
	cd "$BATS_TEST_TMPDIR" || return 1
}

# fake_step STEP FAKE: step-STEP becomes tests/fake-steps/FAKE.
fake_step() {
	ln -sfn "$FAKE/$2" "$DAILY_STEPDIR/step-$1"
}

# The directory of the only run under $DAILY_VARDIR.
run_dir() {
	local d
	for d in "$DAILY_VARDIR"/runs/*-*-*-*-*; do
		echo "$d"
		return 0
	done
	return 1
}

# alive PID: the process exists and is not a zombie.
alive() {
	[ -r "/proc/$1/stat" ] || return 1
	[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

# wait_file FILE [TENTHS]: until FILE exists (default 10 s).
wait_file() {
	local i=0
	while [ ! -s "$1" ] && [ $i -lt "${2:-100}" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -s "$1" ]
}

# Milliseconds since the epoch.
now_ms() {
	echo $(( $(date +%s%N) / 1000000 ))
}

# dfl_signals CMD ARGS... &: CMD as a background job (the subshell execs it, so $! is
# CMD's pid) with SIGINT, SIGQUIT and SIGHUP at their default.
# A background job of a shell without job control starts with SIGINT and SIGQUIT
# ignored, and daily_run honours an inherited SIG_IGN (docs/ORCHESTRATOR.md).
dfl_signals() {
	exec $PY -c 'import os, signal, sys
for s in (signal.SIGINT, signal.SIGQUIT, signal.SIGHUP):
	signal.signal(s, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$@"
}

# fake_db [ANSWER...]: a fake server (tests/fake-steps/pg-answers) that answers the
# first queries with ANSWER each and then stalls; DATABASE_URL points at it and
# $fake_db_pid is its pid (kill_fake_db in teardown). A run's check before the
# first step asks two queries (schema_migrations exists: t; the first migration not
# applied: NULL), the track record one (a one-column answer: not the table's shape,
# so the run goes on without a track record), its row three (BEGIN, INSERT,
# COMMIT): FAKE_DB_RUN answers one whole run that stores its row.
FAKE_DB_RUN="t NULL none ok ok ok"
fake_db() {
	rm -f "$BATS_TEST_TMPDIR/fake-db.port"
	"$FAKE/pg-answers" "$BATS_TEST_TMPDIR/fake-db.port" "$@" &
	fake_db_pid=$!
	wait_file "$BATS_TEST_TMPDIR/fake-db.port"
	export DATABASE_URL="postgresql://ops@127.0.0.1:$(cat "$BATS_TEST_TMPDIR/fake-db.port")/daily_run"
}

kill_fake_db() {
	[ -z "${fake_db_pid:-}" ] || kill "$fake_db_pid" 2>/dev/null || true
}

# The database suites (8x) run inside a throwaway cluster (pg_virtualenv, as
# tests/run-all does). fresh_db NAME: a new database NAME_<test>_<pid> as PGDATABASE
# (DATABASE_URL unset, so libpq's defaults reach it), migrated; drop_db removes it.
fresh_db() {
	unset DATABASE_URL
	export PGDATABASE="${1}_${BATS_TEST_NUMBER}_$$"
	dropdb --if-exists "$PGDATABASE" >/dev/null 2>&1
	createdb "$PGDATABASE"
	run -0 --separate-stderr "$BIN/daily_run" migrate
}

# setup_file of a database suite: DB_OK=1 when a server answers; need_db skips a
# test without one.
db_probe() {
	if psql -XAtc 'select 1' >/dev/null 2>&1; then
		export DB_OK=1
	fi
}

need_db() {
	[ -n "${DB_OK:-}" ] || skip "no PostgreSQL server reachable (run under pg_virtualenv)"
}

drop_db() {
	cd "$TOP" && dropdb --if-exists "$PGDATABASE" >/dev/null 2>&1 || true
}

# q SQL: the rows as text, '|' between columns.
q() {
	psql -XAt -F '|' -c "$1"
}
