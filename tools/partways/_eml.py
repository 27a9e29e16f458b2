"""The letter as an e-mail message file (.eml, RFC 5322), built with the stdlib ``email``.

The file is a draft for the reader to send from their own mail program:

* ``X-Unsent: 1`` asks the mail program to open the file as an unsent message, ready to edit
  and send, rather than as a message received: Outlook for Windows and Thunderbird do so
  (Thunderbird natively; older versions through an add-on). Other programs show it as a
  message; Apple Mail's Message > Send Again makes an editable copy of it.
* Addresses the reader did not give are never invented: without a sender address there is
  no From (the mail program fills in the reader's own account), without a contact address
  no To (the reader fills it in). No placeholder domain, no empty group ("Jane Doe:;").
* No Message-ID: the mail program writes one when it sends the message.

The Date header carries the letter date at 12:00 with the zone ``-0000`` ("local time
unknown", RFC 5322 §3.3): noon keeps the same calendar day in every time zone.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
import unicodedata
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage

# Headers may run to RFC 5322's 998 characters: folding a long unbreakable subject at 78
# makes the stdlib break right after "Subject:", and parsers then read a leading space.
_POLICY = email.policy.SMTP.clone(max_line_length=998)
_NOON = dt.time(12, 0)
# Line and paragraph separators and every control character would end or split a header.
_BREAKING = {"Cc", "Zl", "Zp"}


def header_safe(value: str) -> str:
    """One line of header text: control characters and line separators become spaces."""
    cleaned = "".join(" " if unicodedata.category(ch) in _BREAKING else ch for ch in value)
    return " ".join(cleaned.split())


def _split_address(addr_spec: str) -> tuple[str, str]:
    local, _, domain = addr_spec.rpartition("@")
    return local, domain


def _mailbox(display_name: str, addr_spec: str) -> Address:
    username, domain = _split_address(addr_spec)
    return Address(display_name=header_safe(display_name), username=username, domain=domain)


def _set_subject(message: EmailMessage, subject: str) -> None:
    """Text that looks like an RFC 2047 encoded word ("=?utf-8?q?...?=") would be decoded
    by the reader's mail program; such a subject is sent encoded, so it reads as typed."""
    if "=?" not in subject:
        message["Subject"] = subject
        return
    encoded = Header(subject, "utf-8", header_name="Subject").encode(linesep="\r\n")
    message.set_raw("Subject", encoded)


def build_eml(
    *,
    sender_name: str,
    sender_email: str,
    recipient_name: str,
    recipient_email: str,
    subject: str,
    body: str,
    letter_date: dt.date,
) -> str:
    """The message as text with CRLF line ends; the body is UTF-8 text/plain. A header
    whose address is not given is left out (see the module's docstring)."""
    message = EmailMessage(policy=_POLICY)
    if sender_email:
        message["From"] = _mailbox(sender_name, sender_email)
    if recipient_email:
        message["To"] = _mailbox(recipient_name, recipient_email)
    _set_subject(message, header_safe(subject))
    message["Date"] = email.utils.format_datetime(dt.datetime.combine(letter_date, _NOON))
    message["X-Unsent"] = "1"
    message.set_content(body, subtype="plain", charset="utf-8")
    return message.as_string()
