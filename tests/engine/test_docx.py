"""The letter as a .docx: a Word document built with the standard library, read back here
twice: with python-docx (the oracle, as Word-like software reads it) and, everywhere the
engine runs (Pyodide too), with zipfile and ElementTree.

The layouts are built here in the shape the engine's ``Letter.layout`` has (COMMON.md), so
these tests hold whatever words the letter itself uses."""

from __future__ import annotations

import base64
import io
import json
import sys
import unicodedata
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from partways import compose_letter
from partways._docx import build_docx
from partways._inflect import format_date

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# python-docx needs lxml, which the Pyodide test dist does not ship: there the same
# documents are read with the standard library only (the tests below without this mark).
PYTHON_DOCX = pytest.mark.skipif(
    sys.platform == "emscripten", reason="python-docx needs lxml; Pyodide reads with zipfile"
)
PAYLOADS = json.loads((Path(__file__).parents[1] / "data" / "hostile_inputs.json").read_text())

LAYOUT = {
    "sender": ["Studio North Ltd", "1 Harbour Road", "Leeds LS1 4AB"],
    "recipient": ["Acme Ltd", "Ms Jane Doe", "5 Mill Lane", "York YO1 7HH"],
    "place_date": "Leeds, 1 December 2026",
    "subject": "Notice of termination: contract No. 12/2026",
    "greeting": "Dear Ms Doe,",
    "body": [
        {"kind": "paragraph", "text": "We give notice; the contract ends on 15 December 2026."},
        {"kind": "list", "items": ["We will hand over all materials.", "We will send the final invoice."]},
        {"kind": "paragraph", "text": "Thank you for the work we have done together."},
    ],
    "closing": "Yours sincerely,",
    "signature": ["Ola Nowak", "Managing Director", "Studio North Ltd"],
}  # fmt: skip
BASE = {
    "client": "Acme Ltd", "contact": "Jane Doe", "sender": "Ola Nowak", "company": "Studio North",
    "contract": "No. 12/2026", "received": "2026-12-01", "letter_date": "2026-11-27", "days": 14,
    "reason": "specialization",
}  # fmt: skip


def parts(document: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def paragraphs(document: bytes) -> list[ElementTree.Element]:
    root = ElementTree.fromstring(parts(document)["word/document.xml"])
    return root.findall(f"{W}body/{W}p")


def text_of(paragraph: ElementTree.Element) -> str:
    """A paragraph's text as Word shows it: <w:br/> a line break, <w:tab/> a tab."""
    pieces = []
    for node in paragraph.iter():
        if node.tag == f"{W}t":
            pieces.append(node.text or "")
        elif node.tag == f"{W}br":
            pieces.append("\n")
        elif node.tag == f"{W}tab":
            pieces.append("\t")
    return "".join(pieces)


def style_of(paragraph: ElementTree.Element) -> str | None:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return None if style is None else style.get(f"{W}val")


def open_with_python_docx(document: bytes):
    import docx

    return docx.Document(io.BytesIO(document))


# --- read with the standard library (runs in Pyodide too) -------------------------------------


def test_the_package_has_the_parts_word_needs():
    found = parts(build_docx(LAYOUT, text="", lang="en"))
    assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml",
            "word/_rels/document.xml.rels", "word/styles.xml", "word/numbering.xml"} <= set(found)
    for content in found.values():
        ElementTree.fromstring(content)  # every part is well-formed XML
    types = found["[Content_Types].xml"].decode()
    assert "wordprocessingml.document.main+xml" in types
    assert 'Target="word/document.xml"' in found["_rels/.rels"].decode()


def test_the_layout_becomes_a_business_letter_in_order():
    shown = [(style_of(p), text_of(p)) for p in paragraphs(build_docx(LAYOUT, text="", lang="en"))]
    assert shown == [
        ("Sender", "Studio North Ltd\n1 Harbour Road\nLeeds LS1 4AB"),
        ("Recipient", "Acme Ltd\nMs Jane Doe\n5 Mill Lane\nYork YO1 7HH"),
        ("PlaceDate", "Leeds, 1 December 2026"),
        ("Subject", "Notice of termination: contract No. 12/2026"),
        (None, "Dear Ms Doe,"),
        (None, "We give notice; the contract ends on 15 December 2026."),
        ("ListBullet", "We will hand over all materials."),
        ("ListBullet", "We will send the final invoice."),
        (None, "Thank you for the work we have done together."),
        ("Closing", "Yours sincerely,"),
        ("Signature", "Ola Nowak\nManaging Director\nStudio North Ltd"),
    ]


def test_an_edited_letter_keeps_the_readers_paragraphs_and_line_breaks():
    edited = "Dear Jane,\n\nWe end our cooperation\non 15 December 2026.\n\n\nOla Nowak\nStudio North"
    shown = [text_of(p) for p in paragraphs(build_docx(None, text=edited, lang="en"))]
    assert shown == ["Dear Jane,", "We end our cooperation\non 15 December 2026.",
                     "Ola Nowak\nStudio North"]


def test_missing_parts_leave_no_empty_paragraphs():
    layout = {**LAYOUT, "sender": [], "recipient": ["Acme Ltd", ""], "place_date": ""}
    shown = [text_of(p) for p in paragraphs(build_docx(layout, text="", lang="en"))]
    assert shown[0] == "Acme Ltd" and "" not in shown


def test_the_page_is_a4_and_the_language_is_the_letters():
    for lang, tag in (("en", "en-GB"), ("ru", "ru-RU"), ("pl", "pl-PL")):
        found = parts(build_docx(LAYOUT, text="", lang=lang))
        size = ElementTree.fromstring(found["word/document.xml"]).find(f"{W}body/{W}sectPr/{W}pgSz")
        assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
        language = ElementTree.fromstring(found["word/styles.xml"]).find(f".//{W}rPrDefault//{W}lang")
        assert language.get(f"{W}val") == tag


def test_the_same_letter_gives_the_same_bytes():
    assert build_docx(LAYOUT, text="", lang="pl") == build_docx(LAYOUT, text="", lang="pl")


def test_markup_and_characters_xml_cannot_carry_stay_text():
    hostile = "</w:t></w:r><w:r><w:t>injected & <b>bold</b> \"quoted\" 'single'"
    layout = {**LAYOUT, "subject": hostile, "signature": ["Ola\x01\x0b Nowak"]}
    found = paragraphs(build_docx(layout, text="", lang="en"))
    texts = [text_of(p) for p in found]
    assert hostile in texts
    assert "Ola Nowak" in texts
    assert len(found) == 11  # no paragraph or run was smuggled in


def test_the_engine_gives_the_docx_only_when_asked():
    assert "docx" not in compose_letter(BASE).to_dict()
    data = compose_letter({**BASE, "format": "docx"}).to_dict()
    document = base64.b64decode(data["docx"], validate=True)
    assert document.startswith(b"PK\x03\x04")
    texts = [text_of(p) for p in paragraphs(document)]
    assert data["layout"]["subject"] in texts  # as the letter shows it (no-break spaces kept)


@pytest.mark.parametrize("lang", ["en", "ru", "pl"])
def test_the_engines_docx_carries_the_subject_and_the_end_date(lang):
    letter = compose_letter({**BASE, "lang": lang, "format": "docx"})
    text = "\n".join(text_of(p) for p in paragraphs(base64.b64decode(letter.docx)))
    assert letter.layout["subject"] in text
    assert format_date(letter.end_date, lang) in text


def test_the_engines_docx_of_an_edited_letter_is_the_edit():
    edited = "Dear Jane,\n\nThe contract ends on 15 December 2026.\n\nOla"
    letter = compose_letter({**BASE, "body": edited, "format": "docx"})
    assert letter.layout is None
    shown = [text_of(p) for p in paragraphs(base64.b64decode(letter.docx))]
    assert shown == ["Dear Jane,", "The contract ends on 15 December 2026.", "Ola"]


# --- read with python-docx, the oracle -----------------------------------------------------------


@PYTHON_DOCX
@pytest.mark.parametrize("lang", ["en", "ru", "pl"])
def test_python_docx_opens_the_engines_letter(lang):
    letter = compose_letter({**BASE, "lang": lang, "format": "docx", "reason": "unpaid_invoices",
                             "invoices": [{"number": "7/2026", "amount": "1200.50",
                                           "currency": "EUR", "due": "2026-11-02"}],
                             "options": ["handover", "data", "final_invoice"]})
    document = open_with_python_docx(base64.b64decode(letter.to_dict()["docx"]))
    texts = [p.text for p in document.paragraphs]
    subject = next(p for p in document.paragraphs if p.text == letter.layout["subject"])
    assert all(run.bold for run in subject.runs)
    assert any(format_date(letter.end_date, lang) in text for text in texts)
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    listed = [item for block in letter.layout["body"] if block["kind"] == "list"
              for item in block["items"]]
    assert listed  # the three offers at least
    assert [p.text for p in document.paragraphs if p.style.name == "List Bullet"] == listed


@PYTHON_DOCX
def test_python_docx_reads_the_layout_as_written():
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = open_with_python_docx(build_docx(LAYOUT, text="", lang="en"))
    by_text = {p.text: p for p in document.paragraphs}
    assert by_text["Leeds, 1 December 2026"].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert by_text["Ola Nowak\nManaging Director\nStudio North Ltd"].style.name == "Signature"
    assert by_text["We will hand over all materials."].style.name == "List Bullet"
    numbered = by_text["We will hand over all materials."]._p.pPr.numPr
    assert numbered is not None and numbered.numId.val == 1


@PYTHON_DOCX
def test_python_docx_reads_every_hostile_payload_back_as_text():
    accepted = [p for p in PAYLOADS if not any(unicodedata.category(ch) == "Cc" for ch in p)]
    document = open_with_python_docx(build_docx(
        {**LAYOUT, "body": [{"kind": "list", "items": accepted}]}, text="", lang="en"))
    items = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert items == accepted
