"""The Russian and Polish editions: every page, in its language, searchable on its own."""

import json
import re
from urllib.parse import urljoin

import pytest

from conftest import read_page
from test_site import built_path, nav_files, page_location

pytestmark = pytest.mark.site

TRANSLATIONS = ("ru", "pl")
# Words that mark an English sentence and are not Russian or Polish words.
ENGLISH_MARKERS = {"the", "and", "of", "you", "your", "with", "that", "this", "is", "are",
                   "for", "what", "when", "it", "be", "not", "they", "their", "which", "will"}


def translated(site, lang, source):
    return built_path(site / lang, source)


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_every_page_exists_in_every_language_with_its_lang_and_hreflang(built_site, lang):
    for source in nav_files():
        path = translated(built_site, lang, source)
        assert path.is_file(), f"{lang}: {source} missing"
        html = path.read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{lang}"', html), f"{lang}/{source}: wrong lang"
        here = f"http://site/{lang}/{page_location(source)}"
        # The head names no alternates (Material would fetch a sitemap beside each, for its
        # own switcher, which language.js replaces; the sitemaps carry hreflang) ...
        assert '<link rel="alternate"' not in html, source
        # ... and the switcher links to this very page in each language.
        switcher = dict((m[1], m[0]) for m in re.findall(r'<a href="([^"]*)" hreflang="(\w+)"', html))
        for other, href in switcher.items():
            prefix = "" if other == "en" else f"{other}/"
            assert urljoin(here, href) == f"http://site/{prefix}{page_location(source)}", (source, other)
        assert set(switcher) == {"en", "ru", "pl"}


def _paragraphs(html):
    article = html.split('<article', 1)[1].split("</article>", 1)[0]
    article = re.sub(r"<(pre|code|script|style|svg|form|table)\b.*?</\1>", " ", article, flags=re.S)
    for raw in re.findall(r"<(?:p|li|h[1-6]|td|figcaption)\b[^>]*>(.*?)</(?:p|li|h[1-6]|td|figcaption)>", article, re.S):
        text = re.sub(r"<[^>]+>", " ", raw)
        yield " ".join(text.split())


def english_paragraphs(html, lang):
    found = []
    for text in _paragraphs(html):
        letters = [ch for ch in text if ch.isalpha()]
        if len(letters) < 25:
            continue
        words = re.findall(r"[A-Za-z]+", text.lower())
        markers = sum(word in ENGLISH_MARKERS for word in words)
        if lang == "ru":
            latin = sum(ch.isascii() for ch in letters) / len(letters)
            if latin > 0.6 and markers >= 2:
                found.append(text)
        elif markers >= 3 and markers / max(len(words), 1) > 0.08:
            found.append(text)
    return found


def test_the_english_detector_can_fail():
    html = "<article><p>This is the part of the page that you forgot to translate, and it shows.</p></article>"
    assert english_paragraphs(html, "ru") and english_paragraphs(html, "pl")
    assert not english_paragraphs("<article><p>Это уже переведённый абзац, и в нём нет английского текста.</p></article>", "ru")
    assert not english_paragraphs("<article><p>To jest już przetłumaczony akapit i nie ma w nim angielskiego tekstu.</p></article>", "pl")


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_no_untranslated_english_paragraph(built_site, lang):
    leftovers = {}
    for source in nav_files():
        html = translated(built_site, lang, source).read_text(encoding="utf-8")
        if found := english_paragraphs(html, lang):
            leftovers[source] = found[:2]
    assert leftovers == {}


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_tool_pages_speak_the_page_language(built_site, lang):
    page = read_page(translated(built_site, lang, "tools/letter.md"))
    (widget,) = page.find_all("div", data_widget="letter")
    labels = json.loads(widget["data-labels"])
    from partways._data import load

    assert labels["copy"] != "Copy"
    english_label = load("messages")["en"]["fields"]["client"]
    assert english_label not in page.text and load("messages")[lang]["fields"]["client"] in page.text


def test_every_edition_has_the_sitemap_instant_navigation_reads_at_its_root(built_site):
    for lang in TRANSLATIONS:
        sitemap = (built_site / lang / "sitemap.xml").read_text(encoding="utf-8")
        assert f'hreflang="{lang}"' in sitemap and sitemap.count("<url>") == 3 * len(nav_files())


@pytest.mark.parametrize("lang", ("en", *TRANSLATIONS))
def test_each_language_has_its_own_search_index(built_site, lang):
    folder = built_site if lang == "en" else built_site / lang
    index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    expected = {page_location(source) for source in nav_files()}
    assert expected <= locations, f"{lang}: missing {sorted(expected - locations)[:5]}"
    assert not any(loc.startswith(("ru/", "pl/")) for loc in locations)
    if lang == "ru":
        assert index["config"]["lang"] == ["ru"] and "stemmer" in index["config"]["pipeline"]
    text = " ".join(doc["text"] for doc in index["docs"])
    marker = {"en": "notice", "ru": "уведомлени", "pl": "wypowiedzeni"}[lang]
    assert marker in text.lower()


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_path_diagram_links_stay_in_the_language(built_site, lang):
    html = translated(built_site, lang, "index.md").read_text(encoding="utf-8")
    figure = html.split('<figure class="pw-diagram">', 1)[1].split("</figure>", 1)[0]
    hrefs = re.findall(r'href="([^"]+)"', figure)
    assert len(hrefs) == 8
    for href in hrefs:
        assert urljoin(f"http://site/{lang}/", href).startswith(f"http://site/{lang}/playbook/"), href


def test_root_not_found_page_is_in_the_default_language(built_site):
    # Each language pass writes the one 404.html; the last (Polish) once won.
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html and "Not found" in html
