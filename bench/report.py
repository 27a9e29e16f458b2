"""How the printed report writes figures, and its table (the rows are built in rows.py)."""

from __future__ import annotations

HEADER = ("measure", "value", "baseline (same run)", "ratio", "target", "status")
BARE = "bare page, npm's Pyodide"


def fmt(value, unit="ms", digits=0) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.{digits}f} {unit}".strip()


def mb(value) -> str:
    return fmt(None if value is None else value / 1e6, "MB", 2)


def times(value) -> str:
    return fmt(value, "x", 2)


def verdict(ok) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "MISS")


def at_most(value, limit) -> str:
    return verdict(None if value is None else value <= limit)


def visits(results, profile, name, mode="cold") -> list[dict]:
    return results["browser"].get(profile, {}).get(name, {}).get(mode, [])


def values(results, profile, name, key, mode="cold") -> list:
    return [v[key] for v in visits(results, profile, name, mode)]


def sent(results, profile, name) -> list:
    return [v["traffic"]["bytes"] for v in visits(results, profile, name)]


class Table:
    def __init__(self):
        self.rows: list[tuple] = []

    def row(self, *cells) -> None:
        self.rows.append(tuple(cells) + ("",) * (len(HEADER) - len(cells)))

    def render(self) -> str:
        rows = [HEADER, *self.rows]
        widths = [max(len(str(r[i])) for r in rows) for i in range(len(HEADER))]
        lines = [" | ".join(str(c).ljust(w) for c, w in zip(r, widths)) for r in rows]
        return "\n".join([lines[0], "-+-".join("-" * w for w in widths), *lines[1:]])
