"""The reader's entries stay in this browser: a reload brings back every field of every tool
(and an edited letter), and "Clear my entries" forgets them."""

from __future__ import annotations

import pytest

from browser_helpers import (
    READ_CHECKLIST,
    READ_LETTER,
    fields,
    form_as_stored,
    labels,
    open_tool,
    read,
    settle,
    stored,
    until,
    wait_ready,
    widget,
)

pytestmark = pytest.mark.browser

EDIT = "\n\nP.S. Thank you again for the good years."


def change_notice(root) -> None:
    root.locator('[name="received"]').fill("2026-11-05")
    root.locator('[name="period"]').fill("3")
    root.locator('[name="unit"]').select_option("weeks")
    root.locator('[name="jurisdiction"]').select_option("pl")
    root.locator('[name="end_of_month"]').check()


def change_assess(root) -> None:
    root.locator('[name="payment_delay_days"]').fill("30")
    for name in ("haggling", "scope_creep", "talked_already"):
        root.locator(f'input[name="{name}"]').check()


def change_checklist(root) -> None:
    # Items every jurisdiction has (for one only Russia has, see the xfail test below).
    root.locator('select[name="jurisdiction"]').select_option("pl")
    for item in ("termination_clause", "records", "lessons"):
        root.locator(f'input[name="done"][value="{item}"]').check()


def change_letter(root) -> None:
    values = {
        "client": "Blue Harbour GmbH", "contact": "Chris Weber",
        "contact_email": "chris@blueharbour.example", "sender": "Sam Carter",
        "sender_email": "sam@studio.example", "company": "Carter Design", "contract": "A-17",
        "received": "2026-10-15", "letter_date": "2026-10-12", "days": "", "months": "2",
        "partner": "Pixel Partners",
    }
    for name, value in values.items():
        root.locator(f'form [name="{name}"]').fill(value)
    for name, value in (("jurisdiction", "pl"), ("lang", "ru"), ("reason", "capacity"),
                        ("tone", "formal")):
        root.locator(f'select[name="{name}"]').select_option(value)
    for option, checked in (("finish_stage", False), ("data", False), ("referral", True),
                            ("call", True)):
        root.locator(f'input[name="options"][value="{option}"]').set_checked(checked)


CHANGES = {"notice": change_notice, "assess": change_assess, "checklist": change_checklist,
           "letter": change_letter}


@pytest.mark.parametrize("tool", ["notice", "assess", "checklist", "letter"])
def test_reload_restores_every_field_and_clear_forgets(page, tool):
    root = open_tool(page, tool)
    defaults = fields(page, tool)
    CHANGES[tool](root)
    changed = fields(page, tool)
    differing = {name for name in changed if changed[name] != defaults.get(name)}
    assert len(differing) >= 3, differing
    if tool == "letter":
        draft = widget(page, tool).locator("#pw-letter-draft")
        until(lambda: "Blue Harbour GmbH" in draft.input_value(), what="the Russian letter")
        draft.press("Control+End")
        draft.press_sequentially(EDIT)
        edited = draft.input_value()
        assert stored(page, "letter-body") == {"text": edited}
    if tool == "checklist":
        until(lambda: read(page, tool, READ_CHECKLIST)["done"] == 3, what="3 items done")
        changed = fields(page, tool)
    # Saved (the letter saves after a pause in typing): what is stored is the form as shown.
    settle(lambda: stored(page, tool) == form_as_stored(page, tool), True)

    page.reload()
    wait_ready(page, tool)
    settle(lambda: fields(page, tool), changed)
    if tool == "letter":
        settle(lambda: read(page, tool, READ_LETTER)["text"], edited)
        assert not widget(page, tool).locator(".pw-edited").is_hidden()

    # Clearing: the form is back to the page's own values, and nothing of the reader's is
    # left to come back on the next visit (main.js stores the default form again after
    # clearing, which is harmless; the reader's values must be gone).
    widget(page, tool).locator(".pw-clear").click()
    settle(lambda: fields(page, tool), defaults)
    settle(lambda: stored(page, tool) in (None, form_as_stored(page, tool)), True)
    if tool == "letter":
        assert stored(page, "letter-body") is None
        until(lambda: EDIT.strip() not in (read(page, tool, READ_LETTER)["text"] or EDIT),
              what="a fresh draft")
        assert widget(page, tool).locator(".pw-edited").is_hidden()


def test_reload_keeps_ticks_only_another_jurisdiction_has(page):
    root = open_tool(page, "checklist")
    root.locator('select[name="jurisdiction"]').select_option("ru")
    until(lambda: root.locator('input[value="provider_losses"]').count() == 1,
          what="Russia's items")
    root.locator('input[name="done"][value="provider_losses"]').check()
    until(lambda: "provider_losses" in stored(page, "checklist")["done"], what="the tick saved")
    page.reload()
    wait_ready(page, "checklist")  # the first result, and the items rebuilt from it, are in
    state = read(page, "checklist", READ_CHECKLIST)
    assert "provider_losses" in state["items"]
    assert state["checked"] == ["provider_losses"]


def test_clearing_is_announced_with_the_answer_that_follows(page):
    """The answer to the cleared form comes at once; it must not silence "entries cleared"."""
    root = open_tool(page, "notice")
    words = labels(page, "notice")
    region = root.locator('.pw-sr[aria-live="polite"]')
    default_answer = until(region.text_content, what="a first announcement")
    change_notice(root)
    until(lambda: region.text_content() != default_answer, what="the changed answer")
    root.locator(".pw-clear").click()
    settle(region.text_content, f"{words['cleared']} {default_answer}")
