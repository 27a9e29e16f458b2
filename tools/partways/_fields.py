"""Validation at the edge: read a request mapping into typed values, collecting field errors.

Every tool reads its request through a :class:`Reader`, so each value is checked once and
every problem is reported together, named by field, in the request's language.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from ._errors import FieldError, ValidationError

MIN_YEAR = 1991
MAX_YEAR = 2100
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A field of one entry in a list of entries, as a form names it: "invoices.0.amount".
_DOTTED = re.compile(r"([a-z_]+)\.(\d{1,4})\.([a-z_]+)")
_INTEGER = re.compile(r"[+-]?\d+")
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}


class Reader:
    """Reads fields out of one request; call :meth:`finish` to raise collected errors."""

    def __init__(self, data: Any, *, known: Iterable[str] | None = None):
        self.errors: list[FieldError] = []
        if not isinstance(data, Mapping):
            self.errors.append(FieldError("input", "not_an_object", data))
            data = {}
        self.data: Mapping[str, Any] = data
        if known is not None:
            allowed = set(known)
            for key in data:
                dotted = _DOTTED.fullmatch(key) if isinstance(key, str) else None
                if key not in allowed and not (dotted and dotted[1] in allowed):
                    self.errors.append(FieldError(str(key), "unknown_field", key))

    def _fail(self, name: str, code: str, value: Any = None, **params: Any) -> None:
        self.errors.append(FieldError(name, code, value, params))

    def _get(self, name: str, required: bool) -> Any:
        value = self.data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self._fail(name, "required")
            return None
        return value

    def date(self, name: str, *, required: bool = True) -> dt.date | None:
        value = self._get(name, required)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            text = value.strip() if isinstance(value, str) else None
            if text is None or not _ISO_DATE.fullmatch(text):
                self._fail(name, "not_a_date", value)
                return None
            try:
                value = dt.date.fromisoformat(text)
            except ValueError:
                self._fail(name, "impossible_date", value)
                return None
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            self._fail(name, "date_out_of_range", value.isoformat(), low=MIN_YEAR, high=MAX_YEAR)
            return None
        return value

    def integer(
        self, name: str, *, low: int, high: int, required: bool = True, default: int | None = None
    ) -> int | None:
        value = self._get(name, required)
        if value is None:
            return default
        if isinstance(value, bool):
            self._fail(name, "not_an_integer", value)
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
            value = int(value.strip())
        if not isinstance(value, int):
            self._fail(name, "not_an_integer", value)
            return None
        if value > high:
            self._fail(name, "too_large", value, high=high)
            return None
        if value < low:
            self._fail(name, "too_small", value, low=low)
            return None
        return value

    def amount(self, name: str, *, high: Decimal, required: bool = True) -> Decimal | None:
        """A positive amount of money with at most two decimals ("1200.50" or "1200,50")."""
        from ._money import parse_amount

        value = self._get(name, required)
        if value is None:
            return None
        amount = parse_amount(value)
        if amount is None:
            self._fail(name, "not_an_amount", value)
        elif amount > high:
            self._fail(name, "too_large", value, high=high)
        elif amount <= 0:
            self._fail(name, "too_small", value, low="0.01")
        else:
            return amount
        return None

    def is_given(self, name: str) -> bool:
        value = self.data.get(name)
        return value is not None and not (isinstance(value, str) and not value.strip())

    def boolean(self, name: str, *, default: bool = False) -> bool:
        value = self.data.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        self._fail(name, "not_a_boolean", value)
        return default

    def choice(self, name: str, choices: Iterable[str], *, default: str | None = None) -> str | None:
        options = tuple(choices)
        value = self._get(name, required=default is None)
        if value is None:
            return default
        if isinstance(value, str) and value.strip().lower() in options:
            return value.strip().lower()
        self._fail(name, "not_a_choice", value, choices=", ".join(options))
        return default

    def text(
        self, name: str, *, required: bool = True, max_length: int = 200, multiline: bool = False
    ) -> str:
        value = self._get(name, required)
        if value is None:
            return ""
        if not isinstance(value, str):
            self._fail(name, "not_text", value)
            return ""
        value = unicodedata.normalize("NFC", value.replace("\r\n", "\n")).strip()
        allowed = {"\n", "\t"} if multiline else set()
        if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in value):
            self._fail(name, "control_characters", value)
            return ""
        if len(value) > max_length:
            self._fail(name, "too_long", value, limit=max_length)
            return ""
        return value if multiline else " ".join(value.split())

    def flags(self, name: str, choices: Iterable[str]) -> frozenset[str]:
        """A set of option names, given as a list or as a comma-separated string."""
        options = tuple(choices)
        value = self.data.get(name)
        if value is None or value == "":
            return frozenset()
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, (list, tuple)) or not all(isinstance(i, str) for i in items):
            self._fail(name, "not_a_list", value)
            return frozenset()
        chosen = {item.strip().lower() for item in items if item.strip()}
        unknown = sorted(chosen - set(options))
        if unknown:
            self._fail(name, "not_a_choice", ", ".join(unknown), choices=", ".join(options))
            return frozenset(chosen & set(options))
        return frozenset(chosen)

    def records(self, name: str, fields: Iterable[str], *, limit: int) -> list[str]:
        """A list of small entries (invoices), given as a list of mappings or as dotted form
        fields (``invoices.0.number``). Returns each entry's prefix (``"invoices.0"``): its
        fields are then read with the other methods by their dotted names, so an error names
        the field as the reader sent it. Entries left wholly blank are skipped."""
        names = tuple(fields)
        rows: dict[int, dict[str, Any]] = {}
        given = self.data.get(name)
        if isinstance(given, (list, tuple)):
            for index, entry in enumerate(given):
                if not isinstance(entry, Mapping):
                    self._fail(f"{name}.{index}", "not_an_entry", entry)
                    continue
                rows[index] = dict(entry)
        elif given is not None and given != "":
            self._fail(name, "not_a_list_of_entries", given)
        for key, value in self.data.items():
            dotted = _DOTTED.fullmatch(key) if isinstance(key, str) else None
            if dotted and dotted[1] == name:
                rows.setdefault(int(dotted[2]), {})[dotted[3]] = value
        flat: dict[str, Any] = {}
        prefixes = []
        for index in sorted(rows):
            prefix = f"{name}.{index}"
            for field in rows[index]:
                if field not in names:
                    self._fail(f"{prefix}.{field}", "unknown_field", f"{prefix}.{field}")
            entry = {field: rows[index].get(field) for field in names}
            if all(value is None or (isinstance(value, str) and not value.strip())
                   for value in entry.values()):
                continue
            flat.update({f"{prefix}.{field}": value for field, value in entry.items()})
            prefixes.append(prefix)
        if len(prefixes) > limit:
            self._fail(name, "too_many", len(prefixes), high=limit)
            prefixes = prefixes[:limit]
        self.data = {**self.data, **flat}
        return prefixes

    def finish(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)
