"""The termination letter: the legal words the chosen law needs, firm and polite, with the
details a real letter carries and an end date that stays true whenever it is received.

Python validates the request, works out the values (names, dates, money) and assembles the
letter as parts (its ``layout``); every word the reader sees comes from the data files:
``data/letter.toml`` says which parts a kind of letter has and in which order, and
``data/letters_<lang>.toml`` holds the words, chosen by language, jurisdiction, reason, tone,
delivery and the addressee's name (see the header of those files). The plain text and the
Markdown are both rendered from the layout, as the page's print view and DOCX are.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from ._data import load
from ._errors import FieldError
from ._fields import Reader
from ._i18n import LANGUAGES
from ._inflect import format_date, format_period
from ._jurisdictions import JURISDICTIONS
from ._law import Ref, cite_refs
from ._money import MAX_AMOUNT, NBSP, currencies, format_money
from ._names import GENDERS, PersonName, initials, parse_name, russian_dative
from ._notice import PERIOD_FIELDS, UNITS, NoticeDates, compute_notice, read_period

KINDS = ("notice", "agreement", "payment_demand")
REASONS = ("specialization", "capacity", "unpaid_invoices", "breach")
TONES = ("warm", "neutral", "formal")
OPTIONS = ("finish_stage", "handover", "data", "final_invoice", "referral", "call")
DELIVERIES = ("email", "registered", "courier", "hand")
FORMATS = ("text", "markdown", "eml", "docx")
NAME_LIMIT = 200
CONTRACT_LIMIT = 100
EMAIL_LIMIT = 254
BODY_LIMIT = 20000
CLAUSE_LIMIT = 100
FACTS_LIMIT = 1000
TITLE_LIMIT = 100
PLACE_LIMIT = 100
ADDRESS_LIMIT = 300
BANK_ACCOUNT_LIMIT = 300
INVOICE_LIMIT = 20
INVOICE_NUMBER_LIMIT = 50
INVOICE_FIELDS = ("number", "amount", "currency", "due")

KNOWN_FIELDS = (
    "kind", "lang", "client", "contact", "contact_email", "contact_gender", "client_address",
    "sender", "sender_email", "signatory_title", "sender_address", "company", "contract",
    "contract_date", "clause", "facts", "invoices", "pay_by", "letter_date", "received",
    "place", "delivery", "acknowledge", *PERIOD_FIELDS, *UNITS, "jurisdiction", "reason",
    "tone", "options", "partner", "format", "body", "end_date", "release", "bank_account",
)  # fmt: skip

# A plain, deliverable-looking address: no spaces, one @, a dotted domain of letters,
# digits and hyphens. Deliberately stricter than RFC 5322 so nothing odd reaches a header.
_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
# A value or date ending in a full stop ("sp. z o.o.", "1 grudnia 2026 r.") before the
# template's own: keep one. An ellipsis ("...") is left alone.
_DOUBLED_STOP = re.compile(r"(?<![.])\.\.(?=[\s)»”]|$)")
# CommonMark lets a backslash escape any ASCII punctuation. These can start markup inside a
# line; a value may also open a line (an address line, the signature), where a list or
# heading marker counts.
_MARKDOWN_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~&!])")
_MARKDOWN_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=])")
# Templates: {name} is a value; [[A||B]] is A when every value named in A is given, else B
# (or nothing when there is no B).
_SEGMENT = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_SENTENCE_END = ".!?…"


def today() -> dt.date:
    """The date a letter is dated when the reader gives none; tests replace this function."""
    return dt.date.today()


@dataclass(frozen=True)
class Invoice:
    number: str
    amount: Decimal
    currency: str
    due: dt.date | None


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
    amount: int | None  # the notice period; None for a letter that needs none
    unit: str | None
    jurisdiction: str
    reason: str
    tone: str
    options: frozenset[str]
    partner: str
    format: str
    body: str = ""  # the reader's own edit of the letter, which then replaces the draft
    kind: str = "notice"
    contract_date: dt.date | None = None
    clause: str = ""
    facts: str = ""
    invoices: tuple[Invoice, ...] = ()
    pay_by: dt.date | None = None
    signatory_title: str = ""
    contact_gender: str = "none"
    client_address: tuple[str, ...] = ()
    sender_address: tuple[str, ...] = ()
    place: str = ""
    delivery: str = ""
    acknowledge: bool = False
    end_date: dt.date | None = None  # an agreement's proposed end date, when the reader sets it
    release: bool = False  # an agreement's "no further claims" term
    bank_account: str = ""


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

    ``layout`` is the letter as parts (sender, recipient, place and date, subject, greeting,
    body blocks, closing, signature), or None when the reader's own edited text replaces the
    draft. ``eml`` is written on first use: the e-mail package is the slowest part of a
    letter, and the site's sample letters and the CLI's text and Markdown never read it."""

    lang: str
    subject: str
    text: str
    markdown: str
    talking_points: tuple[str, ...]
    end_date: dt.date  # the date the letter hinges on: the contract's end, or the payment deadline
    notice: NoticeDates | None  # the notice period's dates, when the letter counts one
    format: str
    envelope: Envelope
    kind: str = "notice"
    layout: dict[str, Any] | None = None

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
            "lang": self.lang,
            "subject": self.subject,
            "text": self.text,
            "markdown": self.markdown,
            "layout": self.layout,
            **({"docx": self.docx} if self.format == "docx" else {}),
            "eml": self.eml,
            "talking_points": list(self.talking_points),
            "end_date": self.end_date.isoformat(),
            "period_end": self.notice.period_end.isoformat() if self.notice else None,
            "notice": self.notice.to_dict() if self.notice else None,
            "format": self.format,
        }


# --- validation -------------------------------------------------------------------------------


def _email(reader: Reader, name: str) -> str:
    value = reader.text(name, required=False, max_length=EMAIL_LIMIT)
    if value and not _EMAIL.fullmatch(value):
        reader.errors.append(FieldError(name, "not_an_email", value))
        return ""
    return value


def default_options(reason: str, kind: str = "notice") -> frozenset[str]:
    """The offers a letter makes when the reader chose none: those that fit the reason."""
    defaults = load("letter")[kind].get("default_options", {})
    return frozenset(defaults.get(reason, defaults.get("default", ())))


def _options(reader: Reader, reason: str | None, kind: str) -> frozenset[str]:
    # Absent means the usual set for the reason; an explicit empty list means none at all.
    if reader.data.get("options") is None:
        return default_options(reason or "specialization", kind)
    return reader.flags("options", OPTIONS)


def _lines(reader: Reader, name: str) -> tuple[str, ...]:
    """Multi-line text (an address): one entry per non-empty line, spaces tidied."""
    text = reader.text(name, required=False, max_length=ADDRESS_LIMIT, multiline=True)
    return tuple(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _currency(reader: Reader, name: str) -> str:
    value = reader.data.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        reader.errors.append(FieldError(name, "required"))
        return ""
    code = value.strip().upper() if isinstance(value, str) else None
    if code not in currencies():
        choices = ", ".join(currencies())
        reader.errors.append(FieldError(name, "not_a_currency", value, {"choices": choices}))
        return ""
    return code


def _invoices(reader: Reader) -> tuple[Invoice, ...]:
    invoices = []
    for prefix in reader.records("invoices", INVOICE_FIELDS, limit=INVOICE_LIMIT):
        number = reader.text(f"{prefix}.number", max_length=INVOICE_NUMBER_LIMIT)
        amount = reader.amount(f"{prefix}.amount", high=MAX_AMOUNT)
        currency = _currency(reader, f"{prefix}.currency")
        due = reader.date(f"{prefix}.due", required=False)
        if number and amount is not None and currency:
            invoices.append(Invoice(number, amount, currency, due))
    return tuple(invoices)


def _dates(reader: Reader, kind: str) -> dict[str, dt.date | None]:
    """The letter's dates: dated today unless ``letter_date`` is given, received (by the
    reader's estimate) on its date unless ``received`` is given; the contract precedes the
    letter, the letter its receipt, and a payment deadline or an agreed end is not before
    the letter. A payment demand counts no period: its receipt is not asked for."""
    letter_date = reader.date("letter_date", required=False)
    checkable = letter_date is not None or not reader.is_given("letter_date")
    letter_date = letter_date or today()
    received = None if kind == "payment_demand" else reader.date("received", required=False)
    if received is None and (kind == "payment_demand" or not reader.is_given("received")):
        received = letter_date
    contract_date = reader.date("contract_date", required=False)
    pay_by = reader.date("pay_by", required=False)
    end_date = reader.date("end_date", required=False) if kind == "agreement" else None
    if checkable:
        # (field, its day, the day it is compared with, -1: must not be after it, +1: before)
        for name, day, other, side, code, param in (
            ("letter_date", letter_date, received, -1, "letter_after_received", "received"),
            ("contract_date", contract_date, letter_date, -1, "contract_after_letter",
             "letter_date"),
            ("pay_by", pay_by, letter_date, 1, "pay_by_before_letter", "letter_date"),
            ("end_date", end_date, letter_date, 1, "end_date_before_letter", "letter_date"),
        ):  # fmt: skip
            wrong = day is not None and other is not None and (day - other).days * side < 0
            if wrong:
                reader.errors.append(
                    FieldError(name, code, day.isoformat(), {param: other.isoformat()})
                )
    return {
        "letter_date": letter_date, "received": received, "contract_date": contract_date,
        "pay_by": pay_by, "end_date": end_date,
    }  # fmt: skip


def _default_pay_by(letter_date: dt.date, jurisdiction: str) -> dt.date:
    """A payment demand's deadline when the reader sets none: ``pay_within_days`` after the
    letter's date, moved off a day off as the jurisdiction moves a period's end."""
    days = load("letter")["payment_demand"]["pay_within_days"]
    return compute_notice(letter_date, days, "days", jurisdiction, "en").end_date


def read_request(request: Mapping[str, Any]) -> LetterRequest:
    """Validate every field of a letter request at once; raises ``ValidationError``.

    What a kind of letter needs depends on it: a notice needs a reason and a notice period;
    an agreement a period only when no ``end_date`` is given, and a reason never; a payment
    demand at least one invoice, and neither a period nor a reason. Fields a kind does not
    use are accepted and left unread."""
    reader = Reader(request, known=KNOWN_FIELDS)
    kind = reader.choice("kind", KINDS, default="notice") or "notice"
    names = {
        name: reader.text(name, max_length=NAME_LIMIT)
        for name in ("client", "contact", "sender", "company")
    }
    optional_text = {
        name: reader.text(name, required=False, max_length=limit)
        for name, limit in (("clause", CLAUSE_LIMIT), ("signatory_title", TITLE_LIMIT),
                            ("place", PLACE_LIMIT), ("partner", NAME_LIMIT))
    }  # fmt: skip
    if kind == "payment_demand":
        reason = None
    else:
        reason = reader.choice("reason", REASONS, default="" if kind == "agreement" else None)
    values: dict[str, Any] = {
        "kind": kind,
        "lang": reader.choice("lang", LANGUAGES, default="en"),
        **names,
        **optional_text,
        "contract": reader.text("contract", max_length=CONTRACT_LIMIT),
        "contact_email": _email(reader, "contact_email"),
        "sender_email": _email(reader, "sender_email"),
        "contact_gender": reader.choice("contact_gender", GENDERS, default="none"),
        "client_address": _lines(reader, "client_address"),
        "sender_address": _lines(reader, "sender_address"),
        "facts": " ".join(
            reader.text("facts", required=False, max_length=FACTS_LIMIT, multiline=True).split()
        ),
        "invoices": _invoices(reader),
        "delivery": reader.choice("delivery", DELIVERIES, default=""),
        "acknowledge": reader.boolean("acknowledge"),
        "jurisdiction": reader.choice("jurisdiction", JURISDICTIONS, default="other"),
        "reason": reason or "",
        "tone": reader.choice("tone", TONES, default="neutral"),
        "options": frozenset() if kind == "payment_demand" else _options(reader, reason, kind),
        "release": reader.boolean("release") if kind == "agreement" else False,
        "bank_account": reader.text("bank_account", required=False, max_length=BANK_ACCOUNT_LIMIT)
        if kind == "payment_demand" else "",
        "format": reader.choice("format", FORMATS, default="text"),
        "body": reader.text("body", required=False, max_length=BODY_LIMIT, multiline=True),
    }
    values.update(_dates(reader, kind))
    counts_a_period = kind == "notice" or (kind == "agreement" and values["end_date"] is None)
    values["amount"], values["unit"] = read_period(reader) if counts_a_period else (None, None)
    if kind == "payment_demand":
        if not values["invoices"] and not any(
            error.field.startswith("invoices") for error in reader.errors
        ):
            reader.errors.append(FieldError("invoices", "required"))
        if values["pay_by"] is None and not reader.is_given("pay_by") and values["jurisdiction"]:
            values["pay_by"] = _default_pay_by(values["letter_date"], values["jurisdiction"])
    reader.finish()
    return LetterRequest(**values)


# --- choosing words ---------------------------------------------------------------------------

# Each table in a words file is keyed by one of these dimensions; the letter's own value is
# taken, else the table's "default". Value sets are disjoint, so the keys tell the dimension.
_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "tone": TONES,
    "jurisdiction": JURISDICTIONS,
    "reason": REASONS,
    "delivery": DELIVERIES,
    "gender": GENDERS,
    "form": ("patronymic", "titled", "named"),
    "script": ("cyrillic_name", "other_name"),
    "invoices": ("with_invoices",),
}


def pick(entry: Any, choices: Mapping[str, Iterable[str]]) -> str | None:
    """The words of ``entry`` for this letter: a string, or a table keyed by a dimension's
    values (and "default"), nested as deep as the words need. None when nothing applies."""
    while isinstance(entry, Mapping):
        keys = set(entry) - {"default"}
        dimension = next(name for name, values in _DIMENSIONS.items() if keys <= set(values))
        chosen = next((value for value in choices[dimension] if value in entry), "default")
        entry = entry.get(chosen)
    return entry


def fill(template: str, values: Mapping[str, str]) -> str:
    """A template with its values put in; optional segments ``[[A||B]]`` resolved first."""

    def segment(match: re.Match[str]) -> str:
        for option in match[1].split("||"):
            if all(values.get(name) for name in _PLACEHOLDER.findall(option)):
                return option
        return ""

    resolved = _SEGMENT.sub(segment, template)
    text = _PLACEHOLDER.sub(lambda match: values[match[1]], resolved)
    return _DOUBLED_STOP.sub(".", text)


def _lookup(words: Mapping[str, Any], key: str) -> Any:
    entry: Any = words
    for part in key.split("."):
        if not isinstance(entry, Mapping):
            return None
        entry = entry.get(part)
    return entry


# --- the letter's values ----------------------------------------------------------------------


def _numbered(reference: str, mark: str) -> str:
    """A contract or invoice number with the letter language's mark ("No. 12/2026",
    "№ 12/2026", "nr 12/2026"); a reference that is not a number is kept as typed."""
    marks = "|".join(re.escape(m) for m in sorted(load("letter")["number_marks"], key=len)[::-1])
    bare = re.sub(rf"^(?:{marks})(?=[\s\d])\s*", "", reference)
    if bare[:1].isdigit() or (bare and bare != reference) or (bare and " " not in bare):
        return mark + bare
    return reference


def _clause(clause: str, mark: str) -> str:
    """A clause as the letter cites it: a bare number gets the language's word ("clause 9.2",
    «п. 9.2», "pkt 9.2"); anything else ("§ 9 ust. 2") stays as typed."""
    return mark + clause if clause[:1].isdigit() else clause


def _sentence(text: str) -> str:
    """Free text that ends a sentence, with exactly one closing mark."""
    return text if not text or text[-1] in _SENTENCE_END else text + "."


def _join(items: list[str], style: Mapping[str, str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return style["list_comma"].join(items[:-1]) + style["list_and"] + items[-1]


def _totals(invoices: Iterable[Invoice], lang: str, style: Mapping[str, str]) -> str:
    sums: dict[str, Decimal] = {}
    for invoice in invoices:
        sums[invoice.currency] = sums.get(invoice.currency, Decimal(0)) + invoice.amount
    return _join([format_money(amount, code, lang) for code, amount in sums.items()], style)


def _person(name: PersonName, gender: str, words: Mapping[str, Any], prefix: str) -> dict[str, str]:
    """The values a letter uses for one person: parts of the name, the courtesy title for
    the gender, the recipient line, the Russian dative and the signature form."""
    names = words["names"]
    courtesy = names["courtesy"].get(gender, "")
    if name.title and names.get("typed_titles"):
        courtesy = name.title
    given = name.given or name.full
    surname = name.surname or given
    russian = name.cyrillic and name.parsed
    with_initials = f"{initials(name)}{NBSP}{name.surname}" if russian and name.surname else name.full
    dative = (
        f"{initials(name)}{NBSP}{russian_dative(name.surname, gender)}"
        if russian and name.surname
        else name.full
    )
    titled = name.full if name.title or not courtesy else f"{courtesy} {name.full}"
    return {
        prefix: name.full,
        f"{prefix}_given": given,
        f"{prefix}_patronymic": name.patronymic,
        f"{prefix}_surname": surname,
        f"{prefix}_courtesy": courtesy,
        f"{prefix}_titled": titled,
        f"{prefix}_dative": dative,
        f"{prefix}_signed": with_initials,
    }


@dataclass(frozen=True)
class _Draft:
    """Everything a letter's words are chosen and filled with."""

    req: LetterRequest
    words: tuple[Mapping[str, Any], ...]  # the kind's words, then those it shares
    style: Mapping[str, Any]
    choices: Mapping[str, tuple[str, ...]]
    values: dict[str, str]
    flags: frozenset[str]

    def entry(self, key: str) -> Any:
        """The words of ``key``: the kind's own, else those of the kind it shares words with."""
        return next((found for words in self.words if (found := _lookup(words, key)) is not None),
                    None)

    def say(self, key: str, values: Mapping[str, str] | None = None) -> str:
        template = pick(self.entry(key), self.choices)
        return fill(template, self.values if values is None else values) if template else ""


def _citations(lang: str) -> dict[str, str]:
    """The citations a letter's words use (``{cite_…}``), from the legal-source registry."""
    return {
        name: "; ".join(c.text for c in cite_refs((Ref.from_mapping(r) for r in refs), lang))
        for name, refs in load("letter")["citations"].items()
    }


def _draft(req: LetterRequest, end_date: dt.date) -> _Draft:
    language = load(f"letters_{req.lang}")
    shared = load("letter")[req.kind].get("shared_words")
    words = (language[req.kind], *((language[shared],) if shared else ()))
    style = language["style"]
    contact = parse_name(req.contact)
    gender = req.contact_gender if req.contact_gender != "none" else contact.gender
    person = _person(contact, gender, language, "contact")
    if contact.patronymic and gender != "none":
        form = "patronymic"
    elif person["contact_courtesy"] and contact.surname:
        form = "titled"
    else:
        form = "named"
    dated = lambda day: format_date(day, req.lang) if day else ""  # noqa: E731
    values = {
        "client": req.client,
        "company": req.company,
        "sender": req.sender,
        "contract": _numbered(req.contract, style["number_mark"]),
        "partner": req.partner,
        "period": format_period(req.amount, req.unit, req.lang) if req.amount and req.unit else "",
        "end_date": dated(end_date),
        "received": dated(req.received),
        "letter_date": dated(req.letter_date),
        "contract_date": dated(req.contract_date),
        "pay_by": dated(req.pay_by),
        "place": req.place,
        "clause": _clause(req.clause, style["clause_mark"]) if req.clause else "",
        # Facts typed as sentences stand on their own; a fragment ("no access since May")
        # follows a lead-in and a colon, after which Russian and Polish want no capital.
        "facts": _sentence(req.facts),
        "facts_clause": _sentence(req.facts) if req.facts[:1].islower() else "",
        "signatory_title": req.signatory_title,
        "contact_email": req.contact_email,
        "sender_email": req.sender_email,
        "total": _totals(req.invoices, req.lang, style),
        "bank_account": req.bank_account,
        **_citations(req.lang),
        **person,
        **{
            key: value
            for key, value in _person(parse_name(req.sender), "none", language, "sender").items()
            if key == "sender_signed"
        },
    }
    values["contract_dated"] = fill(style["contract_dated"], values)
    choices = {
        "tone": (req.tone,),
        "jurisdiction": (req.jurisdiction,),
        "reason": (req.reason,),
        "delivery": (req.delivery,),
        "gender": (gender,),
        "form": (form,),
        "script": ("cyrillic_name" if contact.cyrillic else "other_name",),
        "invoices": ("with_invoices",) if req.invoices else (),
    }
    flags = set(req.options)
    flags.update(name for name, given in (("acknowledge", req.acknowledge),
                                          ("invoices", req.invoices), ("facts", req.facts),
                                          ("release", req.release)) if given)
    draft = _Draft(req, words, style, choices, values, frozenset(flags))
    values["receipt"] = draft.say("receipt")
    return draft


# --- the letter as parts ----------------------------------------------------------------------


def _invoice_items(draft: _Draft, values: Mapping[str, str], escape: Any) -> list[str]:
    req, style = draft.req, draft.style
    items = []
    for invoice in req.invoices:
        own = {
            **values,
            "number": escape(_numbered(invoice.number, style["number_mark"])),
            "amount": format_money(invoice.amount, invoice.currency, req.lang),
            "due": format_date(invoice.due, req.lang) if invoice.due else "",
        }
        items.append(draft.say("invoice_item", own))
    return _ended(items, style)


def _ended(items: list[str], style: Mapping[str, str]) -> list[str]:
    """List items with the language's marks: each ends with ";", the last with "."."""
    ends = [style["item_end"]] * (len(items) - 1) + [style["list_end"]]
    return [_DOUBLED_STOP.sub(".", item + end) for item, end in zip(items, ends)]


def _body(draft: _Draft, values: Mapping[str, str], escape: Any) -> list[dict[str, Any]]:
    """The body's blocks: each paragraph's sentences joined, "- key" entries gathered into a
    list, "@invoices" the list of invoices."""
    blocks: list[dict[str, Any]] = []

    def flush(sentences: list[str], items: list[str]) -> None:
        if sentences:
            blocks.append({"kind": "paragraph", "text": " ".join(sentences)})
            sentences.clear()
        if items:
            blocks.append({"kind": "list", "items": _ended(items, draft.style)})
            items.clear()

    for paragraph in load("letter")[draft.req.kind]["body"]:
        sentences: list[str] = []
        items: list[str] = []
        for entry in paragraph:
            key, _, flag = entry.partition("?")
            if flag and flag not in draft.flags:
                continue
            if key == "@invoices":
                flush(sentences, items)
                invoices = _invoice_items(draft, values, escape) if draft.req.invoices else []
                if invoices:
                    blocks.append({"kind": "list", "items": invoices})
            elif key.startswith("- "):
                if sentences:
                    flush(sentences, items)
                if text := draft.say(key[2:], values):
                    items.append(text)
            elif text := draft.say(key, values):
                if items:
                    flush(sentences, items)
                sentences.append(text)
        flush(sentences, items)
    greeting = draft.say("greeting", values)
    if draft.style.get("lowercase_after_comma") and greeting.endswith(",") and blocks:
        first = blocks[0]
        if first["kind"] == "paragraph":
            first["text"] = first["text"][:1].lower() + first["text"][1:]
    return blocks


def _layout(draft: _Draft, escape: Any = str) -> dict[str, Any]:
    req = draft.req
    values = {key: escape(value) for key, value in draft.values.items()}
    lines = lambda templates: [  # noqa: E731
        line for line in (fill(t, values) for t in templates) if line.strip()
    ]
    return {
        "sender": [values["company"], *map(escape, req.sender_address),
                   *([values["sender_email"]] if req.sender_email else [])],
        "recipient": lines(draft.entry("recipient")) + [escape(line) for line in req.client_address],
        "place_date": fill(draft.style["place_date"], values),
        "subject": draft.say("subject", values),
        "greeting": draft.say("greeting", values),
        "body": _body(draft, values, escape),
        "closing": draft.say("closing", values),
        "signature": lines(draft.entry("signature")),
    }  # fmt: skip


def _escape_markdown(value: str) -> str:
    inline = _MARKDOWN_INLINE.sub(r"\\\1", value)
    return _MARKDOWN_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", inline)


def _blocks(layout: Mapping[str, Any], header: Iterable[str], *, markdown: bool) -> list[list[str]]:
    """The letter as blocks of lines: a block is a paragraph, its lines break hard."""
    parts = {
        "sender": layout["sender"],
        "place_date": [layout["place_date"]],
        "recipient": layout["recipient"],
    }
    blocks = [parts[name] for name in header if parts[name]]
    subject = f"**{layout['subject']}**" if markdown else layout["subject"]
    blocks += [[subject], [layout["greeting"]]]
    for block in layout["body"]:
        if block["kind"] == "list":
            blocks.append([f"- {item}" for item in block["items"]])
        else:
            blocks.append([block["text"]])
    blocks.append([layout["closing"], *layout["signature"]])
    return blocks


def render_text(layout: Mapping[str, Any], header: Iterable[str]) -> str:
    return "\n\n".join("\n".join(lines) for lines in _blocks(layout, header, markdown=False))


def render_markdown(layout: Mapping[str, Any], header: Iterable[str]) -> str:
    """Markdown of a layout whose values are already escaped; lines within a block break
    hard (a trailing backslash), list items stay a list."""
    blocks = _blocks(layout, header, markdown=True)
    return "\n\n".join(
        "\n".join(lines) if lines[0].startswith("- ") else "\\\n".join(lines) for lines in blocks
    )


def _talking_points(draft: _Draft) -> tuple[str, ...]:
    points = []
    for entry in load("letter")[draft.req.kind]["talking_points"]:
        key, _, flag = entry.partition("?")
        if flag and flag not in draft.flags:
            continue
        if text := draft.say(f"talking_points.{key}"):
            points.append(text)
    return tuple(points)


def compose(req: LetterRequest) -> Letter:
    """Write the letter for a validated request."""
    notice = None
    if req.amount is not None and req.unit is not None:
        notice = compute_notice(req.received, req.amount, req.unit, req.jurisdiction, req.lang)
    # The date the letter hinges on: a payment demand's deadline, an agreement's proposed end
    # (the reader's, else the notice period's), a notice's end.
    end_date = req.pay_by if req.kind == "payment_demand" else req.end_date or notice.end_date
    draft = _draft(req, end_date)
    layout = _layout(draft)
    header = draft.style["header"]
    return Letter(
        lang=req.lang,
        kind=req.kind,
        # The e-mail subject is one header line, where a no-break space keeps nothing together.
        subject=layout["subject"].replace(NBSP, " "),
        text=req.body or render_text(layout, header),
        markdown=req.body or render_markdown(_layout(draft, _escape_markdown), header),
        layout=None if req.body else layout,
        talking_points=_talking_points(draft),
        end_date=end_date,
        notice=notice,
        format=req.format,
        envelope=Envelope(
            sender_name=fill(draft.style["eml_from"], draft.values),
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
