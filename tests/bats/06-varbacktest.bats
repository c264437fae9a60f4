#!/usr/bin/env bats
# common/varbt.c (Kupiec POF, Christoffersen independence, Basel zone) against a scipy
# oracle (tests/oracles/var_backtest.py) on fixed exception sequences, and by hand.
load ../helpers

VARBT="$TOP/tests/tools/bin/varbt"

# same P SEQUENCE: the tool and the oracle agree to 1e-10 relative.
same() {
	"$VARBT" "$1" <<< "$2" > "$BATS_TEST_TMPDIR/c.txt"
	"$PY" "$TOP/tests/oracles/var_backtest.py" "$1" <<< "$2" > "$BATS_TEST_TMPDIR/py.txt"
	numdiff "$BATS_TEST_TMPDIR/c.txt" "$BATS_TEST_TMPDIR/py.txt" 1e-10
}

@test "varbt: Kupiec and Christoffersen equal scipy on fixed sequences" {
	"$PY" -c 'import scipy' 2>/dev/null || skip "no scipy"
	# 250 days, 3 exceptions apart; clustered; none; all; a single day.
	same 0.01 "$(printf '0%.0s' {1..100})1$(printf '0%.0s' {1..60})1$(printf '0%.0s' {1..87})1"
	same 0.05 "$(printf '0%.0s' {1..200})11111111110000000000$(printf '0%.0s' {1..30})"
	same 0.05 "$(printf '0%.0s' {1..250})"
	same 0.01 "1111111111"
	same 0.05 "0110100111010001000011000000001110000000000001"
}

@test "varbt: Kupiec by hand, 250 days with 5 exceptions of a 99% VaR" {
	seq="$(printf '0%.0s' {1..45})1$(printf '0%.0s' {1..49})1$(printf '0%.0s' {1..49})1$(printf '0%.0s' {1..49})1$(printf '0%.0s' {1..49})1$(printf '0%.0s' {1..4})"
	run -0 "$VARBT" 0.01 <<< "$seq"
	read -r n x rate lr p _ <<< "$output"
	[ "$n" = 250 ] && [ "$x" = 5 ]
	# LR = -2[245 ln .99 + 5 ln .01] + 2[245 ln .98 + 5 ln .02] = 1.9568...
	run -0 awk -v lr="$lr" 'BEGIN { w = -2*(245*log(.99)+5*log(.01)) + 2*(245*log(.98)+5*log(.02));
	    exit !((lr - w) < 1e-12 && (w - lr) < 1e-12) }'
	[[ "$output" == "" ]]
	run -0 bash -c "\"$VARBT\" 0.01 <<< '$seq' | awk '{ print \$NF }'"
	assert_output yellow
}

@test "varbt: a probability outside (0, 1) is a usage error" {
	run -64 --separate-stderr "$VARBT" 1.5 <<< "0101"
	[[ "$stderr" == *"P must be in (0, 1)"* ]]
}
