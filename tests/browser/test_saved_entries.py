"""The reader's entries stay in this browser: a reload brings back every field of every tool
(and an edited letter), "Clear my entries" forgets them, and the entries a previous version
of the site kept (one key per tool) are moved into the case once."""

from __future__ import annotations

import pytest

from browser_helpers import (
    CASE_KEY,
    READ_CHECKLIST,
    READ_LETTER,
    case_values,
    fields,
    labels,
    open_tool,
    read,
    settle,
    stored,
    stored_as_shown,
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
    # Items every jurisdiction has (for one only Russia has, see the test below).
    root.locator('select[name="jurisdiction"]').select_option("pl")
    for item in ("termination_clause", "records", "lessons"):
        root.locator(f'input[name="done"][value="{item}"]').check()


def change_letter(root) -> None:
    values = {
        "client": "Blue Harbour GmbH", "contact": "Chris Weber",
        "contact_email": "chris@blueharbour.example", "sender": "Sam Carter",
        "sender_email": "sam@studio.example", "company": "Carter Design", "contract": "A-17",
        "received": "2026-10-15", "letter_date": "2026-10-12", "period": "2",
        "partner": "Pixel Partners",
    }
    root.locator("details.pw-more > summary").click()  # the letter date is a detail
    for name, value in values.items():
        root.locator(f'form [name="{name}"]').fill(value)
    for name, value in (("jurisdiction", "pl"), ("unit", "months"), ("lang", "ru"),
                        ("reason", "capacity"), ("tone", "formal")):
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
        assert case_values(page)["body"] == edited
    if tool == "checklist":
        until(lambda: read(page, tool, READ_CHECKLIST)["done"] == 3, what="3 items done")
        changed = fields(page, tool)
    # Saved at each change: what is stored is the form as shown.
    settle(lambda: stored_as_shown(page, tool), True)

    page.reload()
    wait_ready(page, tool)
    settle(lambda: fields(page, tool), changed)
    if tool == "letter":
        settle(lambda: read(page, tool, READ_LETTER)["text"], edited)
        assert not widget(page, tool).locator(".pw-edited").is_hidden()

    # Clearing: the form is back to the page's own values, and nothing of the reader's is
    # left to come back on the next visit.
    widget(page, tool).locator(".pw-clear").click()
    settle(lambda: fields(page, tool), defaults)
    settle(lambda: stored(page, tool), None)
    page.reload()
    wait_ready(page, tool)
    assert fields(page, tool) == defaults
    if tool == "letter":  # the empty form again: no draft, what the letter needs instead
        assert "body" not in case_values(page)
        until(lambda: widget(page, tool).locator(".pw-missing").count() == 1,
              what="what the letter still needs")
        assert widget(page, tool).locator("#pw-letter-draft").count() == 0


def test_reload_keeps_ticks_only_another_jurisdiction_has(page):
    root = open_tool(page, "checklist")
    root.locator('select[name="jurisdiction"]').select_option("ru")
    until(lambda: root.locator('input[value="provider_losses"]').count() == 1,
          what="Russia's items")
    root.locator('input[name="done"][value="provider_losses"]').check()
    until(lambda: "provider_losses" in stored(page, "checklist")["done"], what="the tick saved")
    root.locator('select[name="jurisdiction"]').select_option("pl")  # Poland has no such item
    until(lambda: root.locator('input[value="provider_losses"]').count() == 0,
          what="Poland's items")
    root.locator('input[name="done"][value="records"]').check()
    until(lambda: "records" in stored(page, "checklist")["done"], what="the second tick saved")
    assert "provider_losses" in stored(page, "checklist")["done"]

    page.reload()
    wait_ready(page, "checklist")
    assert read(page, "checklist", READ_CHECKLIST)["checked"] == ["records"]
    root.locator('select[name="jurisdiction"]').select_option("ru")
    until(lambda: root.locator('input[value="provider_losses"]').count() == 1,
          what="Russia's items again")
    until(lambda: read(page, "checklist", READ_CHECKLIST)["checked"]
          == ["provider_losses", "records"], what="both ticks")


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


# What the previous version of the site kept: one key per tool, the notice period in the
# unit's own field, the edited letter under its own key.
VERSION_1 = {
    "partways:v1:notice": {"received": "2026-11-05", "days": "", "business_days": "",
                           "weeks": "3", "months": "", "jurisdiction": "pl"},
    # (the previous form always held every field: it started from a sample letter)
    "partways:v1:letter": {"client": "Blue Harbour GmbH", "contact": "Chris Vogel",
                           "sender": "Sam Reed", "company": "Reed Studio", "contract": "BH-7",
                           "letter_date": "2026-11-01", "received": "2026-10-01",
                           "days": "21", "business_days": "", "weeks": "", "months": "",
                           "jurisdiction": "other", "lang": "en",
                           "options": ["handover", "call"]},
    "partways:v1:checklist": {"jurisdiction": "pl", "done": ["records", "lessons"]},
    "partways:v1:assess": {"payment_delay_days": "30", "haggling": True},
    "partways:v1:letter-body": {"text": "Dear Chris, my own words."},
}


def test_entries_of_the_previous_version_move_into_the_case_once(page):
    page.goto(page.base_url)
    page.evaluate("""(keys) => { for (const [key, value] of Object.entries(keys))
      localStorage.setItem(key, JSON.stringify(value)); }""", VERSION_1)
    root = open_tool(page, "letter")
    # The calculator's dates win over the letter's copy of them; the rest is the letter's.
    shown = fields(page, "letter")
    assert (shown["received"], shown["period"], shown["unit"], shown["jurisdiction"]) == (
        "2026-11-05", "3", "weeks", "pl")
    assert shown["client"] == "Blue Harbour GmbH"
    assert [name for name, on in shown.items() if name.startswith("options=") and on] == [
        "options=handover", "options=call"]
    until(lambda: read(page, "letter", READ_LETTER)["text"] == "Dear Chris, my own words.",
          what="the edited letter")
    assert not root.locator(".pw-edited").is_hidden()
    left = page.evaluate("Object.keys(localStorage).filter((key) => key.startsWith('partways:'))")
    assert left == [CASE_KEY]
    case = case_values(page)
    assert case["done"] == ["records", "lessons"] and case["haggling"] is True
    assert "days" not in case and "weeks" not in case

    # Once: an entry written under an old key later is not read again.
    page.evaluate("""() => localStorage.setItem("partways:v1:notice",
      JSON.stringify({ received: "2020-01-01" }))""")
    page.reload()
    wait_ready(page, "letter")
    assert fields(page, "letter")["received"] == "2026-11-05"
