#!/usr/bin/python3
"""Reference for common/ledoitwolf.c: sklearn.covariance.LedoitWolf on fixed data.

Writes tests/fixtures/portfolio/ledoitwolf_cases.txt (or the path in argv[1]):
for each case a line "case NAME n p", then n*p inputs, the shrinkage, and the
p*p covariance, all printed with repr() so C reads the same doubles back.
"""
import sys

import numpy as np
from sklearn.covariance import LedoitWolf


def cases():
    rng = np.random.default_rng(20240115)
    # n > p: daily-return-like data with a common factor.
    f = rng.standard_normal((300, 1))
    yield "n300_p11", 0.01 * (0.6 * f + rng.standard_normal((300, 11)))
    # n < p.
    yield "n10_p25", rng.standard_normal((10, 25)) * np.linspace(0.5, 3, 25)
    # n == p, very different scales (bp-level and percent-level columns).
    yield "n8_p8_scales", rng.standard_normal((8, 8)) * np.logspace(-4, 1, 8)
    # Two observations, three features.
    yield "n2_p3", rng.standard_normal((2, 3))
    # One feature: never shrunk.
    yield "n50_p1", rng.standard_normal((50, 1)) * 0.02
    # Nearly collinear columns.
    b = rng.standard_normal((60, 1))
    yield "n60_p4_collinear", np.hstack([b, b + 1e-6 * rng.standard_normal((60, 1)),
                                         rng.standard_normal((60, 2))])


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else \
        "tests/fixtures/portfolio/ledoitwolf_cases.txt"
    with open(out, "w") as fh:
        for name, X in cases():
            lw = LedoitWolf().fit(X)
            n, p = X.shape
            fh.write("case %s %d %d\n" % (name, n, p))
            fh.write(" ".join(repr(float(v)) for v in X.ravel()) + "\n")
            fh.write(repr(float(lw.shrinkage_)) + "\n")
            fh.write(" ".join(repr(float(v)) for v in lw.covariance_.ravel()) + "\n")


if __name__ == "__main__":
    main()
