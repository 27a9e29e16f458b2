"""When a notice counts as received: the day the notice period counts from, by the law that
applies and the way the notice was sent.

Each (jurisdiction, method) case in data/receipt.toml gives the earliest plausible day and
the conservative one (the day to count from), as steps from the sending date, with how sure
that day is and what evidence fixes it. Where the day depends on what happens after sending
(post in transit, a courier), the date is an estimate that leans late: a later receipt only
gives more notice, never an end the client can dispute. A receipt is never before sending.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ._data import load
from ._fields import Reader
from ._i18n import LANGUAGES, choice_label, normalize_language
from ._jurisdictions import JURISDICTIONS
from ._notice import add_business_days, source_links

METHODS = ("email", "registered", "courier", "hand")
CERTAINTIES = ("certain", "likely", "uncertain")


@dataclass(frozen=True)
class Receipt:
    """The day a notice counts as received, with the rule, its certainty and the evidence."""

    sent: dt.date
    method: str
    jurisdiction: str
    lang: str
    earliest: dt.date
    received: dt.date
    certainty: str
    estimate: bool
    words: dict[str, Any] = field(hash=False)

    def to_dict(self) -> dict[str, Any]:
        case = self.words["case"]
        return {
            "sent": self.sent.isoformat(),
            "method": self.method,
            "jurisdiction": self.jurisdiction,
            "earliest": self.earliest.isoformat(),
            "received": self.received.isoformat(),
            "certainty": self.certainty,
            "certainty_label": choice_label(self.lang, "certainty", self.certainty),
            "certainty_note": self.words["certainty"],
            "estimate": self.estimate,
            "rule": {
                "title": case["title"],
                "citation": case["citation"],
                "explanation": case["explanation"],
                "url": self.words["links"][0]["url"] if self.words["links"] else "",
                "links": list(self.words["links"]),
            },
            "conservative": case["conservative"],
            "evidence": case["evidence"],
        }


def _step(day: dt.date, steps: Sequence[Mapping[str, int]], jurisdiction: str) -> dt.date:
    """``day`` moved by each step in turn: calendar days or the jurisdiction's working days."""
    for step in steps:
        ((unit, count),) = step.items()
        if unit == "days":
            day += dt.timedelta(days=count)
        elif unit == "business_days":
            day = add_business_days(day, count, jurisdiction)
        else:
            raise ValueError(f"unknown step {unit!r} in receipt.toml")
    return day


def compute_receipt(sent: dt.date, method: str, jurisdiction: str, lang: str = "en") -> Receipt:
    """The day a notice sent on ``sent`` by ``method`` counts as received; inputs are valid."""
    lang = normalize_language(lang)
    data = load("receipt")
    case = data["cases"][jurisdiction][method]
    words = data[lang]
    return Receipt(
        sent=sent,
        method=method,
        jurisdiction=jurisdiction,
        lang=lang,
        earliest=_step(sent, case["earliest"], jurisdiction),
        received=_step(sent, case["received"], jurisdiction),
        certainty=case["certainty"],
        estimate=case["estimate"],
        words={
            "case": words["cases"][jurisdiction][method],
            "certainty": words["certainty"][case["certainty"]],
            "links": [link for key in case["sources"] for link in source_links(key, lang)],
        },
    )


def receipt_date(request: Mapping[str, Any]) -> Receipt:
    """Validate a receipt request (raises ``ValidationError``) and work out the day."""
    reader = Reader(request, known=("lang", "sent", "method", "jurisdiction"))
    lang = reader.choice("lang", LANGUAGES, default="en")
    sent = reader.date("sent")
    method = reader.choice("method", METHODS)
    jurisdiction = reader.choice("jurisdiction", JURISDICTIONS, default="other")
    reader.finish()
    assert sent is not None and method is not None and jurisdiction is not None
    return compute_receipt(sent, method, jurisdiction, lang or "en")
