"""MkDocs hook: the site works offline once a tool has answered, and starts its engine's
download when a reader is about to open a tool.

After the build it writes the service worker, ``sw.js`` at the site's root (so its scope is
the whole site, sub-path included): the script of ``docs/assets/javascripts/partways/
service-worker.js`` after ``const BUILD = {...}``, every file the worker keeps, with its
fingerprint (the start of its SHA-256), in two groups:

* ``site``: the pages of every edition, the search indexes, the sitemaps and the assets:
  everything the build wrote except source maps, compressed copies, the search languages no
  index uses, and the runtime;
* ``runtime``: the files a tool page fetches from ``assets/pyodide/`` (``runtime.json``'s
  ``visit`` list when the runtime ships one, else every file there); the rest of that folder
  (``on_demand``) is kept when a page happens to fetch it.

Each group is kept in its own cache, named ``partways-sw-<group>-<hash of its files>``: a new
build gets new caches, filled completely before the new worker takes over, and the old ones
are deleted when it does. Caches named otherwise (the engine's memory snapshot) are not the
service worker's and are left alone; see ARCHITECTURE.md.

Every page also carries a small JSON block (``#partways-offline``) for ``intent.js``: the
tool pages of its edition and the runtime files to fetch when a reader shows intent.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.offline")
ROOT = Path(__file__).resolve().parent.parent
RUNTIME_DIR = ROOT / "build" / "pyodide"
RUNTIME_TARGET = "assets/pyodide"
SOURCE = "assets/javascripts/partways/service-worker.js"
SCRIPT = "sw.js"
CACHE_PREFIX = "partways-sw-"
NOT_FOUND = "404.html"
DATA_BLOCK_ID = "partways-offline"
FINGERPRINT_LENGTH = 16  # hex digits of SHA-256: enough to tell two builds of a file apart
# Files a reader's browser never asks for.
NEVER_FETCHED = re.compile(r"(\.map|\.gz)$")
LUNR = "assets/javascripts/lunr/"
_HEAD_END = "</head>"

_tool_pages: list[str] = []
_runtime_block: dict = {}
_fingerprints: dict[tuple[str, int, int], str] = {}


def fingerprint(path: Path) -> str:
    """The file's fingerprint, kept for the run by name, size and modification time: the
    runtime's 15 MB are read in build/pyodide and again as hooks/runtime.py copied them (with
    their times) into the site."""
    status = path.stat()
    key = (path.name, status.st_size, status.st_mtime_ns)
    if key not in _fingerprints:
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
        _fingerprints[key] = digest.hexdigest()[:FINGERPRINT_LENGTH]
    return _fingerprints[key]


def runtime_files(directory: Path) -> tuple[list[str], list[str]]:
    """(the files a tool page fetches, the files fetched only on demand), below ``directory``."""
    if not directory.is_dir():
        return [], []
    present = sorted(path.relative_to(directory).as_posix()
                     for path in directory.rglob("*") if path.is_file())
    listed = directory / "runtime.json"
    if not listed.is_file():
        return present, []
    visit = [name for name in json.loads(listed.read_text(encoding="utf-8"))["visit"]
             if name in present]
    return visit, [name for name in present if name not in visit]


def lunr_files_needed(site_dir: Path) -> set[str]:
    """The search languages' scripts Material's search worker imports for the site's indexes
    (its rule: the stemmer support always, a script per language but English, the multi-
    language script when an index has several, and Japanese's, Hindi's and Thai's
    segmenters)."""
    needed = {f"{LUNR}min/lunr.stemmer.support.min.js"}
    for index in site_dir.rglob("search_index.json"):
        languages = json.loads(index.read_text(encoding="utf-8"))["config"]["lang"]
        for lang in languages:
            if lang == "ja":
                needed.add(f"{LUNR}tinyseg.js")
            if lang in ("hi", "th"):
                needed.add(f"{LUNR}wordcut.js")
            if lang != "en":
                needed.add(f"{LUNR}min/lunr.{lang}.min.js")
        if len(languages) > 1:
            needed.add(f"{LUNR}min/lunr.multi.min.js")
    return needed


def _group(name: str, files: dict[str, str], **extra) -> dict:
    digest = hashlib.sha256(json.dumps([files, extra], sort_keys=True).encode()).hexdigest()
    return {"cache": f"{CACHE_PREFIX}{name}-{digest[:FINGERPRINT_LENGTH]}", "files": files, **extra}


def runtime_group(runtime_dir: Path) -> dict:
    visit, on_demand = runtime_files(runtime_dir)
    return _group(
        "runtime", {f"{RUNTIME_TARGET}/{name}": fingerprint(runtime_dir / name) for name in visit},
        on_demand={f"{RUNTIME_TARGET}/{name}": fingerprint(runtime_dir / name) for name in on_demand})


def service_worker_build(site_dir: Path) -> dict:
    """What the service worker keeps of the site built in ``site_dir``."""
    lunr = lunr_files_needed(site_dir)
    site: dict[str, str] = {}
    for path in sorted(site_dir.rglob("*")):
        name = path.relative_to(site_dir).as_posix()
        if (not path.is_file() or name == SCRIPT or name.startswith(RUNTIME_TARGET + "/")
                or NEVER_FETCHED.search(name) or (name.startswith(LUNR) and name not in lunr)):
            continue
        site[name] = fingerprint(path)
    groups = {"site": _group("site", site), "runtime": runtime_group(site_dir / RUNTIME_TARGET)}
    version = hashlib.sha256("".join(group["cache"] for group in groups.values()).encode())
    return {"version": version.hexdigest()[:FINGERPRINT_LENGTH], "fingerprint_length": FINGERPRINT_LENGTH,
            "not_found": NOT_FOUND, **groups}


def write_service_worker(site_dir: Path, source: Path) -> dict:
    build = service_worker_build(site_dir)
    script = f"const BUILD = {json.dumps(build, separators=(',', ':'))};\n{source.read_text('utf-8')}"
    (site_dir / SCRIPT).write_text(script, encoding="utf-8")
    return build


# `mkdocs serve` rebuilds the site as its files change and reloads the page: a worker that
# answers from the cache would show the build before. There the site gets one that removes
# itself and its caches (from an earlier production build served on the same address).
SELF_REMOVING = f"""// `mkdocs serve`: no offline copy while the site is being edited (hooks/offline.py).
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil((async () => {{
  for (const name of await caches.keys()) if (name.startsWith("{CACHE_PREFIX}")) await caches.delete(name);
  await self.registration.unregister();
}})()));
"""
_command: list[str] = []


# --- the hook's events -----------------------------------------------------------------------


def on_startup(command, dirty) -> None:
    _command[:] = [command]


def on_files(files, config):
    """The service worker's source is not a page asset: the build writes it as sw.js."""
    source = files.get_file_from_path(SOURCE)
    if source is not None:
        files.remove(source)
    return files


def _language_pass(config) -> bool:
    """Whether this is a language's pass inside the default language's build (the i18n
    plugin builds the other editions from the first one's on_post_build)."""
    i18n = config.plugins.get("i18n")
    return i18n is not None and getattr(i18n, "building", False)


def on_pre_build(config) -> None:
    _tool_pages.clear()  # each language pass lists its own edition's tool pages
    if not _language_pass(config):
        runtime = runtime_group(RUNTIME_DIR)
        # With the cache the service worker keeps them in: intent.js need not fetch the files
        # when the reader's browser has it.
        _runtime_block.update(runtime=list(runtime["files"]), runtime_cache=runtime["cache"])


def on_page_content(html: str, page, config, files) -> str:
    # MkDocs renders every page's content before it renders any template, so the list is
    # complete by the time on_post_page writes it into the pages.
    if 'data-widget="' in html:
        _tool_pages.append(page.url)
    return html


def on_post_page(output: str, page, config) -> str:
    data = json.dumps({"tools": sorted(_tool_pages), **_runtime_block}, separators=(",", ":"))
    block = f'<script type="application/json" id="{DATA_BLOCK_ID}">{data}</script>'
    return output.replace(_HEAD_END, block + _HEAD_END, 1)


@event_priority(-250)  # after the runtime's copy and hooks/i18n.py's search indexes and sitemaps
def on_post_build(config) -> None:
    if _language_pass(config):
        return  # the site is not whole yet
    site_dir = Path(config["site_dir"])
    if _command == ["serve"]:
        (site_dir / SCRIPT).write_text(SELF_REMOVING, encoding="utf-8")
        return
    build = write_service_worker(site_dir, Path(config["docs_dir"]) / SOURCE)
    sizes = {name: sum((site_dir / path).stat().st_size for path in build[name]["files"])
             for name in ("site", "runtime")}
    log.info("Service worker %s: %d site files (%.1f MB), %d runtime files (%.1f MB)",
             build["version"], len(build["site"]["files"]), sizes["site"] / 1e6,
             len(build["runtime"]["files"]), sizes["runtime"] / 1e6)
