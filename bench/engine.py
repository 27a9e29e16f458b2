"""The engine outside the browser: the CLI's time per command, and handle_json calls per second
on CPython and on Pyodide in Node (bench/engine_node.mjs, which also times Pyodide's steps)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from .common import BENCH, ROOT, median, timed_run

LETTER = {
    "client": "Acme Ltd", "contact": "Jane Doe", "sender": "Ola Nowak", "company": "Studio North",
    "contract": "No. 12/2026", "received": "2026-12-01", "days": 14, "jurisdiction": "pl",
    "reason": "specialization", "tone": "neutral", "lang": "en",
}  # fmt: skip
NOTICE = {"received": "2026-12-28", "days": 14, "jurisdiction": "pl", "lang": "pl"}


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "partways", *args]


def bench_cli(reps: int) -> dict:
    letter_args = [arg for key, value in LETTER.items()
                   for arg in (f"--{key.replace('_', '-')}", str(value))]  # fmt: skip
    commands = {
        "python -c pass (baseline)": ([sys.executable, "-c", "pass"], None),
        "python -c 'import partways' (baseline)": ([sys.executable, "-c", "import partways"], None),
        "notice": (_cli("notice", "--received", "2026-12-28", "--days", "14",
                        "--jurisdiction", "pl"), None),  # fmt: skip
        "assess": (_cli("assess", "--input", "-"), json.dumps({"haggling": True})),
        "checklist": (_cli("checklist", "--jurisdiction", "pl", "--done", "records"), None),
        "letter": (_cli("letter", *letter_args), None),
    }
    out = {}
    for name, (cmd, stdin) in commands.items():
        times = [timed_run(cmd, input=stdin, text=True, cwd=BENCH)[0] * 1000 for _ in range(reps)]
        out[name] = {"samples_ms": times, "median_ms": median(times)}
    return out


def calls_per_second(handle_json, texts: list[str], seconds: float = 1.0) -> float:
    calls, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        handle_json(texts[calls % len(texts)])
        calls += 1
    return calls / (time.perf_counter() - start)


def bench_engine_cpython() -> dict:
    from partways import handle_json

    out = {}
    for tool, request in (("notice", NOTICE), ("letter", LETTER)):
        texts = [json.dumps({"tool": tool, "input": {**request, "days": d}}) for d in range(1, 31)]
        assert json.loads(handle_json(texts[0]))["ok"], tool
        out[tool] = calls_per_second(handle_json, texts)
    return out


def bench_engine_node() -> dict:
    cmd = ["node", str(BENCH / "engine_node.mjs"), str(ROOT / "build" / "pyodide"), "1"]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_engine(cli_reps: int) -> tuple[dict, dict]:
    engine = {"cpython": bench_engine_cpython(), "pyodide_node": bench_engine_node()}
    return bench_cli(cli_reps), engine
