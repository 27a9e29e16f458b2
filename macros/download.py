"""What a first visit to a tool page downloads to run the engine, for its loading status.

Counted from the runtime as the build ships it (``build/pyodide``, which hooks/runtime.py
copies into the site): the files its manifest says a visit fetches, each compressed as a
static host sends it (gzip; GitHub Pages does). Compressing 13 MB takes most of a second,
so the sum is kept in ``build/`` against each file's size and time.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_DIR = ROOT / "build" / "pyodide"
CACHE = ROOT / "build" / "download-size.json"
GZIP_LEVEL = 6  # what static hosts commonly use


def shipped_files(runtime_dir: Path = RUNTIME_DIR) -> list[Path]:
    """The runtime's files a first visit to a tool page fetches, as the runtime's manifest
    (``runtime.json``, written by scripts/pyodide_dist.py) lists them: Pyodide's own, the
    first standard-library archive, the lock file and the engine's wheels (not what is
    fetched only when an import needs it)."""
    manifest = json.loads((runtime_dir / "runtime.json").read_text(encoding="utf-8"))
    return [runtime_dir / name for name in manifest["visit"]]


def compressed_size(path: Path) -> int:
    return len(zlib.compress(path.read_bytes(), GZIP_LEVEL))


def runtime_download_bytes(runtime_dir: Path = RUNTIME_DIR) -> int | None:
    """The compressed bytes of ``shipped_files``; None when the runtime is not built."""
    if not (runtime_dir / "runtime.json").is_file():
        return None
    files = shipped_files(runtime_dir)
    key = [[path.name, path.stat().st_size, path.stat().st_mtime_ns] for path in files]
    try:
        cached = json.loads(CACHE.read_text(encoding="utf-8"))
        if cached["files"] == key:
            return cached["bytes"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    total = sum(compressed_size(path) for path in files)
    if runtime_dir == RUNTIME_DIR:
        CACHE.write_text(json.dumps({"files": key, "bytes": total}), encoding="utf-8")
    return total


DECIMAL_COMMA = {"ru", "pl"}


def megabytes(size: int, lang: str) -> str:
    """``size`` in megabytes as a reader reads it: 8, 7.7 (7,7 in Russian and Polish), 15."""
    value = size / 1_000_000
    text = f"{round(value)}" if value >= 10 else f"{value:.1f}".removesuffix(".0")
    return text.replace(".", ",") if lang in DECIMAL_COMMA else text
