"""Notice dates: when a notice period ends, counted the way the chosen law counts it.

Counting (RU Civil Code arts. 191–192, PL Civil Code arts. 111–112): the period starts the
day after the notice is received; a period in weeks or months ends on the matching day of
the last week or month, or on that month's last day when it has no matching day.

Roll-forward: RU art. 193 moves an end that falls on a non-working day to the next working
day; PL art. 115 moves an end on a statutory day off or a Saturday to the next day that is
neither; ``other`` applies no statutory rule (the contract decides).

Public holidays come from the ``holidays`` package, built lazily per year and cached.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ._data import load
from ._errors import FieldError
from ._fields import Reader
from ._i18n import LANGUAGES, normalize_language
from ._jurisdictions import JURISDICTIONS

UNITS = ("days", "business_days", "weeks", "months")

_LIMITS = {"days": 3650, "business_days": 2600, "weeks": 520, "months": 120}
_COUNTRIES = {"ru": "RU", "pl": "PL"}
_ROLLS_FORWARD = frozenset({"ru", "pl"})
_SATURDAY, _SUNDAY = 5, 6
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class MovedDay:
    """A day the end of the period was moved off, and why it is not a working day."""

    date: dt.date
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"date": self.date.isoformat(), "reason": self.reason}


@dataclass(frozen=True)
class NoticeDates:
    """The raw end of a notice period and its end after the jurisdiction's roll-forward."""

    received: dt.date
    amount: int
    unit: str
    jurisdiction: str
    lang: str
    period_end: dt.date
    end_date: dt.date
    moved_by: tuple[MovedDay, ...]
    rule: dict[str, str] = field(hash=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "received": self.received.isoformat(),
            "amount": self.amount,
            "unit": self.unit,
            "jurisdiction": self.jurisdiction,
            "period_end": self.period_end.isoformat(),
            "end_date": self.end_date.isoformat(),
            "moved_by": [moved.to_dict() for moved in self.moved_by],
            "rule": dict(self.rule),
        }


# --- public holidays -------------------------------------------------------------------------


def _holiday_language(country: str, lang: str) -> str:
    """The ``holidays`` translation closest to ``lang``; English when the country lacks it."""
    import holidays

    supported = getattr(holidays, country).supported_languages
    for candidate in (lang, "en_US"):
        if candidate in supported:
            return candidate
    return getattr(holidays, country).default_language


@cache
def _holidays_for(country: str, year: int, language: str) -> Any:
    import holidays  # imported here so that importing partways stays cheap and reads nothing

    return holidays.country_holidays(country, years=year, language=language)


def _country_holidays(jurisdiction: str, year: int, lang: str) -> Any | None:
    country = _COUNTRIES.get(jurisdiction)
    if country is None:
        return None
    return _holidays_for(country, year, _holiday_language(country, normalize_language(lang)))


def _is_weekend_day_off(day: dt.date, jurisdiction: str) -> bool:
    if day.weekday() not in (_SATURDAY, _SUNDAY):
        return False
    # Russia sometimes makes a Saturday a working day when it moves a day off elsewhere;
    # the ``holidays`` package lists those Saturdays, so they count as working days.
    known = _country_holidays(jurisdiction, day.year, "en")
    return known is None or day not in known.weekend_workdays


def is_day_off(day: dt.date, jurisdiction: str) -> bool:
    """Whether ``day`` is not a working day in ``jurisdiction`` (``other``: Saturday, Sunday)."""
    known = _country_holidays(jurisdiction, day.year, "en")
    return (known is not None and day in known) or _is_weekend_day_off(day, jurisdiction)


def day_off_reason(day: dt.date, jurisdiction: str, lang: str) -> str | None:
    """Why ``day`` is a day off, in ``lang``: the holiday's name, else the weekday's; or None."""
    known = _country_holidays(jurisdiction, day.year, lang)
    if known is not None and day in known:
        return known.get(day)
    if _is_weekend_day_off(day, jurisdiction):
        return _words(lang)["weekdays"][day.weekday()]
    return None


# --- counting ---------------------------------------------------------------------------------


def _add_months(start: dt.date, months: int) -> dt.date:
    """The matching day ``months`` later, or that month's last day when it has none."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    last_day = _calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(start.day, last_day))


def _add_business_days(start: dt.date, count: int, jurisdiction: str) -> dt.date:
    day = start
    while count:
        day += _ONE_DAY
        if not is_day_off(day, jurisdiction):
            count -= 1
    return day


def _period_end(received: dt.date, amount: int, unit: str, jurisdiction: str) -> dt.date:
    if unit == "days":
        return received + dt.timedelta(days=amount)
    if unit == "weeks":
        return received + dt.timedelta(weeks=amount)
    if unit == "months":
        return _add_months(received, amount)
    if unit == "business_days":
        return _add_business_days(received, amount, jurisdiction)
    raise ValueError(f"unknown unit {unit!r}")


def _roll_forward(end: dt.date, jurisdiction: str, lang: str) -> tuple[dt.date, list[MovedDay]]:
    moved: list[MovedDay] = []
    if jurisdiction not in _ROLLS_FORWARD:
        return end, moved
    while is_day_off(end, jurisdiction):
        moved.append(MovedDay(end, day_off_reason(end, jurisdiction, lang) or ""))
        end += _ONE_DAY
    return end, moved


def _words(lang: str) -> dict[str, Any]:
    return load("notice")[normalize_language(lang)]


def rule_for(jurisdiction: str, lang: str) -> dict[str, str]:
    """The counting rule applied for ``jurisdiction``: title, citation, explanation, url."""
    return dict(_words(lang)["rules"][jurisdiction])


def compute_notice(
    received: dt.date, amount: int, unit: str, jurisdiction: str, lang: str = "en"
) -> NoticeDates:
    """The notice period's raw end and its end after roll-forward; inputs are assumed valid."""
    lang = normalize_language(lang)
    period_end = _period_end(received, amount, unit, jurisdiction)
    end_date, moved = _roll_forward(period_end, jurisdiction, lang)
    return NoticeDates(
        received=received,
        amount=amount,
        unit=unit,
        jurisdiction=jurisdiction,
        lang=lang,
        period_end=period_end,
        end_date=end_date,
        moved_by=tuple(moved),
        rule=rule_for(jurisdiction, lang),
    )


# --- request edge -----------------------------------------------------------------------------

PERIOD_FIELDS = ("period", "unit")


def read_period(reader: Reader) -> tuple[int | None, str | None]:
    """The notice period of a request: ``period`` (a number) with its ``unit`` (days when
    absent), or the shorthand of one unit's own key (``{"days": 14}``). Anything else is
    reported on ``period``."""
    shorthand = [unit for unit in UNITS if reader.is_given(unit)]
    canonical = reader.is_given("period")
    if canonical and not shorthand:
        unit = reader.choice("unit", UNITS, default="days")
        high = _LIMITS.get(unit or "days", _LIMITS["days"])
        return reader.integer("period", low=1, high=high), unit
    if len(shorthand) == 1 and not canonical and not reader.is_given("unit"):
        (unit,) = shorthand
        return reader.integer(unit, low=1, high=_LIMITS[unit]), unit
    reader.errors.append(FieldError("period", "one_period"))
    return None, None


def notice_dates(request: Mapping[str, Any]) -> NoticeDates:
    """Validate a notice request (raises ``ValidationError``) and compute its dates."""
    reader = Reader(request, known=("lang", "received", *PERIOD_FIELDS, *UNITS, "jurisdiction"))
    lang = reader.choice("lang", LANGUAGES, default="en")
    received = reader.date("received")
    amount, unit = read_period(reader)
    jurisdiction = reader.choice("jurisdiction", JURISDICTIONS, default="other")
    reader.finish()
    assert received is not None and amount is not None and unit and jurisdiction is not None
    return compute_notice(received, amount, unit, jurisdiction, lang or "en")


def calendar(result: NoticeDates) -> list[dict[str, Any]]:
    """Every day from receipt through the end date, for a small calendar view.

    ``in_period`` marks the days the raw period counts (after receipt, up to ``period_end``);
    days after it up to ``end_date`` are the ones the roll-forward added.
    """
    days: list[dict[str, Any]] = []
    day = result.received
    while day <= result.end_date:
        reason = day_off_reason(day, result.jurisdiction, result.lang)
        days.append(
            {
                "date": day.isoformat(),
                "weekday": day.weekday(),
                "day_off": reason is not None,
                "reason": reason,
                "in_period": result.received < day <= result.period_end,
                "is_end": day == result.end_date,
            }
        )
        day += _ONE_DAY
    return days
