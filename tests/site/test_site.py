"""The built English site: every page, link, search entry and tool form comes out right."""

import json
import subprocess
import sys
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
import yaml

from conftest import ROOT, read_page

pytestmark = pytest.mark.site

# Hosts a page may link to as plain <a href> links: the official texts the legal notes cite.
CITED_HOSTS = {"pravo.gov.ru", "www.consultant.ru", "isap.sejm.gov.pl", "sip.lex.pl",
               "eur-lex.europa.eu", "www.legislation.gov.uk"}


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # ignore !!python tags
# site_url: !ENV [PARTWAYS_SITE_URL, default] -> the default
_Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def site_config():
    return yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_Loader)


SITE_HOST = urlparse(site_config()["site_url"]).netloc


def nav_files():
    config = site_config()
    found = []

    def walk(entries):
        for entry in entries:
            value = next(iter(entry.values())) if isinstance(entry, dict) else entry
            if isinstance(value, list):
                walk(value)
            else:
                found.append(value)

    walk(config["nav"])
    return found


def built_path(site: Path, source: str) -> Path:
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site / (stem + ".html")
    return site / stem / "index.html"


def page_location(source: str) -> str:
    """Where a source page lives in the site and its search index: "tools/cli/", "legal/"."""
    stem = source.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def html_pages(site: Path):
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_every_nav_page_is_built(built_site):
    files = nav_files()
    sources = sorted(
        str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*.md")
        if not p.name.endswith((".ru.md", ".pl.md"))  # translations of the same pages
    )
    assert sorted(files) == sources, "every page is in the nav and nothing else"
    for source in files:
        page = built_path(built_site, source)
        assert page.is_file(), source
        assert read_page(page).find_all("h1"), f"{source} has no title"


def test_every_internal_link_and_anchor_resolves(built_site):
    checked = 0
    for path in html_pages(built_site):
        page = read_page(path)
        base = "file://" + str(path)
        for href in page.links:
            url = urlparse(urljoin(base, unescape(href)))
            if url.scheme != "file":
                continue
            target = Path(unquote(url.path))
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{path.relative_to(built_site)}: broken link {href}"
            if url.fragment:
                ids = read_page(target).ids if target != path else page.ids
                assert url.fragment in ids, f"{path.relative_to(built_site)}: no anchor {href}"
            checked += 1
    assert checked > 100


def test_no_page_requests_another_host(built_site):
    for path in html_pages(built_site):
        page = read_page(path)
        for tag, _attribute, value in page.resources:
            host = urlparse(value).netloc
            assert host in ("", SITE_HOST), f"{path.relative_to(built_site)}: <{tag} {value}>"
        for href in page.links:
            host = urlparse(href).netloc
            assert not host or host in CITED_HOSTS, f"{path.relative_to(built_site)}: {href}"
    for stylesheet in built_site.rglob("*.css"):
        text = stylesheet.read_text(encoding="utf-8")
        assert "url(http" not in text and "@import url(" not in text, stylesheet


def test_theme_requests_no_web_font(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_legal_pages_open_with_the_not_legal_advice_notice(built_site):
    legal = [f for f in nav_files() if f.startswith("legal/")] + [
        "tools/notice-dates.md", "tools/letter.md"
    ]
    for source in legal:
        page = read_page(built_path(built_site, source))
        notices = page.find_all("div", role="note")
        assert notices, f"{source} lacks the notice"
        assert "not legal advice" in page.text.lower()


def test_search_index_holds_every_page_and_its_key_terms(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    text_by_page = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        text_by_page[page] = text_by_page.get(page, "") + " " + doc["title"] + " " + doc["text"]
    for source in nav_files():
        assert page_location(source) in text_by_page, source
    for location, terms in KEY_TERMS.items():
        body = text_by_page[location].lower()
        for term in terms:
            assert term.lower() in body, f"{location or 'home'}: '{term}' not indexed"


KEY_TERMS = {
    "": ["agencies", "freelancers", "checklist"],
    "playbook/signs/": ["yellow card", "red card", "15", "haggling"],
    "playbook/alternatives/": ["account manager", "prepayment", "partner"],
    "playbook/before-you-announce/": ["notice period", "lawyer", "transfer"],
    "playbook/telling-the-client/": ["e-mail", "phone", "meeting", "never"],
    "playbook/wrapping-up/": ["handover", "invoice", "data"],
    "playbook/afterwards/": ["feedback", "reputation", "open letter"],
    "legal/russia/": ["782", "450.1", "165.1", "193"],
    "legal/poland/": ["746", "ważny powód", "77", "115"],
    "legal/gdpr/": ["28(3)(g)", "processor"],
    "legal/common-law/": ["convenience", "cause", "cure"],
    "tools/notice-dates/": ["191", "111"],
    "tools/letter/": ["specialization", "unpaid"],
    "tools/cli/": ["partways notice", "--json"],
}


def test_static_checklist_holds_every_engine_item(built_site):
    from partways._checklist import all_item_ids

    page = read_page(built_path(built_site, "tools/checklist.md"))
    (widget,) = page.find_all("div", data_widget="checklist")
    assert widget["data-state"] == "static"
    boxes = {a["value"] for a in page.find_all("input", type="checkbox", name="done")}
    assert boxes == set(all_item_ids("other"))
    for box in page.find_all("input", type="checkbox", name="done"):
        assert page.find_all("label", for_=box["id"]), f"checkbox {box['id']} has no label"
    assert page.find_all(data_output=True)


def test_static_tool_forms_carry_the_engine_field_names(built_site):
    expected = {
        "tools/assessment.md": ("assess", {"payment_delay_days", "haggling", "illegal_request",
                                           "talked_already"}),
        "tools/notice-dates.md": ("notice", {"received", "period", "unit", "jurisdiction",
                                             "end_of_month", "sent", "method"}),
        "tools/letter.md": ("letter", {"client", "contact", "sender", "company", "contract",
                                       "received", "period", "unit", "jurisdiction", "reason",
                                       "tone", "options", "lang"}),
    }
    for source, (widget, names) in expected.items():
        page = read_page(built_path(built_site, source))
        assert page.find_all("div", data_widget=widget), source
        fields = {a.get("name") for t, a in page.elements if t in ("input", "select", "textarea")}
        assert names <= fields, f"{source}: missing {names - fields}"
        for tag, attrs in page.elements:
            if tag in ("input", "select") and attrs.get("id", "").startswith(widget + "-"):
                assert page.find_all("label", for_=attrs["id"]), f"{source}: {attrs['id']}"


INVOICE_PARTS = ("number", "amount", "currency", "due")
EXAMPLE_LABEL = {"en": "Example, with made-up names", "ru": "Пример с вымышленными именами",
                 "pl": "Przykład z fikcyjnymi nazwami"}


@pytest.mark.parametrize("lang", ["en", "ru", "pl"])
def test_sample_letters_carry_the_details_and_are_labelled_as_examples(built_site, lang):
    sys.path.insert(0, str(ROOT))
    from macros.main import sample_id, sample_letter_requests

    edition = built_site if lang == "en" else built_site / lang
    html = unescape(built_path(edition, "tools/letter.md").read_text(encoding="utf-8"))
    for request in sample_letter_requests(lang):
        figure = html.split(f'data-sample="{sample_id(request)}"', 1)[1].split("</figure>")[0]
        caption = figure.split("<figcaption>", 1)[1].split("</figcaption>")[0]
        assert caption.startswith(f"<strong>{EXAMPLE_LABEL[lang]}.</strong>")
        for line in (*request["sender_address"].splitlines(), request["signatory_title"]):
            assert line in figure
        for invoice in request.get("invoices", []):
            assert invoice["number"] in figure
        if request.get("reason") == "breach":
            assert request["facts"] in figure
        if request.get("bank_account"):
            assert request["bank_account"] in figure


@pytest.mark.parametrize("lang", ["en", "ru", "pl"])
def test_notice_page_shows_its_assumptions_and_sources_without_javascript(built_site, lang):
    from partways._notice import rule_for

    edition = built_site if lang == "en" else built_site / lang
    page = read_page(built_path(edition, "tools/notice-dates.md"))
    # the law comes before the period, which is one number and its unit
    names = [a.get("name") for t, a in page.elements
             if t in ("input", "select") and a.get("id", "").startswith("notice-")]
    assert names == ["jurisdiction", "received", "period", "unit", "end_of_month"]
    assert page.find_all("div", data_widget="receipt")
    # the official texts first, the reference database as well (from the engine's data)
    for code in ("ru", "pl"):
        for link in rule_for(code, lang)["links"]:
            assert link["url"] in page.links, (code, link)
    assert "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU19640160093" not in page.links
    # the worked examples carry the dispute note the engine writes for Poland
    html = built_path(edition, "tools/notice-dates.md").read_text(encoding="utf-8")
    assert html.count('data-note="disputed"') == 1
    word = {"en": "disputed", "ru": "спорно", "pl": "sporne"}[lang]
    assert word in page.text


@pytest.mark.parametrize("lang", ["en", "ru", "pl"])
def test_each_sample_letter_equals_the_cli_output(built_site, lang):
    sys.path.insert(0, str(ROOT))
    from macros.main import sample_id, sample_letter_requests

    edition = built_site if lang == "en" else built_site / lang
    html = built_path(edition, "tools/letter.md").read_text(encoding="utf-8")
    requests = sample_letter_requests(lang)
    assert len(requests) >= 6 and {"agreement", "payment_demand"} <= {
        request.get("kind") for request in requests}
    for request in requests:
        args = ["letter", "--format", "text"]
        for key, value in request.items():
            if key == "invoices":
                for invoice in value:
                    args += ["--invoice", ":".join(invoice[k] for k in INVOICE_PARTS if k in invoice)]
            elif value is True:
                args.append("--" + key.replace("_", "-"))
            else:
                args += ["--" + key.replace("_", "-"), str(value)]
        out = subprocess.run([sys.executable, "-m", "partways", *args],
                             capture_output=True, text=True, check=True).stdout
        marker = f'data-sample="{sample_id(request)}"'
        assert marker in html
        block = html.split(marker, 1)[1].split('<pre class="pw-letter">', 1)[1].split("</pre>")[0]
        assert unescape(block) == out.rstrip("\n")


@pytest.mark.parametrize("source", sorted((ROOT / "docs").rglob("*.md")), ids=lambda p: p.name)
def test_front_matter_is_read_as_metadata_not_shown_as_text(source):
    """A front matter YAML cannot read (an unquoted ": " in a description) is printed at the
    top of the page as a paragraph; every page's must be a mapping with a title."""
    text = source.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return
    meta = yaml.safe_load(text[4:text.index("\n---", 4)])
    assert isinstance(meta, dict) and meta.get("title"), source
