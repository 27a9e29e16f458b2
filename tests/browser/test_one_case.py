"""One case across the tools: what the reader enters in one tool is there in the others,
whichever page was opened first; two tabs follow each other without losing an edit; the
letter offers the calculator's dates back when the reader changed them in the letter; and
the defaults fit the page's language."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

from browser_helpers import (
    LETTER_BASICS,
    READ_ERRORS,
    READ_LETTER,
    READ_NOTICE,
    ROOT,
    case_values,
    engine_answer,
    fields,
    form_as_stored,
    labels,
    open_tool,
    read,
    set_fields,
    settle,
    until,
    wait_ready,
    widget,
)
from partways._inflect import format_date

sys.path.insert(0, str(ROOT))
from macros.download import megabytes, runtime_download_bytes, shipped_files  # noqa: E402

pytestmark = pytest.mark.browser

DATES = ("received", "period", "unit", "jurisdiction")
PAGE_JURISDICTION = {"en": "other", "ru": "ru", "pl": "pl"}


def enter(root, values: dict[str, str]) -> None:
    """Type and pick as a reader does, field by field."""
    for name, value in values.items():
        field = root.locator(f'form [name="{name}"]')
        if field.evaluate("(element) => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def fill_parties(page, lang: str = "en") -> None:
    """The letter's parties and contract (its form starts empty), dated before the receipt
    dates these tests use (a letter is dated today unless dated)."""
    parties = {name: value for name, value in LETTER_BASICS[lang].items()
               if name in ("client", "contact", "sender", "company", "contract")}
    set_fields(page, "letter", {**parties, "letter_date": "2026-11-01"})


def letter_answer(page, lang: str) -> dict:
    """The engine's letter for the letter form as it stands."""
    answer = engine_answer("letter", lang, form_as_stored(page, "letter"))
    assert answer["ok"], answer
    return answer["result"]


def assert_letter_uses(page, lang: str, end_date: str) -> None:
    letter = letter_answer(page, lang)
    assert letter["end_date"] == end_date
    words = format_date(dt.date.fromisoformat(end_date), lang)
    settle(lambda: read(page, "letter", READ_LETTER)["text"], letter["text"])
    assert words in letter["text"]


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_dates_of_the_notice_page_are_the_letters(page, lang):
    notice = open_tool(page, "notice", lang)
    enter(notice, {"received": "2026-11-05", "jurisdiction": "pl", "period": "3",
                   "unit": "weeks"})
    settle(lambda: read(page, "notice", READ_NOTICE)["end_date"], "2026-11-26")

    letter = open_tool(page, "letter", lang)
    shown = fields(page, "letter")
    assert [shown[name] for name in DATES] == ["2026-11-05", "3", "weeks", "pl"]
    fill_parties(page, lang)
    assert_letter_uses(page, lang, "2026-11-26")
    assert letter.locator(".pw-calculator").is_hidden()  # the same dates: nothing to offer

    # A change in the letter is a change of the case: the calculator counts from it.
    enter(letter, {"period": "1", "unit": "months", "client": "Blue Harbour GmbH"})
    settle(lambda: case_values(page)["period"], "1")
    open_tool(page, "notice", lang)
    assert [fields(page, "notice")[name] for name in DATES] == [
        "2026-11-05", "1", "months", "pl"]
    settle(lambda: read(page, "notice", READ_NOTICE)["end_date"], "2026-12-07")
    assert case_values(page)["client"] == "Blue Harbour GmbH"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_dates_of_the_letter_are_the_notice_pages(page, lang):
    letter = open_tool(page, "letter", lang)
    fill_parties(page, lang)
    enter(letter, {"received": "2026-12-28", "jurisdiction": "ru", "period": "10",
                   "unit": "business_days", "contract": "A-17"})
    settle(lambda: case_values(page).get("unit"), "business_days")
    end_date = letter_answer(page, lang)["end_date"]
    assert end_date > "2027-01-08"  # ten working days, Russia's New Year holidays skipped

    open_tool(page, "notice", lang)
    assert [fields(page, "notice")[name] for name in DATES] == [
        "2026-12-28", "10", "business_days", "ru"]
    settle(lambda: read(page, "notice", READ_NOTICE)["end_date"], end_date)


def test_letter_offers_the_calculators_dates_back(page):
    notice = open_tool(page, "notice")
    enter(notice, {"received": "2026-11-05", "jurisdiction": "pl", "period": "3"})
    settle(lambda: read(page, "notice", READ_NOTICE)["end_date"], "2026-11-09")  # after a Sunday

    letter = open_tool(page, "letter")
    note = letter.locator(".pw-calculator")
    assert note.is_hidden()
    fill_parties(page)
    enter(letter, {"received": "2026-11-20"})
    until(note.is_visible, what="the note that the dates differ")
    assert "9 November 2026" in note.text_content()
    assert "5 November 2026" in note.text_content()
    assert case_values(page)["received"] == "2026-11-20"

    note.locator("button").click()
    settle(lambda: fields(page, "letter")["received"], "2026-11-05")
    settle(lambda: case_values(page)["received"], "2026-11-05")
    until(note.is_hidden, what="the note gone")
    assert_letter_uses(page, "en", "2026-11-09")
    region = letter.locator('.pw-sr[aria-live="polite"]')
    until(lambda: labels(page, "letter")["calculator_used"] in region.text_content(),
          what="the change announced")


def test_two_tabs_follow_each_other_and_lose_no_edit(shared_context, page):
    letter_tab = page
    notice_tab = shared_context.new_page()
    try:
        letter = open_tool(letter_tab, "letter")
        fill_parties(letter_tab)
        notice_tab.base_url = letter_tab.base_url
        notice = open_tool(notice_tab, "notice")

        # The reader is typing the client's name in the letter's tab...
        client = letter.locator('form [name="client"]')
        client.click()
        client.press("Control+a")
        client.press_sequentially("Acme")
        # ...while, in the other tab, the dates change.
        enter(notice, {"received": "2026-11-05", "jurisdiction": "pl", "period": "3"})
        settle(lambda: read(notice_tab, "notice", READ_NOTICE)["end_date"], "2026-11-09")

        # The letter follows: its dates are the new ones, its letter counts from them, and
        # the field being typed in keeps what was typed.
        settle(lambda: [fields(letter_tab, "letter")[name] for name in DATES],
               ["2026-11-05", "3", "days", "pl"])
        assert client.evaluate("(field) => field === document.activeElement")
        client.press_sequentially(" Ltd")
        assert client.input_value() == "Acme Ltd"
        assert_letter_uses(letter_tab, "en", "2026-11-09")

        # Both tabs' fields are in the case; neither undid the other's.
        case = case_values(letter_tab)
        assert case["client"] == "Acme Ltd" and case["received"] == "2026-11-05"
        assert case_values(notice_tab) == case

        # A field changed in the other tab while the reader types in it is not overwritten
        # under the reader's fingers; leaving the field shows the newest value.
        period = letter.locator('form [name="period"]')
        period.click()
        enter(notice, {"period": "7"})
        settle(lambda: case_values(letter_tab)["period"], "7")
        letter_tab.wait_for_timeout(300)  # the storage event has arrived by now
        assert period.input_value() == "3"
        client.click()
        settle(period.input_value, "7")

        # A reload of either tab shows the same case.
        notice_tab.reload()
        wait_ready(notice_tab, "notice")
        assert [fields(notice_tab, "notice")[name] for name in DATES] == [
            "2026-11-05", "7", "days", "pl"]
    finally:
        notice_tab.close()


def test_ticks_in_two_tabs_are_both_kept(shared_context, page):
    first = page
    second = shared_context.new_page()
    try:
        open_tool(first, "checklist")
        second.base_url = first.base_url
        open_tool(second, "checklist")
        widget(first, "checklist").locator('input[value="records"]').check()
        widget(second, "checklist").locator('input[value="lessons"]').check()
        for tab in (first, second):
            settle(lambda tab=tab: sorted(
                name for name, on in fields(tab, "checklist").items() if on and "done=" in name),
                ["done=lessons", "done=records"])
        assert sorted(case_values(first)["done"]) == ["lessons", "records"]
    finally:
        second.close()


@pytest.mark.parametrize("lang", ["en", "ru", "pl"])
def test_defaults_fit_the_page_language(page, lang):
    for tool in ("checklist", "notice", "letter"):
        open_tool(page, tool, lang)
        assert fields(page, tool)["jurisdiction"] == PAGE_JURISDICTION[lang], tool
    assert fields(page, "letter")["lang"] == lang


def test_letter_language_follows_the_page_until_chosen(page):
    letter = open_tool(page, "letter", "ru")
    enter(letter, {"client": "ООО «Ромашка»"})  # the case now holds the form...
    settle(lambda: case_values(page).get("client"), "ООО «Ромашка»")
    assert "lang" not in case_values(page)  # ...but for the letter's language
    open_tool(page, "letter", "pl")
    assert fields(page, "letter")["lang"] == "pl"
    assert fields(page, "letter")["client"] == "ООО «Ромашка»"
    assert fields(page, "letter")["jurisdiction"] == "ru"  # a fact of the case by now

    fill_parties(page, "pl")
    enter(widget(page, "letter"), {"lang": "en", "period": "14"})
    settle(lambda: case_values(page).get("lang"), "en")
    open_tool(page, "letter", "ru")
    assert fields(page, "letter")["lang"] == "en"
    until(lambda: "Notice of unilateral refusal" in (read(page, "letter", READ_LETTER)["text"] or ""),
          what="the English letter")


FIX_BEFORE_THE_ANSWER = """
(root) => {
  const field = root.querySelector('[name="period"]');
  field.value = "14";
  field.dispatchEvent(new Event("input", { bubbles: true }));
  // Still in the same task: the engine cannot have answered yet.
  return { invalid: field.getAttribute("aria-invalid"),
           messages: root.querySelectorAll("form .pw-error").length };
}
"""


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_number_too_large_is_said_at_its_field_and_goes_when_fixed(page, lang):
    root = open_tool(page, "notice", lang)
    enter(root, {"period": "99999999999999999999"})
    errors = until(lambda: read(page, "notice", READ_ERRORS), what="the error at the field")
    expected = engine_answer("notice", lang, form_as_stored(page, "notice"))["errors"]
    assert errors == {"period": expected[0]["message"]}
    assert "3650" in errors["period"]
    assert root.locator("#notice-period-error").is_visible()
    assert root.evaluate(FIX_BEFORE_THE_ANSWER) == {"invalid": None, "messages": 0}
    settle(lambda: read(page, "notice", READ_NOTICE)["end_date"] is not None, True)


def test_loading_status_counts_the_files_a_first_visit_fetches(new_page, site_dir):
    """The size the status states is summed over macros.download.shipped_files: those must be
    the runtime files the worker asks for on a cold visit, no more and no fewer."""
    page = new_page()
    open_tool(page, "notice", "pl")
    runtime = site_dir / "assets" / "pyodide"
    prefix = page.base_url + "assets/pyodide/"
    fetched = {url.removeprefix(prefix) for url in page.watch.requests if url.startswith(prefix)}
    assert fetched == {path.name for path in shipped_files(runtime)}
    said = labels(page, "notice")["loading_runtime"]
    assert f"około {megabytes(runtime_download_bytes(runtime), 'pl')}\u00a0MB" in said


def test_tools_on_one_page_share_the_case(page):
    """The notice page holds the calculator and the receipt helper: one jurisdiction."""
    notice = open_tool(page, "notice", "ru")
    page.wait_for_selector('.pw-widget[data-widget="receipt"][data-result="ok"]')
    assert fields(page, "receipt")["jurisdiction"] == "ru"
    enter(notice, {"jurisdiction": "pl"})
    settle(lambda: fields(page, "receipt")["jurisdiction"], "pl")
    enter(widget(page, "receipt"), {"jurisdiction": "other"})
    settle(lambda: fields(page, "notice")["jurisdiction"], "other")
    assert case_values(page)["jurisdiction"] == "other"
