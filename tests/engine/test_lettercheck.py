"""The letter check: blame, wavering and missing essentials, per language, with offsets."""

from __future__ import annotations

import itertools
import json
import re
import tomllib
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partways._data import load
from partways._errors import ValidationError
from partways._lettercheck import check_letter, phrase_pattern

GOOD = {
    "en": "Our cooperation ends on 31 December 2026. We will hand over all files. Thank you.\n\n"
    "Kind regards,\nOla Nowak\nStudio North",
    "ru": "Сотрудничество завершится 31 декабря 2026 г. Мы передадим все файлы. Спасибо.\n\n"
    "С уважением,\nОльга Новикова\nООО «Север»",
    "pl": "Współpraca zakończy się 31 grudnia 2026 r. Przekażemy wszystkie pliki. Dziękujemy.\n\n"
    "Z poważaniem\nOla Nowak\nStudio Północ sp. z o.o.",
}
SENDERS = {
    "en": ("Ola Nowak", "Studio North"),
    "ru": ("Ольга Новикова", "ООО «Север»"),
    "pl": ("Ola Nowak", "Studio Północ sp. z o.o."),
}
CORPUS = tomllib.loads((Path(__file__).parents[1] / "data" / "lettercheck_corpus.toml").read_text("utf-8"))


def findings(text, lang="en", **extra):
    return check_letter({"text": text, "lang": lang, **extra}).findings


def flagged(text, lang):
    return [(f.kind, f.text) for f in findings(text, lang) if f.kind != "missing"]


@pytest.mark.parametrize("lang", GOOD)
def test_a_good_letter_passes(lang):
    result = check_letter({"text": GOOD[lang], "lang": lang, "end_date": "2026-12-31"})
    assert result.ok and result.findings == ()
    assert result.to_dict() == {"ok": True, "lang": lang, "findings": []}


@pytest.mark.parametrize(
    ("lang", "phrase", "kind"),
    [
        ("en", "It was your fault", "blame"),
        ("en", "You failed to pay", "blame"),
        ("en", "This is unacceptable", "blame"),
        ("en", "We are deeply disappointed", "blame"),
        ("en", "You never answered", "blame"),
        ("en", "An incompetent approach", "blame"),
        ("en", "Enough!!", "blame"),
        ("en", "Maybe we stop", "wavering"),
        ("en", "Perhaps later", "wavering"),
        ("en", "We might stay", "wavering"),
        ("en", "If you want we can stay", "wavering"),
        ("en", "Sorry for the inconvenience", "wavering"),
        ("en", "We could reconsider", "wavering"),
        ("ru", "Это произошло по вашей вине", "blame"),
        ("ru", "Вы не смогли оплатить", "blame"),
        ("ru", "Это безобразие", "blame"),
        ("ru", "Возмутительно", "blame"),
        ("ru", "Мы разочарованы", "blame"),
        ("ru", "Может быть, останемся", "wavering"),
        ("ru", "Возможно, мы вернёмся", "wavering"),
        ("ru", "Если хотите, можем продолжить", "wavering"),
        ("ru", "Простите нас", "wavering"),
        ("pl", "To z Pana winy", "blame"),
        ("pl", "To z Państwa winy", "blame"),
        ("pl", "To skandaliczne", "blame"),
        ("pl", "Jesteśmy rozczarowani", "blame"),
        ("pl", "Podejście niekompetentne", "blame"),
        ("pl", "Może zostaniemy", "wavering"),
        ("pl", "Być może wrócimy", "wavering"),
        ("pl", "Ewentualnie zostaniemy", "wavering"),
        ("pl", "Jeśli Pan chce, możemy zostać", "wavering"),
        ("pl", "Przepraszamy za kłopot", "wavering"),
    ],
)
def test_flags_blame_and_wavering(lang, phrase, kind):
    assert kind in {k for k, _ in flagged(f"{GOOD[lang]} {phrase}.", lang)}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("pl", "Umowa może zostać rozwiązana z ważnego powodu. Możemy polecić partnera."),
        ("pl", "Możliwości zespołu się zmieniły."),
        ("ru", "Договор может быть расторгнут. Это невозможно изменить."),
        ("en", "We will hand over the data; you may keep the documents. Thanks to the team."),
        ("en", "A mayberry and a perhapsy word are not hedges."),
    ],
)
def test_ordinary_words_are_not_flagged(lang, text):
    assert flagged(text, lang) == []


def test_matching_ignores_case_and_reports_offsets_in_the_text_as_sent():
    text = "Ending on 1 May 2027; thank you. We will hand over files.  MAYBE  we stay."
    (finding,) = [f for f in findings(text) if f.kind != "missing"]
    assert (finding.code, finding.text) == ("hedging", "MAYBE")
    assert text[finding.start : finding.end] == "MAYBE"


def test_offsets_count_code_points_after_unicode_normalization():
    text = "🦊 Może jednak zostaniemy? " + GOOD["pl"]
    (finding,) = [f for f in findings(text, "pl") if f.kind != "missing"]
    assert text[finding.start : finding.end] == "Może jednak"


def test_multiword_phrases_match_across_line_breaks():
    assert ("blame", "your\nfault") in flagged("It is your\nfault.", "en")


def test_missing_essentials_are_reported_without_offsets():
    result = check_letter({"text": "We are ending the contract.", "lang": "en"})
    codes = {(f.kind, f.code) for f in result.findings}
    assert codes == {
        ("missing", "end_date"), ("missing", "thanks"), ("missing", "handover"),
        ("missing", "closing"),
    }  # fmt: skip
    assert all(f.start is None and f.end is None and f.message for f in result.findings)
    assert not result.ok


@pytest.mark.parametrize(
    ("lang", "date_text"),
    [("en", "2027-05-01"), ("en", "May 1st, 2027"), ("ru", "01.05.2027"), ("pl", "1 maja")],
)
def test_any_date_counts_when_no_end_date_is_given(lang, date_text):
    text = GOOD[lang].replace(GOOD[lang].split(". ")[0], f"Ends {date_text}")
    assert "end_date" not in {f.code for f in findings(text, lang)}


@pytest.mark.parametrize("lang", GOOD)
def test_a_given_end_date_must_appear_in_that_languages_words(lang):
    assert findings(GOOD[lang], lang, end_date="2026-12-31") == ()
    (missing,) = findings(GOOD[lang], lang, end_date="2027-01-15")
    assert missing.code == "given_end_date"
    expected = {"en": "15 January 2027", "ru": "15 января 2027 г.", "pl": "15 stycznia 2027 r."}
    assert expected[lang] in missing.message
    assert ".." not in missing.message  # not "2027 r.." where the message's sentence ends


@pytest.mark.parametrize(("lang", "hedge"), [("ru", "Возможно"), ("pl", "Ewentualnie")])
def test_messages_are_in_the_letters_language(lang, hedge):
    messages = load("lettercheck")[lang]["messages"]
    found = {f.code: f.message for f in findings(f"{hedge}.", lang)}
    codes = ("hedging", "end_date", "thanks", "handover", "closing")
    assert found == {code: messages[code] for code in codes}


def test_to_dict_is_json():
    data = check_letter({"text": "You never paid!!", "lang": "en"}).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data["findings"][0]) == {"kind", "code", "text", "message", "start", "end"}


@pytest.mark.parametrize(
    ("request_", "field", "code"),
    [
        ({}, "text", "required"),
        ({"text": "x" * 20001}, "text", "too_long"),
        ({"text": "a\x00b"}, "text", "control_characters"),
        ({"text": "ok", "end_date": "31.12.2026"}, "end_date", "not_a_date"),
        ({"text": "ok", "lang": "de"}, "lang", "not_a_choice"),
        ({"text": "ok", "tone": "warm"}, "tone", "unknown_field"),
        ({"text": "ok", "sender": "x" * 201}, "sender", "too_long"),
        ({"text": "ok", "company": ["North"]}, "company", "not_text"),
    ],
)
def test_validation(request_, field, code):
    with pytest.raises(ValidationError) as caught:
        check_letter(request_)
    assert (field, code) in {(e.field, e.code) for e in caught.value.errors}


def test_phrase_syntax():
    pattern = re.compile(phrase_pattern("jeśli|jeżeli Pan|Pani chce, możemy"), re.IGNORECASE)
    assert pattern.search("Jeżeli Pani chce możemy")
    assert pattern.search("jeśli Pan chce,możemy")
    assert not pattern.search("jeśli Pan chcemy możemy")
    assert re.search(phrase_pattern("disappoint*"), "we are disappointed")
    assert not re.search(phrase_pattern("maybe"), "mayberry")


@settings(max_examples=150, deadline=None)
@given(
    lang=st.sampled_from(["en", "ru", "pl"]),
    prefix=st.text(max_size=30),
    suffix=st.text(max_size=30),
)
def test_flagged_offsets_always_point_at_the_match(lang, prefix, suffix):
    phrase = {"en": "your fault", "ru": "по вашей вине", "pl": "z Pana winy"}[lang]
    text = unicodedata.normalize("NFC", f"{prefix} {phrase} {suffix}".replace("\r\n", "\n"))
    try:
        found = findings(text, lang)
    except ValidationError:
        return  # control characters in the random text
    hits = [f for f in found if f.kind != "missing"]
    assert any(f.text == phrase for f in hits)
    for finding in hits:
        assert text[finding.start : finding.end] == finding.text


# --- the corpus: what a reader would call blame or wavering, and what is ordinary ------------


def kind_of(lang, code):
    groups = load("lettercheck")[lang]
    (kind,) = [kind for kind in ("blame", "wavering") if code in groups[kind]]
    return kind


@pytest.mark.parametrize("lang", ["en", "ru", "pl"])
def test_the_corpus_has_at_least_thirty_sentences_of_each_sort(lang):
    assert len(CORPUS[lang]["flagged"]) >= 30 and len(CORPUS[lang]["clean"]) >= 30
    codes = {code for _, code in CORPUS[lang]["flagged"]}
    categories = set(load("lettercheck")[lang]["blame"]) | set(load("lettercheck")[lang]["wavering"])
    assert codes == categories  # every category is tried


@pytest.mark.parametrize(
    ("lang", "sentence", "code"),
    [(lang, text, code) for lang in CORPUS for text, code in CORPUS[lang]["flagged"]],
)
def test_corpus_sentence_is_flagged(lang, sentence, code):
    found = [(f.kind, f.code) for f in findings(sentence, lang) if f.kind != "missing"]
    assert (kind_of(lang, code), code) in found, found


@pytest.mark.parametrize(
    ("lang", "sentence"), [(lang, text) for lang in CORPUS for text in CORPUS[lang]["clean"]]
)
def test_corpus_sentence_is_not_flagged(lang, sentence):
    assert flagged(sentence, lang) == []


def test_the_issues_three_examples_are_caught_whole():
    assert ("blame", "all because of your incompetence") in flagged(
        "This is all because of your incompetence.", "en"
    )
    assert ("blame", "worst client") in flagged("You are the worst client we have had.", "en")
    assert ("blame", "To wszystko przez waszą niekompetencję") in flagged(
        "To wszystko przez waszą niekompetencję.", "pl"
    )


# --- inflection-aware matching --------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("ru", "Это некомпетентность."),
        ("ru", "Мы устали от некомпетентности."),
        ("ru", "Они работают с некомпетентностью."),
        ("ru", "Некомпетентный подход."),
        ("ru", "Некомпетентную команду."),
        ("ru", "Ваша вина очевидна."),
        ("ru", "Всё случилось по вашей вине."),
        ("ru", "Вы признали вашу вину."),
        ("pl", "To niekompetencja."),
        ("pl", "Przez niekompetencję."),
        ("pl", "Z powodu niekompetencji."),
        ("pl", "Niekompetentny zespół."),
        ("pl", "Z niekompetentnymi ludźmi."),
        ("pl", "Przez wasz błąd."),
        ("pl", "Przez waszą niekompetencję."),
        ("pl", "Z waszej winy."),
    ],
)
def test_inflected_forms_are_found(lang, sentence):
    assert any(kind == "blame" for kind, _ in flagged(sentence, lang)), sentence


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("ru", "Сотрудничество было плодотворным."),  # not «трудный»
        ("ru", "Трудовой договор не меняется."),
        ("ru", "Компетентность команды высока."),  # not «некомпетентность»
        ("ru", "Ваша команда и ваш менеджер."),  # «ваш» without a fault
        ("pl", "Kompetentny zespół."),  # not «niekompetentny»
        ("pl", "Kompetencje zespołu."),
        ("pl", "Wasz zespół i Państwa dane."),
        ("pl", "Winogrona."),  # not «wina»
        ("en", "Competent work; the winery."),
    ],
)
def test_near_misses_are_not_flagged(lang, sentence):
    assert flagged(sentence, lang) == []


def test_phrase_syntax_endings_word_sets_and_gaps():
    def matches(phrase, text, lang):
        return re.search(phrase_pattern(phrase, lang), text, re.IGNORECASE) is not None

    assert matches("ваш~poss вин~f_a", "по вашей вине", "ru")
    assert not matches("ваш~poss вин~f_a", "по вашей винтовке", "ru")
    assert matches("wasz~poss @faults", "wasze zaniedbania", "pl")
    assert not matches("wasz~poss @faults", "wasze dane", "pl")
    assert matches("worst ... client", "the worst kind of client", "en")
    assert not matches("worst ... client", "the worst, as a client", "en")
    assert matches("ещё подумаем", "Еще подумаем", "ru")  # ё matches е
    assert matches("you're to blame", "you’re to blame", "en")  # either apostrophe
    with pytest.raises(KeyError, match="no ending class"):
        phrase_pattern("stem~nonexistent", "en")


def test_every_phrase_compiles_and_flagged_phrases_use_endings_not_stars():
    data = load("lettercheck")
    for lang in ("en", "ru", "pl"):
        for kind in ("blame", "wavering", "essentials"):
            for group in data[lang][kind].values():
                for phrase in group["phrases"] + group.get("except", []):
                    re.compile(phrase_pattern(phrase, lang))
                    if kind != "essentials" and not phrase.startswith("re:"):
                        assert "*" not in phrase, (lang, phrase)


def test_every_code_has_a_message_in_every_language():
    data = load("lettercheck")
    codes = {
        lang: set(data[lang]["blame"]) | set(data[lang]["wavering"]) | set(data[lang]["essentials"])
        | {"end_date", "given_end_date", "closing", "signature", "signature_name",
           "signature_company"}
        for lang in ("en", "ru", "pl")
    }  # fmt: skip
    assert codes["en"] == codes["ru"] == codes["pl"]
    for lang in codes:
        assert set(data[lang]["messages"]) == codes[lang], lang


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "We are sorry to hear about the delay. We are sorry for ending this.", "We are sorry"),
        ("pl", "Przykro nam to słyszeć. Bardzo nam przykro, że kończymy.", "Bardzo nam przykro"),
        ("pl", "Prace wstrzymamy, chyba że strony ustalą inaczej. Chyba kończymy.", "Chyba"),
    ],
)
def test_exceptions_spare_only_their_own_words(lang, text, expected):
    assert [t for _, t in flagged(text, lang)] == [expected]


# --- signature ----------------------------------------------------------------------------


def codes_of(text, lang="en", **extra):
    return [f.code for f in findings(text, lang, **extra) if f.kind == "missing"]


BODY = "Our cooperation ends on 31 December 2026. We will hand over all files. Thank you."


@pytest.mark.parametrize(
    "ending",
    [
        "\n\nKind regards,\nOla Nowak",
        "\n\nKind regards,\n\n\nOla Nowak\nManaging Director\nStudio North",  # room to sign
        "\n\nBest wishes, Ola Nowak",
        "\n\nYours sincerely\nOla Nowak\n\nP.S. The files are in the shared folder.",
    ],
)
def test_a_closing_with_a_name_under_it_is_a_signature(ending):
    assert codes_of(BODY + ending) == []


def test_no_closing_and_a_closing_without_a_name_are_both_missing_signatures():
    assert codes_of(BODY) == ["closing"]
    assert codes_of(BODY + "\n\nKind regards,") == ["signature"]
    assert codes_of(BODY + "\n\nKind regards,\n\n") == ["signature"]
    # "Thank you for …" in the body is not a closing line.
    assert codes_of("Thank you for your trust.\n" + BODY) == ["closing"]


def test_the_given_sender_and_company_must_be_in_the_signature_not_elsewhere():
    letter = "Ola Nowak\nStudio North\n\n" + BODY + "\n\nKind regards,\nAnna Kowalska\nOther Ltd"
    found = {f.code: f.message for f in findings(letter, sender="Ola Nowak", company="Studio North")}
    assert set(found) == {"signature_name", "signature_company"}
    assert "Ola Nowak" in found["signature_name"] and "Studio North" in found["signature_company"]
    signed = BODY + "\n\nKind regards,\nOLA NOWAK\nManaging Director\nStudio North sp. z o.o."
    assert codes_of(signed, sender="Ola  Nowak", company="Studio North") == []
    # A name inside another name is not the name.
    assert codes_of(BODY + "\n\nKind regards,\nOla Nowakowska", sender="Ola Nowak") == [
        "signature_name"
    ]


@pytest.mark.parametrize("lang", GOOD)
def test_the_signature_check_speaks_each_language(lang):
    sender, company = SENDERS[lang]
    assert findings(GOOD[lang], lang, sender=sender, company=company) == ()
    body = GOOD[lang].split("\n\n")[0]
    (missing,) = findings(body, lang)
    assert missing.code == "closing"
    assert missing.message == load("lettercheck")[lang]["messages"]["closing"]
    other = body + "\n\n" + {"en": "Regards,", "ru": "С наилучшими пожеланиями,",
                             "pl": "Serdecznie pozdrawiam,"}[lang] + "\nJan Kowal"  # fmt: skip
    (wrong,) = findings(other, lang, sender=sender)
    assert wrong.code == "signature_name" and sender in wrong.message


@pytest.mark.parametrize(
    ("lang", "reason", "tone", "jurisdiction"),
    itertools.product(
        ["en", "ru", "pl"],
        ["specialization", "capacity", "unpaid_invoices", "breach"],
        ["warm", "neutral", "formal"],
        ["ru", "pl", "other"],
    ),
)
def test_every_composed_letter_passes_with_its_senders_signature(lang, reason, tone, jurisdiction):
    from partways import compose_letter

    sender, company = SENDERS[lang]
    letter = compose_letter(
        {"lang": lang, "client": "Acme", "contact": "Jane Doe", "sender": sender,
         "company": company, "contract": "12", "received": "2026-12-01", "days": 14,
         "jurisdiction": jurisdiction, "reason": reason, "tone": tone,
         "options": ["finish_stage", "handover", "data", "final_invoice", "call", "referral"],
         "partner": "Bright Co"}
    )  # fmt: skip
    result = check_letter(
        {"text": letter.text, "lang": lang, "end_date": letter.end_date.isoformat(),
         "sender": sender, "company": company}
    )  # fmt: skip
    assert result.ok, result.to_dict()


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "written"),
    [
        ("pl", "31 grudnia 2026 r."),
        ("pl", "31\u00a0grudnia 2026\u00a0r."),
        ("pl", "31.12.2026 r."),
        ("ru", "31 декабря 2026 г."),
        ("ru", "31 декабря 2026 года"),
        ("ru", "31.12.2026"),
        ("en", "31 December 2026"),
        ("en", "31st December 2026"),
        ("en", "December 31, 2026"),
        ("en", "2026-12-31"),
        ("en", "31/12/2026"),
    ],
)
def test_a_given_end_date_is_recognised_however_it_is_written(lang, written):
    # The date ends the sentence: its "r." / "г." is also the full stop.
    text = GOOD[lang].replace(GOOD[lang].split(". ")[0], f"Ends {written}".rstrip("."))
    assert "given_end_date" not in codes_of(text, lang, end_date="2026-12-31")


@pytest.mark.parametrize(
    ("lang", "written"),
    [("pl", "1 grudnia 2026 r."), ("ru", "31 декабря 2025 г."), ("en", "131.12.2026"),
     ("en", "31.12.20261")],
)  # fmt: skip
def test_another_date_is_not_the_given_end_date(lang, written):
    text = GOOD[lang].replace(GOOD[lang].split(". ")[0], f"Ends {written}".rstrip("."))
    assert "given_end_date" in codes_of(text, lang, end_date="2026-12-31")


def test_a_date_ending_a_sentence_is_no_problem():
    text = GOOD["pl"].replace("Przekażemy", "Do 31 grudnia 2026 r. może Pan odebrać pliki. Przekażemy")
    assert findings(text, "pl", end_date="2026-12-31") == ()


# --- speed ----------------------------------------------------------------------------------


def test_patterns_are_compiled_once_per_language():
    from partways import _lettercheck

    check_letter({"text": GOOD["ru"], "lang": "ru"})
    before = _lettercheck._categories.cache_info().misses
    for _ in range(3):
        check_letter({"text": GOOD["ru"] + " Возможно.", "lang": "ru"})
    assert _lettercheck._categories.cache_info().misses == before


def test_a_date_ending_a_message_keeps_one_full_stop(monkeypatch):
    messages = load("lettercheck")["pl"]["messages"]
    monkeypatch.setitem(messages, "given_end_date", "Brakuje daty {date}.")
    (missing,) = findings(GOOD["pl"], "pl", end_date="2027-01-15")
    assert missing.message == "Brakuje daty 15 stycznia 2027 r."
