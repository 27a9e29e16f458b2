"""The printed details below the table: where a load goes, what runs on the main thread, the
bytes of every page, and what was fetched after the first result."""

from __future__ import annotations

from collections import defaultdict

from .common import median
from .report import fmt, mb, visits

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
            f"result {mb(t['after_first_result_bytes'])}; from a service worker "
            f"{mb(t['service_worker_bytes'])}" + (f"; NOT OK {t['not_ok']}" if t["not_ok"] else ""))


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
    lines += ["", "Fetched after the first result (a service worker's download for offline use "
              "belongs here, and nothing with Save-Data on):"]  # fmt: skip
    for name in tools:
        normal = [v["traffic"]["after_first_result_bytes"]
                  for v in visits(results, "loopback", name)]  # fmt: skip
        saving = results.get("save_data", {}).get(name, {}).get("traffic", {})
        lines.append(f"  {name:9} cold: {mb(median(normal))}; with Save-Data: "
                     f"{mb(saving.get('after_first_result_bytes'))} (Save-Data header sent: "
                     f"{saving.get('save_data_sent', 'n/a')})")  # fmt: skip
    return lines


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
    sections = [phases(results, tools), main_thread(results, tools), traced(results),
                byte_lines(results, tools)]
    if "engine" in results:
        sections.append(engine_lines(results["engine"]))
    errors = {f"{profile} {name}": data["errors"]
              for profile, pages in results["browser"].items()
              for name, data in pages.items() if data.get("errors")}  # fmt: skip
    if errors:
        sections.append([f"Browser measurements that failed: {errors}"])
    return "\n\n".join("\n".join(lines) for lines in sections)
