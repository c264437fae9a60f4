#!/usr/bin/python3
"""Independent references for common/ols.c, hpfilter.c and kalman.c.

Writes tests/fixtures/agents/{ols,hp,kalman}_cases.txt: the inputs (generated here
with fixed seeds) followed by the expected results from statsmodels (OLS, HP
filter) and a direct numpy Kalman filter with joint (matrix) updates.
Run from the repository root: /usr/bin/python3 tests/oracles/agents_numerics.py
"""
import numpy as np
import statsmodels.api as sm
from statsmodels.tsa.filters.hp_filter import hpfilter

OUT = "tests/fixtures/agents/"


def vec(f, v):
    f.write(" ".join(repr(float(x)) for x in np.ravel(v)) + "\n")


def ols_cases():
    rng = np.random.default_rng(20240115)
    with open(OUT + "ols_cases.txt", "w") as f:
        # name n k, X (n x k, constant first), y, beta, se, r2, adj_r2
        for name, n, k, scale in (("small", 30, 2, 1.0), ("phillips", 96, 5, 1.0),
                                  ("levels", 60, 3, 100.0)):
            X = np.column_stack([np.ones(n), scale + rng.normal(size=(n, k - 1))])
            beta = rng.normal(size=k)
            y = X @ beta + 0.5 * rng.normal(size=n)
            r = sm.OLS(y, X).fit()
            f.write(f"{name} {n} {k}\n")
            vec(f, X)
            vec(f, y)
            vec(f, r.params)
            vec(f, r.bse)
            vec(f, [r.rsquared, r.rsquared_adj])


def hp_cases():
    rng = np.random.default_rng(7)
    with open(OUT + "hp_cases.txt", "w") as f:
        for name, n, lam in (("q1600", 120, 1600.0), ("m14400", 180, 14400.0),
                             ("short", 5, 1600.0), ("tiny", 4, 14400.0)):
            y = 100 + np.cumsum(rng.normal(size=n)) + 2 * np.sin(np.arange(n) / 6)
            cycle, trend = hpfilter(y, lam)
            f.write(f"{name} {n} {lam!r}\n")
            vec(f, y)
            vec(f, trend)


def kalman_np(F, Q, H, R, x0, P0, Y):
    """x_t = F x + w, y = H x + v; joint update over the observed rows of y_t."""
    x, P = x0.copy(), P0.copy()
    xs, ps = [], []
    for y in Y:
        x = F @ x
        P = F @ P @ F.T + Q
        ok = ~np.isnan(y)
        if ok.any():
            h, r = H[ok], np.diag(R[ok])
            S = h @ P @ h.T + r
            K = P @ h.T @ np.linalg.inv(S)
            x = x + K @ (y[ok] - h @ x)
            P = (np.eye(len(x)) - K @ h) @ P
        xs.append(x.copy())
        ps.append(P[0, 0])
    return np.array(xs), np.array(ps)


def kalman_cases():
    rng = np.random.default_rng(11)
    with open(OUT + "kalman_cases.txt", "w") as f:
        # name n m p, F, Q, H, R, x0, P0, Y (n x p), then xf (n x m), P00 (n)
        n = 48
        gap = rng.normal(size=n)
        gap[[5, 6, 30]] = np.nan
        obs = 4 + np.cumsum(0.2 * rng.normal(size=n)) + 0.5 * rng.normal(size=n)
        obs[[10, 30]] = np.nan
        cases = [
            ("rstar_gap", np.eye(2), np.diag([0.01, 0.005]),
             np.array([[1.0, 0.5], [-0.3, 0.0]]), np.array([1.0, 4.0]),
             np.array([3.0, 2.0]), 2 * np.eye(2), np.column_stack([obs, gap])),
            ("rstar_rw", np.eye(1), np.array([[0.01]]), np.array([[1.0]]),
             np.array([1.0]), np.array([3.0]), np.eye(1), obs[:, None]),
        ]
        for name, F, Q, H, R, x0, P0, Y in cases:
            m, p = F.shape[0], H.shape[0]
            xs, ps = kalman_np(F, Q, H, R, x0, P0, Y)
            f.write(f"{name} {n} {m} {p}\n")
            for a in (F, Q, H, R, x0, P0):
                vec(f, a)
            f.write(" ".join("nan" if np.isnan(v) else repr(float(v))
                             for v in Y.ravel()) + "\n")
            vec(f, xs)
            vec(f, ps)


if __name__ == "__main__":
    ols_cases()
    hp_cases()
    kalman_cases()
