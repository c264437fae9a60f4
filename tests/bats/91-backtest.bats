#!/usr/bin/env bats
# daily_run backtest and sweep (docs/BACKTEST.md) on the synthetic default: a two-week
# walk-forward recomputed from its saved states by tests/oracles/backtest_oracle.py,
# the book's chain, -j 1 against -j 2, --prune, a 3-point sweep against its backtests, usage,
# grid and costs errors, and nothing written outside --out (no database, no report).
load ../helpers

ORACLE="$TOP/tests/oracles/backtest_oracle.py"
OUTS="nav.csv pnl_by_package.csv pnl_by_instrument.csv pnl_by_year.csv turnover.csv summary.json tearsheet.html"

# The production places a backtest must not touch: a database that is not there, a
# state and a report directory that must stay empty.
prod_env() {
	export DAILY_STEPDIR="$BIN" DAILY_VARDIR="$1/prodvar" DAILY_REPORT_DIR="$1/prodreports"
	export DATABASE_URL="postgresql://nobody@127.0.0.1:1/none?connect_timeout=1"
	unset DAILY_CATALOGUE DAILY_DATA_ROOT DAILY_REQUIRE_REAL PGHOST PGDATABASE
	mkdir -p "$DAILY_VARDIR" "$DAILY_REPORT_DIR"
}

# A single-node Slurm cluster for the real-cluster test (tests/slurm/cluster.sh) when
# Slurm and munge are installed and we are root: slurm.conf holds its SLURM_CONF, or
# slurm.skip the reason it was not started, or slurm.err why it did not start.
slurm_start() {
	local c
	for c in sbatch squeue sinfo slurmctld slurmd munged; do
		command -v "$c" >/dev/null 2>&1 && continue
		echo "no $c (apt-get install slurm-wlm munge)" > slurm.skip
		return 0
	done
	[ "$(id -u)" -eq 0 ] || { echo "not root: cannot start slurmd" > slurm.skip; return 0; }
	# /tmp: a short path for munged's socket (108 bytes at most)
	mktemp -u /tmp/daily_run-slurm.XXXXXX > slurm.dir
	SLURM_TEST_DIR=$(cat slurm.dir) SLURM_TEST_WAIT=60 \
	    "$TOP/tests/slurm/cluster.sh" start > slurm.out 2> slurm.err &&
	    sed -n 's/^SLURM_CONF=//p' slurm.out > slurm.conf
}

# Two weeks (10 desk business days; 2024-01-15 is a US holiday only), -j 2 and -j 1,
# explicit half-spreads for the rates and USDBRL.
setup_file() {
	cd "$BATS_FILE_TMPDIR" || return 1
	prod_env "$BATS_FILE_TMPDIR"
	slurm_start
	printf '{"rate": 2, "USDBRL": 3}\n' > costs.json
	"$BIN/daily_run" backtest --from 2024-01-08 --to 2024-01-19 -j 2 --out bt2 \
	    --costs costs.json > bt2.out 2> bt2.err
	echo $? > bt2.rc
	"$BIN/daily_run" backtest --from 2024-01-08 --to 2024-01-19 -j 1 --out bt1 \
	    --costs costs.json > bt1.out 2> bt1.err
	echo $? > bt1.rc
}

setup() {
	cd "$BATS_FILE_TMPDIR" || return 1
	prod_env "$BATS_FILE_TMPDIR"
}

# The state file of a date's run holding section $2 as its last one (found by content,
# not by name: run files may be renamed).
state_of() {
	local f next
	case $2 in
	strategies) next=portfolio ;;
	portfolio) next=risk ;;
	esac
	for f in "$1"/var/runs/success/"$3"/*.json; do
		case $f in *.chained.json) continue ;; esac
		jq -e --arg s "$2" --arg n "$next" 'has($s) and (has($n) | not)' "$f" \
		    >/dev/null && { echo "$f"; return 0; }
	done
	return 1
}

@test "backtest: two weeks, every figure recomputed from the saved states by the oracle" {
	[ "$(cat bt2.rc)" = 0 ] || { cat bt2.out bt2.err; false; }
	grep -qx "backtest: 10 dates, outputs in $BATS_FILE_TMPDIR/bt2" bt2.out
	for f in $OUTS; do [ -s "bt2/$f" ]; done
	[ "$(wc -l < bt2/nav.csv)" = 11 ]
	run -0 "$PY" "$ORACLE" bt2 costs.json
	assert_output --regexp '^OK 10 dates'
	# The per-package and per-instrument attributions add up to each date's P&L.
	run -0 "$PY" - <<'PY'
import csv, collections
nav = {r["date"]: float(r["pnl_gross"]) for r in csv.DictReader(open("bt2/nav.csv"))}
for f in ("bt2/pnl_by_package.csv", "bt2/pnl_by_instrument.csv"):
    s = collections.defaultdict(float)
    for r in csv.DictReader(open(f)):
        s[r["date"]] += float(r["pnl"])
    for d, v in nav.items():
        assert abs(s[d] - v) < 1e-10, (f, d, s[d], v)
y = list(csv.DictReader(open("bt2/pnl_by_year.csv")))
assert len(y) == 1 and y[0]["year"] == "2024" and y[0]["dates"] == "10"
assert abs(float(y[0]["pnl_gross"]) - sum(nav.values())) < 1e-10
print("ok")
PY
}

@test "backtest --every 5: weekly dates, P&L over each week, annualised by 252/5, VaR scaled by sqrt(5)" {
	run -0 "$BIN/daily_run" backtest --from 2024-01-08 --to 2024-02-09 --every 5 -j 2 \
	    --out wk --costs costs.json
	[ "$(cut -d, -f1 wk/nav.csv | tr '\n' ' ')" = "date 2024-01-08 2024-01-15 2024-01-22 2024-01-29 2024-02-05 " ]
	[ "$(jq .periods_per_year wk/summary.json)" = 50.4 ]
	run -0 "$PY" "$ORACLE" wk costs.json 5
	assert_output --regexp '^OK 5 dates'
}

@test "backtest: the book is chained, a package opened on day 1 is held on day 5 with its entry and stop" {
	d1=$(state_of bt2 strategies 2024-01-08)
	d5=$(state_of bt2 strategies 2024-01-12)
	jq -c '[.strategies.packages[] | select(.package_status == "opened")
	    | {strategy_id, instrument, entry_date, entry_level, stop_loss}]' "$d1" > opened.json
	[ "$(jq length opened.json)" -gt 0 ]
	run -0 jq -n --slurpfile o opened.json --slurpfile s <(jq . "$d5") '
	    [$s[0].strategies.packages[] | select(.package_status == "held")
	     | {strategy_id, instrument, entry_date, entry_level, stop_loss}] as $h
	    | [$o[0][] | select(. as $p | $h | index([$p]))] | length'
	[ "$output" -ge 1 ]
	# Each date after the first read the previous date's portfolio, and P&L from it.
	p5=$(state_of bt2 portfolio 2024-01-12)
	[ "$(jq -r .portfolio.pnl.from "$p5")" = 2024-01-11 ]
	[ "$(jq -r .portfolio.previous_weights_source "$p5")" = run ]
}

@test "backtest: -j 1 and -j 2 give byte-identical outputs" {
	[ "$(cat bt1.rc)" = 0 ]
	for f in $OUTS; do cmp "bt1/$f" "bt2/$f"; done
}

@test "backtest --prune: the same outputs; each date keeps its initial, portfolio and risk states" {
	local d
	run -0 "$BIN/daily_run" backtest --from 2024-01-08 --to 2024-01-19 -j 2 \
	    --costs costs.json --out bprune --prune
	for f in $OUTS; do cmp "bt2/$f" "bprune/$f"; done
	[ "$(ls bprune/var/runs/success | wc -l)" = 10 ]
	for d in bprune/var/runs/success/*; do
		[ "$(ls "$d/" | sed 's/^[0-9]*-//' | tr '\n' ' ')" = "initial.json portfolio.json risk.json " ] ||
		    fail "$d: $(ls "$d/")"
	done
	# without it, every state stays (the oracle above reads them)
	[ -s "$(readlink -f bt2/var/runs/success/2024-01-12)/01-ingest.json" ]
	# only the chained job of a split walk prunes: the parts' states are its input
	run -0 "$BIN/daily_run" backtest --from 2024-01-08 --to 2024-01-19 -j 2 \
	    --out bpsplit --tasks 3 --slurm-print --prune
	grep -q -- '--tasks 3 --part "$SLURM_ARRAY_TASK_ID"$' bpsplit/backtest-parts.sbatch
	grep -q -- ' --chain-parts --prune$' bpsplit/backtest.sbatch
	# sweep passes it to each point's backtest
	printf '{"portfolio.target_vol": [0.05, 0.1]}\n' > pgrid.json
	run -0 "$BIN/daily_run" sweep --grid pgrid.json --from 2024-01-08 --to 2024-01-10 \
	    --out spprint --slurm-print --prune
	grep -q -- ' backtest .* --prune --config "$d/config.json"' spprint/sweep.sbatch
	run -0 "$BIN/daily_run" sweep --grid pgrid.json --from 2024-01-08 --to 2024-01-10 \
	    --out spruned --prune
	for d in spruned/point-00*/var/runs/success/*; do
		[ "$(ls "$d/" | wc -l)" = 3 ] || fail "$d: $(ls "$d/")"
	done
}

@test "backtest: nothing in the database, the state or the report directory" {
	[ -z "$(ls -A prodreports)" ]
	[ -z "$(ls -A prodvar)" ]
	[ ! -s bt2.err ] || { cat bt2.err; false; }
	# every date's run was a dry run without a report directory
	run -0 jq -s '[.[] | select(.dry_run != true or (.config | has("report_dir")))] | length' \
	    bt2/var/runs/*/00-initial.json
	[ "$output" = 0 ]
}

@test "backtest: the tearsheet is the report renderer's XHTML with the four charts and the figures" {
	run -0 "$PY" -c 'import xml.dom.minidom as m; m.parse("bt2/tearsheet.html"); print("ok")'
	for t in "Cumulative net P&amp;L" Drawdown "Rolling volatility vs target" Exposure; do
		grep -q "<svg [^>]*><title>$t</title>" bt2/tearsheet.html
	done
	# the figures of summary.json, as the report formats them (2 decimals, % of NAV)
	sharpe=$(printf '%.2f' "$(jq .sharpe bt2/summary.json)")
	grep -q "<td>Sharpe ratio</td><td class=\"n\">$sharpe</td>" bt2/tearsheet.html
	mdd=$(printf '%.2f%%' "$(jq '.max_drawdown.value * 100' bt2/summary.json)")
	grep -q "<td>Max drawdown</td><td class=\"n\">$mdd</td>" bt2/tearsheet.html
	# the same style sheet as the daily report
	grep -q 'td.n{text-align:right}' bt2/tearsheet.html
}

@test "sweep: a 3-point grid, its ranking against the three backtests' summaries" {
	printf '{"portfolio.target_vol": [0.05, 0.2, 0.1]}\n' > grid.json
	run -0 "$BIN/daily_run" sweep --grid grid.json --from 2024-01-08 --to 2024-01-12 -j 2 \
	    --out sw
	assert_output "sweep: 3 points, 0 failed; ranking in $BATS_FILE_TMPDIR/sw/ranking.md"
	# each point ran with its value (its runs' initial state and the portfolio's sizing)
	for p in 1:0.05 2:0.2 3:0.1; do
		dir=sw/point-00${p%%:*}
		v=${p#*:}
		[ "$(jq .portfolio.target_vol "$dir/config.json")" = "$v" ]
		jq -e --argjson v "$v" '.config.portfolio.target_vol == $v' \
		    "$dir"/var/runs/*/00-initial.json >/dev/null
		jq -e --argjson v "$v" '.target_vol == $v' "$dir/summary.json" >/dev/null
	done
	# ranking.csv: by Sharpe descending, each row's figures those of its point's summary
	run -0 "$PY" - <<'PY'
import csv, json, math
rows = list(csv.DictReader(open("sw/ranking.csv")))
assert [int(r["rank"]) for r in rows] == [1, 2, 3], rows
sums = {r["point"]: json.load(open("sw/%s/summary.json" % r["point"])) for r in rows}
want = sorted(sums, key=lambda p: -sums[p]["sharpe"])
assert [r["point"] for r in rows] == want, ([r["point"] for r in rows], want)
for r in rows:
    s = sums[r["point"]]
    for k, v in (("sharpe", s["sharpe"]), ("annualised_return", s["annualised_return"]),
                 ("annualised_vol", s["annualised_vol"]),
                 ("max_drawdown", s["max_drawdown"]["value"]),
                 ("costs", s["costs"]["total"]), ("turnover", s["turnover"]["total"])):
        assert math.isclose(float(r[k]), v, rel_tol=1e-5, abs_tol=1e-12), (r["point"], k, r[k], v)
    assert r["status"] == "ok"
    assert float(r["portfolio.target_vol"]) == json.load(open("sw/%s/config.json" % r["point"]))["portfolio"]["target_vol"]
print("ok")
PY
	[ "$(grep -c '^| [0-9]' sw/ranking.md)" = 3 ]
	# a different target vol gives a different book
	! cmp -s sw/point-001/nav.csv sw/point-002/nav.csv
}

@test "backtest, sweep: usage errors exit 2 with one line and the usage" {
	run -2 --separate-stderr "$BIN/daily_run" backtest --from 2024-01-08
	[ "${stderr_lines[0]}" = "daily_run: error: backtest needs --from and --to" ]
	run -2 --separate-stderr "$BIN/daily_run" backtest --from 2024-01-08 --to 2024-02-30
	[ "${stderr_lines[0]}" = "daily_run: error: invalid date (YYYY-MM-DD): 2024-02-30" ]
	run -2 --separate-stderr "$BIN/daily_run" backtest --from 2024-01-08 --to 2024-01-09 --every 0
	[ "${stderr_lines[0]}" = "daily_run: error: invalid --every (1 to 1000): 0" ]
	run -2 --separate-stderr "$BIN/daily_run" backtest --from 2024-01-09 --to 2024-01-08
	[ "${stderr_lines[0]}" = "daily_run: error: --to is before --from: 2024-01-08" ]
	run -2 --separate-stderr "$BIN/daily_run" backtest --from 2024-01-13 --to 2024-01-14 --out we
	[ "${stderr_lines[0]}" = "daily_run: error: no desk business day in 2024-01-13" ]
	run -2 --separate-stderr "$BIN/daily_run" sweep --from 2024-01-08 --to 2024-01-09
	[ "${stderr_lines[0]}" = "daily_run: error: sweep needs --grid, --from and --to" ]
	run -2 --separate-stderr "$BIN/daily_run" sweep --grid g --from 2024-01-08 --to 2024-01-09 --bogus
	[ "${stderr_lines[0]}" = "daily_run: error: unknown option '--bogus'" ]
	[ ! -e we ]
	run -0 "$BIN/daily_run" --help
	assert_output --partial "daily_run backtest --from DATE --to DATE"
	assert_output --partial "daily_run sweep --grid GRID.json"
}

@test "sweep: a bad grid exits 78 with one line naming the file and the key" {
	bad_grid() {
		printf '%s\n' "$1" > badgrid.json
		run -78 --separate-stderr "$BIN/daily_run" sweep --grid badgrid.json \
		    --from 2024-01-08 --to 2024-01-09 --out badsw
		[ "${#stderr_lines[@]}" = 1 ]
		[ "${stderr_lines[0]}" = "daily_run: error: grid file 'badgrid.json': $2" ]
		[ ! -e badsw ]
	}
	bad_grid '{"portfolio.target_vol": []}' "'portfolio.target_vol' is not a non-empty list of values"
	bad_grid '{"portfolio.target_vol": 0.1}' "'portfolio.target_vol' is not a non-empty list of values"
	bad_grid '{"portfolio..x": [1]}' "'portfolio..x' is not a config path (a.b.c)"
	bad_grid '{"a.b": [1, {"c": 2}]}' "'a.b' value 2 is not a number, string or boolean"
	bad_grid '{}' "no parameter"
	# every point's configuration against the table before any point runs
	bad_grid '{"portfolio.target_vl": [0.1, 0.2]}' "point 1: config.portfolio.target_vl: unknown key"
	bad_grid '{"portfolio.target_vol": [0.1, -1]}' "point 2: config.portfolio.target_vol: -1 is out of range [0, 10]"
	bad_grid '[1]' "not a JSON object"
	printf '{"a": [1],' > badgrid.json
	run -78 --separate-stderr "$BIN/daily_run" sweep --grid badgrid.json --from 2024-01-08 --to 2024-01-09
	[ "${#stderr_lines[@]}" = 1 ]
	[[ "${stderr_lines[0]}" == "daily_run: error: grid file 'badgrid.json': line 1: "* ]]
}

@test "backtest: a bad costs or config file exits 78 with one line, nothing written" {
	bad_file() {
		printf '%s\n' "$2" > bad.json
		run -78 --separate-stderr "$BIN/daily_run" backtest --from 2024-01-08 \
		    --to 2024-01-09 --out badbt "$1" bad.json
		[ "${#stderr_lines[@]}" = 1 ]
		[ "${stderr_lines[0]}" = "daily_run: error: $3" ]
		[ ! -e badbt ]
	}
	bad_file --costs '{"NOPE": 1}' "costs file 'bad.json': 'NOPE': not an instrument id nor a kind"
	bad_file --costs '{"fx": -1}' "costs file 'bad.json': 'fx': not a half-spread in bp (0 to 10000)"
	bad_file --costs '{"DI_1Y": "1"}' "costs file 'bad.json': 'DI_1Y': not a half-spread in bp (0 to 10000)"
	bad_file --costs '[]' "costs file 'bad.json': not a JSON object"
	bad_file --config '3' "config file 'bad.json': not a JSON object: top-level value is not an object"
	# checked against the configuration table once, before any date runs (docs/CONFIG.md)
	bad_file --config '{"risk":{"mc_draw":5}}' "config file 'bad.json': config.risk.mc_draw: unknown key"
	bad_file --config '{"risk":{"mc_draws":0}}' "config file 'bad.json': config.risk.mc_draws: 0 is out of range [1, 10000000]"
	run -78 --separate-stderr "$BIN/daily_run" backtest --from 2024-01-08 --to 2024-01-09 \
	    --out badbt --costs missing.json
	[[ "${stderr_lines[0]}" == "daily_run: error: costs file 'missing.json': line -1: unable to open"* ]]
}

@test "backtest: a DIR/var that is not a backtest's is never emptied; a backtest's is, on a rerun" {
	mkdir -p foreign/var/runs
	echo keep > foreign/var/runs/file
	run -1 --separate-stderr "$BIN/daily_run" backtest --from 2024-01-08 --to 2024-01-08 --out foreign
	[ "${stderr_lines[0]}" = "daily_run: error: '$BATS_FILE_TMPDIR/foreign/var' exists and is not a backtest's state directory: choose another --out" ]
	[ "$(cat foreign/var/runs/file)" = keep ]
	run -0 "$BIN/daily_run" backtest --from 2024-01-08 --to 2024-01-09 --out again
	run -0 "$BIN/daily_run" backtest --from 2024-01-09 --to 2024-01-09 --out again
	# the rerun's only date holds no earlier book: the first run's states are gone
	[ "$(ls again/var/runs/success)" = 2024-01-09 ]
	[ "$(wc -l < again/nav.csv)" = 2 ]
	grep -q '^2024-01-09,[0-9.e-]*,0,' again/nav.csv
}

@test "backtest: a failed date exits 1, names its log and writes no output" {
	mkdir -p failsteps
	for s in ingest quality agents aggregate strategies portfolio report; do
		ln -sf "$BIN/step-$s" "failsteps/step-$s"
	done
	cat > failsteps/step-risk <<SH
#!/bin/bash
in=\$(cat)
[ "\$(jq -r .as_of <<<"\$in")" = 2024-01-10 ] && { echo "risk: fatal: injected" >&2; exit 65; }
exec "$BIN/step-risk" <<<"\$in"
SH
	chmod +x failsteps/step-risk
	DAILY_STEPDIR=$PWD/failsteps run -1 "$BIN/daily_run" backtest --from 2024-01-08 \
	    --to 2024-01-11 --out failbt -j 2
	assert_line "backtest: 2024-01-10 failed (exit 1): see $BATS_FILE_TMPDIR/failbt/var/logs/2024-01-10.log"
	assert_line "backtest: not all dates succeeded: no output written"
	grep -q "injected" failbt/var/logs/2024-01-10.log
	for f in $OUTS; do [ ! -e "failbt/$f" ]; done
}

# A 3-point sweep run locally, to compare the Slurm paths with (cached per file).
local_sweep() {
	[ -s slocal/ranking.csv ] && return 0
	printf '{"portfolio.target_vol": [0.05, 0.2, 0.1]}\n' > sgrid.json
	"$BIN/daily_run" sweep --grid sgrid.json --from 2024-01-08 --to 2024-01-10 -j 2 \
	    --costs costs.json --out slocal > /dev/null
}

@test "sweep --slurm-print: a job array of one task per point; its tasks run by hand rank as the local sweep" {
	local_sweep
	run -0 "$BIN/daily_run" sweep --grid sgrid.json --from 2024-01-08 --to 2024-01-10 \
	    -j 2 --costs costs.json --out sprint --slurm-print
	assert_line "#SBATCH --array=1-3"
	assert_line "#SBATCH --cpus-per-task=2"
	assert_line "#SBATCH --output=$BATS_FILE_TMPDIR/sprint/slurm-%A_%a.log"
	assert_line "export DAILY_STEPDIR='$BIN'"
	diff <(echo "$output") sprint/sweep.sbatch
	# nothing ran: the points' configurations only
	[ -s sprint/point-003/config.json ] && [ ! -e sprint/point-001/summary.json ]
	[ ! -e sprint/ranking.csv ]
	grep -q 'sweep --rank-only --grid "$d/grid.json" --out "$d" --from' sprint/rank.sbatch
	# what each array task and the dependent job would run, by hand, in any order
	for k in 3 1 2; do SLURM_ARRAY_TASK_ID=$k sh sprint/sweep.sbatch; done
	run -0 sh sprint/rank.sbatch
	assert_output "sweep: 3 points, 0 failed; ranking in $BATS_FILE_TMPDIR/sprint/ranking.md"
	for f in ranking.csv ranking.md point-001/summary.json point-002/nav.csv point-003/tearsheet.html; do
		cmp "slocal/$f" "sprint/$f"
	done
	# a point whose task never ran is ranked last, failed, and the exit is 1
	rm sprint/point-002/summary.json
	run -1 sh sprint/rank.sbatch
	[ "$(tail -n 1 sprint/ranking.csv | cut -d, -f2,4)" = "point-002,failed" ]
	run -2 --separate-stderr "$BIN/daily_run" sweep --grid sgrid.json --from 2024-01-08 \
	    --to 2024-01-10 --slurm --slurm-print
	[ "${stderr_lines[0]}" = "daily_run: error: --slurm-print, --slurm and --rank-only exclude each other" ]
}

@test "sweep --slurm: the array, then the ranking after it (afterany), through sbatch --parsable" {
	printf '{"portfolio.target_vol": [0.05, 0.2, 0.1]}\n' > sgrid.json
	mkdir -p fakebin
	cat > fakebin/sbatch <<'SH'
#!/bin/sh
echo "$*" >> "$SBATCH_LOG"
n=$(wc -l < "$SBATCH_LOG")
echo "424$n;cluster"
SH
	chmod +x fakebin/sbatch
	export SBATCH_LOG=$PWD/sbatch.args
	: > "$SBATCH_LOG"
	PATH="$PWD/fakebin:$PATH" run -0 "$BIN/daily_run" sweep --grid sgrid.json \
	    --from 2024-01-08 --to 2024-01-10 --out sfake --slurm
	assert_output "sweep: submitted job 4241 (3 tasks) and ranking job 4242; results in $BATS_FILE_TMPDIR/sfake"
	[ "$(sed -n 1p sbatch.args)" = "--parsable $BATS_FILE_TMPDIR/sfake/sweep.sbatch" ]
	[ "$(sed -n 2p sbatch.args)" = "--parsable --dependency=afterany:4241 $BATS_FILE_TMPDIR/sfake/rank.sbatch" ]
	printf '#!/bin/sh\necho "sbatch: error: Batch job submission failed" >&2\nexit 1\n' > fakebin/sbatch
	PATH="$PWD/fakebin:$PATH" run -1 --separate-stderr "$BIN/daily_run" sweep --grid sgrid.json \
	    --from 2024-01-08 --to 2024-01-10 --out sfake --slurm
	[ "${stderr_lines[-1]}" = "daily_run: error: sbatch sweep.sbatch failed" ]
}

@test "backtest --slurm-print: one job of -j CPUs whose script, run by hand, gives the local outputs; --slurm submits it" {
	run -0 "$BIN/daily_run" backtest --from 2024-01-08 --to 2024-01-19 -j 2 \
	    --costs costs.json --out bslurm --slurm-print
	assert_line "#SBATCH --cpus-per-task=2"
	assert_line "#SBATCH --output=$BATS_FILE_TMPDIR/bslurm/slurm-%j.log"
	assert_line "exec '$BIN/daily_run' backtest --from '2024-01-08' --to '2024-01-19' --every 1 -j 2 --out '$BATS_FILE_TMPDIR/bslurm' --costs '$BATS_FILE_TMPDIR/costs.json'"
	diff <(echo "$output") bslurm/backtest.sbatch
	! grep -q 'kill-on-invalid-dep' bslurm/backtest.sbatch
	[ ! -e bslurm/var ]
	(cd / && sh "$BATS_FILE_TMPDIR/bslurm/backtest.sbatch" > /dev/null)
	for f in $OUTS; do cmp "bt2/$f" "bslurm/$f"; done
	mkdir -p fakebin
	printf '#!/bin/sh\necho "$*" > "$SBATCH_LOG"\necho 77\n' > fakebin/sbatch
	chmod +x fakebin/sbatch
	export SBATCH_LOG=$PWD/sbatch1.args
	PATH="$PWD/fakebin:$PATH" run -0 "$BIN/daily_run" backtest --from 2024-01-08 \
	    --to 2024-01-19 --out bsub --slurm
	assert_output "backtest: submitted job 77; results in $BATS_FILE_TMPDIR/bsub"
	[ "$(cat sbatch1.args)" = "--parsable $BATS_FILE_TMPDIR/bsub/backtest.sbatch" ]
}

@test "backtest --tasks 3 --slurm-print: the parts' array and the chained job; run by hand in any order, the local outputs" {
	run -0 "$BIN/daily_run" backtest --from 2024-01-08 --to 2024-01-19 -j 2 \
	    --costs costs.json --out bsplit --tasks 3 --slurm-print
	assert_line "#SBATCH --array=1-3"
	assert_line "#SBATCH --output=$BATS_FILE_TMPDIR/bsplit/slurm-%A_%a.log"
	assert_line "exec '$BIN/daily_run' backtest --from '2024-01-08' --to '2024-01-19' --every 1 -j 2 --out '$BATS_FILE_TMPDIR/bsplit' --costs '$BATS_FILE_TMPDIR/costs.json' --tasks 3 --part \"\$SLURM_ARRAY_TASK_ID\""
	assert_line "exec '$BIN/daily_run' backtest --from '2024-01-08' --to '2024-01-19' --every 1 -j 2 --out '$BATS_FILE_TMPDIR/bsplit' --costs '$BATS_FILE_TMPDIR/costs.json' --chain-parts"
	diff <(echo "$output") <(cat bsplit/backtest-parts.sbatch bsplit/backtest.sbatch)
	grep -qx '#SBATCH --kill-on-invalid-dep=yes' bsplit/backtest.sbatch
	# 10 dates in 3 parts of consecutive dates: 3, 3 and 4 (floor(k * 10 / 3))
	for k in 3 1 2; do
		SLURM_ARRAY_TASK_ID=$k run -0 sh bsplit/backtest-parts.sbatch
		assert_output "backtest: part $k of 3, $([ $k = 3 ] && echo 4 || echo 3) dates, states in $BATS_FILE_TMPDIR/bsplit/pre/dates"
	done
	[ "$(ls bsplit/pre/dates | head -n 1)" = 2024-01-08 ] && [ "$(ls bsplit/pre/dates | wc -l)" = 10 ]
	case $(readlink bsplit/pre/dates/2024-01-11) in */pre/part-002/var/runs/*) ;; *) false ;; esac
	# a part runs no step from strategies on
	! ls bsplit/pre/part-00*/var/runs/*/*strategies* 2>/dev/null
	run -0 sh bsplit/backtest.sbatch
	assert_output "backtest: 10 dates, outputs in $BATS_FILE_TMPDIR/bsplit"
	for f in $OUTS; do cmp "bt2/$f" "bsplit/$f"; done
	# the chained part ran from strategies on, on the parts' states (its own run_id)
	rd=$(readlink -f bsplit/var/runs/success/2024-01-12)
	pre=$(readlink bsplit/pre/dates/2024-01-12)
	[ -s "$rd/05-strategies.json" ]
	diff <(jq -S 'del(.run_id)' "$pre/04-aggregate.json") <(jq -S 'del(.run_id)' "$rd/04-aggregate.json")
	[ "$(jq -r .run_id "$rd/04-aggregate.json")" = "$(basename "$rd")" ]
	# a date whose part did not run: the chained part fails on it, naming its log
	rm bsplit/pre/dates/2024-01-16
	run -1 sh bsplit/backtest.sbatch
	assert_line "backtest: 2024-01-16 failed (exit 1): see $BATS_FILE_TMPDIR/bsplit/var/logs/2024-01-16.log"
	grep -q "cannot take the date-independent state '$BATS_FILE_TMPDIR/bsplit/pre/dates/2024-01-16/01-ingest.json'" \
	    bsplit/var/logs/2024-01-16.log
	# usage
	run -2 --separate-stderr "$BIN/daily_run" backtest --from 2024-01-08 --to 2024-01-19 --tasks 2
	[ "${stderr_lines[0]}" = "daily_run: error: --tasks needs --slurm-print, --slurm or --part" ]
	run -2 --separate-stderr "$BIN/daily_run" backtest --from 2024-01-08 --to 2024-01-19 \
	    --tasks 11 --slurm-print --out toomany
	[ "${stderr_lines[0]}" = "daily_run: error: --tasks is more than the walk's dates" ]
	[ ! -e toomany ]
	run -2 --separate-stderr "$BIN/daily_run" backtest --from 2024-01-08 --to 2024-01-19 \
	    --tasks 2 --part 3
	[ "${stderr_lines[0]}" = "daily_run: error: --part is more than --tasks" ]
	run -2 --separate-stderr "$BIN/daily_run" backtest --from 2024-01-08 --to 2024-01-19 \
	    --chain-parts --slurm
	[ "${stderr_lines[0]}" = "daily_run: error: --part, --chain-parts, --slurm-print and --slurm exclude each other" ]
}

@test "backtest --tasks 2 --slurm: the parts' array, then the chained job after it (afterok)" {
	mkdir -p fakebin
	cat > fakebin/sbatch <<'SH'
#!/bin/sh
echo "$*" >> "$SBATCH_LOG"
n=$(wc -l < "$SBATCH_LOG")
echo "424$n"
SH
	chmod +x fakebin/sbatch
	export SBATCH_LOG=$PWD/sbatch2.args
	: > "$SBATCH_LOG"
	PATH="$PWD/fakebin:$PATH" run -0 "$BIN/daily_run" backtest --from 2024-01-08 \
	    --to 2024-01-19 --out bsub2 --tasks 2 --slurm
	assert_output "backtest: submitted job 4241 (2 tasks) and chained job 4242; results in $BATS_FILE_TMPDIR/bsub2"
	[ "$(sed -n 1p sbatch2.args)" = "--parsable $BATS_FILE_TMPDIR/bsub2/backtest-parts.sbatch" ]
	[ "$(sed -n 2p sbatch2.args)" = "--parsable --dependency=afterok:4241 $BATS_FILE_TMPDIR/bsub2/backtest.sbatch" ]
	grep -qx '#SBATCH --array=1-2' bsub2/backtest-parts.sbatch
}

# The cluster of setup_file (SLURM_CONF exported), or skip naming why.
slurm_use() {
	[ -e slurm.skip ] && skip "no Slurm cluster: $(cat slurm.skip)"
	[ -s slurm.conf ] || { cat slurm.err; false; }
	SLURM_CONF=$(cat slurm.conf)
	export SLURM_CONF
}

# slurm_wait IDS: the jobs (comma-separated) leave the queue within 90 s (two tasks of
# one CPU at once on two CPUs), else they are shown, cancelled and the test fails.
slurm_wait() {
	for _ in $(seq 180); do
		[ -z "$(squeue -h -t PD,CF,R,CG -j "$1" 2>/dev/null)" ] && return 0
		sleep 0.5
	done
	squeue -j "$1"
	scancel ${1//,/ }
	false
}

@test "sweep --slurm: a 4-point sweep through a single-node cluster, gathered as the same sweep run locally" {
	slurm_use
	printf '{"portfolio.target_vol": [0.05, 0.2, 0.1, 0.15]}\n' > grid4.json
	"$BIN/daily_run" sweep --grid grid4.json --from 2024-01-08 --to 2024-01-10 -j 1 \
	    --costs costs.json --out s4local > /dev/null
	run -0 "$BIN/daily_run" sweep --grid grid4.json --from 2024-01-08 --to 2024-01-10 \
	    -j 1 --costs costs.json --out s4slurm --slurm
	assert_output --regexp '^sweep: submitted job [0-9]+ \(4 tasks\) and ranking job [0-9]+; results in '
	array=$(sed -E 's/^sweep: submitted job ([0-9]+) .*/\1/' <<<"$output")
	rank=$(sed -E 's/.* and ranking job ([0-9]+);.*/\1/' <<<"$output")
	slurm_wait "$array,$rank"
	# each point ran as its own array task, the ranking as the dependent job
	for k in 1 2 3 4; do [ -e "s4slurm/slurm-${array}_$k.log" ]; done
	[ -e "s4slurm/slurm-rank-$rank.log" ]
	[ "$(grep -c '^| [0-9]' s4slurm/ranking.md)" = 4 ]
	cmp s4local/ranking.csv s4slurm/ranking.csv
	cmp s4local/ranking.md s4slurm/ranking.md
	for k in 1 2 3 4; do
		for f in $OUTS config.json; do cmp "s4local/point-00$k/$f" "s4slurm/point-00$k/$f"; done
	done
}

@test "backtest --tasks 2 --slurm: the parts and the chained part through the cluster, the local outputs" {
	slurm_use
	run -0 "$BIN/daily_run" backtest --from 2024-01-08 --to 2024-01-19 -j 1 \
	    --costs costs.json --out bcluster --tasks 2 --slurm
	assert_output --regexp '^backtest: submitted job [0-9]+ \(2 tasks\) and chained job [0-9]+; results in '
	array=$(sed -E 's/^backtest: submitted job ([0-9]+) .*/\1/' <<<"$output")
	chain=$(sed -E 's/.* and chained job ([0-9]+);.*/\1/' <<<"$output")
	slurm_wait "$array,$chain"
	for k in 1 2; do [ -e "bcluster/slurm-${array}_$k.log" ]; done
	[ -e "bcluster/slurm-$chain.log" ]
	[ "$(ls bcluster/pre/dates | wc -l)" = 10 ]
	# the same outputs as the local walk of -j 2 (outputs do not depend on -j)
	for f in $OUTS; do cmp "bt2/$f" "bcluster/$f"; done
}

teardown_file() {
	cd "$BATS_FILE_TMPDIR" || return 0
	[ -s slurm.dir ] && SLURM_TEST_DIR=$(cat slurm.dir) "$TOP/tests/slurm/cluster.sh" stop
	return 0
}
