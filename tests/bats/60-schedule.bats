#!/usr/bin/env bats
# Scheduling (README "Operating"): the systemd units verify, the timer fires on weekdays
# only, and daily_run works in cron's bare environment with no terminal.
load ../helpers

setup() {
	cd "$BATS_TEST_TMPDIR"
}

@test "schedule: the systemd units verify (ExecStart pointed at this build)" {
	command -v systemd-analyze >/dev/null || skip "no systemd-analyze"
	sed "s|/usr/local/bin/daily_run|$BIN/daily_run|" "$TOP/contrib/systemd/daily_run.service" \
	    > daily_run.service
	cp "$TOP/contrib/systemd/daily_run.timer" .
	run -0 systemd-analyze verify --man=no daily_run.service daily_run.timer
	# and verify can fail: a misspelt calendar is refused
	sed 's/Mon\.\.Fri/Mon..Fry/' daily_run.timer > bad.timer
	run -1 systemd-analyze verify --man=no bad.timer
}

@test "schedule: the timer fires at 07:00 São Paulo on weekdays only" {
	command -v systemd-analyze >/dev/null || skip "no systemd-analyze"
	spec=$(sed -n 's/^OnCalendar=//p' "$TOP/contrib/systemd/daily_run.timer")
	# from Friday 2024-01-12 11:00 UTC (08:00 in São Paulo, after the run): Monday and
	# Tuesday 07:00 -03 = 10:00 UTC, no weekend day
	TZ=UTC run -0 systemd-analyze calendar --iterations=2 \
	    --base-time='2024-01-12 11:00:00 UTC' "$spec"
	[[ "$output" == *"Mon 2024-01-15 10:00:00 UTC"* ]]
	[[ "$output" == *"Tue 2024-01-16 10:00:00 UTC"* ]]
}

@test "schedule: the crontab line runs on weekdays and names its environment" {
	run -0 grep -E '^0 7 \* \* 1-5 ' "$TOP/contrib/cron/daily_run.crontab"
	run -0 grep -E '^DAILY_VARDIR=' "$TOP/contrib/cron/daily_run.crontab"
}

@test "schedule: daily_run runs in cron's bare environment, no terminal, no stdin" {
	run -0 --separate-stderr env -i HOME="$BATS_TEST_TMPDIR" PATH=/usr/bin:/bin \
	    "$BIN/daily_run" --dry-run --date 2024-01-15 < /dev/null
	[[ "$output" == *"SUCCESS"* ]]
}
