"""The language switcher and each edition's search, in the browser."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

SEARCHES = [
    # (edition, query, a page the results must include). Material appends "*" to each word
    # but stems none; language.js cuts Russian and Polish words back to their stems, which
    # took "договора" from 1 page to 16 and "уведомления" from 0 to 14 (measured by hand).
    ("en", "notice period", "tools/notice-dates/"),
    ("ru", "уведомления", "tools/notice-dates/"),
    ("ru", "договора", "legal/russia/"),
    ("pl", "wypowiedzenie", "legal/poland/"),
    ("pl", "wypowiedzenia", "legal/poland/"),
    ("pl", "wypowiedzeniu", "legal/poland/"),
    ("pl", "umowy", "playbook/before-you-announce/"),
    ("pl", "klienta", "playbook/telling-the-client/"),
]
MANY = 10  # each of these words is on at least this many pages of its edition


def _edition(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def _search(page, query: str) -> list[str]:
    page.keyboard.press("/")  # Material's shortcut to the search field
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.fill(query)
    box.dispatch_event("keyup")  # Material searches on keyup
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    page.wait_for_timeout(500)  # let the last answer of the search worker arrive
    found = int(re.search(r"\d+", page.locator(".md-search-result__meta").inner_text())[0])
    assert found >= MANY, (query, found)
    links = [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]
    return [urlsplit(link)._replace(query="", fragment="").geturl() for link in links]


@pytest.mark.parametrize(("lang", "query", "expected"), SEARCHES)
def test_search_finds_the_right_page_in_its_own_language(page, base_url, lang, query, expected):
    page.goto(base_url + _edition(lang), wait_until="networkidle")  # the index is loaded
    hrefs = _search(page, query)
    edition = base_url + _edition(lang)
    assert all(h.startswith(edition) for h in hrefs), hrefs
    if lang == "en":
        assert not any(h.startswith((base_url + "ru/", base_url + "pl/")) for h in hrefs)
    assert edition + expected in hrefs, (query, hrefs)


def _switch_to(page, lang: str) -> None:
    page.locator(".md-header__option .md-select").first.hover()
    with page.expect_navigation():
        page.locator(f"a.md-select__link[hreflang={lang}]").first.click()


def test_switcher_lands_on_the_same_page_also_after_instant_navigation(page, base_url):
    page.goto(base_url + "tools/checklist/")
    page.evaluate("window.__stayed = true")
    page.locator(".md-nav__link[href$='playbook/signs/']").first.click()
    page.wait_for_url(base_url + "playbook/signs/")
    assert page.evaluate("window.__stayed === true"), "instant navigation reloaded the page"

    _switch_to(page, "pl")
    assert page.url == base_url + "pl/playbook/signs/"
    assert page.evaluate("document.documentElement.lang") == "pl"

    page.locator(".md-nav__link[href$='tools/letter/']").first.click()
    page.wait_for_url(base_url + "pl/tools/letter/")
    _switch_to(page, "ru")
    assert page.url == base_url + "ru/tools/letter/"
    assert page.evaluate("document.documentElement.lang") == "ru"
    _switch_to(page, "en")
    assert page.url == base_url + "tools/letter/"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_page_fetches_only_its_editions_sitemap(page, base_url, lang):
    """Instant navigation reads the edition's sitemap; nothing else fetches one (Material
    fetched three more, one beside each language named in the head, for its switcher)."""
    page.goto(base_url + _edition(lang) + "tools/checklist/", wait_until="networkidle")
    sitemaps = [url for url in page.watch.requests if url.endswith("sitemap.xml")]
    assert sitemaps == [base_url + _edition(lang) + "sitemap.xml"]
    page.locator(".md-nav__link[href$='playbook/signs/']").first.click()
    page.wait_for_url(base_url + _edition(lang) + "playbook/signs/")
    page.wait_for_load_state("networkidle")
    sitemaps = [url for url in page.watch.requests if url.endswith("sitemap.xml")]
    assert sitemaps == [base_url + _edition(lang) + "sitemap.xml"]
