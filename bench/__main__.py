"""`make bench` (python -m bench): the build, then the built site served as GitHub Pages serves
it and measured in headless Chromium under each network profile, then the CLI and the engine.
Writes every sample to bench/results/latest.json and prints a table with PASS/MISS against the
issue's targets; it never fails on a miss: it is a measurement, not a test."""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from .builds import bench_builds
from .common import BIN, RESULTS, ROOT, TARGETS, free_port, load_average, log, median
from .details import details
from .engine import bench_engine
from .intent import run_intent
from .network import PROFILES, ServerLog
from .rows import targets_table
from .runs import run_plain_pages, run_profile, run_save_data
from .site import read_site, write_bench_pages
from .snapshot import run_snapshot
from .trace import traced_visit


def arguments():
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3, help="loopback visits and builds (3)")
    parser.add_argument("--network-reps", type=int, default=2, help="visits under 'cable' (2)")
    parser.add_argument("--mobile-reps", type=int, default=1, help="visits under 'mobile' (1)")
    parser.add_argument("--profiles", default=",".join(PROFILES), help="network profiles to run")
    parser.add_argument("--snapshot-reps", type=int, default=5,
                        help="warm visits restored from the snapshot, and afresh, per tool (5)")
    parser.add_argument("--intent-reps", type=int, default=2,
                        help="visits after intent, and cold clicks, under 'cable' (2)")
    parser.add_argument("--cli-reps", type=int, default=5)
    parser.add_argument("--no-build", action="store_true", help="build once, untimed")
    parser.add_argument("--no-snapshot", action="store_true", help="skip the snapshot's visits")
    parser.add_argument("--no-intent", action="store_true", help="skip the visits after intent")
    parser.add_argument("--no-engine", action="store_true", help="skip the CLI and engine")
    return parser.parse_args()


def build_once(work: Path, site_url: str) -> Path:
    site = work / "site"
    cmd = [str(BIN / "mkdocs"), "build", "--strict", "-q", "--site-dir", str(site)]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True,
                   env={**os.environ, "PARTWAYS_SITE_URL": site_url})  # fmt: skip
    return site


def byte_summary(results) -> dict:
    """The bytes the issue asks to keep, in one place (medians of the loopback cold visits)."""
    loopback = results["browser"].get("loopback", {})
    cold = {name: loopback.get(name, {}).get("cold", []) for name in results["site"]["tools"]}
    return {
        "cold_tool_visit": {n: median(v["traffic"]["bytes"] for v in c) for n, c in cold.items()},
        "page_without_tool": {p: d["traffic"]["bytes"] for p, d in results["plain_pages"].items()
                              if "traffic" in d},  # fmt: skip
        # The page's own, after its first result (e.g. the snapshot worker's script).
        "after_first_result": {n: median(v["traffic"]["after_first_result_bytes"] for v in c)
                               for n, c in cold.items()},  # fmt: skip
        # The service worker's download for offline use, counted apart from the visit.
        "service_worker": {n: median(v["traffic"]["service_worker_bytes"] for v in c)
                           for n, c in cold.items()},  # fmt: skip
        "service_worker_with_save_data": {
            n: d.get("traffic", {}).get("service_worker_bytes")
            for n, d in results["save_data"].items()
        },
        "after_first_result_with_save_data": {
            n: d.get("traffic", {}).get("after_first_result_bytes")
            for n, d in results["save_data"].items()
        },
    }


def measure(args, results: dict, work: Path) -> None:
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/"
    if args.no_build:
        log("build (once, untimed)")
        site_dir = build_once(work, base_url)
    else:
        log("builds: full site vs plain Material")
        results["build"], site_dir = bench_builds(work, base_url, args.reps)
    site = read_site(site_dir)
    write_bench_pages(site)
    results["site"] = {"tools": site.tools, "plain_pages": site.plain_pages,
                       "runtime": site.runtime, "bares": site.bares}  # fmt: skip
    server_log = ServerLog(work / "server.jsonl")
    cmd = [sys.executable, "-m", "bench.server", "--directory", str(site_dir),
           "--port", str(port), "--log", str(server_log.path)]  # fmt: skip
    server = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        server.stdout.readline()  # "bench server on ...": the site is compressed and served
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            reps = {"loopback": args.reps, "cable": args.network_reps, "mobile": args.mobile_reps}
            for name in args.profiles.split(","):
                profile = PROFILES[name]
                pages = site if name == "loopback" else site.narrowed_to_baseline()
                log(f"browser, {name}: {reps[name]} reps on {base_url}")
                results["load_average"][name] = load_average()
                results["browser"][name] = run_profile(pw, pages, base_url, work, server_log,
                                                       profile, reps[name])  # fmt: skip
            log("browser: pages without a tool, tool pages with Save-Data, traced tool pages")
            loopback = PROFILES["loopback"]
            results["traced"] = {name: traced_visit(pw, loopback, base_url + path, port)
                                 for name, path in site.tools.items()}  # fmt: skip
            results["plain_pages"] = run_plain_pages(pw, site, base_url, work, server_log, loopback)
            results["save_data"] = run_save_data(pw, site, base_url, work, server_log, loopback)
            if not args.no_snapshot:
                log(f"browser: warm visits restored from the snapshot, {args.snapshot_reps} reps")
                results["load_average"]["snapshot"] = load_average()
                results["snapshot"] = run_snapshot(pw, site, base_url, work, server_log,
                                                   loopback, args.snapshot_reps)  # fmt: skip
            if not args.no_intent:
                log(f"browser: first result after intent, cable, {args.intent_reps} reps")
                results["load_average"]["intent"] = load_average()
                results["intent"] = run_intent(pw, site, base_url, work, server_log,
                                               PROFILES["cable"], args.intent_reps)  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=10)
    results["bytes"] = byte_summary(results)
    if not args.no_engine:
        log("CLI and engine")
        results["cli"], results["engine"] = bench_engine(args.cli_reps)


def main() -> None:
    args = arguments()
    if not (ROOT / "build" / "pyodide" / "pyodide-lock.json").is_file():
        sys.exit("bench: no build/pyodide (run `make pyodide`)")
    started = time.perf_counter()
    results: dict = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "machine": platform.platform(),
        "cpus": os.cpu_count(), "args": vars(args), "targets": TARGETS,
        "profiles": {name: asdict(p) for name, p in PROFILES.items()},
        "load_average": {"start": load_average()}, "browser": {},
    }  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="partways-bench-") as work:
        measure(args, results, Path(work))
    results["total_s"] = time.perf_counter() - started
    results["load_average"]["end"] = load_average()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2, default=str), "utf-8")
    print(targets_table(results) + "\n\n" + details(results))
    load = results["load_average"]
    print(f"\nTotal {results['total_s']:.0f} s on {results['cpus']} CPUs; load average at start "
          f"{load['start']}, at end {load['end']} (other work on the machine skews the browser "
          "figures); every sample in bench/results/latest.json")


if __name__ == "__main__":
    main()
