"""Compile what the site ships to bytecode, and split the standard library, inside Pyodide.

Run by scripts/pyodide_compile.mjs (stock Pyodide on Node, the site's source wheels already
loaded), which scripts/pyodide_dist.py calls with a job file. Pyodide's npm package ships
its standard library as source and PyPI ships wheels as source, so in the reader's browser
every first import compiles Python first: most of ``loadPyodide()``'s time on these
machines, and most of the engine's first answer. Compiled once here, the browser only
loads bytecode. Only Pyodide's interpreter can do it: bytecode is tied to its exact Python.

The script first answers a request of every tool in every language, jurisdiction, letter
format, reason and tone (the engine's own constants, so a new one is exercised without a
change here), then writes what that run imported (``sys.modules``):

* the standard library as two archives. The first, which Pyodide loads at start
  (``python_stdlib.zip``), holds the modules imported by Pyodide's start, by loading the
  wheels and by those answers, compiled, plus ``_partways_stdlib`` (from
  scripts/partways_stdlib.py, with the list of the rest), whose finder fetches the second
  archive (``python_stdlib_rest.zip``: every other module npm ships, as source) the first
  time an import needs one of its modules. So no import fails that worked with npm's zip;
* every wheel with each module a sourceless ``.pyc`` where its ``.py`` was (as
  ``pyodide py-compile`` does for Pyodide's own packages), RECORD rewritten. A wheel whose
  job says ``trim`` also loses the modules that run never imported and the data files of
  packages it never imported, and says so in its version (``+partways``).

Compiled files are unchecked hash-based ``.pyc`` (PEP 552): no timestamps to go stale.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import importlib.util
import json
import marshal
import sys
import zipfile
from pathlib import Path, PurePosixPath

STDLIB_ZIP = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip/"
SITE_PACKAGES = f"/lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages/"
UNCHECKED_HASH_PYC = 0b01
COMPRESS_LEVEL = 9  # zlib's best: the archives are compressed once, read on every visit
FINDER_MODULE = "_partways_stdlib.py"
TRIMMED_LABEL = "partways"


def bytecode(source: bytes, filename: str, docstrings: bool = True) -> bytes:
    tree = ast.parse(source, filename)
    if not docstrings:
        tree = WithoutDocstrings().visit(tree)
    code = compile(tree, filename, "exec", dont_inherit=True)
    header = importlib.util.MAGIC_NUMBER + UNCHECKED_HASH_PYC.to_bytes(4, "little")
    return header + importlib.util.source_hash(source) + marshal.dumps(code)


class WithoutDocstrings(ast.NodeTransformer):
    """Leaves out the docstrings of a module, its classes and functions, as ``python -OO``
    does (their ``__doc__`` is None), but keeps the asserts ``-OO`` also drops. The standard
    library is made to work so (CPython tests it under -OO): a fifth less bytecode to send."""

    def visit_Module(self, node):
        self.generic_visit(node)
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            if isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.copy_location(ast.Pass(), body[0])]
        return node

    visit_ClassDef = visit_FunctionDef = visit_AsyncFunctionDef = visit_Module


def engine_requests():
    """(tool, input) pairs: every tool in every language and jurisdiction, every choice the
    engine names (units, receipt methods, letter formats, reasons, tones). A tool without
    requests here stops the build: what it imports would be missing from the first archive."""
    import partways
    from partways import _letter, _notice, _receipt

    dates = {"received": "2026-12-28", "period": 14}
    # Every detail a letter can carry (a patronymic to inflect, invoices to total, addresses),
    # dated so that the receipt date never precedes it whatever day the site is built.
    letter = {"client": "Client", "contact": "Ирина Викторовна Петрова", "sender": "Sender",
              "company": "Company", "contract": "1/2026", "contact_email": "contact@example.org",
              "sender_email": "sender@example.org", "partner": "Partner",
              "options": list(_letter.OPTIONS), "unit": "days", "letter_date": "2026-12-28",
              "contract_date": "2026-01-15", "clause": "9.2", "facts": "Facts.",
              "invoices": [{"number": "41", "amount": "1234.50", "currency": "EUR",
                            "due": "2026-11-30"}],
              "pay_by": "2027-01-08", "signatory_title": "Director", "contact_gender": "f",
              "client_address": "Street 1\nCity", "sender_address": "Street 2\nCity",
              "place": "City", "delivery": "registered", "acknowledge": True,
              **dates}  # fmt: skip
    requests = {
        "assess": lambda lang, _: [{"haggling": True, "payment_delay_days": 30}],
        "checklist": lambda lang, where: [{"jurisdiction": where, "done": ["records"]}],
        "notice": lambda lang, where: [
            {"jurisdiction": where, "unit": unit, "end_of_month": month_end, **dates}
            for unit in _notice.UNITS for month_end in (False, True)],
        "receipt": lambda lang, where: [
            {"jurisdiction": where, "sent": "2026-12-28", "method": method}
            for method in _receipt.METHODS],
        "letter": lambda lang, where: [
            {**letter, "jurisdiction": where, "format": fmt, "reason": reason, "tone": tone}
            for fmt in _letter.FORMATS for reason in _letter.REASONS for tone in _letter.TONES],
        "letter_check": lambda lang, _: [{"text": "Text.", "end_date": "2027-01-11"}],
    }  # fmt: skip
    if missing := set(partways.TOOL_NAMES) - set(requests):
        raise SystemExit(f"pyodide_compile: no requests for {sorted(missing)}: add them here")
    for lang in partways.LANGUAGES:
        for jurisdiction in partways.JURISDICTIONS:
            for tool, make in requests.items():
                for payload in make(lang, jurisdiction):
                    yield tool, {"lang": lang, **payload}


def exercise_engine() -> int:
    """Answer every request of ``engine_requests()`` (each must succeed), and the same tool
    with bad values; how many answers that was."""
    import partways

    answered = 0
    for tool, payload in engine_requests():
        answer = json.loads(partways.handle_json(json.dumps({"tool": tool, "input": payload})))
        if not answer["ok"]:
            raise SystemExit(f"pyodide_compile: {tool} {payload} failed: {answer['errors']}")
        bad = {"lang": payload["lang"], "received": "x", "period": -1, "jurisdiction": "?"}
        partways.handle_json(json.dumps({"tool": tool, "input": bad}))
        answered += 2
    return answered


def modules_in_use(root: str) -> set[str]:
    """Archive names (``email/header.py``) of the modules below ``root`` imported so far."""
    names = set()
    for module in list(sys.modules.values()):
        origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
        if origin.startswith(root):
            names.add(origin[len(root) :])
    return names


def record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def rewrite_archive(source, target, transform) -> None:
    """Copy a zip archive entry by entry through ``transform(name, data)``, which returns the
    entry to write, ``(name, data)``, or None to leave it out. A wheel's RECORD is written
    afresh, under the name ``transform`` gives it, for what was written. The same input
    gives the same bytes (dates kept). Standard library only: scripts/pyodide_dist.py trims
    the holidays wheel with it too."""
    records, record = [], None
    with (
        zipfile.ZipFile(source) as archive_in,
        zipfile.ZipFile(target, "w") as archive_out,
    ):
        for info in archive_in.infolist():
            if info.filename.endswith(".dist-info/RECORD"):
                record = (transform(info.filename, b"")[0], info)
                continue
            kept = transform(info.filename, archive_in.read(info))
            if kept is None:
                continue
            name, data = kept
            entry = zipfile.ZipInfo(name, date_time=info.date_time)
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            archive_out.writestr(entry, data, compresslevel=COMPRESS_LEVEL)
            records.append(record_line(name, data))
        if record:
            name, info = record
            entry = zipfile.ZipInfo(name, date_time=info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            record_text = "\n".join([*records, f"{name},,"]) + "\n"
            archive_out.writestr(entry, record_text, compresslevel=COMPRESS_LEVEL)


def compile_archive(
    source: str, target: str, keep=lambda name: True, relabel=None, docstrings: bool = True
) -> int:
    """Copy a zip archive with its ``.py`` entries compiled (without their docstrings unless
    ``docstrings``), leaving out the entries ``keep`` refuses; ``relabel=(version,
    new_version)`` renames a wheel's dist-info and its METADATA version. How many modules
    were compiled."""
    compiled = 0

    def transform(name: str, data: bytes):
        nonlocal compiled
        if not keep(name):
            return None
        if relabel:
            name, data = relabeled(name, data, *relabel)
        if name.endswith(".dist-info/METADATA"):
            data = without_description(data)
        if name.endswith(".py"):
            compiled += 1
            return name + "c", bytecode(data, name, docstrings)
        return name, data

    rewrite_archive(source, target, transform)
    return compiled


def relabeled(name: str, data: bytes, version: str, new_version: str) -> tuple[str, bytes]:
    """A wheel entry under the dist-info of ``new_version``, its METADATA saying so."""
    top, sep, rest = name.partition("/")
    if top.endswith(f"-{version}.dist-info") and sep:
        name = f"{top.removesuffix(f'-{version}.dist-info')}-{new_version}.dist-info/{rest}"
        if rest == "METADATA":
            data = data.replace(f"\nVersion: {version}\n".encode(),
                                f"\nVersion: {new_version}\n".encode(), 1)
    return name, data


def without_description(metadata: bytes) -> bytes:
    """A wheel's METADATA without its long description (the body after the headers, which
    only a package index shows), so a reader does not download a README."""
    return metadata.partition(b"\n\n")[0] + b"\n"


def imported_parts(names: set[str]) -> tuple[set[str], set[str]]:
    """The modules named (``a/b.py``) and the packages they make imported (``a``, ``a/b``
    for ``a/b/__init__.py``)."""
    packages = set()
    for name in names:
        path = PurePosixPath(name)
        parents = path.parents if path.name == "__init__.py" else path.parents[:-1]
        packages.update(str(parent) for parent in parents if str(parent) != ".")
    return names, packages


def used_by_trace(in_use: set[str], archive_names: list[str]):
    """``keep(name)`` for a wheel trimmed to what the run imported: its modules that were
    imported, the data files of packages that were, and everything outside its packages
    (dist-info, plain data folders)."""
    modules, packages = imported_parts(in_use)
    package_dirs = {str(PurePosixPath(n).parent) for n in archive_names if n.endswith("/__init__.py")}

    def keep(name: str) -> bool:
        if name.endswith(".py"):
            return name in modules or str(PurePosixPath(name).parent) not in package_dirs
        folder = str(PurePosixPath(name).parent)
        while folder != "." and folder not in package_dirs:
            folder = str(PurePosixPath(folder).parent)
        return folder == "." or folder in packages

    return keep


def finder_module(template: str, rest_modules: list[str]) -> bytes:
    """scripts/partways_stdlib.py with the names of the modules in the second archive."""
    names = sorted(module_name(name) for name in rest_modules)
    return (Path(template).read_text() + f"\nREST_MODULES = frozenset({names!r})\n").encode()


def module_name(archive_name: str) -> str:
    """``xml/dom/minidom.py`` -> ``xml.dom.minidom``; ``xml/__init__.py`` -> ``xml``."""
    path = PurePosixPath(archive_name).with_suffix("")
    parts = path.parts[:-1] if path.name == "__init__" else path.parts
    return ".".join(parts)


def split_stdlib(job: dict, in_use: set[str]) -> dict:
    """Write the first archive (``in_use`` compiled, data files, the finder) and the second
    (every other module, as source); how many modules each holds."""
    with zipfile.ZipFile(job["source"]) as archive:
        names = archive.namelist()
    modules = [n for n in names if n.endswith(".py")]
    rest = sorted(n for n in modules if n not in in_use)
    rest_folders = {str(p) + "/" for n in rest for p in PurePosixPath(n).parents if str(p) != "."}
    first_folders = {str(p) + "/" for n in in_use for p in PurePosixPath(n).parents if str(p) != "."}

    rewrite_archive(job["source"], job["rest"], lambda name, data: (
        (name, data) if name in rest or name in rest_folders else None))
    compiled = compile_archive(job["source"], job["target"], keep=lambda name: (
        name in first_folders if name.endswith("/") else not name.endswith(".py") or name in in_use),
        docstrings=False)
    with zipfile.ZipFile(job["target"], "a") as archive:
        source = finder_module(job["finder"], rest)
        entry = zipfile.ZipInfo(FINDER_MODULE + "c", date_time=(1980, 1, 1, 0, 0, 0))
        entry.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(entry, bytecode(source, FINDER_MODULE), compresslevel=COMPRESS_LEVEL)
    return {"stdlib_first": compiled + 1, "stdlib_rest": len(rest)}


def main(job_file: str) -> None:
    job = json.loads(Path(job_file).read_text())
    answered = exercise_engine()
    stdlib_in_use = modules_in_use(STDLIB_ZIP)
    wheels_in_use = modules_in_use(SITE_PACKAGES)
    report = {"answers": answered, **split_stdlib(job["stdlib"], stdlib_in_use)}
    for wheel in job["wheels"]:
        keep, relabel = lambda name: True, None
        if wheel.get("trim"):
            with zipfile.ZipFile(wheel["source"]) as archive:
                keep = used_by_trace(wheels_in_use, archive.namelist())
            relabel = wheel.get("relabel")
        compiled = compile_archive(wheel["source"], wheel["target"], keep, relabel)
        report[Path(wheel["target"]).name] = compiled
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1])
