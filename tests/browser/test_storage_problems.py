"""A browser that will not keep the reader's entries: site data denied (localStorage throws
a SecurityError, as in some private modes) or its storage full (QuotaExceededError). Each is
said once, in the page's language; the tools keep answering, the case still travels from
tool to tool during the visit, and nothing throws."""

from __future__ import annotations

import pytest

from browser_helpers import (
    READ_NOTICE,
    click_nav,
    fields,
    labels,
    open_tool,
    read,
    settle,
    until,
    wait_ready,
    widget,
)

pytestmark = pytest.mark.browser

DENIED = """
for (const name of ["localStorage", "sessionStorage"]) {
  Object.defineProperty(window, name, { configurable: true, get() {
    throw new DOMException("The operation is insecure.", "SecurityError");
  } });
}
"""
FULL = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""
DATES = {"received": "2026-11-05", "jurisdiction": "pl", "period": "3"}


def notes(page, tool: str) -> list[str]:
    return widget(page, tool).locator(".pw-storage-note:visible").all_text_contents()


def announced(page, tool: str) -> str:
    return widget(page, tool).locator('.pw-sr[aria-live="polite"]').text_content()


@pytest.mark.parametrize(("script", "problem", "lang"), [
    pytest.param(DENIED, "denied", "ru", id="denied"),
    pytest.param(FULL, "full", "pl", id="full"),
])
def test_storage_that_keeps_nothing_is_said_once_and_the_tools_work(
        new_page, script, problem, lang):
    page = new_page()
    page.add_init_script(script)
    root = open_tool(page, "notice", lang)
    sentence = labels(page, "notice")[f"storage_{problem}"]
    if problem == "full":
        # Nothing is written before the reader enters something; then the note comes.
        assert notes(page, "notice") == []
        root.locator('[name="received"]').fill("2026-11-05")
    until(lambda: notes(page, "notice") == [sentence], what="the note")
    until(lambda: announced(page, "notice").startswith(sentence), what="the note announced")

    for name, value in DATES.items():
        field = root.locator(f'form [name="{name}"]')
        if name == "jurisdiction":
            field.select_option(value)
        else:
            field.fill(value)
    settle(lambda: read(page, "notice", READ_NOTICE)["end_date"], "2026-11-09")
    assert sentence not in announced(page, "notice")  # said once, not with every answer

    # The case lives in the page for the visit: the letter, reached by instant navigation,
    # starts from the same dates, shows the note, and does not announce it again.
    click_nav(page, "letter", lang)
    assert {name: fields(page, "letter")[name] for name in DATES} == DATES
    assert notes(page, "letter") == [sentence]
    until(lambda: announced(page, "letter"), what="the letter's announcement")
    assert sentence not in announced(page, "letter")

    # Material's own settings (the palette) do not throw either.
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    until(lambda: page.evaluate("document.body.dataset.mdColorScheme") == "slate",
          what="the dark palette")

    # Nothing was kept: a reload starts from the page's own values, and still works.
    page.reload()
    wait_ready(page, "letter")
    assert fields(page, "letter")["received"] == ""  # the letter's form starts empty
    until(lambda: widget(page, "letter").locator(".pw-missing").count() == 1,
          what="the letter saying what it needs")
    # new_page's check, after the test: no uncaught error and no console error.
