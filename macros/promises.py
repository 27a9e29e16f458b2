"""How many tests keep each promise of the "Security and privacy" page, counted by pytest.

``macros/promises.toml`` names the tests behind each promise; pytest collects them (without
running them) and the page prints the counts. Collecting takes a few seconds, so the counts
are kept in ``build/test-counts.json`` with a digest of the test tree and are collected
again only when a test file changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tomllib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROMISES = Path(__file__).with_name("promises.toml")
CACHE = ROOT / "build" / "test-counts.json"
HOSTILE_INPUTS = ROOT / "tests" / "data" / "hostile_inputs.json"


def promises() -> dict[str, list[str]]:
    return {name: entry["tests"] for name, entry in
            tomllib.loads(PROMISES.read_text(encoding="utf-8")).items()}


def _digest() -> str:
    digest = hashlib.sha256(PROMISES.read_bytes())
    for path in sorted((ROOT / "tests").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _collect() -> list[str]:
    """Every test the suite has, as `make test` collects it (all of tests/, in its order)."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    node_ids = [line for line in result.stdout.splitlines() if "::" in line]
    if result.returncode != 0 or not node_ids:
        raise RuntimeError(f"pytest could not collect the tests behind the promises:\n"
                           f"{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return node_ids


def _count(node_ids: list[str], prefixes: list[str]) -> int:
    return sum(1 for node in node_ids if node.startswith(tuple(prefixes)))


@cache
def test_counts() -> dict[str, int]:
    """{promise: number of tests}, from the cache when the tests have not changed."""
    digest = _digest()
    try:
        cached = json.loads(CACHE.read_text(encoding="utf-8"))
        if cached["digest"] == digest:
            return cached["counts"]
    except (OSError, ValueError, KeyError):
        pass
    wanted = promises()
    node_ids = _collect()
    counts = {name: _count(node_ids, paths) for name, paths in wanted.items()}
    for name, count in counts.items():
        if not count:
            raise RuntimeError(f"promises.toml: no test collected for {name!r}")
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    partial = CACHE.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps({"digest": digest, "counts": counts}), encoding="utf-8")
    partial.replace(CACHE)  # two builds at once each write whole files
    return counts


def hostile_payload_count() -> int:
    """The size of the hostile-input corpus every text field is tested with."""
    return len(json.loads(HOSTILE_INPUTS.read_text(encoding="utf-8")))
