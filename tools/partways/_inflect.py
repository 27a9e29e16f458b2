"""Numbers and dates in words: CLDR plural categories, dates with genitive month names.

The rules for choosing a plural category are logic and live here; the words themselves
(month names, unit forms, date patterns) live in ``data/letters_<lang>.toml``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ._data import load
from ._i18n import normalize_language


def plural_category(n: int, lang: str) -> str:
    """The CLDR plural category of the whole number ``n`` in ``lang``: one, few, many or other."""
    n = abs(n)
    lang = normalize_language(lang)
    if lang == "en":
        return "one" if n == 1 else "other"
    last, last_two = n % 10, n % 100
    if lang == "ru" and last == 1 and last_two != 11:
        return "one"
    if lang == "pl" and n == 1:
        return "one"
    if 2 <= last <= 4 and not 12 <= last_two <= 14:
        return "few"
    return "many"


def _words(lang: str) -> dict[str, Any]:
    return load(f"letters_{normalize_language(lang)}")


def month_name(month: int, lang: str) -> str:
    """The month's name as it stands after a day number (genitive in Russian and Polish)."""
    return _words(lang)["calendar"]["months"][month - 1]


def month_names(lang: str) -> tuple[str, ...]:
    return tuple(_words(lang)["calendar"]["months"])


def date_words(d: dt.date, lang: str) -> str:
    """Day, month and year without the language's trailing year mark ("31 декабря 2026")."""
    return _words(lang)["calendar"]["date_core"].format(
        day=d.day, month=month_name(d.month, lang), year=d.year
    )


def format_date(d: dt.date, lang: str) -> str:
    """A date as a letter writes it: "1 January 2027", "1 января 2027 г.", "1 stycznia 2027 r."."""
    return _words(lang)["calendar"]["date"].format(core=date_words(d, lang))


def format_period(amount: int, unit: str, lang: str) -> str:
    """A notice period in words with the plural form the number takes ("21 день", "5 dni")."""
    forms = _words(lang)["units"][unit]
    category = plural_category(amount, lang)
    word = forms.get(category) or forms["other"]
    return _words(lang)["calendar"]["period"].format(amount=amount, unit=word)
