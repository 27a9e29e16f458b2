"""The letters' parties in each language, shared by the letter wording tests of every kind:
a Russian contact and sender with patronymics, to be inflected and shortened to initials."""

LANGS = ("en", "ru", "pl")
JURISDICTIONS = ("ru", "pl", "other")
PARTIES = {
    "en": {"client": "Northwind Trading Ltd", "contact": "Alex Morgan", "sender": "Jamie Lee",
           "company": "Studio North Ltd"},
    "ru": {"client": "ООО «Северный ветер»", "contact": "Петрова Ирина Викторовна",
           "sender": "Смирнов Алексей Сергеевич", "company": "ООО «Студия Норд»"},
    "pl": {"client": "Wiatr Północny sp. z o.o.", "contact": "Anna Kowalska",
           "sender": "Piotr Nowak", "company": "Studio Nord sp. z o.o."},
}  # fmt: skip
