"""The readiness checklist: what to settle before telling the client you are leaving.

Items, groups, which items block the announcement and which legal system each applies to
all come from ``data/checklist.toml``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ._data import load
from ._fields import Reader
from ._i18n import LANGUAGES
from ._jurisdictions import JURISDICTIONS
from ._law import Ref, cite_refs

DEFAULT_JURISDICTION = "other"


@dataclass(frozen=True)
class Checklist:
    """The checklist for one jurisdiction in one language, with what is done so far.

    ``groups`` are plain mappings (id, title, items) so that templates can read them directly;
    each item has id, text, why, blocking, done, cite (the citations as one line of text,
    ``None`` when there are none) and citations (each with its text, link and act).
    """

    jurisdiction: str
    lang: str
    groups: tuple[dict[str, Any], ...]
    done_count: int
    total: int
    percent: int
    blockers_left: tuple[str, ...]
    ready: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "groups": [
                {**group, "items": [dict(item) for item in group["items"]]}
                for group in self.groups
            ],
            "progress": {"done": self.done_count, "total": self.total, "percent": self.percent},
            "blockers_left": list(self.blockers_left),
            "ready": self.ready,
        }


def _config() -> dict[str, Any]:
    return load("checklist")


def _items() -> list[dict[str, Any]]:
    return _config()["items"]


def _applies(item: Mapping[str, Any], jurisdiction: str) -> bool:
    return jurisdiction in item.get("jurisdictions", JURISDICTIONS)


def group_ids() -> tuple[str, ...]:
    """The checklist's groups, in display order."""
    return tuple(group["id"] for group in _config()["groups"])


def all_item_ids(jurisdiction: str | None = None) -> tuple[str, ...]:
    """Every item id in display order; only those that apply when ``jurisdiction`` is given."""
    return tuple(
        item["id"]
        for item in _items()
        if jurisdiction is None or _applies(item, jurisdiction)
    )


def checklist(request: Mapping[str, Any]) -> Checklist:
    """Validate ``request`` (jurisdiction, lang, done) and report readiness to announce."""
    reader = Reader(request, known=("jurisdiction", "lang", "done"))
    jurisdiction = reader.choice("jurisdiction", JURISDICTIONS, default=DEFAULT_JURISDICTION)
    lang = reader.choice("lang", LANGUAGES, default="en")
    done = reader.flags("done", all_item_ids())
    reader.finish()
    return _build(jurisdiction or DEFAULT_JURISDICTION, lang or "en", done)


def _build(jurisdiction: str, lang: str, done: frozenset[str]) -> Checklist:
    # Ticked items that do not apply here are ignored: a reader may switch jurisdictions.
    items = [item for item in _items() if _applies(item, jurisdiction)]
    done_count = sum(item["id"] in done for item in items)
    blockers_left = tuple(
        item["id"] for item in items if item["blocking"] and item["id"] not in done
    )
    return Checklist(
        jurisdiction=jurisdiction,
        lang=lang,
        groups=_groups(items, done, jurisdiction, lang),
        done_count=done_count,
        total=len(items),
        # Floor, so 100% appears only when everything is done.
        percent=done_count * 100 // len(items) if items else 100,
        blockers_left=blockers_left,
        ready=not blockers_left,
    )


def _groups(
    items: list[dict[str, Any]], done: frozenset[str], jurisdiction: str, lang: str
) -> tuple[dict[str, Any], ...]:
    groups = []
    for group in _config()["groups"]:
        members = [
            _item(item, done, jurisdiction, lang) for item in items if item["group"] == group["id"]
        ]
        if members:
            groups.append({"id": group["id"], "title": group[lang]["title"], "items": members})
    return tuple(groups)


def _item(
    item: Mapping[str, Any], done: frozenset[str], jurisdiction: str, lang: str
) -> dict[str, Any]:
    local = item.get("by_jurisdiction", {}).get(jurisdiction, {})
    refs = local.get("cite", item.get("cite", ()))
    citations = cite_refs((Ref.from_mapping(ref) for ref in refs), lang)
    return {
        "id": item["id"],
        "text": item[lang]["text"],
        "why": local.get(lang, {}).get("why", item[lang]["why"]),
        "blocking": item["blocking"],
        "done": item["id"] in done,
        "cite": "; ".join(citation.text for citation in citations) or None,
        "citations": [citation.to_dict() for citation in citations],
    }
