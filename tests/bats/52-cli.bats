#!/usr/bin/env bats
# daily_run's command line and the initial state it writes.
load ../helpers
load ../fake-steps/lib

setup() {
	orch_setup
}

teardown() {
	kill_fake_db
}

@test "--help: usage on stdout, exit 0" {
	run -0 --separate-stderr "$BIN/daily_run" --help
	assert_line --index 0 'usage: daily_run [--date YYYY-MM-DD] [--allow-holiday] [--dry-run]'
	assert_line '       daily_run migrate'
	[ -z "$stderr" ]
	[ ! -e "$DAILY_VARDIR" ]
}

@test "--version" {
	run -0 --separate-stderr "$BIN/daily_run" --version
	assert_output --regexp '^daily_run [0-9]+\.[0-9]+'
}

@test "bad --date values are usage errors (exit 2)" {
	for d in 2024-02-30 2024-13-01 24-01-15 "" 2024-1-15 2024-01-15x 2023-02-29; do
		run -2 --separate-stderr "$BIN/daily_run" --dry-run --date "$d"
		[ -z "$output" ]
		[[ "$stderr" == "daily_run: error: invalid date '$d': expected YYYY-MM-DD"$'\n'"usage: daily_run "* ]]
	done
	[ ! -e "$DAILY_VARDIR" ]
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-02-29
}

@test "other usage errors exit 2" {
	run -2 --separate-stderr "$BIN/daily_run" --bogus
	[[ "$stderr" == *"unknown option '--bogus'"* ]]
	run -2 --separate-stderr "$BIN/daily_run" --date
	assert_equal "${stderr_lines[0]}" "daily_run: error: option '--date' needs a value"
	run -2 --separate-stderr "$BIN/daily_run" --dry-run --step-timeout
	assert_equal "${stderr_lines[0]}" "daily_run: error: option '--step-timeout' needs a value"
	run -2 --separate-stderr "$BIN/daily_run" --step-timeout 0 --dry-run
	# Below 1 ms it would round to 0 ms, silently the table's 300 s.
	run -2 --separate-stderr "$BIN/daily_run" --step-timeout 0.0004 --dry-run
	assert_equal "${stderr_lines[0]}" "daily_run: error: invalid step timeout '0.0004': expected seconds"
	run -2 --separate-stderr "$BIN/daily_run" --step-timeout abc --dry-run
	run -2 --separate-stderr "$BIN/daily_run" extra
	assert_equal "${stderr_lines[0]}" "daily_run: error: unknown command 'extra'"
	run -2 --separate-stderr "$BIN/daily_run" migrate now
	assert_equal "${stderr_lines[0]}" "daily_run: error: migrate takes no option or argument"
	run -2 --separate-stderr "$BIN/daily_run" --dry-run migrate
	assert_equal "${stderr_lines[0]}" "daily_run: error: migrate takes no option or argument"
}

@test "subcommands: -h and --help print their usage on stdout; option errors one way, exit 2" {
	local c h first
	for c in migrate list show prune replay backfill backtest sweep config; do
		first=$c
		[ $c = show ] && first=list	# list and show share one usage
		for h in -h --help; do
			run -0 --separate-stderr "$BIN/daily_run" $c $h
			[ -z "$stderr" ]
			assert_line --index 0 --regexp "^usage: daily_run $first( |\$)"
		done
		[ $c = show ] && assert_line '       daily_run show RUN_ID|DATE [--json]'
		[ $c = migrate ] && continue
		run -2 --separate-stderr "$BIN/daily_run" $c --bogus
		[ -z "$output" ]
		assert_equal "${stderr_lines[0]}" "daily_run: error: unknown option '--bogus'"
		[[ "${stderr_lines[1]}" == "usage: daily_run $first "* ]]
	done
	for c in "list --since" "prune --keep-days" "replay --from" "backfill --from" \
	    "backtest --from" "sweep --grid" "config --config"; do
		run -2 --separate-stderr "$BIN/daily_run" $c
		assert_equal "${stderr_lines[0]}" "daily_run: error: option '${c#* }' needs a value"
	done
	[ ! -e "$DAILY_VARDIR/runs" ]	# nothing ran
}

@test "the default date is today (on a desk business day: faketime, a Wednesday)" {
	command -v faketime >/dev/null || skip "faketime not installed"
	# faketime's LD_PRELOAD would come before ASan's runtime, which refuses to start
	! ldd "$BIN/daily_run" | grep -q libasan || skip "faketime cannot preload before ASan (SAN=1)"
	export FAKETIME_DONT_FAKE_MONOTONIC=1
	run -0 --separate-stderr faketime '2024-01-17 09:00:00' "$BIN/daily_run" --dry-run
	assert_line --index 0 "═══ Daily Pipeline Run: 2024-01-17 ═══"
}

@test "the default date is the local calendar date, durations stay monotonic (faketime)" {
	command -v faketime >/dev/null || skip "faketime not installed"
	# faketime's LD_PRELOAD would come before ASan's runtime, which refuses to start
	! ldd "$BIN/daily_run" | grep -q libasan || skip "faketime cannot preload before ASan (SAN=1)"
	export FAKETIME_DONT_FAKE_MONOTONIC=1 TZ=America/Sao_Paulo
	run -0 --separate-stderr faketime '2024-02-29 23:59:59' "$BIN/daily_run" --dry-run
	assert_line --index 0 '═══ Daily Pipeline Run: 2024-02-29 ═══'
	# The wall clock jumps (x1000 speed); step times come from CLOCK_MONOTONIC.
	run -0 --separate-stderr faketime -f '@2024-03-01 00:00:00 x1000' "$BIN/daily_run" --dry-run
	assert_line --index 0 '═══ Daily Pipeline Run: 2024-03-01 ═══'
	assert_line --regexp '^  ✓ ingest: +[0-9]{1,3}ms  \(ingest ok\)$'
	assert_line --regexp '^  Total: [0-9]{1,3}ms \| Status: SUCCESS$'
}

@test "a real run: report_dir, the success record and the previous portfolio" {
	fake_db $FAKE_DB_RUN $FAKE_DB_RUN	# two runs store their rows
	run -0 --separate-stderr "$BIN/daily_run" --date 2024-01-12
	assert_line --regexp 'Status: SUCCESS$'
	first=$(run_dir)
	# the run's own absolute report directory, under the state directory by default
	[ "$(jq -c '.config | del(.track_record)' "$first/00-initial.json")" = "{\"report_dir\":\"$DAILY_VARDIR/reports/runs/$(basename "$first")\",\"report_index_dir\":\"$DAILY_VARDIR/reports\"}" ]
	# The fake server's answer is not the table's shape: no track record, and why.
	run -0 jq -r .config.track_record.error "$first/00-initial.json"
	assert_output "cannot read the track record: 1 columns, not 6"
	[ "$(readlink "$DAILY_VARDIR/runs/success/2024-01-12")" = "../$(basename "$first")" ]
	export DAILY_REPORT_DIR=out/rep
	run -0 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	d=$(ls -td "$DAILY_VARDIR"/runs/*-*-*-*-* | head -1)
	[ "$(jq -r .config.report_dir "$d/00-initial.json")" = "$PWD/out/rep/runs/$(basename "$d")" ]
	[ "$(jq -r .config.previous_portfolio_file "$d/00-initial.json")" = \
	    "$(step_file "$DAILY_VARDIR/runs/$(basename "$first")" portfolio)" ]
	# An earlier date never sees a later run's portfolio; dry runs are not recorded.
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-10
	d=$(ls -td "$DAILY_VARDIR"/runs/*-*-*-*-* | head -1)
	[ "$(jq -c .config "$d/00-initial.json")" = '{}' ]
	[ ! -e "$DAILY_VARDIR/runs/success/2024-01-10" ]
}

@test "a step inserted in the table: the previous portfolio and replay find files by step name" {
	# tests/fake-steps/daily_run-inserted: daily_run over steps/STEPS with a step
	# "hedge" inserted before portfolio (the Makefile), so portfolio's NN grows by one.
	local ins="$FAKE/daily_run-inserted" first second p1 p2 n1 d
	[ -x "$ins" ] || make -s -C "$TOP" tests/fake-steps/daily_run-inserted >/dev/null
	ln -s "$FAKE/pass" "$DAILY_STEPDIR/step-hedge"
	fake_db $FAKE_DB_RUN $FAKE_DB_RUN $FAKE_DB_RUN
	run -0 --separate-stderr "$BIN/daily_run" --date 2024-01-11
	first=$DAILY_VARDIR/runs/$(readlink "$DAILY_VARDIR/runs/success/2024-01-11" | cut -c4-)
	p1=$(step_file "$first" portfolio)
	# the longer table: hedge runs just before portfolio, and the book of the run
	# before, written under the shorter table's number, is still found
	run -0 --separate-stderr "$ins" --date 2024-01-12
	assert_line --regexp '^  ✓ hedge: +[0-9]+ms  \(hedge ok\)$'
	second=$DAILY_VARDIR/runs/$(readlink "$DAILY_VARDIR/runs/success/2024-01-12" | cut -c4-)
	p2=$(step_file "$second" portfolio)
	n1=${p1##*/}
	[ "${p2##*/}" = "$(printf %02d $(( 10#${n1%%-*} + 1 )))-portfolio.json" ]
	[ "$(jq -r .config.previous_portfolio_file "$second/00-initial.json")" = "$p1" ]
	[ "$(jq -r '[keys_unsorted[]] | index("hedge") < index("portfolio")' "$p2")" = true ]
	# and back: the shorter table finds the book the longer one wrote
	run -0 --separate-stderr "$BIN/daily_run" --date 2024-01-15
	d=$(ls -td "$DAILY_VARDIR"/runs/*-*-*-*-* | head -1)
	[ "$(jq -r .config.previous_portfolio_file "$d/00-initial.json")" = "$p2" ]
	# replay, with the shorter table, of the run the longer one wrote: risk's saved
	# input is found by name; its replayed output equals the saved one but for
	# config.report_dir, moved into the scratch directory (docs/ORCHESTRATOR.md "Replay")
	run -0 --separate-stderr "$BIN/daily_run" replay "${second##*/}" --from risk
	assert_line --regexp '^  ✓ risk: '
	scratch=$(sed -n 's/^  Scratch: //p' <<< "$output")
	[ "$(step_file "$scratch" risk)" != "$(step_file "$second" risk)" ]	# not the same NN
	diff <(jq -S "del(.config)" "$(step_file "$scratch" risk)") \
	    <(jq -S "del(.config)" "$(step_file "$second" risk)")
	[ "$(jq -r .hedge.summary.detail "$(step_file "$scratch" risk)")" = "hedge ok" ]
	rm -rf "$scratch"
}

@test "a failed real run is not recorded as a success" {
	fake_db $FAKE_DB_RUN
	fake_step report exit-65
	run -1 --separate-stderr "$BIN/daily_run" --date 2024-01-12
	[ ! -e "$DAILY_VARDIR/runs/success/2024-01-12" ]
}
