#!/usr/bin/env bats
# MONETARY_US_FED_STANCE on the synthetic default, now that it has US_UNEMPLOYMENT
# (docs/DATA.md): the direction and the figures recomputed from the state's own inputs
# by tests/oracles/fed_stance.py (statsmodels HP filter, the rule of docs/AGENTS.md).
load ../helpers

setup() {
	cd "$TOP"
}

# fed DATE: the agents' state for DATE; the oracle's "DIRECTION gap" line and "ok".
fed() {
	local f
	f=$(pipeline_to "$1" agents)
	run -0 jq -r '.agents.reports[].signals[] | select(.signal_id == "MONETARY_US_FED_STANCE")
	    | .strength' "$f"
	[ "$output" != NO_SIGNAL ]
	run -0 "$PY" "$TOP/tests/oracles/fed_stance.py" "$f"
	assert_line --index 1 ok
}

@test "fed stance 2020-05-29: LONG, April's 14.8 % unemployment with the funds rate at the floor" {
	fed 2020-05-29
	# Fed funds 0.08, unemployment gap about -9.9: i* about -8.4, gap about +8.5.
	assert_line --index 0 --regexp '^LONG [5-9]\.'
}

@test "fed stance 2020-04-30: SHORT, only March's 4.4 % is published (April's on 05-07)" {
	fed 2020-04-30
	# Fed funds 0.33 (the synthetic FOMC is still cutting), unemployment gap about -0.8,
	# core 1.5 %: i* about 1.0, gap about -0.7.
	assert_line --index 0 --regexp '^SHORT -'
}

@test "fed stance 2023-06-30: SHORT, core inflation about 5 % above the rule's funds rate" {
	fed 2023-06-30
	# Fed funds 4.83, core 5.0 %, unemployment 3.5 % a little above its trend:
	# i* about 6.7, gap about -1.9.
	assert_line --index 0 --regexp '^SHORT -1\.'
}
