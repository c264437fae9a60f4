#!/usr/bin/python3
"""The risk computations as the original system ran them (bench only).

usage: risk_reference.py STATE.json
Reads portfolio.weights and config.risk.returns_matrix (mc_draws, default
10,000), and runs, as src/risk/var_calculator.py did: historical and parametric
VaR on R w, then Monte Carlo once per confidence level (95 and 99 %), each call
refitting every marginal with scipy.stats.t.fit, sklearn LedoitWolf, the
Cholesky factor of the correlation (eigenvalue floor when not PD), default_rng(42)
normals, norm.cdf, a clip to [1e-6, 1 - 1e-6], scipy.stats.t.ppf per asset, and
the portfolio sum. Prints one JSON object: seconds per stage (summed over both
levels) and the VaR figures.
"""
import json
import sys
import time

T0 = time.perf_counter()
import numpy as np  # noqa: E402
from scipy import stats  # noqa: E402
from sklearn.covariance import LedoitWolf  # noqa: E402

IMPORT_S = time.perf_counter() - T0
STAGES = {}


def tick(name, t):
    STAGES[name] = STAGES.get(name, 0.0) + time.perf_counter() - t
    return time.perf_counter()


def fit_marginals(R):
    params = []
    for j in range(R.shape[1]):
        x = R[:, j]
        if len(x) < 30:
            params.append((1e6, x.mean(), max(x.std(), 1e-12)))
            continue
        try:
            df, loc, scale = stats.t.fit(x)
            params.append((df, loc, max(scale, 1e-12)))
        except Exception:
            params.append((1e6, x.mean(), max(x.std(), 1e-12)))
    return params


def cholesky_corr(cov):
    d = np.sqrt(np.diag(cov))
    corr = cov / np.outer(d, d)
    try:
        return np.linalg.cholesky(corr)
    except np.linalg.LinAlgError:
        ev, V = np.linalg.eigh(corr)
        c = V @ np.diag(np.maximum(ev, 1e-8)) @ V.T
        s = np.sqrt(np.diag(c))
        return np.linalg.cholesky(c / np.outer(s, s))


def monte_carlo(R, w, n_sims, conf):
    rng = np.random.default_rng(42)
    t = time.perf_counter()
    params = fit_marginals(R)
    t = tick("t_fit", t)
    cov = LedoitWolf().fit(R).covariance_
    t = tick("ledoit_wolf", t)
    L = cholesky_corr(cov)
    t = tick("cholesky", t)
    z = rng.standard_normal((n_sims, R.shape[1]))
    t = tick("normals", t)
    zc = z @ L.T
    t = tick("matmul", t)
    u = np.clip(stats.norm.cdf(zc), 1e-6, 1 - 1e-6)
    t = tick("norm_cdf", t)
    sims = np.empty_like(u)
    for j, (df, loc, scale) in enumerate(params):
        sims[:, j] = stats.t.ppf(u[:, j], df, loc, scale)
    t = tick("t_ppf", t)
    port = sims @ w
    var = np.percentile(port, (1 - conf) * 100)
    cvar = port[port <= var].mean()
    tick("quantile", t)
    return float(var), float(cvar)


def main():
    state = json.load(open(sys.argv[1]))
    cfg = state["config"]["risk"]
    m = cfg["returns_matrix"]
    wmap = state["portfolio"]["weights"]
    R = np.array(m["values"], dtype=float)[-cfg.get("window", 756):]
    w = np.array([wmap.get(i, 0.0) for i in m["instruments"]])
    n_sims = cfg.get("mc_draws", 10000)
    t = time.perf_counter()
    port = R @ w
    hist = float(np.percentile(port, 5))
    z = stats.norm.ppf(0.05)
    par = float(port.mean() + port.std(ddof=1) * z)
    t = tick("historical_parametric", t)
    out = {"import_s": IMPORT_S, "historical_95": hist, "parametric_95": par}
    for conf in (0.95, 0.99):
        out["mc_var_%d" % round(conf * 100)] = monte_carlo(R, w, n_sims, conf)[0]
    out["stages_s"] = STAGES
    out["compute_s"] = sum(STAGES.values())
    json.dump(out, sys.stdout, indent=None)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
