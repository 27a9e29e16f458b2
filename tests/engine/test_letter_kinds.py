"""The two letters besides the notice (issue 14 §3): a proposal to end the contract by mutual
agreement and a pre-trial demand for payment, in every language x jurisdiction: the legal
words each law needs, the invoices and totals, the release only when ticked, no interest
figure, what each kind requires, every output format, and the letter check."""

from __future__ import annotations

import base64
import email
import email.policy
import io
import itertools
import re
import zipfile

import pytest
from letter_parties import JURISDICTIONS, LANGS, PARTIES

from partways import ValidationError, check_letter, cite, compose_letter, handle_request
from partways._inflect import format_date
from partways._letter import TONES

NEW_KINDS = ("agreement", "payment_demand")
NBSP = "\u00a0"
CURRENCY = {"en": "GBP", "ru": "RUB", "pl": "PLN"}


def invoices(lang):
    return [
        {"number": "41", "amount": "4800.00", "currency": CURRENCY[lang], "due": "2026-11-02"},
        {"number": "45", "amount": "2400.50", "currency": CURRENCY[lang], "due": "2026-11-16"},
        {"number": "46", "amount": "100", "currency": "EUR"},
    ]


def request(lang="en", jurisdiction="other", kind="payment_demand", **more):
    base = {
        "lang": lang, **PARTIES[lang], "contract": "12/2026", "contract_date": "2026-03-02",
        "letter_date": "2026-12-01", "jurisdiction": jurisdiction, "kind": kind,
    }  # fmt: skip
    if kind == "payment_demand":
        base |= {"invoices": invoices(lang), "pay_by": "2026-12-15"}
    else:
        base |= {"days": 14, "reason": "specialization"}
    return base | more


def letter(lang="en", jurisdiction="other", kind="payment_demand", **more):
    return compose_letter(request(lang, jurisdiction, kind, **more))


def errors_of(lang="en", kind="payment_demand", **changes):
    with pytest.raises(ValidationError) as caught:
        compose_letter({k: v for k, v in request(lang, kind=kind, **changes).items()
                        if v is not None})
    return {(e["field"], e["code"]): e["message"] for e in caught.value.to_list(lang)}


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


# --- the words each law needs -----------------------------------------------------------------

# (letter language, kind, jurisdiction): words the letter (subject and text) must hold.
KEY_WORDS = {
    ("ru", "agreement", "ru"): ["Предложение о расторжении договора № 12/2026",
                                "по соглашению сторон", "п. 1 ст. 450 и п. 1 ст. 452 ГК РФ",
                                "в той же форме, что и Договор"],
    ("ru", "agreement", "pl"): ["по соглашению сторон", "rozwiązanie umowy za porozumieniem stron",
                                "§ 2 ст. 77 ГК Польши", "документальная форма"],
    ("ru", "agreement", "other"): ["по соглашению сторон",
                                   "в форме, которую Договор предусматривает для его изменения"],
    ("pl", "agreement", "pl"): ["Propozycja rozwiązania umowy nr 12/2026",
                                "za porozumieniem stron", "art. 77 § 2 k.c.", "formy dokumentowej"],
    ("pl", "agreement", "ru"): ["za porozumieniem stron",
                                "art. 450 ust. 1 i art. 452 ust. 1 Kodeksu cywilnego FR"],
    ("pl", "agreement", "other"): ["za porozumieniem stron", "w formie, jakiej umowa wymaga"],
    ("en", "agreement", "ru"): ["terminated by agreement of the parties",
                                "art. 450(1) and art. 452(1) of the Civil Code of the Russian Federation",  # noqa: E501
                                "in the same form as the contract"],
    ("en", "agreement", "pl"): ["by mutual agreement", "za porozumieniem stron",
                                "Article 77 § 2 of the Polish Civil Code", "documentary form"],
    ("en", "agreement", "other"): ["Proposal to end contract No. 12/2026",
                                   "by mutual agreement", "in the form the contract requires"],
    ("ru", "payment_demand", "ru"): ["Претензия об оплате задолженности по договору № 12/2026",
                                     "настоящую претензию", "арбитражный суд",
                                     "30 календарных дней со дня направления настоящей претензии",
                                     "ч. 5 ст. 4 АПК РФ", "ст. 395 ГК РФ", "неустойки"],
    ("ru", "payment_demand", "pl"): ["wezwanie do zapłaty",
                                     "odsetki ustawowe za opóźnienie w transakcjach handlowych",
                                     "п. 1 ст. 7 и п. 1 ст. 10 Закона Польши", "rekompensata"],
    ("ru", "payment_demand", "other"): ["Досудебное требование об оплате задолженности",
                                        "разд. 1 и 5A Закона Великобритании 1998 г. о процентах по просроченным коммерческим долгам"],  # noqa: E501
    ("pl", "payment_demand", "pl"): ["Przedsądowe wezwanie do zapłaty", "wzywamy",
                                     "odsetki ustawowe za opóźnienie w transakcjach handlowych",
                                     "art. 7 ust. 1 i art. 10 ust. 1 ustawy o przeciwdziałaniu nadmiernym opóźnieniom w transakcjach handlowych",  # noqa: E501
                                     "rekompensat"],
    ("pl", "payment_demand", "ru"): ["pretenzj", "sądu arbitrażowego",
                                     "30 dni kalendarzowych",
                                     "art. 4 ust. 5 Kodeksu postępowania przed sądami arbitrażowymi FR",  # noqa: E501
                                     "art. 395 Kodeksu cywilnego FR"],
    ("pl", "payment_demand", "other"): ["wezwanie do zapłaty",
                                        "art. 1 i 5A brytyjskiej ustawy z 1998 r. o odsetkach od opóźnionych płatności"],  # noqa: E501
    ("en", "payment_demand", "ru"): ["Pre-trial claim", "pretenziya", "arbitrazh",
                                     "30 calendar days",
                                     "art. 4(5) of the Arbitrazh Procedure Code of the Russian Federation",  # noqa: E501
                                     "art. 395 of the Civil Code of the Russian Federation"],
    ("en", "payment_demand", "pl"): ["wezwanie do zapłaty",
                                     "odsetki ustawowe za opóźnienie w transakcjach handlowych",
                                     "rekompensata",
                                     "Article 7(1) and Article 10(1) of the Polish Act on Counteracting Excessive Delays in Commercial Transactions"],  # noqa: E501
    ("en", "payment_demand", "other"): [
        "Letter before action: unpaid invoices under contract No. 12/2026",
        "sections 1 and 5A of the Late Payment of Commercial Debts (Interest) Act 1998"],
}  # fmt: skip
MATRIX = list(itertools.product(LANGS, NEW_KINDS, JURISDICTIONS))


@pytest.mark.parametrize(("lang", "kind", "jurisdiction"), MATRIX)
def test_each_letter_holds_the_words_its_law_needs(lang, kind, jurisdiction):
    made = letter(lang, jurisdiction, kind)
    text = plain(made.subject + "\n" + made.text)
    for words in KEY_WORDS[(lang, kind, jurisdiction)]:
        assert words in text, (words, text)
    assert made.kind == kind and made.to_dict()["kind"] == kind


def test_citations_come_from_the_legal_source_registry():
    made = letter("ru", "ru", "payment_demand")
    assert cite("ru_apk", "4", point=5, lang="ru").text in made.text
    assert cite("ru_gk", "395", lang="ru").text in made.text
    made = letter("pl", "pl", "agreement")
    assert cite("pl_kc", "77", point=2, lang="pl").text in made.text


@pytest.mark.parametrize(("lang", "jurisdiction"), itertools.product(LANGS, JURISDICTIONS))
def test_an_agreement_never_reads_as_a_unilateral_termination(lang, jurisdiction):
    made = letter(lang, jurisdiction, "agreement")
    everything = plain("\n".join([made.subject, made.text, *made.talking_points])).lower()
    unilateral = {"en": ["hereby gives notice", "terminating", "unilateral", "for cause"],
                  "ru": ["отказ от исполнения", "одностороннем", "уведомляет"],
                  "pl": ["wypowiad", "wypowiedzeni", "jednostronn", "odmawiamy"]}[lang]
    for words in unilateral:
        assert words not in everything, words
    proposal = {"en": "propose", "ru": "предлагает", "pl": "proponujemy"}[lang]
    assert proposal in everything
    if lang == "ru":  # ending by agreement is «расторжение», unlike the unilateral refusal
        assert "расторгнуть договор" in everything and "соглашение о расторжении" in everything


# --- the agreement's terms --------------------------------------------------------------------

RELEASE = {"en": "no further claims", "ru": "не имеют друг к другу претензий",
           "pl": "nie będą miały wobec siebie żadnych roszczeń"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_release_is_a_term_only_when_ticked(lang):
    assert RELEASE[lang] not in plain(letter(lang, "pl", "agreement").text)
    assert RELEASE[lang] not in plain(letter(lang, "pl", "agreement", release=False).text)
    ticked = letter(lang, "pl", "agreement", release=True)
    terms = [b for b in ticked.layout["body"] if b["kind"] == "list"][-1]["items"]
    assert RELEASE[lang] in plain(terms[-1]) or "neither party has any further claims" in terms[-1]
    assert terms[-1].endswith(".") and all(item.endswith(";") for item in terms[:-1])


@pytest.mark.parametrize("lang", LANGS)
def test_the_agreement_proposes_the_given_end_date_else_the_notice_periods(lang):
    given = letter(lang, "ru", "agreement", end_date="2027-01-29", days=None)
    assert given.end_date.isoformat() == "2027-01-29" and given.notice is None
    assert format_date(given.end_date, lang) in given.layout["body"][-1]["text"] or any(
        format_date(given.end_date, lang) in item
        for block in given.layout["body"] if block["kind"] == "list" for item in block["items"]
    )  # fmt: skip
    counted = letter(lang, "ru", "agreement")  # 14 days from 1 December 2026
    assert counted.end_date.isoformat() == "2026-12-15" == counted.notice.end_date.isoformat()
    assert format_date(counted.end_date, lang) in counted.text


def test_the_agreements_terms_follow_the_options_and_list_the_invoices():
    made = letter("en", "other", "agreement", options=["handover"], invoices=invoices("en"),
                  pay_by="2026-12-20")
    lists = [block["items"] for block in made.layout["body"] if block["kind"] == "list"]
    assert len(lists) == 2  # the invoices, then the terms
    assert lists[0][0].startswith("invoice No.\u00a041 for £4,800.00")
    terms = lists[1]
    assert terms[0] == "the contract ends on 15 December 2026;"
    assert any("hands over" in term for term in terms)
    assert any("pays the unpaid invoices listed above by 20 December 2026" in t for t in terms)
    assert not any("returns or deletes" in term or "final invoice" in term for term in terms)
    assert "The total outstanding is £7,200.50 and €100.00." in made.text


# --- the payment demand -----------------------------------------------------------------------

TOTALS = {"en": "£7,200.50 and €100.00", "ru": "7 200,50 ₽ и 100,00 €",
          "pl": "7200,50 zł oraz 100,00 €"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_demand_lists_each_invoice_and_totals_per_currency(lang):
    made = letter(lang, "pl", "payment_demand", bank_account="PL61 1090 1014 0000 0712 1981 2874")
    (listed,) = [block["items"] for block in made.layout["body"] if block["kind"] == "list"]
    assert len(listed) == 3
    assert "4800,00" in plain(listed[0]).replace(" ", "") or "4,800.00" in listed[0]
    assert format_date(dt_date("2026-11-02"), lang) in listed[0]
    assert TOTALS[lang] in plain(made.text)
    assert format_date(made.end_date, lang) in made.text and made.end_date.isoformat() == "2026-12-15"
    assert "PL61 1090 1014 0000 0712 1981 2874" in made.text


def dt_date(text):
    import datetime

    return datetime.date.fromisoformat(text)


@pytest.mark.parametrize(("jurisdiction", "expected"), [("pl", "2026-12-21"), ("ru", "2026-12-21")])
def test_without_a_deadline_the_demand_gives_fourteen_days_moved_off_a_day_off(
    jurisdiction, expected
):
    # Dated Saturday 5 December 2026: fourteen days later is Saturday 19 December.
    made = letter("en", jurisdiction, "payment_demand", pay_by=None, letter_date="2026-12-05")
    assert made.end_date.isoformat() == expected
    assert "by 21 December 2026" in made.text


@pytest.mark.parametrize(("lang", "tone"), itertools.product(LANGS, TONES))
def test_the_demand_states_the_basis_of_interest_never_a_figure(lang, tone):
    for jurisdiction in JURISDICTIONS:
        made = letter(lang, jurisdiction, "payment_demand", tone=tone)
        said = plain("\n".join([made.subject, made.text, *made.talking_points]))
        assert "%" not in said
        assert not re.search(r"\d\s*(?:per\s*cent|percent|процент|procent)", said, re.I)
        assert not re.search(r"\b(?:rate|ставк[аиуе]|stop[aęy])\s+(?:of\s+)?\d", said, re.I)
        # Every number in the interest sentence is an article or a year of an act.
        interest = next(b["text"] for b in made.layout["body"]
                        if b["kind"] == "paragraph" and re.search(r"395|7|1998", b["text"])
                        and re.search(r"interest|процент|неустойк|odset", b["text"], re.I))
        numbers = set(re.findall(r"\d+", interest))
        assert numbers <= {"1", "4", "5", "7", "10", "30", "395", "1998", "5A", "2"}, numbers


def test_a_demand_needs_no_period_no_receipt_and_no_reason():
    made = compose_letter({**request(), "received": None, "reason": None})
    assert made.notice is None and made.to_dict()["notice"] is None
    assert made.to_dict()["period_end"] is None


# --- what each kind requires ------------------------------------------------------------------

INVOICES_REQUIRED = {"en": "Unpaid invoices: this field is required.",
                     "ru": "Неоплаченные счета: обязательное поле.",
                     "pl": "Nieopłacone faktury: to pole jest wymagane."}


@pytest.mark.parametrize("lang", LANGS)
def test_a_demand_without_invoices_names_the_field_in_the_readers_language(lang):
    found = errors_of(lang, invoices=None)
    assert found == {("invoices", "required"): INVOICES_REQUIRED[lang]}
    # A blank invoice row is no invoice.
    found = errors_of(lang, invoices=[{"number": "", "amount": "", "currency": "", "due": ""}])
    assert ("invoices", "required") in found


def test_a_bad_invoice_is_reported_at_its_cell_not_as_missing():
    found = errors_of(invoices=[{"number": "41", "amount": "lots", "currency": "GBP"}])
    assert set(found) == {("invoices.0.amount", "not_an_amount")}


def test_fields_a_kind_ignores_are_accepted_silently():
    # A payment demand reads no period, receipt or reason, even wrong ones from another kind.
    made = letter(period="abc", unit="years", received="not a date", reason="whatever",
                  options=["nonsense"], end_date="nope")
    assert made.kind == "payment_demand"
    # An agreement with its own end date reads no period.
    made = letter(kind="agreement", end_date="2027-01-29", days="abc", release="true",
                  bank_account="x" * 1000)
    assert made.end_date.isoformat() == "2027-01-29" and "x" * 10 not in made.text
    # A notice reads neither an agreement's nor a demand's own fields.
    made = letter(kind="notice", release="perhaps", bank_account="x" * 1000, end_date="soon")
    assert made.kind == "notice" and "further claims" not in made.text


def test_an_agreement_needs_an_end_date_or_a_period_and_no_reason():
    found = errors_of(kind="agreement", days=None)
    assert set(found) == {("period", "one_period")}
    made = letter(kind="agreement", reason=None)
    # Without a reason the terms follow the proposal directly: no "why" paragraph.
    assert made.layout["body"][1] == {"kind": "paragraph", "text": "We propose the following terms:"}
    found = errors_of(kind="agreement", end_date="2026-11-30")
    assert found == {("end_date", "end_date_before_letter"):
                     "End date: it cannot be earlier than the letter date (2026-12-01)."}


def test_the_notice_is_unchanged_it_still_needs_its_period_and_reason():
    with pytest.raises(ValidationError) as caught:
        compose_letter({**PARTIES["en"], "contract": "1", "letter_date": "2026-12-01"})
    fields = {e.field for e in caught.value.errors}
    assert {"period", "reason"} <= fields and "invoices" not in fields


def test_the_json_entry_point_answers_for_each_kind():
    answer = handle_request({"tool": "letter", "input": request(kind="payment_demand")})
    assert answer["ok"] and answer["result"]["kind"] == "payment_demand"
    assert answer["result"]["end_date"] == "2026-12-15"
    answer = handle_request({"tool": "letter", "input": request(kind="payment_demand",
                                                                  invoices=[])})
    assert not answer["ok"] and answer["errors"][0]["field"] == "invoices"


# --- every output, and the letter check -------------------------------------------------------


@pytest.mark.parametrize(("lang", "kind"), itertools.product(LANGS, NEW_KINDS))
def test_every_format_renders_the_new_kinds(lang, kind):
    made = letter(lang, "pl", kind, format="docx", contact_email="client@example.com",
                  sender_email="me@example.org")
    layout = made.layout
    assert layout["subject"] and layout["body"] and layout["signature"]
    assert plain(layout["subject"]) == made.subject
    assert made.markdown.count("**") == 2 and f"**{layout['subject']}**" in made.markdown
    assert "\n- " in made.markdown  # the invoices (and an agreement's terms) stay a list
    message = email.message_from_string(made.eml, policy=email.policy.default)
    assert message["Subject"] == made.subject
    assert message.get_content().replace("\r\n", "\n").strip() == made.text
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(made.to_dict()["docx"]))) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    for word in re.findall(r"\w{6,}", layout["body"][0]["text"])[:5]:
        assert word in document


@pytest.mark.parametrize(("lang", "kind", "jurisdiction"), MATRIX)
def test_every_new_letter_passes_its_own_check(lang, kind, jurisdiction):
    for tone, details in itertools.product(TONES, (False, True)):
        more = {"tone": tone}
        if details:
            more |= {"delivery": "registered", "acknowledge": True, "contact_gender": "f",
                     "clause": "9.2", "bank_account": "PL61 1090 1014 0000 0712 1981 2874",
                     "release": True, "invoices": invoices(lang), "place": "City"}
        asked = request(lang, jurisdiction, kind, **more)
        made = compose_letter(asked)
        found = check_letter({"text": made.text, "lang": lang, "kind": kind,
                              "end_date": made.end_date.isoformat(),
                              "sender": asked["sender"], "company": asked["company"]})
        assert found.ok, (lang, kind, jurisdiction, tone, details, found.to_dict())


def test_the_check_asks_for_a_handover_only_where_a_kind_hands_something_over():
    demand = letter("en", "other", "payment_demand")
    codes = lambda kind: [f.code for f in check_letter(  # noqa: E731
        {"text": demand.text, "lang": "en", "kind": kind}).findings]
    assert "handover" not in codes("payment_demand")
    assert "handover" in codes("notice") and "handover" in codes("agreement")
    assert "handover" in [f.code for f in check_letter({"text": demand.text}).findings]
