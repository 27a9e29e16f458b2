"""The letter check: flag blame, wavering and missing essentials in a draft letter.

Phrases and messages live in ``data/lettercheck.toml`` (its header explains the phrase
syntax). Matching is case-insensitive and respects Unicode word boundaries.

Offsets (``start``, ``end``) count Unicode code points in the checked text: the text as
sent, with CRLF turned into LF and in Unicode NFC form (what a browser textarea gives).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from ._data import load
from ._fields import Reader
from ._i18n import LANGUAGES
from ._inflect import date_words, format_date, month_names

TEXT_LIMIT = 20000
KINDS = ("blame", "wavering")
_FLAGS = re.IGNORECASE | re.MULTILINE


@dataclass(frozen=True)
class Finding:
    """One thing to change in the letter; ``start``/``end`` are None for what is missing."""

    kind: str
    code: str
    text: str
    message: str
    start: int | None
    end: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "code": self.code,
            "text": self.text,
            "message": self.message,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class LetterCheck:
    findings: tuple[Finding, ...]
    lang: str

    @property
    def ok(self) -> bool:
        return not self.findings

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "lang": self.lang,
            "findings": [finding.to_dict() for finding in self.findings],
        }


# --- phrases to patterns ----------------------------------------------------------------------


def _word_pattern(word: str) -> str:
    """One word of a phrase: alternatives split by |, a trailing * lets the word continue."""
    alternatives = []
    for alternative in word.split("|"):
        stem = alternative.endswith("*")
        core = re.escape(alternative.rstrip("*"))
        alternatives.append(core + (r"\w*" if stem else ""))
    return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"


def phrase_pattern(phrase: str) -> str:
    """A regular expression for a phrase in the data file's syntax."""
    if phrase.startswith("re:"):
        return phrase[3:]
    pattern = ""
    for index, word in enumerate(phrase.split()):
        comma = word.endswith(",") and len(word) > 1
        if index:
            pattern += r"\s*" if pattern.endswith(",?") else r"\s+"
        pattern += _word_pattern(word.rstrip(",") if comma else word) + (r"\s*,?" if comma else "")
    # Word boundaries only where the phrase itself begins or ends with a word character.
    before = r"(?<!\w)" if re.match(r"\w", phrase) else ""
    after = r"(?!\w)" if re.search(r"[\w*]$", phrase.rstrip(",")) else ""
    return before + pattern + after


@cache
def _compiled(lang: str, kind: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    groups = load("lettercheck")[lang].get(kind, {})
    return tuple((code, _alternation(group["phrases"])) for code, group in groups.items())


def _alternation(phrases: list[str]) -> re.Pattern[str]:
    # Longer phrases first and raw patterns last, so "może jednak" is reported whole.
    ordered = sorted(phrases, key=lambda p: (p.startswith("re:"), -len(p)))
    return re.compile("|".join(f"(?:{phrase_pattern(p)})" for p in ordered), _FLAGS)


@cache
def _date_pattern(lang: str) -> re.Pattern[str]:
    months = "|".join(re.escape(name) for name in month_names(lang))
    patterns = load("lettercheck")[lang]["dates"]["patterns"]
    return re.compile("|".join(f"(?:{p.replace('{months}', months)})" for p in patterns), _FLAGS)


# --- checks -----------------------------------------------------------------------------------


def _message(lang: str, code: str, **params: str) -> str:
    return load("lettercheck")[lang]["messages"][code].format(**params)


def _flagged(text: str, lang: str) -> Iterator[Finding]:
    for kind in KINDS:
        for code, pattern in _compiled(lang, kind):
            for match in pattern.finditer(text):
                if match.end() > match.start():
                    yield Finding(
                        kind, code, match.group(), _message(lang, code), match.start(), match.end()
                    )


def _missing(code: str, lang: str, **params: str) -> Finding:
    return Finding("missing", code, "", _message(lang, code, **params), None, None)


def _mentions_date(text: str, day: dt.date, lang: str) -> bool:
    """Whether ``day`` appears in words ("31 grudnia 2026") or as 2026-12-31 / 31.12.2026."""
    folded = text.casefold()
    forms = (date_words(day, lang), day.isoformat(), day.strftime("%d.%m.%Y"))
    return any(form.casefold() in folded for form in forms)


def _essentials(text: str, lang: str, end_date: dt.date | None) -> Iterator[Finding]:
    if end_date is not None:
        if not _mentions_date(text, end_date, lang):
            yield _missing("given_end_date", lang, date=format_date(end_date, lang))
    elif not _date_pattern(lang).search(text):
        yield _missing("end_date", lang)
    for code, pattern in _compiled(lang, "essentials"):
        if not pattern.search(text):
            yield _missing(code, lang)


def find_issues(text: str, lang: str, end_date: dt.date | None = None) -> tuple[Finding, ...]:
    """Every finding for ``text``: flagged phrases in reading order, then what is missing."""
    flagged = sorted(_flagged(text, lang), key=lambda f: (f.start, f.end))
    return (*flagged, *_essentials(text, lang, end_date))


def check_letter(request: Mapping[str, Any]) -> LetterCheck:
    """Validate a check request (raises ``ValidationError``) and check the letter's text."""
    reader = Reader(request, known=("lang", "text", "end_date"))
    lang = reader.choice("lang", LANGUAGES, default="en") or "en"
    reader.text("text", max_length=TEXT_LIMIT, multiline=True)
    end_date = reader.date("end_date", required=False)
    reader.finish()
    # Check the text as sent (not stripped), so offsets point into what the reader typed.
    text = unicodedata.normalize("NFC", request["text"].replace("\r\n", "\n"))
    return LetterCheck(find_issues(text, lang, end_date), lang)
