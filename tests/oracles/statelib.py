"""Shared helpers for the Python oracles: read a daily_run state as plain data."""


def expand(state):
    """Give every series its own "dates" again: a series may name a shared calendar
    ("calendar": "D" refers to ingest.calendars.D, docs/STATE.md) instead of listing
    its dates. Returns the state, changed in place."""
    ing = state.get("ingest") or {}
    cals = ing.get("calendars") or {}
    for s in (ing.get("series") or {}).values():
        if "dates" not in s and "calendar" in s:
            s["dates"] = list(cals[s.pop("calendar")])
    return state
