#!/usr/bin/python3
"""Oracle for common/varbt.c: usage var_backtest.py P < indicators.

Kupiec POF and Christoffersen independence written out from their definitions with
scipy.stats.chi2 for the p-values (docs/RISK.md "Back-test"); prints the same line as
tests/tools/varbt: n x rate LR_pof p_pof n00 n01 n10 n11 LR_ind p_ind LR_cc p_cc zone.
"""
import sys

from scipy import stats
from scipy.special import xlogy


def main():
    p = float(sys.argv[1])
    h = [int(c) for c in sys.stdin.read() if c in "01"]
    n, x = len(h), sum(h)
    rate = x / n
    lr_pof = -2 * (xlogy(n - x, 1 - p) + xlogy(x, p)) \
        + 2 * (xlogy(n - x, 1 - rate) + xlogy(x, rate))
    lr_pof = max(lr_pof, 0.0)
    t = {(a, b): 0 for a in (0, 1) for b in (0, 1)}
    for a, b in zip(h, h[1:]):
        t[(a, b)] += 1
    n00, n01, n10, n11 = t[(0, 0)], t[(0, 1)], t[(1, 0)], t[(1, 1)]
    p01 = n01 / (n00 + n01) if n00 + n01 else 0.0
    p11 = n11 / (n10 + n11) if n10 + n11 else 0.0
    pi = (n01 + n11) / (n00 + n01 + n10 + n11)
    l0 = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi)
    l1 = xlogy(n00, 1 - p01) + xlogy(n01, p01) + xlogy(n10, 1 - p11) + xlogy(n11, p11)
    lr_ind = max(-2 * (l0 - l1), 0.0)
    lr_cc = lr_pof + lr_ind
    zone = "green" if x <= 4 else "yellow" if x <= 9 else "red"
    print("%d %d %.17g %.17g %.17g %d %d %d %d %.17g %.17g %.17g %.17g %s" % (
        n, x, rate, lr_pof, stats.chi2.sf(lr_pof, 1), n00, n01, n10, n11,
        lr_ind, stats.chi2.sf(lr_ind, 1), lr_cc, stats.chi2.sf(lr_cc, 2), zone))


main()
