"""Every page on a phone: nothing scrolls sideways at 360 and 390 px, in any language or
palette; the home page shows its four tools in the first screen on a phone and a desktop;
the checklist keeps its progress in view; its markers read as labels, its boxes are large;
macro tables look like Material's own."""

from __future__ import annotations

import pytest

from browser_helpers import LANGUAGES, TOOL_PAGES, page_path, until, wait_ready
from test_every_page import built_pages

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
SCHEMES = ("default", "slate")
# Elements wider than the viewport, outside any box that scrolls them, to name the culprit.
OVERFLOW = """
() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (node) => ["auto", "scroll", "hidden"].includes(getComputedStyle(node).overflowX);
  const culprits = [];
  for (const node of document.querySelectorAll("body *")) {
    const box = node.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    let parent = node.parentElement;
    while (parent && !scrolls(parent)) parent = parent.parentElement;
    if (!parent || parent === document.body || parent === document.documentElement) {
      culprits.push(`${node.tagName.toLowerCase()}.${node.className} (${Math.round(box.right)})`);
    }
  }
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth, culprits: culprits.slice(0, 5) };
}
"""


def wider_than_the_screen(page) -> list[str]:
    """The palettes in which the page scrolls sideways, with what sticks out."""
    found = []
    for scheme in SCHEMES:
        page.evaluate("(scheme) => document.body.setAttribute('data-md-color-scheme', scheme)",
                      scheme)
        measured = page.evaluate(OVERFLOW)
        if measured["scrollWidth"] > measured["innerWidth"]:
            found.append(f"{scheme}: {measured}")
    return found


def visit(page, path: str) -> None:
    page.goto(page.base_url + path, wait_until="load")
    if page.locator("[data-widget]").count():  # measured with the live result drawn
        page.wait_for_selector("[data-widget][data-result]", timeout=60_000)


def test_no_page_scrolls_sideways_at_360_px(new_page, site_dir):
    page = new_page(viewport=PHONE)
    pages = built_pages(site_dir)
    assert len(pages) >= 3 * 18, pages
    wide = {}
    for path in pages:
        visit(page, path)
        if found := wider_than_the_screen(page):
            wide[path] = found
    assert not wide, wide


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tool_pages_do_not_scroll_sideways_at_390_px(new_page, lang):
    page = new_page(viewport={"width": 390, "height": 844})
    wide = {}
    for tool in TOOL_PAGES:
        visit(page, page_path(lang, tool))
        if found := wider_than_the_screen(page):
            wide[tool] = found
    assert not wide, wide


FOUR_TOOLS_IN_VIEW = """
() => [...document.querySelectorAll(".md-content .grid.cards a")].map((link) => {
  const box = link.getBoundingClientRect();
  return { href: link.href, inView: box.top >= 0 && box.bottom <= innerHeight };
})
"""


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844},
                                      {"width": 1280, "height": 800}], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_shows_the_four_tools_in_the_first_screen(new_page, viewport, lang):
    page = new_page(viewport=viewport)
    page.goto(page.base_url + ("" if lang == "en" else f"{lang}/"), wait_until="load")
    links = page.evaluate(FOUR_TOOLS_IN_VIEW)
    assert [link["href"] for link in links] == [page.base_url + page_path(lang, tool)
                                                for tool in TOOL_PAGES]
    assert all(link["inView"] for link in links), links


STICKY_PROGRESS = """
(root) => {
  const summary = root.querySelector("[data-summary]");
  const box = summary.getBoundingClientRect();
  const header = document.querySelector(".md-header").getBoundingClientRect();
  return { top: box.top, bottom: box.bottom, headerBottom: header.bottom,
           text: summary.querySelector("label")?.textContent ?? null,
           value: summary.querySelector("progress")?.value ?? null };
}
"""


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_checklist_progress_stays_in_view_while_ticking(new_page, lang):
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(page.base_url + page_path(lang, "checklist"))
    wait_ready(page, "checklist")
    root = page.locator('.pw-widget[data-widget="checklist"]')
    boxes = root.locator('input[name="done"]')
    last = boxes.nth(boxes.count() - 1)
    last.scroll_into_view_if_needed()
    last.check()
    until(lambda: root.evaluate(STICKY_PROGRESS)["value"] == 1, what="the progress")
    shown = root.evaluate(STICKY_PROGRESS)
    assert shown["top"] >= shown["headerBottom"] - 1, shown  # below Material's header...
    assert shown["bottom"] <= 844, shown  # ...and on the screen, next to the box just ticked
    assert shown["text"].startswith(("1 of", "Zrobione: 1 z")), shown
    last_box = last.bounding_box()
    assert last_box["y"] > shown["bottom"] - 1, (last_box, shown)  # not hidden behind it


LOOKS = """
(root) => {
  const style = (node) => getComputedStyle(node);
  const marker = root.querySelector(".pw-blocking");
  const box = root.querySelector('input[name="done"]');
  return {
    marker: { tag: marker.tagName, border: style(marker).borderTopStyle,
              background: style(marker).backgroundColor, cursor: style(marker).cursor },
    box: { width: box.getBoundingClientRect().width, height: box.getBoundingClientRect().height,
           scheme: style(box).colorScheme },
  };
}
"""


def test_checklist_markers_read_as_labels_and_boxes_are_large(page):
    page.goto(page.base_url + page_path("en", "checklist"))
    root = page.locator('.pw-widget[data-widget="checklist"]')
    for scheme, colours in (("default", "light"), ("slate", "dark")):
        page.evaluate("(s) => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        looks = root.evaluate(LOOKS)
        assert looks["marker"] == {"tag": "SPAN", "border": "none",
                                   "background": "rgba(0, 0, 0, 0)", "cursor": "auto"}, looks
        assert looks["box"]["width"] >= 20 and looks["box"]["height"] >= 20, looks
        assert looks["box"]["scheme"] == colours, looks


TABLE_LOOK = """
(table) => {
  const style = getComputedStyle(table), cell = getComputedStyle(table.querySelector("td"));
  return { fontSize: style.fontSize, border: style.borderTopStyle + " " + style.borderTopWidth,
           padding: cell.paddingLeft, scrolls: table.closest(".md-typeset__scrollwrap") !== null };
}
"""


def test_tables_of_macros_look_like_markdown_tables(page):
    page.goto(page.base_url + "tools/")  # a table written in Markdown
    markdown = page.locator(".md-content table").first.evaluate(TABLE_LOOK)
    page.goto(page.base_url + "tools/notice-dates/")  # the rules, written by a macro
    macro = page.locator(".md-content table").first.evaluate(TABLE_LOOK)
    assert macro == markdown
    assert markdown["scrolls"] and markdown["border"].startswith("solid")
