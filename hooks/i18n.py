"""MkDocs hook: make each language of the site a self-contained edition.

mkdocs-static-i18n builds Russian and Polish under ``ru/`` and ``pl/`` but leaves them
sharing one site root with English, so Material would search every language at once and
carry instant navigation across languages. This hook:

* gives every language its own search index (``search/``, ``ru/search/``, ``pl/search/``)
  holding only its pages, with Lunr's Russian stemmer for Russian and no stemmer for
  Polish (Lunr has none); the browser cuts Russian and Polish query words to their stems,
  see ``assets/javascripts/partways/language.js``;
* scopes Material's ``base`` on ``ru/``/``pl/`` pages to their language root, so search
  reads that language's index and instant navigation stays inside one language;
* makes the plugin's root-relative links to translated home pages relative, drops the
  head's ``<link rel="alternate">`` (Material fetched a sitemap beside each, for a switcher
  that language.js replaces) and gives every edition the sitemap (with per-page hreflang
  alternates) that instant navigation reads at its root;
* drops the plugin's one known warning about the switcher under instant navigation, which
  ``language.js`` handles by recomputing the link and switching with a full page load.
  Any other warning still fails ``mkdocs build --strict``.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from mkdocs.plugins import event_priority

DEFAULT_LANGUAGE = "en"
SEARCH = {
    "en": {"lang": ["en"], "pipeline": ["stopWordFilter"]},
    "ru": {"lang": ["ru"], "pipeline": ["stemmer", "stopWordFilter", "trimmer"]},
    "pl": {"lang": ["en"], "pipeline": ["stopWordFilter"]},
}
KNOWN_WARNING = "language switcher contextual link is not compatible"
_HEAD_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="(\w+)">')
_ROOTED_ALTERNATE = re.compile(r'href="/([^"]*)"(\s+hreflang=)')
_CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')


class _DropKnownWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return KNOWN_WARNING not in record.getMessage()


logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").addFilter(_DropKnownWarning())


def _language_of(location: str) -> str:
    first = location.split("/", 1)[0]
    return first if first in SEARCH and first != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def _one_level_up_less(base: str) -> str:
    """The page's base one directory shallower: from the site root to its language root."""
    return "." if base in ("..", "../") else base.removeprefix("../")


def on_post_page(output: str, page, config) -> str:
    # The plugin links home pages' translations from "/", which breaks under a sub-path
    # (GitHub Pages serves the site at /<repo>/): make those links relative.
    to_root = "../" * page.url.count("/") or "./"
    output = _ROOTED_ALTERNATE.sub(lambda m: f'href="{to_root}{m[1]}"{m[2]}', output)
    # Material fetches and parses "sitemap.xml" beside every <link rel="alternate"> in the head
    # (three per page load), only for its own switcher's clicks, which language.js takes over:
    # the head names no alternates. Each page's hreflang alternates are in the sitemaps, where
    # search engines read them too; the switcher's links point at this page's translations.
    output = _HEAD_ALTERNATE.sub("", output)
    if _language_of(page.url) == DEFAULT_LANGUAGE:
        return output
    return _CONFIG_BASE.sub(lambda m: m[1] + _one_level_up_less(m[2]) + m[3], output, count=1)


_not_found_page: dict[str, str] = {}


def on_post_template(output: str, template_name: str, config) -> str:
    # 404.html is rendered outside any page and would carry another page's language links,
    # beside which Material looks for sitemaps that are not there.
    if template_name != "404.html":
        return output
    # Every language pass writes the one 404.html at the site's root: keep the default
    # language's, which the passes after it would otherwise overwrite.
    if config.theme["language"] == DEFAULT_LANGUAGE or not _not_found_page:
        _not_found_page["html"] = _HEAD_ALTERNATE.sub("", output)
    return _not_found_page["html"]


@event_priority(-200)  # after mkdocs-static-i18n (-100) has written the combined index
def on_post_build(config) -> None:
    index_path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not index_path.is_file():
        return
    combined = json.loads(index_path.read_text(encoding="utf-8"))
    by_language: dict[str, list[dict]] = {lang: [] for lang in SEARCH}
    for doc in combined["docs"]:
        lang = _language_of(doc["location"])
        prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
        by_language[lang].append({**doc, "location": doc["location"].removeprefix(prefix)})
    sitemap = index_path.parents[1] / "sitemap.xml"
    for lang in SEARCH:
        if lang != DEFAULT_LANGUAGE and sitemap.is_file() and (sitemap.parent / lang).is_dir():
            (sitemap.parent / lang / "sitemap.xml").write_bytes(sitemap.read_bytes())
    for lang, docs in by_language.items():
        folder = index_path.parent if lang == DEFAULT_LANGUAGE else index_path.parents[1] / lang / "search"
        folder.mkdir(parents=True, exist_ok=True)
        index = {"config": {**combined["config"], **SEARCH[lang]}, "docs": docs}
        (folder / "search_index.json").write_text(json.dumps(index, ensure_ascii=False), "utf-8")
