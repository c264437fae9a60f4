#!/usr/bin/python3
"""Oracle for step-risk's VaR: usage risk_var.py INPUT_STATE OUTPUT_STATE.

Recomputes from the input's config.risk.returns_matrix and portfolio.weights, with
numpy/scipy/scikit-learn, what step-risk wrote, and exits 1 listing each mismatch:
  historical VaR/CVaR   numpy.percentile 'linear', mean of r <= q   (1e-12 abs)
  parametric VaR/CVaR   mu + sigma z, S the risk covariance of       (1e-9 rel)
                        tests/oracles/riskcov.py (with equal weights also
                        sklearn's LedoitWolf on standardised data)
  component VaR         w_i (mu_i + (S w)_i z / sigma), sum = total (1e-9 rel)
  Monte Carlo VaR/CVaR  an independent 200,000-draw numpy simulation of the same
                        t-copula (our fitted marginals, the LW correlation): within
                        4 standard errors of the step's draw count
"""
import json
import os
import sys

import numpy as np
from scipy import stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import riskcov  # noqa: E402

FAILS = []


def close(name, got, want, rel=None, abs_=None):
    if got is None or want is None or not np.isfinite(want):
        if not (got is None and (want is None or not np.isfinite(want))):
            FAILS.append("%s: got %r, want %r" % (name, got, want))
        return
    tol = (abs_ or 0) + (rel or 0) * abs(want)
    if abs(got - want) > tol:
        FAILS.append("%s: got %.17g, want %.17g (tol %g)" % (name, got, want, tol))


def load(inp):
    cfg = inp.get("config", {}).get("risk", {})
    m = cfg["returns_matrix"]
    window = cfg.get("window", 756)
    w = {k: v for k, v in inp["portfolio"]["weights"].items() if v != 0}
    ids = sorted(w)
    cols = [m["instruments"].index(i) for i in ids]
    rows = m["values"][-window:]
    R = np.array([[np.nan if r[c] is None else r[c] for c in cols] for r in rows], dtype=float)
    R = R[np.all(np.isfinite(R), axis=1)]
    return ids, np.array([w[i] for i in ids]), R, cfg


def check_hist(var, port, cfg):
    h = var["historical"]
    if len(port) < cfg.get("min_historical_obs", 756):
        if h["method"] != "parametric" or "Falling back to parametric VaR." not in h["warning"]:
            FAILS.append("historical slot should fall back to parametric: %r" % h)
        for k in ("var_95", "var_99", "cvar_95", "cvar_99"):
            close("fallback " + k, h[k], var["parametric"][k], abs_=0)
        return
    for c, s in ((0.95, "95"), (0.99, "99")):
        q = np.percentile(port, (1 - c) * 100)
        close("historical var_" + s, h["var_" + s], q, abs_=1e-12)
        close("historical cvar_" + s, h["cvar_" + s], port[port <= q].mean(), abs_=1e-12)


def check_param(out, ids, w, R, cfg):
    var = out["var"]["parametric"]
    hl = cfg.get("half_life", 0)
    lw, _, S = riskcov.riskcov(R, hl, 1)
    if hl <= 0 and R.shape[1] > 1 and np.all(np.diag(S) > 0):
        ref_lw, ref_S = riskcov.reference(R, 0, 1)
        close("riskcov vs sklearn", float(np.abs(S - ref_S).max()), 0,
              abs_=1e-9 * np.abs(ref_S).max())
    mu_i = R.mean(axis=0)
    mu, sig = float(mu_i @ w), float(np.sqrt(w @ S @ w))
    for c, s in ((0.95, "95"), (0.99, "99")):
        z = stats.norm.ppf(1 - c)
        close("parametric var_" + s, var["var_" + s], mu + sig * z, rel=1e-9)
        close("parametric cvar_" + s, var["cvar_" + s],
              mu - sig * stats.norm.pdf(z) / (1 - c), rel=1e-9)
    z = stats.norm.ppf(0.05)
    comp = w * (mu_i + (S @ w) * z / sig)
    for d, i in zip(out["decomposition"], range(len(ids))):
        close("component_var " + ids[i], d["component_var"], comp[i], rel=1e-9)
    close("sum of components", sum(d["component_var"] for d in out["decomposition"]),
          var["var_95"], rel=1e-9)
    close("LW shrinkage", out["covariance"]["shrinkage"], lw, abs_=1e-10)
    return S


def check_mc(out, w, S):
    mc = out["var"]["monte_carlo"]
    marg = mc["marginals"]
    d = np.sqrt(np.diag(S))
    dd = np.outer(d, d)
    # A constant instrument has zero variance: no correlation with the others.
    C = np.where(dd > 0, S / np.where(dd > 0, dd, 1), 0.0)
    np.fill_diagonal(C, 1.0)
    L = np.linalg.cholesky(C)
    rng = np.random.default_rng(20240115)
    N, big = mc["draws"], []
    for _ in range(4):
        z = rng.standard_normal((50000, len(w))) @ L.T
        u = np.clip(stats.norm.cdf(z), 1e-6, 1 - 1e-6)
        x = np.empty_like(u)
        for j, m in enumerate(marg):
            if m["dist"] == "normal":
                x[:, j] = m["loc"] + m["scale"] * stats.norm.ppf(u[:, j])
            else:
                x[:, j] = stats.t.ppf(u[:, j], m["df"], m["loc"], m["scale"])
        big.append(x @ w)
    p = np.concatenate(big)
    sd = p.std()
    for c, s in ((0.95, "95"), (0.99, "99")):
        a = 1 - c
        q = np.percentile(p, a * 100)
        h = 0.1 * sd
        f = np.mean(np.abs(p - q) <= h) / (2 * h)
        se = np.sqrt(a * (1 - a) / N) / f
        close("monte_carlo var_" + s, mc["var_" + s], q, abs_=4 * se)
        tail = p[p <= q]
        se_c = np.sqrt(tail.var() / (N * a) + a * (q - tail.mean()) ** 2 / (N * a))
        close("monte_carlo cvar_" + s, mc["cvar_" + s], tail.mean(), abs_=4 * (se_c + se))


def main():
    inp = json.load(open(sys.argv[1]))
    out = json.load(open(sys.argv[2]))["risk"]
    ids, w, R, cfg = load(inp)
    port = R @ w
    close("observations", out["observations"], len(port), abs_=0)
    close("returns", float(np.max(np.abs(np.array(out["returns"]["values"]) - port))), 0,
          abs_=1e-15)
    check_hist(out["var"], port, cfg)
    S = check_param(out, ids, w, R, cfg)
    if len(port) >= 2 and "nomc" not in sys.argv:
        check_mc(out, w, S)
    for f in FAILS:
        print("mismatch: " + f)
    sys.exit(1 if FAILS else 0)


if __name__ == "__main__":
    main()
