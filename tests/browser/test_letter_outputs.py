"""The letter composer's outputs never mislead (issue 13 §4), in Chromium:

* a first visit shows empty fields with examples as placeholders, in the page's language,
  and says what the letter still needs, naming no one; "Clear my entries" empties them;
* while a field has an error, or the engine has not answered the latest entries, the draft
  is marked out of date and copy, downloads, the mail link and print are off, with the
  reason beside them; fixing the error brings them back;
* the downloaded .eml is a draft to send (X-Unsent: 1, no invented address, no empty group,
  the letter's date, subject and body), also for an edited draft; when the engine cannot
  make it, the reason is shown and nothing is downloaded;
* the downloaded .docx opens with python-docx and carries the subject and the end date;
* the printed page (Chromium's PDF of the print media) is one A4 page in en, ru and pl: the
  sender, the addressee, the subject and the signature, none of the site around them;
* the mail link carries the whole letter only when it fits, and says so when it does not;
* invoice rows are added and removed by keyboard, announced, and travel as the engine's
  list; an error in a row is shown at that row's field.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import re
import tomllib
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import docx
import pytest
from pypdf import PdfReader

from browser_helpers import (
    LANGUAGES,
    LETTER_BASICS,
    READ_ERRORS,
    READ_LETTER,
    ROOT,
    case_values,
    engine_answer,
    fill_letter_basics,
    labels,
    open_tool,
    page_path,
    read,
    set_fields,
    settle,
    stored,
    until,
    widget,
)
from partways._i18n import field_label
from partways._inflect import format_date

pytestmark = pytest.mark.browser

UI = tomllib.loads((ROOT / "macros" / "ui.toml").read_text(encoding="utf-8"))
SAMPLES = tomllib.loads((ROOT / "macros" / "samples.toml").read_text(encoding="utf-8"))
REQUIRED = ("client", "contact", "sender", "company", "contract")  # received: the letter date
# Every output control of the draft, by its label's key in live.toml.
OUTPUT_BUTTONS = ("copy", "download_txt", "download_md", "download_eml", "download_docx", "print")
NAV_LABELS = {  # the site's navigation, in each edition (mkdocs.yml nav_translations)
    "en": ("Readiness checklist", "Notice dates", "Security and privacy"),
    "ru": ("Чек-лист готовности", "Сроки уведомления", "Безопасность и приватность"),
    "pl": ("Lista kontrolna", "Terminy wypowiedzenia", "Bezpieczeństwo i prywatność"),
}
A4_POINTS = (595.28, 841.89)
# A typical letter (14 days, specialization, the default offers) with the details a formal
# letter carries.
FORMAL = {
    "en": {"signatory_title": "Managing Director", "sender_address": "4 Mill Lane\nLeeds LS1 5AB",
           "client_address": "12 Harbour Street\nBristol BS1 4RN", "place": "Leeds"},
    "ru": {"signatory_title": "Генеральный директор",
           "sender_address": "ул. Пушкина, д. 10\nг. Санкт-Петербург, 191186",
           "client_address": "ул. Ленина, д. 1\nг. Москва, 125009", "place": "г. Москва"},
    "pl": {"signatory_title": "Prezes Zarządu", "sender_address": "ul. Kwiatowa 10\n30-001 Kraków",
           "client_address": "ul. Długa 5\n00-238 Warszawa", "place": "Kraków"},
}  # fmt: skip

READ_OUTPUTS = """
(root) => {
  const note = root.querySelector("#pw-letter-actions-note");
  const buttons = [...root.querySelectorAll(".pw-actions button")];
  const mail = root.querySelector(".pw-actions a");
  return {
    outputs: root.dataset.outputs || null,
    disabled: buttons.map((b) => b.getAttribute("aria-disabled") === "true"),
    described: buttons.map((b) => b.getAttribute("aria-describedby")),
    mail_href: mail.getAttribute("href"),
    mail_disabled: mail.getAttribute("aria-disabled") === "true",
    mail_described: mail.getAttribute("aria-describedby"),
    note: note ? note.textContent : null,
    stale: root.querySelector(".pw-stale:not([hidden])")?.textContent ?? null,
    print_off: Boolean(root.querySelector(".pw-print-frame .pw-print-off")),
  };
}
"""

# Change one field and read the outputs at once, in the same task as the input event:
# before the engine can have answered the new entries.
CHANGE_AND_READ = (
    """
(root, [name, value]) => {
  const field = root.querySelector(`form [name="${name}"]`);
  field.value = value;
  field.dispatchEvent(new Event("input", { bubbles: true }));
  return ("""
    + READ_OUTPUTS
    + """)(root);
}
"""
)


def outputs(page) -> dict:
    return read(page, "letter", READ_OUTPUTS)


def announced(page) -> str:
    return widget(page, "letter").locator('.pw-sr[aria-live="polite"]').text_content()


def text_fields(root) -> dict[str, str]:
    return root.evaluate("""(root) => Object.fromEntries(
      [...root.querySelectorAll("form input:not([type=checkbox]), form textarea")]
        .map((field) => [field.name, field.value]))""")


def download(page, label: str) -> Path:
    with page.expect_download() as info:
        widget(page, "letter").get_by_role("button", name=label, exact=True).click()
    return Path(info.value.path())


def printed(page) -> PdfReader:
    """Chromium's PDF of the page's print media, at the page size its CSS asks for."""
    page.emulate_media(media="print")
    try:
        pdf = page.pdf(prefer_css_page_size=True, print_background=False)
    finally:
        page.emulate_media(media="screen")
    return PdfReader(io.BytesIO(pdf))


def open_letter(page, lang: str = "en"):
    return open_tool(page, "letter", lang)


# --- a first visit: nobody is invented ---------------------------------------------------------


def sample_names(lang: str) -> list[str]:
    """Names a prefilled form would have shown: the examples and the sample letters' people."""
    examples = UI[lang]["placeholders"]
    sample = SAMPLES["letter"][lang]
    return [examples[name] for name in ("client", "contact", "sender", "company")] + [
        sample[name] for name in ("client", "contact", "sender", "company")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_first_visit_has_empty_fields_with_examples_and_names_no_one(page, site_dir, lang):
    # The built page itself: no value in any text field, and no letter in the tool's output.
    html = (site_dir / page_path(lang, "letter") / "index.html").read_text(encoding="utf-8")
    form_html = html[html.index('data-widget="letter"'):html.index("pw-static-note")]
    text_inputs = [tag for tag in re.findall(r"<input [^>]*>", form_html)
                   if 'type="checkbox"' not in tag]
    assert len(text_inputs) >= 20 and not [tag for tag in text_inputs if "value=" in tag]
    assert re.findall(r"<textarea [^>]*>([^<]*)</textarea>", form_html) == [""] * 3

    root = open_letter(page, lang)
    words = labels(page, "letter")
    assert root.get_attribute("data-result") == "error"
    assert set(text_fields(root).values()) == {""}
    examples = UI[lang]["placeholders"]
    for name in ("client", "contact", "sender", "company", "contract", "signatory_title"):
        assert root.locator(f'form [name="{name}"]').get_attribute("placeholder") == examples[name]
    assert root.locator('form [name="period"]').get_attribute("placeholder") == "14"

    output = root.locator("[data-output]")
    shown = output.inner_text()
    assert words["missing_title"] in shown
    listed = output.locator(".pw-missing button.pw-link").all_inner_texts()
    assert sorted(listed) == sorted(field_label(lang, name) for name in (*REQUIRED, "period"))
    assert root.locator("#pw-letter-draft").count() == 0
    for name in sample_names(lang):
        assert name not in shown, name
    # An untouched empty field is listed, not marked as an error at the field.
    assert root.evaluate(READ_ERRORS) == {}
    # The sample letters further down stay, each labelled as an example.
    labels_shown = page.locator("figure.pw-sample figcaption strong").all_inner_texts()
    assert labels_shown == [f"{UI[lang]['sample_label']}."] * 6  # four notices, two other kinds


def test_a_missing_field_in_the_list_takes_the_reader_to_it(page):
    root = open_letter(page)
    root.locator(".pw-missing button.pw-link", has_text=field_label("en", "contract")).click()
    assert page.evaluate("document.activeElement.name") == "contract"
    root.locator(".pw-missing button.pw-link", has_text=field_label("en", "period")).click()
    assert page.evaluate("document.activeElement.name") == "period"


def test_clear_empties_every_entry_and_the_draft_goes_with_them(page):
    root = open_letter(page)
    fill_letter_basics(page, "en", contact_email="robin@harbour.example")
    root.locator("#pw-letter-draft").fill("My own words.")
    assert stored(page, "letter")["client"] == LETTER_BASICS["en"]["client"]

    root.get_by_role("button", name=labels(page, "letter")["clear"]).click()
    until(lambda: root.locator(".pw-missing").count() == 1, what="what the letter needs")
    assert set(text_fields(root).values()) == {""}
    assert root.locator("#pw-letter-draft").count() == 0
    assert "body" not in (case_values(page) or {})
    assert LETTER_BASICS["en"]["client"] not in root.locator("[data-output]").inner_text()
    until(lambda: "client" not in (stored(page, "letter") or {}), what="saved entries gone")


# --- no stale draft ----------------------------------------------------------------------------


def test_an_error_turns_every_output_off_with_its_reason_until_it_is_fixed(page):
    root = open_letter(page)
    words = labels(page, "letter")
    fill_letter_basics(page, "en", contact_email="robin@harbour.example")
    before = outputs(page)
    assert before["outputs"] == "on" and not any(before["disabled"])
    assert before["mail_href"].startswith("mailto:robin@harbour.example?")
    assert not before["print_off"] and before["stale"] is None
    assert words["outputs_hint"] in before["note"]
    downloads = []
    page.on("download", lambda item: downloads.append(item))

    set_fields(page, "letter", {"contact_email": "robin at harbour"})
    assert root.get_attribute("data-result") == "error"
    off = outputs(page)
    email_label = field_label("en", "contact_email")
    assert off["outputs"] == "off"
    assert off["disabled"] == [True] * len(OUTPUT_BUTTONS)
    assert off["described"] == ["pw-letter-actions-note"] * len(OUTPUT_BUTTONS)
    assert off["mail_href"] is None and off["mail_disabled"]
    assert off["mail_described"] == "pw-letter-actions-note"
    assert off["note"] == words["outputs_off_errors"].format(fields=email_label)
    assert words["stale_title"] in off["stale"] and email_label in off["stale"]
    assert off["print_off"]
    assert root.locator("#pw-letter-draft").get_attribute("aria-describedby") == "pw-letter-stale"
    assert list(root.evaluate(READ_ERRORS)) == ["contact_email"]
    # Pressed while off, an output says why, and makes nothing.
    root.get_by_role("button", name=words["download_txt"], exact=True).focus()
    page.keyboard.press("Enter")
    until(lambda: announced(page) == off["note"], what="the reason to be said")
    # Printed now, the page says the draft is out of date, and why, instead of the letter.
    pdf = printed(page)
    text = " ".join(pdf.pages[0].extract_text().split())
    assert len(pdf.pages) == 1
    assert words["stale_title"] in text and email_label in text
    assert read(page, "letter", READ_LETTER)["subject"].split(": ", 1)[1] not in text

    set_fields(page, "letter", {"contact_email": "robin@harbour.example"})
    assert root.get_attribute("data-result") == "ok"
    assert outputs(page) == before
    path = download(page, words["download_txt"])
    assert len(downloads) == 1  # the click while off made none
    assert path.read_text(encoding="utf-8") == read(page, "letter", READ_LETTER)["text"]


def test_outputs_are_off_until_the_engine_has_answered_the_latest_entries(page):
    root = open_letter(page)
    words = labels(page, "letter")
    fill_letter_basics(page, "en")
    assert outputs(page)["outputs"] == "on"
    root.evaluate("(root) => root.removeAttribute('data-result')")
    changed = root.evaluate(CHANGE_AND_READ, ["client", "Lighthouse Keepers Ltd"])
    assert changed["outputs"] == "off" and all(changed["disabled"])
    assert changed["note"] == words["outputs_off_pending"]
    page.wait_for_selector('.pw-widget[data-widget="letter"][data-result="ok"]')
    until(lambda: "Lighthouse Keepers Ltd" in read(page, "letter", READ_LETTER)["text"])
    assert outputs(page)["outputs"] == "on"


# --- .eml ---------------------------------------------------------------------------------------


def parse_eml(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def body_of(message) -> str:
    return message.get_content().replace("\r\n", "\n").rstrip("\n")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_downloaded_eml_is_a_draft_to_send(page, lang):
    open_letter(page, lang)
    words = labels(page, "letter")
    fill_letter_basics(page, lang, contact_email="client@harbour.example",
                       letter_date="2026-11-27")
    shown = read(page, "letter", READ_LETTER)
    path = download(page, words["download_eml"])
    assert path.name and path.stat().st_size > 0
    raw = path.read_bytes()
    message = parse_eml(path)
    assert message["X-Unsent"] == "1"
    assert "From" not in message  # no sender address given: none invented
    assert [a.addr_spec for a in message["To"].addresses] == ["client@harbour.example"]
    assert b".invalid" not in raw and b":;" not in raw.split(b"\r\n\r\n")[0]
    assert message["Date"].datetime.date() == dt.date(2026, 11, 27)
    assert shown["subject"].endswith(message["Subject"])
    assert body_of(message) == shown["text"]
    expected = engine_answer("letter", lang, stored(page, "letter"))["result"]
    assert raw.decode() == expected["eml"]


def test_edited_draft_downloads_as_eml_with_its_headers(page):
    root = open_letter(page)
    words = labels(page, "letter")
    fill_letter_basics(page, "en", sender_email="casey@brook.example")
    edited = "Dear Robin,\n\nOur contract ends on 15 December 2026.\n\nCasey Brook"
    root.locator("#pw-letter-draft").fill(edited)
    message = parse_eml(download(page, words["download_eml"]))
    assert message["X-Unsent"] == "1"
    assert [a.addr_spec for a in message["From"].addresses] == ["casey@brook.example"]
    assert "To" not in message
    assert message["Subject"] and body_of(message) == edited


def test_an_eml_the_engine_cannot_make_is_not_downloaded_and_the_button_says_why(page):
    root = open_letter(page)
    words = labels(page, "letter")
    fill_letter_basics(page, "en")
    downloads = []
    page.on("download", lambda item: downloads.append(item))
    root.locator("#pw-letter-draft").fill("x" * 20001)  # longer than a letter may be
    root.get_by_role("button", name=words["download_eml"], exact=True).click()
    note = root.locator("#pw-letter-actions-note .pw-file-problem")
    until(lambda: note.count() == 1, what="the reason next to the buttons")
    expected = engine_answer("letter", "en", {**stored(page, "letter"), "body": "x" * 20001})
    reason = " ".join(error["message"] for error in expected["errors"])
    assert note.text_content() == words["file_failed"].format(format=".eml", reason=reason)
    assert announced(page) == note.text_content()
    root.locator("#pw-letter-draft").fill("Short again.")
    download(page, words["download_txt"])
    assert [d.suggested_filename for d in downloads] == [f"{words['file_name']}.txt"]


# --- .docx --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_downloaded_docx_opens_and_holds_the_subject_and_the_end_date(page, lang):
    open_letter(page, lang)
    words = labels(page, "letter")
    fill_letter_basics(page, lang, **FORMAL[lang])
    path = download(page, words["download_docx"])
    assert path.read_bytes().startswith(b"PK\x03\x04")
    document = docx.Document(str(path))
    texts = [paragraph.text for paragraph in document.paragraphs]
    letter = engine_answer("letter", lang, stored(page, "letter"))["result"]
    subject = next(p for p in document.paragraphs if p.text == letter["layout"]["subject"])
    assert all(run.bold for run in subject.runs)
    end_date = format_date(dt.date.fromisoformat(letter["end_date"]), lang)
    assert any(end_date in text for text in texts)
    assert any(FORMAL[lang]["signatory_title"] in text for text in texts)
    assert round(document.sections[0].page_width.mm) == 210


def test_edited_draft_downloads_as_docx_of_its_text(page):
    root = open_letter(page)
    words = labels(page, "letter")
    fill_letter_basics(page, "en")
    root.locator("#pw-letter-draft").fill("Dear Robin,\n\nIt ends on 15 December 2026.\n\nCasey")
    document = docx.Document(str(download(page, words["download_docx"])))
    assert [p.text for p in document.paragraphs] == [
        "Dear Robin,", "It ends on 15 December 2026.", "Casey"]


# --- print ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_printed_letter_is_one_a4_page_without_the_site(page, lang):
    open_letter(page, lang)
    fill_letter_basics(page, lang, **FORMAL[lang])
    letter = engine_answer("letter", lang, stored(page, "letter"))["result"]
    pdf = printed(page)
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4_POINTS, abs=1.5)
    text = pdf.pages[0].extract_text()
    flat = " ".join(text.split())
    basics, layout = LETTER_BASICS[lang], letter["layout"]
    # Every line of the letter's blocks as the engine lays them out (a Russian letter names
    # the contact in the dative and signs with initials).
    for part in (*layout["sender"], *layout["recipient"], layout["subject"],
                 *layout["signature"], FORMAL[lang]["signatory_title"]):
        assert " ".join(part.split()) in flat, part
    words = labels(page, "letter")
    for chrome in (*NAV_LABELS[lang], words["download_txt"], words["clear"],
                   field_label(lang, "client")):
        assert chrome not in text, chrome
    # The order of a business letter: sender, addressee, subject, signature.
    positions = [flat.index(" ".join(part.split())) for part in (
        FORMAL[lang]["sender_address"].splitlines()[0], basics["client"], letter["subject"],
        FORMAL[lang]["signatory_title"])]
    assert positions == sorted(positions)


def test_an_edited_letter_prints_as_written_on_one_page(page):
    root = open_letter(page)
    fill_letter_basics(page, "en")
    edited = "Dear Robin,\n\n    Indented line kept.\nOur contract ends on 15 December 2026.\n\nCasey"
    root.locator("#pw-letter-draft").fill(edited)
    pdf = printed(page)
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "Our contract ends on 15 December 2026." in text and "Indented line kept." in text
    assert LETTER_BASICS["en"]["company"] not in text  # the draft's own text is not printed


# --- the mail link ------------------------------------------------------------------------------


def mail_query(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def test_the_mail_link_carries_the_letter_when_it_fits_and_says_so_when_not(page):
    root = open_letter(page)
    words = labels(page, "letter")
    fill_letter_basics(page, "en", contact_email="robin@harbour.example")
    root.locator("#pw-letter-draft").fill("Dear Robin,\n\nOur contract ends on 15 December 2026.")
    short = outputs(page)
    query = mail_query(short["mail_href"])
    assert query["body"] == [read(page, "letter", READ_LETTER)["text"]]
    assert unquote(urlsplit(short["mail_href"]).path) == "robin@harbour.example"
    assert "pw-mail-note" not in root.locator("#pw-letter-actions-note").inner_html()

    long_text = "Dear Robin,\n\n" + "Our contract ends on 15 December 2026. " * 80
    root.locator("#pw-letter-draft").fill(long_text)
    long = outputs(page)
    assert "body" not in mail_query(long["mail_href"])
    assert mail_query(long["mail_href"])["subject"]
    note = root.locator("#pw-letter-actions-note .pw-mail-note").text_content()
    assert note.startswith(words["mail_too_long"].split("(")[0])
    # Following the link copies the letter, to paste into the message it opens.
    page.evaluate("""() => document.addEventListener("click", (event) => {
      if (event.target.closest("a[href^='mailto:']")) event.preventDefault(); }, true)""")
    root.get_by_role("link", name=words["open_mail"]).click()
    until(lambda: announced(page) == words["mail_copied"], what="the copy to be said")
    assert page.evaluate("navigator.clipboard.readText()") == long_text


# --- invoice rows ---------------------------------------------------------------------------------


def test_invoice_rows_are_added_and_removed_by_keyboard_and_travel_as_a_list(page):
    root = open_letter(page)
    words = labels(page, "letter")
    fill_letter_basics(page, "en", reason="unpaid_invoices")
    root.locator('[name="invoices.0.number"]').fill("INV-1")
    root.locator('[name="invoices.0.amount"]').fill("1200.00")

    add = root.get_by_role("button", name=words["add_invoice"])
    add.focus()
    page.keyboard.press("Enter")
    until(lambda: announced(page).startswith(words["invoice_added"].format(n=2)))
    assert page.evaluate("document.activeElement.name") == "invoices.1.number"
    page.keyboard.type("INV-2")
    page.keyboard.press("Tab")
    page.keyboard.type("abc")  # not an amount
    until(lambda: "invoices.1.amount" in root.evaluate(READ_ERRORS), what="the row's error")
    message = root.evaluate(READ_ERRORS)["invoices.1.amount"]
    assert message.startswith(field_label("en", "invoices.1.amount") + ":")
    assert root.get_attribute("data-outputs") == "off"

    # Remove the first row with the keyboard: the second becomes the first, names and all.
    remove = root.get_by_role("button", name=words["remove_invoice"].format(n=1))
    remove.focus()
    page.keyboard.press("Enter")
    until(lambda: announced(page).startswith(words["invoice_removed"].format(n=1)))
    assert root.locator("[data-rows] > li").count() == 1
    assert root.locator('[name="invoices.0.number"]').input_value() == "INV-2"
    assert page.evaluate("document.activeElement.name") == "invoices.0.number"
    until(lambda: "invoices.0.amount" in root.evaluate(READ_ERRORS), what="the error to move")
    root.locator('[name="invoices.0.amount"]').fill("950,50")
    root.locator('[name="invoices.0.currency"]').fill("eur")
    page.wait_for_selector('.pw-widget[data-widget="letter"][data-result="ok"]')
    saved = stored(page, "letter")["invoices"]
    assert [row["number"] for row in saved] == ["INV-2"]


def test_invoice_rows_come_back_after_a_reload(page):
    root = open_letter(page)
    words = labels(page, "letter")
    fill_letter_basics(page, "en", reason="unpaid_invoices")
    root.get_by_role("button", name=words["add_invoice"]).click()
    root.get_by_role("button", name=words["add_invoice"]).click()
    root.locator('[name="invoices.2.number"]').fill("INV-3")
    root.locator('[name="invoices.2.amount"]').fill("10")
    # The blank rows before a filled one stay on the form, and out of the letter; the
    # filled row lacks its currency, which the draft's out-of-date notice lists (untouched,
    # so not marked at the field).
    stale_fields = root.locator(".pw-stale button.pw-link")
    settle(lambda: set(stale_fields.evaluate_all("(b) => b.map((x) => x.dataset.field)")),
           {"invoices.2.currency"})
    root = open_letter(page)  # the page again, from the saved entries
    assert root.locator("[data-rows] > li").count() == 3
    assert root.locator('[name="invoices.2.number"]').input_value() == "INV-3"
    legends = root.locator("[data-rows] legend").all_inner_texts()
    assert legends == [UI["en"]["invoice_row"].format(n=n) for n in (1, 2, 3)]
    settle(lambda: root.locator(".pw-row-remove").all_inner_texts(),
           [words["remove_invoice"].format(n=n) for n in (1, 2, 3)])
