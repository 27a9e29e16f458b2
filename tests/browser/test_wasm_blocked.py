"""Without WebAssembly (the runtime's .wasm blocked) the tools stay usable as plain forms,
say why the live part is missing, and keep what the reader enters.

Pyodide's loadPyodide() never settles when its .wasm does not arrive (it only logs "wasm
instantiation failed!"), so worker.js watches its own fetches and reports the blocked file at
once; the last test holds it to that. The others fake the page's clock and fast-forward past
engine.js's 60 s load timeout, so they pass whichever of the two reports first."""

from __future__ import annotations

import pytest

from browser_helpers import case_values, labels, page_path, stored, widget

pytestmark = pytest.mark.browser

LOAD_TIMEOUT_MS = 60_000  # engine.js
PROMPT_MS = 8_000  # a cold engine loads in about 5 s on two cores; a failure should not be slower


def blocked_page(new_page, fake_clock: bool = True):
    page = new_page()
    page.allow_console_errors()  # the aborted download is logged; that is the point
    page.route("**/*.wasm", lambda route: route.abort())
    page.failed_wasm = []
    page.on("requestfailed", lambda r: r.url.endswith(".wasm") and page.failed_wasm.append(r.url))
    if fake_clock:
        page.clock.install()
    return page


def open_without_engine(page, tool: str) -> None:
    """Open the tool's page and let the engine give up (its load timeout, fast-forwarded)."""
    page.failed_wasm.clear()
    page.goto(page.base_url + page_path("en", tool))
    for _ in range(300):  # Playwright delivers events while the test waits in its calls
        if page.failed_wasm:
            break
        page.wait_for_timeout(50)
    assert page.failed_wasm, "the .wasm download did not fail"
    root = widget(page, tool)
    assert root.get_attribute("data-state") in ("loading", "error")
    page.clock.fast_forward(LOAD_TIMEOUT_MS + 1000)
    page.wait_for_selector(f'.pw-widget[data-widget="{tool}"][data-state="error"]')


def assert_says_why(page, tool: str) -> None:
    words = labels(page, tool)
    status = widget(page, tool).locator(".pw-status")
    assert status.get_attribute("role") == "status"
    text = status.text_content().strip()
    failures = [words[key] for key in words if key.startswith("failed_")]
    assert any(text.startswith(failure) for failure in failures), text
    assert text.endswith(words["static_kept"]), text
    assert page.evaluate("window.partways.workerCount()") == 0


def test_checklist_works_as_a_plain_form_without_wasm(new_page):
    page = blocked_page(new_page)
    open_without_engine(page, "checklist")
    assert_says_why(page, "checklist")

    root = widget(page, "checklist")
    boxes = root.locator('input[name="done"]')
    assert boxes.count() >= 10
    first, second = boxes.nth(0), boxes.nth(3)
    first.check()
    root.locator(f'label[for="{second.get_attribute("id")}"]').click()  # by its label
    assert first.is_checked() and second.is_checked()
    page.clock.run_for(1000)
    ticked = [first.get_attribute("value"), second.get_attribute("value")]
    assert stored(page, "checklist")["done"] == ticked
    assert root.get_attribute("data-result") is None  # no live result pretends to exist

    page.reload()
    assert widget(page, "checklist").locator('input[name="done"]:checked').evaluate_all(
        "(boxes) => boxes.map((box) => box.value)") == ticked


def test_letter_and_notice_keep_static_content_and_entries_without_wasm(new_page):
    page = blocked_page(new_page)
    open_without_engine(page, "letter")
    assert_says_why(page, "letter")
    root = widget(page, "letter")
    # The form's output says what the live tool would do; the sample letters further down
    # the page are there to read.
    assert root.locator("[data-output] .pw-static-output").is_visible()
    sample = page.locator("figure.pw-sample pre.pw-letter").first
    assert sample.is_visible()
    assert "Dear" in sample.text_content()
    root.locator('[name="client"]').fill("Offline Client Ltd")
    root.locator('[name="received"]').fill("2026-12-01")
    root.locator('select[name="reason"]').select_option("breach")
    page.clock.run_for(1000)
    saved = stored(page, "letter")
    assert saved["client"] == "Offline Client Ltd" and saved["reason"] == "breach"
    assert root.locator("#pw-letter-draft").count() == 0

    open_without_engine(page, "notice")
    assert_says_why(page, "notice")
    notice = widget(page, "notice")
    assert notice.locator("[data-output] table").count() >= 1  # the worked examples
    # One case without the engine too: the notice starts from the letter's dates.
    assert notice.locator('[name="received"]').input_value() == "2026-12-01"
    notice.locator('[name="period"]').fill("9")
    page.clock.run_for(1000)
    assert stored(page, "notice")["period"] == "9"
    # The letter's entries survived the visit to another page.
    assert case_values(page)["client"] == "Offline Client Ltd"


def test_blocked_wasm_is_reported_promptly(new_page):
    page = blocked_page(new_page, fake_clock=False)
    page.goto(page.base_url + page_path("en", "checklist"))
    page.wait_for_selector('.pw-widget[data-widget="checklist"][data-state="error"]',
                           timeout=PROMPT_MS)
    assert_says_why(page, "checklist")
