"""The printed table: every target PASS/MISS beside its baseline from the same run."""

from __future__ import annotations

from .common import TARGETS, maximum, median, minimum, ratio

HEADER = ("measure", "value", "baseline (same run)", "ratio", "target", "status")


def fmt(value, unit="ms", digits=0) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.{digits}f} {unit}".strip()


def mb(value) -> str:
    return fmt(None if value is None else value / 1e6, "MB", 2)


def verdict(ok) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "MISS")


def at_most(value, limit) -> str:
    return verdict(None if value is None else value <= limit)


def visits(results, profile, name, mode="cold") -> list[dict]:
    return results["browser"].get(profile, {}).get(name, {}).get(mode, [])


def first_results(results, profile, name, mode="cold") -> list:
    return [v["first_ms"] for v in visits(results, profile, name, mode)]


class Table:
    def __init__(self):
        self.rows: list[tuple] = []

    def row(self, *cells) -> None:
        self.rows.append(tuple(cells) + ("",) * (len(HEADER) - len(cells)))

    def render(self) -> str:
        widths = [max(len(str(r[i])) for r in [HEADER, *self.rows]) for i in range(len(HEADER))]
        lines = [" | ".join(str(c).ljust(w) for c, w in zip(HEADER, widths)),
                 "-+-".join("-" * w for w in widths)]  # fmt: skip
        lines += [" | ".join(str(c).ljust(w) for c, w in zip(r, widths)) for r in self.rows]
        return "\n".join(lines)


def first_result_rows(table: Table, results, tools, profile, mode, limit) -> None:
    bare = first_results(results, profile, "bare", mode)
    base, base_best = median(bare), minimum(bare)
    for name in [*tools, "bare, site runtime", "bare+engine"]:
        values = first_results(results, profile, name, mode)
        value, best = median(values), minimum(values)
        what = f"first live result, {profile}, {mode}: {name}"
        cells = (f"{fmt(value)} (best {fmt(best)})",
                 f"bare page, npm's Pyodide {fmt(base)} (best {fmt(base_best)})",
                 f"{fmt(ratio(value, base), 'x', 2)} (best {fmt(ratio(best, base_best), 'x', 2)})")  # fmt: skip
        if name not in tools:
            table.row(what + " (reference)", *cells)
        elif limit is None:
            table.row(what, *cells, "reported")
        else:
            r = ratio(value, base)
            table.row(what, *cells, f"<= {limit}x", verdict(None if r is None else r <= limit))


def byte_rows(table: Table, results, tools) -> None:
    bare = median(v["traffic"]["bytes"] for v in visits(results, "loopback", "bare"))
    limit = TARGETS["cold_visit_bytes"]
    for name in tools:
        value = median(v["traffic"]["bytes"] for v in visits(results, "loopback", name))
        table.row(f"bytes moved, cold visit: {name}", mb(value), f"bare page, npm's Pyodide {mb(bare)}",
                  fmt(ratio(value, bare), "x", 2), f"<= {limit / 1e6} MB", at_most(value, limit))  # fmt: skip
    plain = [p["traffic"]["bytes"] for p in results.get("plain_pages", {}).values() if "traffic" in p]
    table.row("bytes moved, cold visit: a page without a tool (median; max)",
              f"{mb(median(plain))}; {mb(maximum(plain))}", "", "", "reported")  # fmt: skip


def blocking_rows(table: Table, results, tools) -> None:
    plain = median(p.get("tbt_ms") for p in results.get("plain_pages", {}).values())
    for profile, modes in (("loopback", ("cold", "warm")), ("cable", ("cold",))):
        for mode in modes:
            bare = median(v["tbt_ms"] for v in visits(results, profile, "bare", mode))
            for name in tools:
                runs = [v["tbt_ms"] for v in visits(results, profile, name, mode)]
                worst = maximum(runs)
                table.row(f"total blocking time, {profile}, {mode}: {name}",
                          f"max {fmt(worst)} (runs: {', '.join(fmt(r, '') for r in runs)})",
                          f"bare page {fmt(bare)}" + (f"; page without a tool {fmt(plain)}" if mode == "cold" else ""),
                          "", f"<= {TARGETS['tbt_ms']} ms, every run", at_most(worst, TARGETS["tbt_ms"]))  # fmt: skip


def in_use_rows(table: Table, results, tools) -> None:
    loopback = results["browser"].get("loopback", {})
    for name in tools:
        value = median(loopback.get(name, {}).get("return_ms", []))
        table.row(f"instant-nav return to result: {name}", fmt(value), "", "",
                  f"<= {TARGETS['return_ms']} ms", at_most(value, TARGETS["return_ms"]))  # fmt: skip
    for name, key, label in (("checklist", "checkbox_ms", "checklist: tick a box"),
                             ("notice", "keystroke_ms", "notice: keystroke in the period"),
                             ("checklist", "submit_click_ms", "checklist: click 'Show result'"),
                             ("notice", "submit_click_ms", "notice: click 'Show result'")):  # fmt: skip
        value = median(loopback.get(name, {}).get(key, []))
        table.row(f"input to updated result, {label}", fmt(value, digits=1), "", "",
                  f"<= {TARGETS['click_ms']} ms", at_most(value, TARGETS["click_ms"]))  # fmt: skip


def build_rows(table: Table, build) -> None:
    plain = build["median_s"]["plain Material"]
    table.row(f"mkdocs build --strict (median of {len(build['samples_s']['full'])})",
              fmt(build["median_s"]["full"], "s", 2), f"plain Material {fmt(plain, 's', 2)}",
              fmt(build["ratio"], "x", 2), f"<= {TARGETS['build_ratio']}x",
              verdict(build["ratio"] <= TARGETS["build_ratio"]))  # fmt: skip
    table.row("  build reference: CPU time (user + sys)", fmt(build["cpu_median_s"]["full"], "s", 2),
              f"plain Material {fmt(build['cpu_median_s']['plain Material'], 's', 2)}",
              fmt(build["cpu_ratio"], "x", 2))  # fmt: skip
    for name, value in build["median_s"].items():
        if name.startswith("full") and name != "full":
            table.row(f"  build reference: {name}", fmt(value, "s", 2),
                      f"plain Material {fmt(plain, 's', 2)}", fmt(value / plain, "x", 2))  # fmt: skip


def engine_rows(table: Table, cli, engine) -> None:
    base = cli["python -c pass (baseline)"]["median_ms"]
    for name, data in cli.items():
        label = f"CLI reference: {name}" if "baseline" in name else f"CLI `partways {name}`"
        if name != "python -c pass (baseline)":
            table.row(label, fmt(data["median_ms"]), f"python -c pass {fmt(base)}",
                      fmt(data["median_ms"] / base, "x", 2))  # fmt: skip
    for tool, cpython in engine["cpython"].items():
        node = engine["pyodide_node"]["calls_per_s"][tool]
        table.row(f"engine calls/s, {tool}: Pyodide (Node)", fmt(node, "/s"),
                  f"CPython {fmt(cpython, '/s')}", fmt(node / cpython, "x", 2))  # fmt: skip


def targets_table(results) -> str:
    tools = list(results["site"]["tools"])
    table = Table()
    for mode in ("cold", "warm"):
        first_result_rows(table, results, tools, "loopback", mode, TARGETS["first_result_ratio"])
    if "cable" in results["browser"]:
        first_result_rows(table, results, tools, "cable", "cold", TARGETS["cable_first_result_ratio"])
    for profile in results["browser"]:
        if profile not in ("loopback", "cable"):
            first_result_rows(table, results, tools, profile, "cold", None)
    byte_rows(table, results, tools)
    blocking_rows(table, results, tools)
    in_use_rows(table, results, tools)
    if "build" in results:
        build_rows(table, results["build"])
    if "cli" in results:
        engine_rows(table, results["cli"], results["engine"])
    return table.render()
