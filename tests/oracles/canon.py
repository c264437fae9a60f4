"""Independent reference for the canonical state text (docs/ARCHITECTURE.md "The state
document", common/jsonout.c): Python's json with keys sorted, no spaces, non-ASCII kept,
reals as repr (the shortest text that reads back to the same double, always with '.' or
'e'). Usage: canon.py FILE; prints the canonical text of FILE without a newline."""
import json
import sys


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    sys.stdout.write(json.dumps(doc, sort_keys=True, separators=(",", ":"),
                                ensure_ascii=False, allow_nan=False))


if __name__ == "__main__":
    main()
