"""The browser's JSON entry point: same results as the API, errors as data, never raises."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from partways import handle_json, handle_request

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
FIELD_NAMES = st.sampled_from(
    ["lang", "received", "days", "business_days", "weeks", "months", "jurisdiction", "client",
     "contact", "contact_email", "sender", "company", "contract", "reason", "tone", "options",
     "done", "text", "end_date", "payment_delay_days", "haggling", "illegal_request",
     "talked_already", "letter_date", "partner", "format", "period", "unit", "end_of_month",
     "sent", "method"]
)
TOOLS = st.sampled_from(["assess", "checklist", "notice", "receipt", "letter", "letter_check"])


def _assert_documented_shape(answer):
    assert set(answer) >= {"ok", "tool"}
    if answer["ok"]:
        assert isinstance(answer["result"], dict)
    else:
        assert answer["errors"], "a failed answer names at least one field"
        for error in answer["errors"]:
            assert set(error) == {"field", "code", "message"}
            assert all(isinstance(error[key], str) and error[key] for key in error)
    json.dumps(answer)  # serializable as it is


def test_notice_request_answers_the_end_date():
    answer = handle_request(
        {"tool": "notice", "input": {"received": "2026-12-28", "days": 3, "jurisdiction": "ru"}}
    )
    assert answer["ok"] is True
    assert answer["result"]["period_end"] == "2026-12-31"
    assert answer["result"]["end_date"] == "2027-01-11"


def test_errors_come_back_in_the_request_language():
    answer = handle_request(
        {"tool": "notice", "input": {"received": "2026-02-30", "days": 3, "lang": "pl"}}
    )
    assert answer["ok"] is False
    (error,) = answer["errors"]
    assert error["field"] == "received" and error["code"] == "impossible_date"
    assert "2026-02-30" in error["message"] and "datą" in error["message"]


def test_unknown_tool_and_malformed_json_are_errors_not_exceptions():
    answer = handle_request({"tool": "rm -rf", "input": {}})
    assert answer["errors"][0]["field"] == "tool"
    answer = json.loads(handle_json("{not json"))
    assert answer["ok"] is False and answer["errors"][0]["code"] == "malformed_json"


def test_json_round_trip_keeps_non_ascii_text():
    request = {"tool": "checklist", "input": {"jurisdiction": "ru", "lang": "ru"}}
    answer = json.loads(handle_json(json.dumps(request)))
    assert answer["ok"] and answer["result"]["groups"][0]["title"]
    assert any("ГК" in (i["cite"] or "") for g in answer["result"]["groups"] for i in g["items"])


@settings(max_examples=300, deadline=None)
@given(tool=st.one_of(TOOLS, JSON_VALUES), data=st.dictionaries(FIELD_NAMES, JSON_VALUES))
def test_entry_point_never_raises_and_keeps_its_shape(tool, data):
    _assert_documented_shape(handle_request({"tool": tool, "input": data}))


@settings(max_examples=200, deadline=None)
@given(request=JSON_VALUES)
def test_entry_point_survives_any_json_document(request):
    _assert_documented_shape(json.loads(handle_json(json.dumps(request))))


def test_short_notice_periods_come_with_a_calendar_of_days_off():
    answer = handle_request(
        {"tool": "notice", "input": {"received": "2026-11-05", "days": 3, "jurisdiction": "pl"}}
    )
    days = {day["date"]: day for day in answer["result"]["calendar"]}
    assert list(days)[0] == "2026-11-05" and list(days)[-1] == "2026-11-09"
    assert days["2026-11-08"]["day_off"] and days["2026-11-09"]["is_end"]
    long = handle_request({"tool": "notice", "input": {"received": "2026-11-05", "months": 6}})
    assert long["result"]["calendar"] == []


def test_messages_follow_the_readers_language_even_for_a_letter_in_another():
    answer = handle_request({"tool": "letter", "lang": "pl", "input": {"lang": "en"}})
    assert answer["ok"] is False
    client = next(e for e in answer["errors"] if e["field"] == "client")
    assert client["code"] == "required" and "wymagane" in client["message"]
