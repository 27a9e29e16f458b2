"""When a notice counts as received: per jurisdiction and way of sending, the day to count
from, how sure it is, the rule and the evidence; never before the day it was sent."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partways import handle_request
from partways._data import load
from partways._errors import ValidationError
from partways._notice import is_day_off
from partways._receipt import CERTAINTIES, METHODS, compute_receipt, receipt_date

D = dt.date
JURISDICTIONS = ("ru", "pl", "other")
LANGS = ("en", "ru", "pl")
# Wednesday 30 Dec 2026: in Russia 31 Dec is a transferred day off and 1-10 Jan 2027 are
# days off; in Poland 31 Dec is a working day and 1 Jan a holiday.
SENT = D(2026, 12, 30)

# (jurisdiction, method): (earliest, counts as received, certainty, estimate)
EXAMPLES = {
    ("ru", "hand"): (SENT, SENT, "certain", False),
    ("ru", "email"): (SENT, D(2027, 1, 11), "likely", False),  # the next working day
    ("ru", "courier"): (SENT, D(2027, 1, 12), "uncertain", True),  # two working days
    ("ru", "registered"): (D(2026, 12, 31), D(2027, 2, 5), "uncertain", True),  # 7 + 30 days
    ("pl", "hand"): (SENT, SENT, "certain", False),
    ("pl", "email"): (SENT, D(2026, 12, 31), "likely", False),
    ("pl", "courier"): (SENT, D(2027, 1, 4), "uncertain", True),  # past 1 Jan and a weekend
    ("pl", "registered"): (D(2026, 12, 31), D(2027, 1, 20), "uncertain", True),  # 7 + 14 days
    ("other", "hand"): (SENT, SENT, "certain", False),
    ("other", "email"): (SENT, D(2026, 12, 31), "uncertain", False),
    # Monday to Friday only: 1 Jan is a business day when no holidays are known
    ("other", "courier"): (SENT, D(2027, 1, 1), "uncertain", True),
    ("other", "registered"): (D(2026, 12, 31), D(2027, 1, 1), "uncertain", False),
}


@pytest.mark.parametrize(("jurisdiction", "method"), sorted(EXAMPLES))
def test_worked_example_per_jurisdiction_and_method(jurisdiction, method):
    result = compute_receipt(SENT, method, jurisdiction)
    assert (result.earliest, result.received, result.certainty, result.estimate) == (
        EXAMPLES[jurisdiction, method]
    )


def test_every_case_of_the_data_has_an_example():
    cases = load("receipt")["cases"]
    assert {(j, m) for j in cases for m in cases[j]} == set(EXAMPLES)
    assert set(EXAMPLES) == {(j, m) for j in JURISDICTIONS for m in METHODS}


def test_a_polish_email_sent_before_a_holiday_counts_after_it():
    # Sent on Tuesday 10 Nov 2026, perhaps in the evening; 11 Nov is Independence Day, so
    # the next business day is Thursday 12 Nov.
    result = compute_receipt(D(2026, 11, 10), "email", "pl")
    assert (result.earliest, result.received) == (D(2026, 11, 10), D(2026, 11, 12))
    friday = compute_receipt(D(2026, 11, 6), "email", "pl")
    assert friday.received == D(2026, 11, 9)


def test_russian_registered_post_rests_on_art_165_1_and_the_plenum():
    data = compute_receipt(SENT, "registered", "ru", "ru").to_dict()
    assert "п. 1 ст. 165.1" in data["rule"]["citation"]
    assert "№ 25" in data["rule"]["citation"] and "п. 63–68" in data["rule"]["citation"]
    assert "по истечении срока хранения" in data["rule"]["explanation"]
    assert "п. 67" in data["rule"]["explanation"]
    assert "30 дней" in data["conservative"] and "допущение инструмента" in data["conservative"]
    assert "Уведомление о вручении" in data["evidence"]
    assert [link["url"] for link in data["rule"]["links"]] == [
        "https://pravo.gov.ru/proxy/ips/?docbody=&nd=102033239",
        "https://www.consultant.ru/document/cons_doc_LAW_5142/",
        "https://www.consultant.ru/document/cons_doc_LAW_181602/",
    ]


def test_russian_email_cites_the_plenums_paragraph_on_email():
    explanation = compute_receipt(SENT, "email", "ru").to_dict()["rule"]["explanation"]
    assert "para. 65" in explanation and "art. 165.1(1)" in explanation


def test_polish_registered_post_says_case_law_differs_and_takes_the_later_day():
    data = compute_receipt(SENT, "registered", "pl", "pl").to_dict()
    assert data["rule"]["citation"] == "Kodeks cywilny, art. 61 § 1"
    assert "awizo" in data["rule"]["explanation"] and "14 dni" in data["rule"]["explanation"]
    assert "orzecznictwo różni się" in data["rule"]["explanation"]
    assert "późniejsza" in data["conservative"]
    english = compute_receipt(SENT, "registered", "pl").to_dict()
    assert "case law" in english["rule"]["explanation"] and "differs" in english["rule"]["explanation"]
    assert data["rule"]["url"] == (
        "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU20260000795"
    )


def test_polish_email_counts_on_the_next_business_day_in_practice():
    data = compute_receipt(SENT, "email", "pl").to_dict()
    assert data["rule"]["citation"] == "Polish Civil Code, art. 61 § 2"
    assert "outside office hours" in data["rule"]["explanation"]


def test_other_law_says_it_is_the_contracts_rule():
    for method in METHODS:
        for lang, words in (("en", "contract"), ("ru", "договор"), ("pl", "umow")):
            data = compute_receipt(SENT, method, "other", lang).to_dict()
            assert data["rule"]["links"] == [] and data["rule"]["url"] == ""
            text = data["rule"]["citation"] + data["rule"]["explanation"] + data["conservative"]
            assert words in text.lower(), (method, lang)


def test_estimates_are_labelled_and_name_the_evidence_that_replaces_them():
    for (jurisdiction, method), (*_, estimate) in EXAMPLES.items():
        data = compute_receipt(SENT, method, jurisdiction).to_dict()
        if estimate:
            assert "estimate" in data["conservative"].lower(), (jurisdiction, method)
            assert data["certainty"] == "uncertain"
        assert data["evidence"]


def test_certainty_is_explained_in_every_language():
    for lang in LANGS:
        notes = {}
        for jurisdiction, method in EXAMPLES:
            data = compute_receipt(SENT, method, jurisdiction, lang).to_dict()
            notes.setdefault(data["certainty"], set()).add(data["certainty_note"])
        assert set(notes) == set(CERTAINTIES)
        assert all(len(texts) == 1 and all(texts) for texts in notes.values())
        assert len({text for texts in notes.values() for text in texts}) == 3


@pytest.mark.parametrize("lang", LANGS)
def test_every_case_has_all_its_words_in_every_language(lang):
    words = load("receipt")[lang]
    for jurisdiction in JURISDICTIONS:
        for method in METHODS:
            case = words["cases"][jurisdiction][method]
            assert set(case) == {"title", "citation", "explanation", "conservative", "evidence"}
            assert all(case.values()), (lang, jurisdiction, method)


def test_the_answer_is_json_with_its_documented_keys():
    answer = handle_request({"tool": "receipt", "input": {
        "sent": "2026-12-30", "method": "registered", "jurisdiction": "pl", "lang": "pl"}})
    assert answer["ok"], answer
    data = answer["result"]
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {
        "sent", "method", "jurisdiction", "earliest", "received", "certainty",
        "certainty_label", "certainty_note", "estimate", "rule", "conservative", "evidence",
    }  # fmt: skip
    assert (data["received"], data["estimate"]) == ("2027-01-20", True)
    assert (data["certainty"], data["certainty_label"]) == ("uncertain", "niepewne")


def codes(request):
    with pytest.raises(ValidationError) as caught:
        receipt_date(request)
    return caught.value


def test_bad_input_names_the_field_in_the_readers_language():
    error = codes({"sent": "2026-02-30", "method": "pigeon", "jurisdiction": "mars", "x": 1})
    assert {(e.field, e.code) for e in error.errors} == {
        ("sent", "impossible_date"), ("method", "not_a_choice"),
        ("jurisdiction", "not_a_choice"), ("x", "unknown_field"),
    }  # fmt: skip
    assert {(e.field, e.code) for e in codes({"sent": "2026-02-03"}).errors} == {
        ("method", "required")
    }
    ru = " ".join(item["message"] for item in codes({"method": "email", "lang": "ru"}).to_list("ru"))
    assert "Дата отправки уведомления" in ru
    pl = " ".join(item["message"] for item in codes({"sent": "2026-02-03", "method": "gołąb"})
                  .to_list("pl"))
    assert "Sposób wysłania" in pl


def test_defaults_to_other_law_and_english():
    result = receipt_date({"sent": "2026-12-30", "method": "hand"})
    assert (result.jurisdiction, result.lang, result.received) == ("other", "en", SENT)


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=D(1991, 1, 1), max_value=D(2100, 12, 31)),
    st.sampled_from(METHODS),
    st.sampled_from(JURISDICTIONS),
)
def test_a_receipt_is_never_before_sending_and_the_safe_day_never_before_the_earliest(
    sent, method, jurisdiction
):
    result = compute_receipt(sent, method, jurisdiction)
    assert sent <= result.earliest <= result.received
    if method == "hand":
        assert result.received == sent and result.certainty == "certain"
    if method == "email" and jurisdiction != "other":
        # the next working day of the jurisdiction's calendar
        assert result.received > sent and not is_day_off(result.received, jurisdiction)
