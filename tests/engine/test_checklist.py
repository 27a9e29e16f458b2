"""The readiness checklist: blocking items gate the announcement, per jurisdiction and language."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partways import ValidationError
from partways._checklist import all_item_ids, checklist, group_ids
from partways._data import load
from partways._i18n import LANGUAGES
from partways._jurisdictions import JURISDICTIONS

DATA = load("checklist")
ITEMS = {item["id"]: item for item in DATA["items"]}


def blocking_ids(jurisdiction: str) -> list[str]:
    return [i for i in all_item_ids(jurisdiction) if ITEMS[i]["blocking"]]


def item_ids_of(result) -> list[str]:
    return [item["id"] for group in result.groups for item in group["items"]]


def test_groups_come_in_the_agreed_order():
    assert group_ids() == ("legal", "money", "work_data", "communication", "afterwards")


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_not_ready_until_every_blocking_item_is_done(jurisdiction):
    blockers = blocking_ids(jurisdiction)
    assert blockers, "every jurisdiction has something to settle first"
    for missing in blockers:
        done = [i for i in blockers if i != missing]
        result = checklist({"jurisdiction": jurisdiction, "done": done})
        assert result.ready is False
        assert result.blockers_left == (missing,)
    result = checklist({"jurisdiction": jurisdiction, "done": blockers})
    assert result.ready is True and result.blockers_left == ()
    assert result.done_count == len(blockers) < result.total


def test_nothing_done_leaves_every_blocker_in_display_order():
    result = checklist({"jurisdiction": "ru"})
    assert result.blockers_left == tuple(blocking_ids("ru"))
    assert (result.done_count, result.percent, result.ready) == (0, 0, False)


@pytest.mark.parametrize(
    ("item", "only_in"),
    [
        ("provider_losses", "ru"),
        ("notice_delivery", "ru"),
        ("important_reason", "pl"),
        ("notice_form", "pl"),
        ("notice_method", "other"),
    ],
)
def test_jurisdiction_specific_items_appear_only_for_their_jurisdiction(item, only_in):
    for jurisdiction in JURISDICTIONS:
        shown = item in item_ids_of(checklist({"jurisdiction": jurisdiction}))
        assert shown == (jurisdiction == only_in), jurisdiction
        assert (item in all_item_ids(jurisdiction)) == shown
    assert item in all_item_ids()


def test_common_items_appear_everywhere():
    for item in ("termination_clause", "sanctions", "lawyer_review", "personal_data"):
        assert all(item in all_item_ids(j) for j in JURISDICTIONS)


def test_the_statutes_are_cited_in_the_readers_language():
    ru = {i["id"]: i["cite"] for g in checklist({"jurisdiction": "ru", "lang": "ru"}).groups
          for i in g["items"]}
    assert "ГК РФ" in ru["provider_losses"] and "782" in ru["provider_losses"]
    pl = {i["id"]: i["cite"] for g in checklist({"jurisdiction": "pl", "lang": "pl"}).groups
          for i in g["items"]}
    assert pl["important_reason"].startswith("KC") and "746" in pl["important_reason"]
    assert "77" in pl["notice_form"]
    en = {i["id"]: i["cite"] for g in checklist({}).groups for i in g["items"]}
    assert en["personal_data"] == "GDPR art. 28(3)(g)"
    assert en["termination_clause"] is None


@settings(max_examples=200, deadline=None)
@given(
    jurisdiction=st.sampled_from(JURISDICTIONS),
    done=st.sets(st.sampled_from(all_item_ids())),
    as_text=st.booleans(),
)
def test_progress_counts_only_the_items_that_apply(jurisdiction, done, as_text):
    applicable = set(all_item_ids(jurisdiction))
    given_done = ",".join(sorted(done)) if as_text else sorted(done)
    result = checklist({"jurisdiction": jurisdiction, "done": given_done})
    expected = len(done & applicable)
    assert result.done_count == expected
    assert result.total == len(applicable) == len(item_ids_of(result))
    assert result.percent == expected * 100 // len(applicable)
    assert (result.percent == 100) == (expected == len(applicable))
    ticked = {i["id"] for g in result.groups for i in g["items"] if i["done"]}
    assert ticked == done & applicable
    assert result.ready == (not set(blocking_ids(jurisdiction)) - done)


def test_unknown_item_id_is_an_error_on_done():
    with pytest.raises(ValidationError) as caught:
        checklist({"done": ["settlement", "bake_a_cake"]})
    (error,) = caught.value.errors
    assert (error.field, error.code) == ("done", "not_a_choice")
    assert "bake_a_cake" in error.message("en")


def test_bad_jurisdiction_and_language_are_reported_together():
    with pytest.raises(ValidationError) as caught:
        checklist({"jurisdiction": "mars", "lang": "xx", "done": 5})
    assert {e.field for e in caught.value.errors} == {"jurisdiction", "lang", "done"}


def test_defaults_are_other_and_english():
    result = checklist({})
    assert (result.jurisdiction, result.lang) == ("other", "en")


def test_to_dict_has_the_documented_shape_and_is_json_safe():
    result = checklist({"jurisdiction": "pl", "lang": "pl", "done": "settlement"})
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) == {"jurisdiction", "groups", "progress", "blockers_left", "ready"}
    assert set(data["groups"][0]) == {"id", "title", "items"}
    assert set(data["groups"][0]["items"][0]) == {"id", "text", "why", "blocking", "done", "cite"}
    assert data["progress"] == {"done": 1, "total": result.total, "percent": result.percent}
    assert "settlement" not in data["blockers_left"] and data["ready"] is False


# ---------------------------------------------------------------- data completeness


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_every_item_has_text_and_why_in_every_language(lang, jurisdiction):
    for group in checklist({"jurisdiction": jurisdiction, "lang": lang}).groups:
        assert group["title"].strip()
        for item in group["items"]:
            assert item["text"].strip() and item["why"].strip()


def test_ru_and_pl_are_translations_not_copies():
    for item in DATA["items"]:
        for lang in ("ru", "pl"):
            for key in ("text", "why"):
                assert item[lang][key] != item["en"][key], (item["id"], lang, key)
    for group in DATA["groups"]:
        assert group["ru"]["title"] != group["en"]["title"] != group["pl"]["title"]


def test_items_are_well_formed():
    ids = [item["id"] for item in DATA["items"]]
    assert len(ids) == len(set(ids))
    for item in DATA["items"]:
        assert item["group"] in group_ids()
        assert isinstance(item["blocking"], bool)
        assert set(item.get("jurisdictions", JURISDICTIONS)) <= set(JURISDICTIONS)
        cited = ["cite" in item[lang] for lang in LANGUAGES]
        assert all(cited) or not any(cited), item["id"]
        assert ids == list(all_item_ids())
