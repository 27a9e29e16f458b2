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
    holiday_name,
    is_day_off,
    notice_dates,
    transfers_known_through,
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
    assert reasons[D(2026, 12, 31)] == "Выходной день (перенесён с 4 января 2026 г.)"
    assert reasons[D(2027, 1, 1)] == "Новогодние каникулы"
    assert reasons[D(2027, 1, 7)] == "Рождество Христово"
    assert reasons[D(2027, 1, 9)] == "суббота"
    assert reasons[D(2027, 1, 10)] == "воскресенье"
    # art. 193 applies to every period: the move is stated, and not as disputed
    assert (result.moved_end, result.moved_under, result.disputed) == (
        D(2027, 1, 11), "ст. 193 ГК РФ", False
    )
    assert [note.kind for note in result.notes] == ["moved"]
    assert "31 декабря 2026 г." in result.notes[0].text
    assert "11 января 2027 г." in result.notes[0].text


def test_ru_holiday_names_in_english_by_default():
    result = compute_notice(D(2026, 12, 25), 10, "days", "ru")
    assert result.period_end == D(2027, 1, 4)
    assert result.end_date == D(2027, 1, 11)
    assert "New Year Holidays" in moved_reasons(result)
    assert "Christmas Day" in moved_reasons(result)
    assert moved_reasons(result)[-2:] == ["Saturday", "Sunday"]


def test_ru_holiday_names_in_polish_come_from_the_engines_table():
    # holidays has no Polish translation of Russia's holidays: holiday_names.toml has them
    assert day_off_reason(D(2027, 1, 7), "ru", "pl") == "Boże Narodzenie (prawosławne)"
    assert day_off_reason(D(2027, 1, 4), "ru", "pl") == "Noworoczne dni wolne"
    assert day_off_reason(D(2026, 6, 12), "ru", "pl") == "Dzień Rosji"
    # a day off in lieu of a holiday (1992) and a transferred day off, in the page's words
    assert day_off_reason(D(1992, 5, 4), "ru", "pl") == (
        "Święto Wiosny i Pracy (dzień wolny w zamian za święto)"
    )
    assert day_off_reason(D(2026, 12, 31), "ru", "pl") == (
        "Dzień wolny (przeniesiony z 4 stycznia 2026 r.)"
    )


def test_pl_holiday_names_in_russian_come_from_the_engines_table():
    assert day_off_reason(D(2026, 11, 11), "pl", "ru") == "Национальный праздник Независимости"
    assert day_off_reason(D(2026, 12, 24), "pl", "ru") == "Сочельник"
    assert day_off_reason(D(2026, 5, 3), "pl", "ru") == "Национальный праздник Третьего мая"


@pytest.mark.skipif(
    sys.platform == "emscripten", reason="runs a subprocess; Pyodide (emscripten) has none"
)
def test_holiday_names_do_not_follow_the_environments_locale():
    # Given no language, `holidays` names holidays in the locale's language (LANGUAGE, LANG);
    # the browser's Pyodide has an English one. The names must follow the reader only.
    import os

    code = (
        "import datetime as dt; from partways._notice import holiday_name as n; "
        "print(n(dt.date(2027, 1, 7), 'ru', 'pl'), n(dt.date(2026, 11, 11), 'pl', 'ru'), sep='|')"
    )
    for locale in ("en_US", "pl_PL", "ru_RU"):
        env = {**os.environ, "LANGUAGE": locale, "LANG": f"{locale}.UTF-8"}
        out = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                             capture_output=True, text=True).stdout.strip()
        assert out == "Boże Narodzenie (prawosławne)|Национальный праздник Независимости", locale


def test_a_transferred_day_off_is_dated_in_the_readers_format_not_the_packages():
    # holidays' English label writes "01/04/2026" (month first); the page says the date
    assert day_off_reason(D(2026, 12, 31), "ru", "en") == "Day off (moved from 4 January 2026)"


def test_weekday_names_are_lower_case_mid_sentence_in_russian_and_polish():
    saturday = D(2026, 10, 17)
    assert day_off_reason(saturday, "ru", "ru") == "суббота"
    assert day_off_reason(saturday, "pl", "pl") == "sobota"
    assert day_off_reason(saturday, "other", "en") == "Saturday"


def _every_holiday(country_code, jurisdiction):
    import holidays

    for year in range(1991, 2101):
        yield from holidays.country_holidays(country_code, years=year)


@pytest.mark.parametrize(("jurisdiction", "country", "lang"), [("ru", "RU", "pl"), ("pl", "PL", "ru")])
def test_every_holiday_1991_2100_has_a_name_in_the_other_language(jurisdiction, country, lang):
    # The package lacks these translations; the engine's table must cover every name it
    # gives, so no reader meets an English name on a Russian or Polish page.
    for day in _every_holiday(country, jurisdiction):
        name = holiday_name(day, jurisdiction, lang)
        assert name and name != holiday_name(day, jurisdiction, "en"), (day, name)


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
        {"date": "2026-10-17", "reason": "суббота"},
        {"date": "2026-10-18", "reason": "воскресенье"},
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
    assert moved_reasons(result) == ["sobota", "niedziela"]


def test_pl_fourteen_days_ending_on_a_saturday_show_both_ends_and_the_dispute():
    # Received Saturday 3 Oct 2026: 14 days end on Saturday 17 Oct. Art. 115 k.c. would
    # move that to Monday 19 Oct; whether it applies to a notice period is disputed, and
    # letters use the later date.
    result = compute_notice(D(2026, 10, 3), 14, "days", "pl", "pl")
    assert (result.period_end, result.moved_end, result.end_date) == (
        D(2026, 10, 17), D(2026, 10, 19), D(2026, 10, 19)
    )
    assert (result.disputed, result.moved_under) == (True, "art. 115 k.c.")
    (note,) = result.notes
    assert note.kind == "disputed"
    assert "17 października 2026 r." in note.text and "19 października 2026 r." in note.text
    assert "sporne" in note.text
    data = result.to_dict()
    assert (data["period_end"], data["moved_end"], data["disputed"]) == (
        "2026-10-17", "2026-10-19", True
    )
    english = compute_notice(D(2026, 10, 3), 14, "days", "pl").notes[0].text
    assert "disputed" in english and "17 October 2026" in english
    assert "Letters use the later date, 19 October 2026" in english
    russian = compute_notice(D(2026, 10, 3), 14, "days", "pl", "ru").notes[0].text
    assert "спорно" in russian and "19 октября 2026 г." in russian


def test_pl_end_on_a_working_day_is_not_disputed_and_adds_no_note():
    result = compute_notice(D(2026, 12, 1), 14, "days", "pl")
    assert result.period_end == result.moved_end == result.end_date == D(2026, 12, 15)
    assert (result.disputed, result.moved_under, result.notes) == (False, None, ())


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


def test_other_business_days_say_that_they_skip_weekends_only():
    result = compute_notice(D(2026, 12, 23), 2, "business_days", "other")
    assert [note.kind for note in result.notes] == ["weekends_only"]
    assert "Monday to Friday" in result.notes[0].text
    assert "понедельника по пятницу" in compute_notice(
        D(2026, 12, 23), 2, "business_days", "other", "ru").notes[0].text
    assert compute_notice(D(2026, 12, 23), 2, "days", "other").notes == ()
    # the rule says it too, whatever the unit
    assert "Monday to Friday" in result.rule["explanation"]
    assert "no public holidays" in result.rule["explanation"]


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


PRAVO_PART_ONE = "https://pravo.gov.ru/proxy/ips/?docbody=&nd=102033239"
CONSULTANT_PART_ONE = "https://www.consultant.ru/document/cons_doc_LAW_5142/"
ISAP_CONSOLIDATED = "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU20260000795"


def test_rule_is_cited_per_jurisdiction_and_language():
    ru = compute_notice(D(2026, 5, 4), 3, "days", "ru", "ru").rule
    assert ru["citation"] == "Гражданский кодекс РФ (часть первая), ст. 191–193"
    # the official publication first, the reference database second
    assert ru["url"] == PRAVO_PART_ONE
    assert [link["url"] for link in ru["links"]] == [PRAVO_PART_ONE, CONSULTANT_PART_ONE]
    assert [link["name"] for link in ru["links"]] == [
        "официальный текст (pravo.gov.ru)", "КонсультантПлюс"
    ]
    en = compute_notice(D(2026, 5, 4), 3, "days", "ru").rule
    assert en["citation"] == "Civil Code of the Russian Federation, Part One, arts. 191–193"
    pl = compute_notice(D(2026, 5, 4), 3, "days", "pl", "pl").rule
    assert pl["citation"] == "Kodeks cywilny, art. 111–115"
    # the current consolidated text in Dziennik Ustaw, not the 1964 original
    assert pl["url"] == ISAP_CONSOLIDATED
    assert "sporne" in pl["explanation"]
    other = compute_notice(D(2026, 5, 4), 3, "days", "other").rule
    assert "contract" in other["explanation"] and other["url"] == "" and other["links"] == []
    for rule in (ru, en, pl, other):
        assert set(rule) == {"title", "citation", "explanation", "url", "links"}
        assert rule["title"] and rule["explanation"]


def test_every_language_links_the_same_sources():
    for jurisdiction in ("ru", "pl", "other"):
        urls = {
            lang: [link["url"] for link in compute_notice(
                D(2026, 5, 4), 3, "days", jurisdiction, lang).rule["links"]]
            for lang in ("en", "ru", "pl")
        }
        assert urls["en"] == urls["ru"] == urls["pl"], jurisdiction


# --- end of a calendar month --------------------------------------------------------------------


def test_month_end_after_a_russian_period_moved_past_the_new_year_holidays():
    # 3 days from 28 Dec 2026 end on 31 Dec (a day off), moved to 11 Jan 2027 (art. 193);
    # the contract ends at the end of that month: 31 Jan 2027.
    result = compute_notice(D(2026, 12, 28), 3, "days", "ru", end_of_month=True)
    assert (result.period_end, result.moved_end, result.month_end, result.end_date) == (
        D(2026, 12, 31), D(2027, 1, 11), D(2027, 1, 31), D(2027, 1, 31)
    )
    assert [note.kind for note in result.notes] == ["moved", "month_end"]
    assert "31 January 2027" in result.notes[1].text
    assert result.month_end_rule["title"] == "End of a calendar month"
    assert result.to_dict()["month_end"] == "2027-01-31"


def test_month_end_counts_from_the_later_polish_end():
    # 14 days from Sat 17 Oct 2026 end on Sat 31 Oct; art. 115 would move them past
    # Sunday 1 Nov (All Saints' Day) to Mon 2 Nov. Counting from the later end, the month
    # end is 30 Nov, not 31 Oct: more notice, never less.
    result = compute_notice(D(2026, 10, 17), 14, "days", "pl", end_of_month=True)
    assert (result.period_end, result.moved_end, result.end_date) == (
        D(2026, 10, 31), D(2026, 11, 2), D(2026, 11, 30)
    )
    assert result.disputed


def test_a_period_ending_on_a_months_last_day_ends_the_contract_that_day():
    result = compute_notice(D(2026, 12, 17), 14, "days", "pl", end_of_month=True)
    assert result.period_end == result.month_end == result.end_date == D(2026, 12, 31)


def test_month_end_is_not_moved_off_a_weekend():
    # 1 month from 31 Jan 2027 ends on Sun 28 Feb under "other": the month end is that day
    result = compute_notice(D(2027, 1, 31), 1, "months", "other", end_of_month=True)
    assert result.end_date == D(2027, 2, 28) and result.end_date.weekday() == 6
    # and under Russian rules the month end after a move stays the month's last day
    ru = compute_notice(D(2027, 1, 31), 1, "months", "ru", end_of_month=True)
    assert (ru.moved_end, ru.end_date) == (D(2027, 3, 1), D(2027, 3, 31))


def test_without_end_of_month_the_end_date_is_the_moved_end():
    result = compute_notice(D(2026, 12, 28), 3, "days", "ru")
    assert (result.end_of_month, result.month_end, result.month_end_rule) == (False, None, None)
    assert result.end_date == result.moved_end


# --- years not yet decreed ----------------------------------------------------------------------


def test_the_package_has_russias_transfers_up_to_the_year_it_reports():
    import holidays

    known = transfers_known_through()
    assert known is not None and known >= 2027  # holidays 0.109 has the decree for 2027

    def transferred(year):
        return [n for n in holidays.RU(years=year).values() if n.startswith("Выходной (перенесено")]

    assert transferred(known), "the last known year has transfers"
    assert not any(transferred(year) for year in range(known + 1, known + 4))


def test_a_russian_period_past_the_decreed_years_is_provisional():
    known = transfers_known_through()
    result = compute_notice(D(known, 12, 20), 14, "days", "ru", "ru")
    assert result.end_date.year == known + 1
    assert (result.provisional, result.transfers_known_through) == (True, known)
    note = next(note for note in result.notes if note.kind == "provisional")
    assert f"по {known} год включительно" in note.text and f"в {known + 1} год" in note.text
    inside = compute_notice(D(known, 6, 1), 14, "days", "ru")
    assert not inside.provisional and "provisional" not in {n.kind for n in inside.notes}
    # Polish holidays are set by statute, not by a yearly decree
    assert not compute_notice(D(known, 12, 20), 14, "days", "pl").provisional


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
        "received", "amount", "unit", "jurisdiction", "period_end", "moved_end", "end_date",
        "moved_by", "moved_under", "disputed", "end_of_month", "month_end", "provisional",
        "transfers_known_through", "notes", "rule", "month_end_rule",
    }  # fmt: skip


def test_end_of_month_is_read_from_the_request_as_a_form_sends_it():
    for value in (True, "true", "on"):
        result = notice_dates({"received": "2026-12-28", "period": 3, "jurisdiction": "ru",
                               "end_of_month": value})
        assert result.end_date == D(2027, 1, 31)
    assert notice_dates({"received": "2026-12-28", "period": 3, "jurisdiction": "ru",
                         "end_of_month": False}).end_date == D(2027, 1, 11)
    error = errors_of({"received": "2026-12-28", "period": 3, "end_of_month": "maybe"})
    assert codes(error) == {("end_of_month", "not_a_boolean")}


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
        "reason": "sobota",
        "in_period": True,
        "is_period_end": False,
        "is_end": False,
    }
    assert [d["date"] for d in days if d["is_period_end"]] == ["2026-11-11"]
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
        end_of_month=draw(st.booleans()),
    )


@settings(max_examples=200, deadline=None)
@given(notices())
def test_end_never_precedes_the_period_end_which_follows_receipt(result):
    assert result.end_date >= result.moved_end >= result.period_end > result.received
    assert result.disputed == (result.jurisdiction == "pl" and result.moved_end > result.period_end)


@settings(max_examples=200, deadline=None)
@given(notices())
def test_the_month_end_is_a_months_last_day_never_before_the_plain_end(result):
    if not result.end_of_month:
        assert result.month_end is None and result.end_date == result.moved_end
        return
    end = result.month_end
    assert end == result.end_date >= result.moved_end >= result.period_end
    assert (end + dt.timedelta(days=1)).day == 1  # the month's last day
    assert (end.year, end.month) == (result.moved_end.year, result.moved_end.month)


@settings(max_examples=200, deadline=None)
@given(notices())
def test_roll_forward_lands_on_an_allowed_day_and_lists_every_moved_day(result):
    span = (result.moved_end - result.period_end).days
    assert moved_dates(result) == [result.period_end + dt.timedelta(days=i) for i in range(span)]
    assert all(moved.reason for moved in result.moved_by)
    if result.jurisdiction == "other":
        assert result.moved_end == result.period_end
    else:
        assert not is_day_off(result.moved_end, result.jurisdiction)
        assert all(is_day_off(day, result.jurisdiction) for day in moved_dates(result))
    if result.jurisdiction == "pl":
        assert result.moved_end.weekday() != 5


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
