"""Faults the live tools meet in the wild: a runtime file or our wheel that does not arrive,
a wheel that does not match the lock file, a slow network, corrupted saved entries and an
engine worker that dies mid-request. Each leaves the static content working, the reader's
entries intact (in the form and in localStorage, across a reload) and a status line that
says what happened, in the page's language."""

from __future__ import annotations

import time
import tomllib

import pytest

from browser_helpers import (
    CASE_KEY,
    READ_NOTICE,
    ROOT,
    WORKER_PATH,
    cli_json,
    fields,
    fill_letter_basics,
    labels,
    page_path,
    read,
    stored,
    stored_as_shown,
    until,
    wait_ready,
    widget,
)

pytestmark = pytest.mark.browser

LIVE = tomllib.loads((ROOT / "macros" / "live.toml").read_text(encoding="utf-8"))
PROMPT_MS = 8_000  # a cold engine loads in about 5 s on two cores; a failure should not be slower
ANSWER_TIMEOUT_MS = 15_000  # engine.js

# What a reader enters in each tool: text and choices, yes/no boxes, ticked list items.
ENTRIES = {
    "notice": {"received": "2026-11-05", "period": "3", "jurisdiction": "pl"},
    "checklist": {"jurisdiction": "pl", "done": ["termination_clause", "records"]},
    "assess": {"payment_delay_days": "30", "haggling": True, "scope_creep": True},
    "letter": {"client": "Offline Client Ltd", "reason": "breach", "period": "2",
               "unit": "months"},
}

# The widget's form fields and static output, as built, against the live page.
SAME_AS_BUILT = """
(root, html) => {
  const built = new DOMParser().parseFromString(html, "text/html")
    .querySelector(`.pw-widget[data-widget="${root.dataset.widget}"]`);
  // The fields (the live tool adds buttons of its own, such as the letter's "use the dates
  // from the calculator").
  const shape = (form) => JSON.stringify([...form.elements].filter((element) =>
    element.tagName !== "BUTTON").map((element) =>
    [element.tagName, element.type, element.name, element.type === "checkbox" ? element.value : ""]));
  const same = (selector, read) => read(root.querySelector(selector)) === read(built.querySelector(selector));
  return {
    form: same("form", shape),
    note: same(".pw-static-note", (node) => node.textContent),
    // Material wraps the static tables in a box that scrolls them: compare what they say.
    output: same("[data-output]", (node) => node.textContent),
  };
}
"""


def goto_tool(page, tool: str, lang: str) -> None:
    page.goto(page.base_url + page_path(lang, tool))


def pump_until(page, check, seconds: float, what: str):
    """Wait for ``check()`` while Playwright delivers events (route handlers, workers)."""
    deadline = time.monotonic() + seconds
    while not (value := check()) and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert value, f"timed out waiting for {what}"
    return value


def wait_error(page, tool: str, timeout_ms: float = 60_000) -> None:
    page.wait_for_selector(f'.pw-widget[data-widget="{tool}"][data-state="error"]',
                           timeout=timeout_ms)


def status_text(page, tool: str) -> str:
    return widget(page, tool).locator(".pw-status").text_content()


def assert_reported(page, tool: str, lang: str, reason: str) -> None:
    words = LIVE[lang]
    root = widget(page, tool)
    assert root.get_attribute("data-state") == "error"
    assert root.locator(".pw-status").get_attribute("role") == "status"
    assert status_text(page, tool) == f"{words[f'failed_{reason}']} {words['static_kept']}"
    assert page.evaluate("window.partways.workerCount()") == 0


def assert_static_content(page, site_dir, tool: str, lang: str, output: bool = True) -> None:
    """The form is the one the page was built with; so is the output, unless a live result
    already replaced it."""
    html = (site_dir / page_path(lang, tool) / "index.html").read_text(encoding="utf-8")
    same = widget(page, tool).evaluate(SAME_AS_BUILT, html)
    assert same["form"] and same["note"], same
    if output:
        assert same["output"], "the static output changed"
        assert widget(page, tool).get_attribute("data-result") is None


def enter(page, tool: str, entries: dict) -> None:
    root = widget(page, tool)
    for name, value in entries.items():
        field = root.locator(f'form [name="{name}"]')
        if isinstance(value, bool):
            field.set_checked(value)
        elif isinstance(value, list):
            for item in value:
                root.locator(f'form [name="{name}"][value="{item}"]').check()
        elif field.evaluate("(element) => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def assert_entries_kept(page, tool: str, entries: dict) -> None:
    """The entries are in the form and in the case, which holds the form as it stands."""
    shown = fields(page, tool)
    saved = stored(page, tool)
    for name, value in entries.items():
        if isinstance(value, list):
            assert all(shown[f"{name}={item}"] for item in value), (name, shown)
            assert set(value) <= set(saved[name]), (name, saved)
        elif isinstance(value, bool):
            assert shown[f"{name}=true"] is value, (name, shown)
            assert saved[name] is value, (name, saved)
        else:
            assert shown[name] == value, (name, shown)
            assert saved[name] == value, (name, saved)
    assert stored_as_shown(page, tool)


def engine_worker(page):
    return pump_until(page, lambda: next(
        (w for w in page.workers if w.url.endswith(WORKER_PATH)), None), 10, "the worker")


# --- files that do not arrive ------------------------------------------------------------------


def not_found(route) -> None:
    route.fulfill(status=404, content_type="text/plain", body="not found")


@pytest.mark.parametrize(("missing", "tool", "lang"), [
    ("python_stdlib.zip", "notice", "en"),
    ("pyodide.asm.mjs", "checklist", "ru"),
])
def test_missing_runtime_file_is_reported_at_once(new_page, site_dir, missing, tool, lang):
    page = new_page()
    page.route(f"**/assets/pyodide/{missing}", not_found)
    goto_tool(page, tool, lang)
    wait_error(page, tool, PROMPT_MS)
    assert_reported(page, tool, lang, "load")
    assert_static_content(page, site_dir, tool, lang)

    enter(page, tool, ENTRIES[tool])
    assert_entries_kept(page, tool, ENTRIES[tool])
    page.reload()
    wait_error(page, tool, PROMPT_MS)
    assert_reported(page, tool, lang, "load")
    assert_entries_kept(page, tool, ENTRIES[tool])


def watch_wheel(page, respond) -> list[float]:
    """Answer requests for our wheel with ``respond``; returns when each one was asked for."""
    asked: list[float] = []

    def handler(route):
        asked.append(time.monotonic())
        respond(route)

    page.route("**/assets/pyodide/partways-*.whl", handler)
    return asked


def test_missing_wheel_is_reported_when_it_is_asked_for(new_page, site_dir):
    page = new_page()
    asked = watch_wheel(page, not_found)
    goto_tool(page, "letter", "pl")
    pump_until(page, lambda: asked, 60, "the wheel to be asked for")
    wait_error(page, "letter", PROMPT_MS)
    assert_reported(page, "letter", "pl", "load")
    assert_static_content(page, site_dir, "letter", "pl")
    assert widget(page, "letter").locator("[data-output] .pw-static-output").is_visible()

    enter(page, "letter", ENTRIES["letter"])
    assert_entries_kept(page, "letter", ENTRIES["letter"])
    page.reload()
    wait_error(page, "letter")
    assert_reported(page, "letter", "pl", "load")
    assert_entries_kept(page, "letter", ENTRIES["letter"])


def appended(body: bytes) -> bytes:
    return body + b"\0"


def flipped(body: bytes) -> bytes:
    return body[:100] + bytes([body[100] ^ 1]) + body[101:]


@pytest.mark.parametrize(("tamper", "tool", "lang"), [
    (appended, "assess", "en"),
    (flipped, "notice", "pl"),
])
def test_wheel_that_does_not_match_the_lock_file_is_refused_at_once(
        new_page, site_dir, tamper, tool, lang):
    """Pyodide's loadPackage fetches each wheel with the lock file's sha256 as the fetch's
    integrity, so Chromium rejects the download and worker.js reports it."""
    page = new_page()

    def serve_tampered(route):
        response = route.fetch()
        route.fulfill(response=response, body=tamper(response.body()))

    asked = watch_wheel(page, serve_tampered)
    goto_tool(page, tool, lang)
    pump_until(page, lambda: asked, 60, "the wheel to be asked for")
    wait_error(page, tool, PROMPT_MS)
    assert_reported(page, tool, lang, "load")
    assert_static_content(page, site_dir, tool, lang)

    enter(page, tool, ENTRIES[tool])
    page.reload()
    wait_error(page, tool)
    assert_entries_kept(page, tool, ENTRIES[tool])


# --- a slow network ----------------------------------------------------------------------------


class SlowNetwork:
    """Holds every runtime request; ``release_due`` lets each through ``delay`` seconds after
    it was made, once the test starts calling it."""

    def __init__(self, page, delay: float):
        self.delay = delay
        self.held: list[tuple[float, object]] = []
        self.urls: list[str] = []
        page.route("**/assets/pyodide/**", self.hold)

    def hold(self, route) -> None:
        self.urls.append(route.request.url)
        self.held.append((time.monotonic(), route))

    def release_due(self) -> None:
        now = time.monotonic()
        while self.held and now - self.held[0][0] >= self.delay:
            self.held.pop(0)[1].continue_()


RECORD_STATUS = """
window.__statuses = [];
new MutationObserver(() => {
  const text = document.querySelector(".pw-status")?.textContent;
  if (text !== undefined && text !== window.__statuses.at(-1)) window.__statuses.push(text);
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


def test_slow_network_keeps_the_form_usable_and_the_first_result_uses_what_was_typed(
        new_page, site_dir):
    expected = cli_json("notice", "--received", "2026-11-05", "--days", "3",
                        "--jurisdiction", "pl", "--lang", "en")
    page = new_page()
    network = SlowNetwork(page, delay=2.0)
    page.add_init_script(RECORD_STATUS)
    goto_tool(page, "notice", "en")
    words = LIVE["en"]
    root = widget(page, "notice")
    page.wait_for_selector('.pw-widget[data-widget="notice"][data-state="loading"]')
    words = {**words, **labels(page, "notice")}  # the runtime's size is filled in at build time
    pump_until(page, lambda: status_text(page, "notice") == words["loading_runtime"], 10,
               "the runtime stage")
    assert network.held, "the runtime was not held back"

    # While the runtime is on its way, the form is an ordinary form, and typing is kept.
    assert_static_content(page, site_dir, "notice", "en")
    enter(page, "notice", ENTRIES["notice"])
    assert_entries_kept(page, "notice", ENTRIES["notice"])
    assert root.get_attribute("data-state") == "loading"

    def loaded():
        network.release_due()
        return root.get_attribute("data-result")

    pump_until(page, loaded, 90, "the first live result")
    assert root.get_attribute("data-state") == "ready"
    first = read(page, "notice", READ_NOTICE)
    assert first["end_date"] == expected["end_date"] == "2026-11-09", first
    assert first["moved_by"] == expected["moved_by"]
    statuses = page.evaluate("window.__statuses")
    stages = [words["loading_runtime"], words["loading_engine"], ""]
    assert [text for text in statuses if text in stages] == stages, statuses
    assert sum("/assets/pyodide/" in url for url in network.urls) >= 5
    assert_entries_kept(page, "notice", ENTRIES["notice"])


# --- corrupted saved entries -------------------------------------------------------------------

OLD_KEYS = [f"partways:v1:{key}" for key in
            ("notice", "checklist", "assess", "letter", "letter-body")]
# Garbage under the keys of the previous version (read once, to move them into the case)...
OLD_GARBAGE = [
    pytest.param("{not json", "notice", id="not-json"),
    pytest.param("[1,2]", "checklist", id="array"),
    pytest.param('"string"', "assess", id="string"),
    pytest.param("null", "letter", id="null"),
    pytest.param('{"days": {"x": 1}, "options": "oops", "client": 42}', "letter",
                 id="wrong-types-letter"),
    pytest.param('{"done": "oops", "jurisdiction": ["pl"], "received": {}}', "checklist",
                 id="wrong-types-checklist"),
    pytest.param('{"payment_delay_days": [], "haggling": "yes", "__proto__": {"x": 1}}', "assess",
                 id="wrong-types-assess"),
]
# ...and under the case's own key.
CASE_GARBAGE = [
    pytest.param("{not json", "notice", id="case-not-json"),
    pytest.param('{"fields": [1, 2]}', "checklist", id="case-fields-array"),
    pytest.param('{"fields": {"period": {"value": {"x": 1}, "at": 1}, "options": {"value": "oops",'
                 ' "at": 1}, "client": {"value": 42, "at": 1}, "received": {"value": "2026-11-05"},'
                 ' "calculator": {"value": {"received": 5}, "at": 1}}}', "letter",
                 id="case-wrong-types-letter"),
    pytest.param('{"fields": {"done": {"value": "oops", "at": 1}, "jurisdiction": {"value": ["pl"],'
                 ' "at": 1}}}', "checklist", id="case-wrong-types-checklist"),
    pytest.param('{"fields": {"payment_delay_days": {"value": "30", "at": "x"}, "haggling":'
                 ' {"value": "yes", "at": 1}, "__proto__": {"value": {"x": 1}, "at": 1}}}',
                 "assess", id="case-wrong-types-assess"),
]


@pytest.mark.parametrize(("keys", "garbage", "tool"), [
    *[pytest.param(OLD_KEYS, *param.values, id=param.id) for param in OLD_GARBAGE],
    *[pytest.param([CASE_KEY], *param.values, id=param.id) for param in CASE_GARBAGE],
])
def test_corrupted_saved_entries_are_ignored_and_replaced(new_page, keys, garbage, tool):
    page = new_page()
    page.goto(page.base_url)  # same origin, no tool: nothing reads the entries yet
    page.evaluate("""([keys, garbage]) => {
      for (const key of keys) localStorage.setItem(key, garbage);
    }""", [keys, garbage])
    goto_tool(page, tool, "en")
    wait_ready(page, tool)
    root = widget(page, tool)
    if tool == "letter":  # its form starts empty: the first answer is what the letter needs
        until(lambda: root.locator(".pw-missing").count() == 1, what="what the letter needs")
    else:
        until(lambda: root.get_attribute("data-result") == "ok", what="a live result")
    assert not root.locator(".pw-error").count()

    enter(page, tool, ENTRIES[tool])
    assert_entries_kept(page, tool, ENTRIES[tool])
    saved = stored(page, tool)
    assert all(isinstance(value, str | bool | list) for value in saved.values()), saved
    shown = fields(page, tool)
    page.reload()
    wait_ready(page, tool)
    assert fields(page, tool) == shown


def test_corrupted_saved_draft_does_not_replace_the_letter(new_page):
    page = new_page()
    page.goto(page.base_url)
    page.evaluate('localStorage.setItem("partways:v1:letter-body", \'{"text": {"x": 1}}\')')
    goto_tool(page, "letter", "en")
    wait_ready(page, "letter")
    fill_letter_basics(page, "en")
    draft = widget(page, "letter").locator("#pw-letter-draft")
    until(draft.input_value, what="a draft")
    assert "[object Object]" not in draft.input_value()


# --- the worker dies mid-request ---------------------------------------------------------------


def engine_raises(page, worker) -> None:
    """handle_json's answer cannot be read: an error inside handling a request."""
    worker.evaluate("() => { JSON.parse = () => { throw new Error('simulated engine fault'); }; }")


def handler_throws(page, worker) -> None:
    """The worker's message handler itself throws: the Worker's error event."""
    worker.evaluate("() => { self.onmessage = () => { throw new Error('simulated crash'); }; }")


def closes_silently(page, worker) -> None:
    """The worker is gone without a word (as when the browser kills it)."""
    closed = []
    worker.on("close", lambda _: closed.append(True))
    worker.evaluate("() => { setTimeout(() => self.close(), 0); }")
    pump_until(page, lambda: closed, 10, "the worker to close")


CRASH_ENTRIES = {
    "notice": {"received": "2026-11-05", "period": "3", "jurisdiction": "pl"},
    "assess": {"payment_delay_days": "45", "haggling": True},
    "checklist": {"done": ["termination_clause", "lessons"]},
}


@pytest.mark.parametrize(("kill", "tool", "lang"), [
    (engine_raises, "notice", "ru"),
    (handler_throws, "assess", "en"),
    (closes_silently, "checklist", "pl"),
])
def test_worker_dying_mid_request_is_reported_as_a_crash(new_page, site_dir, kill, tool, lang):
    page = new_page()
    page.clock.install()  # the silent death is noticed by engine.js's answer timeout
    goto_tool(page, tool, lang)
    wait_ready(page, tool)
    enter(page, tool, CRASH_ENTRIES[tool])
    kill(page, engine_worker(page))

    # One request, and no change after it: the next change would restart the engine.
    widget(page, tool).locator("form").evaluate("(form) => form.requestSubmit()")
    if kill is closes_silently:
        page.wait_for_timeout(500)
        assert widget(page, tool).get_attribute("data-state") == "ready"  # no answer, yet
        page.clock.fast_forward(ANSWER_TIMEOUT_MS + 1000)
    wait_error(page, tool, PROMPT_MS)
    assert_reported(page, tool, lang, "crash")
    assert_static_content(page, site_dir, tool, lang, output=False)
    assert_entries_kept(page, tool, CRASH_ENTRIES[tool])

    # A fresh page starts a fresh engine, which answers for the entries kept.
    page.reload()
    wait_ready(page, tool)
    assert_entries_kept(page, tool, CRASH_ENTRIES[tool])
    assert widget(page, tool).get_attribute("data-result") == "ok"


def test_next_input_after_a_crash_restarts_the_engine(new_page):
    page = new_page()
    goto_tool(page, "notice", "en")
    wait_ready(page, "notice")
    handler_throws(page, engine_worker(page))
    enter(page, "notice", {"period": "9"})
    wait_error(page, "notice", PROMPT_MS)

    enter(page, "notice", ENTRIES["notice"])
    pump_until(page, lambda: page.evaluate("window.partways.workerCount()") == 1, 3,
               "a new worker")
    page.wait_for_selector('.pw-widget[data-widget="notice"][data-state="ready"]',
                           timeout=60_000)
    until(lambda: read(page, "notice", READ_NOTICE)["end_date"] == "2026-11-09",
          what="the result for the new entries")
