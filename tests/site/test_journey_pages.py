"""The built pages as a reader meets them first: tools that start from the page's
jurisdiction, one notice-period input, no button that does nothing, tables drawn as
Material draws its own, a loading status that states the real download, and a home page
that says what the site is and shows its four tools."""

from __future__ import annotations

import json
import sys
import tomllib
import zlib

import pytest

from conftest import ROOT, read_page

pytestmark = pytest.mark.site

sys.path.insert(0, str(ROOT))
from macros.download import megabytes, runtime_download_bytes, shipped_files  # noqa: E402
from macros.main import PAGE_JURISDICTION  # noqa: E402

LIVE = tomllib.loads((ROOT / "macros" / "live.toml").read_text(encoding="utf-8"))
LANGUAGES = ("en", "ru", "pl")
TOOL_PAGES = {"assess": "tools/assessment", "checklist": "tools/checklist",
              "notice": "tools/notice-dates", "letter": "tools/letter"}
UNITS = ["days", "business_days", "weeks", "months"]


def edition(site, lang):
    return site if lang == "en" else site / lang


def tool_page(site, lang, tool):
    return read_page(edition(site, lang) / TOOL_PAGES[tool] / "index.html")


def form_fields(page):
    """The named fields of the page's tool form, in document order: (tag, attributes)."""
    return [(tag, attrs) for tag, attrs in page.elements
            if tag in ("input", "select", "textarea") and attrs.get("name")]


def selected(page, name):
    """The value of the option the select ``name`` starts on."""
    inside = False
    for tag, attrs in page.elements:
        if tag == "select":
            inside = attrs.get("name") == name
        elif tag == "option" and inside and "selected" in attrs:
            return attrs["value"]
    return None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tools_start_from_the_page_jurisdiction_before_the_period(built_site, lang):
    assert PAGE_JURISDICTION == {"en": "other", "ru": "ru", "pl": "pl"}
    for tool in ("checklist", "notice", "letter"):
        page = tool_page(built_site, lang, tool)
        assert selected(page, "jurisdiction") == PAGE_JURISDICTION[lang], tool
        names = [attrs["name"] for _, attrs in form_fields(page)]
        if "period" in names:
            assert names.index("jurisdiction") < names.index("period"), (tool, names)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_notice_period_is_one_amount_and_its_unit(built_site, lang):
    for tool in ("notice", "letter"):
        page = tool_page(built_site, lang, tool)
        fields = form_fields(page)
        names = [attrs["name"] for _, attrs in fields]
        assert not set(UNITS) & set(names), (tool, names)
        (amount,) = [attrs for tag, attrs in fields if attrs["name"] == "period"]
        # the calculator shows a worked value; the letter, an example only (no invented facts)
        shown = amount.get("value") if tool == "notice" else amount.get("placeholder")
        assert amount["type"] == "number" and shown == "14", (tool, amount)
        units = [attrs["value"] for tag, attrs in page.elements
                 if tag == "option" and attrs.get("value") in UNITS]
        assert units == UNITS, tool
        assert selected(page, "unit") == "days"
        for field_id in (amount["id"], f"{tool}-unit"):
            assert page.find_all("label", for_=field_id), field_id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_tool_has_a_button_that_does_nothing(built_site, lang):
    """The static form is a reference (its note says so); the live tool answers as one types."""
    for tool, path in TOOL_PAGES.items():
        html = (edition(built_site, lang) / path / "index.html").read_text(encoding="utf-8")
        form = html.split(f'data-widget="{tool}"', 1)[1].split("</form>", 1)[0]
        assert "<input" in form and "<button" not in form, tool
        assert 'class="pw-static-note"' in html


def test_every_table_is_styled_as_material_styles_its_own(built_site):
    """Material styles `table:not([class])`, and wraps those to scroll sideways in their own
    box; a class on a macro's table left it unstyled and pushed phones sideways."""
    tables = 0
    for html in built_site.rglob("*.html"):
        if "assets" in html.relative_to(built_site).parts:
            continue
        for tag, attrs in read_page(html).elements:
            if tag == "table":
                tables += 1
                assert "class" not in attrs, (html, attrs)
    assert tables >= 3 * 4  # signs, rules and three worked examples, in each edition


def test_loading_status_states_the_download_of_a_first_visit(built_site):
    shipped = built_site / "assets" / "pyodide"
    files = shipped_files(shipped)
    names = {path.name for path in files}
    lock = json.loads((shipped / "pyodide-lock.json").read_text(encoding="utf-8"))["packages"]
    assert {lock[name]["file_name"] for name in ("partways", "holidays", "python-dateutil",
                                                 "six")} <= names
    assert {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json"} <= names
    assert all(path.is_file() for path in files)
    expected = sum(len(zlib.compress(path.read_bytes(), 6)) for path in files)
    assert runtime_download_bytes(shipped) == expected
    assert 4_000_000 < expected < 20_000_000
    for lang in LANGUAGES:
        for tool in TOOL_PAGES:
            (widget,) = tool_page(built_site, lang, tool).find_all("div", data_widget=tool)
            words = json.loads(widget["data-labels"])
            assert "loading_runtime_unsized" not in words
            assert words["loading_runtime"] == LIVE[lang]["loading_runtime"].format(
                megabytes=megabytes(expected, lang))


def test_megabytes_read_as_a_reader_reads_them():
    assert megabytes(8_027_417, "en") == "8"
    assert megabytes(7_660_000, "en") == "7.7"
    assert megabytes(7_660_000, "ru") == "7,7"
    assert megabytes(7_660_000, "pl") == "7,7"
    assert megabytes(15_245_153, "pl") == "15"


HOME_TITLES = {"en": "Ending work with a difficult client",
               "ru": "Как расстаться с трудным клиентом",
               "pl": "Jak rozstać się z trudnym klientem"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_has_a_descriptive_title_and_the_four_tools_as_cards(built_site, lang):
    html = (edition(built_site, lang) / "index.html").read_text(encoding="utf-8")
    assert f"<title>{HOME_TITLES[lang]} - Parting Ways</title>" in html
    cards = html.split('<div class="grid cards">', 1)[1].split("</div>", 1)[0]
    page = read_page(edition(built_site, lang) / "index.html")
    links = [href for href in page.links if href.startswith("tools/")]
    for tool in TOOL_PAGES.values():
        assert f'href="{tool}/"' in cards, tool
        assert f"{tool}/" in links
    assert cards.count("<li>") == 4
