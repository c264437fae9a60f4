#!/usr/bin/env bats
# step-ingest's parsed-history cache (docs/DATA.md "History cache"): the state is
# byte-identical with a cold cache, a warm one and none; a truncated, corrupted or
# stale cache file, a changed source or catalogue row, a rebuilt step are rebuilt,
# never used; an unwritable cache directory costs one warning line; the synthetic
# default never touches it.
load ../helpers

FIX="$TOP/tests/fixtures/ingest"

setup() {
	cd "$TOP"
	W=$BATS_TEST_TMPDIR
	# The fixture files with an old mtime: a file written in the last two seconds
	# is not cached (docs/DATA.md).
	mkdir "$W/data"
	cp "$FIX"/*.csv "$FIX"/*.json "$FIX/cat-files.tsv" "$W/data/"
	touch -d '2024-02-01 12:00:00' "$W/data"/*
	CAT=$W/data/cat-files.tsv
	printf '{"as_of":"2024-01-16"}\n' > "$W/in.json"
}

# run_ingest OUT [ENV=VALUE ...]: step-ingest on in.json with DAILY_DEBUG=1 into OUT;
# $stderr holds its debug lines.
run_ingest() {
	local out=$1
	shift
	run --separate-stderr env "$@" DAILY_DEBUG=1 DAILY_CATALOGUE="$CAT" \
	    $VALGRIND "$BIN/step-ingest" < "$W/in.json"
	printf '%s\n' "$output" > "$out"
}

# count WORD: how many debug lines say "cache: WORD".
count() {
	grep -c "cache: $1 " <<< "$stderr" || true
}

@test "cache: fixture files: cold, warm and off give the same bytes" {
	run_ingest "$W/off.json" DAILY_CACHE_DIR=off
	[ "$status" -eq 0 ]
	[ "$(count wrote)" -eq 0 ]
	[ ! -e "$W/cache" ]
	run_ingest "$W/cold.json" DAILY_CACHE_DIR="$W/cache"
	[ "$status" -eq 0 ]
	# Seven file rows (the two ANBIMA rows share one file but not one parse).
	[ "$(count wrote)" -eq 7 ]
	[ "$(count read)" -eq 0 ]
	[ "$(ls "$W/cache" | grep -c '^ingest-[0-9a-f]\{16\}\.bin$')" -eq 7 ]
	run_ingest "$W/warm.json" DAILY_CACHE_DIR="$W/cache"
	[ "$(count read)" -eq 7 ]
	[ "$(count wrote)" -eq 0 ]
	cmp "$W/off.json" "$W/cold.json"
	cmp "$W/off.json" "$W/warm.json"
	# Hand-read from usdbrl.csv and selic.csv: the values really are there.
	run -0 jq -r '.ingest.series.USDBRL.values[-1], .ingest.series.BR_SELIC_TARGET.values[-1]' \
	    "$W/warm.json"
	assert_output $'4.9271\n11.75'
}

@test "cache: a truncated or corrupted cache file is ignored and rewritten" {
	run_ingest "$W/ref.json" DAILY_CACHE_DIR=off
	run_ingest "$W/cold.json" DAILY_CACHE_DIR="$W/cache"
	[ "$(count wrote)" -eq 7 ]
	for f in "$W"/cache/*.bin; do truncate -s -5 "$f"; done
	run_ingest "$W/trunc.json" DAILY_CACHE_DIR="$W/cache"
	[ "$status" -eq 0 ]
	[ "$(count invalid)" -eq 7 ]
	[ "$(count wrote)" -eq 7 ]
	cmp "$W/ref.json" "$W/trunc.json"
	# One bit of the last value's top byte (sign and exponent: a wrong number if it
	# were believed), in every file; then a file cut to its header.
	for f in "$W"/cache/*.bin; do
		$PY -c 'import sys; p=sys.argv[1]; b=bytearray(open(p,"rb").read()); b[-9]^=0x40; open(p,"wb").write(b)' "$f"
	done
	run_ingest "$W/flip.json" DAILY_CACHE_DIR="$W/cache"
	[ "$(count invalid)" -eq 7 ]
	cmp "$W/ref.json" "$W/flip.json"
	for f in "$W"/cache/*.bin; do truncate -s 32 "$f"; done
	run_ingest "$W/short.json" DAILY_CACHE_DIR="$W/cache"
	[ "$(count invalid)" -eq 7 ]
	cmp "$W/ref.json" "$W/short.json"
	run_ingest "$W/again.json" DAILY_CACHE_DIR="$W/cache"
	[ "$(count read)" -eq 7 ]
	cmp "$W/ref.json" "$W/again.json"
	[ -z "$(ls "$W/cache" | grep -v '\.bin$')" ]
}

@test "cache: a changed source file (same size, new mtime) is parsed again" {
	run_ingest "$W/cold.json" DAILY_CACHE_DIR="$W/cache"
	[ "$(count wrote)" -eq 7 ]
	# Same size, new values: 11,75 -> 11,50 on the last rows.
	sed -i 's/;11,75$/;11,50/' "$W/data/selic.csv"
	touch -d '2024-02-02 12:00:00' "$W/data/selic.csv"
	run_ingest "$W/new.json" DAILY_CACHE_DIR="$W/cache"
	[ "$(count wrote)" -eq 1 ]
	[ "$(count read)" -eq 6 ]
	run_ingest "$W/ref.json" DAILY_CACHE_DIR=off
	cmp "$W/ref.json" "$W/new.json"
	run -0 jq -r '.ingest.series.BR_SELIC_TARGET.values[-1]' "$W/new.json"
	assert_output 11.5
	# Only the mtime changes (touch): the key no longer matches.
	touch -d '2024-02-03 12:00:00' "$W/data/usdbrl.csv"
	run_ingest "$W/touched.json" DAILY_CACHE_DIR="$W/cache"
	[ "$(count invalid)" -eq 1 ]
	[ "$(count wrote)" -eq 1 ]
	cmp "$W/ref.json" "$W/touched.json"
}

@test "cache: a changed catalogue row (scale=) is parsed again, not read" {
	run_ingest "$W/cold.json" DAILY_CACHE_DIR="$W/cache"
	sed -i 's/file=usdbrl.csv$/file=usdbrl.csv scale=2/' "$CAT"
	run_ingest "$W/scaled.json" DAILY_CACHE_DIR="$W/cache"
	[ "$status" -eq 0 ]
	[ "$(count wrote)" -eq 1 ]
	# 2 x 4.9271, by hand.
	run -0 jq -r '.ingest.series.USDBRL.values[-1]' "$W/scaled.json"
	assert_output 9.8542
	run_ingest "$W/ref.json" DAILY_CACHE_DIR=off
	cmp "$W/ref.json" "$W/scaled.json"
}

@test "cache: a rebuilt step-ingest does not read the old one's files" {
	run_ingest "$W/cold.json" DAILY_CACHE_DIR="$W/cache"
	cp "$BIN/step-ingest" "$W/step-ingest-new"
	run --separate-stderr env DAILY_DEBUG=1 DAILY_CATALOGUE="$CAT" DAILY_CACHE_DIR="$W/cache" \
	    "$W/step-ingest-new" < "$W/in.json"
	[ "$status" -eq 0 ]
	[ "$(count invalid)" -eq 7 ]
	[ "$(count wrote)" -eq 7 ]
	printf '%s\n' "$output" > "$W/new.json"
	cmp "$W/cold.json" "$W/new.json"
}

@test "cache: a file dated in the last two seconds (or later) is not cached" {
	# 30 s ahead rather than now, so that a slow start (valgrind, a loaded
	# machine) cannot age it past the two seconds; the unit test takes "now".
	touch -d "@$(( $(date +%s) + 30 ))" "$W/data/usdbrl.csv"
	run_ingest "$W/cold.json" DAILY_CACHE_DIR="$W/cache"
	[ "$status" -eq 0 ]
	[ "$(count wrote)" -eq 6 ]
}

@test "cache: an unwritable directory: one warning line, the same state" {
	run_ingest "$W/ref.json" DAILY_CACHE_DIR=off
	: > "$W/afile"
	run_ingest "$W/nowrite.json" DAILY_CACHE_DIR="$W/afile/cache"
	[ "$status" -eq 0 ]
	cmp "$W/ref.json" "$W/nowrite.json"
	run -0 grep -v 'debug' <<< "$stderr"
	assert_output "ingest: warning: history cache '$W/afile/cache' not written (Not a directory); set DAILY_CACHE_DIR, or DAILY_CACHE_DIR=off"
}

@test "cache: default location XDG_CACHE_HOME/daily_run, else HOME/.cache/daily_run" {
	mkdir "$W/home" "$W/xdg"
	run_ingest "$W/a.json" -u DAILY_CACHE_DIR HOME="$W/home" XDG_CACHE_HOME="$W/xdg"
	[ "$(ls "$W/xdg/daily_run" | wc -l)" -eq 7 ]
	[ ! -e "$W/home/.cache" ]
	run_ingest "$W/b.json" -u DAILY_CACHE_DIR -u XDG_CACHE_HOME HOME="$W/home"
	[ "$(ls "$W/home/.cache/daily_run" | wc -l)" -eq 7 ]
	# A relative XDG_CACHE_HOME is invalid (XDG base directory spec): HOME's then.
	run_ingest "$W/c.json" -u DAILY_CACHE_DIR XDG_CACHE_HOME=rel HOME="$W/home"
	[ "$(count read)" -eq 7 ]
	[ ! -e rel ]
}

@test "cache: two concurrent cold runs both write, both are right" {
	run_ingest "$W/ref.json" DAILY_CACHE_DIR=off
	env DAILY_CATALOGUE="$CAT" DAILY_CACHE_DIR="$W/cache" "$BIN/step-ingest" \
	    < "$W/in.json" > "$W/p1.json" &
	env DAILY_CATALOGUE="$CAT" DAILY_CACHE_DIR="$W/cache" "$BIN/step-ingest" \
	    < "$W/in.json" > "$W/p2.json" &
	wait
	cmp "$W/ref.json" "$W/p1.json"
	cmp "$W/ref.json" "$W/p2.json"
	run_ingest "$W/warm.json" DAILY_CACHE_DIR="$W/cache"
	[ "$(count read)" -eq 7 ]
	cmp "$W/ref.json" "$W/warm.json"
	[ -z "$(ls "$W/cache" | grep -v '\.bin$')" ]
}

@test "cache: the synthetic default neither reads nor writes it" {
	run --separate-stderr env DAILY_DEBUG=1 DAILY_CACHE_DIR="$W/cache" "$BIN/step-ingest" \
	    < "$W/in.json"
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" > "$W/a.json"
	[ ! -e "$W/cache" ]
	run --separate-stderr env DAILY_CACHE_DIR=off "$BIN/step-ingest" < "$W/in.json"
	printf '%s\n' "$output" > "$W/b.json"
	cmp "$W/a.json" "$W/b.json"
}

@test "cache: research files, three dates: off, cold and warm are byte-identical" {
	require_research
	local d n
	CAT=$TOP/data/catalogue-research.tsv
	n=$(grep -v '^#' "$CAT" | grep -c 'file=')
	for d in 2008-10-15 2016-02-15 2024-01-15; do
		printf '{"as_of":"%s"}\n' "$d" > "$W/in.json"
		run_ingest "$W/off-$d.json" DAILY_DATA_ROOT="$RESEARCH/data" DAILY_CACHE_DIR=off
		[ "$status" -eq 0 ]
		run_ingest "$W/cold-$d.json" DAILY_DATA_ROOT="$RESEARCH/data" \
		    DAILY_CACHE_DIR="$W/cache-$d"
		[ "$(count wrote)" -eq "$n" ]
		run_ingest "$W/warm-$d.json" DAILY_DATA_ROOT="$RESEARCH/data" \
		    DAILY_CACHE_DIR="$W/cache-$d"
		[ "$(count wrote)" -eq 0 ]
		[ "$(count invalid)" -eq 0 ]
		[ "$(grep 'cache: read ' <<< "$stderr" | sort -u | wc -l)" -eq "$n" ]
		cmp "$W/off-$d.json" "$W/cold-$d.json"
		cmp "$W/off-$d.json" "$W/warm-$d.json"
	done
	# One cache serves every date: 2024's files read for 2008.
	printf '{"as_of":"2008-10-15"}\n' > "$W/in.json"
	run_ingest "$W/x.json" DAILY_DATA_ROOT="$RESEARCH/data" DAILY_CACHE_DIR="$W/cache-2024-01-15"
	[ "$(count wrote)" -eq 0 ]
	cmp "$W/off-2008-10-15.json" "$W/x.json"
}
