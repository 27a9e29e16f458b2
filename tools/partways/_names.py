"""People's names in a letter: a typed name read into its parts, the gender it tells, the
initials a Russian signature uses, and the Russian dative of a surname.

The endings and titles are data (``data/names.toml``); the order they are tried in is here.
A name that is not made of letters only (a company, a payload, a name in another script for
Russian declension) is never taken apart: the letter shows it as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ._data import load

GENDERS = ("f", "m", "none")
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@dataclass(frozen=True)
class PersonName:
    """A name as typed (``full``) and the parts the letter can use; a part is "" when unknown."""

    full: str
    given: str = ""
    patronymic: str = ""
    surname: str = ""
    title: str = ""  # a courtesy title the reader typed before the name ("Dr", "Pani")
    gender: str = "none"  # what the name itself tells: a title or a patronymic
    cyrillic: bool = False  # every word is a Cyrillic word: Russian rules apply

    @property
    def parsed(self) -> bool:
        return bool(self.given or self.surname)


@cache
def _data() -> dict:
    return load("names")


def _title_gender(word: str) -> str | None:
    bare = word.rstrip(".").casefold()
    for gender, titles in _data()["titles"].items():
        if bare in (title.casefold() for title in titles):
            return gender
    return None


def patronymic_gender(word: str) -> str | None:
    """"f" or "m" when ``word`` ends as a patronymic does, else None."""
    lower = word.casefold()
    for gender in ("f", "m"):
        if lower.endswith(tuple(_data()["patronymic"][gender])) and len(lower) > 4:
            return gender
    return None


def parse_name(text: str) -> PersonName:
    """Read a typed name into given name, patronymic and surname; Western order ("Jane Doe")
    unless a patronymic shows the Russian one ("Петрова Ирина Викторовна")."""
    words = text.split()
    title, gender = "", "none"
    if len(words) > 1 and (told := _title_gender(words[0])) is not None:
        title, gender, words = words[0], told, words[1:]
    if not words or not all(_WORD.fullmatch(word) for word in words):
        return PersonName(full=text)
    cyrillic = all(_CYRILLIC_WORD.fullmatch(word) for word in words)
    given, patronymic, surname = words[0], "", words[-1] if len(words) > 1 else ""
    if len(words) == 3 and patronymic_gender(words[1]):
        patronymic = words[1]
    elif len(words) == 3 and patronymic_gender(words[2]):
        surname, given, patronymic = words
    elif len(words) == 2 and patronymic_gender(words[1]) == "f":
        patronymic, surname = words[1], ""
    if patronymic and gender == "none":
        gender = patronymic_gender(patronymic) or "none"
    return PersonName(text, given, patronymic, surname, title, gender, cyrillic)


def initials(name: PersonName) -> str:
    """The initials a Russian letter writes before a surname: "И. В.", "А.-М.", joined by
    no-break spaces, as Russian typography keeps initials together."""
    parts = [part for part in (name.given, name.patronymic) if part]
    return "\u00a0".join("-".join(piece[0].upper() + "." for piece in part.split("-")) for part in parts)


def signature_forms(text: str) -> tuple[str, ...]:
    """The ways a person may sign with this name: as typed, and with initials before the
    surname («А. С. Смирнов»), as a Russian letter signs."""
    name = parse_name(text)
    if not (name.parsed and name.surname):
        return (text,)
    return (text, f"{initials(name)} {name.surname}")


def surname_gender(surname: str) -> str:
    """The gender a Russian surname's ending tells ("none" when it tells none)."""
    lower = surname.casefold()
    for gender in ("f", "m"):
        if lower.endswith(tuple(_data()["surname_gender"][gender])):
            return gender
    return "none"


def _dative_part(part: str, gender: str) -> str:
    lower = part.casefold()
    for ending, replacement in _data()["dative"][gender]:
        stem = len(lower) - len(ending)
        if lower.endswith(ending) and stem >= (2 if len(ending) > 1 else 1):
            return part[: len(part) - len(ending)] + replacement
    return part


def russian_dative(surname: str, gender: str) -> str:
    """A Russian surname in the dative case for a person of ``gender`` ("f", "m", "none").

    With no gender given, the surname's own ending decides (Петрова, Смирнов); a surname
    whose ending tells nothing and that a woman's and a man's surname decline differently
    (Шевчук) then stays as typed."""
    if gender == "none":
        gender = surname_gender(surname)
    if gender == "none":
        endings = ("а", "я")  # Глинка → Глинке whoever bears it
        if not surname.casefold().endswith(endings):
            return surname
        gender = "f"
    return "-".join(_dative_part(part, gender) for part in surname.split("-"))
