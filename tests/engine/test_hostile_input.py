"""Hostile text through every text field of the engine and the CLI: it stays text.

Each payload either is refused with a message naming its field (control characters, line
breaks, too long) or comes back verbatim as text: in the letter, its Markdown (escaped),
its .eml (with exactly the headers it should have) and the letter check.
"""

import email
import email.policy
import json
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from partways import ValidationError, check_letter, compose_letter, handle_request

NO_PROCESSES = pytest.mark.skipif(
    sys.platform == "emscripten", reason="runs a subprocess; Pyodide (emscripten) has none"
)

PAYLOADS = json.loads((Path(__file__).parents[1] / "data" / "hostile_inputs.json").read_text())
TEXT_FIELDS = ("client", "contact", "sender", "company", "contract", "partner")
BASE = {
    "client": "Acme Ltd", "contact": "Jane Doe", "sender": "Ola Nowak", "company": "Studio North",
    "contract": "No. 12/2026", "received": "2026-12-01", "letter_date": "2026-12-01", "days": 14,
    "reason": "specialization",
    "options": ["finish_stage", "handover", "referral"], "contact_email": "jane@example.com",
}  # fmt: skip
# BASE gives the contact's address and not the sender's: the draft has To and no From.
EML_HEADERS = ["To", "Subject", "Date", "X-Unsent", "Content-Type", "Content-Transfer-Encoding",
               "MIME-Version"]  # fmt: skip


def test_corpus_is_big_enough():
    assert len(PAYLOADS) >= 50


def _as_single_line(value):
    return " ".join(unicodedata.normalize("NFC", value).split())


def _refusable(value, field):
    limit = 100 if field == "contract" else 200
    has_control = any(unicodedata.category(ch) == "Cc" for ch in value.strip())
    return has_control or len(value) > limit


@pytest.mark.parametrize("field", TEXT_FIELDS)
@pytest.mark.parametrize("lang", ["en", "ru", "pl"])
def test_payload_is_refused_at_its_field_or_comes_back_as_text(field, lang):
    for payload in PAYLOADS:
        request = {**BASE, "lang": lang, field: payload}
        try:
            letter = compose_letter(request)
        except ValidationError as error:
            assert _refusable(payload, field), f"{payload!r} refused: {error}"
            assert [e.field for e in error.errors] == [field]
            assert error.to_list(lang)[0]["message"]
            continue
        assert not _refusable(payload, field), f"{payload!r} was accepted"
        shown = _as_single_line(payload)
        if field != "partner" or "referral" in request["options"]:
            assert shown in letter.text, f"{field}={payload!r} not in the letter"
        _assert_eml_is_exact(letter)
        _assert_markdown_is_inert(letter.markdown)


def _assert_eml_is_exact(letter):
    message = email.message_from_string(letter.eml, policy=email.policy.default)
    assert list(message.keys()) == EML_HEADERS
    assert message["Subject"] == letter.subject
    assert message.get_content().replace("\r\n", "\n").rstrip("\n") == letter.text
    for name in ("From", "To", "Subject"):
        assert "victim@example.com" not in [a.addr_spec for a in getattr(message[name], "addresses", ())]


SAFE_TAGS = {"p", "strong", "em", "br", "ul", "ol", "li", "hr", "h1", "h2", "h3", "code"}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def _assert_markdown_is_inert(text):
    """Rendered as Markdown, the letter holds only text markup: no element or link the
    payload could have smuggled in."""
    parser = _Tags()
    parser.feed(markdown.markdown(text))
    for tag, attrs in parser.found:
        assert tag in SAFE_TAGS and not attrs, (tag, attrs)


def test_letter_check_reads_any_payload_as_text():
    for payload in PAYLOADS:
        try:
            result = check_letter({"text": payload, "lang": "en"})
        except ValidationError as error:
            assert [e.field for e in error.errors] == ["text"], payload
            assert error.errors[0].code == "control_characters"
            continue
        findings = result.to_dict()["findings"]
        assert {f["code"] for f in findings} >= {"end_date", "thanks"}, payload
        for finding in findings:
            if finding["start"] is not None:
                assert payload[finding["start"]:finding["end"]] == finding["text"]


def test_entry_point_answers_payloads_in_every_field_without_raising():
    fields = ["client", "contact", "received", "days", "reason", "tone", "lang", "jurisdiction",
              "options", "done", "text", "payment_delay_days", "haggling"]
    for payload in PAYLOADS:
        for tool in ("assess", "checklist", "notice", "letter", "letter_check"):
            for field in fields:
                answer = handle_request({"tool": tool, "input": {field: payload}})
                assert isinstance(answer["ok"], bool)
                json.dumps(answer)


@NO_PROCESSES
@pytest.mark.parametrize("fmt", ["text", "markdown", "eml"])
def test_cli_outputs_keep_payloads_as_text(fmt, tmp_path):
    accepted = [p for p in PAYLOADS if not _refusable(p, "client")][:25]
    for payload in accepted:
        path = tmp_path / "letter.json"
        path.write_text(json.dumps({**BASE, "client": payload}))
        out = subprocess.run([sys.executable, "-m", "partways", "letter", "--input", str(path),
                              "--format", fmt], capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        if fmt == "eml":
            message = email.message_from_string(out.stdout, policy=email.policy.default)
            assert list(message.keys()) == EML_HEADERS
        elif fmt == "text":
            assert _as_single_line(payload) in out.stdout
        else:
            _assert_markdown_is_inert(out.stdout)


@NO_PROCESSES
def test_cli_refuses_line_breaks_in_names_with_one_line():
    for payload in [p for p in PAYLOADS if "\n" in p or "\r" in p]:
        args = ["letter", "--client", payload, "--contact", "J", "--sender", "S", "--company", "C",
                "--contract", "1", "--received", "2026-12-01", "--letter-date", "2026-12-01",
                "--days", "14", "--reason", "capacity",
                "--format", "eml"]
        out = subprocess.run([sys.executable, "-m", "partways", *args], capture_output=True, text=True)
        assert out.returncode == 2 and out.stdout == ""
        assert len(out.stderr.strip().splitlines()) == 1 and "--client" in out.stderr
