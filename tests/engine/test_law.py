"""The legal-source registry: every citation in each language's own style, linked to the right
official text (for the Russian Civil Code, the part that holds the article)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partways import cite as public_cite
from partways._data import load
from partways._i18n import LANGUAGES
from partways._law import (
    Ref,
    acts,
    all_sources,
    cite,
    cite_refs,
    part_of,
    parts,
    source,
    url_of,
)

NBSP = "\u00a0"
DATA = load("law")
PART_ONE = "https://pravo.gov.ru/proxy/ips/?docbody=&nd=102033239"
PART_TWO = "https://pravo.gov.ru/proxy/ips/?docbody=&nd=102039276"
PART_FOUR = "https://pravo.gov.ru/proxy/ips/?docbody=&nd=102110716"


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


# ---------------------------------------------------------------- worked examples


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "art. 782(2) of the Civil Code of the Russian Federation (Part Two)"),
        ("ru", "п. 2 ст. 782 ГК РФ"),
        ("pl", "art. 782 ust. 2 Kodeksu cywilnego FR"),
    ],
)
def test_a_russian_article_is_cited_by_point_in_each_language(lang, expected):
    citation = cite("ru_gk", "782", point=2, lang=lang)
    assert plain(citation.text) == expected
    assert citation.url == PART_TWO and citation.part == "2"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Article 746 § 2 of the Polish Civil Code"),
        ("ru", "§ 2 ст. 746 ГК Польши"),
        ("pl", "art. 746 § 2 k.c."),
    ],
)
def test_a_polish_code_article_is_cited_by_paragraph(lang, expected):
    assert plain(cite("pl_kc", "746", point=2, lang=lang).text) == expected


@pytest.mark.parametrize(
    ("act", "article", "point", "letter", "lang", "expected"),
    [
        ("pl_copyright", "41", 2, None, "pl",
         "art. 41 ust. 2 ustawy o prawie autorskim i prawach pokrewnych"),
        ("pl_copyright", "41", 2, None, "en", "Article 41(2) of the Polish Copyright Act"),
        ("eu_gdpr", "28", 3, "g", "en", "Article 28(3)(g) GDPR"),
        ("eu_gdpr", "28", 3, "g", "ru", "подп. «g» п. 3 ст. 28 GDPR"),
        ("eu_gdpr", "28", 3, "g", "pl", "art. 28 ust. 3 lit. g RODO"),
        ("ru_152fz", "6", 3, None, "ru", "ч. 3 ст. 6 Федерального закона № 152-ФЗ «О персональных данных»"),
        ("ru_152fz", "21", 4, None, "en", "art. 21(4) of Federal Law No. 152-FZ on Personal Data"),
        ("ru_apk", "4", 5, None, "ru", "ч. 5 ст. 4 АПК РФ"),
        ("ru_gk", "1234", 2, None, "ru", "п. 2 ст. 1234 ГК РФ"),
        ("ru_gk", "1234", 2, None, "en",
         "art. 1234(2) of the Civil Code of the Russian Federation (Part Four)"),
        ("uk_late_payment", "1", None, None, "en",
         "section 1 of the Late Payment of Commercial Debts (Interest) Act 1998"),
    ],
)
def test_other_acts_follow_their_own_numbering(act, article, point, letter, lang, expected):
    assert plain(cite(act, article, point=point, letter=letter, lang=lang).text) == expected


def test_several_articles_ranges_and_following_are_plural():
    assert plain(cite("ru_gk", "165.1", "450.1").text) == (
        "arts. 165.1 and 450.1 of the Civil Code of the Russian Federation (Part One)")
    assert plain(cite("ru_gk", "165.1", "450.1", lang="ru").text) == "ст. 165.1 и 450.1 ГК РФ"
    assert plain(cite("ru_gk", "191–193", lang="pl").text) == "art. 191–193 Kodeksu cywilnego FR"
    assert plain(cite("pl_kc", "111–115", lang="pl").text) == "art. 111–115 k.c."
    assert plain(cite("pl_kc", "627", following=True, lang="pl").text) == "art. 627 i n. k.c."
    assert plain(cite("ru_gk", "702", following=True, lang="ru").text) == "ст. 702 и сл. ГК РФ"
    assert plain(cite("pl_kc", "627", following=True).text) == (
        "Articles 627 ff. of the Polish Civil Code")
    assert plain(cite("ru_gk", "716", "717", "719", lang="ru").text) == "ст. 716, 717 и 719 ГК РФ"


def test_short_citations_leave_the_act_out():
    assert plain(cite("ru_gk", "782", point=2, lang="ru", short=True).text) == "п. 2 ст. 782"
    assert plain(cite("pl_kc", "77", point=2, lang="pl", short=True).text) == "art. 77 § 2"
    assert plain(cite("ru_gk", "782", short=True).text) == "art. 782"
    assert cite("ru_gk", "782", short=True).url == PART_TWO


def test_the_link_goes_to_the_part_of_the_code_that_holds_the_article():
    for article in ("165.1", "185", "191", "310", "333", "393", "450", "450.1", "452"):
        assert part_of("ru_gk", article) == "1" and cite("ru_gk", article).url == PART_ONE
    for article in ("702", "716", "717", "719", "779", "782"):
        assert part_of("ru_gk", article) == "2" and cite("ru_gk", article).url == PART_TWO
    assert cite("ru_gk", "1234", point=2).url == PART_FOUR
    assert cite("ru_gk", "191–193").url == PART_ONE


def test_neighbouring_references_share_a_citation_and_others_stay_apart():
    refs = [Ref("pl_kc", "77", 2), Ref("pl_kc", "61"), Ref("ru_152fz", "6", 3),
            Ref("ru_152fz", "21", 4), Ref("eu_gdpr", "28", 3, "g")]
    texts = [plain(c.text) for c in cite_refs(refs, "pl")]
    assert texts == [
        "art. 77 § 2 i art. 61 k.c.",
        "art. 6 ust. 3 i art. 21 ust. 4 rosyjskiej ustawy nr 152-FZ o danych osobowych",
        "art. 28 ust. 3 lit. g RODO",
    ]
    mixed = cite_refs([Ref("ru_gk", "716"), Ref("ru_gk", "717"), Ref("ru_gk", "782", 2)], "en")
    assert [plain(c.text) for c in mixed] == [
        "arts. 716 and 717 of the Civil Code of the Russian Federation (Part Two)",
        "art. 782(2) of the Civil Code of the Russian Federation (Part Two)",
    ]
    across_parts = cite_refs([Ref("ru_gk", "450.1"), Ref("ru_gk", "782", 2)], "ru")
    assert [(c.part, c.url) for c in across_parts] == [("1", PART_ONE), ("2", PART_TWO)]


def test_numbers_never_break_from_their_abbreviation():
    for lang in LANGUAGES:
        for text in (cite("ru_gk", "782", point=2, lang=lang).text,
                     cite("pl_kc", "746", point=2, lang=lang).text,
                     cite("eu_gdpr", "28", point=3, letter="g", lang=lang).text):
            for word in ("ст.", "п.", "art.", "ust.", "§", "Article", "lit.", "подп."):
                assert f"{word} " not in text, (lang, text)


@pytest.mark.parametrize(
    "call",
    [
        lambda: cite("ru_gk"),  # no article
        lambda: cite("xx_code", "1"),  # unknown act
        lambda: cite("ru_gk", "782a"),  # not an article number
        lambda: cite("ru_gk", "1200"),  # Part Three: no link the site knows
        lambda: cite("ru_gk", "450–460"),  # a range across parts
        lambda: cite("ru_gk", "782", "783", point=2),  # a point with several articles
        lambda: cite("ru_gk", "782", point=0),
        lambda: cite("ru_gk", "782", point=True),
        lambda: cite("ru_gk", "782", point=2, letter="g"),  # the Civil Code has no letters
        lambda: cite("eu_gdpr", "28", letter="g"),  # a letter needs its point
        lambda: cite("ru_gk", "782", point=2, following=True),
        lambda: cite("ru_gk", "165.1", "782"),  # two parts in one citation
    ],
)
def test_a_citation_the_registry_cannot_back_is_refused(call):
    with pytest.raises(ValueError):
        call()


def test_the_facade_exposes_cite():
    assert public_cite("pl_kc", "104", lang="pl").text == cite("pl_kc", "104", lang="pl").text


# ---------------------------------------------------------------- sources


def test_each_part_of_the_russian_civil_code_has_its_own_sources():
    assert parts("ru_gk") == ("1", "2", "4")
    two = source("ru_gk", "2", "en")
    assert "Part Two" in two.title and "14-FZ" in two.title
    assert [(link.kind, link.url) for link in two.links] == [
        ("official", PART_TWO),
        ("reference", "https://www.consultant.ru/document/cons_doc_LAW_9027/"),
    ]
    one = source("ru_gk", "1", "ru")
    assert one.links[1].url == "https://www.consultant.ru/document/cons_doc_LAW_5142/"
    assert one.links[0].label.startswith("Официальный источник: ")
    assert one.links[1].label.startswith("Справочная правовая система: КонсультантПлюс")


def test_polish_acts_link_their_current_consolidated_text_not_the_original():
    for act in ("pl_kc", "pl_copyright", "pl_late_payment"):
        official = source(act, lang="pl").links[0]
        assert official.kind == "official"
        assert urlparse(official.url).netloc == "isap.sejm.gov.pl"
        assert "WDU1964" not in official.url and "WDU1994" not in official.url
        assert "tekst jednolity" in source(act, lang="pl").title
    assert url_of("pl_kc") == "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU20260000795"


OFFICIAL_HOSTS = {"ru": "pravo.gov.ru", "pl": "isap.sejm.gov.pl", "eu": "eur-lex.europa.eu",
                  "uk": "www.legislation.gov.uk"}


def test_every_act_links_its_official_host_and_russian_and_polish_acts_a_database():
    for act in acts():
        definition = DATA["acts"][act]
        for part in parts(act):
            links = {link.kind: link for link in source(act, part).links}
            assert links, act
            if "official" in links:
                assert urlparse(links["official"].url).netloc == OFFICIAL_HOSTS[
                    definition["jurisdiction"]], act
            if definition["jurisdiction"] in ("ru", "pl"):
                assert "reference" in links, act
    # The one act without a verified official address says so in the data file.
    unlinked = [act for act in acts() for part in parts(act)
                if "official" not in {link.kind for link in source(act, part).links}]
    assert unlinked == ["ru_apk"]


def test_sources_are_labelled_and_titled_in_every_language():
    for lang in LANGUAGES:
        words = DATA["words"][lang]
        for found in all_sources(lang):
            assert found.title.strip()
            for link in found.links:
                assert link.label.startswith(words[link.kind] + ": ")
                assert urlparse(link.url).scheme == "https"
    english = {(s.act, s.part): s.title for s in all_sources("en")}
    for lang in ("ru", "pl"):
        for found in all_sources(lang):
            assert found.title != english[(found.act, found.part)], (lang, found.act)


# ---------------------------------------------------------------- the data file


def test_every_act_has_every_style_in_every_language():
    for act, definition in DATA["acts"].items():
        keys = {key for key in ("ref", "refs", "point", "letter", "act")
                if key in definition["en"]}
        for lang in LANGUAGES:
            style = definition[lang]
            assert keys <= set(style), (act, lang)
            assert "{article}" in style["ref"] and "{articles}" in style["refs"]
            assert "{n}" in style["point"]
            if "parts" not in definition:
                assert style["title"].strip()
        for part in definition.get("parts", ()):
            for lang in LANGUAGES:
                assert part[lang]["name"] and part[lang]["title"]


articles = st.one_of(
    st.sampled_from(["165.1", "450.1", "702", "782", "1234", "191–193"]),
    st.integers(1, 453).map(str),
    st.integers(454, 1109).map(str),
)


@settings(max_examples=200, deadline=None)
@given(article=articles, point=st.none() | st.integers(1, 9), lang=st.sampled_from(LANGUAGES))
def test_any_civil_code_citation_names_its_article_and_links_its_part(article, point, lang):
    if "–" in article:
        point = None
    full = cite("ru_gk", article, point=point, lang=lang)
    short = cite("ru_gk", article, point=point, lang=lang, short=True)
    assert article in full.text and full.text.startswith(short.text)
    assert full.url == url_of("ru_gk", part_of("ru_gk", article.split("–")[0]))
    if point:
        # Russian writes the point first, English and Polish after the article.
        expected = {"ru": f"п.{NBSP}{point} ст.{NBSP}{article}", "en": f"art.{NBSP}{article}({point})",
                    "pl": f"art.{NBSP}{article} ust.{NBSP}{point}"}[lang]
        assert short.text == expected
