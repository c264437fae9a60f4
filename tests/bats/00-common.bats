#!/usr/bin/env bats
# common/: the state reader on nst/JSONTestSuite, canonical output, field errors, write errors.
load ../helpers

setup() {
	STATECAT="$TOP/tests/tools/bin/statecat"
	FIELDGET="$TOP/tests/tools/bin/fieldget"
	SUITE="$RESEARCH/jsontestsuite/test_parsing"
}

@test "JSONTestSuite: every n_ file is rejected with a one-line error and nothing on stdout" {
	[ -d "$SUITE" ] || skip "no ../shared/research/jsontestsuite"
	local f n=0 bad=""
	for f in "$SUITE"/n_*.json; do
		run -65 --separate-stderr timeout 10 $VALGRIND "$STATECAT" < "$f"
		[ -z "$output" ] || bad+=" $(basename "$f")(stdout)"
		[ "${#stderr_lines[@]}" -eq 1 ] || bad+=" $(basename "$f")(lines)"
		[[ "$stderr" == "statecat: fatal: invalid state on stdin: "* ]] || bad+=" $(basename "$f")(msg)"
		n=$((n + 1))
	done
	[ -z "$bad" ] || fail "not cleanly rejected:$bad"
	[ "$n" -eq 188 ]
}

@test "JSONTestSuite: y_ objects are accepted, other y_ values rejected as 'not an object'" {
	[ -d "$SUITE" ] || skip "no ../shared/research/jsontestsuite"
	local f bad="" first
	# Policy, not parse failures: duplicate keys are rejected (JSON_REJECT_DUPLICATES) and
	# so is U+0000 inside strings (jansson without JSON_ALLOW_NUL).
	local policy=" y_object_duplicated_key.json y_object_duplicated_key_and_value.json y_object_escaped_null_in_key.json y_string_null_escape.json "
	for f in "$SUITE"/y_*.json; do
		[[ "$policy" == *" $(basename "$f") "* ]] && continue
		first=$(tr -d ' \t\r\n' < "$f" | head -c 1)
		if [ "$first" = "{" ]; then
			run -0 timeout 10 "$STATECAT" < "$f"
			"$PY" -c 'import json,sys; json.loads(sys.argv[1])' "$output" || bad+=" $(basename "$f")"
		else
			run -65 --separate-stderr timeout 10 "$STATECAT" < "$f"
			[[ "$stderr" == *"top-level value is not an object"* ]] || bad+=" $(basename "$f")"
		fi
	done
	[ -z "$bad" ] || fail "mishandled:$bad"
}

@test "JSONTestSuite: no i_ file crashes or hangs" {
	[ -d "$SUITE" ] || skip "no ../shared/research/jsontestsuite"
	local f rc bad=""
	for f in "$SUITE"/i_*.json; do
		timeout 10 "$STATECAT" < "$f" > /dev/null 2>&1 && rc=0 || rc=$?
		[ "$rc" -eq 0 ] || [ "$rc" -eq 65 ] || bad+=" $(basename "$f")=$rc"
	done
	[ -z "$bad" ] || fail "crashed or hung:$bad"
}

@test "deep nesting (2049 and 100000 levels) is rejected without a crash" {
	local n
	for n in 2049 100000; do
		"$PY" -c "import sys; sys.stdout.write('{\"a\":' + '[' * $n + ']' * $n + '}')" > "$BATS_TEST_TMPDIR/deep.json"
		run -65 --separate-stderr "$STATECAT" < "$BATS_TEST_TMPDIR/deep.json"
		assert_equal "$output" ""
	done
}

@test "trailing NUL, two documents, BOM and empty input are rejected" {
	printf '{}\0' > "$BATS_TEST_TMPDIR/nul.json"
	run -65 --separate-stderr "$STATECAT" < "$BATS_TEST_TMPDIR/nul.json"
	printf '{}{}' > "$BATS_TEST_TMPDIR/two.json"
	run -65 --separate-stderr "$STATECAT" < "$BATS_TEST_TMPDIR/two.json"
	printf '\xef\xbb\xbf{}' > "$BATS_TEST_TMPDIR/bom.json"
	run -65 --separate-stderr "$STATECAT" < "$BATS_TEST_TMPDIR/bom.json"
	assert_equal "$stderr" "statecat: fatal: invalid state on stdin: line 1, column 1: byte order mark not allowed"
	run -65 --separate-stderr "$STATECAT" < /dev/null
	assert_equal "$stderr" "statecat: fatal: invalid state on stdin: empty input"
}

@test "an input over the size cap is refused" {
	"$PY" -c "import sys; sys.stdout.write('{\"a\":\"' + 'x' * (2 * 1024 * 1024) + '\"}')" > "$BATS_TEST_TMPDIR/big.json"
	DAILY_MAX_STATE_MB=1 run -65 --separate-stderr "$STATECAT" < "$BATS_TEST_TMPDIR/big.json"
	assert_equal "$stderr" "statecat: fatal: invalid state on stdin: larger than 1 MiB"
}

@test "canonical output: sorted keys, compact, trailing newline, stable, same as jq -S -c" {
	printf '{"b": [1.50, 2e2, 0.1], "a": {"d": null, "c": "x"}}' > "$BATS_TEST_TMPDIR/in.json"
	run -0 "$STATECAT" < "$BATS_TEST_TMPDIR/in.json"
	assert_output '{"a":{"c":"x","d":null},"b":[1.5,200.0,0.1]}'
	"$STATECAT" < "$BATS_TEST_TMPDIR/in.json" > "$BATS_TEST_TMPDIR/once.json"
	"$STATECAT" < "$BATS_TEST_TMPDIR/once.json" > "$BATS_TEST_TMPDIR/twice.json"
	cmp "$BATS_TEST_TMPDIR/once.json" "$BATS_TEST_TMPDIR/twice.json"
	[ "$(tail -c 1 "$BATS_TEST_TMPDIR/once.json" | od -An -c | tr -d ' ')" = '\n' ]
	json_eq "$BATS_TEST_TMPDIR/in.json" "$BATS_TEST_TMPDIR/once.json"
}

@test "a write error on stdout exits 74" {
	[ -w /dev/full ] || skip "no /dev/full"
	echo '{"a":1}' > "$BATS_TEST_TMPDIR/in.json"
	run -74 --separate-stderr bash -c '"$1" < "$2" > /dev/full' _ "$STATECAT" "$BATS_TEST_TMPDIR/in.json"
	[[ "$stderr" == "statecat: fatal: unable to "*"No space left on device" ]]
}

@test "field errors name the JSON path" {
	run -65 --separate-stderr "$FIELDGET" num ingest.series < <(echo '{"as_of":"2024-01-15"}')
	assert_equal "$stderr" "fieldget: fatal: missing field 'ingest.series'"
	run -65 --separate-stderr "$FIELDGET" num a.b < <(echo '{"a":{"b":"1"}}')
	assert_equal "$stderr" "fieldget: fatal: field 'a.b' is a string, expected a number"
	run -65 --separate-stderr "$FIELDGET" date as_of < <(echo '{"as_of":"2024-02-30"}')
	assert_equal "$stderr" "fieldget: fatal: field 'as_of': invalid date '2024-02-30', expected YYYY-MM-DD"
	run -0 "$FIELDGET" num a < <(echo '{"a":3}')
	assert_output "3"
	run -0 "$FIELDGET" numopt a < <(echo '{"a":null}')
	assert_output "-1"
	run -65 --separate-stderr "$FIELDGET" int a < <(echo '{"a":1.5}')
	assert_equal "$stderr" "fieldget: fatal: field 'a' is a number, expected an integer"
	# The kind named as config.c names it (common/field.h json_kind).
	run -65 --separate-stderr "$FIELDGET" str a < <(echo '{"a":5}')
	assert_equal "$stderr" "fieldget: fatal: field 'a' is an integer, expected a string"
	run -65 --separate-stderr "$FIELDGET" str a < <(echo '{"a":true}')
	assert_equal "$stderr" "fieldget: fatal: field 'a' is a bool, expected a string"
}

@test "-h prints usage on stdout; a bad option is a usage error (64)" {
	run -0 --separate-stderr "$STATECAT" -h
	assert_output "usage: statecat [-h] < state.json"
	run -0 --separate-stderr "$STATECAT" --help
	assert_output "usage: statecat [-h] < state.json"
	[ -z "$stderr" ]
	# the error names the tool, not argv[0] (a path here), in the house format
	run -64 --separate-stderr "$STATECAT" -x
	[ -z "$output" ]
	assert_equal "$stderr" "statecat: error: unknown option '-x'
usage: statecat [-h] < state.json"
	run -64 --separate-stderr "$STATECAT" extra
	assert_equal "${stderr_lines[0]}" "statecat: error: unexpected argument 'extra'"
}

@test "jscan (daily_run's output check) agrees with state_load on all 318 JSONTestSuite files" {
	[ -d "$SUITE" ] || skip "no ../shared/research/jsontestsuite"
	local f bad=""
	for f in "$SUITE"/*.json; do
		"$TOP/tests/tools/bin/jscancheck" < "$f" > /dev/null 2>&1 || bad+=" $(basename "$f")"
	done
	[ -z "$bad" ] || fail "verdicts differ:$bad"
}

@test "jscan finds values by path and rejects what JSON forbids" {
	local J="$TOP/tests/tools/bin/jscancheck"
	run -0 "$J" a.b < <(printf '{"x":[1,{"b":2}],"a" : {"c":"}\\"","b" :[1, "]"] } }')
	assert_line --index 0 "jansson=ok jscan=ok"
	assert_line --index 3 '[1, "]"]'
	run -0 "$J" a.z < <(printf '{"a":{"b":1}}')
	assert_line --index 3 '(absent)'
	# escaped backslashes before a closing quote, brackets inside strings (docs/BENCH.md)
	run -0 "$J" z.q < <(printf '%s' '{"s":"a\\","t":{"u":"\\\"x}"},"v":[1,"[\\\\"],"z":{"q":[2]}}')
	assert_line --index 0 "jansson=ok jscan=ok"
	assert_line --index 3 '[2]'
	run -0 "$J" v < <(printf '%s' '{"s":"a\\","v":[1,"[\\\\",{"]":"\\\""}],"z":1}')
	assert_line --index 3 '[1,"[\\\\",{"]":"\\\""}]'
	printf '{"a":28\0}' > "$BATS_TEST_TMPDIR/nul.json"
	run -0 "$J" < "$BATS_TEST_TMPDIR/nul.json"
	assert_line --index 0 "jansson=err jscan=err"
	run -0 "$J" < <(printf '{"a":1e400}')
	assert_line --index 0 "jansson=err jscan=err"
	run -0 "$J" < <(printf '{"a":9223372036854775808}')
	assert_line --index 0 "jansson=err jscan=err"
	run -0 "$J" < <(printf '{"a":"\xed\xa0\x80"}')
	assert_line --index 0 "jansson=err jscan=err"
	run -0 "$J" < <(printf '{"a":1,"a":2}')
	assert_line --index 0 "jansson=err jscan=ok"
}

# The repository stands alone: its design is in docs/ (docs/ARCHITECTURE.md), and code,
# scripts, tests and pages cite it there. Patterns are bracketed so that this file does
# not match itself.
DOC_FILES=(--exclude-dir=.git --include='*.[ch]' --include='*.sh' --include='*.bats'
    --include='*.bash' --include='*.py' --include='*.sql' --include='*.mk' --include=Makefile
    --include='*.md' --include='*.1')

@test "docs: nothing points at the design documents outside the repository" {
	cd "$TOP"
	run -1 grep -rn "${DOC_FILES[@]}" "shared/[d]esign" .
	run -1 grep -rn "${DOC_FILES[@]}" "REFERENCE[_]SPEC" .
	# Outside docs/ pages (whose links are relative), a design page is cited as docs/<PAGE>.md.
	run -1 grep -rnE "${DOC_FILES[@]}" --exclude='*.md' \
	    '(^|[^/A-Za-z_.])(ARCHITECTURE|MODELS|STYLE|CALIBRATION|RELIABILITY|DESK)(\.md| [RJOPDT][0-9]| §)' .
}

@test "docs: every docs/ page that is cited exists" {
	cd "$TOP"
	local f n=0 missing=""
	for f in $(grep -rhoE "${DOC_FILES[@]}" 'docs/[A-Za-z0-9_-]+\.md' . | sort -u); do
		[ -f "$f" ] || missing+=" $f"
		n=$((n + 1))
	done
	# Links between the pages: [text](PAGE.md) inside docs/.
	for f in $(grep -hoE '\]\([A-Za-z0-9_-]+\.md' docs/*.md | cut -c3- | sort -u); do
		[ -f "docs/$f" ] || missing+=" docs/$f"
		n=$((n + 1))
	done
	[ -z "$missing" ] || fail "cited but missing:$missing"
	[ "$n" -ge 14 ]
}

@test "steps: one usage format (common/step.c): -h and --help on stdout, errors name the step as die() does" {
	local s
	run -0 --separate-stderr "$BIN/step-report" --help
	assert_output "usage: step-report [-h] [--report-dir DIR] < state.json > state.json"
	run -64 --separate-stderr "$BIN/step-report" --report-dir '' < /dev/null
	assert_equal "$stderr" "report: fatal: --report-dir: an empty directory name"
	run -64 --separate-stderr "$BIN/step-report" --report-dir < /dev/null
	[[ "$stderr" == "report: missing argument to option '--report-dir'"* ]]
	for s in $(steps_list); do
		[ "$s" = report ] && continue	# above: its --report-dir
		run -0 --separate-stderr "$BIN/step-$s" -h
		assert_output "usage: step-$s [-h] < state.json > state.json"
		run -0 --separate-stderr "$BIN/step-$s" --help
		assert_output "usage: step-$s [-h] < state.json > state.json"
		run -64 --separate-stderr "$BIN/step-$s" -x < /dev/null
		assert_output ''
		assert_equal "$stderr" "$s: unknown option '-x'
usage: step-$s [-h] < state.json > state.json"
		run -64 --separate-stderr "$BIN/step-$s" extra < /dev/null
		[[ "$stderr" == "$s: unexpected argument 'extra'"* ]]
	done
}
# Build discipline (docs/STYLE.md R6): each program links only the libraries it uses.
# readelf shows what the dynamic linker loads; the link lines show what make passes,
# which matters where the linker does not drop unused libraries (--as-needed).
needed() {
	readelf -d "$1" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'
}

# link_line BIN: the command make runs to link BIN (nothing is built: -n).
link_line() {
	make -s -C "$TOP" --no-print-directory -n -B "$1" | grep -E -- "-o $1( |\$)"
}

@test "build: libcommon.a calls no GSL or BLAS; libnum.a holds what does" {
	[ -f "$TOP/build/libcommon.a" ] && [ -f "$TOP/build/libnum.a" ] || skip "not built"
	run -1 grep -E ' U (gsl_|cblas_)' <(nm "$TOP/build/libcommon.a")
	run -0 grep -E ' U gsl_' <(nm "$TOP/build/libnum.a")
}

@test "build: the steps without GSL link neither it, the BLAS nor libpq; daily_run no GSL" {
	local s bad=""
	cd "$TOP"
	for s in ingest quality aggregate strategies report; do
		[ -x "bin/step-$s" ] || fail "bin/step-$s not built"
		needed "bin/step-$s" | grep -qE '^lib(gsl|gslcblas|openblas|pq|uuid)\.' &&
		    bad+=" step-$s(needed)"
		link_line "bin/step-$s" |
		    grep -qE -- '-l(gsl|gslcblas|openblas|pq|uuid)\b|lib(num|gsl|openblas)\.a' &&
		    bad+=" step-$s(link)"
	done
	needed bin/daily_run | grep -qE '^lib(gsl|gslcblas|openblas)\.' && bad+=" daily_run(needed)"
	link_line bin/daily_run | grep -qE -- '-l(gsl|gslcblas|openblas)\b|lib(num|gsl|openblas)\.a' &&
	    bad+=" daily_run(link)"
	[ -z "$bad" ] || fail "links what it does not use:$bad"
}

# GSL and OpenBLAS are linked statically when Debian's archives are installed, shared
# otherwise or with STATIC_NUM=0 (Makefile GSL_LIBS; docs/BENCH.md "Static linking").
@test "build: agents, portfolio and risk link GSL through libnum.a" {
	local s
	cd "$TOP"
	for s in agents portfolio risk; do
		link_line "bin/step-$s" | grep -q 'libnum\.a' || fail "step-$s links no libnum.a"
		if link_line "bin/step-$s" | grep -q '/libgsl\.a '; then
			needed "bin/step-$s" | grep -qE '^lib(gsl|gslcblas|openblas|gfortran)\.' &&
			    fail "step-$s links GSL's archive but loads a shared GSL or BLAS"
			nm "bin/step-$s" | grep -q ' T gsl_matrix_alloc$' ||
			    fail "step-$s holds no GSL code"
		else
			needed "bin/step-$s" | grep -q '^libgsl\.' || fail "step-$s does not load libgsl"
		fi
	done
}

@test "build: STATIC_NUM=0 links the shared GSL and BLAS" {
	cd "$TOP"
	run -0 make -s --no-print-directory -n -B STATIC_NUM=0 bin/step-risk
	grep -E -- '-o bin/step-risk( |$)' <<<"$output" | grep -qE -- '-lgsl\b'
	grep -E -- '-o bin/step-risk( |$)' <<<"$output" | grep -qvE -- 'lib(gsl|openblas)\.a'
}

# The steps are linked static when glibc's and jansson's archives are there and the
# build is not sanitised (Makefile STEP_STATIC, docs/BENCH.md "Static steps").
@test "build: the steps link static by default, dynamic with STATIC_STEPS=0 or SAN=1; daily_run dynamic" {
	cd "$TOP"
	[ -f "$(cc -print-file-name=libc.a)" ] && [ -f "$(pkg-config --variable=libdir jansson)/libjansson.a" ] ||
	    skip "no libc.a or libjansson.a"
	run -0 make -s --no-print-directory -n -B SAN= bin/step-aggregate bin/step-risk bin/daily_run
	grep -E -- '-o bin/step-aggregate( |$)' <<<"$output" | grep -q -- ' -static '
	grep -E -- '-o bin/step-risk( |$)' <<<"$output" | grep -q -- ' -static '
	! grep -E -- '-o bin/daily_run( |$)' <<<"$output" | grep -q -- '-static'
	run -0 make -s --no-print-directory -n -B SAN= STATIC_STEPS=0 bin/step-aggregate
	! grep -E -- '-o bin/step-aggregate( |$)' <<<"$output" | grep -q -- '-static'
	run -0 make -s --no-print-directory -n -B SAN=1 bin/step-aggregate
	! grep -E -- '-o bin/step-aggregate( |$)' <<<"$output" | grep -q -- '-static'
}

@test "build: plain make builds the programs" {
	cd "$TOP"
	run -0 make -s --no-print-directory -n -B
	grep -qE -- '-o bin/daily_run( |$)' <<<"$output"
	grep -qE -- '-o bin/step-report( |$)' <<<"$output"
}

@test "build: only the orchestrator's objects see the libpq and uuid headers" {
	local pq
	pq=$(pkg-config --cflags libpq) || skip "no libpq pkg-config"
	[ -n "$pq" ] || skip "libpq's headers are on the default path"
	cd "$TOP"
	run -0 make -s --no-print-directory -n -B all
	# Every compile line names its object; those outside build/orchestrator/ lack $pq.
	local bad
	bad=$(grep -E -- ' -c -o ' <<<"$output" | grep -F -- "$pq" |
	    grep -vE -- ' -c -o build/orchestrator/' || true)
	[ -z "$bad" ] || fail "libpq headers outside orchestrator/: $bad"
	grep -E -- ' -c -o build/orchestrator/daily_run\.o ' <<<"$output" | grep -qF -- "$pq"
}

# make_flags: SAN=1 when the tree was built with the sanitizers (CI's first pass), so that
# what make links here matches the objects already built.
make_flags() {
	nm "$TOP/build/libcommon.a" 2>/dev/null | grep -q ' U __asan_' && echo SAN=1
}

@test "build: make install honours PREFIX and DESTDIR; uninstall removes every file" {
	local d="$BATS_TEST_TMPDIR/stage" s
	run -0 make -s -C "$TOP" --no-print-directory $(make_flags) install PREFIX=/opt/dr DESTDIR="$d"
	[ -x "$d/opt/dr/bin/daily_run" ]
	for s in $(steps_list); do
		[ -x "$d/opt/dr/libexec/daily/step-$s" ] || fail "step-$s not installed"
	done
	ls "$d"/opt/dr/share/daily_run/migrations/0001_*.sql
	[ -f "$d/opt/dr/share/daily_run/data/catalogue.tsv" ]
	# The installed program looks under PREFIX; the tree's bin/daily_run still in bin/.
	grep -qF /opt/dr/libexec/daily "$d/opt/dr/bin/daily_run"
	grep -qF "$TOP/bin" "$TOP/bin/daily_run"
	run -0 make -s -C "$TOP" --no-print-directory uninstall PREFIX=/opt/dr DESTDIR="$d"
	run -0 find "$d" -type f
	[ -z "$output" ]
}

@test "build: an installed daily_run runs the installed steps (dry run)" {
	local p="$BATS_TEST_TMPDIR/prefix"
	run -0 make -s -C "$TOP" --no-print-directory $(make_flags) install PREFIX="$p"
	rm "$p/libexec/daily/step-risk"
	run -1 --separate-stderr env -u DAILY_STEPDIR DAILY_VARDIR="$BATS_TEST_TMPDIR/var" \
	    NO_COLOR=1 "$p/bin/daily_run" --dry-run --date 2024-01-15
	assert_line --regexp '^  ✓ portfolio: '
	assert_line --partial "✗ risk: "
	[[ "$stderr" == *"program not found: $p/libexec/daily/step-risk"* ]]
}

@test "state: no code changes a decoded number in place (equal reals share one value, docs/STATE.md)" {
	# common/jparse.c hands one jansson value to every equal real of a document;
	# json_real_set / json_number_set / json_integer_set on one would change them all.
	run grep -rnE 'json_(real|number|integer)_set *\(' common steps orchestrator --include='*.[ch]'
	[ "$status" -eq 1 ]
	[ -z "$output" ]
}
