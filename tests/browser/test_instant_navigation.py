"""Material's instant navigation swaps pages without reloading them: the tools mount again on
each page, keep answering, and the whole visit runs one engine worker."""

from __future__ import annotations

import pytest

from browser_helpers import (
    LETTER_BASICS,
    READ_ASSESS,
    READ_CHECKLIST,
    READ_LETTER,
    READ_NOTICE,
    TOOL_PAGES,
    WORKER_PATH,
    cli_json,
    click_nav,
    fill_letter_basics,
    read,
    settle,
    until,
    wait_ready,
    widget,
)

pytestmark = pytest.mark.browser



def assert_same_document(page, marker: str) -> None:
    assert page.evaluate("window.__pwMarker") == marker, "the page was fully reloaded"


def assert_mounted_once(page, tool: str) -> None:
    root = widget(page, tool)
    assert root.count() == 1
    parts = [".pw-clear", ".pw-status", '.pw-sr[aria-live="polite"]']
    if tool == "letter":
        parts.append(".pw-row-add")  # the invoice rows' own button
    for part in parts:
        assert root.locator(part).count() == 1, f"{tool}: {part} mounted more than once"


def check_notice(page) -> None:
    root = widget(page, "notice")
    root.locator('[name="received"]').fill("2026-11-05")
    root.locator('[name="unit"]').select_option("days")
    root.locator('[name="period"]').fill("3")
    root.locator('[name="jurisdiction"]').select_option("pl")
    settle(lambda: read(page, "notice", READ_NOTICE)["end_date"], "2026-11-09")


def check_letter(page, client: str) -> None:
    fill_letter_basics(page, "en", client=client)
    until(lambda: client in (read(page, "letter", READ_LETTER)["text"] or ""),
          what="the letter to name the new client")


def check_checklist(page) -> None:
    root = widget(page, "checklist")
    before = read(page, "checklist", READ_CHECKLIST)
    box = root.locator('input[name="done"]:not(:checked)').first
    box.check()
    settle(lambda: read(page, "checklist", READ_CHECKLIST)["done"], before["done"] + 1)


def check_assess(page) -> None:
    root = widget(page, "assess")
    root.locator('input[name="illegal_request"]').check()
    expected = cli_json("assess", "--input", "-", stdin='{"illegal_request": true}')
    settle(lambda: read(page, "assess", READ_ASSESS)["verdict"], expected["verdict"])


def test_tools_survive_instant_navigation_with_one_worker(page):
    page.goto(page.base_url + TOOL_PAGES["notice"])
    wait_ready(page, "notice")
    marker = page.evaluate("window.__pwMarker = String(Math.random())")
    check_notice(page)

    click_nav(page, "letter")
    assert_same_document(page, marker)
    assert_mounted_once(page, "letter")
    check_letter(page, "Instant Navigation Ltd")

    click_nav(page, "checklist")
    assert_same_document(page, marker)
    assert_mounted_once(page, "checklist")
    check_checklist(page)

    click_nav(page, "assess")
    assert_same_document(page, marker)
    check_assess(page)

    # The browser's back button: Material swaps the previous page in again.
    page.go_back()
    page.wait_for_url(page.base_url + TOOL_PAGES["checklist"])
    wait_ready(page, "checklist")
    assert_same_document(page, marker)
    assert_mounted_once(page, "checklist")
    check_checklist(page)

    click_nav(page, "letter")
    assert_same_document(page, marker)
    assert_mounted_once(page, "letter")
    check_letter(page, "Second Visit Ltd")

    click_nav(page, "notice")
    assert_same_document(page, marker)
    assert_mounted_once(page, "notice")
    root = widget(page, "notice")
    root.locator('[name="period"]').fill("10")
    # One case: the letter's receipt date is the calculator's now.
    received = root.locator('[name="received"]').input_value()
    assert received == LETTER_BASICS["en"]["received"]
    expected = cli_json("notice", "--received", received, "--days", "10",
                        "--jurisdiction", "pl")
    settle(lambda: read(page, "notice", READ_NOTICE)["end_date"], expected["end_date"])

    assert page.evaluate("window.partways.workerCount()") == 1
    engine_workers = [url for url in page.watch.workers if url.endswith(WORKER_PATH)]
    assert len(engine_workers) == 1, engine_workers
