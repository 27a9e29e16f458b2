"""Compile what the site ships to bytecode, inside Pyodide's own interpreter.

Run by scripts/pyodide_compile.mjs (stock Pyodide on Node, the site's wheels already
loaded), which scripts/pyodide_dist.py calls with a job file. Pyodide's npm package ships
its standard library as source and PyPI ships wheels as source, so in the reader's browser
every first import compiles Python first: most of ``loadPyodide()``'s time on these
machines, and most of the engine's first answer. Compiled once here, the browser only
loads bytecode. Only Pyodide's interpreter can do it: bytecode is tied to its exact Python.

* wheels: every module becomes a sourceless ``.pyc`` where its ``.py`` was (as
  ``pyodide py-compile`` does for Pyodide's own packages), RECORD rewritten;
* the standard library: the modules that Pyodide's start, loading the wheels and an answer
  of every tool in every language import (this run's ``sys.modules``) are compiled, and the
  rest stays source, so a module this run never imported still imports, only slower.

Compiled files are unchecked hash-based ``.pyc`` (PEP 552): no timestamps to go stale.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import marshal
import sys
import zipfile
from pathlib import Path

STDLIB_ZIP = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip/"
UNCHECKED_HASH_PYC = 0b01


def bytecode(source: bytes, filename: str) -> bytes:
    code = compile(source, filename, "exec", dont_inherit=True)
    header = importlib.util.MAGIC_NUMBER + UNCHECKED_HASH_PYC.to_bytes(4, "little")
    return header + importlib.util.source_hash(source) + marshal.dumps(code)


def exercise_engine() -> int:
    """Answer a request of every tool, in every language and jurisdiction, valid and not."""
    import partways

    answered = 0
    for lang in partways.LANGUAGES:
        for jurisdiction in partways.JURISDICTIONS:
            letter = {
                "client": "Client", "contact": "Ирина Викторовна Петрова", "sender": "Sender",
                "company": "Company", "contract": "1/2026", "received": "2026-12-28",
                "letter_date": "2026-12-28", "days": 14, "jurisdiction": jurisdiction,
                "reason": "unpaid_invoices", "lang": lang, "pay_by": "2027-01-08",
                "invoices": [{"number": "41", "amount": "1234.50", "currency": "EUR"}],
            }  # fmt: skip
            valid = [
                ("assess", {"lang": lang, "haggling": True}),
                ("checklist", {"lang": lang, "jurisdiction": jurisdiction, "done": ["records"]}),
                ("notice", {"lang": lang, "jurisdiction": jurisdiction,
                            "received": "2026-12-28", "days": 14}),
                ("letter", letter),
                ("letter", {**letter, "format": "docx"}),  # the .docx download's modules
                ("letter_check", {"lang": lang, "text": "Text.", "end_date": "2027-01-11"}),
            ]  # fmt: skip
            for tool, payload in valid:
                answer = json.loads(partways.handle_json(json.dumps({"tool": tool, "input": payload})))
                if not answer["ok"]:
                    raise SystemExit(f"pyodide_compile: {tool} {payload} failed: {answer['errors']}")
                invalid = json.dumps({"tool": tool, "lang": lang, "input": {"received": "x", "days": -1}})
                partways.handle_json(invalid)
                answered += 2
    return answered


def stdlib_modules_in_use() -> set[str]:
    """Archive names (``email/header.py``) of the standard-library modules imported so far."""
    names = set()
    for module in list(sys.modules.values()):
        origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
        if origin.startswith(STDLIB_ZIP):
            names.add(origin[len(STDLIB_ZIP) :])
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
    with zipfile.ZipFile(source) as archive_in, zipfile.ZipFile(target, "w") as archive_out:
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
            archive_out.writestr(entry, data)
            records.append(record_line(name, data))
        if record:
            name, info = record
            entry = zipfile.ZipInfo(name, date_time=info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive_out.writestr(entry, "\n".join([*records, f"{name},,"]) + "\n")


def compile_archive(source: str, target: str, wanted=lambda name: True) -> int:
    """Copy a zip archive with its wanted ``.py`` entries compiled; how many were."""
    compiled = 0

    def compile_wanted(name: str, data: bytes):
        nonlocal compiled
        if not (name.endswith(".py") and wanted(name)):
            return name, data
        compiled += 1
        return name + "c", bytecode(data, name)

    rewrite_archive(source, target, compile_wanted)
    return compiled


def main(job_file: str) -> None:
    job = json.loads(Path(job_file).read_text())
    answered = exercise_engine()
    in_use = stdlib_modules_in_use()
    report = {"answers": answered, "stdlib_in_use": len(in_use)}
    stdlib = job["stdlib"]
    report["stdlib_compiled"] = compile_archive(stdlib["source"], stdlib["target"], in_use.__contains__)
    for wheel in job["wheels"]:
        report[Path(wheel["target"]).name] = compile_archive(wheel["source"], wheel["target"])
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1])
