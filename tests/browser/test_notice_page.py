"""The notice page says what it assumes: both Polish dates with the dispute, the month's
end when asked, the provisional Russian year, the receipt helper that fills the calculator,
and holiday and weekday names in the page's language. Every value shown is checked against
the engine's own answer (under CPython) to the same entries."""

from __future__ import annotations

import pytest

from browser_helpers import (
    READ_FIELDS,
    engine_answer,
    labels,
    open_tool,
    read,
    settle,
    until,
    widget,
)

pytestmark = pytest.mark.browser

READ_DATES = """
(root) => {
  const output = root.querySelector("[data-output]");
  const date = (field) =>
    output.querySelector(`[data-field=${field}] time`)?.getAttribute("datetime") ?? null;
  return {
    result: root.dataset.result || null,
    end_date: date("end_date"), period_end: date("period_end"), moved_end: date("moved_end"),
    month_end: date("month_end"),
    moved_label: output.querySelector("[data-field=moved_end]")?.parentElement.textContent ?? null,
    notes: [...output.querySelectorAll(".pw-notes li")].map((li) => [li.dataset.note, li.textContent]),
    moved_by: [...output.querySelectorAll("h3 + ul li")].map((li) => li.textContent),
  };
}
"""


def enter(root, values: dict[str, str]) -> None:
    form = root.locator("form")
    for name, value in values.items():
        field = form.locator(f'[name="{name}"]')
        if field.evaluate("(node) => node.tagName") == "SELECT":
            field.select_option(value)
        elif field.get_attribute("type") == "checkbox":
            field.set_checked(value == "true")
        else:
            field.fill(value)


def expected_dates(page, lang: str, root) -> dict:
    """What the page must show for its form as it stands, from the engine under CPython."""
    entries = {name: value for name, value in read(page, "notice", READ_FIELDS).items()
               if "=" not in name}
    entries["end_of_month"] = root.locator('[name="end_of_month"]').is_checked()
    answer = engine_answer("notice", lang, entries)
    assert answer["ok"], answer
    result = answer["result"]
    return {
        "result": "ok", "end_date": result["end_date"], "period_end": result["period_end"],
        "moved_end": result["moved_end"] if result["moved_under"] else None,
        "month_end": result["month_end"],
        "notes": [[note["kind"], note["text"]] for note in result["notes"]],
    }


def shown(page) -> dict:
    state = read(page, "notice", READ_DATES)
    return {key: state[key] for key in
            ("result", "end_date", "period_end", "moved_end", "month_end", "notes")}


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_poland_shows_the_plain_and_the_moved_end_and_says_it_is_disputed(page, lang):
    root = open_tool(page, "notice", lang)
    words = labels(page, "notice")
    # Received Saturday 3 Oct 2026, 14 days: the period ends Saturday 17 Oct; art. 115
    # would move it to Monday 19 Oct, and letters use the later date.
    enter(root, {"jurisdiction": "pl", "received": "2026-10-03", "period": "14",
                 "unit": "days"})
    want = expected_dates(page, lang, root)
    assert (want["period_end"], want["moved_end"], want["end_date"]) == (
        "2026-10-17", "2026-10-19", "2026-10-19")
    settle(lambda: shown(page), want)
    state = read(page, "notice", READ_DATES)
    assert words["disputed"] in state["moved_label"]
    assert [kind for kind, _ in state["notes"]] == ["disputed"]
    assert {"en": "disputed", "pl": "sporne"}[lang] in state["notes"][0][1]
    # the calendar marks the plain end apart from the end used
    assert root.locator('.pw-day--period-end[data-date="2026-10-17"]').count() == 1
    assert root.locator('.pw-day--end[data-date="2026-10-19"]').count() == 1


def test_the_month_end_when_the_box_is_ticked(page):
    root = open_tool(page, "notice", "ru")
    enter(root, {"jurisdiction": "ru", "received": "2026-12-28", "period": "3",
                 "unit": "days", "end_of_month": "true"})
    want = expected_dates(page, "ru", root)
    assert (want["moved_end"], want["month_end"], want["end_date"]) == (
        "2027-01-11", "2027-01-31", "2027-01-31")
    settle(lambda: shown(page), want)
    assert [kind for kind, _ in want["notes"]] == ["moved", "month_end"]
    root.locator('[name="end_of_month"]').uncheck()
    settle(lambda: shown(page)["end_date"], "2027-01-11")


def test_a_russian_period_in_a_year_not_yet_decreed_says_it_may_change(page):
    from partways._notice import transfers_known_through

    known = transfers_known_through()
    root = open_tool(page, "notice", "ru")
    enter(root, {"jurisdiction": "ru", "received": f"{known}-12-20", "period": "14",
                 "unit": "days"})
    want = expected_dates(page, "ru", root)
    settle(lambda: shown(page), want)
    notes = dict(read(page, "notice", READ_DATES)["notes"])
    assert f"по {known} год включительно" in notes["provisional"]


def test_the_receipt_helper_fills_the_calculator_by_keyboard(page):
    root = open_tool(page, "notice")
    receipt = widget(page, "receipt")
    page.wait_for_selector('.pw-widget[data-widget="receipt"][data-result="ok"]')
    enter(root, {"jurisdiction": "pl", "period": "1", "unit": "months"})
    enter(receipt, {"jurisdiction": "pl", "sent": "2026-12-30", "method": "registered"})
    answer = engine_answer("receipt", "en", {"jurisdiction": "pl", "sent": "2026-12-30",
                                             "method": "registered"})["result"]
    assert (answer["received"], answer["estimate"]) == ("2027-01-20", True)
    button = receipt.locator(".pw-use-date")
    until(lambda: button.get_attribute("data-date") == "2027-01-20", what="the receipt day")
    shown_received = receipt.locator("[data-field=received] time").get_attribute("datetime")
    assert shown_received == "2027-01-20"
    words = labels(page, "receipt")
    assert f"{words['receipt_received']} ({words['receipt_estimate']})" in (
        receipt.locator(".pw-end-date").text_content())
    assert receipt.locator("[data-certainty]").get_attribute("data-certainty") == "uncertain"
    assert answer["certainty_note"] in receipt.locator("[data-certainty]").text_content()
    assert receipt.locator('a[href*="WDU20260000795"]').count() == 1

    button.focus()
    page.keyboard.press("Enter")
    # the calculator now counts from the receipt day, and the focus is on its field
    assert root.locator('[name="received"]').input_value() == "2027-01-20"
    assert page.evaluate("document.activeElement.id") == "notice-received"
    want = expected_dates(page, "en", root)
    assert want["end_date"] == "2027-02-22"  # 20 Feb 2027 is a Saturday: moved to Monday
    settle(lambda: shown(page), want)
    said = receipt.locator('.pw-sr[aria-live="polite"]')
    settle(said.text_content, words["date_used"].format(date="20 January 2027"))


def test_holiday_and_weekday_names_in_the_pages_language(page):
    # A Polish page computing Russian dates: the holiday names are Polish, the weekday in
    # lower case, the dates in Polish.
    root = open_tool(page, "notice", "pl")
    enter(root, {"jurisdiction": "ru", "received": "2027-01-05", "period": "2",
                 "unit": "days"})
    want = expected_dates(page, "pl", root)
    settle(lambda: shown(page), want)
    moved = read(page, "notice", READ_DATES)["moved_by"]
    assert moved[0] == "7 stycznia 2027 — Boże Narodzenie (prawosławne)"
    assert "9 stycznia 2027 — sobota" in moved
    # A Russian page computing Polish dates: the Polish holiday in Russian.
    root = open_tool(page, "notice", "ru")
    enter(root, {"jurisdiction": "pl", "received": "2026-11-04", "period": "1",
                 "unit": "weeks"})
    want = expected_dates(page, "ru", root)
    settle(lambda: shown(page), want)
    moved = read(page, "notice", READ_DATES)["moved_by"]
    assert moved == ["11 ноября 2026 г. — Национальный праздник Независимости"]
