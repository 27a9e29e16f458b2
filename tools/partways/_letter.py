"""The termination letter: firm, polite, blameless, with a clear end date and thanks.

Python only validates the request and assembles paragraphs; every word the reader sees
comes from ``data/letters_<lang>.toml``, per language and tone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

from ._data import load
from ._errors import FieldError
from ._fields import Reader
from ._i18n import LANGUAGES
from ._inflect import format_date, format_period
from ._jurisdictions import JURISDICTIONS
from ._notice import PERIOD_FIELDS, UNITS, NoticeDates, compute_notice, read_period

REASONS = ("specialization", "capacity", "unpaid_invoices", "breach")
TONES = ("warm", "neutral", "formal")
OPTIONS = ("finish_stage", "handover", "data", "final_invoice", "referral", "call")
DEFAULT_OPTIONS = frozenset({"finish_stage", "handover", "data", "final_invoice"})
FORMATS = ("text", "markdown", "eml", "docx")
NAME_LIMIT = 200
CONTRACT_LIMIT = 100
EMAIL_LIMIT = 254
BODY_LIMIT = 20000

KNOWN_FIELDS = (
    "lang", "client", "contact", "contact_email", "sender", "sender_email", "company",
    "contract", "letter_date", "received", *PERIOD_FIELDS, *UNITS, "jurisdiction", "reason", "tone",
    "options", "partner", "format", "body",
    # TEMPORARY (letterui branch): the new optional keys of issue 13 §2, read loosely by
    # _details below until the letter helper's reading lands.
    "contract_date", "clause", "facts", "invoices", "pay_by", "signatory_title",
    "contact_gender", "client_address", "sender_address", "place", "delivery", "acknowledge",
)  # fmt: skip

# A plain, deliverable-looking address: no spaces, one @, a dotted domain of letters,
# digits and hyphens. Deliberately stricter than RFC 5322 so nothing odd reaches a header.
_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
# CommonMark lets a backslash escape any ASCII punctuation. These can start markup inside a
# line; a value may also open a line (the signature), where a list or heading marker counts.
# A name ending in a full stop ("sp. z o.o.") before the template's own: keep one.
_DOUBLED_STOP = re.compile(r"(?<![.])\.\.(?=\s|$)")
_MARKDOWN_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~&!])")
_MARKDOWN_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=])")


@dataclass(frozen=True)
class LetterRequest:
    """A validated letter request: typed values only."""

    lang: str
    client: str
    contact: str
    contact_email: str
    sender: str
    sender_email: str
    company: str
    contract: str
    letter_date: dt.date
    received: dt.date
    amount: int
    unit: str
    jurisdiction: str
    reason: str
    tone: str
    options: frozenset[str]
    partner: str
    format: str
    body: str = ""  # the reader's own edit of the letter, which then replaces the draft
    details: Mapping[str, Any] = field(default_factory=dict)  # TEMPORARY, see _details


@dataclass(frozen=True)
class Envelope:
    """Who sends the letter to whom, and when: what its .eml needs besides subject and text."""

    sender_name: str
    sender_email: str
    recipient_name: str
    recipient_email: str
    letter_date: dt.date


@dataclass(frozen=True)
class Letter:
    """The composed letter in every format, with talking points and the notice dates.

    ``eml`` is written on first use: the e-mail package is the slowest part of a letter, and
    the site's sample letters and the CLI's text and Markdown never read it."""

    lang: str
    subject: str
    text: str
    markdown: str
    talking_points: tuple[str, ...]
    end_date: dt.date
    notice: NoticeDates
    format: str
    envelope: Envelope
    layout: dict[str, Any] | None = None  # None when the reader's own edit replaces the draft
    kind: str = "notice"

    @cached_property
    def eml(self) -> str:
        from ._eml import build_eml  # the email package only for the letters whose .eml is read

        return build_eml(subject=self.subject, body=self.text, **asdict(self.envelope))

    @cached_property
    def docx(self) -> str:
        """The letter as a .docx file, in base64 (JSON carries it as text)."""
        import base64

        from ._docx import build_docx

        document = build_docx(self.layout, text=self.text, lang=self.lang)
        return base64.b64encode(document).decode("ascii")

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "layout": self.layout,
            **({"docx": self.docx} if self.format == "docx" else {}),
            "lang": self.lang,
            "subject": self.subject,
            "text": self.text,
            "markdown": self.markdown,
            "eml": self.eml,
            "talking_points": list(self.talking_points),
            "end_date": self.end_date.isoformat(),
            "period_end": self.notice.period_end.isoformat(),
            "notice": self.notice.to_dict(),
            "format": self.format,
        }


# --- validation -------------------------------------------------------------------------------


def _email(reader: Reader, name: str) -> str:
    value = reader.text(name, required=False, max_length=EMAIL_LIMIT)
    if value and not _EMAIL.fullmatch(value):
        reader.errors.append(FieldError(name, "not_an_email", value))
        return ""
    return value


def _options(reader: Reader) -> frozenset[str]:
    # Absent means the usual set; an explicit empty list means none at all.
    if reader.data.get("options") is None:
        return DEFAULT_OPTIONS
    return reader.flags("options", OPTIONS)


def _letter_date(reader: Reader, received: dt.date | None) -> dt.date | None:
    letter_date = reader.date("letter_date", required=False)
    if letter_date is None or received is None:
        return letter_date or received
    if letter_date > received:
        reader.errors.append(
            FieldError(
                "letter_date",
                "letter_after_received",
                letter_date.isoformat(),
                {"received": received.isoformat()},
            )
        )
    return letter_date


_AMOUNT = re.compile(r"\d+(?:[.,]\d{1,2})?")


def _invoices(reader: Reader) -> list[dict[str, Any]]:
    """TEMPORARY (letterui branch): invoice rows; errors name ``invoices.<row>.<field>``."""
    value = reader.data.get("invoices")
    if value is None or value == [] or value == "":
        return []
    if not isinstance(value, list) or not all(isinstance(row, Mapping) for row in value):
        reader.errors.append(FieldError("invoices", "not_a_list", value))
        return []
    rows = []
    for index, row in enumerate(value):
        cells = Reader(row, known=("number", "amount", "currency", "due"))
        number = cells.text("number", max_length=CONTRACT_LIMIT)
        amount = cells.text("amount", max_length=30)
        if amount and not _AMOUNT.fullmatch(amount.replace(" ", "").replace("\u00a0", "")):
            cells.errors.append(FieldError("amount", "not_an_amount", amount))
        currency = cells.text("currency", required=False, max_length=3)
        due = cells.date("due", required=False)
        reader.errors.extend(
            FieldError(f"invoices.{index}.{error.field}", error.code, error.value, error.params)
            for error in cells.errors
        )
        rows.append({"number": number, "amount": amount, "currency": currency, "due": due})
    return rows


def _details(reader: Reader) -> dict[str, Any]:
    """TEMPORARY (letterui branch): the new optional keys, so that the page can send them;
    only the layout below uses a few of them."""
    return {
        "contract_date": reader.date("contract_date", required=False),
        "clause": reader.text("clause", required=False, max_length=NAME_LIMIT),
        "facts": reader.text("facts", required=False, max_length=BODY_LIMIT, multiline=True),
        "invoices": _invoices(reader),
        "pay_by": reader.date("pay_by", required=False),
        "signatory_title": reader.text("signatory_title", required=False, max_length=NAME_LIMIT),
        "contact_gender": reader.choice("contact_gender", ("none", "f", "m"), default="none"),
        "client_address": reader.text("client_address", required=False, max_length=1000,
                                      multiline=True),
        "sender_address": reader.text("sender_address", required=False, max_length=1000,
                                      multiline=True),
        "place": reader.text("place", required=False, max_length=NAME_LIMIT),
        "delivery": reader.choice("delivery", ("email", "registered", "courier", "hand"),
                                  default="email"),
        "acknowledge": reader.boolean("acknowledge"),
    }


def read_request(request: Mapping[str, Any]) -> LetterRequest:
    """Validate every field of a letter request at once; raises ``ValidationError``."""
    reader = Reader(request, known=KNOWN_FIELDS)
    names = {
        name: reader.text(name, max_length=NAME_LIMIT)
        for name in ("client", "contact", "sender", "company")
    }
    values: dict[str, Any] = {
        "lang": reader.choice("lang", LANGUAGES, default="en"),
        **names,
        "contract": reader.text("contract", max_length=CONTRACT_LIMIT),
        "contact_email": _email(reader, "contact_email"),
        "sender_email": _email(reader, "sender_email"),
        "partner": reader.text("partner", required=False, max_length=NAME_LIMIT),
        "received": reader.date("received"),
        "jurisdiction": reader.choice("jurisdiction", JURISDICTIONS, default="other"),
        "reason": reader.choice("reason", REASONS),
        "tone": reader.choice("tone", TONES, default="neutral"),
        "options": _options(reader),
        "format": reader.choice("format", FORMATS, default="text"),
        "body": reader.text("body", required=False, max_length=BODY_LIMIT, multiline=True),
    }
    values["amount"], values["unit"] = read_period(reader)
    values["letter_date"] = _letter_date(reader, values["received"])
    values["details"] = _details(reader)
    reader.finish()
    return LetterRequest(**values)


# --- composing --------------------------------------------------------------------------------


def _words(lang: str) -> dict[str, Any]:
    return load(f"letters_{lang}")


def _for_tone(entry: str | Mapping[str, str], tone: str) -> str:
    """A paragraph written once for every tone, or one per tone."""
    return entry if isinstance(entry, str) else entry[tone]


def _placeholders(req: LetterRequest, notice: NoticeDates) -> dict[str, str]:
    return {
        "client": req.client,
        "contact": req.contact,
        "company": req.company,
        "sender": req.sender,
        "contract": req.contract,
        "partner": req.partner,
        "period": format_period(req.amount, req.unit, req.lang),
        "end_date": format_date(notice.end_date, req.lang),
        "letter_date": format_date(req.letter_date, req.lang),
    }


def _option_keys(req: LetterRequest) -> list[str]:
    """Chosen options in the letter's order; referral names the partner when one is given."""
    keys = [option for option in OPTIONS if option in req.options]
    return ["referral_partner" if k == "referral" and req.partner else k for k in keys]


def _blocks(req: LetterRequest, values: Mapping[str, str]) -> list[list[str]]:
    """The letter as blocks of lines; a block is a paragraph, its lines break hard."""
    letter = _words(req.lang)["letter"]

    def say(entry: str | Mapping[str, str]) -> str:
        return _DOUBLED_STOP.sub(".", _for_tone(entry, req.tone).format(**values))

    return [
        [values["letter_date"], say(letter["addressee"])],
        [say(letter["subject"])],
        [say(letter["greeting"])],
        [f"{say(letter['notice'])} {say(letter['period'])}"],
        [say(letter["reasons"][req.reason])],
        *([say(letter["options"][key])] for key in _option_keys(req)),
        [say(letter["continuity"])],
        [say(letter["thanks"])],
        [say(letter["closing"]), *(say(line) for line in letter["signature"])],
    ]


def _escape_markdown(value: str) -> str:
    inline = _MARKDOWN_INLINE.sub(r"\\\1", value)
    return _MARKDOWN_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", inline)


def _plain(blocks: list[list[str]]) -> str:
    return "\n\n".join("\n".join(lines) for lines in blocks)


def _markdown(blocks: list[list[str]]) -> str:
    heading, subject, *rest = blocks
    # The subject stands out in bold; a trailing backslash is CommonMark's hard line break.
    parts = [heading, [f"**{subject[0]}**"], *rest]
    return "\n\n".join("\\\n".join(lines) for lines in parts)


def _talking_points(req: LetterRequest, values: Mapping[str, str]) -> tuple[str, ...]:
    points = _words(req.lang)["talking_points"]
    lines = [
        points["opening"],
        points["period"],
        points["reasons"][req.reason],
        *(points["options"][key] for key in _option_keys(req)),
        points["continuity"],
        points["firm"],
        points["thanks"],
    ]
    return tuple(line.format(**values) for line in lines)


def _subject(req: LetterRequest, values: Mapping[str, str]) -> str:
    return _for_tone(_words(req.lang)["letter"]["subject"], req.tone).format(**values)


def _layout(req: LetterRequest, values: Mapping[str, str]) -> dict[str, Any]:
    """TEMPORARY (letterui branch): the letter's parts from today's paragraphs, so that the
    page's print and the .docx have a layout to render; the letter helper's layout replaces
    this at merge."""
    letter = _words(req.lang)["letter"]

    def say(entry: str | Mapping[str, str]) -> str:
        return _DOUBLED_STOP.sub(".", _for_tone(entry, req.tone).format(**values))

    details = req.details
    invoices = [
        " — ".join(part for part in (row["number"], f"{row['amount']} {row['currency']}".strip(),
                                     format_date(row["due"], req.lang) if row["due"] else "")
                   if part)
        for row in details.get("invoices", ())
    ]
    place = details.get("place", "")
    return {
        "sender": [req.company, *details.get("sender_address", "").splitlines()],
        "recipient": [req.client, req.contact, *details.get("client_address", "").splitlines()],
        "place_date": f"{place}, {values['letter_date']}" if place else values["letter_date"],
        "subject": say(letter["subject"]),
        "greeting": say(letter["greeting"]),
        "body": [
            {"kind": "paragraph", "text": f"{say(letter['notice'])} {say(letter['period'])}"},
            {"kind": "paragraph", "text": say(letter["reasons"][req.reason])},
            *([{"kind": "list", "items": invoices}] if invoices else []),
            *([{"kind": "list", "items": [say(letter["options"][key])
                                          for key in _option_keys(req)]}]
              if req.options else []),
            {"kind": "paragraph", "text": say(letter["continuity"])},
            {"kind": "paragraph", "text": say(letter["thanks"])},
        ],
        "closing": say(letter["closing"]),
        "signature": [req.sender, details.get("signatory_title", ""), req.company],
    }


def compose(req: LetterRequest) -> Letter:
    """Write the letter for a validated request."""
    notice = compute_notice(req.received, req.amount, req.unit, req.jurisdiction, req.lang)
    values = _placeholders(req, notice)
    escaped = {key: _escape_markdown(value) for key, value in values.items()}
    subject = _subject(req, values)
    return Letter(
        lang=req.lang,
        subject=subject,
        text=req.body or _plain(_blocks(req, values)),
        markdown=req.body or _markdown(_blocks(req, escaped)),
        talking_points=_talking_points(req, values),
        end_date=notice.end_date,
        notice=notice,
        format=req.format,
        layout=None if req.body else _layout(req, values),
        envelope=Envelope(
            sender_name=_words(req.lang)["letter"]["eml_from"].format(**values),
            sender_email=req.sender_email,
            recipient_name=req.contact,
            recipient_email=req.contact_email,
            letter_date=req.letter_date,
        ),
    )


def compose_letter(request: Mapping[str, Any]) -> Letter:
    """Validate a letter request (raises ``ValidationError``) and write the letter."""
    return compose(read_request(request))


def render(letter: Letter, fmt: str | None = None) -> str:
    """The letter in one format: text, markdown or eml (default: the one requested)."""
    chosen = fmt or letter.format
    if chosen not in FORMATS:
        raise ValueError(f"unknown letter format {chosen!r}; use one of {', '.join(FORMATS)}")
    return getattr(letter, chosen)
