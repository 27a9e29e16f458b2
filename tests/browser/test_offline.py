"""After one visit to a tool page the whole site works offline: every page of every edition
opens (full loads and instant navigation), search finds pages, and every tool answers. A new
build replaces the stored one whole, only once no page of the old one is open; Save-Data
keeps everything from being stored; nothing is ever asked of another host.

The site is built for, and served below, a sub-path (as GitHub Pages serves a fork), by a
host that can be unplugged (offline_host.py): with the network "off", the browser is told
so (``context.set_offline``) and the host closes every connection unanswered as well."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from browser_helpers import (
    READ_CHECKLIST,
    READ_NOTICE,
    TOOL_PAGES,
    WORKER_PATH,
    cli_json,
    click_nav,
    page_path,
    read,
    settle,
    until,
    wait_ready,
    widget,
)
from offline_host import SUB_PATH, Visit
from test_editions_in_browser import _search

pytestmark = pytest.mark.browser
pytest_plugins = ["offline_fixtures"]  # builds, host, visits

OFFLINE_MODULE = "assets/javascripts/partways/offline.js"
INTENT_MODULE = "assets/javascripts/partways/intent.js"
CACHE_TIMEOUT_S = 90.0
SEARCHES = {"en": "notice period", "ru": "уведомления", "pl": "wypowiedzenia"}
SAVE_DATA = "Object.defineProperty(NetworkInformation.prototype, 'saveData', { get: () => true });"


def module_url(page, module: str) -> str:
    return page.base_url + module


def offline_state(page) -> str:
    return page.evaluate("async (url) => (await import(url)).offlineState()",
                         module_url(page, OFFLINE_MODULE))


def stored_site(page) -> dict:
    """Waits for the service worker to have stored the whole build; its status."""
    until(lambda: offline_state(page) in ("registered", "skipped", "failed"), CACHE_TIMEOUT_S,
          "the service worker's registration")
    assert offline_state(page) == "registered"
    status = page.evaluate(
        "async (url) => (await import(url)).askServiceWorker({ type: 'fill' })",
        module_url(page, OFFLINE_MODULE))
    assert status["error"] is None, status
    assert status["complete"], status
    return status


def cache_names(page) -> list[str]:
    return sorted(page.evaluate("caches.keys()"))


def unplug(visit: Visit) -> None:
    visit.host.online = False
    visit.context.set_offline(True)


def plug_in(visit: Visit) -> None:
    visit.host.online = True
    visit.context.set_offline(False)


def open_tool(page, tool: str, lang: str = "en"):
    response = page.goto(page.base_url + page_path(lang, tool))
    assert response is not None and response.ok, response and response.status
    wait_ready(page, tool)
    return widget(page, tool)


def built_pages(site: Path) -> list[str]:
    folders = (path.parent.relative_to(site).as_posix() for path in site.rglob("index.html"))
    return sorted("" if folder == "." else f"{folder}/" for folder in folders)


def title(site: Path, path: str) -> str:
    html = (site / path).read_text(encoding="utf-8")
    return unescape(re.search(r"<title>(.*?)</title>", html, re.S)[1]).strip()


def notice_answer(page, lang: str, period: str) -> None:
    """Enter a notice and see the engine's answer, the one the CLI gives."""
    expected = cli_json("notice", "--received", "2026-11-05", "--days", period,
                        "--jurisdiction", "pl", "--lang", lang)
    root = widget(page, "notice")
    root.locator('[name="received"]').fill("2026-11-05")
    root.locator('[name="period"]').fill(period)
    root.locator('[name="jurisdiction"]').select_option("pl")
    settle(lambda: read(page, "notice", READ_NOTICE)["end_date"], expected["end_date"])



# --- offline after one visit -------------------------------------------------------------------


def test_one_visit_to_a_tool_keeps_the_whole_site_for_offline_use(visits, host, builds):
    site = builds["first"] / SUB_PATH.strip("/")
    visit = visits(host)
    page = visit.new_page()
    open_tool(page, "notice")
    status = stored_site(page)
    assert status["groups"]["site"]["want"] >= 3 * 18 and status["groups"]["runtime"]["want"] >= 5

    unplug(visit)
    before = len(host.answered)

    # A reload, then instant navigation to every other tool, each answering.
    page.reload()
    wait_ready(page, "notice")
    notice_answer(page, "en", "3")
    page.evaluate("window.__offlineMarker = 'same document'")
    click_nav(page, "checklist")
    box = widget(page, "checklist").locator('input[name="done"]:not(:checked)').first
    done = read(page, "checklist", READ_CHECKLIST)["done"]
    box.check()
    settle(lambda: read(page, "checklist", READ_CHECKLIST)["done"], done + 1)
    click_nav(page, "assess")
    click_nav(page, "letter")
    assert page.evaluate("window.__offlineMarker") == "same document"

    # Every page of every edition, by a full load.
    pages = built_pages(site)
    assert len(pages) >= 3 * 18
    for path in pages:
        response = page.goto(page.base_url + path, wait_until="load")
        assert response is not None and response.status == 200, (path, response and response.status)
        assert page.title() == title(site, path + "index.html"), path
    # A page that is not in the build: the build's own 404 page, with its status.
    response = page.goto(page.base_url + "no-such-page/")
    assert response.status == 404 and page.title() == title(site, "404.html")

    # Search in every edition, and the tools of the other editions.
    for lang, query in SEARCHES.items():
        page.goto(page.base_url + ("" if lang == "en" else f"{lang}/"), wait_until="networkidle")
        assert _search(page, query), (lang, query)
    open_tool(page, "letter", "ru")
    page.goto(page.base_url + page_path("pl", "notice"))
    wait_ready(page, "notice")
    notice_answer(page, "pl", "14")

    assert host.answered[before:] == [], "the host answered while unplugged"
    assert not visit.foreign(), visit.foreign()
    assert not visit.errors, visit.errors


def test_the_service_worker_asks_only_the_site(visits, host):
    """Online: what the service worker itself fetches (it stores the whole build) goes to the
    site's origin, below its sub-path (and the requests it makes are seen: at least one per
    page of the three editions)."""
    visit = visits(host)
    page = visit.new_page()
    open_tool(page, "assess")
    stored_site(page)
    by_worker = [url for url, from_worker in visit.requests if from_worker]
    assert len(by_worker) >= 3 * 18, "the service worker's own requests were not seen"
    assert all(url.startswith(host.site_url) for url in by_worker), by_worker
    assert not visit.foreign(), visit.foreign()


def test_the_runtime_the_tool_downloaded_is_not_downloaded_again(visits, host):
    """The service worker stores the runtime after the first result from the browser's HTTP
    cache, where the tool's own download left it: the host sends each runtime file once."""
    visit = visits(host)
    page = visit.new_page()
    open_tool(page, "letter")
    runtime = stored_site(page)["groups"]["runtime"]
    sent = [path for path in host.answered_paths() if "/assets/pyodide/" in path]
    assert len(sent) == len(set(sent)) == runtime["want"], sorted(sent)


def test_a_page_without_a_live_result_registers_no_service_worker(visits, host):
    """A reader who never got a live answer (here the runtime's .wasm never arrives, as in
    test_faults.py) gets no service worker that could hide the failure on the next visit."""
    visit = visits(host)
    page = visit.new_page()
    page.route("**/*.wasm", lambda route: route.abort())
    page.goto(page.base_url + page_path("en", "notice"))
    page.wait_for_selector('.pw-widget[data-widget="notice"][data-state="error"]', timeout=60_000)
    page.goto(page.base_url, wait_until="networkidle")
    assert offline_state(page) == "waiting"
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0


def test_save_data_stores_nothing(visits, host):
    visit = visits(host)
    visit.context.add_init_script(SAVE_DATA)
    page = visit.new_page()
    open_tool(page, "notice")
    until(lambda: offline_state(page) != "waiting", 30, "the decision to store or not")
    assert offline_state(page) == "skipped"
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
    assert not [name for name in cache_names(page) if name.startswith("partways-sw-")]
    assert not [url for url, from_worker in visit.requests if from_worker]


# --- a new build -------------------------------------------------------------------------------


def worker_build(page) -> str | None:
    engine = next(w for w in reversed(page.workers) if w.url.endswith(WORKER_PATH))
    return engine.evaluate("self.partwaysBuild || null")


def test_a_new_build_replaces_the_stored_one_whole(visits, host, builds):
    visit = visits(host)
    page = visit.new_page()
    open_tool(page, "notice")
    first = stored_site(page)
    first_caches = cache_names(page)
    assert {first["groups"][name]["cache"] for name in ("site", "runtime")} <= set(first_caches)

    # The next deploy: the first build's worker still answers this reader's pages, old page
    # and old engine together, while the new build installs beside it.
    host.root = builds["second"]
    served_before = len(host.answered)
    page.goto(page.base_url + TOOL_PAGES["notice"])
    wait_ready(page, "notice")
    until(lambda: page.evaluate("""async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return Boolean(registration && registration.waiting);
    }"""), CACHE_TIMEOUT_S, "the new build to be installed")
    assert page.locator("#build-marker").count() == 0
    assert worker_build(page) is None
    # Installed means stored whole, from the files that changed only: the rest were copied.
    fetched = set(host.answered_paths()[served_before:])
    assert f"/{SUB_PATH}assets/pyodide/pyodide-lock.json" in fetched
    assert f"/{SUB_PATH}tools/notice-dates/index.html" in fetched or \
        f"/{SUB_PATH}tools/notice-dates/" in fetched
    assert not any(path.endswith((".wasm", ".whl", "python_stdlib.zip")) for path in fetched), fetched

    assert set(first_caches) <= set(cache_names(page)), "old caches deleted while still in use"

    # Once no page of the first build is open, the second takes over and the first's caches go
    # (watched from a page of the same origin outside the site, which the worker does not serve).
    page.close()
    page = visit.new_page()
    page.goto(host.origin + "/")
    until(lambda: page.evaluate("""async (scope) => {
      const registration = await navigator.serviceWorker.getRegistration(scope);
      return !registration.waiting && registration.active?.state === "activated";
    }""", host.site_url), CACHE_TIMEOUT_S, "the new build to take over")
    open_tool(page, "notice")
    assert page.locator("#build-marker").inner_text() == "second build"
    assert worker_build(page) == "second build"
    second = page.evaluate(
        "async (url) => (await import(url)).askServiceWorker({ type: 'status' })",
        module_url(page, OFFLINE_MODULE))
    assert second["complete"] and second["version"] != first["version"]
    names = [name for name in cache_names(page) if name.startswith("partways-sw-")]
    assert sorted(names) == sorted(second["groups"][name]["cache"] for name in ("site", "runtime"))
    assert not set(names) & set(first_caches)

    unplug(visit)
    page.reload()
    wait_ready(page, "notice")
    assert page.locator("#build-marker").inner_text() == "second build"
    assert worker_build(page) == "second build"
    notice_answer(page, "en", "3")
    plug_in(visit)
    assert not visit.errors, visit.errors


def test_cache_names_follow_the_convention(visits, host):
    visit = visits(host)
    page = visit.new_page()
    open_tool(page, "checklist")
    status = stored_site(page)
    block = json.loads(page.locator("#partways-offline").text_content())
    assert block["runtime_cache"] == status["groups"]["runtime"]["cache"]
    assert all(group["cache"].startswith("partways-sw-") for group in status["groups"].values())
