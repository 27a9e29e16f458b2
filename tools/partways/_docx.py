"""The letter as a Word document (.docx, Office Open XML), written with the standard library.

A .docx is a zip of a few XML parts; this module writes the smallest set Word, LibreOffice
and python-docx open: ``[Content_Types].xml``, ``_rels/.rels``, ``word/document.xml`` with
its ``word/_rels/document.xml.rels``, ``word/styles.xml`` and ``word/numbering.xml`` (the
bullet of the list items). The page is A4 with the margins of a business letter, ready for
the reader's letterhead.

The letter comes as its parts (``Letter.layout``: sender, recipient, place and date, subject,
greeting, body, closing, signature), or, when the reader edited the draft, as their text:
blank lines part paragraphs, single line breaks stay line breaks.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from io import BytesIO
from typing import Any

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOCUMENT_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Word's language tags: spelling and hyphenation follow the letter's language.
_LANGUAGE_TAGS = {"en": "en-GB", "ru": "ru-RU", "pl": "pl-PL"}
# Russian and Polish letters set the addressee on the right half of the page.
_RECIPIENT_ON_THE_RIGHT = {"ru", "pl"}
# A fixed time stamp keeps the file's bytes the same for the same letter (zip's earliest).
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Characters XML 1.0 cannot carry at all (controls other than tab, line feed, return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TWIPS_PER_CM = 567


def escape(text: str) -> str:
    """Text as XML character data. (xml.sax.saxutils.escape does the same, but importing it
    brings urllib.request along: about 0.2 s in Pyodide, on the reader's first .docx.)"""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text_runs(text: str, bold: bool = False) -> str:
    """Runs for one paragraph: line breaks become <w:br/>, tabs <w:tab/>."""
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    parts = []
    for index, line in enumerate(_NOT_XML.sub("", text).replace("\r\n", "\n").split("\n")):
        if index:
            parts.append("<w:br/>")
        for cell_index, cell in enumerate(line.split("\t")):
            if cell_index:
                parts.append("<w:tab/>")
            if cell:
                parts.append(f'<w:t xml:space="preserve">{escape(cell)}</w:t>')
    return f"<w:r>{props}{''.join(parts)}</w:r>" if parts else ""


def _paragraph(text: str, *, style: str | None = None, bold: bool = False,
               align: str | None = None, indent_cm: float = 0, list_item: bool = False,
               keep_next: bool = False) -> str:
    props = []
    if style:
        props.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        props.append("<w:keepNext/>")
    if list_item:
        props.append('<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
    if indent_cm:
        props.append(f'<w:ind w:left="{round(indent_cm * _TWIPS_PER_CM)}"/>')
    if align:
        props.append(f'<w:jc w:val="{align}"/>')
    ppr = f"<w:pPr>{''.join(props)}</w:pPr>" if props else ""
    return f"<w:p>{ppr}{_text_runs(text, bold)}</w:p>"


def _lines(lines: Iterable[str], **options: Any) -> str:
    """A block of lines (an address, a signature) as one paragraph with line breaks."""
    kept = [line for line in lines if line]
    return _paragraph("\n".join(kept), **options) if kept else ""


def _body_from_layout(layout: Mapping[str, Any], lang: str) -> list[str]:
    recipient_indent = 9.0 if lang in _RECIPIENT_ON_THE_RIGHT else 0
    parts = [
        _lines(layout.get("sender") or (), style="Sender"),
        _lines(layout.get("recipient") or (), style="Recipient", indent_cm=recipient_indent),
    ]
    if layout.get("place_date"):
        parts.append(_paragraph(layout["place_date"], style="PlaceDate", align="right"))
    if layout.get("subject"):
        parts.append(_paragraph(layout["subject"], style="Subject", bold=True, keep_next=True))
    if layout.get("greeting"):
        parts.append(_paragraph(layout["greeting"]))
    for block in layout.get("body") or ():
        if block.get("kind") == "list":
            parts.extend(_paragraph(item, style="ListBullet", list_item=True)
                         for item in block.get("items") or ())
        else:
            parts.append(_paragraph(block.get("text", "")))
    if layout.get("closing"):
        parts.append(_paragraph(layout["closing"], style="Closing", keep_next=True))
    parts.append(_lines(layout.get("signature") or (), style="Signature"))
    return [part for part in parts if part]


def _body_from_text(text: str) -> list[str]:
    blocks = re.split(r"\n(?:[ \t]*\n)+", text.replace("\r\n", "\n").strip("\n"))
    return [_paragraph(block) for block in blocks if block.strip()]


def _document(paragraphs: Sequence[str]) -> str:
    margin = round(2.5 * _TWIPS_PER_CM)
    section = (
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'  # A4 in twentieths of a point
        f'<w:pgMar w:top="{margin}" w:right="{margin}" w:bottom="{margin}" w:left="{margin}" '
        'w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>'
    )
    return (f'{_XML}<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body>'
            f"{''.join(paragraphs)}{section}</w:body></w:document>")


def _styles(lang: str) -> str:
    tag = _LANGUAGE_TAGS.get(lang, "en-GB")
    spacing_after = '<w:spacing w:after="200" w:line="264" w:lineRule="auto"/>'

    def style(style_id: str, name: str, ppr: str = "", rpr: str = "") -> str:
        return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
                f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
                f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>")

    return (
        f'{_XML}<w:styles xmlns:w="{_W}">'
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
        'w:cs="Times New Roman" w:eastAsia="Times New Roman"/>'
        f'<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="{tag}"/>'
        f"</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>{spacing_after}</w:pPr></w:pPrDefault>"
        "</w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
        '<w:name w:val="Normal"/><w:qFormat/></w:style>'
        + style("Sender", "Sender", '<w:spacing w:after="360"/>')
        + style("Recipient", "Recipient", '<w:spacing w:after="360"/>')
        + style("PlaceDate", "Place and date", '<w:spacing w:after="360"/><w:jc w:val="right"/>')
        + style("Subject", "Subject", '<w:spacing w:before="120" w:after="240"/>', "<w:b/>")
        + style("ListBullet", "List Bullet", '<w:spacing w:after="80"/>'
                '<w:ind w:left="720" w:hanging="360"/><w:contextualSpacing/>')
        + style("Closing", "Closing", '<w:spacing w:before="240" w:after="0"/>')
        # Room above the name for a handwritten signature.
        + style("Signature", "Signature", '<w:spacing w:before="720" w:after="0"/>')
        + "</w:styles>"
    )


def _numbering() -> str:
    return (
        f'{_XML}<w:numbering xmlns:w="{_W}">'
        '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        '<w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )


def _content_types() -> str:
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    return (
        f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/>'
        f'<Override PartName="/word/styles.xml" ContentType="{main}.styles+xml"/>'
        f'<Override PartName="/word/numbering.xml" ContentType="{main}.numbering+xml"/>'
        "</Types>"
    )


def _relationships(targets: Sequence[tuple[str, str]]) -> str:
    items = "".join(
        f'<Relationship Id="rId{index}" Type="{_DOCUMENT_TYPE}/{kind}" Target="{target}"/>'
        for index, (kind, target) in enumerate(targets, start=1)
    )
    return f'{_XML}<Relationships xmlns="{_PACKAGE_RELS}">{items}</Relationships>'


def build_docx(layout: Mapping[str, Any] | None, *, text: str, lang: str) -> bytes:
    """The letter as .docx bytes: from its ``layout`` parts, or from ``text`` (the reader's
    own edit) when ``layout`` is None."""
    paragraphs = _body_from_layout(layout, lang) if layout is not None else _body_from_text(text)
    parts = {
        "[Content_Types].xml": _content_types(),
        "_rels/.rels": _relationships([("officeDocument", "word/document.xml")]),
        "word/_rels/document.xml.rels": _relationships(
            [("styles", "styles.xml"), ("numbering", "numbering.xml")]),
        "word/document.xml": _document(paragraphs),
        "word/styles.xml": _styles(lang),
        "word/numbering.xml": _numbering(),
    }
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content.encode("utf-8"))
    return buffer.getvalue()
