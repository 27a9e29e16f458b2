"""The letter can be written, checked, copied and downloaded with the keyboard alone: the test
only presses keys (it reads the page to know where the focus is, as a screen reader would)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from browser_helpers import (
    READ_LETTER,
    cli,
    labels,
    page_path,
    read,
    settle,
    until,
    wait_ready,
)

pytestmark = pytest.mark.browser

BLAME = "This is your fault."
MAX_TABS = 200


def focused(page) -> dict:
    return page.evaluate("""() => {
      const el = document.activeElement;
      return { tag: el.tagName.toLowerCase(), id: el.id, name: el.name || "",
               value: el.value ?? "", text: (el.textContent || "").trim() };
    }""")


def tab_to(page, matches, what: str, key: str = "Tab") -> dict:
    """Press Tab until the focused element satisfies ``matches``."""
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        current = focused(page)
        if matches(current):
            return current
    raise AssertionError(f"{what} is not reachable with {key}")


def tab_to_field(page, field_id: str) -> None:
    tab_to(page, lambda f: f["id"] == field_id, f"#{field_id}")


def type_over(page, text: str) -> None:
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_letter_by_keyboard_alone(page):
    page.goto(page.base_url + page_path("en", "letter"))
    wait_ready(page, "letter")
    words = labels(page, "letter")
    assert focused(page)["tag"] == "body"  # nothing focused yet: tabbing starts at the top

    entries = {
        "letter-client": "Harbour Lights Ltd", "letter-contact": "Robin Hale",
        "letter-sender": "Casey Brook", "letter-company": "Brook & Field",
        "letter-contract": "HL-2026/4",
    }
    for field_id, text in entries.items():
        tab_to_field(page, field_id)
        type_over(page, text)
    # The letter is dated today, so it is received in a few days (not before it is dated).
    received = dt.date.today() + dt.timedelta(days=3)
    tab_to_field(page, "letter-received")
    page.keyboard.type(received.strftime("%m%d%Y"))  # month, day, year: the field's segments
    tab_to_field(page, "letter-period")
    type_over(page, "21")
    assert page.evaluate("document.querySelector('#letter-received').value") == str(received)

    # The reason: a select changed with the arrow keys.
    tab_to_field(page, "letter-reason")
    for _ in range(4):
        if focused(page)["value"] == "unpaid_invoices":
            break
        page.keyboard.press("ArrowDown")
    assert focused(page)["value"] == "unpaid_invoices"

    # An invoice row added with the keyboard takes the focus; it stays blank (and so out of
    # the request), and is removed again with the keyboard.
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == words["add_invoice"],
           "Add an invoice")
    page.keyboard.press("Enter")
    assert focused(page)["name"] == "invoices.1.number"
    tab_to(page, lambda f: f["text"] == words["remove_invoice"].format(n=2), "Remove invoice 2")
    page.keyboard.press("Enter")
    assert page.locator("[data-rows] > li").count() == 1

    # One more offer, ticked with Space: the letter follows (there is no button to press).
    tab_to_field(page, "letter-options-call")
    page.keyboard.press("Space")

    expected = cli(
        "letter", "--client", "Harbour Lights Ltd", "--contact", "Robin Hale",
        "--sender", "Casey Brook", "--company", "Brook & Field", "--contract", "HL-2026/4",
        "--received", str(received), "--days", "21",
        "--jurisdiction", "other",
        "--lang", "en", "--reason", "unpaid_invoices", "--tone", "neutral",
        "--options", "finish_stage,handover,data,final_invoice,call", "--format", "text",
    ).removesuffix("\n")
    settle(lambda: read(page, "letter", READ_LETTER)["text"], expected)

    # Edit the letter: the check flags the added blame.
    tab_to_field(page, "pw-letter-draft")
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type(BLAME)
    edited = read(page, "letter", READ_LETTER)["text"]
    assert edited == expected + "\n\n" + BLAME
    findings = page.locator(".pw-findings")
    until(lambda: findings.get_attribute("data-ok") == "false", what="the check to flag blame")
    assert words["finding_blame"] in findings.inner_text()

    # Copy, by keyboard: the clipboard holds the edited letter.
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == words["copy"], "Copy")
    page.keyboard.press("Enter")
    until(lambda: page.locator('.pw-sr[aria-live="polite"]').text_content() == words["copied"],
          what="the copy to be announced")
    assert page.evaluate("navigator.clipboard.readText()") == edited

    # Download .txt, by keyboard: the file holds the edited letter.
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == words["download_txt"],
           "Download .txt")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename == f"{words['file_name']}.txt"
    content = Path(download.path()).read_text(encoding="utf-8")
    assert BLAME in content
    assert content.rstrip("\n") == edited
