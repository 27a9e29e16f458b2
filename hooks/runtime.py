"""MkDocs hook: ship the self-hosted Pyodide runtime (``build/pyodide``) inside the site.

``make pyodide`` assembles the runtime, our wheel and the lock file; this hook copies them
to ``assets/pyodide/`` after the build. Without them the site still builds: the tools stay
in their static, no-JavaScript form and say why.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.runtime")
RUNTIME_DIR = Path(__file__).resolve().parent.parent / "build" / "pyodide"
TARGET = Path("assets") / "pyodide"


def on_post_build(config, **_kwargs) -> None:
    if not (RUNTIME_DIR / "pyodide-lock.json").is_file():
        log.info("No Pyodide runtime in %s (run `make pyodide`): tools stay static.", RUNTIME_DIR)
        return
    target = Path(config["site_dir"]) / TARGET
    shutil.copytree(RUNTIME_DIR, target, dirs_exist_ok=True, copy_function=_copy_unless_same)


def _copy_unless_same(source: str, target: str) -> str:
    """Each language pass of the build runs this hook: only the first copies the 14 MB."""
    if Path(target).is_file() and _signature(target) == _signature(source):
        return target
    return shutil.copy2(source, target)


def _signature(path: str) -> tuple[int, int]:
    status = Path(path).stat()
    return status.st_size, status.st_mtime_ns
