#!/usr/bin/python3
"""Write a step-risk input state whose returns come from config.risk.returns_matrix.

usage: risk_gen.py K N [SEED] [DRAWS]  ->  state JSON on stdout
K instruments (ids A000...), N days of Student-t returns (df 3..8) with a common
factor, weights alternating in sign, as_of 2024-01-15. Used by the oracles, the
bats suite and the benchmark, so they all see the same inputs.
"""
import json
import sys

import numpy as np


def make(k, n, seed=7):
    rng = np.random.default_rng(seed)
    df = rng.uniform(3, 8, size=k)
    vol = rng.uniform(0.002, 0.015, size=k)
    factor = rng.standard_t(5, size=n) * 0.006
    beta = rng.uniform(-1, 1, size=k)
    eps = rng.standard_t(df, size=(n, k)) * vol
    R = eps + np.outer(factor, beta)
    w = rng.uniform(0.01, 0.15, size=k) * np.where(np.arange(k) % 3 == 2, -1, 1)
    ids = ["A%03d" % i for i in range(k)]
    return ids, R, w


def main():
    k, n = int(sys.argv[1]), int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    ids, R, w = make(k, n, seed)
    risk = {"returns_matrix": {"instruments": ids,
                               "values": [[float(x) for x in row] for row in R]}}
    if len(sys.argv) > 4:
        risk["mc_draws"] = int(sys.argv[4])
    state = {"as_of": "2024-01-15", "config": {"risk": risk},
             "portfolio": {"weights": {i: float(x) for i, x in zip(ids, w)}}}
    json.dump(state, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
