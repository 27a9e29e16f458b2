"""The details a real letter carries (addresses, invoices, delivery, place and date) and their
validation; the letter's layout, from which its text and Markdown are rendered."""

from __future__ import annotations

import json

import markdown
import pytest

from partways import ValidationError, compose_letter, handle_request
from partways._letter import render_text

NBSP = "\u00a0"
BASE = {
    "client": "Acme Ltd", "contact": "Jane Doe", "sender": "Ola Nowak", "company": "Studio North",
    "contract": "12/2026", "letter_date": "2026-12-01", "days": 14, "reason": "unpaid_invoices",
}  # fmt: skip
INVOICES = [
    {"number": "INV-41", "amount": "1234.50", "currency": "GBP", "due": "2026-11-10"},
    {"number": "No. 45", "amount": "100", "currency": "gbp"},
    {"number": "46", "amount": "12000", "currency": "EUR", "due": "2026-11-20"},
]


def letter(**changes):
    return compose_letter({**BASE, **changes})


def errors_of(lang="en", **changes):
    with pytest.raises(ValidationError) as caught:
        letter(lang=lang, **changes)
    return {(e["field"], e["code"]): e["message"] for e in caught.value.to_list(lang)}


def test_invoices_are_listed_with_totals_per_currency_and_the_payment_demand():
    made = letter(invoices=INVOICES, pay_by="2026-12-08")
    (listed,) = [block for block in made.layout["body"] if block["kind"] == "list"]
    assert listed["items"] == [
        f"invoice No.{NBSP}INV-41 for £1,234.50, due 10 November 2026;",
        f"invoice No.{NBSP}45 for £100.00;",
        f"invoice No.{NBSP}46 for €12,000.00, due 20 November 2026.",
    ]
    assert "The total outstanding is £1,334.50 and €12,000.00. Please pay in full by 8 December 2026." in made.text  # noqa: E501
    assert made.subject.endswith("and demand for payment")
    assert any("£1,334.50 and €12,000.00" in point for point in made.talking_points)
    without_deadline = letter(invoices=INVOICES[:1])
    assert "Please pay in full without delay." in without_deadline.text


@pytest.mark.parametrize(
    ("lang", "item", "total"),
    [
        ("ru", f"счёт №{NBSP}INV-41 на сумму 1{NBSP}234,50{NBSP}£, срок оплаты — 10 ноября 2026 г.;",
         f"Общая сумма задолженности составляет 1{NBSP}334,50{NBSP}£ и 12{NBSP}000,00{NBSP}€."),
        ("pl", f"faktura nr{NBSP}INV-41 na kwotę 1234,50{NBSP}GBP, termin płatności: 10 listopada 2026 r.;",
         f"Łączna kwota zaległości wynosi 1334,50{NBSP}GBP oraz 12{NBSP}000,00{NBSP}€."),
    ],
)  # fmt: skip
def test_invoices_read_in_the_letters_language(lang, item, total):
    made = letter(lang=lang, invoices=INVOICES)
    (listed,) = [block for block in made.layout["body"] if block["kind"] == "list"]
    assert listed["items"][0] == item
    assert total in made.text


def test_invoices_from_dotted_form_fields_and_blank_rows_skipped():
    fields = {
        "invoices.0.number": "41", "invoices.0.amount": "10,50", "invoices.0.currency": "EUR",
        "invoices.0.due": "", "invoices.1.number": "", "invoices.1.amount": "",
        "invoices.1.currency": "", "invoices.1.due": "",
        "invoices.2.number": "43", "invoices.2.amount": "5", "invoices.2.currency": "EUR",
    }  # fmt: skip
    made = letter(**fields)
    (listed,) = [block for block in made.layout["body"] if block["kind"] == "list"]
    assert listed["items"] == [f"invoice No.{NBSP}41 for €10.50;", f"invoice No.{NBSP}43 for €5.00."]
    assert "The total outstanding is €15.50." in made.text


@pytest.mark.parametrize(
    ("lang", "label"),
    [("en", "Invoice 2 — amount"), ("ru", "Счёт 2 — сумма"), ("pl", "Faktura 2 — kwota")],
)
def test_invoice_errors_name_the_dotted_field_in_the_readers_language(lang, label):
    errors = errors_of(lang, invoices=[INVOICES[0], {**INVOICES[1], "amount": "1,200.00"},
                                       {"number": "", "amount": "0", "currency": "XYZ"}])  # fmt: skip
    assert errors[("invoices.1.amount", "not_an_amount")].startswith(label + ": ")
    assert "1,200.00" in errors[("invoices.1.amount", "not_an_amount")]
    assert ("invoices.2.number", "required") in errors
    assert ("invoices.2.amount", "too_small") in errors
    assert "EUR, USD, GBP, PLN, RUB" in errors[("invoices.2.currency", "not_a_currency")]


def test_bad_invoice_shapes_are_reported_not_crashed_on():
    assert ("invoices", "not_a_list_of_entries") in errors_of(invoices="41:100:GBP")
    assert ("invoices.0", "not_an_entry") in errors_of(invoices=["41"])
    assert ("invoices.0.colour", "unknown_field") in errors_of(
        invoices=[{**INVOICES[0], "colour": "red"}]
    )
    assert ("invoices", "too_many") in errors_of(invoices=[INVOICES[0]] * 21)
    assert ("invoices.0.amount", "too_large") in errors_of(
        invoices=[{**INVOICES[0], "amount": "1000000000000"}]
    )
    answer = handle_request({"tool": "letter", "input": {**BASE, "invoices": {"0": "x"}}})
    assert answer["ok"] is False and answer["errors"][0]["field"] == "invoices"


def test_dates_keep_their_order():
    errors = errors_of(contract_date="2026-12-02", pay_by="2026-11-30")
    assert ("contract_date", "contract_after_letter") in errors
    assert ("pay_by", "pay_by_before_letter") in errors
    assert "2026-12-01" in errors[("pay_by", "pay_by_before_letter")]
    assert letter(contract_date="2026-12-01", pay_by="2026-12-01").layout


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [("contact_gender", "x", "not_a_choice"), ("delivery", "fax", "not_a_choice"),
     ("acknowledge", "maybe", "not_a_boolean"), ("clause", "x" * 101, "too_long"),
     ("facts", "x" * 1001, "too_long"), ("place", "a\nb", "control_characters"),
     ("client_address", "x" * 301, "too_long"), ("kind", "termination", "not_a_choice"),
     ("contract_date", "2026-02-30", "impossible_date")],
)  # fmt: skip
def test_each_new_detail_is_validated_at_its_field(field, value, code):
    assert (field, code) in errors_of(**{field: value})


@pytest.mark.parametrize(
    ("lang", "delivery", "sentence"),
    [
        ("en", None, "If you receive it on 1 December 2026, the contract ends on 15 December 2026; if it reaches you later, the notice period runs from the day you receive it."),  # noqa: E501
        ("en", "registered", "If the registered letter is delivered to you on 1 December 2026, the contract ends on 15 December 2026;"),  # noqa: E501
        ("ru", None, "Если уведомление будет получено Заказчиком 1 декабря 2026 г., Договор прекращается 15 декабря 2026 г.; при получении уведомления в более позднюю дату срок исчисляется со дня его получения."),  # noqa: E501
        ("ru", "email", "Если уведомление поступит Заказчику по электронной почте 1 декабря 2026 г.,"),
        ("pl", None, "Jeżeli pismo zostanie doręczone klientowi 1 grudnia 2026 r., umowa rozwiąże się z dniem 15 grudnia 2026 r.; w razie późniejszego doręczenia okres wypowiedzenia biegnie od dnia doręczenia."),  # noqa: E501
        ("pl", "courier", "Jeżeli kurier doręczy pismo klientowi 1 grudnia 2026 r.,"),
    ],
)
def test_the_end_date_sentence_holds_whenever_the_letter_arrives(lang, delivery, sentence):
    made = letter(lang=lang, delivery=delivery, reason="capacity")
    assert sentence in made.text


@pytest.mark.parametrize(
    ("lang", "delivery", "email", "acknowledge", "words"),
    [
        ("en", "registered", "jane@acme.example", True, "This notice is sent by registered post and by e-mail to jane@acme.example. Please confirm that you have received it."),  # noqa: E501
        ("en", "hand", None, False, "This notice is delivered by hand."),
        ("en", None, None, True, "Please confirm that you have received this notice."),
        ("ru", "registered", None, True, "Настоящее уведомление направляется заказным письмом с уведомлением о вручении. Просим подтвердить его получение."),  # noqa: E501
        ("pl", "email", "a@b.example", False, "Niniejsze pismo przesyłamy pocztą elektroniczną na adres a@b.example."),  # noqa: E501
    ],
)
def test_delivery_and_the_request_to_confirm_receipt(lang, delivery, email, acknowledge, words):
    made = letter(lang=lang, delivery=delivery, contact_email=email, acknowledge=acknowledge)
    assert words in made.text
    asks = ("Please confirm", "Просим подтвердить", "Prosimy o potwierdzenie")
    assert any(ask in made.text for ask in asks) == acknowledge


def test_a_letter_without_delivery_or_acknowledgement_says_neither():
    text = letter(reason="capacity").text
    assert "This notice is" not in text and "Please confirm" not in text


def test_the_polish_letter_carries_place_and_date_at_the_top():
    made = letter(lang="pl", place="Warszawa", contact="Anna Nowak", contact_gender="f",
                  signatory_title="Prezes Zarządu", sender_address="ul. Prosta 1; 00-001 Warszawa")  # fmt: skip
    assert made.text.startswith("Warszawa, 1 grudnia 2026 r.\n\nStudio North\n")
    assert made.layout["signature"] == ["Ola Nowak", "Prezes Zarządu", "Studio North"]
    assert made.layout["closing"] == "Z poważaniem"


def test_the_layout_has_the_shared_shape_and_the_text_is_rendered_from_it():
    made = letter(
        invoices=INVOICES, pay_by="2026-12-08", sender_address="1 Harbour Row\nLondon",
        sender_email="ola@north.example", client_address="2 Quay St\nBristol",
        signatory_title="Managing Director", contact_gender="f", place="London",
    )  # fmt: skip
    layout = made.to_dict()["layout"]
    assert json.loads(json.dumps(layout)) == layout
    assert set(layout) == {"sender", "recipient", "place_date", "subject", "greeting", "body",
                           "closing", "signature"}  # fmt: skip
    assert layout["sender"] == ["Studio North", "1 Harbour Row", "London", "ola@north.example"]
    assert layout["recipient"] == ["Ms Jane Doe", "Acme Ltd", "2 Quay St", "Bristol"]
    assert layout["place_date"] == "London, 1 December 2026"
    assert layout["greeting"] == "Dear Ms Doe,"
    assert layout["signature"] == ["Ola Nowak", "Managing Director", "Studio North"]
    for block in layout["body"]:
        assert block["kind"] in ("paragraph", "list")
        assert (set(block) == {"kind", "text"}) if block["kind"] == "paragraph" else (
            set(block) == {"kind", "items"} and all(isinstance(i, str) for i in block["items"])
        )  # fmt: skip
    assert made.text == render_text(layout, ["sender", "place_date", "recipient"])
    for part in (*layout["sender"], *layout["recipient"], layout["subject"], layout["closing"]):
        assert part in made.text


def test_markdown_keeps_the_invoice_list_a_list():
    made = letter(invoices=INVOICES)
    html = markdown.markdown(made.markdown)
    assert html.count("<li>") == 3 and "<strong>Notice of termination" in html
    # Address lines break hard: CommonMark's backslash at the end of a line.
    assert "Jane Doe\\\nAcme Ltd" in made.markdown


def test_a_letter_kind_is_named_in_the_result():
    assert letter(kind="notice").to_dict()["kind"] == "notice"
