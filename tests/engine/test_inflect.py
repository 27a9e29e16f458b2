"""Plural categories, dates and periods in words, checked against Babel (CLDR) as the oracle."""

from __future__ import annotations

import datetime as dt

import babel.dates
import pytest
from babel import Locale
from hypothesis import given, settings
from hypothesis import strategies as st

from partways._inflect import format_date, format_period, plural_category

LANGS = ("en", "ru", "pl")


@pytest.mark.parametrize("lang", LANGS)
def test_plural_categories_match_cldr(lang):
    locale = Locale.parse(lang)
    for n in range(301):
        assert plural_category(n, lang) == locale.plural_form(n), n


@settings(max_examples=150, deadline=None)
@given(n=st.integers(min_value=0, max_value=10**9), lang=st.sampled_from(LANGS))
def test_plural_categories_match_cldr_for_large_numbers(n, lang):
    assert plural_category(n, lang) == Locale.parse(lang).plural_form(n)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("month", range(1, 13))
def test_month_names_match_cldr_genitive(lang, month):
    day = dt.date(2027, month, 1)
    expected = babel.dates.format_date(day, "d MMMM", locale=lang)
    assert format_date(day, lang).startswith(expected + " 2027")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "1 January 2027"), ("ru", "1 января 2027 г."), ("pl", "1 stycznia 2027 r.")],
)
def test_format_date(lang, expected):
    assert format_date(dt.date(2027, 1, 1), lang) == expected


@pytest.mark.parametrize(
    ("amount", "unit", "lang", "expected"),
    [
        (1, "days", "en", "1 day"),
        (14, "days", "en", "14 days"),
        (1, "business_days", "en", "1 business day"),
        (1, "days", "ru", "1 день"),
        (2, "days", "ru", "2 дня"),
        (5, "days", "ru", "5 дней"),
        (11, "days", "ru", "11 дней"),
        (21, "days", "ru", "21 день"),
        (22, "business_days", "ru", "22 рабочих дня"),
        (1, "business_days", "ru", "1 рабочий день"),
        (10, "business_days", "ru", "10 рабочих дней"),
        (1, "weeks", "ru", "1 неделя"),
        (3, "weeks", "ru", "3 недели"),
        (12, "weeks", "ru", "12 недель"),
        (1, "months", "ru", "1 месяц"),
        (4, "months", "ru", "4 месяца"),
        (6, "months", "ru", "6 месяцев"),
        (1, "days", "pl", "1 dzień"),
        (2, "days", "pl", "2 dni"),
        (5, "days", "pl", "5 dni"),
        (22, "days", "pl", "22 dni"),
        (1, "business_days", "pl", "1 dzień roboczy"),
        (3, "business_days", "pl", "3 dni robocze"),
        (12, "business_days", "pl", "12 dni roboczych"),
        (1, "weeks", "pl", "1 tydzień"),
        (2, "weeks", "pl", "2 tygodnie"),
        (5, "weeks", "pl", "5 tygodni"),
        (1, "months", "pl", "1 miesiąc"),
        (24, "months", "pl", "24 miesiące"),
        (12, "months", "pl", "12 miesięcy"),
    ],
)
def test_format_period(amount, unit, lang, expected):
    assert format_period(amount, unit, lang) == expected


@settings(max_examples=150, deadline=None)
@given(
    amount=st.integers(min_value=1, max_value=3650),
    unit=st.sampled_from(["days", "business_days", "weeks", "months"]),
    lang=st.sampled_from(LANGS),
)
def test_period_words_follow_the_plural_category(amount, unit, lang):
    words = format_period(amount, unit, lang)
    assert words.startswith(f"{amount} ")
    same_category = next(
        n for n in range(1, 200) if plural_category(n, lang) == plural_category(amount, lang)
    )
    assert (
        words.removeprefix(f"{amount} ")
        == format_period(same_category, unit, lang).split(" ", 1)[1]
    )
