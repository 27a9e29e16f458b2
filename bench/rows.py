"""The printed table: every target PASS/MISS beside its baseline from the same run, one
builder per kind of measure."""

from __future__ import annotations

from .common import TARGETS, maximum, median, minimum, ratio
from .intent import intent_rows
from .report import BARE, Table, at_most, fmt, mb, sent, times, values, verdict, visits
from .snapshot import snapshot_rows


def first_result_rows(table: Table, results, tools, profile, mode, limit) -> None:
    bare = values(results, profile, "bare", "first_ms", mode)
    base, base_best = median(bare), minimum(bare)
    baseline = f"{BARE} {fmt(base)} (best {fmt(base_best)})"
    for name in [*tools, "bare, site runtime", "bare+engine"]:
        runs = values(results, profile, name, "first_ms", mode)
        value, best = median(runs), minimum(runs)
        what = f"first live result, {profile}, {mode}: {name}"
        cells = (f"{fmt(value)} (best {fmt(best)})", baseline,
                 f"{times(ratio(value, base))} (best {times(ratio(best, base_best))})")  # fmt: skip
        if name not in tools:
            if runs:
                table.row(what + " (reference)", *cells)
        elif limit is None:
            table.row(what, *cells, "reported")
        else:
            r = ratio(value, base)
            table.row(what, *cells, f"<= {limit}x", verdict(None if r is None else r <= limit))


def byte_rows(table: Table, results, tools) -> None:
    bare, limit = median(sent(results, "loopback", "bare")), TARGETS["cold_visit_bytes"]
    for name in tools:
        value = median(sent(results, "loopback", name))
        table.row(f"bytes moved, cold visit: {name}", mb(value), f"{BARE} {mb(bare)}",
                  times(ratio(value, bare)), f"<= {limit / 1e6} MB", at_most(value, limit))
    plain = [p["traffic"]["bytes"] for p in results["plain_pages"].values() if "traffic" in p]
    table.row("bytes moved, cold visit: a page without a tool (median; max)",
              f"{mb(median(plain))}; {mb(maximum(plain))}", "", "", "reported")
    service_worker_rows(table, results, tools)


def service_worker_rows(table: Table, results, tools) -> None:
    """What the service worker fetches for offline use: counted apart from the visit, only
    after the first result, nothing with Save-Data (the server's count: see network.py)."""
    cold = [v["traffic"] for name in tools for v in visits(results, "loopback", name)]
    earliest = minimum(t["service_worker_after_first_result_s"] for t in cold)
    table.row("service worker's background download after a cold tool visit, loopback "
              f"(median of {len(cold)})",
              f"{mb(median(t['service_worker_bytes'] for t in cold))} in "
              + fmt(median(t["service_worker_requests"] for t in cold), "requests"),
              f"its first request {fmt(earliest, 's', 2)} after the first result (earliest)",
              "", "only after the first result",
              verdict(None if earliest is None else earliest > 0))  # fmt: skip
    saving = [d["traffic"] for d in results["save_data"].values() if "traffic" in d]
    worst = maximum(t["service_worker_bytes"] for t in saving)
    table.row(f"service worker's background download with Save-Data on ({len(saving)} tools; max)",
              fmt(worst, "bytes"), "", "", "0 bytes", verdict(None if worst is None else worst == 0))


def blocking_rows(table: Table, results, tools) -> None:
    plain = median(p.get("tbt_ms") for p in results["plain_pages"].values())
    limit = TARGETS["tbt_ms"]
    for profile, mode in (("loopback", "cold"), ("loopback", "warm"), ("cable", "cold")):
        bare = median(values(results, profile, "bare", "tbt_ms", mode))
        baseline = f"{BARE} (main thread) {fmt(bare)}"
        if mode == "cold":
            baseline += f"; page without a tool {fmt(plain)}"
        for name in tools:
            runs = values(results, profile, name, "tbt_ms", mode)
            if runs:
                table.row(f"total blocking time, {profile}, {mode}: {name}",
                          f"max {fmt(maximum(runs))} (runs: {', '.join(fmt(r, '') for r in runs)})",
                          baseline, "", f"<= {limit} ms, every run", at_most(maximum(runs), limit))


INPUTS = (
    ("checklist", "checkbox_ms", "checklist: tick a box"),
    ("notice", "keystroke_ms", "notice: keystroke in the period"),
)


def in_use_rows(table: Table, results, tools) -> None:
    loopback = results["browser"].get("loopback", {})
    for name in tools:
        value = median(loopback.get(name, {}).get("return_ms", []))
        limit = TARGETS["return_ms"]
        table.row(f"instant-nav return to result: {name}", fmt(value), "", "",
                  f"<= {limit} ms", at_most(value, limit))
    for name, key, label in INPUTS:
        value, limit = median(loopback.get(name, {}).get(key, [])), TARGETS["click_ms"]
        table.row(f"input to updated result, {label}", fmt(value, digits=1), "", "",
                  f"<= {limit} ms", at_most(value, limit))


def build_rows(table: Table, build) -> None:
    wall, cpu = build["median_s"], build["cpu_median_s"]
    plain = f"plain Material {fmt(wall['plain Material'], 's', 2)}"
    table.row(f"mkdocs build --strict (median of {len(build['samples_s']['full'])})",
              fmt(wall["full"], "s", 2), plain, times(build["ratio"]),
              f"<= {TARGETS['build_ratio']}x", verdict(build["ratio"] <= TARGETS["build_ratio"]))
    table.row("  build reference: CPU time (user + sys)", fmt(cpu["full"], "s", 2),
              f"plain Material {fmt(cpu['plain Material'], 's', 2)}", times(build["cpu_ratio"]))
    for name, value in wall.items():
        if name.startswith("full") and name != "full":
            table.row(f"  build reference: {name}", fmt(value, "s", 2), plain,
                      times(value / wall["plain Material"]))


def engine_rows(table: Table, cli, engine) -> None:
    base = cli["python -c pass (baseline)"]["median_ms"]
    for name, data in cli.items():
        label = f"CLI reference: {name}" if "baseline" in name else f"CLI `partways {name}`"
        if name != "python -c pass (baseline)":
            table.row(label, fmt(data["median_ms"]), f"python -c pass {fmt(base)}",
                      times(data["median_ms"] / base))
    for tool, cpython in engine["cpython"].items():
        node = engine["pyodide_node"]["calls_per_s"][tool]
        table.row(f"engine calls/s, {tool}: Pyodide (Node)", fmt(node, "/s"),
                  f"CPython {fmt(cpython, '/s')}", times(node / cpython))


def targets_table(results) -> str:
    tools = list(results["site"]["tools"])
    table = Table()
    limits = {"loopback": TARGETS["first_result_ratio"],
              "cable": TARGETS["cable_first_result_ratio"]}  # fmt: skip
    for profile in results["browser"]:
        for mode in ("cold", "warm") if profile == "loopback" else ("cold",):
            first_result_rows(table, results, tools, profile, mode, limits.get(profile))
    if "snapshot" in results:
        snapshot_rows(table, results["snapshot"])
    if "intent" in results:
        intent_rows(table, results["intent"])
    byte_rows(table, results, tools)
    blocking_rows(table, results, tools)
    in_use_rows(table, results, tools)
    if "build" in results:
        build_rows(table, results["build"])
    if "cli" in results:
        engine_rows(table, results["cli"], results["engine"])
    return table.render()
