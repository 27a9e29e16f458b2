"""The page's letter check knows whose letter it is: the sender and company typed in the form
must stay in the signature of the edited draft."""

from __future__ import annotations

import pytest

from browser_helpers import READ_LETTER, open_tool, read, set_fields, until
from partways._lettercheck import check_letter

pytestmark = pytest.mark.browser

ENTRIES = {
    "client": "Harbour Lights Ltd", "contact": "Robin Hale", "sender": "Casey Brook",
    "company": "Brook & Field", "contract": "HL-2026/4", "received": "2026-11-20",
    "letter_date": "2026-11-20", "period": "21",  # dated, or it would be dated today, after receipt
}  # fmt: skip


def test_a_draft_signed_by_someone_else_is_flagged_in_the_readers_language(page):
    root = open_tool(page, "letter")
    set_fields(page, "letter", ENTRIES)
    findings = root.locator(".pw-findings")
    until(lambda: "Casey Brook" in (read(page, "letter", READ_LETTER)["text"] or ""),
          what="the letter signed by the sender")  # fmt: skip
    until(lambda: findings.get_attribute("data-ok") == "true", what="the composed letter to pass")

    draft = root.locator("#pw-letter-draft")
    text = draft.input_value()
    head, _, tail = text.rpartition("Casey Brook")
    draft.fill(head + "Someone Else" + tail)

    until(lambda: findings.get_attribute("data-ok") == "false", what="the check to flag it")
    expected = check_letter(
        {"text": draft.input_value(), "lang": "en", "sender": "Casey Brook",
         "company": "Brook & Field"}
    ).findings  # fmt: skip
    assert [f.code for f in expected if f.kind == "missing"] == ["signature_name"]
    assert expected[-1].message in findings.inner_text()
