"""The letter's legal words, read in every language x jurisdiction x reason x tone: the basis
the chosen law needs, the terms it uses and avoids, the sending party named, and sentences
that end with one full stop."""

from __future__ import annotations

import itertools
import re

import pytest
from letter_parties import JURISDICTIONS, LANGS, PARTIES

from partways import compose_letter
from partways._letter import REASONS, TONES

FACTS = {
    "en": "Since 1 October 2026 no materials have been provided, despite our requests.",
    "ru": "С 1 октября 2026 г. материалы не передаются, несмотря на наши запросы.",
    "pl": "Od 1 października 2026 r. materiały nie są przekazywane mimo naszych wezwań.",
}
CURRENCY = {"en": "GBP", "ru": "RUB", "pl": "PLN"}
MATRIX = list(itertools.product(LANGS, JURISDICTIONS, REASONS, TONES))


def letter_for(lang, jurisdiction, reason, tone, **more):
    request = {
        "lang": lang, **PARTIES[lang], "contract": "12/2026", "contract_date": "2026-03-01",
        "letter_date": "2026-12-01", "days": 14, "jurisdiction": jurisdiction, "reason": reason,
        "tone": tone, **more,
    }  # fmt: skip
    return compose_letter(request)


def detailed(lang, jurisdiction, reason, tone):
    """The same letter with every optional detail a reader can give."""
    return letter_for(
        lang, jurisdiction, reason, tone, clause="9.2", facts=FACTS[lang], pay_by="2026-12-08",
        invoices=[{"number": "41", "amount": "1234.50", "currency": CURRENCY[lang],
                   "due": "2026-11-10"}],
        contact_gender="f", delivery="registered", contact_email="client@example.com",
        acknowledge=True, signatory_title="Director", place="City",
        client_address="Street 1\nCity", sender_address="Street 2\nCity",
        options=["finish_stage", "handover", "data", "final_invoice", "referral", "call"],
        partner="Bright Co",
    )  # fmt: skip


def everything(letter) -> str:
    """Every word the reader can take away: the letter, its subject and talking points."""
    return "\n".join([letter.text, letter.subject, *letter.talking_points])


def operative(letter) -> str:
    return letter.layout["body"][0]["text"]


# Basis per (letter language, jurisdiction, reason); None: any reason. Each row lists words
# the operative sentence must hold.
BASIS = {
    ("en", "ru", "specialization"): ["unilateral refusal to perform",
                                     "Article 782(2) and Article 450.1 of the Civil Code of the Russian Federation"],  # noqa: E501
    ("en", "ru", "capacity"): ["Article 782(2) and Article 450.1"],
    ("en", "ru", "unpaid_invoices"): ["Article 328(2) and Article 450.1", "not been paid"],
    ("en", "ru", "breach"): ["Article 782(2) and Article 450.1", "breached"],
    ("en", "pl", None): ["Article 746 § 1 in conjunction with Article 750 of the Polish Civil Code"],
    ("en", "other", "specialization"): ["in accordance with the termination provisions of the contract"],  # noqa: E501
    ("en", "other", "unpaid_invoices"): ["for cause", "remain unpaid"],
    ("en", "other", "breach"): ["for cause", "breached"],
    ("ru", "ru", "specialization"): ["об одностороннем отказе от исполнения договора возмездного оказания услуг",  # noqa: E501
                                     "п. 2 ст. 782 и ст. 450.1 Гражданского кодекса Российской Федерации"],  # noqa: E501
    ("ru", "ru", "capacity"): ["п. 2 ст. 782 и ст. 450.1"],
    ("ru", "ru", "unpaid_invoices"): ["п. 2 ст. 328 и ст. 450.1", "в связи с неоплатой Заказчиком"],
    ("ru", "ru", "breach"): ["в связи с нарушением Заказчиком условий Договора"],
    ("ru", "pl", None): ["ст. 746 § 1 во взаимосвязи со ст. 750 Гражданского кодекса Польши"],
    ("ru", "other", "specialization"): ["в одностороннем порядке в соответствии с условиями Договора о его прекращении"],  # noqa: E501
    ("pl", "pl", None): ["wypowiadamy", "art. 746 § 1 w zw. z art. 750 Kodeksu cywilnego"],
    ("pl", "ru", "specialization"): ["jednostronnie odmawiamy wykonania umowy",
                                     "art. 782 ust. 2 i art. 450.1 Kodeksu cywilnego Federacji Rosyjskiej"],  # noqa: E501
    ("pl", "ru", "unpaid_invoices"): ["art. 328 ust. 2 i art. 450.1"],
    ("pl", "other", "specialization"): ["wypowiadamy", "zgodnie z postanowieniami umowy dotyczącymi jej wypowiedzenia"],  # noqa: E501
}  # fmt: skip
GOOD_CAUSE = {"en": "for good cause (z ważnego powodu)", "ru": "по важной причине (z ważnego powodu)",
              "pl": "z ważnego powodu"}  # fmt: skip


@pytest.mark.parametrize(("lang", "jurisdiction", "reason", "tone"), MATRIX)
def test_the_operative_sentence_has_the_basis_the_law_needs(lang, jurisdiction, reason, tone):
    letter = letter_for(lang, jurisdiction, reason, tone)
    sentence = operative(letter)
    for words in BASIS.get((lang, jurisdiction, reason), []) + BASIS.get((lang, jurisdiction, None), []):  # noqa: E501
        assert words in sentence, (words, sentence)
    # The sending party and the client are named in every tone.
    assert PARTIES[lang]["company"] in sentence and PARTIES[lang]["client"] in sentence
    if lang == "ru":
        assert "(далее — Исполнитель)" in sentence and "(далее — Заказчик)" in sentence
    # Polish law: a notice for cause says so, which spares the provider damages (art. 746 § 2).
    if jurisdiction == "pl":
        assert (GOOD_CAUSE[lang] in sentence) == (reason in ("unpaid_invoices", "breach"))
    # Russian law: unpaid invoices rest on art. 328(2), not on a bare art. 782 refusal.
    if jurisdiction == "ru" and reason == "unpaid_invoices":
        assert "328" in sentence and "782" not in sentence


@pytest.mark.parametrize(("lang", "jurisdiction", "reason"),
                         itertools.product(LANGS, JURISDICTIONS, REASONS))  # fmt: skip
def test_tone_never_changes_the_legal_sentences(lang, jurisdiction, reason):
    warm, neutral, formal = (detailed(lang, jurisdiction, reason, tone) for tone in TONES)
    end_date = {"en": "15 December 2026", "ru": "15 декабря 2026 г.", "pl": "15 grudnia 2026 r."}
    pay_by = {"en": "8 December 2026", "ru": "8 декабря 2026 г.", "pl": "8 grudnia 2026 r."}
    legal = [
        block for block in neutral.layout["body"]
        if block is neutral.layout["body"][0] or block["kind"] == "list"
        or end_date[lang] in block["text"] or pay_by[lang] in block["text"]
    ]  # fmt: skip
    assert len(legal) == 4  # operative, end date, invoices, total and demand
    for other in (warm, formal):
        for block in legal:
            assert block in other.layout["body"], block
        assert other.subject == neutral.subject
    assert len({warm.text, neutral.text, formal.text}) == 3  # the courtesy parts do differ


@pytest.mark.parametrize(("lang", "jurisdiction", "reason", "tone"), MATRIX)
def test_words_a_lawyer_would_strike_never_appear(lang, jurisdiction, reason, tone):
    for letter in (letter_for(lang, jurisdiction, reason, tone),
                   detailed(lang, jurisdiction, reason, tone)):  # fmt: skip
        words = everything(letter).lower()
        if lang == "ru":
            # A unilateral exit is «отказ», not «расторжение» (termination by agreement or
            # court, arts. 450 and 452, that can be read as an offer); one set of party terms.
            assert "расторж" not in words
            assert "клиент" not in words and "компани" not in words
        if lang == "pl":
            # Usługodawca and klient; «odstąpienie» is another institution than «wypowiedzenie».
            for wrong in ("odstąp", "odstępuj", "wykonawc", "zamawiając", "zleceniodawc"):
                assert wrong not in words, wrong
        # Russian articles are cited by point, never as paragraphs.
        assert not re.search(r"782\s*§|§\s*2\s*(?:ст|art)\.?\s*782|328\s*§", words)
        # A date's abbreviation ends a sentence with one full stop: never «r..» or «г..».
        assert not re.search(r"(?<!\.)\.\.(?!\.)", everything(letter)), everything(letter)


@pytest.mark.parametrize(("lang", "jurisdiction", "tone"),
                         itertools.product(LANGS, JURISDICTIONS, TONES))  # fmt: skip
def test_breach_names_the_clause_and_the_facts(lang, jurisdiction, tone):
    letter = detailed(lang, jurisdiction, "breach", tone)
    clause = {"en": "clause 9.2 of the contract", "ru": "п.\u00a09.2 Договора",
              "pl": "pkt\u00a09.2 umowy"}[lang]  # fmt: skip
    assert clause in operative(letter)
    assert FACTS[lang] in letter.text


@pytest.mark.parametrize(("lang", "jurisdiction", "tone"),
                         itertools.product(LANGS, JURISDICTIONS, TONES))  # fmt: skip
def test_unpaid_invoices_demand_payment_and_say_what_is_suspended(lang, jurisdiction, tone):
    letter = detailed(lang, jurisdiction, "unpaid_invoices", tone)
    suspended = {"en": "we are suspending", "ru": "приостанавливает оказание услуг",
                 "pl": "wstrzymujemy świadczenie usług"}[lang]  # fmt: skip
    demand = {"en": "Please pay in full by 8 December 2026.",
              "ru": "Просим погасить её в срок не позднее 8 декабря 2026 г.",
              "pl": "Wzywamy do jej zapłaty w terminie do 8 grudnia 2026 r."}[lang]  # fmt: skip
    assert suspended in letter.text and demand in letter.text
    # Work goes on "as usual" nowhere in a letter that suspends it.
    continuity = {
        "en": ("our obligations under the contract", "keep working as agreed"),
        "ru": ("продолжает исполнять", "продолжаем работать"),
        "pl": ("nadal wykonujemy", "należycie wykonywać", "pracujemy jak dotąd"),
    }
    assert not any(words in letter.text for words in continuity[lang])
    without = letter_for(lang, jurisdiction, "unpaid_invoices", tone)
    assert suspended in without.text and demand not in without.text


@pytest.mark.parametrize("lang", LANGS)
def test_common_law_relies_on_the_clause_given_or_the_contracts_own_provisions(lang):
    given = operative(letter_for(lang, "other", "capacity", "neutral", clause="14.2"))
    missing = operative(letter_for(lang, "other", "capacity", "neutral"))
    named = {"en": "in accordance with clause 14.2 of the contract",
             "ru": "в соответствии с п.\u00a014.2 Договора", "pl": "zgodnie z pkt\u00a014.2 umowy"}
    fallback = {"en": "in accordance with the termination provisions of the contract",
                "ru": "в соответствии с условиями Договора о его прекращении",
                "pl": "zgodnie z postanowieniami umowy dotyczącymi jej wypowiedzenia"}
    assert named[lang] in given and fallback[lang] not in given
    assert fallback[lang] in missing
    # A clause typed with its own word is cited as typed.
    typed = operative(letter_for(lang, "other", "breach", "neutral", clause="§ 9 ust. 2"))
    assert "§ 9 ust. 2" in typed


def test_the_polish_breach_paragraph_does_not_repeat_jej():
    for jurisdiction, tone in itertools.product(JURISDICTIONS, TONES):
        letter = detailed("pl", jurisdiction, "breach", tone)
        for block in letter.layout["body"]:
            text = block.get("text", "")
            assert len(re.findall(r"\bjej\b", text)) <= 1, text


def test_a_sentence_after_a_greeting_with_a_comma_starts_in_lower_case_in_polish():
    letter = letter_for("pl", "pl", "capacity", "neutral")
    assert letter.layout["greeting"] == "Szanowni Państwo,"
    assert operative(letter).startswith("działając w imieniu Studio Nord sp. z o.o.,")
    # Polish closes without a comma; English and Russian with one.
    assert letter.layout["closing"] == "Z poważaniem"
    assert letter_for("ru", "ru", "capacity", "warm").layout["closing"] == "С наилучшими пожеланиями,"
    assert letter_for("ru", "ru", "capacity", "formal").layout["closing"] == "С уважением,"


@pytest.mark.parametrize(
    ("lang", "facts", "shown"),
    [
        ("ru", "с 1 октября материалы не передаются", "Нарушение выразилось в следующем: с 1 октября"),
        ("ru", "С 1 октября материалы не передаются.", "\n\nС 1 октября материалы не передаются.\n"),
        ("pl", "od maja brak dostępu", "okoliczności: od maja brak dostępu."),
        ("en", "no access since May", "The breach consists in the following: no access since May."),
    ],
)
def test_facts_typed_as_a_fragment_follow_a_colon_and_sentences_stand_alone(lang, facts, shown):
    letter = letter_for(lang, "other", "breach", "neutral", facts=facts)
    assert shown in letter.text
