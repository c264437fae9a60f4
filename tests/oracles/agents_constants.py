#!/usr/bin/python3
"""Check the numeric literals of the agents', four strategies' and common/domain.c against
tests/oracles/agents_constants.tsv (each with its source).

usage: agents_constants.py TOP
Prints one line per literal used but not listed ("FILE: LITERAL not listed") and per
listed literal not used ("FILE: LITERAL listed but not used"); exit 1 on any.
"""
import glob
import os
import re
import sys

NUM = re.compile(r"(?<![\w.])(\d+\.\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|"
                 r"\d+(?:[eE][-+]?\d+)?)(?![\w.])")
STRATEGIES = ["rates_br_02.c", "inf_br_01.c", "cupom_01.c", "sov_br_01.c"]


def code_only(src):
    """The C source without comments, string and character literals."""
    src = re.sub(r"/\*.*?\*/", " ", src, flags=re.S)
    src = re.sub(r"//[^\n]*", " ", src)
    src = re.sub(r'"(\\.|[^"\\])*"', '""', src)
    return re.sub(r"'(\\.|[^'\\])*'", "''", src)


def literals(path):
    return {float(m) for m in NUM.findall(code_only(open(path).read()))}


def main(top):
    files = sorted(glob.glob(os.path.join(top, "steps/agents/*.c")) +
                   glob.glob(os.path.join(top, "steps/aggregate/*.c")) +
                   [os.path.join(top, "steps/strategies", f) for f in STRATEGIES] +
                   [os.path.join(top, "common/domain.c")])
    allowed, listed = {}, []
    for line in open(os.path.join(top, "tests/oracles/agents_constants.tsv")):
        if line.startswith("#") or not line.strip():
            continue
        name, lits, source = line.rstrip("\n").split("\t")
        if not source.strip():
            print("%s: %s has no source" % (name, lits))
            return 1
        for x in lits.split():
            allowed.setdefault(name, set()).add(float(x))
            listed.append((name, float(x)))
    bad, used = [], {}
    for f in files:
        name = os.path.basename(f)
        used[name] = literals(f)
        for x in sorted(used[name] - allowed.get(name, set()) - allowed.get("*", set())):
            bad.append("%s: %g not listed" % (name, x))
    for name, x in listed:
        if name != "*" and x not in used.get(name, set()):
            bad.append("%s: %g listed but not used" % (name, x))
    print("\n".join(bad) if bad else "%d files, %d listed literals" % (len(files), len(listed)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
