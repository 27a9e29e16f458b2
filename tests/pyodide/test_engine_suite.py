"""The engine's own test suite (tests/engine) passes inside Pyodide on Node, offline.

Builds the test dist with scripts/pyodide_test_dist.py (build/pyodide plus the wheels of
pytest, hypothesis, babel and markdown, registered in a copy of its lock file; the shipped
build/pyodide stays as it is), then runs pytest itself inside Pyodide with
scripts/pyodide_pytest.mjs. Tests that start a subprocess (the CLI and the wheel build)
skip there; everything else must pass, and most of the suite must actually run.
"""

import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from dist_support import build_dist

pytestmark = pytest.mark.pyodide

TEST_DIST = ROOT / "build" / "pyodide-test"
SELECTION = ["tests/engine"]
NODE = shutil.which("node")



@pytest.fixture(scope="module")
def test_dist():
    if NODE is None:
        pytest.skip("node is not installed")
    return build_dist("pyodide_test_dist.py", TEST_DIST)


def cpython_test_count():
    """How many tests CPython collects for the same selection."""
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         *SELECTION],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )  # fmt: skip
    return int(re.search(r"^(\d+) tests? collected", run.stdout, re.MULTILINE).group(1))


def test_engine_suite_passes_inside_pyodide(test_dist):
    run = subprocess.run(
        [NODE, str(ROOT / "scripts" / "pyodide_pytest.mjs"), str(test_dist), "--", *SELECTION,
         "-q"],
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip
    output = run.stdout[-6000:] + run.stderr[-3000:]
    lines = [line for line in run.stdout.splitlines() if line.startswith("pyodide_pytest: ")]
    assert lines, f"no summary line from pyodide_pytest.mjs:\n{output}"
    summary = json.loads(lines[-1].removeprefix("pyodide_pytest: "))

    # It really ran in Pyodide, against the wheel from the dist's lock file.
    assert summary["platform"] == "emscripten", summary
    assert summary["partways"].endswith("site-packages/partways"), summary
    assert run.returncode == 0 and summary["exit_code"] == 0, output
    assert summary["failed"] == 0 and summary["error"] == 0, output

    expected = cpython_test_count()
    assert summary["passed"] + summary["skipped"] == expected, (summary, expected)
    assert summary["passed"] >= 0.8 * expected, (summary, expected)
