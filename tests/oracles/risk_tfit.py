#!/usr/bin/python3
"""Oracle for the Student-t MLE (tests/unit/test_tfit.c): samples and scipy.stats.t.fit.

Writes tests/fixtures/risk/tfit.json: for each case the sample x, scipy's fitted
(df, loc, scale) and scipy's log-likelihood at its optimum. Regenerate with
  /usr/bin/python3 tests/oracles/risk_tfit.py > tests/fixtures/risk/tfit.json
"""
import json
import sys

import numpy as np
from scipy import stats

CASES = [  # (name, df, loc, scale, n, seed)
    ("t4_daily", 4.0, 0.0003, 0.008, 756, 1),
    ("t2.5_heavy", 2.5, -0.001, 0.012, 500, 2),
    ("t10_mild", 10.0, 0.0, 0.005, 300, 3),
    ("t1.3_cauchyish", 1.3, 0.002, 0.01, 400, 4),
    ("t6_small", 6.0, 0.0, 0.02, 60, 5),
]


def main():
    out = []
    for name, df, loc, scale, n, seed in CASES:
        rng = np.random.default_rng(seed)
        x = stats.t.rvs(df, loc=loc, scale=scale, size=n, random_state=rng)
        x = [float(v) for v in x]
        fdf, floc, fscale = stats.t.fit(np.array(x))
        ll = float(np.sum(stats.t.logpdf(np.array(x), fdf, floc, fscale)))
        out.append({"name": name, "x": x, "df": float(fdf), "loc": float(floc),
                    "scale": float(fscale), "loglik": ll})
    json.dump({"cases": out}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
