"""The letter check: flag blame, wavering and missing essentials in a draft letter.

Phrases, ending classes, word sets and messages live in ``data/lettercheck.toml`` (its header
explains the phrase syntax). Matching is case-insensitive and respects Unicode word
boundaries; each category's phrases are compiled once into one pattern per language.

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
from ._inflect import format_date, month_name, month_names
from ._names import signature_forms

TEXT_LIMIT = 20000
KINDS = ("blame", "wavering")
_FLAGS = re.IGNORECASE | re.MULTILINE
# A gap ("...") in a phrase: up to three other words, not across punctuation.
_GAP = r"(?:\s+[\w'’-]+){0,3}"
# A signature line is short: a name, a title or a company, not a sentence.
_SIGNATURE_LINE_WORDS = 12
_SIGNATURE_LINE_CHARS = 120


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


def _data(lang: str) -> dict[str, Any]:
    return load("lettercheck")[lang]


def _literal(text: str) -> str:
    """Escape a literal; "ё" also matches "е" and an apostrophe matches either apostrophe."""
    return re.escape(text).replace("ё", "[ёе]").replace("Ё", "[ЁЕ]").replace("'", "['’]")


def _endings(lang: str, name: str) -> str:
    classes = _data(lang).get("endings", {})
    if name not in classes:
        raise KeyError(f"lettercheck.toml: no ending class “{name}” in [{lang}.endings]")
    endings = sorted(classes[name], key=len, reverse=True)
    group = "|".join(_literal(ending) for ending in endings if ending)
    return f"(?:{group})" + ("?" if "" in endings else "")


def _alternative_pattern(alternative: str, lang: str) -> str:
    if alternative.startswith("@"):
        words = _data(lang).get("words", {}).get(alternative[1:])
        if words is None:
            raise KeyError(f"lettercheck.toml: no word set “{alternative}” in [{lang}.words]")
        return "(?:" + "|".join(_word_pattern(word, lang) for word in words) + ")"
    if alternative.endswith("*"):
        return _literal(alternative[:-1]) + r"\w*"
    stem, tilde, ending_class = alternative.partition("~")
    return _literal(stem) + (_endings(lang, ending_class) if tilde else "")


def _word_pattern(word: str, lang: str) -> str:
    """One word of a phrase: alternatives split by |, each a word, stem~class, stem* or @set."""
    alternatives = [_alternative_pattern(a, lang) for a in word.split("|")]
    return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"


def _phrase_body(phrase: str, lang: str) -> str:
    """A phrase's pattern without the word boundary before it."""
    pattern = ""
    gap = False
    for word in phrase.split():
        if word == "...":
            gap = True
            continue
        comma = word.endswith(",") and len(word) > 1
        if pattern:
            pattern += (_GAP if gap else "") + (r"\s*" if pattern.endswith(",?") else r"\s+")
        gap = False
        core = _word_pattern(word.rstrip(",") if comma else word, lang)
        pattern += core + (r"\s*,?" if comma else "")
    # A word boundary after only where the phrase itself ends with a word character.
    return pattern + (r"(?!\w)" if re.search(r"[\w*]$", phrase.rstrip(",")) else "")


def _starts_with_a_word(phrase: str) -> bool:
    return not phrase.startswith("re:") and re.match(r"[\w@]", phrase) is not None


def phrase_pattern(phrase: str, lang: str = "en") -> str:
    """A regular expression for a phrase in the data file's syntax (endings from ``lang``)."""
    if phrase.startswith("re:"):
        return phrase[3:]
    return (r"(?<!\w)" if _starts_with_a_word(phrase) else "") + _phrase_body(phrase, lang)


def _alternation(phrases: list[str], lang: str) -> re.Pattern[str]:
    """One pattern for many phrases. Longer phrases come first, so "może jednak" is reported
    whole; the phrases that begin with a word share one boundary check, which lets the scan
    skip the inside of words quickly (the check runs on every pause in typing)."""
    ordered = sorted(phrases, key=lambda p: -len(p))
    words = [_phrase_body(p, lang) for p in ordered if _starts_with_a_word(p)]
    others = [phrase_pattern(p, lang) for p in ordered if not _starts_with_a_word(p)]
    parts = [r"(?<!\w)(?:" + "|".join(f"(?:{w})" for w in words) + ")"] if words else []
    parts += [f"(?:{other})" for other in others]
    return re.compile("|".join(parts), _FLAGS)


@dataclass(frozen=True)
class _Category:
    code: str
    pattern: re.Pattern[str]
    exceptions: re.Pattern[str] | None


@cache
def _categories(lang: str, kind: str) -> tuple[_Category, ...]:
    groups = _data(lang).get(kind, {})
    return tuple(
        _Category(
            code,
            _alternation(group["phrases"], lang),
            _alternation(group["except"], lang) if group.get("except") else None,
        )
        for code, group in groups.items()
    )


@cache
def _date_pattern(lang: str) -> re.Pattern[str]:
    months = "|".join(re.escape(name) for name in month_names(lang))
    patterns = _data(lang)["dates"]["patterns"]
    return re.compile("|".join(f"(?:{p.replace('{months}', months)})" for p in patterns), _FLAGS)


@cache
def _closing_pattern(lang: str) -> re.Pattern[str]:
    """A line that is a closing formula, alone or followed by ", Name" on the same line."""
    closings = _alternation(_data(lang)["signature"]["closings"], lang).pattern
    name = r"[^\n.!?]*[^\s.!?]"  # "Kind regards, Ola Nowak": a name, not a sentence
    return re.compile(
        rf"[^\S\n]*(?:{closings})[^\S\n]*(?:[,.!]?|,[^\S\n]*(?P<name>{name}))[^\S\n]*", _FLAGS
    )


# --- checks -----------------------------------------------------------------------------------


def _message(lang: str, code: str, **params: str) -> str:
    template = _data(lang)["messages"][code]
    for name, value in params.items():
        # "…2027 r." must not gain the sentence's own full stop ("r..").
        if value.endswith("."):
            template = template.replace(f"{{{name}}}.", f"{{{name}}}")
    return template.format(**params)


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def _spans(text: str, category: _Category) -> list[tuple[int, int]]:
    """Where the category matches, less its exceptions; matches only a space apart join up
    ("all because of" + "your incompetence" is one finding)."""
    excepted = [m.span() for m in category.exceptions.finditer(text)] if category.exceptions else []
    spans: list[tuple[int, int]] = []
    for match in category.pattern.finditer(text):
        if match.end() == match.start() or _inside(match.span(), excepted):
            continue
        if spans and not text[spans[-1][1] : match.start()].strip():
            spans[-1] = (spans[-1][0], match.end())
        else:
            spans.append(match.span())
    return spans


def _flagged(text: str, lang: str) -> Iterator[Finding]:
    for kind in KINDS:
        for category in _categories(lang, kind):
            for start, end in _spans(text, category):
                message = _message(lang, category.code)
                yield Finding(kind, category.code, text[start:end], message, start, end)


def _missing(code: str, lang: str, **params: str) -> Finding:
    return Finding("missing", code, "", _message(lang, code, **params), None, None)


def _mentions_date(text: str, day: dt.date, lang: str) -> bool:
    """Whether ``day`` appears in words ("31 grudnia 2026 r.") or as 2026-12-31 / 31.12.2026."""
    values = {
        "d": rf"0?{day.day}",
        "m": rf"0?{day.month}",
        "month": re.escape(month_name(day.month, lang)),
        "year": str(day.year),
    }
    forms = [
        rf"{day.year}-{day.month:02d}-{day.day:02d}",
        r"{d}\s*[./]\s*{m}\s*[./]\s*{year}",
        *_data(lang)["dates"]["given"],
    ]
    pattern = "|".join(f"(?:{form})" for form in forms)
    for name, value in values.items():
        pattern = pattern.replace(f"{{{name}}}", value)
    return re.search(rf"(?<![\w.])(?:{pattern})(?!\d)", text, _FLAGS) is not None


def _essentials(text: str, lang: str, end_date: dt.date | None, kind: str) -> Iterator[Finding]:
    if end_date is not None:
        if not _mentions_date(text, end_date, lang):
            yield _missing("given_end_date", lang, date=format_date(end_date, lang))
    elif not _date_pattern(lang).search(text):
        yield _missing("end_date", lang)
    needed = _data(lang).get("essentials", {})
    for category in _categories(lang, "essentials"):
        if kind not in needed[category.code].get("kinds", (kind,)):
            continue
        if not category.pattern.search(text):
            yield _missing(category.code, lang)


def _folded(text: str) -> str:
    """Letters and digits only, case- and ё-folded: how a name is compared with a signature."""
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", text).casefold().replace("ё", "е"))
    return " ".join(words)


def _contains(block: str, name: str) -> bool:
    return f" {_folded(name)} " in f" {_folded(block)} "


def _signature_block(text: str, lang: str) -> list[str] | None:
    """The lines signed under the last closing formula; None when there is no closing."""
    lines = text.split("\n")
    closing = _closing_pattern(lang)
    for index in range(len(lines) - 1, -1, -1):
        match = closing.fullmatch(lines[index])
        if match is None:
            continue
        block = [match.group("name").strip()] if match.group("name") else []
        following = lines[index + 1 :]
        if not block:  # skip the blank lines left for a handwritten signature
            while following and not following[0].strip():
                following.pop(0)
        for line in following:
            if not line.strip():
                break
            block.append(line.strip())
        return block
    return None


def _looks_like_a_name(line: str) -> bool:
    return len(line) <= _SIGNATURE_LINE_CHARS and len(line.split()) <= _SIGNATURE_LINE_WORDS


def _signature(text: str, lang: str, sender: str, company: str) -> Iterator[Finding]:
    block = _signature_block(text, lang)
    if block is None:
        yield _missing("closing", lang)
        return
    if not block or not _looks_like_a_name(block[0]):
        yield _missing("signature", lang)
        return
    signed = "\n".join(block)
    # A name may be signed with initials before the surname («А. С. Смирнов»), as the
    # composed Russian letter signs it.
    if _folded(sender) and not any(_contains(signed, form) for form in signature_forms(sender)):
        yield _missing("signature_name", lang, sender=sender)
    if _folded(company) and not _contains(signed, company):
        yield _missing("signature_company", lang, company=company)


def find_issues(
    text: str,
    lang: str,
    end_date: dt.date | None = None,
    *,
    sender: str = "",
    company: str = "",
    kind: str = "notice",
) -> tuple[Finding, ...]:
    """Every finding for ``text``: flagged phrases in reading order, then what is missing.
    What a letter must contain depends on its ``kind`` (a payment demand hands nothing over)."""
    flagged = sorted(_flagged(text, lang), key=lambda f: (f.start, f.end, f.code))
    missing = (*_essentials(text, lang, end_date, kind), *_signature(text, lang, sender, company))
    return (*flagged, *missing)


def check_letter(request: Mapping[str, Any]) -> LetterCheck:
    """Validate a check request (raises ``ValidationError``) and check the letter's text."""
    from ._letter import KINDS

    reader = Reader(request, known=("lang", "text", "end_date", "sender", "company", "kind"))
    lang = reader.choice("lang", LANGUAGES, default="en") or "en"
    kind = reader.choice("kind", KINDS, default="notice") or "notice"
    reader.text("text", max_length=TEXT_LIMIT, multiline=True)
    end_date = reader.date("end_date", required=False)
    sender = reader.text("sender", required=False)
    company = reader.text("company", required=False)
    reader.finish()
    # Check the text as sent (not stripped), so offsets point into what the reader typed.
    text = unicodedata.normalize("NFC", request["text"].replace("\r\n", "\n"))
    found = find_issues(text, lang, end_date, sender=sender, company=company, kind=kind)
    return LetterCheck(found, lang)
