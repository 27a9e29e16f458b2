"""The service worker's lists come from the built site: sw.js at the site's root names every
file a reader's browser can ask for (each page of every edition, the search indexes, the
assets the pages use, the runtime) with its fingerprint, and nothing a browser never asks
for; every page tells intent.js its edition's tool pages and the runtime's files."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import ROOT, read_page

pytestmark = pytest.mark.site

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default site_url, which the build uses


def _hook():
    spec = importlib.util.spec_from_file_location("offline_hook", ROOT / "hooks" / "offline.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hook = _hook()


def service_worker(site: Path) -> dict:
    script = (site / "sw.js").read_text(encoding="utf-8")
    prefix = "const BUILD = "
    assert script.startswith(prefix)
    return json.loads(script[len(prefix):script.index(";\n")])


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


def sha(path: Path, length: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:length]


def test_every_page_and_every_file_the_pages_use_is_listed(built_site):
    build = service_worker(built_site)
    listed = {**build["site"]["files"], **build["runtime"]["files"]}
    built = [page.relative_to(built_site).as_posix() for page in pages(built_site)]
    assert len(built) >= 3 * 18
    assert set(built) <= set(listed)
    for name in ("404.html", "sitemap.xml", "search/search_index.json",
                 "ru/search/search_index.json", "pl/search/search_index.json",
                 "ru/sitemap.xml", "pl/sitemap.xml"):
        assert name in listed, name
    # Every file of the site a page refers to (scripts, styles, images, icons).
    for page in pages(built_site):
        folder = page.parent.relative_to(built_site).as_posix()
        url = SITE_URL if folder == "." else f"{SITE_URL}{folder}/"
        for _, _, reference in read_page(page).resources:
            target = urlsplit(urljoin(url, reference))
            if f"{target.scheme}://{target.netloc}/" != SITE_URL or reference.startswith("#"):
                continue
            path = target.path.removeprefix("/")
            path = path + "index.html" if path == "" or path.endswith("/") else path
            assert path in listed, (page, reference)


def test_fingerprints_are_the_files(built_site):
    build = service_worker(built_site)
    length = build["fingerprint_length"]
    for group in ("site", "runtime"):
        for name, fingerprint in build[group]["files"].items():
            assert sha(built_site / name, length) == fingerprint, name


def test_the_runtime_is_its_own_group(built_site):
    build = service_worker(built_site)
    runtime_dir = built_site / "assets" / "pyodide"
    shipped = {path.relative_to(built_site).as_posix() for path in runtime_dir.rglob("*")
               if path.is_file()}
    fetched = set(build["runtime"]["files"])
    assert fetched | set(build["runtime"]["on_demand"]) == shipped
    assert {"assets/pyodide/pyodide.asm.wasm", "assets/pyodide/pyodide-lock.json"} <= fetched
    assert any(name.startswith("assets/pyodide/partways-") for name in fetched)
    assert not set(build["site"]["files"]) & shipped


def test_what_no_browser_asks_for_is_not_listed(built_site):
    build = service_worker(built_site)
    listed = set(build["site"]["files"]) | set(build["runtime"]["files"])
    assert not [name for name in listed if name.endswith((".map", ".gz"))]
    assert "sw.js" not in listed
    assert not (built_site / hook.SOURCE).exists(), "the worker's source was copied as an asset"
    # The search languages: those of the indexes, as Material's search worker imports them.
    lunr = {name for name in listed if name.startswith("assets/javascripts/lunr/")}
    assert lunr == {"assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
                    "assets/javascripts/lunr/min/lunr.ru.min.js"}
    languages = {lang for index in built_site.rglob("search_index.json")
                 for lang in json.loads(index.read_text("utf-8"))["config"]["lang"]}
    assert languages == {"en", "ru"}


def test_the_worker_names_no_other_host(built_site):
    script = (built_site / "sw.js").read_text(encoding="utf-8")
    code = script[script.index(";\n") + 2:]
    assert not re.findall(r"https?://", code)
    assert "importScripts" not in code
    for module in ("offline.js", "intent.js"):
        source = (built_site / "assets" / "javascripts" / "partways" / module).read_text("utf-8")
        assert not re.findall(r"https?://", source), module


def test_every_page_lists_its_editions_tool_pages_and_the_runtime(built_site):
    build = service_worker(built_site)
    tool_pages = {lang: sorted(page.parent.relative_to(built_site).as_posix() + "/"
                               for page in pages(built_site)
                               if 'data-widget="' in page.read_text("utf-8")
                               and edition(page, built_site) == lang)
                  for lang in ("en", "ru", "pl")}
    assert all(len(found) >= 4 for found in tool_pages.values()), tool_pages
    for page in pages(built_site):
        html = page.read_text(encoding="utf-8")
        block = re.search(r'<script type="application/json" id="partways-offline">(.*?)</script>',
                          html, re.S)
        assert block, page
        data = json.loads(block[1])
        assert data["tools"] == tool_pages[edition(page, built_site)], page
        assert data["runtime"] == list(build["runtime"]["files"])
        assert data["runtime_cache"] == build["runtime"]["cache"]


def edition(page: Path, site: Path) -> str:
    first = page.relative_to(site).parts[0]
    return first if first in ("ru", "pl") else "en"


def test_a_changed_file_gives_its_group_a_new_cache(built_site, tmp_path):
    """Caches are named by what they hold: a changed page renames the site's cache only, a
    changed runtime file the runtime's only."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    source = ROOT / "docs" / hook.SOURCE
    before = hook.write_service_worker(site, source)
    assert before == service_worker(built_site)
    page = site / "tools" / "letter" / "index.html"
    page.write_text(page.read_text("utf-8") + "\n", "utf-8")
    after_page = hook.write_service_worker(site, source)
    assert after_page["site"]["cache"] != before["site"]["cache"]
    assert after_page["runtime"]["cache"] == before["runtime"]["cache"]
    lock = site / "assets" / "pyodide" / "pyodide-lock.json"
    lock.write_text(lock.read_text("utf-8") + "\n", "utf-8")
    after_lock = hook.write_service_worker(site, source)
    assert after_lock["runtime"]["cache"] != before["runtime"]["cache"]
    assert after_lock["site"]["cache"] == after_page["site"]["cache"]
    assert after_lock["version"] not in (before["version"], after_page["version"])
    assert all(build[group]["cache"].startswith("partways-sw-")
               for build in (before, after_page, after_lock) for group in ("site", "runtime"))
