#!/usr/bin/env bats
# daily_run list and show (docs/ORCHESTRATOR.md "History") and the row's error with
# the failed step's last stderr lines. Run inside a throwaway cluster:
# pg_virtualenv bats tests/bats/84-history.bats (skips without a server).
load ../helpers
load ../fake-steps/lib

setup_file() {
	db_probe
}

setup() {
	orch_setup
	[ -n "${DB_OK:-}" ] || return 0
	fresh_db dr_hist
}

teardown() {
	[ -n "${DB_OK:-}" ] || return 0
	drop_db
}

# Three runs: 2024-01-12 SUCCESS, 2024-01-15 FAILED at agents (exit 65), 2024-01-16 SUCCESS.
three_runs() {
	"$BIN/daily_run" --date 2024-01-12 >/dev/null 2>&1
	fake_step agents exit-65
	"$BIN/daily_run" --date 2024-01-15 >/dev/null 2>&1 || true
	fake_step agents pass
	"$BIN/daily_run" --date 2024-01-16 >/dev/null 2>&1
}

@test "history: the row's error holds the failed step's last stderr line" {
	need_db
	fake_step agents exit-65
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	[ "$(q "select error from pipeline_runs")" = \
	    "exited 65"$'\n'"agents: fatal: missing field 'ingest.series'" ]
}

@test "history: a flood of stderr keeps the last 5 lines, at most 1 KiB, no control byte" {
	need_db
	cat > flood <<'SH'
#!/bin/sh
cat >/dev/null
i=0
while [ $i -lt 2000 ]; do echo "line $i of noise"; i=$((i + 1)); done >&2
printf 'last \033[31mred\033[0m words\n\n' >&2
exit 78
SH
	chmod +x flood
	ln -sfn "$PWD/flood" "$DAILY_STEPDIR/step-risk"
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	[ "$(q "select error from pipeline_runs")" = "exited 78
line 1996 of noise
line 1997 of noise
line 1998 of noise
line 1999 of noise
last ?[31mred?[0m words" ]
	[ "$(q "select octet_length(error) <= 1024 + 320 from pipeline_runs")" = t ]
}

@test "history: list, newest first, with the filters; --json" {
	need_db
	three_runs
	run -0 --separate-stderr "$BIN/daily_run" list
	[ "${#lines[@]}" -eq 4 ]
	[[ "${lines[0]}" == RUN_ID*DATE*STATUS* ]]
	[[ "${lines[1]}" == *" 2024-01-16  SUCCESS "* ]]
	[[ "${lines[2]}" == *" 2024-01-15  FAILED "*" agents "*"  65" ]]
	[[ "${lines[3]}" == *" 2024-01-12  SUCCESS "* ]]
	run -0 --separate-stderr "$BIN/daily_run" list --json
	[ "$(jq -r 'map(.run_date) | join(",")' <<<"$output")" = 2024-01-16,2024-01-15,2024-01-12 ]
	[ "$(jq -r '.[1].error' <<<"$output")" = "exited 65"$'\n'"agents: fatal: missing field 'ingest.series'" ]
	[ "$(jq -r '.[0].id' <<<"$output")" = "$(q "select id from pipeline_runs where run_date = '2024-01-16'")" ]
	run -0 --separate-stderr "$BIN/daily_run" list --status failed --json
	[ "$(jq -r 'map(.run_date) | join(",")' <<<"$output")" = 2024-01-15 ]
	run -0 --separate-stderr "$BIN/daily_run" list --since 2024-01-13 --until 2024-01-15 --json
	[ "$(jq -r 'map(.run_date) | join(",")' <<<"$output")" = 2024-01-15 ]
	run -0 --separate-stderr "$BIN/daily_run" list --limit 2 --json
	[ "$(jq length <<<"$output")" = 2 ]
	run -0 --separate-stderr "$BIN/daily_run" list --since 2030-01-01
	assert_output "no run"
}

@test "history: show by id and by date: the row, the step table, the stderr lines" {
	need_db
	three_runs
	id=$(q "select id from pipeline_runs where run_date = '2024-01-15'")
	run -0 --separate-stderr "$BIN/daily_run" show "$id"
	assert_line --index 0 "Run $id  2024-01-15  FAILED (exit 65)"
	assert_line '  Failed step: agents'
	assert_line '  Error: exited 65'
	assert_line "    | agents: fatal: missing field 'ingest.series'"
	assert_line --regexp '^  ingest +ok +0 +- +[0-9]+ +[0-9]+$'
	assert_line --regexp '^  agents +failed +65 +- +[0-9]+ +[0-9]+$'
	assert_line --regexp '^  risk +skipped +- +- +- +-$'
	assert_line --regexp 'Status: FAILED$'
	run -0 --separate-stderr "$BIN/daily_run" show 2024-01-16 --json
	[ "$(jq -r .status <<<"$output")" = SUCCESS ]
	[ "$(jq -r '.steps | length' <<<"$output")" = 8 ]
	[ "$(jq -r .summary <<<"$output")" = "$(q "select summary from pipeline_runs where run_date = '2024-01-16'")" ]
	# A date's latest run: a rerun of 2024-01-16 is the one shown.
	"$BIN/daily_run" --date 2024-01-16 >/dev/null 2>&1
	run -0 --separate-stderr "$BIN/daily_run" show 2024-01-16 --json
	[ "$(jq -r .id <<<"$output")" = "$(q "select id from pipeline_runs where run_date = '2024-01-16' order by started_at desc limit 1")" ]
}

@test "history: show of an unknown run exits 1; bad arguments exit 2" {
	need_db
	run -1 --separate-stderr "$BIN/daily_run" show 2024-01-17
	assert_equal "$stderr" "daily_run: error: no run dated '2024-01-17' in pipeline_runs"
	run -1 --separate-stderr "$BIN/daily_run" show 00000000-0000-0000-0000-000000000000
	assert_equal "$stderr" "daily_run: error: no run with id '00000000-0000-0000-0000-000000000000' in pipeline_runs"
}

@test "history: usage errors need no database" {
	run -2 --separate-stderr "$BIN/daily_run" show nope
	assert_equal "${stderr_lines[0]}" "daily_run: error: 'nope' is neither a run id nor a date (YYYY-MM-DD)"
	run -2 --separate-stderr "$BIN/daily_run" show
	run -2 --separate-stderr "$BIN/daily_run" list --status done
	assert_equal "${stderr_lines[0]}" "daily_run: error: invalid status 'done': expected SUCCESS, FAILED, TIMEOUT, BAD_OUTPUT or ABORTED"
	run -2 --separate-stderr "$BIN/daily_run" list --since 2024-02-30
	assert_equal "${stderr_lines[0]}" "daily_run: error: invalid date '2024-02-30': expected YYYY-MM-DD"
	run -2 --separate-stderr "$BIN/daily_run" list --limit 0
	run -2 --separate-stderr "$BIN/daily_run" list --bogus
	run -2 --separate-stderr "$BIN/daily_run" list extra
}

@test "history: list with the database down says so, exit 1" {
	export DATABASE_URL="postgresql://127.0.0.1:1/daily_run"
	run -1 --separate-stderr "$BIN/daily_run" list
	[[ "$stderr" == "daily_run: error: cannot connect to database 'daily_run' on '127.0.0.1' port 1: "* ]]
}

@test "provenance: the row's data_source is ingest's record; show prints it" {
	need_db
	ln -sfn "$BIN/step-ingest" "$DAILY_STEPDIR/step-ingest"
	run -0 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	assert_line --index 1 '  Data: synthetic default catalogue'
	[ "$(q "select data_source from pipeline_runs")" = "synthetic, seed 20050103; catalogue $TOP/data/catalogue.tsv" ]
	run -0 --separate-stderr "$BIN/daily_run" show 2024-01-15
	assert_line "  Data: synthetic, seed 20050103; catalogue $TOP/data/catalogue.tsv"
}

@test "provenance: a real catalogue's files are counted in data_source" {
	need_db
	[ -d /work/shared/research/data ] || skip "no research data"
	ln -sfn "$BIN/step-ingest" "$DAILY_STEPDIR/step-ingest"
	export DAILY_CATALOGUE="$TOP/data/catalogue-research.tsv" DAILY_DATA_ROOT=/work/shared/research/data
	run -0 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	n=$(jq '[.ingest.sources[] | select(.kind != "monthly_sum" and .kind != "monthly_mean" and .kind != "synthetic")] | length' "$(step_file "$(run_dir)" ingest)")
	[ "$n" -gt 1 ]
	[ "$(q "select data_source from pipeline_runs")" = "$n files; catalogue $DAILY_CATALOGUE, data root $DAILY_DATA_ROOT" ]
}
