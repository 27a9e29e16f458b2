"""Errors the engine reports about its input: always tied to a field, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ._i18n import field_label, message


@dataclass(frozen=True)
class FieldError:
    """One problem with one input field; ``code`` names a message in ``data/messages.toml``."""

    field: str
    code: str
    value: Any = None
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        shown = _show(self.value)
        text = message(lang, self.code, value=shown, **self.params)
        return f"{field_label(lang, self.field)}: {text}"

    def to_dict(self, lang: str) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message(lang)}


class ValidationError(ValueError):
    """Raised once per request, carrying every field error found in it."""

    def __init__(self, errors: list[FieldError]):
        self.errors = list(errors)
        super().__init__("; ".join(f"{e.field}: {e.code}" for e in self.errors))

    def to_list(self, lang: str) -> list[dict[str, str]]:
        return [error.to_dict(lang) for error in self.errors]


def _show(value: Any, limit: int = 60) -> str:
    """The offending value as the reader typed it, shortened and with control characters escaped."""
    text = value if isinstance(value, str) else repr(value)
    text = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
