"""People's names in the letter: the parts of a typed name, salutations in each language,
Russian addressees in the dative with initials, and signatures as each language signs."""

from __future__ import annotations

import pytest

from partways import compose_letter
from partways._names import initials, parse_name, russian_dative

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("typed", "given", "patronymic", "surname", "gender"),
    [
        ("Петрова Ирина Викторовна", "Ирина", "Викторовна", "Петрова", "f"),
        ("Ирина Викторовна Петрова", "Ирина", "Викторовна", "Петрова", "f"),
        ("Смирнов Алексей Сергеевич", "Алексей", "Сергеевич", "Смирнов", "m"),
        ("Пётр Ильич Чайковский", "Пётр", "Ильич", "Чайковский", "m"),
        ("Анна Сергеевна Пашкевич", "Анна", "Сергеевна", "Пашкевич", "f"),
        ("Пашкевич Анна Сергеевна", "Анна", "Сергеевна", "Пашкевич", "f"),
        ("Ирина Викторовна", "Ирина", "Викторовна", "", "f"),
        ("Ирина Петрова", "Ирина", "", "Петрова", "none"),
        ("Irina Viktorovna Petrova", "Irina", "Viktorovna", "Petrova", "f"),
        ("Jane Doe", "Jane", "", "Doe", "none"),
        ("Ms Jane Doe", "Jane", "", "Doe", "f"),
        ("Pan Piotr Nowak", "Piotr", "", "Nowak", "m"),
        ("Seán O'Brien", "Seán", "", "O'Brien", "none"),
    ],
)
def test_a_typed_name_is_read_into_its_parts(typed, given, patronymic, surname, gender):
    name = parse_name(typed)
    assert (name.given, name.patronymic, name.surname, name.gender) == (
        given, patronymic, surname, gender,
    )  # fmt: skip


@pytest.mark.parametrize("typed", ["<script>alert(1)</script>", "Acme 2 Ltd", "😀🎉", "'; --"])
def test_what_is_not_a_name_is_never_taken_apart(typed):
    name = parse_name(typed)
    assert not name.parsed and name.full == typed


@pytest.mark.parametrize(
    ("surname", "gender", "dative"),
    [
        ("Петрова", "f", "Петровой"), ("Петров", "m", "Петрову"),
        ("Петрова", "none", "Петровой"), ("Смирнов", "none", "Смирнову"),
        ("Ильина", "f", "Ильиной"), ("Ильин", "m", "Ильину"), ("Соловьёв", "m", "Соловьёву"),
        ("Лисицын", "m", "Лисицыну"), ("Лисицына", "f", "Лисицыной"),
        ("Достоевский", "m", "Достоевскому"), ("Достоевская", "f", "Достоевской"),
        ("Вознесенский", "none", "Вознесенскому"), ("Трубецкой", "m", "Трубецкому"),
        ("Толстой", "m", "Толстому"), ("Толстая", "f", "Толстой"),
        ("Горький", "m", "Горькому"), ("Белый", "m", "Белому"),
        ("Шевчук", "m", "Шевчуку"), ("Шевчук", "f", "Шевчук"), ("Шевчук", "none", "Шевчук"),
        ("Мюллер", "m", "Мюллеру"), ("Гоголь", "m", "Гоголю"), ("Цой", "m", "Цою"),
        ("Глинка", "m", "Глинке"), ("Глинка", "none", "Глинке"),
        ("Шевченко", "m", "Шевченко"), ("Дурново", "f", "Дурново"),
        ("Черных", "m", "Черных"), ("Седых", "f", "Седых"),
        ("Римский-Корсаков", "m", "Римскому-Корсакову"),
        ("Римская-Корсакова", "none", "Римской-Корсаковой"),
    ],
)  # fmt: skip
def test_russian_surnames_take_the_dative(surname, gender, dative):
    assert russian_dative(surname, gender) == dative


def test_initials_are_kept_together_as_russian_typography_asks():
    assert initials(parse_name("Петрова Ирина Викторовна")) == f"И.{NBSP}В."
    assert initials(parse_name("Мария-Анна Петрова")) == "М.-А."


def ru_letter(contact, gender=None, tone="neutral", sender="Смирнов Алексей Сергеевич", **more):
    return compose_letter({
        "lang": "ru", "client": "ООО «Северный ветер»", "contact": contact,
        "contact_gender": gender, "sender": sender, "company": "ООО «Студия Норд»",
        "contract": "12/2026", "letter_date": "2026-12-01", "days": 14, "reason": "capacity",
        "jurisdiction": "ru", "tone": tone, **more,
    })  # fmt: skip


@pytest.mark.parametrize(
    ("contact", "gender", "tone", "greeting", "addressee"),
    [
        ("Петрова Ирина Викторовна", None, "neutral", "Уважаемая Ирина Викторовна!", "И. В. Петровой"),
        ("Ирина Викторовна Петрова", None, "formal", "Уважаемая Ирина Викторовна!", "И. В. Петровой"),
        ("Смирнов Алексей Сергеевич", None, "neutral", "Уважаемый Алексей Сергеевич!", "А. С. Смирнову"),
        ("Ирина Викторовна Петрова", None, "warm", "Добрый день, Ирина Викторовна!", "И. В. Петровой"),
        ("Ирина Петрова", None, "neutral", "Здравствуйте, Ирина!", "И. Петровой"),
        ("Ирина Петрова", "f", "neutral", "Уважаемая Ирина!", "И. Петровой"),
        ("Олег Шевчук", "m", "formal", "Уважаемый Олег!", "О. Шевчуку"),
        ("Ирина Петрова", None, "warm", "Добрый день, Ирина!", "И. Петровой"),
        ("Jane Doe", "f", "neutral", "Уважаемая госпожа Doe!", "Jane Doe"),
        ("Jane Doe", None, "formal", "Здравствуйте, Jane!", "Jane Doe"),
    ],
)  # fmt: skip
def test_russian_greeting_and_addressee(contact, gender, tone, greeting, addressee):
    letter = ru_letter(contact, gender, tone)
    assert letter.layout["greeting"] == greeting
    assert letter.layout["recipient"][:2] == ["ООО «Северный ветер»", addressee.replace(" ", NBSP)
                                              if addressee[1] == "." else addressee]
    # Never the surname in a Russian greeting, never «компания ООО …».
    assert not any(word in greeting for word in ("Петрова", "Шевчук"))
    assert "компания" not in letter.text.lower()


@pytest.mark.parametrize(
    ("sender", "title", "signature"),
    [
        ("Смирнов Алексей Сергеевич", "Генеральный директор",
         ["Генеральный директор", "ООО «Студия Норд»", f"А.{NBSP}С.{NBSP}Смирнов"]),
        ("Алексей Смирнов", None, ["ООО «Студия Норд»", f"А.{NBSP}Смирнов"]),
        ("John Smith", "Director", ["Director", "ООО «Студия Норд»", "John Smith"]),
    ],
)
def test_a_russian_letter_is_signed_with_title_and_initials(sender, title, signature):
    letter = ru_letter("Ирина Петрова", sender=sender, signatory_title=title)
    assert letter.layout["signature"] == signature


@pytest.mark.parametrize(
    ("lang", "contact", "gender", "addressee"),
    [
        ("en", "Jane Doe", "f", "Ms Jane Doe"), ("en", "John Doe", "m", "Mr John Doe"),
        ("en", "Jane Doe", None, "Jane Doe"), ("en", "Dr Jane Doe", "f", "Dr Jane Doe"),
        ("pl", "Anna Nowak", "f", "Pani Anna Nowak"), ("pl", "Piotr Nowak", "m", "Pan Piotr Nowak"),
        ("pl", "Anna Nowak", None, "Anna Nowak"), ("pl", "Pani Anna Nowak", None, "Pani Anna Nowak"),
    ],
)  # fmt: skip
def test_the_addressee_line_carries_the_courtesy_title(lang, contact, gender, addressee):
    letter = compose_letter({
        "lang": lang, "client": "Acme sp. z o.o.", "contact": contact, "contact_gender": gender,
        "sender": "Ola Nowak", "company": "North", "contract": "1", "letter_date": "2026-12-01",
        "days": 14, "reason": "capacity", "client_address": "ul. Długa 2\n80-001 Gdańsk",
    })  # fmt: skip
    assert letter.layout["recipient"] == [addressee, "Acme sp. z o.o.", "ul. Długa 2",
                                          "80-001 Gdańsk"]  # fmt: skip
    assert "Dear Jane Doe," not in letter.text and "Do:" not in letter.text


def test_a_signature_with_initials_counts_as_the_senders_name_in_the_check():
    from partways import check_letter

    letter = ru_letter("Ирина Петрова", sender="Смирнов Алексей Сергеевич")
    assert letter.layout["signature"][-1] == f"А.{NBSP}С.{NBSP}Смирнов"
    request = {"text": letter.text, "lang": "ru", "end_date": letter.end_date.isoformat(),
               "company": "ООО «Студия Норд»"}  # fmt: skip
    assert check_letter({**request, "sender": "Смирнов Алексей Сергеевич"}).ok
    # Someone else's initials are not the sender's signature.
    signed_by_other = letter.text.replace(f"А.{NBSP}С.{NBSP}Смирнов", "П. Смирнов")
    codes = [f.code for f in check_letter({**request, "text": signed_by_other,
                                            "sender": "Смирнов Алексей Сергеевич"}).findings]
    assert codes == ["signature_name"]
