#!/usr/bin/env python3
"""The 23 signals of step-agents against a saved earlier output (docs/BENCH.md
"step-agents speed (issue 11)"): the HMM's and the models' arithmetic may run in
another order, so the numbers may move in the last digits, never more.

  agents_signals_match.py --save KEY OUT.json FIXTURE.json   add OUT's signals under KEY
  agents_signals_match.py KEY OUT.json FIXTURE.json          compare; exit 1 on a mismatch

Compared per signal (matched by signal_id, all 23 present in both): direction and
strength exactly; value and confidence within 1e-9 relative (absolute below 1e-9,
null only against null); and the regime: label exactly, score within 1e-9 relative,
the HMM's method and regime name exactly and each name's probability within 2e-6
(they are rounded to 6 decimals, so a last-digit change may move the rounding).
"""
import json
import sys

RTOL = 1e-9
PTOL = 2e-6


def extract(state):
    ag = state["agents"]
    sig = {}
    for rep in ag["reports"]:
        for s in rep["signals"]:
            sig[s["signal_id"]] = {k: s.get(k) for k in
                                   ("direction", "strength", "value", "confidence")}
    hmm = ag["regime"].get("hmm") or {}
    return {"signals": sig,
            "regime": {"label": ag["regime"].get("label"),
                       "score": ag["regime"].get("score"),
                       "method": hmm.get("method"), "name": hmm.get("regime"),
                       "probabilities": hmm.get("probabilities")}}


def close(a, b, tol):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol * max(abs(a), abs(b), 1.0)


def compare(want, got):
    bad = []
    if sorted(want["signals"]) != sorted(got["signals"]) or len(want["signals"]) != 23:
        return ["signal ids differ: %s vs %s" % (sorted(want["signals"]),
                                                 sorted(got["signals"]))]
    for sid, w in sorted(want["signals"].items()):
        g = got["signals"][sid]
        for k in ("direction", "strength"):
            if w[k] != g[k]:
                bad.append("%s %s: %s vs %s" % (sid, k, w[k], g[k]))
        for k in ("value", "confidence"):
            if not close(w[k], g[k], RTOL):
                bad.append("%s %s: %r vs %r" % (sid, k, w[k], g[k]))
    wr, gr = want["regime"], got["regime"]
    for k in ("label", "method", "name"):
        if wr[k] != gr[k]:
            bad.append("regime %s: %s vs %s" % (k, wr[k], gr[k]))
    if not close(wr["score"], gr["score"], RTOL):
        bad.append("regime score: %r vs %r" % (wr["score"], gr["score"]))
    wp, gp = wr["probabilities"] or {}, gr["probabilities"] or {}
    if sorted(wp) != sorted(gp):
        bad.append("regime names: %s vs %s" % (sorted(wp), sorted(gp)))
    else:
        for name in wp:
            if abs(wp[name] - gp[name]) > PTOL:
                bad.append("regime P(%s): %r vs %r" % (name, wp[name], gp[name]))
    return bad


def main(argv):
    save = argv[1:2] == ["--save"]
    if save:
        argv = argv[1:]
    if len(argv) != 4:
        sys.exit(__doc__)
    key, out, fixture = argv[1:]
    with open(out) as f:
        got = extract(json.load(f))
    if save:
        try:
            with open(fixture) as f:
                table = json.load(f)
        except FileNotFoundError:
            table = {}
        table[key] = got
        with open(fixture, "w") as f:
            json.dump(table, f, indent=1, sort_keys=True)
            f.write("\n")
        return 0
    with open(fixture) as f:
        table = json.load(f)
    if key not in table:
        sys.exit("agents_signals_match: no %s in %s" % (key, fixture))
    bad = compare(table[key], got)
    for b in bad:
        print("%s: %s" % (key, b))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
