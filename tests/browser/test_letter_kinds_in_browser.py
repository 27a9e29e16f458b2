"""The kinds of letter on the letter page (issue 14 §3), in Chromium: choosing a kind gives
that kind's letter (its subject in each language, as the engine writes it), shows the fields
the kind uses and hides the others, and its draft passes the letter check; a demand without
invoices names them; without JavaScript the page shows a sample letter of each kind and
every field."""

from __future__ import annotations

import pytest

from browser_helpers import (
    LANGUAGES,
    LETTER_BASICS,
    engine_answer,
    fill_letter_basics,
    open_tool,
    page_path,
    until,
    widget,
)
from partways._i18n import choice_labels

pytestmark = pytest.mark.browser

INVOICE = {"invoices.0.number": "41", "invoices.0.amount": "1200.00",
           "invoices.0.currency": "EUR", "invoices.0.due": "2026-11-02"}
# The fields only some kinds use, and the kinds that use them.
KIND_FIELDS = {"received": {"notice", "agreement"}, "period": {"notice", "agreement"},
               "reason": {"notice", "agreement"}, "end_date": {"agreement"},
               "release": {"agreement"}, "bank_account": {"payment_demand"}}
SUBJECT_START = {
    ("en", "agreement"): "Proposal to end contract", ("en", "payment_demand"): "Letter before action",
    ("ru", "agreement"): "Предложение о расторжении договора",
    ("ru", "payment_demand"): "Досудебное требование об оплате задолженности",
    ("pl", "agreement"): "Propozycja rozwiązania umowy",
    ("pl", "payment_demand"): "Przedsądowe wezwanie do zapłaty",
}  # fmt: skip

# Enter the basics and an invoice without an event, then choose the kind as a reader does.
FILL = """
(root, values) => {
  const form = root.querySelector("form");
  for (const [name, value] of Object.entries(values)) form.elements.namedItem(name).value = value;
}
"""
READ = """
(root) => ({
  result: root.dataset.result || null,
  kind: root.dataset.kind || null,
  subject: root.querySelector(".pw-subject")?.textContent ?? null,
  text: root.querySelector("#pw-letter-draft")?.value ?? null,
  check_ok: root.querySelector(".pw-findings")?.dataset.ok ?? null,
})
"""


def enter(root, entries: dict[str, str]) -> None:
    """Type each entry as a reader does (the invoice row's cells one by one)."""
    root.evaluate(FILL, {k: v for k, v in entries.items() if not k.startswith("invoices.")})
    for name, value in entries.items():
        if name.startswith("invoices."):
            root.locator(f'form [name="{name}"]').fill(value)


def visible(root, name: str) -> bool:
    return root.locator(f'form [name="{name}"]').first.is_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_choosing_a_kind_writes_that_letter_and_shows_its_fields(page, lang):
    check_kinds(page, lang, ("agreement", "notice"), {})


@pytest.mark.parametrize("lang", LANGUAGES)
def test_choosing_a_payment_demand_writes_it_with_its_invoices(page, lang):
    check_kinds(page, lang, ("payment_demand",), INVOICE)


def check_kinds(page, lang, kinds, more):
    root = open_tool(page, "letter", lang)
    entries = {**LETTER_BASICS[lang], **more, "jurisdiction": "other"}
    enter(root, entries)
    for kind in kinds:
        # The previous kind's check has answered; only the new draft's check can mark it now.
        root.evaluate("(root) => { delete root.querySelector('.pw-findings')?.dataset.ok; }")
        root.locator('form [name="kind"]').select_option(kind)
        expected = engine_answer("letter", lang, {**entries, "kind": kind,
                                                  "reason": "specialization"})
        assert expected["ok"], expected
        subject = expected["result"]["subject"]
        shown = settle_subject(root, subject)
        assert shown.endswith(subject), (kind, shown, subject)
        if kind != "notice":
            assert subject.startswith(SUBJECT_START[(lang, kind)]), subject
        assert root.evaluate(READ)["kind"] == kind
        for name, kinds in KIND_FIELDS.items():
            assert visible(root, name) == (kind in kinds), (kind, name)
        # The kind's own draft passes the check (a demand is not asked for a handover).
        check = settle_check(root)
        assert check == "true", (kind, root.locator(".pw-findings").inner_text())


def settle_subject(root, subject: str) -> str:
    until(lambda: (root.evaluate(READ)["subject"] or "").endswith(subject),
          what=f"the subject {subject!r}")
    return root.evaluate(READ)["subject"]


def settle_check(root) -> str:
    return until(lambda: root.evaluate(READ)["check_ok"], what="the letter check")


def test_a_demand_without_invoices_names_the_missing_field(page):
    root = open_tool(page, "letter", "en")
    fill_letter_basics(page, "en")
    root.locator('form [name="kind"]').select_option("payment_demand")
    # The notice's draft is now out of date, and the reason named is the invoices alone.
    problems = root.locator(".pw-stale:not([hidden]) li")
    listed = until(lambda: problems.all_inner_texts(), what="the demand's problem")
    assert listed == ["Unpaid invoices: this field is required."]
    assert root.get_attribute("data-outputs") == "off"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_the_page_shows_a_sample_of_each_kind(new_page, lang):
    tab = new_page(java_script_enabled=False)
    tab.goto(tab.base_url + page_path(lang, "letter"))
    names = choice_labels(lang, "kind")
    for kind, start in (("agreement", SUBJECT_START[(lang, "agreement")]),
                        ("payment_demand", None)):
        figure = tab.locator(f'figure.pw-sample[data-sample="{kind}"]')
        assert figure.is_visible()
        assert figure.locator("figcaption").inner_text().count(names[kind]) == 1
        if start:
            assert start in figure.locator("pre").inner_text()
    # Without the script every field stays in view, whichever kind it serves.
    form = widget(tab, "letter")
    for name in KIND_FIELDS:
        assert form.locator(f'form [name="{name}"]').first.is_visible(), name
