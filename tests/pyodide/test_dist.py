"""The self-hosted Pyodide dist: every shipped wheel is in the lock file under its own
sha256 and the names it lets import, ships bytecode, not source, with a RECORD that matches;
the standard library keeps every module npm ships, compiled where the engine uses it; and
the engine answers a request inside Pyodide (on Node) after ``loadPackage("partways")``.

Runs scripts/pyodide_dist.py into build/pyodide (idempotent: quick when nothing changed;
``npm ci`` first when node_modules lacks the pinned Pyodide), then scripts/pyodide_smoke.mjs.
"""

import base64
import csv
import hashlib
import io
import json
import shutil
import subprocess
import zipfile

import pytest

from conftest import ROOT
from dist_support import build_dist

pytestmark = pytest.mark.pyodide

DIST = ROOT / "build" / "pyodide"
NPM_STDLIB = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"
NODE = shutil.which("node")
UNCHECKED_HASH_PYC = (1).to_bytes(4, "little")  # PEP 552 flags, bytes 4-8 of a .pyc


def sha256_of(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def module_names(archive):
    """Module paths of an archive without their suffix: ``email/header`` for .py or .pyc."""
    return {
        name.rsplit(".", 1)[0] for name in archive.namelist() if name.endswith((".py", ".pyc"))
    }



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


def test_shipped_wheels_hold_bytecode_listed_in_their_record(dist, lock):
    for name in closure(lock, "partways"):
        with zipfile.ZipFile(dist / lock[name]["file_name"]) as wheel:
            names = wheel.namelist()
            assert not [n for n in names if n.endswith(".py")], f"{name} ships source"
            modules = [n for n in names if n.endswith(".pyc")]
            assert modules, f"{name} ships no module"
            for module in modules:
                assert wheel.read(module)[4:8] == UNCHECKED_HASH_PYC, module
            (record_name,) = [n for n in names if n.endswith(".dist-info/RECORD")]
            record = {row[0]: row[1:] for row in csv.reader(io.StringIO(wheel.read(record_name).decode()))}
            assert set(record) == set(names)
            for member in names:
                if member == record_name:
                    continue
                data = wheel.read(member)
                digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
                assert record[member] == [f"sha256={digest.decode()}", str(len(data))], member


def test_lock_names_what_each_compiled_wheel_lets_import(lock):
    assert lock["partways"]["imports"] == ["partways"]
    assert lock["holidays"]["imports"] == ["holidays"]
    assert lock["python-dateutil"]["imports"] == ["dateutil"]
    assert lock["six"]["imports"] == ["six"]


def test_stdlib_keeps_every_module_and_compiles_those_the_engine_imports(dist):
    with zipfile.ZipFile(NPM_STDLIB) as npm, zipfile.ZipFile(dist / "python_stdlib.zip") as ours:
        assert module_names(ours) == module_names(npm)
        compiled = {n for n in ours.namelist() if n.endswith(".pyc")}
        # What an answer needs: JSON, dates, the letter's e-mail, the engine's data files.
        for module in ("json/decoder", "datetime", "email/message", "email/headerregistry",
                       "tomllib/_parser", "importlib/resources/_common", "zipfile/__init__"):
            assert f"{module}.pyc" in compiled, module
        # Never imported by the engine: left as source, still importable.
        for module in ("pydoc", "unittest/mock", "http/server"):
            assert f"{module}.pyc" not in compiled, module
