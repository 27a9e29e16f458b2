"""Repeat visits restore a memory snapshot instead of starting Python afresh: made in the
reader's own browser after the first live result (snapshot.js, a worker of its own that
never sees the reader's entries), kept in Cache Storage under the runtime's build id. The
restored engine answers every tool in every language as a fresh one does; a snapshot that
fails in any way gives way to a fresh start and is dropped; one of another build is never
used; a reader who asked to save data gets none."""

from __future__ import annotations

import pytest

from browser_helpers import (
    WORKER_PATH,
    ask_engine,
    engine_state,
    every_tool_request,
    fill_letter_basics,
    open_tool,
    page_path,
    until,
    wait_ready,
)
from partways import handle_request

pytestmark = pytest.mark.browser

SNAPSHOT_WORKER = "/assets/javascripts/partways/snapshot.js"
RUNTIME_MODULE = "assets/javascripts/partways/runtime.js"
SNAPSHOTS = "partways-snapshots"  # runtime.js's cache

# What Cache Storage holds for the site's snapshots: the keys below the runtime's folder.
STORED = """async (cacheName) => {
  const cache = await caches.open(cacheName);
  return (await cache.keys()).map((request) => new URL(request.url).pathname);
}"""
BUILD = "async (url) => (await (await fetch(url)).json()).build"


def build_id(page) -> str:
    return page.evaluate(BUILD, page.base_url + "assets/pyodide/runtime.json")


def stored(page) -> list[str]:
    return page.evaluate(STORED, SNAPSHOTS)


def wait_saved(page) -> None:
    until(lambda: engine_state(page)["snapshot"] == "saved", 90, "the snapshot to be saved")


def engine_workers(page) -> list[str]:
    return [url for url in page.watch.workers if url.endswith(WORKER_PATH)]


def visit_with_a_snapshot(new_page, tool="notice", lang="en"):
    """A fresh browser profile that has visited a tool once and kept its snapshot. The site's
    service worker is kept out: page.route does not see the requests it answers, and what
    is measured here is the engine's own start (conftest.py)."""
    page = new_page(service_workers="block")
    open_tool(page, tool, lang)
    assert engine_state(page)["from"] == "fresh"
    wait_saved(page)
    build = build_id(page)
    assert stored(page) == [f"/assets/pyodide/snapshot/{build}"]
    return page, build


def revisit(page, tool="notice", lang="en") -> int:
    """Open the tool again (a new document, so a new engine worker); the index in the
    page's requests where this visit's begin."""
    start = len(page.watch.requests)
    page.goto(page.base_url + page_path(lang, tool))
    wait_ready(page, tool)
    return start


def test_a_repeat_visit_restores_the_snapshot_and_every_tool_answers_the_same(new_page):
    page, build = visit_with_a_snapshot(new_page)
    requests = every_tool_request()
    fresh = ask_engine(page, requests)
    assert fresh == [handle_request(request) for request in requests]

    start = revisit(page, "notice", "ru")
    assert engine_state(page) == {"phase": "ready", "from": "snapshot", "snapshot": "none"}
    assert ask_engine(page, requests) == fresh
    assert page.locator('.pw-widget[data-widget="notice"]').get_attribute("data-result") == "ok"
    # The engine's files came back with the snapshot: no wheel was asked for.
    this_visit = page.watch.requests[start:]
    assert not [url for url in this_visit if url.endswith(".whl")], this_visit
    assert any(url.endswith("/python_stdlib.zip") for url in this_visit)
    assert stored(page) == [f"/assets/pyodide/snapshot/{build}"]  # kept, not made again


# Ways a stored snapshot goes wrong, each done with runtime.js's own reader and writer.
CORRUPT = {
    # Not even a snapshot: the bytes of something else under its key.
    "unreadable": """async ([runtime, build]) => {
      const cache = await caches.open("partways-snapshots");
      const key = (await cache.keys())[0];
      await cache.put(key, new Response(new Uint8Array(4096).fill(7)));
    }""",
    # The heap's first bytes (Pyodide's own header) lost.
    "heap": """async ([runtime, build]) => {
      const { readSnapshot, saveSnapshot } = await import(runtime);
      const snapshot = await readSnapshot(build);
      snapshot.heap.fill(0, 0, 64);
      await saveSnapshot(build, snapshot);
    }""",
    # Restored, but its engine does not answer as the one that was saved.
    "answers otherwise": """async ([runtime, build]) => {
      const { readSnapshot, saveSnapshot } = await import(runtime);
      const snapshot = await readSnapshot(build);
      snapshot.probe = snapshot.probe.replace("2027-01-11", "2027-01-12");
      await saveSnapshot(build, snapshot);
    }""",
}


@pytest.mark.parametrize("damage", list(CORRUPT))
def test_a_snapshot_that_fails_gives_way_to_a_fresh_start_and_is_dropped(new_page, damage):
    page, build = visit_with_a_snapshot(new_page)
    page.evaluate(CORRUPT[damage], [page.base_url + RUNTIME_MODULE, build])

    revisit(page, "notice", "pl")
    assert engine_state(page) == {"phase": "ready", "from": "fresh", "snapshot": "none"}
    requests = every_tool_request()
    assert ask_engine(page, requests) == [handle_request(request) for request in requests]
    # Dropped, and not made again for this build.
    assert stored(page) == [f"/assets/pyodide/snapshot/{build}.failed"]
    # A restore that failed was given up for a new worker; one that could not read the
    # snapshot started afresh at once.
    assert len(engine_workers(page)) == (2 if damage == "unreadable" else 3)
    assert page.evaluate("window.partways.workerCount()") == 1
    page.wait_for_timeout(1000)  # an idle page would have started snapshot.js by now
    makers = [url for url in page.watch.workers if url.endswith(SNAPSHOT_WORKER)]
    assert len(makers) == 1, makers  # the first visit's


RESTORE_TIMEOUT_MS = 30_000  # engine.js


def test_a_restore_that_hangs_is_given_up_for_a_fresh_start(new_page):
    page, build = visit_with_a_snapshot(new_page)
    # The restoring worker's runtime never arrives (and the worker sees no failure to
    # report): only the page's clock can tell. The next worker's arrives.
    stalled = []

    def stall_the_first(route):
        if stalled:
            route.continue_()
        else:
            stalled.append(route)

    page.route("**/assets/pyodide/pyodide.asm.wasm", stall_the_first)
    page.clock.install()
    page.goto(page.base_url + page_path("en", "notice"))
    until(lambda: engine_state(page).get("stage") == "restore" and stalled, 30, "a stalled restore")
    page.clock.fast_forward(RESTORE_TIMEOUT_MS + 1000)
    wait_ready(page, "notice")
    assert engine_state(page) == {"phase": "ready", "from": "fresh", "snapshot": "none"}
    assert stored(page) == [f"/assets/pyodide/snapshot/{build}.failed"]
    assert len(engine_workers(page)) == 3
    requests = every_tool_request()
    assert ask_engine(page, requests) == [handle_request(request) for request in requests]


def test_a_snapshot_of_another_build_is_not_used_and_gives_way_to_a_new_one(new_page):
    page, build = visit_with_a_snapshot(new_page)
    other = "0" * 64
    page.evaluate(
        """async ([cacheName, from, to]) => {
          const cache = await caches.open(cacheName);
          const key = (await cache.keys())[0];
          await cache.put(key.url.replace(from, to), await cache.match(key));
          await cache.delete(key);
        }""",
        [SNAPSHOTS, build, other],
    )
    assert stored(page) == [f"/assets/pyodide/snapshot/{other}"]

    revisit(page, "checklist", "en")
    assert engine_state(page)["from"] == "fresh"
    assert f"/assets/pyodide/snapshot/{other}" not in stored(page)  # gone at once
    wait_saved(page)
    assert stored(page) == [f"/assets/pyodide/snapshot/{build}"]


FIRST_RESULT_AT = """
new MutationObserver((records, observer) => {
  if (records.some((r) => r.target.getAttribute("data-result") === "ok")) {
    window.__firstResultAt = Date.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-result"] });
"""


def test_the_snapshot_is_made_only_after_the_first_live_result(new_page):
    page = new_page()
    page.add_init_script(FIRST_RESULT_AT)
    asked = []
    page.on("request", lambda r: r.url.endswith(SNAPSHOT_WORKER) and asked.append(r))
    open_tool(page, "assess", "en")
    wait_saved(page)
    (request,) = asked
    assert request.timing["startTime"] >= page.evaluate("window.__firstResultAt")


SAVE_DATA = """
Object.defineProperty(NetworkInformation.prototype, "saveData", { get: () => true });
"""


def test_a_reader_who_saves_data_gets_no_snapshot(new_page):
    page = new_page()
    page.add_init_script(SAVE_DATA)
    open_tool(page, "notice", "en")
    assert page.evaluate("navigator.connection.saveData") is True
    until(lambda: engine_state(page)["snapshot"] == "skipped", 30, "the snapshot to be skipped")
    assert not [url for url in page.watch.requests if url.endswith(SNAPSHOT_WORKER)]
    assert stored(page) == []


# Searches the stored snapshot (heap and files) for the bytes of `marker`.
SNAPSHOT_HOLDS = """async ([cacheName, marker]) => {
  const cache = await caches.open(cacheName);
  const stored = new Uint8Array(await (await cache.match((await cache.keys())[0])).arrayBuffer());
  const needle = new TextEncoder().encode(marker);
  outer: for (let i = 0; i + needle.length <= stored.length; i++) {
    for (let j = 0; j < needle.length; j++) if (stored[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}"""


def test_the_snapshot_holds_none_of_the_readers_entries(new_page):
    page = new_page()
    marker = "Quokkaworks Zyxt Ltd"
    open_tool(page, "letter", "en")
    fill_letter_basics(page, "en", client=marker)
    until(lambda: marker in page.locator(
        '.pw-widget[data-widget="letter"] [data-output]').text_content(), what="the letter")
    wait_saved(page)
    assert page.evaluate(SNAPSHOT_HOLDS, [SNAPSHOTS, marker]) is False
    # The search finds what is there: the engine's own words, from its data files.
    assert page.evaluate(SNAPSHOT_HOLDS, [SNAPSHOTS, "Contact"]) is True
