"""Bad values in every edition: impossible and extreme dates, negative and huge periods, empty
and very long names, control characters. Each is answered by a message at its field, in the
page's language (the engine's own message, computed here under CPython), while every other
field keeps its value, in the form and in storage, also after a reload. Right-to-left text and
emoji are not bad values: they come back in the letter as written."""

from __future__ import annotations

import pytest

from browser_helpers import (
    READ_ERRORS,
    READ_LETTER,
    engine_answer,
    fields,
    fill_letter_basics,
    open_tool,
    read,
    set_fields,
    stored,
    wait_ready,
    widget,
)

pytestmark = pytest.mark.browser

BAD_VALUES = {
    "notice": [
        ("received", "0001-01-01"), ("received", "2101-03-01"), ("received", ""),
        ("period", "-5"), ("period", "0"), ("period", "99999999"),
        ("period", "99999999999999999999"),
    ],
    "assess": [("payment_delay_days", "-1"), ("payment_delay_days", "100000")],
    "letter": [
        ("client", "Ltd " * 60), ("client", ""), ("sender", "Anna\u0007Nowak"),
        ("contact", "Jan\u200b\u0000Kowalski"), ("contract", "No. " + "9" * 120),
        ("received", "1990-12-31"), ("period", "3651"),
    ],
}  # fmt: skip
RIGHT_TO_LEFT_AND_EMOJI = {"client": "شركة الأفق 🌅", "contact": "דנה לוי 👋",
                           "company": "Studio 🦊 North"}  # fmt: skip


def assert_only_field_changed(before: dict, after: dict, field: str) -> None:
    changed = {name for name in before if before[name] != after.get(name)}
    assert changed <= {field}, f"{sorted(changed - {field})} lost their values"


@pytest.mark.parametrize("lang", ["en", "ru", "pl"])
@pytest.mark.parametrize("tool", sorted(BAD_VALUES))
def test_bad_values_get_a_message_at_their_field_in_the_page_language(page, tool, lang):
    root = open_tool(page, tool, lang)
    if tool == "letter":  # its form starts empty: first what every letter needs
        fill_letter_basics(page, lang)
    for field, value in BAD_VALUES[tool]:
        before = fields(page, tool)
        wanted = enter_bad_value(page, tool, lang, field, value)
        assert_only_field_changed(before, fields(page, tool), field)
        set_fields(page, tool, {field: before[field]})
        assert root.get_attribute("data-result") == "ok", (field, before[field])
        assert root.evaluate(READ_ERRORS) == {}

    # A reload brings back what the reader entered, the bad value and its message too.
    before = fields(page, tool)
    field, value = BAD_VALUES[tool][0]
    wanted = enter_bad_value(page, tool, lang, field, value)
    entered = fields(page, tool)
    page.reload()
    wait_ready(page, tool)
    assert fields(page, tool) == entered == {**before, field: entered[field]}
    assert root.evaluate(READ_ERRORS) == wanted, "the message did not come back"


def enter_bad_value(page, tool: str, lang: str, field: str, value: str) -> dict[str, str]:
    """Enter a value the engine refuses; return the messages shown, checked against the
    engine's own (they name the field, in the page's language)."""
    set_fields(page, tool, {field: value})
    expected = engine_answer(tool, lang, stored(page, tool))
    assert not expected["ok"], (field, value)
    wanted = {error["field"]: error["message"] for error in expected["errors"]}
    assert field in wanted
    assert widget(page, tool).evaluate(READ_ERRORS) == wanted, (field, value)
    assert widget(page, tool).get_attribute("data-result") == "error"
    assert stored(page, tool)[field] == fields(page, tool)[field]  # kept, to be corrected
    return wanted


@pytest.mark.parametrize("lang", ["ru", "pl"])
def test_right_to_left_text_and_emoji_come_back_in_the_letter(page, lang):
    open_tool(page, "letter", lang)
    fill_letter_basics(page, lang, **RIGHT_TO_LEFT_AND_EMOJI)
    expected = engine_answer("letter", lang, stored(page, "letter"))
    assert expected["ok"], expected.get("errors")
    shown = read(page, "letter", READ_LETTER)
    assert shown["text"] == expected["result"]["text"]
    for value in RIGHT_TO_LEFT_AND_EMOJI.values():
        assert value in shown["text"]
    assert widget(page, "letter").evaluate(READ_ERRORS) == {}
