"""The letter check: blame, wavering and missing essentials, per language, with offsets."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partways._data import load
from partways._errors import ValidationError
from partways._lettercheck import check_letter, phrase_pattern

GOOD = {
    "en": "Our cooperation ends on 31 December 2026. We will hand over all files. Thank you.",
    "ru": "Сотрудничество завершится 31 декабря 2026 г. Мы передадим все файлы. Спасибо.",
    "pl": "Współpraca zakończy się 31 grudnia 2026 r. Przekażemy wszystkie pliki. Dziękujemy.",
}


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
    assert codes == {("missing", "end_date"), ("missing", "thanks"), ("missing", "handover")}
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


@pytest.mark.parametrize(("lang", "hedge"), [("ru", "Возможно"), ("pl", "Ewentualnie")])
def test_messages_are_in_the_letters_language(lang, hedge):
    messages = load("lettercheck")[lang]["messages"]
    found = {f.code: f.message for f in findings(f"{hedge}.", lang)}
    assert found == {code: messages[code] for code in ("hedging", "end_date", "thanks", "handover")}


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
