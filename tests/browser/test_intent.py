"""The engine's download starts before the click: pointing at, focusing or touching a link to
a tool page fetches the runtime and wheels the tool's worker will need, once, and the tool
then finds them in the browser's cache. Nothing is fetched on a page read without such a
sign, nor with Save-Data on."""

from __future__ import annotations

import json

import pytest

from browser_helpers import READ_NOTICE, WORKER_PATH, page_path, read, until, wait_ready

pytestmark = pytest.mark.browser
pytest_plugins = ["offline_fixtures"]  # builds, host, visits

INTENT_MODULE = "assets/javascripts/partways/intent.js"
RUNTIME = "assets/pyodide/"
SAVE_DATA = "Object.defineProperty(NetworkInformation.prototype, 'saveData', { get: () => true });"


def intent_state(page) -> str:
    return page.evaluate("async (url) => (await import(url)).intentState()",
                         page.base_url + INTENT_MODULE)


def runtime_requests(visit) -> list[str]:
    return [url.removeprefix(visit.host.site_url) for url, _ in visit.requests
            if url.startswith(visit.host.site_url + RUNTIME)]


def listed_runtime(page) -> list[str]:
    return json.loads(page.locator("#partways-offline").text_content())["runtime"]


def nav_link(page, lang: str, tool: str):
    target = page.base_url + page_path(lang, tool)
    links = page.locator("nav.md-nav--primary a.md-nav__link")
    hrefs = links.evaluate_all("(links) => links.map((link) => link.href)")
    assert target in hrefs, f"no navigation link to {target}"
    return links.nth(hrefs.index(target))


def read_without_intent(page) -> None:
    """Open the home page and read it: scroll it through, point at text and at links that
    lead to pages without a tool."""
    page.goto(page.base_url, wait_until="networkidle")
    page.mouse.wheel(0, 4000)
    page.locator("article p").first.hover()
    nav_link(page, "en", "notice")  # the link is there...
    for href in ("legal/", "tools/cli/", "tools/security/"):
        page.locator(f'nav.md-nav--primary a.md-nav__link[href$="{href}"]').first.hover()
    page.wait_for_load_state("networkidle")


def touch(page, locator) -> None:
    """A finger on the link, lifted off it (so no click follows), as Chromium's input does."""
    box = locator.bounding_box()
    point = {"x": box["x"] + box["width"] / 2, "y": box["y"] + box["height"] / 2}
    session = page.context.new_cdp_session(page)
    session.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [point]})
    session.send("Input.dispatchTouchEvent", {"type": "touchCancel", "touchPoints": []})
    session.detach()


GESTURES = {
    "pointer": lambda page, link: link.hover(),
    "focus": lambda page, link: link.focus(),
    "touch": touch,
}


def test_a_page_read_without_intent_fetches_no_runtime(visits, host):
    visit = visits(host)
    page = visit.new_page()
    read_without_intent(page)
    assert runtime_requests(visit) == []
    assert intent_state(page) == "idle"


@pytest.mark.parametrize("gesture", list(GESTURES))
def test_intent_on_a_tool_link_fetches_the_runtime_once(visits, host, gesture):
    visit = visits(host, has_touch=gesture == "touch")
    page = visit.new_page()
    read_without_intent(page)
    assert runtime_requests(visit) == []

    GESTURES[gesture](page, nav_link(page, "en", "notice"))
    until(lambda: intent_state(page) in ("done", "failed"), 60, "the prefetch")
    assert intent_state(page) == "done"
    runtime = listed_runtime(page)
    assert sorted(runtime_requests(visit)) == sorted(runtime)  # each listed file, once

    # More signs, on the same or another tool, after a reload too: nothing more is fetched.
    GESTURES[gesture](page, nav_link(page, "en", "checklist"))
    page.reload(wait_until="networkidle")
    GESTURES[gesture](page, nav_link(page, "en", "letter"))
    page.wait_for_load_state("networkidle")
    assert sorted(runtime_requests(visit)) == sorted(runtime)

    # The tool's worker finds the files in the cache: the host sent each one once.
    nav_link(page, "en", "notice").click()
    wait_ready(page, "notice")
    assert read(page, "notice", READ_NOTICE)["result"] == "ok"
    sent = [path.removeprefix(f"/{host.site_url.split('/', 3)[3]}")
            for path in host.answered_paths() if RUNTIME in path]
    assert sorted(sent) == sorted(runtime), [entry for entry in host.answered if RUNTIME in entry[0]]


def test_the_engine_started_on_intent_is_the_one_the_tool_uses(visits, host):
    """With instant navigation, intent starts the engine's own worker, which outlives the
    swap to the tool page: one worker, one download of each file, even when the click comes
    while the files are still arriving."""
    visit = visits(host)
    page = visit.new_page()
    read_without_intent(page)
    # A 20 Mbit/s link (as the bench's cable profile), so the click comes mid-download.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 40, "downloadThroughput": 20e6 / 8,
        "uploadThroughput": 5e6 / 8})
    link = nav_link(page, "en", "notice")
    link.hover()
    until(lambda: intent_state(page) != "idle", 10, "the intent to be seen")
    link.click()  # at once: the download is under way
    wait_ready(page, "notice")
    assert read(page, "notice", READ_NOTICE)["result"] == "ok"
    assert page.evaluate("window.partways.workerCount()") == 1
    engine_workers = [worker.url for worker in page.workers if worker.url.endswith(WORKER_PATH)]
    assert len(engine_workers) == 1, engine_workers
    # The host sent each file once (what else asks for them later, the service worker and the
    # snapshot's maker, finds them in the HTTP cache).
    sent = [path.removeprefix(f"/{host.site_url.split('/', 3)[3]}")
            for path in host.answered_paths() if RUNTIME in path]
    assert sorted(sent) == sorted(listed_runtime(page)), sent


def test_save_data_skips_the_prefetch(visits, host):
    visit = visits(host)
    visit.context.add_init_script(SAVE_DATA)
    page = visit.new_page()
    read_without_intent(page)
    nav_link(page, "en", "notice").hover()
    nav_link(page, "en", "letter").focus()
    assert intent_state(page) == "skipped"
    page.wait_for_load_state("networkidle")
    assert runtime_requests(visit) == []
