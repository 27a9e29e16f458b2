"""Assemble the self-hosted Pyodide runtime the site ships, from registries only.

    .venv/bin/python scripts/pyodide_dist.py --out build/pyodide

1. copies the core runtime from ``node_modules/pyodide`` (npm ``pyodide``, pinned in
   package.json / package-lock.json; run ``npm ci`` first);
2. builds the ``partways`` wheel from this repository and fetches the pinned pure-Python
   wheels it needs at run time from PyPI (hashes checked by pip);
3. trims the ``holidays`` wheel to the countries the engine asks for (its package imports
   all of its 250 countries on first use, about a second in Pyodide, and ships 1.7 MB):
   the trimmed wheel keeps every module but the other countries' and their translations,
   and says so in its version, ``0.109+partways``;
4. compiles the wheels and the standard library's modules in use to bytecode, inside
   Pyodide itself (scripts/pyodide_compile.py: npm and PyPI ship source, which every
   reader's browser would otherwise compile on each visit);
5. registers those wheels in the out dir's ``pyodide-lock.json`` with
   ``pyodide lockfile add-wheels`` (from ``pyodide-lock[cli,wheel]``), file names relative to
   the lock file, so a page can ``loadPackage("partways")`` by name with sha256 checked.

Source wheels wait in ``build/pyodide-source``; only compiled ones are served. Idempotent:
unchanged runtime files are not copied again, the wheel is rebuilt only when the package's
sources change, wheels already present with the pinned hash are not fetched, nothing is
compiled again while its inputs are unchanged, and the lock file is rewritten only when its
content changes.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from pyodide_compile import TRIMMED_LABEL, relabeled, rewrite_archive

ROOT = Path(__file__).resolve().parent.parent
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
PACKAGE_SOURCES = [ROOT / "pyproject.toml", ROOT / "tools" / "partways"]
PYODIDE_VERSION = "314.0.7"

# What ``loadPyodide`` fetches: the module itself, the Emscripten module it imports, the
# WebAssembly binary and the standard library, plus pyodide-lock.json, which write_lock()
# derives from npm's copy. Not shipped: pyodide.js (the classic-script build), *.map (only
# dev tools read them), *.d.ts, console*.html.
CORE_FILES = [
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
]
STDLIB = "python_stdlib.zip"  # shipped compiled, by compile_for_pyodide()

# Run-time dependencies of partways, as pure-Python wheels from PyPI (py3-none-any).
# holidays 0.109 asks python-dateutil >=2.9.0.post0,<3, which asks six. These replace the
# entries the npm lock file already has for python-dateutil and six (whose files the npm
# package does not ship). Bump a version together with its wheel's sha256 from PyPI.
PINNED_WHEELS = {
    "holidays-0.109-py3-none-any.whl": (
        "holidays==0.109",
        "7d39c910167116d41fa6aae18d5e72b4541700cdd37743d799c83db3419201b0",
    ),
    "python_dateutil-2.9.0.post0-py2.py3-none-any.whl": (
        "python-dateutil==2.9.0.post0",
        "a8b2bc7bffae282281c8140a97d3aa9c14da0b136dfe83f850eea9a5f7470427",
    ),
    "six-1.17.0-py2.py3-none-any.whl": (
        "six==1.17.0",
        "4721f391ed90541fddacab5acf947aa0d3dc7d27b2e1e8eda2be8970586c3274",
    ),
}

# Wheels for Pyodide's interpreter, whatever Python runs this script.
PIP_PYODIDE_TARGET = ["--python-version", "3.14", "--implementation", "py", "--abi", "none"]
PIP_PYODIDE_TARGET += ["--platform", "any", "--only-binary=:all:"]

# Beside the out dir, not in it, so nothing but the runtime and wheels gets served.
STAMP_SUFFIX = ".partways-wheel.stamp"
HOLIDAYS_STAMP_SUFFIX = ".holidays-wheel.stamp"
COMPILED_STAMP_SUFFIX = ".compiled.stamp"
PYPI_CACHE = ROOT / "build" / "pypi-wheels"
# holidays imports every calendar and group of holidays on import; the engine's countries
# need few of them (the Islamic and Hindu calendars' tables alone are 45 kB compiled).
LAZY_HOLIDAYS_PACKAGES = ("holidays/calendars/__init__.py", "holidays/groups/__init__.py")
LAZY_PACKAGE = '''"""Trimmed by Parting Ways: each name is imported from its module when first used."""

import importlib

_MODULES = {modules}


def __getattr__(name):
    if name not in _MODULES:
        raise AttributeError(f"module {{__name__!r}} has no attribute {{name!r}}")
    value = globals()[name] = getattr(importlib.import_module(_MODULES[name]), name)
    return value


def __dir__():
    return sorted({{*globals(), *_MODULES}})
'''
COMPILE_RUNNER = ROOT / "scripts" / "pyodide_compile.mjs"  # runs pyodide_compile.py in Pyodide
COMPILE_SCRIPT = ROOT / "scripts" / "pyodide_compile.py"
STDLIB_FINDER = ROOT / "scripts" / "partways_stdlib.py"  # shipped in the first archive
STDLIB_REST = "python_stdlib_rest.zip"  # the rest of the standard library, fetched on demand
# Wheels trimmed to the modules the engine's answers import (scripts/pyodide_compile.py):
# of python-dateutil, holidays needs the parser and Easter, not rrule or its 150 kB time
# zone tarball; of holidays, the engine never asks for the financial markets' calendars.
TRIMMED_BY_TRACE = ("holidays", "python_dateutil")
# What a page with a tool fetches, besides the wheels; runtime.json lists it for the site's
# service worker and the bench, with the build id that keys a reader's memory snapshot.
MANIFEST = "runtime.json"


def log(message: str) -> None:
    print(f"pyodide_dist: {message}", flush=True)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def check_npm_pyodide() -> None:
    """Fail clearly when ``npm ci`` has not run or installed another version."""
    manifest = NPM_PYODIDE / "package.json"
    if not manifest.is_file():
        sys.exit("pyodide_dist: node_modules/pyodide is missing: run `npm ci` first")
    version = json.loads(manifest.read_text())["version"]
    if version != PYODIDE_VERSION:
        sys.exit(f"pyodide_dist: node_modules has pyodide {version}, want {PYODIDE_VERSION}")


def copy_if_changed(src: Path, dst: Path) -> bool:
    """Copy ``src`` to ``dst`` unless ``dst`` already has the same size and mtime."""
    if dst.is_file():
        s, d = src.stat(), dst.stat()
        if s.st_size == d.st_size and s.st_mtime_ns == d.st_mtime_ns:
            return False
    shutil.copy2(src, dst)
    return True


def copy_core(out: Path) -> None:
    copied = [name for name in CORE_FILES if copy_if_changed(NPM_PYODIDE / name, out / name)]
    log(f"core runtime: copied {', '.join(copied)}" if copied else "core runtime: up to date")


def sources_fingerprint() -> str:
    """A hash over the files that go into the partways wheel."""
    digest = hashlib.sha256()
    for root in PACKAGE_SOURCES:
        files = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def build_partways_wheel(out: Path) -> Path:
    """Build the partways wheel into ``out`` unless its sources are unchanged."""
    fingerprint = sources_fingerprint()
    stamp = out.with_name(out.name + STAMP_SUFFIX)
    existing = sorted(out.glob("partways-*.whl"))
    if len(existing) == 1 and stamp.is_file() and stamp.read_text().strip() == fingerprint:
        log(f"wheel: {existing[0].name} up to date")
        return existing[0]
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--outdir", tmp, str(ROOT)],
            check=False,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            sys.exit(f"pyodide_dist: building the wheel failed:\n{result.stdout}{result.stderr}")
        (built,) = Path(tmp).glob("partways-*.whl")
        for old in existing:
            old.unlink()
        wheel = Path(shutil.move(built, out / built.name))
    stamp.write_text(fingerprint + "\n")
    log(f"wheel: built {wheel.name}")
    return wheel


def fetch_pinned_wheels(
    out: Path, pinned: dict[str, tuple[str, str]] = PINNED_WHEELS
) -> list[Path]:
    """Download the pinned wheels that are missing or do not match their hash.

    ``pinned`` maps a wheel's file name to its requirement and sha256 (default: the site's
    run-time dependencies; scripts/pyodide_test_dist.py passes the test tools' wheels).
    """
    missing = [
        name
        for name, (_, sha) in pinned.items()
        if not (out / name).is_file() or sha256_of(out / name) != sha
    ]
    if missing:
        with tempfile.TemporaryDirectory() as tmp:
            requirements = Path(tmp) / "requirements.txt"
            lines = [f"{pinned[n][0]} --hash=sha256:{pinned[n][1]}" for n in missing]
            requirements.write_text("\n".join(lines) + "\n")
            pip = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-q"]
            pip += ["--no-deps", "--require-hashes", *PIP_PYODIDE_TARGET]
            subprocess.run([*pip, "--dest", str(out), "-r", str(requirements)], check=True)
        log(f"dependencies: fetched {', '.join(missing)}")
    else:
        log("dependencies: up to date")
    return [out / name for name in pinned]


def holiday_countries() -> dict[str, str]:
    """{module name in holidays.countries: country code} of the countries the engine uses."""
    from holidays.registry import COUNTRIES

    from partways._notice import _COUNTRIES as ENGINE_COUNTRIES

    wanted = set(ENGINE_COUNTRIES.values())
    return {module: codes[1] for module, codes in COUNTRIES.items() if codes[1] in wanted}


def trim_holidays(source: Path, out: Path, countries: dict[str, str]) -> Path:
    """A copy of the holidays wheel with only ``countries`` (module -> code) and their
    translations, under the local version ``<version>+partways``; rebuilt only when the
    source wheel, the countries or this script change."""
    from packaging.utils import parse_wheel_filename

    name, version, _, _ = parse_wheel_filename(source.name)
    trimmed_version = f"{version}+{TRIMMED_LABEL}"
    target = out / source.name.replace(f"-{version}-", f"-{trimmed_version}-")
    stamp = out.with_name(out.name + HOLIDAYS_STAMP_SUFFIX)
    fingerprint = f"{sha256_of(source)} {sorted(countries)} {sha256_of(Path(__file__))}"
    if target.is_file() and stamp.is_file() and stamp.read_text() == fingerprint:
        log(f"holidays: {target.name} up to date")
        return target
    kept_countries = {f"holidays/countries/{module}.py" for module in countries}
    kept_locales = {f"{code}.{kind}" for code in countries.values() for kind in ("mo", "po")}

    def trim(path: str, data: bytes):
        if path.startswith("holidays/countries/") and path not in kept_countries:
            if path != "holidays/countries/__init__.py":
                return None
            data = b'"""Trimmed by Parting Ways: countries load lazily, by the registry."""\n'
        elif path.startswith("holidays/locale/") and path.rsplit("/", 1)[-1] not in kept_locales:
            return None
        elif path in LAZY_HOLIDAYS_PACKAGES:
            data = lazy_package(data)
        return relabeled(path, data, version, trimmed_version)

    rewrite_archive(source, target, trim)
    stamp.write_text(fingerprint)
    log(f"holidays: trimmed to {', '.join(sorted(countries.values()))}: {target.name}")
    return target


def lazy_package(source: bytes) -> bytes:
    """An ``__init__.py`` that only re-exports names of its submodules, made lazy (PEP 562):
    a submodule is imported when one of its names is first asked for, so the compile step
    sees, and keeps, only the submodules the engine's countries use."""
    where = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        if not (isinstance(node, ast.ImportFrom) and node.level == 0 and node.module):
            sys.exit(f"pyodide_dist: a lazy package may only import names: {ast.dump(node)[:80]}")
        where.update({alias.asname or alias.name: node.module for alias in node.names})
    return LAZY_PACKAGE.format(modules=json.dumps(where, indent=4, sort_keys=True)).encode()


def with_trimmed_holidays(out: Path, fetched: list[Path]) -> list[Path]:
    """The wheels to ship, as source: holidays trimmed into ``out``, the others as fetched."""
    return [
        trim_holidays(wheel, out, holiday_countries()) if wheel.name.startswith("holidays-") else wheel
        for wheel in fetched
    ]


def wheel_job(source: Path, out: Path) -> dict:
    """What the compile step does with one source wheel: its target, and for a wheel
    trimmed to what the engine imports, that it is, under the version ``+partways``."""
    from packaging.utils import parse_wheel_filename

    job = {"source": str(source), "target": str(out / source.name)}
    name, version, _, _ = parse_wheel_filename(source.name)
    if name.replace("-", "_") in TRIMMED_BY_TRACE:
        job["trim"] = True
        if version.local != TRIMMED_LABEL:
            new_version = f"{version}+{TRIMMED_LABEL}"
            job["relabel"] = [str(version), new_version]
            job["target"] = str(out / source.name.replace(f"-{version}-", f"-{new_version}-"))
    return job


def compile_for_pyodide(source_wheels: list[Path], out: Path) -> list[Path]:
    """Write the wheels and the standard library (split in two) to ``out`` compiled, with
    Pyodide on Node; skipped while the inputs, the compiler and the runtime are unchanged."""
    stdlib = NPM_PYODIDE / STDLIB
    # Names unchanged (py3-none-any), as Pyodide's own compiled packages keep theirs.
    jobs = [wheel_job(wheel, out) for wheel in source_wheels]
    targets = [Path(job["target"]) for job in jobs]
    inputs = [stdlib, *source_wheels, COMPILE_RUNNER, COMPILE_SCRIPT, STDLIB_FINDER]
    fingerprint = f"{PYODIDE_VERSION} {jobs} " + " ".join(sha256_of(path) for path in inputs)
    stamp = out.with_name(out.name + COMPILED_STAMP_SUFFIX)
    outputs = [out / STDLIB, out / STDLIB_REST, *targets]
    if stamp.is_file() and stamp.read_text() == fingerprint and all(p.is_file() for p in outputs):
        log("bytecode: up to date")
        return targets
    with tempfile.TemporaryDirectory(dir=ROOT / "build") as tmp:
        job_file = Path(tmp) / "job.json"
        stdlib_job = {"source": str(stdlib), "target": str(out / STDLIB),
                      "rest": str(out / STDLIB_REST), "finder": str(STDLIB_FINDER)}  # fmt: skip
        job_file.write_text(json.dumps({"stdlib": stdlib_job, "wheels": jobs}))
        result = subprocess.run(
            ["node", str(COMPILE_RUNNER), str(job_file)], capture_output=True, text=True, check=False
        )
    if result.returncode:
        sys.exit(f"pyodide_dist: compiling failed:\n{result.stdout}{result.stderr}")
    for path in outputs:
        path.chmod(0o644)  # Pyodide writes 0666
    stamp.write_text(fingerprint)
    log(f"bytecode: compiled {result.stdout.strip().splitlines()[-1]}")
    return targets


def check_requirements_pinned(wheel: Path) -> None:
    """Every Requires-Dist of the partways wheel must be met by a pinned wheel's version."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name, parse_wheel_filename
    from pkginfo import Wheel

    pinned = {}
    for name in PINNED_WHEELS:
        dist, version, _, _ = parse_wheel_filename(name)
        pinned[canonicalize_name(dist)] = version
    for line in Wheel(str(wheel)).requires_dist:
        req = Requirement(line)
        if req.marker and not req.marker.evaluate({"extra": ""}):
            continue
        have = pinned.get(canonicalize_name(req.name))
        if have is None or not req.specifier.contains(have, prereleases=True):
            sys.exit(f"pyodide_dist: {wheel.name} needs {req}, pinned {have}: see PINNED_WHEELS")


def remove_stale_wheels(out: Path, keep: list[Path]) -> None:
    for path in out.glob("*.whl"):
        if path not in keep:
            path.unlink()
            log(f"removed stale {path.name}")


def top_level_imports(wheel: Path) -> list[str]:
    """What a wheel lets ``import``: its top-level modules and packages, source or compiled
    (``pyodide lockfile`` only looks for ``.py`` files, and finds none in a compiled wheel)."""
    names = set()
    for path in zipfile.Path(wheel).iterdir():
        if path.is_file() and path.suffix in (".py", ".pyc"):
            names.add(path.stem)
        elif path.is_dir() and not path.name.endswith((".dist-info", ".data")):
            if any(child.suffix in (".py", ".pyc") for child in path.iterdir()):
                names.add(path.name)
    return sorted(names)


def write_lock(out: Path, wheels: list[Path], base_lock: Path | None = None) -> None:
    """Register the wheels with ``pyodide lockfile add-wheels`` in ``base_lock``, or else in
    npm's lock file emptied of its packages (it lists all of Pyodide's, whose files the npm
    package does not ship): the site's lock file names only what the site serves."""
    pyodide_cli = Path(sys.executable).with_name("pyodide")
    with tempfile.TemporaryDirectory() as tmp:
        if base_lock is None:
            base_lock = Path(tmp) / "base-lock.json"
            npm_lock = json.loads((NPM_PYODIDE / "pyodide-lock.json").read_text())
            base_lock.write_text(json.dumps({**npm_lock, "packages": {}}))
        new_lock = Path(tmp) / "pyodide-lock.json"
        command = [str(pyodide_cli), "lockfile", "add-wheels", *map(str, wheels)]
        command += ["--input", str(base_lock), "--output", str(new_lock)]
        # Wheel file names relative to the lock's own folder: no base URL.
        command += ["--base-path", str(out)]
        # Quiet unless it fails: it warns of every compiled wheel, whose imports it cannot see.
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode:
            sys.exit(f"pyodide_dist: pyodide lockfile add-wheels failed:\n{result.stderr}")
        lock = json.loads(new_lock.read_text())
        by_file = {entry["file_name"]: entry for entry in lock["packages"].values()}
        for wheel in wheels:
            by_file[wheel.name]["imports"] = top_level_imports(wheel)
        text = json.dumps(lock)
        target = out / "pyodide-lock.json"
        if target.is_file() and target.read_text() == text:
            log("lock file: up to date")
            return
        target.write_text(text)
    log(f"lock file: registered {', '.join(w.name for w in wheels)}")


def write_manifest(out: Path, wheels: list[Path]) -> str:
    """``runtime.json``: the files a tool page fetches (``visit``, itself included) and those
    fetched only on demand, with their sizes, and ``build``, a hash of all of them (the
    runtime, the standard library, the wheels and so the engine): what a reader's memory
    snapshot is kept under. Returns the build id."""
    visit = [*CORE_FILES, STDLIB, "pyodide-lock.json", *(wheel.name for wheel in wheels)]
    on_demand = [STDLIB_REST]
    digest = hashlib.sha256()
    for name in [*visit, *on_demand]:
        digest.update(f"{name} {sha256_of(out / name)}\n".encode())
    manifest = {
        "build": digest.hexdigest(),
        "pyodide": PYODIDE_VERSION,
        "visit": [*visit, MANIFEST],
        "on_demand": on_demand,
        "bytes": {name: (out / name).stat().st_size for name in [*visit, *on_demand]},
    }
    text = json.dumps(manifest, indent=1) + "\n"
    target = out / MANIFEST
    if not target.is_file() or target.read_text() != text:
        target.write_text(text)
        log(f"manifest: build {manifest['build'][:12]}")
    return manifest["build"]


def check_lock(out: Path, wheels: list[Path]) -> None:
    """Each added wheel must be in the lock under its own file name and hash."""
    packages = json.loads((out / "pyodide-lock.json").read_text())["packages"]
    by_file = {p["file_name"]: p for p in packages.values()}
    for wheel in wheels:
        entry = by_file.get(wheel.name)
        if entry is None or entry["sha256"] != sha256_of(wheel):
            sys.exit(f"pyodide_dist: lock entry for {wheel.name} is missing or has another hash")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "pyodide")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)

    source = out.with_name(out.name + "-source")
    source.mkdir(exist_ok=True)

    check_npm_pyodide()
    copy_core(out)
    partways = build_partways_wheel(source)
    check_requirements_pinned(partways)
    PYPI_CACHE.mkdir(parents=True, exist_ok=True)
    wheels = [partways, *with_trimmed_holidays(source, fetch_pinned_wheels(PYPI_CACHE))]
    wheels = compile_for_pyodide(wheels, out)
    remove_stale_wheels(out, wheels)
    write_lock(out, wheels)
    check_lock(out, wheels)
    write_manifest(out, wheels)


if __name__ == "__main__":
    main()
