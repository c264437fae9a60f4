#!/usr/bin/env bats
# Where files go (docs/ORCHESTRATOR.md "Where files go"): the state directory by
# default, never the current one; reports/<date>/<run_id>/ and latest; prune.
load ../helpers
load ../fake-steps/lib

setup() {
	orch_setup
	unset DAILY_CATALOGUE DAILY_DATA_ROOT XDG_STATE_HOME
}

teardown() {
	kill_fake_db
}

# The real steps, as symlinks, so that one can be swapped for a fake.
real_steps() {
	local s
	for s in $STEPS; do ln -sfn "$BIN/step-$s" "$DAILY_STEPDIR/step-$s"; done
}

@test "dirs: the default state directory is under HOME, never the current directory" {
	unset DAILY_VARDIR
	export HOME="$BATS_TEST_TMPDIR/home"
	mkdir -p "$HOME" cwd && cd cwd
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line --regexp "^  Run: $HOME/\.local/state/daily_run/runs/[0-9a-f-]{36} \(dry run\)\$"
	[ -z "$(ls -A .)" ]
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/xdg"
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line --regexp "^  Run: $XDG_STATE_HOME/daily_run/runs/"
	# a relative XDG_STATE_HOME is invalid and ignored
	XDG_STATE_HOME=rel run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line --regexp "^  Run: $HOME/\.local/state/daily_run/runs/"
	[ -z "$(ls -A .)" ]
}

@test "dirs: a relative DAILY_VARDIR is made absolute; no HOME and no DAILY_VARDIR exits 78" {
	export DAILY_VARDIR=rel/var
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_line --regexp "^  Run: $BATS_TEST_TMPDIR/rel/var/runs/"
	unset DAILY_VARDIR
	run -78 --separate-stderr env -u HOME "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_equal "$stderr" "daily_run: error: no state directory: set DAILY_VARDIR (or HOME, XDG_STATE_HOME)"
}

@test "dirs: reports in reports/<date>/<run_id>/, latest is the last success, a rerun overwrites nothing" {
	real_steps
	fake_db $FAKE_DB_RUN $FAKE_DB_RUN
	R="$DAILY_VARDIR/reports"
	run -0 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	first=$(ls -td "$DAILY_VARDIR"/runs/*-*-*-*-* | head -1); first=${first##*/}
	[ -s "$R/2024-01-15/$first/report.md" ]
	[ -s "$R/2024-01-15/$first/report.html" ]
	[ "$(readlink "$R/2024-01-15/latest")" = "$first" ]
	cp "$R/2024-01-15/$first/report.md" first.md
	run -0 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	second=$(ls -td "$DAILY_VARDIR"/runs/*-*-*-*-* | head -1); second=${second##*/}
	[ "$second" != "$first" ]
	[ "$(readlink "$R/2024-01-15/latest")" = "$second" ]
	cmp first.md "$R/2024-01-15/$first/report.md"
	[ -s "$R/2024-01-15/latest/report.md" ]
	# the state's paths are absolute: they hold from any directory
	[[ "$(jq -r '.report.files[0]' "$(step_file "$DAILY_VARDIR/runs/$second" report)")" == /* ]]
}

@test "dirs: prune keeps the recent runs, a date's last success and what a later run reads" {
	real_steps
	fake_db $FAKE_DB_RUN $FAKE_DB_RUN $FAKE_DB_RUN $FAKE_DB_RUN
	newest() { local d; d=$(ls -td "$DAILY_VARDIR"/runs/*-*-*-*-* | head -1); echo "${d##*/}"; }
	"$BIN/daily_run" --date 2024-01-12 >/dev/null; A=$(newest)
	"$BIN/daily_run" --date 2024-01-15 >/dev/null; B=$(newest)
	"$BIN/daily_run" --date 2024-01-15 >/dev/null; C=$(newest)	# the rerun: success/2024-01-15
	ln -sfn "$FAKE/exit-65" "$DAILY_STEPDIR/step-agents"
	"$BIN/daily_run" --date 2024-01-16 >/dev/null 2>&1 || true; D=$(newest)
	[ "$(readlink "$DAILY_VARDIR/runs/success/2024-01-15")" = "../$C" ]
	# C reads A's portfolio (2024-01-12's success); nothing reads B
	[[ "$(jq -r .config.previous_portfolio_file "$DAILY_VARDIR/runs/$C/00-initial.json")" == *"/runs/$A/"* ]]
	touch -d '10 days ago' "$DAILY_VARDIR"/runs/*-*-*-*-*
	run -0 --separate-stderr "$BIN/daily_run" prune --keep-days 5 --dry-run
	assert_line "prune: would remove $B (2024-01-15)"
	assert_line "prune: would remove $D (2024-01-16)"
	[ -d "$DAILY_VARDIR/runs/$B" ]
	run -0 --separate-stderr "$BIN/daily_run" prune --keep-days 5
	assert_output "prune: removed 2 runs older than 5 days; kept 0 recent and 2 that a date's last success or a later run needs"
	[ -d "$DAILY_VARDIR/runs/$A" ] && [ -d "$DAILY_VARDIR/runs/$C" ]
	[ ! -e "$DAILY_VARDIR/runs/$B" ] && [ ! -e "$DAILY_VARDIR/runs/$D" ]
	[ ! -e "$DAILY_VARDIR/reports/runs/$B" ] && [ ! -L "$DAILY_VARDIR/reports/2024-01-15/$B" ]
	[ -s "$DAILY_VARDIR/reports/2024-01-15/latest/report.md" ]
	# old backfill logs go, recent ones stay
	mkdir -p "$DAILY_VARDIR/backfill/old" "$DAILY_VARDIR/backfill/new"
	touch -d '10 days ago' "$DAILY_VARDIR/backfill/old"
	run -0 --separate-stderr "$BIN/daily_run" prune --keep-days 5
	assert_line "prune: removed 1 backfill log directory"
	[ ! -e "$DAILY_VARDIR/backfill/old" ] && [ -d "$DAILY_VARDIR/backfill/new" ]
	# recent runs stay
	run -0 --separate-stderr "$BIN/daily_run" prune --keep-days 30
	assert_output "prune: removed 0 runs older than 30 days; kept 2 recent and 0 that a date's last success or a later run needs"
}

@test "dirs: prune usage errors exit 2" {
	run -2 --separate-stderr "$BIN/daily_run" prune
	run -2 --separate-stderr "$BIN/daily_run" prune --keep-days 0
	assert_equal "${stderr_lines[0]}" "daily_run: error: invalid --keep-days '0': expected 1 to 100000"
	run -2 --separate-stderr "$BIN/daily_run" prune --keep-days 3 extra
}
