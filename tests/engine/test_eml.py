"""The letter's .eml: a draft the reader's mail program opens ready to send, with no address
made up, no empty group, the letter's own date, and nothing a value can smuggle into a header."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re

import pytest

from partways import compose_letter
from partways._eml import build_eml

LANGS = ("en", "ru", "pl")
BASE = {
    "client": "Acme Ltd", "contact": "Jane Doe", "sender": "Ola Nowak", "company": "Studio North",
    "contract": "No. 12/2026", "received": "2026-12-01", "letter_date": "2026-11-27", "days": 14,
    "reason": "specialization",
}  # fmt: skip


def parse(eml: str) -> email.message.EmailMessage:
    return email.message_from_string(eml, policy=email.policy.default)


def parse_bytes(eml: str) -> email.message.EmailMessage:
    """As a mail program reads the downloaded file: bytes, CRLF line ends."""
    return email.message_from_bytes(eml.encode("utf-8"), policy=email.policy.default)


def headers_block(eml: str) -> str:
    return eml.split("\r\n\r\n", 1)[0]


@pytest.mark.parametrize("lang", LANGS)
def test_every_draft_is_marked_unsent(lang):
    message = parse_bytes(compose_letter({**BASE, "lang": lang}).eml)
    assert message["X-Unsent"] == "1"
    assert message.defects == []
    assert "Message-ID" not in message  # the mail program writes it when it sends


def test_without_addresses_there_is_no_from_and_no_to():
    eml = compose_letter(BASE).eml
    message = parse(eml)
    assert "From" not in message and "To" not in message
    head = headers_block(eml)
    assert ".invalid" not in eml
    assert ":;" not in head  # no empty group ("Jane Doe:;")
    assert "Jane Doe" not in head  # the contact's name alone makes no recipient


def test_each_address_makes_its_own_header_and_only_that_one():
    only_contact = parse(compose_letter({**BASE, "contact_email": "jane@acme.example"}).eml)
    assert "From" not in only_contact
    assert [a.addr_spec for a in only_contact["To"].addresses] == ["jane@acme.example"]
    assert only_contact["To"].addresses[0].display_name == "Jane Doe"

    only_sender = parse(compose_letter({**BASE, "sender_email": "ola@north.example"}).eml)
    assert "To" not in only_sender
    assert [a.addr_spec for a in only_sender["From"].addresses] == ["ola@north.example"]
    assert only_sender["From"].addresses[0].display_name == "Ola Nowak, Studio North"


def test_the_date_is_the_letters_date_not_the_day_it_is_received():
    letter = compose_letter({**BASE, "letter_date": "2026-11-24", "received": "2026-12-01"})
    message = parse(letter.eml)
    assert message["Date"].datetime.date() == dt.date(2026, 11, 24)
    # Noon, "local time unknown": the same calendar day wherever it is opened.
    assert re.search(r"^Date: Tue, 24 Nov 2026 12:00:00 -0000\r$", letter.eml, re.M)


@pytest.mark.parametrize("lang", LANGS)
def test_subject_and_body_are_the_letters(lang):
    letter = compose_letter({**BASE, "lang": lang, "contact_email": "jane@acme.example"})
    message = parse_bytes(letter.eml)
    assert message["Subject"] == letter.subject
    assert message.get_content().replace("\r\n", "\n").rstrip("\n") == letter.text
    assert message.get_content_charset() == "utf-8"


def test_the_readers_edit_travels_with_the_same_headers():
    edited = "Dear Jane,\n\nWe end our cooperation on 15 December 2026.\n\nOla"
    letter = compose_letter({**BASE, "body": edited, "contact_email": "jane@acme.example",
                             "letter_date": "2026-11-30"})
    message = parse(letter.eml)
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == letter.subject
    assert [a.addr_spec for a in message["To"].addresses] == ["jane@acme.example"]
    assert message["Date"].datetime.date() == dt.date(2026, 11, 30)
    assert message.get_content().replace("\r\n", "\n").rstrip("\n") == edited


def test_line_breaks_in_names_cannot_add_headers():
    eml = build_eml(
        sender_name="Ola\r\nBcc: victim@example.com", sender_email="ola@north.example",
        recipient_name="Jane\nX-Evil: 1", recipient_email="jane@acme.example",
        subject="Hi\u2028Bcc: a@b.example\rX: y", body="Body", letter_date=dt.date(2026, 1, 2),
    )  # fmt: skip
    message = parse(eml)
    assert set(message.keys()) == {"From", "To", "Subject", "Date", "X-Unsent", "MIME-Version",
                                   "Content-Type", "Content-Transfer-Encoding"}
    assert "Bcc" not in message and "X-Evil" not in message and "X" not in message
    assert [a.addr_spec for a in message["From"].addresses] == ["ola@north.example"]


def test_a_subject_that_looks_encoded_reads_as_typed():
    lookalike = "=?utf-8?q?Invoice_paid?= really"
    eml = build_eml(sender_name="", sender_email="", recipient_name="", recipient_email="",
                    subject=lookalike, body="Body", letter_date=dt.date(2026, 1, 2))
    assert parse(eml)["Subject"] == lookalike
