"""The legal pages cite from the engine's registry: every article citation is a marked link to
its official text, every page lists its sources with both links, and nothing is typed by hand."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT
from partways._data import load
from partways._law import acts, parts, source, url_of
from test_site import built_path, nav_files

pytestmark = pytest.mark.site

LANGS = ("en", "ru", "pl")
LEGAL = [page for page in nav_files() if page.startswith("legal/")]
# Pages whose citations this check covers: the legal notes, the playbook and the two tools
# whose words come from the legal helper's data.
CHECKED = LEGAL + [page for page in nav_files() if page.startswith("playbook/")] + [
    "tools/assessment.md", "tools/checklist.md", "tools/letter.md"]
WORDS = load("law")["words"]
PART_TWO = "https://pravo.gov.ru/proxy/ips/?docbody=&nd=102039276"

# A citation typed by hand: an article, section, point or paragraph number after its word.
HAND_TYPED = re.compile(
    r"(?<![\w#-])(?:arts?|articles?|sections?|ss?|ст|стст|п|пп|ч|подп|ust|lit|pkt)\.?"
    r"[\s\u00a0]*\d"
    r"|(?<![\w#-])(?:стать[а-яё]*|artyku[łl]\w*|paragraf\w*)[\s\u00a0]+\d"
    r"|(?<![\w#-])(?:lit\.|подп\.)[\s\u00a0]*[«(]?[a-z]\b"
    r"|§[\s\u00a0]*\d",
    re.IGNORECASE,
)
MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def hand_typed(text: str) -> list[str]:
    """Citation-like snippets in ``text`` once the macro calls are taken out."""
    return [match.group() for match in HAND_TYPED.finditer(MACRO.sub(" ", text))]


def edition(site: Path, lang: str) -> Path:
    return site if lang == "en" else site / lang


def source_file(page: str, lang: str) -> Path:
    stem = page.removesuffix(".md")
    return ROOT / "docs" / (f"{stem}.md" if lang == "en" else f"{stem}.{lang}.md")


class Article(HTMLParser):
    """The article of a built page: its citation links, its sources list, and its text with
    each piece marked as inside a registry citation or not."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.citations: list[dict[str, str]] = []
        self.sources: list[dict] = []
        self.loose_text: list[str] = []  # article text outside any registry citation
        self._depth = 0  # inside <article>
        self._in_citation = False
        self._in_sources = 0
        self._in_sample = 0  # a sample letter: the engine's text, its citations from the registry
        self._link: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self._depth += 1
        if not self._depth:
            return
        classes = (a.get("class") or "").split()
        if tag == "figure" and "pw-sample" in classes:
            self._in_sample += 1
        if tag == "a" and "pw-citation" in classes:
            self._in_citation = True
            self.citations.append({"act": a["data-act"], "part": a.get("data-part"),
                                   "href": a["href"], "text": ""})
        if tag == "ul" and "pw-sources" in classes:
            self._in_sources += 1
        if self._in_sources and tag == "li":
            self.sources.append({"act": a["data-act"], "part": a.get("data-part"), "links": []})
        if self._in_sources and tag == "a" and "pw-source" in classes:
            self._link = {"kind": a["data-kind"], "href": a["href"], "text": ""}
            self.sources[-1]["links"].append(self._link)

    def handle_endtag(self, tag):
        if tag == "article" and self._depth:
            self._depth -= 1
        if tag == "figure" and self._in_sample:
            self._in_sample -= 1
        if tag == "a":
            self._in_citation = False
            self._link = None
        if tag == "ul" and self._in_sources:
            self._in_sources -= 1

    def handle_data(self, data):
        if not self._depth:
            return
        if self._in_citation:
            self.citations[-1]["text"] += data
        elif self._link is not None:
            self._link["text"] += data
        elif not self._in_sources and not self._in_sample:
            self.loose_text.append(data)


def article(site: Path, lang: str, page: str) -> Article:
    return Article(built_path(edition(site, lang), page).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the check itself


@pytest.mark.parametrize("text", [
    "art. 782", "Art. 746 § 2", "arts. 191–193", "Article 28(3)(g)", "section 1",
    "s. 8", "ст. 782", "п. 2 ст. 782", "ст.\u00a0450.1", "статья 782", "статьи 191",
    "§ 2", "ust. 2", "lit. g", "подп. «g»", "artykuł 61", "ч. 3 ст. 6",
])
def test_the_hand_typed_check_catches_a_typed_citation(text):
    assert hand_typed(f"Some text ({text}) and more."), text


@pytest.mark.parametrize("text", [
    '{{ cite("ru_gk", "782", point=2) }}', "## Refusing { #article-782 }",
    "[notes](../legal/russia.md#article-782)", "a 14-day period", "Dz.U. 2025 poz. 1071",
    "2 weeks", "No. 14-FZ", "1&nbsp;декабря", "art-782",
])
def test_the_hand_typed_check_leaves_everything_else_alone(text):
    assert hand_typed(text) == [], text


# ---------------------------------------------------------------- the pages


@pytest.mark.parametrize("lang", LANGS)
def test_no_citation_is_typed_by_hand_in_the_markdown(lang):
    found = {}
    for page in CHECKED:
        if typed := hand_typed(source_file(page, lang).read_text(encoding="utf-8")):
            found[page] = typed
    assert found == {}


@pytest.mark.parametrize("lang", LANGS)
def test_every_citation_in_the_built_pages_comes_from_the_registry(built_site, lang):
    loose = {}
    for page in CHECKED:
        found = article(built_site, lang, page)
        if typed := hand_typed(" ".join(found.loose_text)):
            loose[page] = typed
        for citation in found.citations:
            assert citation["href"] == url_of(citation["act"], citation["part"]), (page, citation)
            assert citation["text"].strip(), (page, citation)
    assert loose == {}


@pytest.mark.parametrize("lang", LANGS)
def test_every_legal_page_cites_and_lists_its_official_and_reference_sources(built_site, lang):
    for page in LEGAL:
        found = article(built_site, lang, page)
        assert found.citations, f"{lang}/{page} cites nothing"
        listed = {(item["act"], item["part"]): item["links"] for item in found.sources}
        for citation in found.citations:
            key = (citation["act"], citation["part"])
            assert key in listed, f"{lang}/{page}: {key} cited but not listed"
        for (act, part), links in listed.items():
            expected = source(act, part, lang).links
            assert [(link["kind"], link["href"]) for link in links] == [
                (link.kind, link.url) for link in expected], (page, act, part)
            kinds = [link["kind"] for link in links]
            assert kinds[0] == "official" or act == "ru_apk", (page, act)
            for link in links:  # labelled: what the link is, then who publishes it
                assert link["text"].startswith(WORDS[lang][link["kind"]] + ": "), link
        # Russian and Polish acts have both links; the one exception, whose official address
        # could not be verified, is named in data/law.toml and in test_law.
        russian_or_polish = [key for key in listed
                             if key[0].startswith(("ru_", "pl_")) and key[0] != "ru_apk"]
        for key in russian_or_polish:
            assert [link["kind"] for link in listed[key]] == ["official", "reference"], key


def test_the_overview_lists_every_act_and_part(built_site):
    for lang in LANGS:
        found = article(built_site, lang, "legal/index.md")
        assert [(item["act"], item["part"]) for item in found.sources] == [
            (act, part) for act in acts() for part in parts(act)]


@pytest.mark.parametrize("lang", LANGS)
def test_article_782_links_part_two_of_the_russian_civil_code(built_site, lang):
    seen = 0
    for page in CHECKED:
        for citation in article(built_site, lang, page).citations:
            if re.search(r"\b782\b", citation["text"]):
                seen += 1
                assert (citation["part"], citation["href"]) == ("2", PART_TWO), (page, citation)
    assert seen >= 4
    russia = article(built_site, lang, "legal/russia.md")
    listed = {(item["act"], item["part"]) for item in russia.sources}
    assert {("ru_gk", "1"), ("ru_gk", "2"), ("ru_gk", "4")} <= listed


def test_the_legal_pages_carry_the_contract_type_box(built_site):
    for lang in LANGS:
        for page in ("legal/index.md", "legal/russia.md", "legal/poland.md",
                     "legal/common-law.md"):
            html = built_path(edition(built_site, lang), page).read_text(encoding="utf-8")
            body = html.split("<article", 1)[1]
            assert body.count('<div class="admonition warning">') >= 1, (lang, page)
        poland = article(built_site, lang, "legal/poland.md")
        assert {c["act"] for c in poland.citations} >= {"pl_kc", "pl_copyright"}
        cited = {(c["act"], c["text"].replace("\u00a0", " ")) for c in poland.citations}
        assert any("644" in text for act, text in cited if act == "pl_kc"), lang
