"""The self-hosted Pyodide dist: every shipped wheel is in the lock file under its own
sha256, and the engine answers a request inside Pyodide (on Node) after
``loadPackage("partways")`` by name.

Runs scripts/pyodide_dist.py into build/pyodide (idempotent: quick when nothing changed;
``npm ci`` first when node_modules lacks the pinned Pyodide), then scripts/pyodide_smoke.mjs.
"""

import hashlib
import json
import shutil
import subprocess

import pytest

from conftest import ROOT
from dist_support import build_dist

pytestmark = pytest.mark.pyodide

DIST = ROOT / "build" / "pyodide"
NODE = shutil.which("node")


def sha256_of(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()



@pytest.fixture(scope="module")
def dist():
    return build_dist("pyodide_dist.py", DIST)


@pytest.fixture(scope="module")
def lock(dist):
    return json.loads((dist / "pyodide-lock.json").read_text())["packages"]


def closure(packages, name):
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(packages[current]["depends"])
    return seen


def test_partways_and_its_dependencies_ship_with_matching_sha256(dist, lock):
    needed = closure(lock, "partways")
    assert {"partways", "holidays", "python-dateutil", "six"} <= needed
    for name in needed:
        wheel = dist / lock[name]["file_name"]
        assert wheel.is_file(), f"{name}: {wheel.name} is named in the lock but not shipped"
        assert sha256_of(wheel) == lock[name]["sha256"], f"{name}: sha256 differs from the lock"


def test_every_shipped_wheel_is_in_the_lock_under_its_hash(dist, lock):
    by_file = {entry["file_name"]: entry for entry in lock.values()}
    wheels = sorted(dist.glob("*.whl"))
    assert wheels
    for wheel in wheels:
        assert wheel.name in by_file, f"{wheel.name} is shipped but not in the lock"
        assert sha256_of(wheel) == by_file[wheel.name]["sha256"]


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_engine_answers_inside_pyodide_on_node(dist):
    run = subprocess.run(
        [NODE, str(ROOT / "scripts" / "pyodide_smoke.mjs"), str(dist)],
        check=False,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr
    answer = json.loads(run.stdout.strip().splitlines()[-1])
    assert answer["ok"] is True
    assert answer["result"]["period_end"] == "2026-12-31"
