# Shared setup for the bats suites (docs/STYLE.md R41). Load with: load ../helpers
bats_require_minimum_version 1.5.0
load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

export LC_ALL=C
TOP="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)"
BIN="$TOP/bin"
RESEARCH="${RESEARCH_DATA:-$TOP/../shared/research}"
export TOP BIN RESEARCH
# Debian's Python with numpy/scipy/sklearn/statsmodels: the test-only reference.
PY=/usr/bin/python3
export PY
# Tests prefix programs under test with $VALGRIND when it is set (make check VALGRIND=1).
VALGRIND="${VALGRIND:-}"

# json_eq A B: the two JSON documents (files) are equal after jq -S normalisation.
json_eq() {
	diff <(jq -S . "$1") <(jq -S . "$2")
}

# steps_list: the step names of the step table steps/STEPS, in run order, one a line
# (scripts/step-table reads it; the only list of the steps, docs/EXTENDING.md).
steps_list() {
	"$TOP/scripts/step-table" -n
}

# step_file DIR STEP [SUFFIX]: the file NN-STEP.SUFFIX (default json) of run directory
# DIR, found by the step's name whatever its NN, as daily_run finds it (orchestrator/
# rundir.c run_file); fails when there is none.
step_file() {
	local f
	for f in "$1"/[0-9][0-9]-"$2.${3:-json}"; do
		[ -e "$f" ] || return 1
		echo "$f"
		return 0
	done
}

# state_for DATE: a minimal initial state on stdout.
state_for() {
	printf '{"as_of":"%s"}\n' "$1"
}

# The synthetic pipeline up to and including step $2 for date $1, cached per test file
# in $BATS_FILE_TMPDIR/<date>-<step>.json; prints the file name.
pipeline_to() {
	local date=$1 last=$2 prev out s
	prev="$BATS_FILE_TMPDIR/$date-initial.json"
	[ -f "$prev" ] || state_for "$date" > "$prev"
	for s in $(steps_list); do
		out="$BATS_FILE_TMPDIR/$date-$s.json"
		if [ ! -s "$out" ]; then
			"$BIN/step-$s" < "$prev" > "$out.tmp" || return 1
			mv "$out.tmp" "$out"
		fi
		prev=$out
		[ "$s" = "$last" ] && break
	done
	echo "$prev"
}

# Skip when the read-only real data is absent (never in CI, where shared/ is present).
require_research() {
	[ -d "$RESEARCH/data" ] || skip "no ../shared/research/data"
}

# A jq filter that gives every series its own "dates" again when it names a shared
# calendar (ingest.calendars, docs/STATE.md): for tests that read dates with jq.
EXPAND_CALENDARS='if (.ingest.calendars // null) != null then .ingest.calendars as $c
  | .ingest.series |= map_values(if has("calendar") then (.dates = $c[.calendar]
  | del(.calendar)) else . end) | del(.ingest.calendars) else . end'
export EXPAND_CALENDARS

# round9 FILE: the JSON with every number rounded to 1e-9 and keys sorted, so the last bit
# of a BLAS sum cannot fail a comparison.
round9() {
	jq -S 'walk(if type == "number" then (. * 1e9 | round) / 1e9 else . end)' "$1"
}

# numdiff A B [RTOL]: the two text files hold the same words, and their numbers agree to
# RTOL relative (default 1e-12, absolute below 1e-300): a reference computed on another
# CPU or BLAS differs in the last digits. Prints the first difference and fails.
numdiff() {
	awk -v rtol="${3:-1e-12}" '
	function isnum(s) { return s ~ /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/ }
	function abs(x) { return x < 0 ? -x : x }
	NR == FNR { for (i = 1; i <= NF; i++) a[++na] = $i; next }
	{ for (i = 1; i <= NF; i++) b[++nb] = $i }
	END {
		if (na != nb) { printf "numdiff: %d words vs %d\n", na, nb; exit 1 }
		for (k = 1; k <= na; k++) {
			if (isnum(a[k]) && isnum(b[k])) {
				d = abs(a[k] - b[k]); m = abs(a[k]) > abs(b[k]) ? abs(a[k]) : abs(b[k])
				if (d > rtol * m && d > 1e-300) {
					printf "numdiff: word %d: %s vs %s\n", k, a[k], b[k]; exit 1
				}
			} else if (a[k] != b[k]) {
				printf "numdiff: word %d: %s vs %s\n", k, a[k], b[k]; exit 1
			}
		}
	}' "$1" "$2"
}

# fixture_table STEP: the table-driven test of docs/STYLE.md R40. For each
# tests/fixtures/STEP/<case>.in.json, run bin/step-STEP and compare with .out.json (after
# round9), and/or expect the exit code in .code and the stderr in .err (a glob when it
# holds '*'; then stdout must be empty). At least three cases must exist.
fixture_table() {
	local step=$1 in base code want n=0
	for in in "$TOP/tests/fixtures/$step"/*.in.json; do
		base=${in%.in.json}
		code=0
		[ -f "$base.code" ] && code=$(cat "$base.code")
		run -"$code" --separate-stderr $VALGRIND "$BIN/step-$step" < "$in"
		if [ -f "$base.out.json" ]; then
			echo "$output" > "$BATS_TEST_TMPDIR/out.json"
			diff <(round9 "$BATS_TEST_TMPDIR/out.json") <(round9 "$base.out.json")
		fi
		if [ -f "$base.err" ]; then
			want=$(cat "$base.err")
			if [[ "$want" == *'*'* ]]; then
				[[ "$stderr" == $want ]] || { echo "$in: stderr '$stderr'"; return 1; }
			else
				assert_equal "$stderr" "$want"
			fi
			assert_output ''
		fi
		n=$((n + 1))
	done
	[ "$n" -ge 3 ]
}
