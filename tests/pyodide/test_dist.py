"""The self-hosted Pyodide dist: every shipped wheel is in the lock file under its own
sha256 and the names it lets import, ships bytecode, not source, with a RECORD that matches;
the lock file names nothing else; the wheels the engine uses only in part are trimmed to
that part; the standard library keeps every module npm ships, split in two archives (the
first, compiled, with what the engine uses; the rest fetched only when an import needs
it); runtime.json lists what a tool page fetches under a build id of all of it; and the
engine answers inside Pyodide (on Node) after ``loadPackage("partways")``, where a module of
the second archive still imports.

Runs scripts/pyodide_dist.py into build/pyodide (idempotent: quick when nothing changed;
``npm ci`` first when node_modules lacks the pinned Pyodide), then scripts/pyodide_smoke.mjs
and scripts/pyodide_run.mjs.
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
NPM_LOCK = ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"
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


def test_lock_lists_only_the_packages_the_site_ships(dist, lock):
    npm = json.loads(NPM_LOCK.read_text())
    assert len(npm["packages"]) > 100  # npm's lists all of Pyodide's packages, files not shipped
    assert set(lock) == closure(lock, "partways") == {"partways", "holidays", "python-dateutil", "six"}
    assert json.loads((dist / "pyodide-lock.json").read_text())["info"] == npm["info"]


def wheel_names(dist, lock, package):
    with zipfile.ZipFile(dist / lock[package]["file_name"]) as wheel:
        return set(wheel.namelist())


def test_wheels_used_in_part_are_trimmed_to_it_and_say_so(dist, lock):
    dateutil = wheel_names(dist, lock, "python-dateutil")
    # holidays asks dateutil for its parser and Easter; six for the parser's time zones.
    assert {"dateutil/easter.pyc", "dateutil/parser/_parser.pyc", "dateutil/tz/tz.pyc"} <= dateutil
    assert not {"dateutil/rrule.pyc", "dateutil/zoneinfo/dateutil-zoneinfo.tar.gz"} & dateutil
    assert lock["python-dateutil"]["version"] == "2.9.0.post0+partways"
    holidays = wheel_names(dist, lock, "holidays")
    assert {"holidays/countries/poland.pyc", "holidays/countries/russia.pyc",
            "holidays/groups/christian.pyc", "holidays/calendars/julian.pyc"} <= holidays
    assert not [n for n in holidays if n.startswith(("holidays/financial/", "holidays/calendars/islamic"))]
    assert lock["holidays"]["version"] == "0.109+partways"
    partways = wheel_names(dist, lock, "partways")  # ours: whole, the CLI included
    assert {"partways/cli.pyc", "partways/data/letters_pl.toml"} <= partways


def test_wheel_metadata_ships_without_the_long_description(dist, lock):
    for name in closure(lock, "partways"):
        with zipfile.ZipFile(dist / lock[name]["file_name"]) as wheel:
            (metadata,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
            text = wheel.read(metadata).decode()
        assert f"\nVersion: {lock[name]['version']}\n" in text, name
        assert "\n\n" not in text.strip(), f"{name}: METADATA still has a body"


def stdlib_archives(dist):
    with (
        zipfile.ZipFile(NPM_STDLIB) as npm,
        zipfile.ZipFile(dist / "python_stdlib.zip") as first,
        zipfile.ZipFile(dist / "python_stdlib_rest.zip") as rest,
    ):
        return npm.namelist(), first.namelist(), rest.namelist()


def test_stdlib_split_keeps_every_module_once(dist):
    npm, first, rest = stdlib_archives(dist)
    ours = module_names(zipfile.ZipFile(dist / "python_stdlib.zip"))
    assert ours - module_names(zipfile.ZipFile(dist / "python_stdlib_rest.zip")) == ours
    assert ours | module_names(zipfile.ZipFile(dist / "python_stdlib_rest.zip")) == module_names(
        zipfile.ZipFile(NPM_STDLIB)) | {"_partways_stdlib"}
    assert len(first) < len(rest)


def test_first_stdlib_archive_is_what_the_engine_uses_compiled(dist):
    _, first, rest = stdlib_archives(dist)
    assert not [n for n in first if n.endswith(".py")], "the first archive ships source"
    # What an answer needs: JSON, dates, the letter's e-mail, the engine's data files.
    for module in ("json/decoder", "datetime", "email/message", "email/headerregistry",
                   "tomllib/_parser", "importlib/resources/_common", "zipfile/__init__",
                   "_partways_stdlib"):
        assert f"{module}.pyc" in first, module
    # Never imported by the engine: in the second archive, as source.
    for module in ("pydoc", "unittest/mock", "http/server", "xml/dom/minidom", "email/mime/text"):
        assert f"{module}.py" in rest, module
        assert f"{module}.pyc" not in first, module


def test_manifest_lists_what_a_tool_page_fetches_under_a_build_id(dist, lock):
    manifest = json.loads((dist / "runtime.json").read_text())
    wheels = sorted(lock[name]["file_name"] for name in lock)
    assert sorted(manifest["visit"]) == sorted([
        "pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
        "pyodide-lock.json", "runtime.json", *wheels])  # fmt: skip
    assert manifest["on_demand"] == ["python_stdlib_rest.zip"]
    hashed = [name for name in manifest["visit"] if name != "runtime.json"] + manifest["on_demand"]
    digest = hashlib.sha256()
    for name in hashed:
        assert manifest["bytes"][name] == (dist / name).stat().st_size, name
        digest.update(f"{name} {sha256_of(dist / name)}\n".encode())
    assert manifest["build"] == digest.hexdigest()
    assert {path.name for path in dist.iterdir()} == {*manifest["visit"], *manifest["on_demand"]}


def run_python(dist, code):
    run = subprocess.run(
        [NODE, str(ROOT / "scripts" / "pyodide_run.mjs"), str(dist), code],
        check=False, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_a_module_of_the_second_archive_still_imports(dist):
    result = run_python(dist, """
import json, sys
from partways import handle_json
answer = json.loads(handle_json(json.dumps({"tool": "checklist", "input": {"lang": "pl"}})))
before = sorted(m for m in sys.modules if m.startswith(("xml", "email.mime", "statistics")))
import xml.dom.minidom, email.mime.text, statistics
try:
    import no_such_module
    missing = "imported"
except ModuleNotFoundError as error:
    missing = error.name
{
    "answered": answer["ok"],
    "before": before,
    "origins": [m.__spec__.origin for m in (xml.dom.minidom, email.mime.text, statistics)],
    "email_from": sys.modules["email"].__spec__.origin,
    "parsed": xml.dom.minidom.parseString("<a><b>x</b></a>").documentElement.firstChild.tagName,
    "mime": email.mime.text.MIMEText("hi", "plain", "utf-8")["Content-Type"],
    "mean": statistics.mean([1, 2, 3]),
    "missing": missing,
    "stdlib_doc": json.__doc__,
    "engine_doc": bool(sys.modules["partways"].__doc__),
}
""")
    assert result["answered"] is True
    assert result["before"] == []  # the engine's answer needed none of them
    rest = str(DIST / "python_stdlib_rest.zip")
    assert [origin.startswith(rest + "/") for origin in result["origins"]] == [True] * 3, result
    assert result["email_from"] == "/lib/python314.zip/email/__init__.pyc"
    assert result["parsed"] == "b"
    assert result["mime"] == 'text/plain; charset="utf-8"'
    assert result["mean"] == 2
    assert result["missing"] == "no_such_module"
    # The first archive's standard library ships without docstrings, as -OO leaves it; our
    # engine keeps its own.
    assert result["stdlib_doc"] is None
    assert result["engine_doc"] is True
