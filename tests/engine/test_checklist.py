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
        ("personal_data_ru", "ru"),
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


def items_of(jurisdiction: str, lang: str = "en") -> dict[str, dict]:
    result = checklist({"jurisdiction": jurisdiction, "lang": lang})
    return {item["id"]: item for group in result.groups for item in group["items"]}


def plain(text: str | None) -> str | None:
    return text.replace("\u00a0", " ") if text else text


def test_the_statutes_are_cited_from_the_registry_in_the_readers_language():
    ru = items_of("ru", "ru")
    assert plain(ru["provider_losses"]["cite"]) == "п. 2 ст. 782 ГК РФ"
    assert plain(ru["notice_delivery"]["cite"]) == "ст. 165.1 и 450.1 ГК РФ"
    pl = items_of("pl", "pl")
    assert plain(pl["important_reason"]["cite"]) == "art. 746 i 750 k.c."
    assert plain(pl["notice_form"]["cite"]) == "art. 77 § 2 i art. 61 k.c."
    en = items_of("other")
    assert plain(en["personal_data"]["cite"]) == "Article 28(3)(g) GDPR"
    assert en["termination_clause"]["cite"] is None and en["termination_clause"]["citations"] == []
    (losses,) = items_of("ru")["provider_losses"]["citations"]
    assert losses["url"] == "https://pravo.gov.ru/proxy/ips/?docbody=&nd=102039276"  # Part Two
    assert plain(losses["text"]) == (
        "art. 782(2) of the Civil Code of the Russian Federation (Part Two)")


# ---------------------------------------------------------------- issue 14: new items


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
@pytest.mark.parametrize("item", ["contract_type", "signatory"])
def test_the_kind_of_contract_and_who_signs_block_the_announcement_everywhere(item, jurisdiction):
    assert ITEMS[item]["blocking"] is True
    others = [i for i in blocking_ids(jurisdiction) if i != item]
    result = checklist({"jurisdiction": jurisdiction, "done": others})
    assert result.ready is False and result.blockers_left == (item,)
    assert checklist({"jurisdiction": jurisdiction, "done": [*others, item]}).ready is True


def test_the_contract_type_item_cites_what_each_law_says_about_leaving():
    ru = items_of("ru")["contract_type"]
    assert [(c["act"], c["articles"]) for c in ru["citations"]] == [
        ("ru_gk", ["716", "717", "719"]), ("ru_gk", ["782"])]
    assert "only the customer may walk away" in ru["why"]
    pl = items_of("pl")["contract_type"]
    assert plain(items_of("pl", "pl")["contract_type"]["cite"]) == "art. 627, 640, 644, 746 i 750 k.c."
    assert "only the client may withdraw" in pl["why"]
    other = items_of("other")["contract_type"]
    assert other["citations"] == [] and "termination clause" in other["why"]
    assert len({ru["why"], pl["why"], other["why"]}) == 3


def test_penalties_cite_each_systems_rules():
    assert plain(items_of("pl", "pl")["sanctions"]["cite"]) == "art. 483 § 1 i art. 484 § 2 k.c."
    assert "never the payment of money" in items_of("pl")["sanctions"]["why"]
    assert plain(items_of("ru", "ru")["sanctions"]["cite"]) == "п. 3 ст. 310 и ст. 333 ГК РФ"
    assert items_of("other")["sanctions"]["citations"] == []


def test_who_signs_cites_authority_rules():
    assert plain(items_of("pl", "pl")["signatory"]["cite"]) == "art. 104 k.c."
    assert "is void" in items_of("pl")["signatory"]["why"]
    assert plain(items_of("ru", "ru")["signatory"]["cite"]) == "ст. 185 ГК РФ"


def test_rights_in_the_work_are_not_the_files():
    ru = items_of("ru")["ip_rights"]
    (rights,) = ru["citations"]
    assert rights["url"] == "https://pravo.gov.ru/proxy/ips/?docbody=&nd=102110716"  # Part Four
    assert plain(items_of("ru", "ru")["ip_rights"]["cite"]) == "п. 2 ст. 1234 ГК РФ"
    assert plain(items_of("pl", "pl")["ip_rights"]["cite"]) == (
        "art. 41 ust. 2 i art. 53 ustawy o prawie autorskim i prawach pokrewnych")
    assert "pola eksploatacji" in items_of("pl", "pl")["ip_rights"]["why"]
    assert ITEMS["ip_rights"]["blocking"] is False


def test_russian_personal_data_follows_152_fz():
    item = items_of("ru", "ru")["personal_data_ru"]
    assert item["blocking"] is True
    assert plain(item["cite"]) == (
        "ч. 3 ст. 6 и ч. 4 ст. 21 Федерального закона № 152-ФЗ «О персональных данных»")
    assert "30\u00a0дней" in item["why"]


@pytest.mark.parametrize("item", ["subcontractors", "domains_hosting", "surviving_terms"])
def test_the_new_practical_items_apply_everywhere_without_blocking(item):
    assert ITEMS[item]["blocking"] is False
    assert all(item in all_item_ids(j) for j in JURISDICTIONS)


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
    assert set(data["groups"][0]["items"][0]) == {
        "id", "text", "why", "blocking", "done", "cite", "citations"
    }  # fmt: skip
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
        assert ids == list(all_item_ids())
        applies = item.get("jurisdictions", JURISDICTIONS)
        for jurisdiction, local in item.get("by_jurisdiction", {}).items():
            assert jurisdiction in applies, item["id"]
            said = [lang for lang in LANGUAGES if "why" in local.get(lang, {})]
            assert said in ([], list(LANGUAGES)), (item["id"], jurisdiction)
            for lang in ("ru", "pl"):
                if said:
                    assert local[lang]["why"] != local["en"]["why"]


def test_every_citation_in_the_data_renders_in_every_language_and_jurisdiction():
    for jurisdiction in JURISDICTIONS:
        for lang in LANGUAGES:
            for item in items_of(jurisdiction, lang).values():
                for citation in item["citations"]:
                    assert citation["text"] in item["cite"]
                    assert citation["url"].startswith("https://")
