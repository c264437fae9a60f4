#!/usr/bin/env bats
# daily_run backfill (docs/ORCHESTRATOR.md "Backfill"): desk business days only, one
# row per date, -j 2 with each book reading the previous business day's, whatever
# the order runs finish in; --only-missing, --rerun-failed, --dry-run. Run inside a
# throwaway cluster: pg_virtualenv bats tests/bats/85-backfill.bats.
load ../helpers
load ../fake-steps/lib

setup_file() {
	db_probe
}

setup() {
	orch_setup
	[ -n "${DB_OK:-}" ] || return 0
	fresh_db dr_bf
}

teardown() {
	[ -n "${DB_OK:-}" ] || return 0
	drop_db
}

# step-aggregate (before the chain's wait): slow on the given days of the month, so
# later dates overtake.
slow_aggregate() {
	cat > slowstrat <<SH
#!/bin/bash
in=\$(cat)
case "\$(jq -r .as_of <<<"\$in")" in $1) sleep 1.5;; esac
exec -a "\$0" "$FAKE/pass" <<<"\$in"
SH
	chmod +x slowstrat
	ln -sfn "$PWD/slowstrat" "$DAILY_STEPDIR/step-aggregate"
}

# The run of a date (its success record).
run_of() {
	readlink "$DAILY_VARDIR/runs/success/$1" | sed 's|^\.\./||'
}

@test "backfill: two weeks with -j 2, the book chain in date order" {
	need_db
	slow_aggregate '*-08|*-10|*-12|*-16|*-18'
	run -0 --separate-stderr "$BIN/daily_run" backfill --from 2024-01-06 --to 2024-01-21 -j 2
	assert_line "backfill: 10 dates, 10 succeeded, 0 failed"
	# weekends skipped (2024-01-15, a US holiday, is a desk business day): one row per date
	[ "$(q "select string_agg(run_date::text, ',' order by run_date) from pipeline_runs")" = \
	    2024-01-08,2024-01-09,2024-01-10,2024-01-11,2024-01-12,2024-01-15,2024-01-16,2024-01-17,2024-01-18,2024-01-19 ]
	prev=
	for d in 2024-01-08 2024-01-09 2024-01-10 2024-01-11 2024-01-12 2024-01-15 2024-01-16 2024-01-17 2024-01-18 2024-01-19; do
		id=$(run_of "$d")
		f="$(step_file "$DAILY_VARDIR/runs/$id" aggregate chained.json)"
		if [ -z "$prev" ]; then
			[ "$(jq -r '.config.previous_portfolio_file // "none"' "$f")" = none ]
		else
			[ "$(jq -r .config.previous_portfolio_file "$f")" = "$(step_file "$DAILY_VARDIR/runs/$(run_of "$prev")" portfolio)" ] ||
			    { echo "$d reads $(jq -r .config.previous_portfolio_file "$f"), not $prev's" >&2; return 1; }
			# strategies (the first reader of the book) ran after the previous date's run ended
			[ "$(step_file "$DAILY_VARDIR/runs/$id" strategies)" -nt "$(step_file "$DAILY_VARDIR/runs/$(run_of "$prev")" report)" ]
			# and the book reached the portfolio step too
			[ "$(jq -r .config.previous_portfolio_file "$(step_file "$DAILY_VARDIR/runs/$id" strategies)")" = \
			    "$(step_file "$DAILY_VARDIR/runs/$(run_of "$prev")" portfolio)" ]
		fi
		prev=$d
	done
	# the dates did overlap (-j 2): 01-09 finished its aggregate while 01-08 slept
	[ "$(step_file "$DAILY_VARDIR/runs/$(run_of 2024-01-09)" aggregate)" -ot "$(step_file "$DAILY_VARDIR/runs/$(run_of 2024-01-08)" aggregate)" ]
	# a replay of a chained run reads the same book
	run -0 --separate-stderr "$BIN/daily_run" replay "$(run_of 2024-01-16)" --verify
	assert_line --partial "verify: 8 step outputs byte-identical"
	# prune keeps a run a backfilled date read through its chained input, even when a
	# rerun of its own date took over the success record
	first=$(run_of 2024-01-08)
	ln -sfn "$FAKE/pass" "$DAILY_STEPDIR/step-aggregate"
	"$BIN/daily_run" --date 2024-01-08 >/dev/null
	[ "$(run_of 2024-01-08)" != "$first" ]
	touch -d '10 days ago' "$DAILY_VARDIR"/runs/*-*-*-*-*
	run -0 --separate-stderr "$BIN/daily_run" prune --keep-days 5
	[ -d "$DAILY_VARDIR/runs/$first" ]
	assert_line "prune: removed 0 runs older than 5 days; kept 0 recent and 11 that a date's last success or a later run needs"
}

@test "backfill: a failed date is named, the others run, exit 1" {
	need_db
	cat > failon <<SH
#!/bin/bash
in=\$(cat)
[ "\$(jq -r .as_of <<<"\$in")" = 2024-01-10 ] && { echo "agents: fatal: boom" >&2; exit 65; }
exec -a "\$0" "$FAKE/pass" <<<"\$in"
SH
	chmod +x failon
	ln -sfn "$PWD/failon" "$DAILY_STEPDIR/step-agents"
	run -1 --separate-stderr "$BIN/daily_run" backfill --from 2024-01-08 --to 2024-01-12 -j 2
	assert_line --regexp "^backfill: 2024-01-10 failed \(exit 1\): see $DAILY_VARDIR/backfill/.*/2024-01-10.log\$"
	assert_line "backfill: 5 dates, 4 succeeded, 1 failed"
	# 2024-01-11 reads 2024-01-09's book, the last success before it
	id=$(run_of 2024-01-11)
	[ "$(jq -r .config.previous_portfolio_file "$(step_file "$DAILY_VARDIR/runs/$id" aggregate chained.json)")" = \
	    "$(step_file "$DAILY_VARDIR/runs/$(run_of 2024-01-09)" portfolio)" ]
	# --rerun-failed picks it up, --only-missing has nothing to do
	run -0 --separate-stderr "$BIN/daily_run" backfill --from 2024-01-08 --to 2024-01-12 --rerun-failed --dry-run
	assert_output "backfill: would run 2024-01-10
backfill: 1 date to run"
	run -0 --separate-stderr "$BIN/daily_run" backfill --from 2024-01-08 --to 2024-01-19 --only-missing --dry-run
	assert_output "backfill: would run 2024-01-15
backfill: would run 2024-01-16
backfill: would run 2024-01-17
backfill: would run 2024-01-18
backfill: would run 2024-01-19
backfill: 5 dates to run"
	ln -sfn "$FAKE/pass" "$DAILY_STEPDIR/step-agents"
	run -0 --separate-stderr "$BIN/daily_run" backfill --from 2024-01-08 --to 2024-01-12 --rerun-failed
	assert_line "backfill: 1 date, 1 succeeded, 0 failed"
	[ "$(q "select count(*) from pipeline_runs where run_date = '2024-01-10'")" = 2 ]
}

@test "backfill --dry-run: holidays and weekends skipped, nothing run, no database needed" {
	export DATABASE_URL="postgresql://127.0.0.1:1/none"
	run -0 --separate-stderr "$BIN/daily_run" backfill --from 2024-02-08 --to 2024-02-15 --dry-run
	assert_output "backfill: would run 2024-02-08
backfill: would run 2024-02-09
backfill: would run 2024-02-14
backfill: would run 2024-02-15
backfill: 4 dates to run"
	[ ! -e "$DAILY_VARDIR/runs" ]
}

@test "backfill: usage errors exit 2" {
	run -2 --separate-stderr "$BIN/daily_run" backfill --from 2024-01-08
	run -2 --separate-stderr "$BIN/daily_run" backfill --from 2024-01-10 --to 2024-01-08
	run -2 --separate-stderr "$BIN/daily_run" backfill --from 2024-01-08 --to 2024-01-10 -j 0
	run -2 --separate-stderr "$BIN/daily_run" backfill --from 2024-01-08 --to 2024-01-10 --only-missing --rerun-failed
	run -2 --separate-stderr "$BIN/daily_run" backfill --from 2024-13-01 --to 2024-01-10
}

@test "backfill: SIGTERM reaches the running dates, the rest never start, exit 1" {
	need_db
	export FAKE_SLEEP=30
	fake_step ingest slow
	"$BIN/daily_run" backfill --from 2024-01-08 --to 2024-01-12 -j 2 > out 2> err &
	pid=$!
	wait_file "$FAKE_MARKER_DIR/ingest.started"
	sleep 0.5
	kill -TERM "$pid"
	t0=$(now_ms)
	status=0
	wait "$pid" || status=$?
	[ "$status" -eq 1 ]
	[ $(( $(now_ms) - t0 )) -lt 8000 ]
	grep -qx "backfill: 2024-01-12 not run (stopped by signal 15)" out
	grep -qx "backfill: 5 dates, 0 succeeded, 5 failed" out
	# no daily_run or step of the backfill left behind
	sleep 0.3
	! pgrep -f "$DAILY_STEPDIR/step-" >/dev/null
	[ "$(q "select string_agg(status, ',') from pipeline_runs")" = ABORTED,ABORTED ]
}
