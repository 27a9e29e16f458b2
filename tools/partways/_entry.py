"""The browser's single entry point: a JSON request in, a JSON answer out, never an exception.

Request:  {"tool": "assess|checklist|notice|receipt|letter|letter_check", "input": {...}}
Answer:   {"ok": true, "tool": ..., "result": {...}}
      or  {"ok": false, "tool": ..., "errors": [{"field": ..., "code": ..., "message": ...}]}
Messages are in the language of ``input.lang`` (English when absent or unknown).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from ._errors import FieldError, ValidationError
from ._i18n import normalize_language


def _tools() -> dict[str, Callable[[Mapping[str, Any]], Any]]:
    from ._assess import assess
    from ._checklist import checklist
    from ._letter import compose_letter
    from ._lettercheck import check_letter
    from ._notice import notice_dates
    from ._receipt import receipt_date

    return {
        "assess": assess,
        "checklist": checklist,
        "notice": notice_dates,
        "receipt": receipt_date,
        "letter": compose_letter,
        "letter_check": check_letter,
    }


TOOL_NAMES = ("assess", "checklist", "notice", "receipt", "letter", "letter_check")


def handle_request(request: Any) -> dict[str, Any]:
    """Answer one decoded request; every failure becomes ``{"ok": false, "errors": [...]}``."""
    payload = request.get("input") if isinstance(request, Mapping) else None
    # Messages speak the reader's language: the request's own "lang" (the page's), else the
    # input's (a letter may be written in another language than the page).
    asked = request.get("lang") if isinstance(request, Mapping) else None
    lang = normalize_language(asked or (payload.get("lang") if isinstance(payload, Mapping) else None))
    tool = request.get("tool") if isinstance(request, Mapping) else None
    try:
        if not isinstance(request, Mapping):
            raise ValidationError([FieldError("input", "not_an_object", request)])
        if tool not in TOOL_NAMES:
            choices = ", ".join(TOOL_NAMES)
            raise ValidationError([FieldError("tool", "unknown_tool", tool, {"choices": choices})])
        result = _tools()[tool](payload if payload is not None else {})
        return {"ok": True, "tool": tool, "result": _serialize(tool, result)}
    except ValidationError as error:
        return {"ok": False, "tool": _safe(tool), "errors": error.to_list(lang)}
    except Exception:  # noqa: BLE001 - the contract is "never raises"; the reader keeps their input
        internal = FieldError("input", "internal")
        return {"ok": False, "tool": _safe(tool), "errors": [internal.to_dict(lang)]}


CALENDAR_DAYS_LIMIT = 100


def _serialize(tool: str, result: Any) -> dict[str, Any]:
    """The result as JSON data; a short notice period also gets its day-by-day calendar."""
    data = result.to_dict()
    if tool == "notice":
        from ._notice import calendar

        short = (result.end_date - result.received).days <= CALENDAR_DAYS_LIMIT
        data["calendar"] = calendar(result) if short else []
    return data


def handle_json(text: str) -> str:
    """:func:`handle_request` for a JSON string, answering a JSON string."""
    try:
        request = json.loads(text)
    except (TypeError, ValueError) as error:
        failure = FieldError("input", "malformed_json", params={"detail": _json_detail(error)})
        return json.dumps({"ok": False, "tool": None, "errors": [failure.to_dict("en")]})
    return json.dumps(handle_request(request), ensure_ascii=False)


def _safe(tool: Any) -> str | None:
    return tool if isinstance(tool, str) and tool in TOOL_NAMES else None


def _json_detail(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} (line {error.lineno}, column {error.colno})"
    return type(error).__name__
