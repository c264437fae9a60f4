#!/usr/bin/env bats
# daily_run's report tree (reports/<date>/<run_id>/, <date>/latest) and the history page
# reports/index.html: every date newest first, its links resolving to the last successful
# run's files. Run inside a throwaway cluster (skips without one).
load ../helpers
load ../fake-steps/lib

setup() {
	psql -XAtc 'select 1' >/dev/null 2>&1 || skip "no PostgreSQL server reachable"
	orch_setup
	export DAILY_STEPDIR="$BIN" DAILY_REPORT_DIR="$BATS_TEST_TMPDIR/reports"
	fresh_db dr_index
}

teardown() {
	drop_db
}

@test "reports/index.html lists every date of the tree newest first, links resolving" {
	local d
	for d in 2024-01-10 2024-01-12 2024-01-11 2024-01-12; do
		run -0 --separate-stderr "$BIN/daily_run" --date "$d"
	done
	cd "$DAILY_REPORT_DIR"
	run -0 xmllint --noout index.html
	run -0 sed -n 's/^<tr><td>\([0-9-]*\)<\/td>.*/\1/p' index.html
	assert_output $'2024-01-12\n2024-01-11\n2024-01-10'
	# every link opens a file; 2024-01-12's goes to its second (latest) run
	for href in $(grep -o 'href="[^"]*"' index.html | sed 's/href="//; s/"$//'); do
		[ -f "$href" ] || fail "dead link $href"
	done
	last=$(readlink 2024-01-12/latest)
	run -0 grep -c "$last" index.html
	assert_output 1
}
