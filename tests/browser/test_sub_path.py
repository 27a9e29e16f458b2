"""Published as a project site (GitHub Pages serves a fork at ``/<repo>/``), the site works
below that sub-path: its pages, its self-hosted runtime, wheels and lock file, the live
tools and instant navigation, and nothing is asked of the host's root."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser_helpers import READ_NOTICE, open_tool, read, settle, widget
from test_instant_navigation import assert_same_document, click_nav

pytestmark = pytest.mark.browser


def test_tools_and_instant_navigation_work_below_a_sub_path(sub_path_page):
    page = sub_path_page
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"HTTP {r.status} {r.url}"))
    sub_path = urlsplit(page.base_url).path  # "/parting-ways/"

    root = open_tool(page, "notice")
    root.locator('[name="received"]').fill("2026-12-28")
    root.locator('[name="period"]').fill("3")
    root.locator('[name="jurisdiction"]').select_option("ru")
    settle(lambda: read(page, "notice", READ_NOTICE)["end_date"], "2027-01-11")

    page.evaluate("window.__pwMarker = 'sub-path'")
    click_nav(page, "checklist")
    assert_same_document(page, "sub-path")
    assert widget(page, "checklist").count() == 1

    paths = [urlsplit(url).path for url in page.watch.requests if url.startswith("http")]
    assert f"{sub_path}assets/pyodide/pyodide.asm.wasm" in paths
    assert f"{sub_path}assets/pyodide/pyodide-lock.json" in paths
    assert any(path.startswith(f"{sub_path}assets/pyodide/partways-") for path in paths)
    outside = [path for path in paths if not path.startswith(sub_path)]
    assert not outside, f"asked the host's root for {outside}"
    assert not failed, failed
