"""The legal sources the site cites, and how their articles are cited in each language.

Acts, their official and reference links, and every citation style come from
``data/law.toml``; this module only assembles them. A citation names the article in the
style of the act's own legal system as written in the reader's language (``п. 2 ст. 782 ГК
РФ``, ``art. 746 § 2 k.c.``, ``art. 782(2) of the Civil Code of the Russian Federation (Part
Two)``) and links the act's official publication, or its reference database where no official
address is known. For the Russian Civil Code the link goes to the part that holds the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ._data import load
from ._i18n import normalize_language

RANGE_DASH = "–"
_ARTICLE = re.compile(r"\d+(?:\.\d+)?[A-Z]?")
_LETTER = re.compile(r"[a-z]")
LINK_KINDS = ("official", "reference")


@dataclass(frozen=True)
class Ref:
    """One place in an act: an article (or a range "191–193"), optionally its point or
    paragraph and a lettered sub-point, or "and following" (``following``)."""

    act: str
    article: str
    point: int | None = None
    letter: str | None = None
    following: bool = False

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Ref:
        """A reference as the data files write it: ``{act, article, point?, letter?}``."""
        return cls(
            act=data["act"],
            article=str(data["article"]),
            point=data.get("point"),
            letter=data.get("letter"),
            following=bool(data.get("following", False)),
        )

    @property
    def simple(self) -> bool:
        """A bare article number, which can share an "arts." with its neighbours."""
        return not (self.point or self.letter or self.following or RANGE_DASH in self.article)


@dataclass(frozen=True)
class Citation:
    """A citation as the reader sees it, with the link it carries."""

    act: str
    part: str | None
    articles: tuple[str, ...]
    text: str
    url: str

    def to_dict(self) -> dict[str, Any]:
        return {"act": self.act, "part": self.part, "articles": list(self.articles),
                "text": self.text, "url": self.url}


@dataclass(frozen=True)
class Link:
    kind: str  # "official" or "reference"
    url: str
    label: str  # what the link is, in words: "Official source: …, pravo.gov.ru"

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "url": self.url, "label": self.label}


@dataclass(frozen=True)
class Source:
    """An act (or one part of a code) as the sources list shows it: its title and links."""

    act: str
    part: str | None
    title: str
    links: tuple[Link, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"act": self.act, "part": self.part, "title": self.title,
                "links": [link.to_dict() for link in self.links]}


# ---------------------------------------------------------------- the registry


def _registry() -> dict[str, Any]:
    return load("law")


def _act(act: str) -> dict[str, Any]:
    try:
        return _registry()["acts"][act]
    except KeyError:
        raise ValueError(f"unknown act {act!r}; known: {', '.join(acts())}") from None


def acts() -> tuple[str, ...]:
    """Every act the registry knows, in the data file's order."""
    return tuple(_registry()["acts"])


def parts(act: str) -> tuple[str | None, ...]:
    """The parts of a code published in parts (the Russian Civil Code); ``(None,)`` otherwise."""
    return tuple(part["id"] for part in _act(act).get("parts", ())) or (None,)


def _article_number(article: str) -> int:
    return int(re.match(r"\d+", article).group())


def _check_article(article: str) -> None:
    ends = article.split(RANGE_DASH)
    if len(ends) > 2 or not all(_ARTICLE.fullmatch(end) for end in ends):
        raise ValueError(f"not an article number or range: {article!r}")


def part_of(act: str, article: str) -> str | None:
    """The part of ``act`` that holds ``article`` (``None`` for an act not split in parts)."""
    _check_article(article)
    definition = _act(act)
    if "parts" not in definition:
        return None
    found = {
        next((part["id"] for part in definition["parts"]
              if part["first"] <= _article_number(end) <= part["last"]), None)
        for end in article.split(RANGE_DASH)
    }
    if len(found) != 1 or None in found:
        raise ValueError(f"article {article!r} is in no single part of {act} the site links")
    return found.pop()


def _part_entry(act: str, part: str | None) -> dict[str, Any]:
    definition = _act(act)
    if part is None:
        return definition
    return next(entry for entry in definition["parts"] if entry["id"] == part)


def url_of(act: str, part: str | None = None) -> str:
    """The address a citation links: the official publication, else the reference database."""
    entry = _part_entry(act, part)
    return entry.get("official") or entry["reference"]


# ---------------------------------------------------------------- citations


def _words(lang: str) -> dict[str, str]:
    return _registry()["words"][lang]


def _join(items: list[str], lang: str) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {_words(lang)['and']} " + items[-1]


def _check_ref(ref: Ref) -> None:
    _check_article(ref.article)
    if ref.point is not None and (
        isinstance(ref.point, bool) or not isinstance(ref.point, int) or ref.point < 1
    ):
        raise ValueError(f"a point is a whole number from 1: {ref.point!r}")
    if ref.letter is not None and not _LETTER.fullmatch(str(ref.letter)):
        raise ValueError(f"a sub-point is one small letter: {ref.letter!r}")
    if ref.letter and "letter" not in _act(ref.act)["en"]:
        raise ValueError(f"{ref.act} has no lettered sub-points")
    if ref.letter and ref.point is None:
        raise ValueError("a lettered sub-point needs its point")
    if ref.following and (ref.point or ref.letter or RANGE_DASH in ref.article):
        raise ValueError("'and following' goes with a bare article number")


def _one(ref: Ref, style: Mapping[str, str], lang: str) -> str:
    """One reference without the act's name, in the act's style for ``lang``."""
    if ref.following:
        return style["refs"].format(articles=ref.article + _words(lang)["following"])
    if RANGE_DASH in ref.article:
        return style["refs"].format(articles=ref.article)
    point = style["point"].format(n=ref.point) if ref.point else ""
    letter = style["letter"].format(l=ref.letter) if ref.letter else ""
    return style["ref"].format(article=ref.article, point=point, letter=letter)


def _cite_group(refs: list[Ref], lang: str, short: bool) -> Citation:
    act = refs[0].act
    part = part_of(act, refs[0].article)
    style = _act(act)[lang]
    if len(refs) > 1 and all(ref.simple for ref in refs):
        body = style["refs"].format(articles=_join([ref.article for ref in refs], lang))
    else:
        body = _join([_one(ref, style, lang) for ref in refs], lang)
    if not short:
        name = _part_entry(act, part)[lang]["name"] if part else ""
        body += style["act"].format(part=name)
    return Citation(act=act, part=part, articles=tuple(ref.article for ref in refs),
                    text=body, url=url_of(act, part))


def cite_refs(refs: Iterable[Ref], lang: str = "en", *, short: bool = False
              ) -> tuple[Citation, ...]:
    """Citations for ``refs`` in ``lang``: neighbours in the same act and part share one
    citation ("arts. 165.1 and 450.1 of …"); ``short`` leaves out the act's name."""
    lang = normalize_language(lang)
    groups: list[list[Ref]] = []
    for ref in refs:
        _check_ref(ref)
        part = part_of(ref.act, ref.article)
        if groups and (groups[-1][0].act, part_of(groups[-1][0].act, groups[-1][0].article)) == (
            ref.act, part
        ):
            groups[-1].append(ref)
        else:
            groups.append([ref])
    citations = []
    for group in groups:
        simple = [ref for ref in group if ref.simple]
        other = [ref for ref in group if not ref.simple]
        # "arts. 716, 717 and 719" reads better apart from "art. 782(2)" than run together.
        parts_of_group = [simple, other] if len(simple) > 1 and other else [group]
        if parts_of_group[0] is simple and group[0] is not simple[0]:
            parts_of_group.reverse()
        citations += [_cite_group(refs, lang, short) for refs in parts_of_group]
    return tuple(citations)


def cite(
    act: str,
    *articles: str,
    point: int | None = None,
    letter: str | None = None,
    following: bool = False,
    lang: str = "en",
    short: bool = False,
) -> Citation:
    """One citation of one or more articles of ``act`` (all in the same part), in ``lang``.

    >>> cite("ru_gk", "782", point=2, lang="ru").text
    'п.\\xa02 ст.\\xa0782 ГК\\xa0РФ'
    """
    if not articles:
        raise ValueError("cite needs at least one article")
    if len(articles) > 1 and (point or letter or following):
        raise ValueError("a point, sub-point or 'and following' goes with one article only")
    refs = [Ref(act, str(a), point, letter, following) for a in articles]
    citations = cite_refs(refs, lang, short=short)
    if len(citations) != 1:
        raise ValueError(f"articles {articles} of {act} are not all in one part")
    return citations[0]


# ---------------------------------------------------------------- sources


def source(act: str, part: str | None = None, lang: str = "en") -> Source:
    """The act (or the part of a code) with its title and labelled links, in ``lang``."""
    lang = normalize_language(lang)
    definition = _act(act)
    if part not in parts(act):
        raise ValueError(f"{act} has no part {part!r}")
    entry = _part_entry(act, part)
    words = _words(lang)
    publishers = _registry()["publishers"]
    links = tuple(
        Link(kind, entry[kind],
             f"{words[kind]}: {publishers[definition['publishers'][kind]][lang]['name']}")
        for kind in LINK_KINDS
        if entry.get(kind)
    )
    return Source(act=act, part=part, title=entry[lang]["title"], links=links)


def all_sources(lang: str = "en") -> tuple[Source, ...]:
    """Every act and part the registry knows, in its order."""
    return tuple(source(act, part, lang) for act in acts() for part in parts(act))
