"""Languages the engine speaks and the interface strings it uses for messages."""

from __future__ import annotations

from typing import Any

from ._data import load

LANGUAGES = ("en", "ru", "pl")
DEFAULT_LANGUAGE = "en"


def normalize_language(lang: object) -> str:
    """The language to answer in: a supported code, else the default (never fails)."""
    if isinstance(lang, str) and lang.strip().lower() in LANGUAGES:
        return lang.strip().lower()
    return DEFAULT_LANGUAGE


def message(lang: str, key: str, **params: Any) -> str:
    """An interface message from ``data/messages.toml`` in ``lang``, formatted with ``params``."""
    table = load("messages")
    template = table[normalize_language(lang)]["errors"].get(key) or table["en"]["errors"][key]
    return template.format(**params)


def field_label(lang: str, field: str) -> str:
    """A field's human name in ``lang``; the field's own name when none is written yet.
    A field of a list's row (``invoices.1.amount``) names its row: "Invoice 2 — Amount"."""
    labels = load("messages")[normalize_language(lang)]["fields"]
    fallback = load("messages")["en"]["fields"]
    list_name, _, rest = field.partition(".")
    index, _, cell = rest.partition(".")
    if index.isdigit() and cell:
        row = (labels.get(f"{list_name}.row") or fallback.get(f"{list_name}.row") or list_name)
        return f"{row.format(n=int(index) + 1)} — {field_label(lang, f'{list_name}.{cell}')}"
    return labels.get(field) or fallback.get(field) or field


def choice_label(lang: str, field: str, value: str) -> str:
    """The human name of one value of a choice field (a reason, a tone, a jurisdiction...)."""
    table = load("choices")
    own = table[normalize_language(lang)].get(field, {})
    return own.get(value) or table["en"].get(field, {}).get(value) or value


def choice_labels(lang: str, field: str) -> dict[str, str]:
    """Every value of a choice field with its human name, in the data file's order."""
    return {value: choice_label(lang, field, value) for value in load("choices")["en"][field]}
