"""The hostile-input corpus through every text field of the live tools, and Material's search
box: no script runs, no element or request is smuggled in, the text comes back as text and
every .eml has exactly the headers it should.

The pages are opened with the Content-Security-Policy bypassed: the policy would block most
of these payloads anyway, and the point is that the page's own code never turns text into
markup. Each answer is compared with the engine's answer for the same entries, computed here
under CPython: the page shows what the engine wrote, character for character.
"""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

import pytest

from browser_helpers import (
    READ_ERRORS,
    READ_LETTER,
    engine_answer,
    fill_letter_basics,
    labels,
    page_path,
    read,
    set_fields,
    stored,
    until,
    wait_ready,
    widget,
)

pytestmark = pytest.mark.browser

PAYLOADS = json.loads((Path(__file__).parents[1] / "data" / "hostile_inputs.json").read_text())
TEXT_FIELDS = ("client", "contact", "sender", "company", "contract", "partner")
EMAIL_FIELDS = ("contact_email", "sender_email")
EML_HEADERS = ["Subject", "Date", "X-Unsent", "Content-Type", "Content-Transfer-Encoding",
               "MIME-Version"]  # fmt: skip

# Anything a payload could smuggle into the page; counted before and after each payload.
SMUGGLED = {
    "script": "script", "iframe": "iframe", "object": "object, embed", "base": "base",
    "meta refresh": "meta[http-equiv]", "stylesheet": "style, link[rel~=stylesheet]",
    "media": "img, video, audio, source", "svg or math": "svg, math", "details": "details",
    "handler": "[onerror], [onload], [onmouseover], [onfocus], [ontoggle], [onclick]",
    "javascript link": 'a[href^="javascript" i], [src^="javascript" i], [data^="javascript" i]',
    "input": "input:not(form input):not(.md-search input):not(.md-header input)",
    "textarea": "textarea",
}  # fmt: skip
COUNT_SMUGGLED = """
(selectors) => Object.fromEntries(Object.entries(selectors).map(
  ([name, selector]) => [name, document.querySelectorAll(selector).length]))
"""
# Anything that would show a dialog is recorded instead (Playwright also reports dialogs).
TRAP_DIALOGS = """
window.__dialogs = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (...args) => { window.__dialogs.push([name, ...args.map(String)]); };
}
"""


@pytest.fixture
def hostile_page(new_page):
    page = new_page(bypass_csp=True)
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(TRAP_DIALOGS)
    yield page
    assert page.dialogs == [] and page.evaluate("window.__dialogs") == []


def no_script_ran(page, baseline: dict[str, int], payload: str) -> None:
    assert page.dialogs == [], payload
    assert page.evaluate("window.__dialogs") == [], payload
    assert page.evaluate(COUNT_SMUGGLED, SMUGGLED) == baseline, payload
    assert not page.watch.page_errors and not page.watch.console_errors, payload


def submit(page, values: dict[str, str]) -> dict:
    set_fields(page, "letter", values)
    return engine_answer("letter", "en", stored(page, "letter"))


def download_eml(page) -> tuple[email.message.EmailMessage, str]:
    """The letter's .eml as the reader downloads it: parsed, and as text."""
    with page.expect_download() as info:
        page.get_by_role("button", name="Download .eml").click()
    raw = Path(info.value.path()).read_bytes()
    return email.message_from_bytes(raw, policy=email.policy.default), raw.decode()


def eml_headers(eml: str) -> list[str]:
    """The headers a draft has: From and To only with the addresses given."""
    message = email.message_from_string(eml, policy=email.policy.default)
    given = [name for name in ("From", "To") if name in message]
    return given + EML_HEADERS


def open_letter(page) -> dict[str, int]:
    page.goto(page.base_url + page_path("en", "letter"))
    wait_ready(page, "letter")
    fill_letter_basics(page, "en", partner="Bright Pixel Ltd")
    page.locator('[name="options"][value="referral"]').check()  # so the partner is written
    until(lambda: "referral" in (stored(page, "letter") or {}).get("options", []))
    page.wait_for_selector('.pw-widget[data-widget="letter"][data-outputs="on"]')
    return page.evaluate(COUNT_SMUGGLED, SMUGGLED)


def test_payloads_in_the_letters_text_fields_come_back_as_text(hostile_page):
    page = hostile_page
    baseline = open_letter(page)
    accepted = refused = 0
    for payload in PAYLOADS:
        expected = submit(page, dict.fromkeys(TEXT_FIELDS, payload))
        no_script_ran(page, baseline, payload)
        root = widget(page, "letter")
        if not expected["ok"]:
            refused += 1
            wanted = {error["field"]: error["message"] for error in expected["errors"]}
            assert root.evaluate(READ_ERRORS) == wanted, payload
            assert root.get_attribute("data-result") == "error"
            continue
        accepted += 1
        letter = expected["result"]
        shown = read(page, "letter", READ_LETTER)
        assert shown["text"] == letter["text"], payload
        assert shown["subject"] == f"Subject: {letter['subject']}", payload
        message, raw = download_eml(page)
        assert list(message.keys()) == EML_HEADERS, payload
        assert raw == letter["eml"], payload
    # Both paths were taken: control characters and over-long text are refused at the field.
    assert accepted >= 50 and refused >= 1, (accepted, refused)


def test_payloads_in_the_email_fields_are_refused_or_kept_as_addresses(hostile_page):
    page = hostile_page
    baseline = open_letter(page)
    for payload in PAYLOADS:
        expected = submit(page, dict.fromkeys(EMAIL_FIELDS, payload))
        no_script_ran(page, baseline, payload)
        root = widget(page, "letter")
        if expected["ok"]:
            message, raw = download_eml(page)
            assert list(message.keys()) == eml_headers(expected["result"]["eml"]), payload
            assert raw == expected["result"]["eml"], payload
        else:
            wanted = {error["field"]: error["message"] for error in expected["errors"]}
            assert set(wanted) <= set(EMAIL_FIELDS), payload
            assert root.evaluate(READ_ERRORS) == wanted, payload


def test_payloads_in_the_edited_draft_stay_text_in_every_output(hostile_page):
    page = hostile_page
    baseline = open_letter(page)
    draft = page.locator("#pw-letter-draft")
    findings = page.locator(".pw-findings")
    for payload in PAYLOADS:
        findings.evaluate("(node) => node.replaceChildren()")
        draft.fill(payload)
        until(lambda: findings.evaluate("(node) => node.childElementCount"), what="the check")
        no_script_ran(page, baseline, payload)
        # The printed letter is the reader's text, as text.
        assert page.locator(".pw-print-frame .pw-print-text").text_content() == draft.input_value()
        href = page.locator(".pw-letter-live a[href^='mailto:']").get_attribute("href")
        assert href.startswith("mailto:") and "\n" not in href and "<" not in href, payload
        expected = engine_answer("letter", "en", {**stored(page, "letter"), "body": draft.input_value()})
        if expected["ok"]:
            message, raw = download_eml(page)
            assert list(message.keys()) == EML_HEADERS, payload
            assert raw == expected["result"]["eml"], payload
        else:  # a body the engine refuses makes no .eml: the reason is shown instead
            reason = " ".join(error["message"] for error in expected["errors"])
            words = labels(page, "letter")
            page.get_by_role("button", name="Download .eml").click()
            problem = page.locator("#pw-letter-actions-note .pw-file-problem")
            until(problem.count, what="the reason the .eml cannot be made")
            assert problem.text_content() == words["file_failed"].format(format=".eml",
                                                                          reason=reason), payload


def test_payloads_in_the_search_box_find_text_and_run_nothing(hostile_page):
    page = hostile_page
    page.goto(page.base_url)
    baseline = page.evaluate(COUNT_SMUGGLED, SMUGGLED)
    page.keyboard.press("/")  # Material's shortcut to the search box
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    for payload in PAYLOADS:
        box.fill(payload)
        until(lambda: meta.is_visible() and meta.text_content().strip(), what="search")
        no_script_ran(page, baseline, payload)
