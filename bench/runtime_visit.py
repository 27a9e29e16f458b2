"""What a tool page costs a reader, measured in headless Chromium against the built site
served as GitHub Pages serves it (scripts/serve.py --gzip):

* ``bytes``: a cold visit to each tool page (fresh profile) up to its first live result:
  every response's encoded size as the browser counts it (body and headers), per file;
  and the runtime's files raw and at ``gzip -6`` (what the host sends for compressible
  types), from runtime.json;
* ``snapshot``: the warm first live result of each tool (same profile, files in the HTTP
  cache) restored from the reader's memory snapshot, started afresh without it, and a
  bare ``loadPyodide()`` page on the same runtime, interleaved in one run.

    .venv/bin/python bench/runtime_visit.py [--site site] [--reps 5] [bytes] [snapshot]

Prints a table per measure and writes bench/results/runtime_visit.json. Build the site
first (``make build``). The bench helper folds this into ``make bench``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import json
import socket
import statistics
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import serve  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
VIEWPORT = {"width": 1280, "height": 900}
TOOLS = {
    "assess": "tools/assessment/",
    "checklist": "tools/checklist/",
    "notice": "tools/notice-dates/",
    "letter": "tools/letter/",
}
TIMEOUT_MS = 120_000
SNAPSHOTS, KEPT = "partways-snapshots", "runtime-visit-kept"  # runtime.js's cache; ours

# The first data-result="ok" on a widget, in ms from navigation start.
FIRST_RESULT = """
new MutationObserver((records, observer) => {
  if (records.some((r) => r.target.getAttribute("data-result") === "ok")) {
    window.__firstResult = performance.now();
    window.__firstResultAt = Date.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-result"] });
"""
BARE_PAGE = """<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<title>bare loadPyodide, site runtime</title><body><script type="module">
import { loadPyodide } from "../assets/pyodide/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("../assets/pyodide/", import.meta.url).href });
pyodide.runPython("1 + 1");
window.__firstResult = performance.now();
</script>
"""
ENGINE = "assets/javascripts/partways/engine.js"
SNAPSHOT_STATE = "async (url) => (await import(url)).snapshotState()"
# Moves the snapshot between runtime.js's cache and one of ours, leaving the failed marker
# behind (so no snapshot is made while a visit measures a fresh start).
KEEP = """async ([from, to, runtime]) => {
  const [source, target] = await Promise.all([caches.open(from), caches.open(to)]);
  for (const key of await target.keys()) await target.delete(key);
  for (const key of await source.keys()) {
    await target.put(key, await source.match(key));
    await source.delete(key);
  }
  const build = (await (await fetch(runtime + "runtime.json")).json()).build;
  if (from === "partways-snapshots") await source.put(runtime + `snapshot/${build}.failed`, new Response(""));
}"""


def log(message: str) -> None:
    print(f"[runtime_visit] {message}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def serving(site: Path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = type("Handler", (serve.SiteHandler,), {"gzip": True, "log_message": lambda *_: None})
    httpd = serve.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=site))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def first_result(page, url: str) -> float:
    page.goto(url)
    for _ in range(TIMEOUT_MS // 50):  # polled: the pages' CSP refuses wait_for_function's eval
        if (value := page.evaluate("() => window.__firstResult")) is not None:
            return value
        page.wait_for_timeout(50)
    raise TimeoutError(f"no live result on {url}")


# --- bytes -------------------------------------------------------------------------------------


def runtime_files(site: Path) -> dict:
    folder = site / "assets" / "pyodide"
    manifest = json.loads((folder / "runtime.json").read_text())
    files = {}
    for name in [*manifest["visit"], *manifest["on_demand"]]:
        data = (folder / name).read_bytes()
        sent = len(gzip.compress(data, 6)) if serve.compresses(serve.SiteHandler.extensions_map.get(
            Path(name).suffix, "application/octet-stream")) else len(data)
        files[name] = {"raw": len(data), "gzip6": len(gzip.compress(data, 6)), "sent": sent,
                       "on_demand": name in manifest["on_demand"]}
    return files


def cold_visit(browser, base_url: str, path: str) -> dict:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.add_init_script(FIRST_RESULT)
    first = first_result(page, base_url + path)
    # Only what the visit fetched up to its first result, not the snapshot made after it.
    result_at = page.evaluate("window.__firstResultAt")
    by_url = {}
    for request in finished:
        if request.timing["startTime"] > result_at:
            continue
        sizes = request.sizes()
        url = request.url.removeprefix(base_url)
        by_url[url] = by_url.get(url, 0) + sizes["responseBodySize"] + sizes["responseHeadersSize"]
    context.close()
    return {"first_result_ms": round(first), "bytes": sum(by_url.values()), "files": by_url}


def measure_bytes(browser, base_url: str, site: Path) -> dict:
    return {
        "runtime_files": runtime_files(site),
        "cold_visits": {tool: cold_visit(browser, base_url, path) for tool, path in TOOLS.items()},
    }


def print_bytes(result: dict) -> None:
    print("\nruntime files (bytes): raw / gzip -6 / what the host sends")
    for name, row in result["runtime_files"].items():
        note = "  (only when an import needs it)" if row["on_demand"] else ""
        print(f"  {name:58} {row['raw']:>10,} {row['gzip6']:>10,} {row['sent']:>10,}{note}")
    print("\ncold tool visit, bytes as the browser counts them (encoded, headers included)")
    for tool, visit in result["cold_visits"].items():
        print(f"  {tool:10} {visit['bytes']:>10,} B  in {len(visit['files'])} responses")


# --- snapshot ----------------------------------------------------------------------------------


def measure_snapshot(browser, base_url: str, site: Path, reps: int) -> dict:
    probe_dir = site / "runtime-visit"
    probe_dir.mkdir(exist_ok=True)
    (probe_dir / "bare.html").write_text(BARE_PAGE)
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(FIRST_RESULT)
    runtime = base_url + "assets/pyodide/"

    def visit(url: str) -> float:
        page = context.new_page()
        try:
            return first_result(page, url)
        finally:
            page.close()

    # A cold visit fills the HTTP cache and makes the snapshot, which we keep aside.
    page = context.new_page()
    first_result(page, base_url + TOOLS["notice"])
    while page.evaluate(SNAPSHOT_STATE, base_url + ENGINE) in ("waiting", "making"):
        page.wait_for_timeout(200)
    assert page.evaluate(SNAPSHOT_STATE, base_url + ENGINE) == "saved"
    page.evaluate(KEEP, [SNAPSHOTS, KEPT, runtime])
    samples = {"bare": []} | {f"{tool}, {mode}": [] for tool in TOOLS for mode in ("snapshot", "fresh")}
    for rep in range(reps):
        log(f"rep {rep + 1}/{reps}")
        samples["bare"].append(visit(base_url + "runtime-visit/bare.html"))
        for tool, path in TOOLS.items():
            samples[f"{tool}, fresh"].append(visit(base_url + path))  # the failed marker holds
            page.evaluate(KEEP, [KEPT, SNAPSHOTS, runtime])
            samples[f"{tool}, snapshot"].append(visit(base_url + path))
            page.evaluate(KEEP, [SNAPSHOTS, KEPT, runtime])
    page.close()
    context.close()
    medians = {name: statistics.median(values) for name, values in samples.items()}
    return {
        "reps": reps,
        "samples_ms": {name: [round(v) for v in values] for name, values in samples.items()},
        "median_ms": {name: round(value) for name, value in medians.items()},
        "ratio_to_bare": {name: round(value / medians["bare"], 2) for name, value in medians.items()},
    }


def print_snapshot(result: dict) -> None:
    print(f"\nwarm first live result, median of {result['reps']} (ms) and its ratio to the bare page")
    for name, value in result["median_ms"].items():
        print(f"  {name:22} {value:>7,} ms  {result['ratio_to_bare'][name]:>5}x  "
              f"{result['samples_ms'][name]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("measures", nargs="*", choices=["bytes", "snapshot", []], default=[])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "runtime_visit.json")
    args = parser.parse_args()
    args.measures = args.measures or ["bytes", "snapshot"]
    from playwright.sync_api import sync_playwright

    results = {}
    with serving(args.site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        if "bytes" in args.measures:
            results["bytes"] = measure_bytes(browser, base_url, args.site)
            print_bytes(results["bytes"])
        if "snapshot" in args.measures:
            results["snapshot"] = measure_snapshot(browser, base_url, args.site, args.reps)
            print_snapshot(results["snapshot"])
        browser.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
