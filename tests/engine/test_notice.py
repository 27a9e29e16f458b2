"""The notice-date calculator: counting, roll-forward per jurisdiction, validation, calendar."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partways._errors import ValidationError
from partways._notice import (
    UNITS,
    calendar,
    compute_notice,
    day_off_reason,
    is_day_off,
    notice_dates,
)

D = dt.date


def moved_dates(result):
    return [moved.date for moved in result.moved_by]


def moved_reasons(result):
    return [moved.reason for moved in result.moved_by]


# --- Russia -------------------------------------------------------------------------------------


def test_ru_three_days_from_december_28_end_on_december_31():
    result = compute_notice(D(2026, 12, 28), 3, "days", "ru")
    assert result.period_end == D(2026, 12, 31)


def test_ru_end_in_new_year_holidays_moves_to_first_working_day_after_them():
    # Dec 31, 2026 is a transferred day off, Jan 1-8 are the New Year holidays,
    # Jan 9-10, 2027 a weekend: the first working day is Monday, Jan 11.
    result = compute_notice(D(2026, 12, 28), 3, "days", "ru", "ru")
    assert result.end_date == D(2027, 1, 11)
    assert moved_dates(result) == [D(2026, 12, 31) + dt.timedelta(days=i) for i in range(11)]
    reasons = dict(zip(moved_dates(result), moved_reasons(result)))
    assert reasons[D(2026, 12, 31)].startswith("Выходной (перенесено с")
    assert reasons[D(2027, 1, 1)] == "Новогодние каникулы"
    assert reasons[D(2027, 1, 7)] == "Рождество Христово"
    assert reasons[D(2027, 1, 9)] == "Суббота"
    assert reasons[D(2027, 1, 10)] == "Воскресенье"


def test_ru_holiday_names_in_english_by_default():
    result = compute_notice(D(2026, 12, 25), 10, "days", "ru")
    assert result.period_end == D(2027, 1, 4)
    assert result.end_date == D(2027, 1, 11)
    assert "New Year Holidays" in moved_reasons(result)
    assert "Christmas Day" in moved_reasons(result)
    assert moved_reasons(result)[-2:] == ["Saturday", "Sunday"]


def test_ru_holiday_names_fall_back_to_english_for_a_polish_reader():
    assert day_off_reason(D(2027, 1, 7), "ru", "pl") == "Christmas Day"


def test_month_from_january_31_ends_on_the_last_day_of_february():
    assert compute_notice(D(2026, 1, 31), 1, "months", "other").period_end == D(2026, 2, 28)
    assert compute_notice(D(2028, 1, 31), 1, "months", "other").period_end == D(2028, 2, 29)


def test_ru_month_ending_on_a_saturday_moves_past_the_weekend():
    result = compute_notice(D(2026, 1, 31), 1, "months", "ru")
    assert result.period_end == D(2026, 2, 28)
    assert result.end_date == D(2026, 3, 2)
    assert moved_reasons(result) == ["Saturday", "Sunday"]


def test_ru_moves_off_an_ordinary_saturday_and_sunday():
    result = compute_notice(D(2026, 10, 10), 1, "weeks", "ru", "ru")
    assert result.period_end == D(2026, 10, 17)
    assert result.end_date == D(2026, 10, 19)
    assert [m.to_dict() for m in result.moved_by] == [
        {"date": "2026-10-17", "reason": "Суббота"},
        {"date": "2026-10-18", "reason": "Воскресенье"},
    ]


def test_ru_working_saturday_listed_by_holidays_is_a_working_day():
    # April 27, 2024 was a Saturday made a working day (its day off moved to April 29).
    assert not is_day_off(D(2024, 4, 27), "ru")
    assert is_day_off(D(2024, 4, 29), "ru")
    result = compute_notice(D(2024, 4, 20), 7, "days", "ru")
    assert result.end_date == result.period_end == D(2024, 4, 27)
    assert is_day_off(D(2024, 4, 27), "pl")


# --- Poland -------------------------------------------------------------------------------------


def test_pl_end_on_a_saturday_moves_to_monday():
    result = compute_notice(D(2026, 3, 7), 7, "days", "pl", "pl")
    assert result.period_end == D(2026, 3, 14)
    assert result.end_date == D(2026, 3, 16)
    assert moved_reasons(result) == ["Sobota", "Niedziela"]


def test_pl_end_on_independence_day_moves_with_its_polish_name():
    result = compute_notice(D(2026, 11, 4), 1, "weeks", "pl", "pl")
    assert result.period_end == D(2026, 11, 11)
    assert result.end_date == D(2026, 11, 12)
    assert [m.to_dict() for m in result.moved_by] == [
        {"date": "2026-11-11", "reason": "Narodowe Święto Niepodległości"}
    ]


def test_pl_independence_day_in_english():
    assert day_off_reason(D(2026, 11, 11), "pl", "en") == "National Independence Day"


# --- other --------------------------------------------------------------------------------------


def test_other_does_not_move_even_on_a_sunday_or_a_holiday():
    sunday = compute_notice(D(2026, 10, 11), 7, "days", "other")
    assert sunday.period_end == sunday.end_date == D(2026, 10, 18)
    assert sunday.moved_by == ()
    christmas = compute_notice(D(2026, 12, 18), 1, "weeks", "other")
    assert christmas.end_date == D(2026, 12, 25)


# --- business days ------------------------------------------------------------------------------


def test_business_days_skip_russian_holidays():
    # Dec 31, 2026 and Jan 1-10, 2027 are all days off: the 1st working day is Jan 11.
    result = compute_notice(D(2026, 12, 30), 2, "business_days", "ru")
    assert result.period_end == result.end_date == D(2027, 1, 12)


def test_business_days_skip_polish_holidays():
    # Dec 24-26, 2026 are holidays, Dec 27 a Sunday: working days are Dec 28 and 29.
    result = compute_notice(D(2026, 12, 23), 2, "business_days", "pl")
    assert result.period_end == result.end_date == D(2026, 12, 29)


def test_business_days_for_other_count_monday_to_friday_only():
    assert compute_notice(D(2026, 12, 23), 2, "business_days", "other").end_date == D(2026, 12, 25)
    assert compute_notice(D(2026, 10, 16), 1, "business_days", "other").end_date == D(2026, 10, 19)


# --- the rule shown -----------------------------------------------------------------------------


def test_rule_is_cited_per_jurisdiction_and_language():
    ru = compute_notice(D(2026, 5, 4), 3, "days", "ru", "ru").rule
    assert ru["citation"] == "Гражданский кодекс РФ, ст. 191–193"
    assert ru["url"] == "https://www.consultant.ru/document/cons_doc_LAW_5142/"
    en = compute_notice(D(2026, 5, 4), 3, "days", "ru").rule
    assert en["citation"] == "Civil Code of the Russian Federation, arts. 191–193"
    pl = compute_notice(D(2026, 5, 4), 3, "days", "pl", "pl").rule
    assert pl["citation"] == "Kodeks cywilny, art. 111–115"
    assert pl["url"] == "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU19640160093"
    other = compute_notice(D(2026, 5, 4), 3, "days", "other").rule
    assert "contract" in other["explanation"] and other["url"] == ""
    for rule in (ru, en, pl, other):
        assert set(rule) == {"title", "citation", "explanation", "url"}
        assert rule["title"] and rule["explanation"]


# --- the request edge ---------------------------------------------------------------------------


def test_request_is_read_and_computed():
    result = notice_dates(
        {"received": "2026-11-04", "days": "7", "jurisdiction": "PL", "lang": "pl"}
    )
    assert (result.unit, result.amount, result.jurisdiction, result.lang) == ("days", 7, "pl", "pl")
    assert result.end_date == D(2026, 11, 12)
    data = result.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["moved_by"] == [{"date": "2026-11-11", "reason": "Narodowe Święto Niepodległości"}]
    assert set(data) == {
        "received",
        "amount",
        "unit",
        "jurisdiction",
        "period_end",
        "end_date",
        "moved_by",
        "rule",
    }


def test_request_defaults_to_other_and_english():
    result = notice_dates({"received": "2026-10-11", "weeks": 1})
    assert (result.jurisdiction, result.lang, result.end_date) == ("other", "en", D(2026, 10, 18))


def errors_of(request):
    with pytest.raises(ValidationError) as caught:
        notice_dates(request)
    return caught.value


def codes(error):
    return {(e.field, e.code) for e in error.errors}


def test_impossible_date_is_reported_on_received():
    assert ("received", "impossible_date") in codes(
        errors_of({"received": "2026-02-30", "days": 3})
    )


def test_negative_days_are_too_small():
    assert codes(errors_of({"received": "2026-02-03", "days": -5})) == {("days", "too_small")}


def test_two_periods_or_none_ask_for_exactly_one():
    assert codes(errors_of({"received": "2026-02-03", "days": 3, "weeks": 1})) == {
        ("period", "one_period")
    }
    assert codes(errors_of({"received": "2026-02-03"})) == {("period", "one_period")}


def test_every_problem_is_reported_together():
    # a misspelled field, a bad date, a too-long period and an unknown jurisdiction at once
    error = errors_of({"received": "soon", "months": 500, "jurisdiction": "mars", "x": 1})
    assert codes(error) == {
        ("received", "not_a_date"),
        ("months", "too_large"),
        ("jurisdiction", "not_a_choice"),
        ("x", "unknown_field"),
    }


def test_messages_in_russian_and_polish():
    error = errors_of({"received": "2026-02-30", "days": 3, "weeks": 2, "lang": "ru"})
    ru = " ".join(item["message"] for item in error.to_list("ru"))
    assert "Дата получения уведомления" in ru and "такой даты в календаре нет" in ru
    assert "укажите срок одним числом" in ru
    pl = " ".join(item["message"] for item in error.to_list("pl"))
    assert "Data doręczenia wypowiedzenia" in pl and "podaj okres jedną liczbą" in pl


# --- calendar -----------------------------------------------------------------------------------


def test_calendar_spans_receipt_to_end_and_marks_days():
    result = compute_notice(D(2026, 11, 4), 7, "days", "pl", "pl")
    days = calendar(result)
    assert (days[0]["date"], days[-1]["date"]) == ("2026-11-04", "2026-11-12")
    assert [d["is_end"] for d in days] == [False] * 8 + [True]
    assert [d["in_period"] for d in days] == [False] + [True] * 7 + [False]
    by_date = {d["date"]: d for d in days}
    assert by_date["2026-11-07"] == {
        "date": "2026-11-07",
        "weekday": 5,
        "day_off": True,
        "reason": "Sobota",
        "in_period": True,
        "is_end": False,
    }
    assert by_date["2026-11-11"]["reason"] == "Narodowe Święto Niepodległości"
    assert by_date["2026-11-10"]["day_off"] is False and by_date["2026-11-10"]["reason"] is None
    assert json.loads(json.dumps(days)) == days


@pytest.mark.skipif(
    sys.platform == "emscripten", reason="runs a subprocess; Pyodide (emscripten) has none"
)
def test_importing_the_module_does_not_load_holidays():
    code = "import sys, partways._notice; assert 'holidays' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# --- properties ---------------------------------------------------------------------------------

LIMITS = {"days": 3650, "business_days": 2600, "weeks": 520, "months": 120}


@st.composite
def notices(draw):
    unit = draw(st.sampled_from(UNITS))
    return compute_notice(
        draw(st.dates(min_value=D(1991, 1, 1), max_value=D(2100, 12, 31))),
        draw(st.integers(min_value=1, max_value=LIMITS[unit])),
        unit,
        draw(st.sampled_from(("ru", "pl", "other"))),
        draw(st.sampled_from(("en", "ru", "pl"))),
    )


@settings(max_examples=200, deadline=None)
@given(notices())
def test_end_never_precedes_the_period_end_which_follows_receipt(result):
    assert result.end_date >= result.period_end > result.received


@settings(max_examples=200, deadline=None)
@given(notices())
def test_roll_forward_lands_on_an_allowed_day_and_lists_every_moved_day(result):
    span = (result.end_date - result.period_end).days
    assert moved_dates(result) == [result.period_end + dt.timedelta(days=i) for i in range(span)]
    assert all(moved.reason for moved in result.moved_by)
    if result.jurisdiction == "other":
        assert result.end_date == result.period_end
    else:
        assert not is_day_off(result.end_date, result.jurisdiction)
        assert all(is_day_off(day, result.jurisdiction) for day in moved_dates(result))
    if result.jurisdiction == "pl":
        assert result.end_date.weekday() != 5


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=D(1991, 1, 1), max_value=D(2100, 12, 31)),
    st.integers(min_value=1, max_value=120),
)
def test_months_end_on_the_matching_day_or_the_months_last_day(received, months):
    end = compute_notice(received, months, "months", "other").period_end
    assert (end.year * 12 + end.month) - (received.year * 12 + received.month) == months
    assert end.day == received.day or (end.day < received.day and (end + dt.timedelta(1)).day == 1)


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=D(1991, 1, 1), max_value=D(2100, 12, 31)),
    st.integers(min_value=1, max_value=60),
    st.sampled_from(("ru", "pl", "other")),
)
def test_business_days_count_exactly_that_many_working_days(received, amount, jurisdiction):
    result = compute_notice(received, amount, "business_days", jurisdiction)
    days = [received + dt.timedelta(i) for i in range(1, (result.period_end - received).days + 1)]
    assert sum(not is_day_off(day, jurisdiction) for day in days) == amount
    assert not is_day_off(result.period_end, jurisdiction)
    assert result.end_date == result.period_end


def test_period_with_its_unit_is_the_same_as_the_units_own_key():
    canonical = notice_dates({"received": "2026-02-03", "period": 2, "unit": "weeks"})
    shorthand = notice_dates({"received": "2026-02-03", "weeks": 2})
    assert canonical == shorthand
    assert canonical.end_date == D(2026, 2, 17)


def test_period_without_a_unit_counts_days():
    assert notice_dates({"received": "2026-02-03", "period": "10"}).end_date == D(2026, 2, 13)


def test_period_and_a_shorthand_together_ask_for_one():
    assert codes(errors_of({"received": "2026-02-03", "period": 3, "days": 3})) == {
        ("period", "one_period")
    }
    assert codes(errors_of({"received": "2026-02-03", "days": 3, "unit": "weeks"})) == {
        ("period", "one_period")
    }


def test_a_huge_period_is_too_large_not_a_bad_number():
    error = errors_of({"received": "2026-02-03", "period": "99999999999999999999", "unit": "months"})
    assert codes(error) == {("period", "too_large")}
    assert error.to_list("en")[0]["message"] == (
        "Notice period: 99999999999999999999 is too large (at most 120)."
    )
    assert "не больше 120" in error.to_list("ru")[0]["message"]
    assert "najwyżej 120" in error.to_list("pl")[0]["message"]


def test_an_unknown_unit_is_reported_on_unit():
    assert codes(errors_of({"received": "2026-02-03", "period": 3, "unit": "years"})) == {
        ("unit", "not_a_choice")
    }
