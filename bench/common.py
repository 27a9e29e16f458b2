"""What every part of the bench shares: paths, the browser's flags, the targets, small helpers."""

from __future__ import annotations

import os
import resource
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
VIEWPORT = {"width": 1280, "height": 900}  # wide enough for Material's sidebar nav
LOAD_TIMEOUT_MS = 180_000  # a cold visit on the "mobile" profile takes about a minute

# The targets; each is printed PASS/MISS beside its baseline from the same run.
TARGETS = {
    "first_result_ratio": 1.15,  # tool page / bare npm page, cold and warm, loopback
    "cable_first_result_ratio": 0.8,  # tool page / bare npm page, cold, "cable" profile
    "snapshot_ratio": 0.6,  # warm, restored from the snapshot / warm bare page, site runtime
    "cold_visit_bytes": 5.5e6,  # bytes moved by a cold tool visit
    "tbt_ms": 50,  # total blocking time before the first result, in every run
    "click_ms": 30,  # input or click to the updated result
    "return_ms": 150,  # instant-navigation return to a live tool
    "build_ratio": 1.3,  # mkdocs build / plain Material build of the same pages
}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def present(values) -> list:
    return [v for v in values if v is not None]


def median(values):
    values = present(values)
    return statistics.median(values) if values else None


def minimum(values):
    values = present(values)
    return min(values) if values else None


def maximum(values):
    values = present(values)
    return max(values) if values else None


def ratio(value, baseline):
    return value / baseline if value is not None and baseline else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed_run(cmd, **kwargs) -> tuple[float, float]:
    """Wall time and CPU time (user + sys) of a command, in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, **kwargs)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def load_average() -> float:
    return round(os.getloadavg()[0], 2)
