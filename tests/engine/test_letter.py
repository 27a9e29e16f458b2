"""The termination letter: content, plural forms, formats, validation and the .eml file."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import itertools
import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partways._data import load
from partways._eml import PLACEHOLDER_FROM, build_eml, header_safe
from partways._errors import ValidationError
from partways._inflect import format_date
from partways._letter import OPTIONS, REASONS, TONES, compose_letter, render
from partways._lettercheck import check_letter, find_issues

LANGS = ("en", "ru", "pl")
EML_HEADERS = {
    "From", "To", "Subject", "Date", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
}  # fmt: skip


def request(**changes):
    """A valid request; a change to None drops the field; a unit replaces the default days."""
    if any(unit in changes for unit in ("business_days", "weeks", "months")):
        changes.setdefault("days", None)
    base = {
        "lang": "en",
        "client": "Acme Ltd",
        "contact": "Jane Doe",
        "sender": "Ola Nowak",
        "company": "Studio North",
        "contract": "No. 12/2026",
        "received": "2026-12-01",
        "days": 14,
        "reason": "specialization",
    }
    return {key: value for key, value in (base | changes).items() if value is not None}


def parse(eml: str) -> email.message.EmailMessage:
    return email.message_from_string(eml, policy=email.policy.default)


def body_of(eml: str) -> str:
    """The body as the letter's text: LF line ends, without the final line break MIME adds."""
    content = parse(eml).get_content().replace("\r\n", "\n")
    assert content.endswith("\n")
    return content[:-1]


def shown(value: str) -> str:
    """A name the way the validator keeps it: NFC, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", value).split())


# --- content ----------------------------------------------------------------------------------


def test_english_letter_names_everyone_and_the_end_date():
    letter = compose_letter(request(jurisdiction="pl"))
    assert letter.end_date == dt.date(2026, 12, 15)
    for part in ("Dear Jane Doe,", "Acme Ltd", "No. 12/2026", "Ola Nowak", "Studio North"):
        assert part in letter.text
    assert "The notice period is 14 days" in letter.text
    assert "15 December 2026" in letter.text
    assert letter.text.startswith("1 December 2026\n")


@pytest.mark.parametrize(
    ("lang", "amount", "unit", "words"),
    [
        ("ru", 21, "days", "Срок уведомления — 21 день"),
        ("ru", 2, "business_days", "Срок уведомления — 2 рабочих дня"),
        ("ru", 5, "weeks", "Срок уведомления — 5 недель"),
        ("ru", 1, "months", "Срок уведомления — 1 месяц"),
        ("pl", 22, "days", "Okres wypowiedzenia wynosi 22 dni"),
        ("pl", 5, "business_days", "Okres wypowiedzenia wynosi 5 dni roboczych"),
        ("pl", 2, "weeks", "Okres wypowiedzenia wynosi 2 tygodnie"),
        ("pl", 1, "months", "Okres wypowiedzenia wynosi 1 miesiąc"),
        ("en", 1, "days", "The notice period is 1 day"),
    ],
)
def test_notice_period_sentence_uses_the_right_plural_form(lang, amount, unit, words):
    letter = compose_letter(request(lang=lang, **{unit: amount}))
    assert words in letter.text


@pytest.mark.parametrize(
    ("lang", "date_words"),
    [("en", "15 December 2026"), ("ru", "15 декабря 2026 г."), ("pl", "15 grudnia 2026 r.")],
)
def test_end_date_in_words_of_the_letters_language(lang, date_words):
    assert date_words in compose_letter(request(lang=lang)).text


@pytest.mark.parametrize(
    ("lang", "tone", "greeting"),
    [
        ("ru", "warm", "Jane Doe, добрый день!"),
        ("ru", "formal", "Здравствуйте, Jane Doe!"),
        ("pl", "neutral", "Dzień dobry,"),
        ("pl", "warm", "Dzień dobry!"),
        ("pl", "formal", "Szanowni Państwo,"),
        ("en", "warm", "Hello Jane Doe,"),
    ],
)
def test_greeting_follows_language_and_tone(lang, tone, greeting):
    assert greeting in compose_letter(request(lang=lang, tone=tone)).text.split("\n")


def test_jurisdiction_moves_the_end_date_off_a_holiday():
    # Received 5 Nov 2026 + 3 days = Sunday 8 Nov: Poland moves it to Monday 9 Nov.
    letter = compose_letter(request(received="2026-11-05", days=3, jurisdiction="pl"))
    assert letter.notice.period_end == dt.date(2026, 11, 8)
    assert letter.end_date == dt.date(2026, 11, 9)
    assert "9 November 2026" in letter.text


def test_each_reason_has_its_own_paragraph_per_tone():
    for lang in LANGS:
        texts = {
            (reason, tone): compose_letter(request(lang=lang, reason=reason, tone=tone)).text
            for reason in REASONS
            for tone in TONES
        }
        assert len(set(texts.values())) == len(texts)


def test_options_absent_means_the_usual_four_and_empty_means_none():
    words = load("letters_en")["letter"]["options"]
    usual = compose_letter(request()).text
    none = compose_letter(request(options=[])).text
    assert all(words[key] in usual for key in ("finish_stage", "handover", "data", "final_invoice"))
    assert words["call"] not in usual and words["referral"] not in usual
    assert not any(paragraph in none for paragraph in words.values())
    assert words["call"] in compose_letter(request(options="call, handover")).text


def test_referral_names_the_partner_when_given():
    words = load("letters_en")["letter"]["options"]
    plain = compose_letter(request(options=["referral"])).text
    named = compose_letter(request(options=["referral"], partner="Bright & Co")).text
    assert words["referral"] in plain
    assert "we recommend Bright & Co" in named
    assert any(
        "Bright & Co" in point
        for point in compose_letter(
            request(options=["referral"], partner="Bright & Co")
        ).talking_points
    )


def test_talking_points_fit_reason_and_options_in_the_letters_language():
    points_data = load("letters_ru")["talking_points"]
    letter = compose_letter(request(lang="ru", reason="breach", options=["data"]))
    assert points_data["reasons"]["breach"] in letter.talking_points
    assert points_data["options"]["data"] in letter.talking_points
    assert points_data["options"]["handover"] not in letter.talking_points
    assert any("15 декабря 2026 г." in point for point in letter.talking_points)


def test_every_combination_passes_its_own_check():
    subsets = [
        frozenset(combo) for size in range(len(OPTIONS) + 1)
        for combo in itertools.combinations(OPTIONS, size)
    ]  # fmt: skip
    for lang, reason, tone in itertools.product(LANGS, REASONS, TONES):
        for options in subsets:
            partner = "Bright Co" if "referral" in options and len(options) % 2 else None
            asked = request(
                lang=lang, reason=reason, tone=tone, options=sorted(options), partner=partner
            )
            letter = compose_letter(asked)
            end_date = letter.end_date.isoformat()
            found = check_letter(
                {"text": letter.text, "lang": lang, "end_date": end_date,
                 "sender": asked["sender"], "company": asked["company"]}
            )  # fmt: skip
            assert found.ok, (lang, reason, tone, sorted(options), found.to_dict())
            # Talking points are said, not signed: everything but the closing must be there.
            points = "\n".join(letter.talking_points)
            found = check_letter({"text": points, "lang": lang, "end_date": end_date})
            codes = [f.code for f in found.findings]
            assert codes == ["closing"], (lang, reason, tone, sorted(options), found.to_dict())


# --- formats ----------------------------------------------------------------------------------


def test_to_dict_is_json_and_has_the_promised_shape():
    data = compose_letter(request(format="markdown")).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert {
        "lang",
        "subject",
        "text",
        "markdown",
        "eml",
        "talking_points",
        "end_date",
        "period_end",
        "notice",
    } <= set(data)
    assert data["end_date"] == "2026-12-15" and data["period_end"] == "2026-12-15"
    assert data["notice"]["end_date"] == "2026-12-15"
    assert isinstance(data["talking_points"], list) and data["talking_points"]


def test_render_gives_each_format():
    letter = compose_letter(request(format="eml"))
    assert render(letter, "text") == letter.text
    assert render(letter, "markdown") == letter.markdown
    assert render(letter) == letter.eml
    with pytest.raises(ValueError):
        render(letter, "pdf")


def test_markdown_escapes_names_and_marks_the_subject():
    letter = compose_letter(request(client="*Acme* [x](y) <b>", sender="- Ola", company="1. Co"))
    assert "\\*Acme\\* \\[x\\](y) \\<b\\>" in letter.markdown
    assert "\\- Ola" in letter.markdown and "1\\. Co" in letter.markdown
    assert "**Notice of termination: contract No. 12/2026**" in letter.markdown
    assert "*Acme* [x](y) <b>" in letter.text


def test_eml_headers_and_addresses():
    letter = compose_letter(
        request(contact_email="jane@acme.example", sender_email="ola@north.example")
    )
    message = parse(letter.eml)
    assert set(message.keys()) == EML_HEADERS
    assert message["Subject"] == letter.subject
    assert message["To"].addresses[0].addr_spec == "jane@acme.example"
    assert message["To"].addresses[0].display_name == "Jane Doe"
    assert message["From"].addresses[0].addr_spec == "ola@north.example"
    assert message["From"].addresses[0].display_name == "Ola Nowak, Studio North"
    assert message["Date"].datetime.date() == dt.date(2026, 12, 1)
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert body_of(letter.eml) == letter.text
    assert "\r\n" in letter.eml and "\n" not in letter.eml.replace("\r\n", "")


def test_eml_without_addresses_invents_none():
    message = parse(compose_letter(request()).eml)
    assert message["From"].addresses[0].addr_spec == PLACEHOLDER_FROM
    assert PLACEHOLDER_FROM.endswith(".invalid")
    assert message["To"].addresses == ()
    assert message["To"].groups[0].display_name == "Jane Doe"


def test_eml_headers_cannot_be_injected_even_past_validation():
    eml = build_eml(
        sender_name="Ola\r\nBcc: victim@example.com", sender_email="",
        recipient_name="Jane\nX-Evil: 1", recipient_email="",
        subject="Hi\u2028Bcc: a@b.example\rX: y", body="Body", letter_date=dt.date(2026, 1, 2),
    )  # fmt: skip
    assert set(parse(eml).keys()) == EML_HEADERS
    assert header_safe("a\r\nb\u2029c\x85d") == "a b c d"


# --- validation -------------------------------------------------------------------------------


def errors_of(req, lang="en"):
    with pytest.raises(ValidationError) as caught:
        compose_letter(req)
    return {(e["field"], e["code"]): e["message"] for e in caught.value.to_list(lang)}


@pytest.mark.parametrize(("lang", "word"), [("ru", "обязательное"), ("pl", "wymagane")])
def test_missing_client_is_named_in_the_readers_language(lang, word):
    errors = errors_of(request(lang=lang, client=None), lang)
    assert ("client", "required") in errors
    assert word in errors[("client", "required")]


def test_every_field_error_is_reported_at_once():
    errors = errors_of(request(
        contact=None, sender="a\nb", company="x" * 201, contract="y" * 101, reason="anger",
        tone="angry", contact_email="not an email", sender_email="a@b", options=["fax"],
        jurisdiction="mars", format="pdf", letter_date="2026-13-01", extra=1,
    ))  # fmt: skip
    assert set(errors) >= {
        ("contact", "required"), ("sender", "control_characters"), ("company", "too_long"),
        ("contract", "too_long"), ("reason", "not_a_choice"), ("tone", "not_a_choice"),
        ("contact_email", "not_an_email"), ("sender_email", "not_an_email"),
        ("options", "not_a_choice"), ("jurisdiction", "not_a_choice"),
        ("format", "not_a_choice"), ("letter_date", "impossible_date"), ("extra", "unknown_field"),
    }  # fmt: skip


@pytest.mark.parametrize("periods", [{}, {"days": 3, "weeks": 2}, {"days": "", "months": ""}])
def test_exactly_one_period(periods):
    errors = errors_of(request(**({"days": None} | periods)))
    assert ("period", "one_period") in errors


@pytest.mark.parametrize(
    ("unit", "amount", "code"),
    [("days", 0, "too_small"), ("days", 3651, "too_large"), ("business_days", 2601, "too_large"),
     ("weeks", 521, "too_large"), ("months", 121, "too_large")],
)
def test_period_limits(unit, amount, code):
    errors = errors_of(request(**{unit: amount}))
    assert (unit, code) in errors


def test_letter_date_defaults_to_received_and_cannot_follow_it():
    assert compose_letter(request()).text.startswith("1 December 2026")
    assert compose_letter(request(letter_date="2026-11-20")).text.startswith("20 November 2026")
    assert ("letter_date", "letter_after_received") in errors_of(request(letter_date="2026-12-02"))


# --- properties -------------------------------------------------------------------------------

NAME = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="!"),
        min_size=1, max_size=40,
    )
    .map(shown)
    .filter(bool)
    .filter(lambda name: not any(
        f.kind != "missing" for lang in LANGS for f in find_issues(name, lang)))
)  # fmt: skip
SAMPLE_NAMES = st.sampled_from(["Łukasz Żółć", "Юлия Ёлкина", "שרה כהן", "محمد", "🦊 Fox & Co"])


@settings(max_examples=150, deadline=None)
@given(
    lang=st.sampled_from(LANGS),
    client=st.one_of(NAME, SAMPLE_NAMES),
    contact=st.one_of(NAME, SAMPLE_NAMES),
    sender=NAME,
    company=NAME,
    contract=NAME,
    received=st.dates(dt.date(1995, 1, 1), dt.date(2090, 12, 31)),
    period=st.sampled_from(
        [("days", 3650), ("business_days", 260), ("weeks", 520), ("months", 120)]
    ).flatmap(lambda p: st.tuples(st.just(p[0]), st.integers(1, p[1]))),
    jurisdiction=st.sampled_from(["ru", "pl", "other"]),
    reason=st.sampled_from(REASONS),
    tone=st.sampled_from(TONES),
    options=st.one_of(st.none(), st.lists(st.sampled_from(OPTIONS), unique=True)),
    partner=st.one_of(st.none(), NAME),
    emails=st.booleans(),
)
def test_any_letter_is_complete_blameless_and_round_trips_as_eml(
    lang,
    client,
    contact,
    sender,
    company,
    contract,
    received,
    period,
    jurisdiction,
    reason,
    tone,
    options,
    partner,
    emails,
):
    unit, amount = period
    req = request(
        lang=lang, client=client, contact=contact, sender=sender, company=company,
        contract=contract, received=received.isoformat(), jurisdiction=jurisdiction,
        reason=reason, tone=tone, options=options, partner=partner,
        contact_email="anna.k+x@mail.example.org" if emails else None,
        sender_email="o@x.example" if emails else None, **{unit: amount},
    )  # fmt: skip
    letter = compose_letter(req)
    assert client in letter.text
    assert format_date(letter.end_date, lang) in letter.text
    found = check_letter(
        {"text": letter.text, "lang": lang, "end_date": letter.end_date.isoformat()}
    )
    assert found.ok, found.to_dict()
    message = parse(letter.eml)
    assert set(message.keys()) == EML_HEADERS
    assert message["Subject"] == letter.subject
    assert body_of(letter.eml) == letter.text


def test_the_readers_edited_body_replaces_the_draft_in_every_format():
    import email
    import email.policy

    from partways import compose_letter

    edited = "Dear Jane,\n\nWe end our cooperation on 15 December 2026.\n\nThank you.\n"
    letter = compose_letter(
        {"client": "Acme", "contact": "Jane", "sender": "Ola", "company": "North",
         "contract": "12", "received": "2026-12-01", "days": 14, "reason": "capacity",
         "body": edited}
    )
    assert letter.text == edited.strip() and letter.markdown == edited.strip()
    parsed = email.message_from_string(letter.eml, policy=email.policy.default)
    assert parsed.get_content().replace("\r\n", "\n").strip() == edited.strip()


def test_a_company_name_ending_in_a_full_stop_gets_no_second_one():
    from partways import compose_letter

    letter = compose_letter(
        {"lang": "pl", "client": "Wiatr Północny sp. z o.o.", "contact": "Anna Kowalska",
         "sender": "Piotr Nowak", "company": "Studio Nord", "contract": "nr 12/2026",
         "received": "2026-12-01", "days": 14, "reason": "capacity", "tone": "neutral"}
    )
    assert "o.o.." not in letter.text and "sp. z o.o." in letter.text
    assert "Dzień dobry, Anna Kowalska" not in letter.text
