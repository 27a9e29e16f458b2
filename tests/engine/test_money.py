"""Amounts of money as CLDR writes them, with Babel as the oracle; and how amounts are read."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_currency

from partways._money import currencies, format_money, parse_amount

NBSP = "\u00a0"
# The letter's English is British (dates as "1 December 2026"): CLDR's en_GB.
BABEL_LOCALES = {"en": "en_GB", "ru": "ru", "pl": "pl"}
AMOUNTS = ["0.01", "0.5", "7", "999.99", "1000", "1234.5", "9999.99", "10000", "12345",
           "123456.78", "1000000", "987654321012.34"]  # fmt: skip


def cldr(amount: Decimal, currency: str, lang: str) -> str:
    """Babel's CLDR formatting with the two CLDR rules Babel 2.x leaves out (ICU, browsers
    and Node apply them): Polish minimumGroupingDigits 2, and currency spacing (a no-break
    space between a letter-edged symbol and the digits)."""
    text = format_currency(amount, currency, locale=BABEL_LOCALES[lang])
    if lang == "pl" and 1000 <= amount < 10000:
        text = text.replace(NBSP, "", 1)
    if lang == "en" and text[:3].isalpha():  # "PLN1,234.50" -> "PLN 1,234.50"
        text = text[:3] + NBSP + text[3:]
    return text


@pytest.mark.parametrize("lang", ["en", "ru", "pl"])
@pytest.mark.parametrize("currency", currencies())
def test_every_currency_matches_cldr_in_every_language(lang, currency):
    for amount in map(Decimal, AMOUNTS):
        assert format_money(amount, currency, lang) == cldr(amount, currency, lang), amount


@pytest.mark.parametrize(
    ("amount", "currency", "lang", "expected"),
    # As ICU (Node 22, Chromium) writes them: the cases where Babel alone would be wrong.
    [
        ("1234.50", "PLN", "pl", "1234,50 zł"),
        ("12345", "PLN", "pl", "12 345,00 zł"),
        ("1000000", "EUR", "pl", "1 000 000,00 €"),
        ("1234.50", "PLN", "en", "PLN 1,234.50"),
        ("1234.50", "GBP", "en", "£1,234.50"),
        ("1234.50", "RUB", "ru", "1 234,50 ₽"),
        ("1234.50", "RUB", "en", "RUB 1,234.50"),
    ],
)
def test_the_cases_babel_misses_read_as_icu_writes_them(amount, currency, lang, expected):
    assert format_money(Decimal(amount), currency, lang) == expected.replace(" ", NBSP)


def test_the_accepted_currencies_are_iso_codes_babel_knows_with_two_decimals():
    from babel.numbers import get_currency_precision

    assert len(currencies()) == len(set(currencies()))
    for code in currencies():
        assert len(code) == 3 and code.isupper()
        assert get_currency_precision(code) == 2


@pytest.mark.parametrize(
    ("given", "read"),
    [("1200", "1200.00"), ("1200.5", "1200.50"), ("1200,50", "1200.50"), (" 7 ", "7.00"),
     (1200, "1200.00"), (1200.5, "1200.50"), ("0", "0.00")],
)  # fmt: skip
def test_amounts_are_read_exactly(given, read):
    assert parse_amount(given) == Decimal(read)


@pytest.mark.parametrize("given", ["1,200.00", "1 200", "12x", "-5", "1.234", "", True, None, [1]])
def test_what_is_not_an_amount(given):
    assert parse_amount(given) is None
