#!/usr/bin/env python3
"""Apply the worked examples of docs/EXTENDING.md to a copy of the tree.

usage: extending.py DOC TREE

Each example is a run of "`path` ...:" lines, each followed by a fenced block. A path
that does not exist yet is written with the block; an existing one gets the block at
the place the sentence names (after a line, beside a function, at the end). A place
this script does not know, or an anchor it cannot find, is an error: the document
and the tree have drifted apart (tests/bats/58-extending.bats).
"""
import os
import re
import sys


def blocks(doc):
    """(path, sentence, block text) for each "`path`...:" line and its fenced block."""
    lines = open(doc, encoding="utf-8").read().split("\n")
    out, i = [], 0
    while i < len(lines):
        m = re.match(r"^`([^`]+)`", lines[i])
        # The sentence may wrap: it ends at the first line ending in ':' (3 at most).
        end = next((k for k in range(i, min(i + 3, len(lines) - 1))
                    if lines[k].endswith(":")), None)
        if m and end is not None and lines[end + 1].startswith("```"):
            how = " ".join(lines[i:end + 1])[len(m.group(0)):-1]
            j = end + 2
            while not lines[j].startswith("```"):
                j += 1
            out.append((m.group(1), how, "\n".join(lines[end + 2:j]) + "\n"))
            i = j
        i += 1
    return out


def insert_after(text, anchor, block, last=False, first_word=False):
    """block after the line holding anchor (its last such line when last; the line
    whose first word is anchor when first_word)."""
    rows = text.split("\n")
    hits = [k for k, r in enumerate(rows)
            if (r.split()[:1] == [anchor] if first_word else anchor in r)]
    if not hits:
        sys.exit("extending.py: no line with %r" % anchor)
    k = hits[-1] if last else hits[0]
    return "\n".join(rows[:k + 1] + block.rstrip("\n").split("\n") + rows[k + 1:])


def apply(tree, path, how, block):
    f = os.path.join(tree, path)
    if not os.path.exists(f):
        os.makedirs(os.path.dirname(f), exist_ok=True)
        open(f, "w", encoding="utf-8").write(block)
        return
    text = open(f, encoding="utf-8").read()
    m = re.search(r"after `?([A-Za-z0-9_]+)`?('s keys)?", how)
    if path == "steps/STEPS":
        m2 = re.search(r"between (\w+) and (\w+)", how)
        new = [r for r in block.split("\n")
               if r.split() and r.split()[0] not in m2.groups()]
        text = insert_after(text, m2.group(1), "\n".join(new), first_word=True)
    elif "beside" in how:
        fn = re.search(r"beside `(\w+)\(\)`", how).group(1)
        call = re.search(r"`(\w+\(\);)`", how).group(1)
        text = text.replace("static void\n%s(void)" % fn,
                            block + "\nstatic void\n%s(void)" % fn, 1)
        text = insert_after(text, "\t%s();" % fn, "\t" + call)
    elif "new last line" in how:
        prev = [r for r in text.split("\n") if re.match(r'^\t\{ "[A-Z_0-9]+", ', r)]
        text = insert_after(text, prev[-1], block)
    elif m:
        text = insert_after(text, m.group(1), block, last=True)
    elif "its one key" in how:
        text = text.rstrip("\n") + "\n" + block
    else:
        sys.exit("extending.py: %s: no rule for %r" % (path, how))
    open(f, "w", encoding="utf-8").write(text)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: extending.py DOC TREE")
    done = []
    for path, how, block in blocks(sys.argv[1]):
        apply(sys.argv[2], path, how, block)
        done.append(path)
    print("\n".join(done))


main()
