#!/usr/bin/env bats
# scripts/db-setup (make db) on a throwaway cluster of its own, so the machine's
# main cluster is never touched: create, start, role, database, migrations; a
# second run changes nothing. Needs root (or passwordless sudo) and postgresql.
load ../helpers

setup_file() {
	export PG_CLUSTER="drsetup$$"
	export DAILY_DB=dr_setup_test
}

setup() {
	command -v pg_createcluster >/dev/null || skip "postgresql-common not installed"
	[ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null || skip "needs root or sudo"
	# pg_virtualenv's variables would point psql elsewhere.
	unset PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE DATABASE_URL
}

teardown_file() {
	pg_dropcluster --stop "${PG_VERSION:-15}" "$PG_CLUSTER" >/dev/null 2>&1 ||
	    sudo -n pg_dropcluster --stop "${PG_VERSION:-15}" "$PG_CLUSTER" >/dev/null 2>&1 || true
}

port() {
	pg_lsclusters -h | awk -v c="$PG_CLUSTER" '$2 == c { print $3 }'
}

@test "db-setup creates and starts the cluster, the role, the database and migrates" {
	run -0 --separate-stderr "$TOP/scripts/db-setup"
	assert_line "db-setup: creating cluster ${PG_VERSION:-15}/$PG_CLUSTER"
	assert_line "db-setup: creating database '$DAILY_DB' owned by '$(id -un)'"
	n=$(ls "$TOP"/migrations/[0-9]*_*.sql | wc -l)
	assert_line "migrate: $n applied, 0 up to date"
	p=$(port)
	[ "$(pg_lsclusters -h | awk -v c="$PG_CLUSTER" '$2 == c { print $4 }')" = online ]
	[ "$(psql -XAt -p "$p" -d "$DAILY_DB" -c 'select count(*) from schema_migrations')" = "$n" ]
	[ "$(psql -XAt -p "$p" -d "$DAILY_DB" -c 'select pg_catalog.pg_get_userbyid(datdba) from pg_database where datname = current_database()')" = "$(id -un)" ]
	# Not on 5432: it says how to reach it.
	[ "$p" = 5432 ] || [[ "$stderr" == *"export PGPORT=$p"* ]]
}

@test "db-setup twice is harmless" {
	run -0 --separate-stderr "$TOP/scripts/db-setup"
	refute_line --partial 'creating'
	n=$(ls "$TOP"/migrations/[0-9]*_*.sql | wc -l)
	assert_line "migrate: 0 applied, $n up to date"
	# daily_run finds the database with libpq defaults plus the port.
	PGPORT=$(port) PGDATABASE=$DAILY_DB run -0 --separate-stderr "$BIN/daily_run" migrate
	assert_output "migrate: 0 applied, $n up to date"
}
