#!/usr/bin/env bats
# The configuration table (docs/CONFIG.md, common/CONF_KEYS): each step refuses an
# unknown key of its section, a wrong type and an out-of-range value with exit 78 and
# one wording naming the key; daily_run --config / DAILY_CONFIG checks a file before
# anything is created; "daily_run config" prints each key's value and origin.
load ../helpers
load ../fake-steps/lib

setup() {
	orch_setup
	unset DAILY_CATALOGUE DAILY_DATA_ROOT DAILY_REQUIRE_REAL DAILY_CONFIG
}

nothing_created() {
	[ ! -e "$DAILY_VARDIR" ]
	[ -z "$(ls "$FAKE_MARKER_DIR")" ]
}

# step_rejects STEP INPUT JQ-FILTER MESSAGE: exit 78, nothing on stdout, the message.
step_rejects() {
	jq "$3" "$2" > in.json
	run -78 --separate-stderr "$BIN/step-$1" < in.json
	assert_equal "$output" ""
	assert_equal "$stderr" "$1: fatal: $4"
}

@test "config: each step refuses an unknown key of its section (78, the key named)" {
	step_rejects ingest <(state_for 2024-01-15) '.config.ingest.lookback = 5' \
	    'config.ingest.lookback: unknown key'
	st=$(pipeline_to 2024-01-15 aggregate)
	step_rejects strategies "$st" '.config.strategies.RATES_BR_01.z_threshold = 1' \
	    'config.strategies.RATES_BR_01.z_threshold: unknown key'
	st=$(pipeline_to 2024-01-15 strategies)
	step_rejects portfolio "$st" '.config.portfolio.max_notional.bond = 1' \
	    'config.portfolio.max_notional.bond: unknown key'
	st=$(pipeline_to 2024-01-15 portfolio)
	step_rejects risk "$st" '.config.risk.limits.max_var95 = 0.02' \
	    'config.risk.limits.max_var95: unknown key'
	# A section the step does not read is not its business: step-ingest passes it.
	run -0 --separate-stderr "$BIN/step-ingest" < <(echo '{"as_of":"2024-01-15","config":{"risk":{"x":1}}}')
}

@test "config: each step refuses an out-of-range value with the range" {
	step_rejects ingest <(state_for 2024-01-15) '.config.ingest.lookback_years = 101' \
	    'config.ingest.lookback_years: 101 is out of range [1, 100]'
	st=$(pipeline_to 2024-01-15 aggregate)
	step_rejects strategies "$st" '.config.strategies.CUPOM_01.sigma_window = 19' \
	    'config.strategies.CUPOM_01.sigma_window: 19 is out of range [20, 2199]'
	st=$(pipeline_to 2024-01-15 strategies)
	step_rejects portfolio "$st" '.config.portfolio.max_risk_share = 1.5' \
	    'config.portfolio.max_risk_share: 1.5 is out of range [1e-09, 1]'
	st=$(pipeline_to 2024-01-15 portfolio)
	step_rejects risk "$st" '.config.risk.mc_draws = 0' \
	    'config.risk.mc_draws: 0 is out of range [1, 10000000]'
	st=$(pipeline_to 2024-01-15 risk)
	step_rejects report "$st" '.config.risk.reverse_stress_loss = 0' \
	    'config.risk.reverse_stress_loss: 0 is out of range (0, inf)'
}

@test "config: each step refuses a wrong type, naming both types" {
	step_rejects ingest <(state_for 2024-01-15) '.config.ingest.seed = "7"' \
	    'config.ingest.seed: expected an integer, found a string'
	st=$(pipeline_to 2024-01-15 aggregate)
	step_rejects strategies "$st" '.config.strategies.SOV_BR_01.horizon_days = 21.5' \
	    'config.strategies.SOV_BR_01.horizon_days: expected an integer, found a number'
	st=$(pipeline_to 2024-01-15 strategies)
	step_rejects portfolio "$st" '.config.portfolio.budgets = [1]' \
	    'config.portfolio.budgets: expected an object, found an array'
	st=$(pipeline_to 2024-01-15 portfolio)
	step_rejects risk "$st" '.config.risk = 5' \
	    'config.risk: expected an object, found an integer'
	st=$(pipeline_to 2024-01-15 risk)
	step_rejects report "$st" '.config.report_dir = false' \
	    'config.report_dir: expected a path, found a bool'
}

@test "config: a value from the table changes the step's result" {
	st=$(pipeline_to 2024-01-15 portfolio)
	jq '.config.risk.mc_draws = 500 | .config.risk.seed = 7' "$st" > in.json
	run -0 --separate-stderr "$BIN/step-risk" < in.json
	echo "$output" > out.json
	run -0 jq -c '.risk.var.monte_carlo | [.draws, .seed]' out.json
	assert_output '[500,7]'
}

@test "config: daily_run --config refuses an unknown key, a wrong type, a range before anything runs" {
	echo '{"risk":{"mc_draw":500}}' > typo.json
	run -78 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --config typo.json
	assert_equal "$stderr" "daily_run: error: config file 'typo.json': config.risk.mc_draw: unknown key"
	assert_equal "$output" ""
	nothing_created
	echo '{"portfolio":{"nav":"1e9"}}' > type.json
	run -78 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --config type.json
	assert_equal "$stderr" "daily_run: error: config file 'type.json': config.portfolio.nav: expected a number, found a string"
	echo '{"strategies":{"FX_BR_01":{"comp_threshold":1}}}' > range.json
	run -78 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --config range.json
	assert_equal "$stderr" "daily_run: error: config file 'range.json': config.strategies.FX_BR_01.comp_threshold: 1 is out of range (0, 1)"
	echo '{"nonsense":1}' > top.json
	run -78 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --config top.json
	assert_equal "$stderr" "daily_run: error: config file 'top.json': config.nonsense: unknown key"
	echo '{"report_dir":"/tmp/x"}' > runtime.json
	run -78 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --config runtime.json
	assert_equal "$stderr" "daily_run: error: config file 'runtime.json': config.report_dir: set by daily_run for each run, not by a configuration file"
	nothing_created
}

@test "config: a file that is missing, not JSON or not an object exits 78 naming it" {
	run -78 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --config none.json
	assert_equal "$stderr" "daily_run: error: config file 'none.json': No such file or directory"
	printf '{"risk":' > broken.json
	run -78 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --config broken.json
	[[ "$stderr" == "daily_run: error: config file 'broken.json': not a JSON object: line 1, column "* ]]
	echo '[1]' > array.json
	run -78 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --config array.json
	assert_equal "$stderr" "daily_run: error: config file 'array.json': not a JSON object: top-level value is not an object"
	run -78 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --config /dev/zero
	[[ "$stderr" == "daily_run: error: config file '/dev/zero': not a regular file" ]]
	nothing_created
}

@test "config: the file is merged into the initial state; DAILY_CONFIG, and --config over it" {
	echo '{"risk":{"mc_draws":500},"portfolio":{"budgets":{"FX_BR_01":2}}}' > a.json
	echo '{"risk":{"seed":9}}' > b.json
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --config a.json
	run -0 jq -c .config "$DAILY_VARDIR"/runs/*/00-initial.json
	assert_output '{"portfolio":{"budgets":{"FX_BR_01":2}},"risk":{"mc_draws":500}}'
	rm -rf "$DAILY_VARDIR"
	DAILY_CONFIG=b.json run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	run -0 jq -c .config "$DAILY_VARDIR"/runs/*/00-initial.json
	assert_output '{"risk":{"seed":9}}'
	rm -rf "$DAILY_VARDIR"
	DAILY_CONFIG=b.json run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --config a.json
	run -0 jq -c .config.risk "$DAILY_VARDIR"/runs/*/00-initial.json
	assert_output '{"mc_draws":500}'
	# A bad DAILY_CONFIG is named as the file.
	echo '{"risk":{"seed":-1}}' > c.json
	DAILY_CONFIG=c.json run -78 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15
	assert_equal "$stderr" "daily_run: error: config file 'c.json': config.risk.seed: -1 is out of range [0, inf)"
}

@test "config: a backfill checks DAILY_CONFIG once, before any date runs" {
	echo '{"risk":{"mc_draw":500}}' > typo.json
	DAILY_CONFIG=typo.json run -78 --separate-stderr "$BIN/daily_run" backfill --from 2024-01-15 --to 2024-01-19 --dry-run
	assert_equal "$stderr" "daily_run: error: config file 'typo.json': config.risk.mc_draw: unknown key"
	assert_equal "$output" ""
	nothing_created
	echo '{"risk":{"mc_draws":500}}' > ok.json
	DAILY_CONFIG=ok.json run -0 --separate-stderr "$BIN/daily_run" backfill --from 2024-01-15 --to 2024-01-19 --dry-run
	assert_line 'backfill: 5 dates to run'
}

@test "config: require_real in the file refuses the synthetic default; its catalogue is the run's" {
	echo '{"require_real":true}' > real.json
	run -78 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --config real.json
	[[ "$stderr" == *"DAILY_CATALOGUE is not set, so the run would use the synthetic default catalogue" ]]
	nothing_created
	echo '{"require_real":true,"catalogue":"/srv/cat.tsv"}' > cat.json
	run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --config cat.json
	assert_line --index 1 '  Data: catalogue /srv/cat.tsv'
	# DAILY_CATALOGUE wins over the file (the environment over the file).
	DAILY_CATALOGUE=/srv/env.tsv run -0 --separate-stderr "$BIN/daily_run" --dry-run --date 2024-01-15 --config cat.json
	assert_line --index 1 '  Data: catalogue /srv/env.tsv'
}

@test "config: daily_run config prints each key's value and origin" {
	echo '{"risk":{"mc_draws":500},"portfolio":{"budgets":{"FX_BR_01":2}}}' > a.json
	run -0 --separate-stderr "$BIN/daily_run" config --config a.json
	assert_line --index 0 '# configuration file: a.json'
	assert_line --regexp '^risk\.mc_draws +500 +file \(--config\)$'
	assert_line --regexp '^risk\.seed +42 +default$'
	assert_line --regexp '^portfolio\.budgets\.FX_BR_01 +2 +file \(--config\)$'
	assert_line --regexp '^require_real +false +default$'
	assert_line --regexp '^report_dir +- +daily_run, each run$'
	assert_line --regexp '^risk\.realised_drawdown +\(none\) +default$'
	DAILY_CONFIG=a.json DAILY_REQUIRE_REAL=1 DAILY_CATALOGUE=/c.tsv run -0 --separate-stderr "$BIN/daily_run" config
	assert_line --regexp '^risk\.mc_draws +500 +file \(DAILY_CONFIG\)$'
	assert_line --regexp '^require_real +true +environment \(DAILY_REQUIRE_REAL\)$'
	assert_line --regexp '^catalogue +"/c.tsv" +environment \(DAILY_CATALOGUE\)$'
	run -0 --separate-stderr "$BIN/daily_run" config --require-real
	assert_line --index 0 '# configuration file: none'
	assert_line --regexp '^require_real +true +command line \(--require-real\)$'
	# Every key of the table is listed: one line each, plus the header.
	run -0 --separate-stderr "$BIN/daily_run" config --json
	n=$(echo "$output" | jq '.keys | length')
	[ "$n" -eq "$(grep -c '^| `' "$TOP/docs/CONFIG.md")" ]
	run -0 jq -c '[.file, (.keys[] | select(.key == "risk.window") | [.value, .origin])]' <<< "$output"
	assert_output '[null,[756,"default"]]'
	run -78 --separate-stderr "$BIN/daily_run" config --config typo.json
	run -2 --separate-stderr "$BIN/daily_run" config --json --markdown
}

@test "config: docs/CONFIG.md is what daily_run config --markdown prints" {
	run -0 --separate-stderr "$BIN/daily_run" config --markdown
	diff <(echo "$output") "$TOP/docs/CONFIG.md"
	assert_line '| `risk.mc_draws` | integer | [1, 10000000] | 10000 | risk | Monte Carlo VaR draws |'
}

@test "config: an installed daily_run reads PREFIX/etc/daily_run/config.json by default" {
	local p="$BATS_TEST_TMPDIR/prefix" san
	san=$(nm "$TOP/build/libcommon.a" 2>/dev/null | grep -q ' U __asan_' && echo SAN=1 || true)
	run -0 make -s -C "$TOP" --no-print-directory $san install PREFIX="$p"
	run -0 --separate-stderr "$p/bin/daily_run" config
	assert_line --index 0 '# configuration file: none'
	mkdir -p "$p/etc/daily_run"
	echo '{"risk":{"mc_draws":777}}' > "$p/etc/daily_run/config.json"
	run -0 --separate-stderr "$p/bin/daily_run" config
	assert_line --index 0 "# configuration file: $p/etc/daily_run/config.json"
	assert_line --regexp '^risk\.mc_draws +777 +file$'
	echo '{"risk":{"mc_draws":1}}' > other.json
	DAILY_CONFIG=other.json run -0 --separate-stderr "$p/bin/daily_run" config
	assert_line --regexp '^risk\.mc_draws +1 +file \(DAILY_CONFIG\)$'
	run -0 "$p/bin/daily_run" --help
	assert_output --partial "default $p/etc/daily_run/config.json"
	run -0 make -s -C "$TOP" --no-print-directory uninstall PREFIX="$p"
}

@test "conf-table: a family's rows with its arguments, a str key's choices, and a bad line named" {
	t="$BATS_TEST_TMPDIR/KEYS"
	printf '# a comment\ndefine\tf\tnum\ts.$1.k\t0\t$2\tgt_min\t1.5\tstrategies\t$1 doc, "q"\n' > "$t"
	printf 'use\tf\tA_1\t10\npos\tx.*\t-\t-\t-\t-\trisk\tone\n' >> "$t"
	printf 'str\tg\t-\t-\t-\t"HI"\tgate\tlevel\tLO|HI\n' >> "$t"
	run -0 --separate-stderr "$TOP/scripts/conf-table" "$t"
	# The family row with $1 = A_1 and $2 = 10; pos is (0, inf) with CONF_GT_MIN.
	assert_equal "${lines[0]}" '	{ "s.A_1.k", CONF_NUM, 0, 10, CONF_GT_MIN, "1.5", "strategies", "A_1 doc, \"q\"", NULL },'
	assert_equal "${lines[1]}" '	{ "x.*", CONF_NUM, 0, INFINITY, CONF_GT_MIN, NULL, "risk", "one", NULL },'
	assert_equal "${lines[2]}" '	{ "g", CONF_STR, 0, 0, 0, "\"HI\"", "gate", "level", "LO|HI" },'
	printf 'num\ty\t0\tten\t-\t1\trisk\tdoc\n' >> "$t"
	run -65 --separate-stderr "$TOP/scripts/conf-table" "$t"
	assert_equal "$output" ""
	assert_equal "$stderr" "conf-table: $t:6: invalid number \"ten\""
	printf 'use\tnone\tA\n' > "$t"
	run -65 --separate-stderr "$TOP/scripts/conf-table" "$t"
	assert_equal "$stderr" "conf-table: $t:1: no family \"none\" defined above"
}
