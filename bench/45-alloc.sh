#!/usr/bin/env bash
# The allocator of step-portfolio alone (make bench): 50 packages over 20
# instruments, target 5 ms (riskcov, package covariance and risk budgets, vol
# target, limits). See bench/alloc_bench.c.
set -euo pipefail
cd "$(dirname "$0")/.."
make -s DEV=1 bench/alloc_bench >/dev/null
bench/alloc_bench "${BENCH_RUNS:-200}"
