#!/usr/bin/python3
"""Reference for common/riskcov.c, written from docs/RISK.md ("Covariance") in numpy.

Writes tests/fixtures/risk/riskcov_cases.txt (or the path in argv[1]). For each case:
  case NAME t k half_life shrink has_ref
  the t*k inputs (row-major)
  the numpy intensity and effective observations
  the numpy k*k covariance
  when has_ref = 1: an independent reference intensity and covariance, from
    sklearn.covariance.LedoitWolf on the standardised data (equal weights, shrink), or
    numpy.cov(aweights=a, bias=True) (no shrinkage, any weights).
Numbers are printed with repr() so C reads the same doubles back.
"""
import sys

import numpy as np
from sklearn.covariance import LedoitWolf


def weights(t, half_life):
    if half_life <= 0:
        return np.full(t, 1.0 / t)
    lam = 0.5 ** (1.0 / half_life)
    w = lam ** np.arange(t - 1, -1, -1, dtype=float)
    return w / w.sum()


def riskcov(X, half_life, shrink):
    """The formulas of docs/RISK.md, by explicit outer products (not the C path)."""
    t, k = X.shape
    a = weights(t, half_life)
    m = a @ X
    Xc = X - m
    s = np.sqrt(a @ (Xc ** 2))
    big = np.abs(X).max(axis=0)
    act = np.flatnonzero(s > 1e-13 * big)
    Z = Xc[:, act] / s[act]
    p = len(act)
    outer = np.einsum("ti,tj->tij", Z, Z)          # z_i z_i' for every day
    S = np.tensordot(a, outer, axes=1)
    np.fill_diagonal(S, 1.0)
    lw = 0.0
    if shrink and p > 1:
        dev = ((outer - S) ** 2).sum(axis=(1, 2))  # |z_i z_i' - S|_F^2
        b2 = (a ** 2).sum() * (a @ dev)
        d2 = ((S - np.eye(p)) ** 2).sum()
        if b2 > 0 and d2 > 0:
            lw = min(b2, d2) / d2
    R = (1 - lw) * S + lw * np.eye(p)
    cov = np.zeros((k, k))
    cov[np.ix_(act, act)] = np.outer(s[act], s[act]) * R
    return lw, 1.0 / (a ** 2).sum(), cov


def reference(X, half_life, shrink):
    """sklearn (equal weights, shrink) or numpy.cov (no shrink); None otherwise."""
    if shrink and half_life <= 0:
        sd = X.std(axis=0)
        Z = (X - X.mean(axis=0)) / sd
        lw = LedoitWolf().fit(Z)
        return lw.shrinkage_, np.outer(sd, sd) * lw.covariance_
    if not shrink:
        a = weights(X.shape[0], half_life)
        return 0.0, np.atleast_2d(np.cov(X.T, aweights=a, bias=True))
    return None


def factor_returns(rng, t, vols, beta):
    f = rng.standard_normal((t, 1))
    e = rng.standard_normal((t, len(vols)))
    return (beta * f + np.sqrt(1 - beta ** 2) * e) * np.asarray(vols)


def cases():
    rng = np.random.default_rng(20261207)
    mixed = [0.0001, 0.0004, 0.0013, 0.003, 0.0099, 0.0157]
    yield "eq_t300_k6_mixed", factor_returns(rng, 300, mixed, 0.7), 0, 1
    yield "eq_t40_k12", factor_returns(rng, 40, np.logspace(-4, -2, 12), 0.3), 0, 1
    yield "hl11_t756_k8", factor_returns(rng, 756, np.logspace(-4, -1.5, 8), 0.5), 11.2, 1
    yield "hl90_t756_k5", factor_returns(rng, 756, mixed[:5], 0.9), 90, 1
    yield "hl11_noshrink", factor_returns(rng, 200, mixed, 0.6), 11.2, 0
    yield "eq_noshrink", factor_returns(rng, 100, mixed[:3], 0.6), 0, 0
    yield "eq_t2_k3", rng.standard_normal((2, 3)) * 0.01, 0, 1
    yield "hl5_t10_k25", rng.standard_normal((10, 25)) * np.linspace(0.001, 0.03, 25), 5, 1
    yield "eq_k1", rng.standard_normal((50, 1)) * 0.02, 0, 1
    X = factor_returns(rng, 60, [0.01, 0.02, 0.005, 0.03], 0.5)
    X[:, 1] = 0.0                                  # a constant (flat) column
    yield "hl20_flat_column", X, 20, 1


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/risk/riskcov_cases.txt"
    with open(out, "w") as fh:
        for name, X, hl, shrink in cases():
            t, k = X.shape
            lw, eff, cov = riskcov(X, hl, shrink)
            ref = None if name.endswith("flat_column") else reference(X, hl, shrink)
            fh.write("case %s %d %d %r %d %d\n" % (name, t, k, float(hl), shrink,
                                                   ref is not None))
            fh.write(" ".join(repr(float(v)) for v in X.ravel()) + "\n")
            fh.write("%r %r\n" % (float(lw), float(eff)))
            fh.write(" ".join(repr(float(v)) for v in cov.ravel()) + "\n")
            if ref is not None:
                fh.write(repr(float(ref[0])) + "\n")
                fh.write(" ".join(repr(float(v)) for v in ref[1].ravel()) + "\n")


if __name__ == "__main__":
    main()
