"""Amounts of money: read from a request as exact decimals, written as CLDR writes them.

The symbols and number patterns per letter language live in ``data/money.toml``; a currency
without a symbol of its own in a language is written with its ISO 4217 code, as CLDR does.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Any

from ._data import load
from ._i18n import normalize_language

MAX_AMOUNT = Decimal("999999999999.99")
_AMOUNT = re.compile(r"(\d+)(?:[.,](\d{1,2}))?")
NBSP = "\u00a0"


def currencies() -> tuple[str, ...]:
    return tuple(load("money")["currencies"])


def parse_amount(value: Any) -> Decimal | None:
    """An amount with at most two decimals ("1200", "1200.50", "1200,5", 1200.5); None when
    ``value`` is not one. Grouping separators are not accepted: "1,200" would be ambiguous
    between languages. The caller checks the range (see ``MAX_AMOUNT``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return None
    match = _AMOUNT.fullmatch(value.strip())
    if not match:
        return None
    whole, fraction = match.groups()
    return Decimal(f"{whole}.{(fraction or '').ljust(2, '0')}")


def _grouped(whole: str, separator: str, minimum_grouping: int) -> str:
    if len(whole) < 3 + minimum_grouping:
        return whole
    head, tail = whole[: len(whole) % 3], whole[len(whole) % 3 :]
    groups = ([head] if head else []) + [tail[i : i + 3] for i in range(0, len(tail), 3)]
    return separator.join(groups)


def _spaced(symbol: str, pattern: str) -> str:
    """CLDR currency spacing: a letter-edged symbol next to the digits gets a no-break space."""
    before = pattern.index("{symbol}") < pattern.index("{number}")
    edge = symbol[-1] if before else symbol[0]
    if unicodedata.category(edge).startswith("S"):
        return pattern
    joint = "{symbol}{number}" if before else "{number}{symbol}"
    spaced = "{symbol}" + NBSP + "{number}" if before else "{number}" + NBSP + "{symbol}"
    return pattern.replace(joint, spaced)


def format_money(amount: Decimal, currency: str, lang: str) -> str:
    """``amount`` in ``currency`` as a letter in ``lang`` writes it: "£1,234.50",
    "1 234,50 ₽", "1234,50 zł", "12 345,00 zł" (with no-break spaces)."""
    table = load("money")
    words = table[normalize_language(lang)]
    digits = table["digits"]
    whole, _, fraction = f"{amount:.{digits}f}".partition(".")
    number = _grouped(whole, words["group"], words["minimum_grouping"])
    if digits:
        number += words["decimal"] + fraction
    symbol = words["symbols"].get(currency, currency)
    return _spaced(symbol, words["pattern"]).format(symbol=symbol, number=number)
