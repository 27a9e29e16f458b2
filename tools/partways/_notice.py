"""Notice dates: when a notice period ends, counted the way the chosen law counts it.

Counting (RU Civil Code arts. 191–192, PL Civil Code arts. 111–112): the period starts the
day after the notice is received; a period in weeks or months ends on the matching day of
the last week or month, or on that month's last day when it has no matching day.

Moving the end: RU art. 193 moves an end that falls on a non-working day to the next working
day. PL art. 115 moves the end of a deadline *for performing an act* off a statutory day off
or a Saturday; whether it moves the end of a notice period is disputed, so both ends are
kept and the later one is the date letters use. ``other`` moves nothing (the contract
decides) and counts business days Monday to Friday, with no holidays.

End of a calendar month (asked for with ``end_of_month``): the last day of the month in which
the period ends, counted from the later end; it is the day the contract ends and is not moved.

Russia's transfers of days off are decreed year by year; a period that runs past the last
year the ``holidays`` package has them for is marked provisional.

Public holidays come from the ``holidays`` package, built lazily per year and cached; their
names are in the reader's language (the package's own translation, else holiday_names.toml).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ._data import load
from ._errors import FieldError
from ._fields import Reader
from ._i18n import LANGUAGES, normalize_language
from ._inflect import format_date
from ._jurisdictions import JURISDICTIONS

UNITS = ("days", "business_days", "weeks", "months")

_LIMITS = {"days": 3650, "business_days": 2600, "weeks": 520, "months": 120}
_COUNTRIES = {"ru": "RU", "pl": "PL"}
_MOVES_END = frozenset({"ru", "pl"})
_DISPUTED_MOVE = frozenset({"pl"})  # art. 115 k.c. and notice periods: see the module's doc
_SATURDAY, _SUNDAY = 5, 6
_ONE_DAY = dt.timedelta(days=1)
_PACKAGE_LANGUAGE = {"en": "en_US", "ru": "ru", "pl": "pl"}
# How the holidays package names a Russian day off in its own language: a transferred day
# off carries the date it was moved from; a day off in lieu of a holiday carries its name.
_TRANSFERRED = re.compile(r"Выходной \(перенесено с (\d{2})\.(\d{2})\.(\d{4})\)")
_OBSERVED = re.compile(r"(.+) \(выходной\)")
# A date that ends with its own stop ("1 января 2027 г.") at the end of a sentence.
_DOUBLED_STOP = re.compile(r"(?<![.])\.\.(?=\s|$)")


@dataclass(frozen=True)
class MovedDay:
    """A day the end of the period was moved off, and why it is not a working day."""

    date: dt.date
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"date": self.date.isoformat(), "reason": self.reason}


@dataclass(frozen=True)
class Note:
    """One sentence the result adds: a move, a dispute, a month end, a provisional year."""

    kind: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class NoticeDates:
    """A notice period's ends: plain, moved (where a rule moves it), and the date letters use.

    ``end_date`` is the date letters use: the month end when ``end_of_month`` was asked for,
    else the moved end (never before the plain ``period_end``).
    """

    received: dt.date
    amount: int
    unit: str
    jurisdiction: str
    lang: str
    period_end: dt.date
    moved_end: dt.date
    end_date: dt.date
    moved_by: tuple[MovedDay, ...]
    moved_under: str | None
    disputed: bool
    end_of_month: bool
    month_end: dt.date | None
    provisional: bool
    transfers_known_through: int | None
    notes: tuple[Note, ...]
    rule: dict[str, Any] = field(hash=False)
    month_end_rule: dict[str, str] | None = field(default=None, hash=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "received": self.received.isoformat(),
            "amount": self.amount,
            "unit": self.unit,
            "jurisdiction": self.jurisdiction,
            "period_end": self.period_end.isoformat(),
            "moved_end": self.moved_end.isoformat(),
            "end_date": self.end_date.isoformat(),
            "moved_by": [moved.to_dict() for moved in self.moved_by],
            "moved_under": self.moved_under,
            "disputed": self.disputed,
            "end_of_month": self.end_of_month,
            "month_end": self.month_end.isoformat() if self.month_end else None,
            "provisional": self.provisional,
            "transfers_known_through": self.transfers_known_through,
            "notes": [note.to_dict() for note in self.notes],
            "rule": dict(self.rule),
            "month_end_rule": dict(self.month_end_rule) if self.month_end_rule else None,
        }


# --- public holidays -------------------------------------------------------------------------


def _package_language(country: str, lang: str) -> str | None:
    """The ``holidays`` translation of ``lang`` for ``country``, or None when it has none."""
    import holidays

    wanted = _PACKAGE_LANGUAGE[normalize_language(lang)]
    return wanted if wanted in getattr(holidays, country).supported_languages else None


@cache
def _holidays_for(country: str, year: int, language: str | None) -> Any:
    """The country's holidays of ``year``, named in ``language`` (None: its own language).

    The language is always passed on: given none, ``holidays`` names them in the language of
    the environment's locale (LANG and the like), which differs between a terminal, a test
    run and the browser."""
    import holidays  # imported here so that importing partways stays cheap and reads nothing

    own = getattr(holidays, country).default_language
    return holidays.country_holidays(country, years=year, language=language or own)


def _country_holidays(jurisdiction: str, year: int) -> Any | None:
    country = _COUNTRIES.get(jurisdiction)
    return None if country is None else _holidays_for(country, year, None)


def _is_weekend_day_off(day: dt.date, jurisdiction: str) -> bool:
    if day.weekday() not in (_SATURDAY, _SUNDAY):
        return False
    # Russia sometimes makes a Saturday a working day when it moves a day off elsewhere;
    # the ``holidays`` package lists those Saturdays, so they count as working days.
    known = _country_holidays(jurisdiction, day.year)
    return known is None or day not in known.weekend_workdays


def is_day_off(day: dt.date, jurisdiction: str) -> bool:
    """Whether ``day`` is not a working day in ``jurisdiction`` (``other``: Saturday, Sunday)."""
    known = _country_holidays(jurisdiction, day.year)
    return (known is not None and day in known) or _is_weekend_day_off(day, jurisdiction)


def _own_name(country: str, native: str, translated: str | None, lang: str) -> str:
    """One holiday's name in ``lang``, from its name in the country's own language."""
    words = _words(lang)
    moved = _TRANSFERRED.fullmatch(native)
    if moved:
        day, month, year = (int(part) for part in moved.groups())
        return words["transferred"].format(date=format_date(dt.date(year, month, day), lang))
    if translated is not None:
        return translated
    table = load("holiday_names").get(country, {}).get(lang, {})
    observed = _OBSERVED.fullmatch(native)
    if observed and observed[1] in table:
        return words["observed"].format(name=table[observed[1]])
    return table.get(native, "")


def holiday_name(day: dt.date, jurisdiction: str, lang: str) -> str | None:
    """The name of the public holiday on ``day`` in ``lang``; None when it is not one.

    Names come from the package's own translation where it has one, else from
    holiday_names.toml, else (a name neither knows) in English."""
    country = _COUNTRIES.get(jurisdiction)
    if country is None:
        return None
    native = _holidays_for(country, day.year, None).get(day)
    if native is None:
        return None
    lang = normalize_language(lang)
    language = _package_language(country, lang)
    parts = native.split("; ")
    if language is not None:
        translated = _holidays_for(country, day.year, language).get(day).split("; ")
    else:
        translated = [None] * len(parts)
    names = [_own_name(country, n, t, lang) for n, t in zip(parts, translated, strict=True)]
    if not all(names):  # a holiday the table does not know yet: the package's English name
        return holiday_name(day, jurisdiction, "en")
    return "; ".join(names)


def day_off_reason(day: dt.date, jurisdiction: str, lang: str) -> str | None:
    """Why ``day`` is a day off, in ``lang``: the holiday's name, else the weekday's; or None."""
    name = holiday_name(day, jurisdiction, lang)
    if name is not None:
        return name
    if _is_weekend_day_off(day, jurisdiction):
        return _words(lang)["weekdays"][day.weekday()]
    return None


@cache
def transfers_known_through() -> int | None:
    """The last year for which the installed ``holidays`` has Russia's transfers of days off
    (set by a government decree each year); None if the package no longer says."""
    try:
        from holidays.countries.russia import RussiaStaticHolidays

        return max(RussiaStaticHolidays.special_public_holidays)
    except (ImportError, AttributeError, TypeError, ValueError):
        return None


# --- counting ---------------------------------------------------------------------------------


def _add_months(start: dt.date, months: int) -> dt.date:
    """The matching day ``months`` later, or that month's last day when it has none."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    last_day = _calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(start.day, last_day))


def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month: the first month's end on or after ``day``."""
    return day.replace(day=_calendar.monthrange(day.year, day.month)[1])


def add_business_days(start: dt.date, count: int, jurisdiction: str) -> dt.date:
    """The ``count``-th working day after ``start`` in ``jurisdiction``."""
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
        return add_business_days(received, amount, jurisdiction)
    raise ValueError(f"unknown unit {unit!r}")


def _move_end(end: dt.date, jurisdiction: str, lang: str) -> tuple[dt.date, list[MovedDay]]:
    moved: list[MovedDay] = []
    if jurisdiction not in _MOVES_END:
        return end, moved
    while is_day_off(end, jurisdiction):
        moved.append(MovedDay(end, day_off_reason(end, jurisdiction, lang) or ""))
        end += _ONE_DAY
    return end, moved


def _words(lang: str) -> dict[str, Any]:
    return load("notice")[normalize_language(lang)]


def source_links(source: str, lang: str) -> list[dict[str, str]]:
    """Where to read a source of notice.toml: official publication first, labelled in ``lang``."""
    if not source:
        return []
    names = _words(lang)["link_names"]
    return [
        {"name": names[link["site"]], "url": link["url"]}
        for link in load("notice")["sources"][source]["links"]
    ]


def rule_for(jurisdiction: str, lang: str) -> dict[str, Any]:
    """The counting rule applied for ``jurisdiction``: title, citation, explanation, ``url``
    (the first of ``links``, the official publication where there is one) and ``links``."""
    rule = _words(lang)["rules"][jurisdiction]
    links = source_links(rule["source"], lang)
    return {
        "title": rule["title"],
        "citation": rule["citation"],
        "explanation": rule["explanation"],
        "url": links[0]["url"] if links else "",
        "links": links,
    }


def _notes(
    result: dict[str, Any], lang: str, known_through: int | None
) -> tuple[list[Note], bool]:
    """The sentences a result adds, and whether it is provisional."""
    words = _words(lang)["notes"]
    dates = {
        key: format_date(result[key], lang)
        for key in ("period_end", "moved_end", "month_end")
        if result.get(key)
    }
    notes = []
    jurisdiction = result["jurisdiction"]

    def say(kind: str, **values: Any) -> Note:
        return Note(kind, _DOUBLED_STOP.sub(".", words[kind].format(**dates, **values)))

    if result["moved_end"] != result["period_end"]:
        notes.append(say("disputed" if jurisdiction in _DISPUTED_MOVE else "moved"))
    if result.get("month_end"):
        notes.append(say("month_end"))
    provisional = False
    if jurisdiction == "ru":
        if known_through is None:
            provisional = True
            notes.append(Note("provisional", words["provisional_unknown"]))
        elif result["end_date"].year > known_through:
            provisional = True
            first_year = max(result["received"].year, known_through + 1)
            notes.append(say("provisional", known_through=known_through, first_year=first_year))
    if jurisdiction not in _COUNTRIES and result["unit"] == "business_days":
        notes.append(say("weekends_only"))
    return notes, provisional


def compute_notice(
    received: dt.date,
    amount: int,
    unit: str,
    jurisdiction: str,
    lang: str = "en",
    *,
    end_of_month: bool = False,
) -> NoticeDates:
    """The notice period's plain end, its moved end, and the date letters use (the month end
    when ``end_of_month``); inputs are assumed valid."""
    lang = normalize_language(lang)
    period_end = _period_end(received, amount, unit, jurisdiction)
    moved_end, moved = _move_end(period_end, jurisdiction, lang)
    last_day = month_end(moved_end) if end_of_month else None
    end_date = last_day or moved_end
    known_through = transfers_known_through() if jurisdiction == "ru" else None
    notes, provisional = _notes(
        {"jurisdiction": jurisdiction, "unit": unit, "received": received,
         "period_end": period_end, "moved_end": moved_end, "month_end": last_day,
         "end_date": end_date},
        lang, known_through,
    )  # fmt: skip
    month_words = _words(lang)["month_end"]
    return NoticeDates(
        received=received,
        amount=amount,
        unit=unit,
        jurisdiction=jurisdiction,
        lang=lang,
        period_end=period_end,
        moved_end=moved_end,
        end_date=end_date,
        moved_by=tuple(moved),
        moved_under=_words(lang)["moved_under"][jurisdiction] if moved else None,
        disputed=bool(moved) and jurisdiction in _DISPUTED_MOVE,
        end_of_month=end_of_month,
        month_end=last_day,
        provisional=provisional,
        transfers_known_through=known_through,
        notes=tuple(notes),
        rule=rule_for(jurisdiction, lang),
        month_end_rule=dict(month_words) if end_of_month else None,
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
    known = ("lang", "received", *PERIOD_FIELDS, *UNITS, "jurisdiction", "end_of_month")
    reader = Reader(request, known=known)
    lang = reader.choice("lang", LANGUAGES, default="en")
    received = reader.date("received")
    amount, unit = read_period(reader)
    jurisdiction = reader.choice("jurisdiction", JURISDICTIONS, default="other")
    end_of_month = reader.boolean("end_of_month")
    reader.finish()
    assert received is not None and amount is not None and unit and jurisdiction is not None
    return compute_notice(
        received, amount, unit, jurisdiction, lang or "en", end_of_month=end_of_month
    )


def calendar(result: NoticeDates) -> list[dict[str, Any]]:
    """Every day from receipt through the end date, for a small calendar view.

    ``in_period`` marks the days the plain period counts (after receipt, up to ``period_end``);
    days after it up to ``end_date`` are the ones a move or the month end added.
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
                "is_period_end": day == result.period_end,
                "is_end": day == result.end_date,
            }
        )
        day += _ONE_DAY
    return days
