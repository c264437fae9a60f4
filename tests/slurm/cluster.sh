#!/usr/bin/env bash
# A single-node Slurm cluster on this machine for the tests (docs/SCALE.md "Testing"):
# munged, slurmctld and slurmd on localhost, all under one private directory.
#   tests/slurm/cluster.sh start   start them, wait until the node is idle, print
#                                  SLURM_CONF=<dir>/slurm.conf (export it to use the cluster)
#   tests/slurm/cluster.sh stop    kill the daemons it started (their pid files), remove <dir>
# The directory is $SLURM_TEST_DIR (default ${TMPDIR:-/tmp}/daily_run-slurm), no spaces.
# Its own munge socket and ports ($SLURM_TEST_PORT and the next; by default the first pair
# from 16817 where nothing listens), so neither a system munged or Slurm started by the
# packages nor another test run's cluster conflicts. Needs root and the
# Debian packages slurm-wlm and munge. Exit 0, or 1 with one line on stderr.
set -euo pipefail

dir=${SLURM_TEST_DIR:-${TMPDIR:-/tmp}/daily_run-slurm}
port=${SLURM_TEST_PORT:-}
wait_s=${SLURM_TEST_WAIT:-60}
key=/etc/munge/munge.key

die() { echo "cluster.sh: error: $*" >&2; exit 1; }

# The pid in file $1 when it is a live $2 (never another process that reused the pid).
live_pid() {
	local pid
	[ -s "$1" ] || return 1
	pid=$(head -n 1 "$1")
	case $pid in '' | *[!0-9]*) return 1 ;; esac
	[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] && echo "$pid"
}

stop() {
	local d pid i
	[ -d "$dir" ] || return 0
	for d in slurmd slurmctld munged; do
		pid=$(live_pid "$dir/$d.pid" "$d") || continue
		kill "$pid" 2>/dev/null || true
		for i in $(seq 100); do
			[ -d "/proc/$pid" ] || break
			sleep 0.1
		done
		if [ -d "/proc/$pid" ]; then kill -9 "$pid" 2>/dev/null || true; fi
	done
	rm -rf "$dir"
}

# The last lines of the daemon's log on stderr, stop what started, then die.
fail() {
	local log=$dir/$1.log
	shift
	[ -s "$log" ] && tail -n 8 "$log" | sed "s/^/  $(basename "$log"): /" >&2
	stop
	die "$@"
}

listening() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The first port p from 16817 (Slurm's own 6817 + 10000) with p and p+1 free.
free_ports() {
	local p
	for p in $(seq 16817 2 16915); do
		listening "$p" || listening "$((p + 1))" || { echo "$p"; return 0; }
	done
	die "no two free ports in 16817-16916: set SLURM_TEST_PORT"
}

munge_key() {
	[ -e "$key" ] && return 0
	mkdir -p "$(dirname "$key")"
	(umask 077 && dd if=/dev/urandom of="$key" bs=1 count=1024 status=none)
	chown munge:munge "$key"
	chmod 0400 "$key"
}

# MiB; slurmd measures a little less than MemTotal, and a node reporting less than its
# RealMemory is drained: 95 % of it.
real_memory() {
	local mem
	mem=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.95 }' /proc/meminfo)
	case $mem in '' | 0 | *[!0-9]*) die "no MemTotal in /proc/meminfo" ;; esac
	echo "$mem"
}

# slurm.conf for a node of $1 CPUs and $2 MiB.
write_conf() {
	local cpus=$1 mem=$2
	cat > "$dir/slurm.conf" <<CONF
ClusterName=daily
SlurmctldHost=localhost
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.socket
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
ReturnToService=2
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
MailProg=/bin/true
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
}

node_state() {
	timeout 5 sinfo -h -N -n localhost -o %t 2>/dev/null | head -n 1
}

start() {
	local c i mem st=""
	[ "$(id -u)" -eq 0 ] || die "needs root (slurmd runs the jobs as their users)"
	for c in munged slurmctld slurmd sinfo; do
		command -v "$c" >/dev/null 2>&1 || die "no $c: apt-get install slurm-wlm munge"
	done
	case $dir in *[[:space:]]*) die "'$dir' holds a space" ;; esac
	[ -e "$dir" ] && die "'$dir' exists: cluster.sh stop first"
	mem=$(real_memory)
	[ -n "$port" ] || port=$(free_ports)
	munge_key
	mkdir -p "$dir/state" "$dir/spool"
	chmod 0755 "$dir"	# munged: the socket's directories searchable by all
	write_conf "$(nproc)" "$mem"
	export SLURM_CONF=$dir/slurm.conf
	munged --force --socket="$dir/munge.socket" --pid-file="$dir/munged.pid" \
	    --log-file="$dir/munged.log" --seed-file="$dir/munged.seed" --key-file="$key" ||
	    fail munged "munged did not start"
	slurmctld -i || fail slurmctld "slurmctld did not start"
	slurmd -N localhost || fail slurmd "slurmd did not start"
	# Idle as our slurmctld sees it: both daemons alive (one that could not bind its
	# port exits, and sinfo would ask another cluster's), given 2 s to write their pid.
	for i in $(seq "$((wait_s * 2))"); do
		st=$(node_state) || true
		for c in slurmctld slurmd; do
			[ "$i" -le 4 ] && [ "$st" != idle ] && continue
			live_pid "$dir/$c.pid" "$c" >/dev/null || fail "$c" "$c exited"
		done
		[ "$st" = idle ] && { echo "SLURM_CONF=$SLURM_CONF"; return 0; }
		sleep 0.5
	done
	fail slurmd "node localhost not idle after ${wait_s}s (state '${st:-none}')"
}

case ${1:-} in
start) start ;;
stop) stop ;;
*) echo "usage: tests/slurm/cluster.sh start|stop" >&2; exit 2 ;;
esac
