"""Every page of the built site, opened in Chromium under its Content-Security-Policy, asks
only the site's own origin for anything, finds everything it asks for, breaks no rule of the
policy, and keeps the console clean. (That the tools load
their engine cleanly in every edition is asserted by test_live_tools.py, whose ``page``
fixture checks the console and the requests, the worker's included.)"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

HOME_PAGES = ("", "ru/", "pl/")  # the path diagram's SVG links once made Material throw
NOT_FOUND_PAGE = "404.html"  # once carried language links to sitemaps that are not there
# Chromium logs violations of the page's Content-Security-Policy; count them outright too.
COLLECT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (event) => window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
"""


def built_pages(site_dir) -> list[str]:
    """Each HTML page of the build as its URL path below the site root."""
    paths = []
    for html in sorted(site_dir.rglob("*.html")):
        relative = html.relative_to(site_dir).as_posix()
        if relative.startswith("assets/"):
            continue
        paths.append(relative.removesuffix("index.html"))
    return paths


class Problems:
    """Console errors, uncaught exceptions and failed responses of one page."""

    def __init__(self, page):
        self.found: list[str] = []
        page.on("response", lambda r: r.status >= 400 and self.found.append(
            f"HTTP {r.status} {r.url}"))
        page.on("console", lambda m: m.type == "error" and self.found.append(
            f"console: {m.text}"))
        page.on("pageerror", lambda error: self.found.append(f"uncaught: {error}"))


def test_every_page_stays_on_the_site(page, site_dir):
    pages = built_pages(site_dir)
    assert len(pages) >= 3 * 18, pages  # three editions of the playbook
    problems = Problems(page)
    page.add_init_script(COLLECT_VIOLATIONS)
    for path in pages:
        response = page.goto(page.base_url + path, wait_until="load")
        if path != NOT_FOUND_PAGE:
            assert response is not None and response.ok, f"{path}: {response and response.status}"
        assert page.evaluate("window.__violations") == [], path
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, path
    page.wait_for_load_state("networkidle")
    assert not problems.found, problems.found
    assert all(url.startswith(page.base_url) for url in page.watch.requests
               if url.startswith(("http:", "https:", "ws:", "wss:")))


def test_home_pages_have_a_clean_console(page, site_dir):
    problems = Problems(page)
    page.allow_console_errors()  # asserted here, with the page named
    for path in HOME_PAGES:
        if (site_dir / path / "index.html").is_file():
            page.goto(page.base_url + path, wait_until="load")
            page.wait_for_load_state("networkidle")
    assert not problems.found, problems.found


def test_not_found_page_fetches_only_what_exists(page):
    problems = Problems(page)
    page.allow_console_errors()  # asserted here, with the page named
    page.goto(page.base_url + NOT_FOUND_PAGE, wait_until="load")
    page.wait_for_load_state("networkidle")
    assert not problems.found, problems.found
