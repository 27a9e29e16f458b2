"""Build a Pyodide dist for the tests: the pinned npm runtime first, then a dist script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def npm_pyodide_is_pinned() -> bool:
    manifest = ROOT / "node_modules" / "pyodide" / "package.json"
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    return manifest.is_file() and json.loads(manifest.read_text())["version"] == pinned


def build_dist(script: str, out: Path) -> Path:
    """Run ``scripts/<script> --out <out>`` after `npm ci` when the runtime is missing."""
    if not npm_pyodide_is_pinned():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed")
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=ROOT, check=True
        )
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), "--out", str(out)], cwd=ROOT, check=True
    )
    return out
