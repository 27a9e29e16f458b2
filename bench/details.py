"""The printed details below the table: where a load goes, what runs on the main thread, the
bytes of every page, and what was fetched after the first result."""

from __future__ import annotations

from collections import defaultdict

from .common import median
from .intent import intent_lines
from .report import fmt, mb, visits
from .snapshot import snapshot_lines

PHASES = ["worker", "status:runtime", "status:engine", "ready"]


def phases(results, tools) -> list[str]:
    lines = ["Where a tool page's load goes (median ms since navigation; worker = engine.js "
             "creates it, runtime = worker.js runs, engine = loadPyodide done, ready = partways "
             "imported):"]  # fmt: skip
    for profile, modes in (("loopback", ("cold", "warm")), ("cable", ("cold",))):
        for mode in modes:
            for name in tools:
                loads = visits(results, profile, name, mode)
                if not loads:
                    continue
                parts = [f"{n.split(':')[-1]} {fmt(median(v['phases_ms'].get(n) for v in loads))}"
                         for n in PHASES]  # fmt: skip
                dcl, first = (median(v[key] for v in loads) for key in ("dcl_ms", "first_ms"))
                lines.append(f"  {profile} {mode} {name:9} DOMContentLoaded {fmt(dcl)} | "
                             + " | ".join(parts) + f" | result {fmt(first)}")  # fmt: skip
    return lines


def main_thread(results, tools) -> list[str]:
    """Long animation frames before the first result, loopback, cold, every tool's visits."""
    per_source: dict[str, list[float]] = defaultdict(list)
    loads = [v for name in tools for v in visits(results, "loopback", name)]
    for load in loads:
        for source in {*per_source, *load["main_thread_ms"]}:
            per_source[source].append(load["main_thread_ms"].get(source, 0.0))
    ranked = sorted(per_source.items(), key=lambda item: -median(item[1]))
    lines = [f"Main thread before the first result, cold, loopback ({len(loads)} tool visits; "
             "time in long animation frames, median and max per visit):"]  # fmt: skip
    lines += [f"  {median(v):6.0f} ms (max {max(v):4.0f})  {source}" for source, v in ranked[:10]]
    return lines


def traced(results) -> list[str]:
    visits_ = results.get("traced", {})
    if not visits_:
        return []
    sources = {source for v in visits_.values() for source in v["by_source"]}
    spent = {s: median(v["by_source"].get(s, 0) for v in visits_.values()) for s in sources}
    lines = ["Main thread's CPU time before the first result (one traced cold visit per tool, "
             "loopback; median over the tools):"]  # fmt: skip
    lines += [f"  {ms:6.1f} ms  {s}" for s, ms in sorted(spent.items(), key=lambda i: -i[1])
              if ms >= 0.5]  # fmt: skip
    for name, v in visits_.items():
        tasks = v["long_tasks"]
        lines.append(f"  {name:9} {v['cpu_ms']:.0f} ms of CPU in all; {len(tasks)} long tasks, "
                     f"{sum(t['wall_ms'] for t in tasks):.0f} ms long, of which "
                     f"{sum(t['cpu_ms'] for t in tasks):.0f} ms on the CPU (the rest waiting)")
    return lines


def traffic_line(label: str, t: dict) -> str:
    return (f"  {label:34} {t['requests']:3d} requests {mb(t['bytes']):>8} (browser counted "
            f"{mb(t['browser_bytes'])}); runtime {mb(t['runtime_bytes'])}; after the first "
            f"result {mb(t['after_first_result_bytes'])}; and apart, the service worker "
            f"{mb(t['service_worker_bytes'])} in {t['service_worker_requests']} requests"
            + (f"; NOT OK {t['not_ok']}" if t["not_ok"] else ""))  # fmt: skip


def runtime_lines(results, tools) -> list[str]:
    """The runtime's files as the first cold visit to a tool fetched them (bytes as sent)."""
    loads = visits(results, "loopback", tools[0]) if tools else []
    if not loads:
        return []
    files = sorted(loads[0]["traffic"]["runtime_files"].items(), key=lambda item: -item[1])
    return [f"The runtime's files in a cold visit ({tools[0]}, loopback; gzip where the host "
            "gzips; headers included):"] + [f"  {mb(size):>8}  {path}" for path, size in files]


def byte_lines(results, tools) -> list[str]:
    lines = ["Bytes moved (loopback, gzip as GitHub Pages serves; first rep; counted by the "
             "server, headers and body):"]  # fmt: skip
    for name in [*tools, *results["site"]["bares"]]:
        for mode in ("cold", "warm"):
            if loads := visits(results, "loopback", name, mode):
                lines.append(traffic_line(f"{name} ({mode})", loads[0]["traffic"]))
    plain = {path: data for path, data in results["plain_pages"].items() if "traffic" in data}
    if plain:
        sizes = sorted((data["traffic"]["bytes"], path) for path, data in plain.items())
        lines.append(f"  {len(plain)} pages without a tool (cold): {mb(sizes[0][0])} "
                     f"({sizes[0][1]}) to {mb(sizes[-1][0])} ({sizes[-1][1]}); runtime bytes "
                     f"{mb(sum(d['traffic']['runtime_bytes'] for d in plain.values()))}; engine "
                     f"workers {sum(d['workers'] for d in plain.values())}; not ok: "
                     f"{[r for d in plain.values() for r in d['traffic']['not_ok']] or 'none'}")
    failed = {path: d["error"] for path, d in results["plain_pages"].items() if "error" in d}
    if failed:
        lines.append(f"  pages without a tool that failed: {failed}")
    lines += ["", "After the first result (loopback, medians of the cold visits): the page's own "
              "requests, and the service worker's download for offline use, counted apart; with "
              "Save-Data on, neither:"]  # fmt: skip
    for name in tools:
        cold = [v["traffic"] for v in visits(results, "loopback", name)]
        saving = results.get("save_data", {}).get(name, {}).get("traffic", {})
        lines.append(
            f"  {name:9} cold: page {mb(median(t['after_first_result_bytes'] for t in cold))}, "
            f"service worker {mb(median(t['service_worker_bytes'] for t in cold))}, starting "
            f"{fmt(median(t['service_worker_after_first_result_s'] for t in cold), 's', 2)} after "
            f"the result; with Save-Data: page {saving.get('after_first_result_bytes', 'n/a')} "
            f"bytes, service worker {saving.get('service_worker_bytes', 'n/a')} bytes (Save-Data "
            f"header sent: {saving.get('save_data_sent', 'n/a')})")  # fmt: skip
    return lines


def warm_starts(results, tools) -> list[str]:
    started = [v.get("started") for name in tools for v in visits(results, "loopback", name, "warm")]
    return [f"Loopback warm visits above, how the engine started: {started.count('fresh')} afresh, "
            f"{started.count('snapshot')} restored from a snapshot made in time"] if started else []


def engine_lines(engine) -> list[str]:
    node = engine["pyodide_node"]
    return [
        "Pyodide on Node, loading steps (ms): "
        + ", ".join(f"{k} {v:.0f}" for k, v in node["steps_ms"].items()),
        "Pyodide on Node, first call per tool (ms): "
        + ", ".join(f"{k} {v:.0f}" for k, v in node["first_call_ms"].items()),
    ]


def details(results) -> str:
    tools = list(results["site"]["tools"])
    sections = [phases(results, tools), warm_starts(results, tools), main_thread(results, tools),
                traced(results), byte_lines(results, tools), runtime_lines(results, tools)]
    if "engine" in results:
        sections.append(engine_lines(results["engine"]))
    errors = {f"{profile} {name}": data["errors"]
              for profile, pages in results["browser"].items()
              for name, data in pages.items() if data.get("errors")}  # fmt: skip
    if "snapshot" in results:
        sections.append(snapshot_lines(results["snapshot"]))
    if "intent" in results:
        sections.append(intent_lines(results["intent"]))
    for measure in ("snapshot", "intent"):
        if results.get(measure, {}).get("errors"):
            errors[measure] = results[measure]["errors"]
    if errors:
        sections.append([f"Browser measurements that failed: {errors}"])
    return "\n\n".join("\n".join(lines) for lines in sections)
