"""The assessment: verdicts follow the sources' rules, and every word exists in every language."""

from __future__ import annotations

import json
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partways import ValidationError
from partways._assess import (
    CONTRACT_TYPES,
    VERDICTS,
    _step,
    assess,
    next_step_ids,
    signal_definitions,
    signal_names,
    signs_table,
    unilateral_steps,
)
from partways._data import load
from partways._i18n import LANGUAGES, choice_labels, field_label

DATA = load("assessment")
BOOLEAN_SIGNALS = [s["name"] for s in DATA["signals"] if s["kind"] == "boolean"]
SERIOUS = [s["name"] for s in DATA["signals"] if s.get("severity") == "serious"]
MINOR = [s["name"] for s in DATA["signals"] if s.get("severity") == "minor"]
OTHER_BOOLEANS = [name for name in BOOLEAN_SIGNALS if name != "illegal_request"]

answers = st.fixed_dictionaries(
    {},
    optional={
        "payment_delay_days": st.integers(0, 3650),
        **{name: st.booleans() for name in BOOLEAN_SIGNALS},
        "lang": st.sampled_from(LANGUAGES),
    },
)


def rank(verdict: str) -> int:
    return VERDICTS.index(verdict)


def signals_of(result) -> list[str]:
    return [reason.signal for reason in result.reasons]


# ---------------------------------------------------------------- the rules


def test_the_form_asks_the_fixed_signal_names():
    fixed = {
        "payment_delay_days", "haggling", "disrespect", "ignores_advice", "scope_creep",
        "excessive_demands", "unethical_request", "illegal_request", "unprofitable",
        "team_strain", "talked_already",
    }  # fmt: skip
    assert fixed <= set(signal_names())
    assert signal_names()[0] == "payment_delay_days"


@settings(max_examples=200, deadline=None)
@given(request=answers)
def test_an_illegal_request_stops_everything_whatever_else_is_true(request):
    result = assess({**request, "illegal_request": True})
    assert result.verdict == "stop"
    assert result.reasons[0].signal == "illegal_request"
    assert result.alternatives == ()


def test_nothing_wrong_means_keep():
    result = assess({})
    assert (result.verdict, result.score, result.reasons) == ("keep", 0, ())


@pytest.mark.parametrize("days", [1, 2, 3])
def test_a_delay_of_one_to_three_days_is_normal(days):
    result = assess({"payment_delay_days": days})
    assert result.verdict == "keep"
    assert signals_of(result) == ["payment_delay_days"]
    assert result.reasons[0].weight == 0


@pytest.mark.parametrize("days", [4, 9, 14])
def test_a_delay_between_normal_and_warning_is_watched_and_said_so(days):
    result = assess({"payment_delay_days": days})
    assert result.verdict == "watch"
    assert str(days) in result.reasons[0].text and "15" in result.reasons[0].text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_twenty_day_delay_is_a_yellow_card_that_names_the_delay(lang):
    result = assess({"payment_delay_days": 20, "lang": lang})
    assert result.verdict == "yellow"
    (reason,) = result.reasons
    assert reason.signal == "payment_delay_days" and reason.weight > 0
    assert "20" in reason.text
    assert "prepayment" in [step.id for step in result.alternatives]


def test_longer_delays_weigh_more():
    weights = [assess({"payment_delay_days": d}).score for d in (2, 10, 20, 45)]
    assert weights == sorted(weights) and len(set(weights)) == 4


@pytest.mark.parametrize("signal", SERIOUS)
def test_a_serious_sign_earns_a_yellow_card_then_red_after_the_talk(signal):
    before = assess({signal: True})
    after = assess({signal: True, "talked_already": True})
    assert before.verdict == "yellow"
    assert after.verdict == "red"
    assert signals_of(after) == [signal, "talked_already"]
    assert after.score == before.score


@pytest.mark.parametrize("signal", MINOR)
def test_a_single_minor_sign_is_only_watched_even_after_the_talk(signal):
    assert assess({signal: True}).verdict == "watch"
    assert assess({signal: True, "talked_already": True}).verdict == "watch"


def test_enough_minor_signs_add_up_to_a_yellow_card():
    threshold = max(rule["from"] for rule in DATA["rules"]["score_floors"])
    chosen, score = [], 0
    for name in MINOR:
        chosen.append(name)
        score += next(s["weight"] for s in DATA["signals"] if s["name"] == name)
        if score >= threshold:
            break
    result = assess(dict.fromkeys(chosen, True))
    assert result.verdict == "yellow" and result.score == score
    assert assess(dict.fromkeys(chosen[:-1], True)).verdict == "watch"


def test_the_talk_alone_changes_nothing():
    assert assess({"talked_already": True}).verdict == "keep"


@settings(max_examples=200, deadline=None)
@given(request=answers, extra=st.sampled_from(OTHER_BOOLEANS))
def test_an_extra_sign_never_softens_the_verdict(request, extra):
    base = assess(request)
    worse = assess({**request, extra: True})
    assert rank(worse.verdict) >= rank(base.verdict)
    assert worse.score >= base.score


@settings(max_examples=200, deadline=None)
@given(request=answers)
def test_reasons_name_every_contributing_signal_and_add_up_to_the_score(request):
    result = assess(request)
    named = set(signals_of(result))
    for name in BOOLEAN_SIGNALS:
        if request.get(name) and name != "talked_already":
            assert name in named
    if request.get("payment_delay_days", 0) > 0:
        assert "payment_delay_days" in named
    assert sum(reason.weight for reason in result.reasons) == result.score
    assert all(reason.text for reason in result.reasons)
    weights = [r.weight for r in result.reasons if r.signal != "talked_already"]
    assert weights == sorted(weights, reverse=True)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_yellow_card_starts_with_a_frank_conversation(lang):
    result = assess({"scope_creep": True, "lang": lang})
    assert result.next_steps[0].id == "frank_conversation"
    assert {"written_scope", "renegotiate_price"} <= {step.id for step in result.alternatives}


def test_alternatives_follow_the_signs_without_repeats():
    result = assess({"disrespect": True, "team_strain": True, "haggling": True})
    ids = [step.id for step in result.alternatives]
    assert len(ids) == len(set(ids))
    assert {"change_manager", "shield_team", "renegotiate_price"} <= set(ids)


def test_result_is_json_safe_and_in_the_requested_language():
    result = assess({"disrespect": "yes", "payment_delay_days": "40", "lang": "ru"})
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) == {
        "verdict", "contract_type", "title", "summary", "score", "reasons", "next_steps",
        "alternatives",
    }  # fmt: skip
    assert data["title"] == DATA["verdicts"][data["verdict"]]["ru"]["title"]
    assert data["contract_type"] == "unknown"
    assert set(data["reasons"][0]) == {"signal", "weight", "text"}
    assert set(data["next_steps"][0]) == {"id", "text", "citations"}
    assert result.lang == "ru"


# ---------------------------------------------------------------- validation


def test_every_bad_answer_is_reported_by_field():
    with pytest.raises(ValidationError) as caught:
        assess({"payment_delay_days": -1, "haggling": "sometimes", "mood": 1, "lang": "de"})
    assert {e.field for e in caught.value.errors} == {
        "payment_delay_days", "haggling", "mood", "lang"
    }  # fmt: skip


def test_too_long_a_delay_is_out_of_range():
    with pytest.raises(ValidationError) as caught:
        assess({"payment_delay_days": 3651})
    assert [(e.field, e.code) for e in caught.value.errors] == [
        ("payment_delay_days", "too_large")
    ]


# ---------------------------------------------------------------- the form and the table


@pytest.mark.parametrize("lang", LANGUAGES)
def test_signal_definitions_render_the_whole_form(lang):
    definitions = signal_definitions(lang)
    assert [d["name"] for d in definitions] == list(signal_names())
    for definition in definitions:
        assert definition["kind"] in ("boolean", "days")
        assert definition["label"] and definition["label"] != definition["name"]
        assert definition["help"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_signs_table_covers_every_sign_and_every_delay_band(lang):
    rows = signs_table(lang)
    signs = {s["name"] for s in DATA["signals"] if "severity" in s or "bands" in s}
    assert {row["signal"] for row in rows} == signs
    assert "talked_already" not in {row["signal"] for row in rows}
    bands = [row for row in rows if row["signal"] == "payment_delay_days"]
    assert [row["verdict"] for row in bands] == ["keep", "watch", "yellow", "yellow"]
    assert all(row["label"] and row["line"] and row["action"] for row in rows)
    illegal = next(row for row in rows if row["signal"] == "illegal_request")
    assert illegal["verdict"] == "stop"


# ---------------------------------------------------------------- data completeness


def _texts(lang: str) -> dict[str, str]:
    """Every reader-facing text of the assessment in ``lang``, by a path naming it."""
    found: dict[str, str] = {}
    for signal, by_lang in DATA["words"].items():
        words = by_lang[lang]
        for key in ("help", "line", "action", "reason"):
            if key in words:
                found[f"words.{signal}.{key}"] = words[key]
        for band, band_words in words.get("bands", {}).items():
            for key, text in band_words.items():
                found[f"words.{signal}.bands.{band}.{key}"] = text
    for verdict, rules in DATA["verdicts"].items():
        for key, text in rules[lang].items():
            found[f"verdicts.{verdict}.{key}"] = text
    for table in ("steps", "alternatives"):
        for step, by_lang in DATA[table].items():
            found[f"{table}.{step}"] = by_lang[lang]
    return found


def test_every_text_exists_in_every_language_and_is_translated():
    english = _texts("en")
    for lang in ("ru", "pl"):
        texts = _texts(lang)
        assert set(texts) == set(english), lang
        same = [key for key, text in texts.items() if text == english[key]]
        assert same == [], (lang, same)
    for lang in LANGUAGES:
        assert all(text.strip() for text in _texts(lang).values())


def test_every_signal_and_band_has_its_words():
    for signal in DATA["signals"]:
        for lang in LANGUAGES:
            words = DATA["words"][signal["name"]][lang]
            assert words["help"]
            if "severity" in signal:
                assert {"line", "action", "reason"} <= set(words)
            for band in signal.get("bands", ()):
                assert {"line", "action", "reason"} <= set(words["bands"][band["id"]])
            assert field_label(lang, signal["name"]) != signal["name"]
    assert {"reason"} <= set(DATA["words"][DATA["rules"]["escalation"]["signal"]]["en"])


def test_rules_name_only_known_verdicts_steps_and_alternatives():
    rules = DATA["rules"]
    assert set(rules["severity_floors"].values()) <= set(VERDICTS)
    assert {rule["verdict"] for rule in rules["score_floors"]} <= set(VERDICTS)
    assert {rules["escalation"]["from"], rules["escalation"]["to"]} <= set(VERDICTS)
    assert set(DATA["verdicts"]) == set(VERDICTS)
    for rules_of_verdict in DATA["verdicts"].values():
        assert set(rules_of_verdict["next_steps"]) <= set(DATA["steps"])
        assert set(rules_of_verdict["alternatives"]) <= set(DATA["alternatives"])
    for signal in DATA["signals"]:
        assert set(signal.get("alternatives", ())) <= set(DATA["alternatives"])
        severities = [signal.get("severity")] + [b["severity"] for b in signal.get("bands", ())]
        assert set(filter(None, severities)) <= set(rules["severity_floors"])


def test_band_templates_use_only_the_days_placeholder():
    for by_lang in DATA["words"].values():
        for words in by_lang.values():
            for band_words in words.get("bands", {}).values():
                fields = {f for _, f, _, _ in string.Formatter().parse(band_words["reason"]) if f}
                assert fields <= {"days"}


def test_delay_bands_are_contiguous_from_one_day():
    (delay,) = [s for s in DATA["signals"] if s["kind"] == "days"]
    bands = delay["bands"]
    assert bands[0]["from"] == 1 and "to" not in bands[-1]
    for earlier, later in zip(bands, bands[1:]):
        assert later["from"] == earlier["to"] + 1


# ---------------------------------------------------------------- the kind of contract


RED = {"scope_creep": True, "talked_already": True}
STOP = {"illegal_request": True}
UNILATERAL = {"reasonable_notice", "civil_announcement", "end_without_trial"}


def step_ids(result) -> list[str]:
    return [step.id for step in result.next_steps]


def test_the_unilateral_steps_are_the_ones_that_end_the_contract_by_notice():
    assert unilateral_steps() == UNILATERAL


def test_a_services_contract_keeps_the_notice_path():
    result = assess({**RED, "contract_type": "services"})
    assert result.verdict == "red" and result.contract_type == "services"
    assert step_ids(result) == [
        "contract_and_lawyer", "readiness_checklist", "reasonable_notice", "civil_announcement"
    ]  # fmt: skip


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_work_contract_leads_to_an_agreement_or_a_specific_ground_not_a_notice(lang):
    result = assess({**RED, "contract_type": "work", "lang": lang})
    assert result.verdict == "red"
    ids = step_ids(result)
    assert ids == ["contract_and_lawyer", "work_no_walkaway", "end_by_agreement",
                   "specific_grounds", "finish_the_work", "readiness_checklist"]
    assert not set(ids) & UNILATERAL
    steps = {step.id: step for step in result.next_steps}
    # Only the client may walk away (RU 717, PL 644); leaving is a breach (RU 393, PL 471).
    walkaway = {(c.act, c.articles) for c in steps["work_no_walkaway"].citations}
    # 717 is in Part Two of the Russian Civil Code and 393 in Part One: two links.
    assert walkaway == {("ru_gk", ("717",)), ("ru_gk", ("393",)), ("pl_kc", ("644", "471"))}
    grounds = {(c.act, c.articles) for c in steps["specific_grounds"].citations}
    assert grounds == {("ru_gk", ("716", "719")), ("pl_kc", ("640",))}
    for citation in steps["specific_grounds"].citations:
        assert steps["specific_grounds"].text.endswith(")") and citation.text in (
            steps["specific_grounds"].text)


def test_worked_example_a_work_contract_in_russian():
    result = assess({**RED, "contract_type": "work", "lang": "ru"})
    walkaway = result.next_steps[1]
    assert walkaway.text.startswith("По договору подряда отказаться от договора в любой момент")
    assert walkaway.text.endswith(
        "(ст.\u00a0717 ГК\u00a0РФ; ст.\u00a0393 ГК\u00a0РФ; ст.\u00a0644 и 471 ГК\u00a0Польши)")
    agreement = result.next_steps[2]
    assert "(п.\u00a01 ст.\u00a0450 и п.\u00a01 ст.\u00a0452 ГК\u00a0РФ; " in agreement.text


def test_an_unknown_contract_first_sends_the_reader_to_find_out():
    result = assess(RED)  # not said: unknown, the safe side
    assert result.contract_type == "unknown"
    ids = step_ids(result)
    assert ids[0] == "find_contract_type"
    assert not set(ids) & UNILATERAL
    assert "end_by_agreement" in ids
    assert step_ids(assess({**RED, "contract_type": "unknown"})) == ids


def test_a_stop_verdict_under_work_or_unknown_refuses_without_walking_out():
    assert "end_without_trial" in step_ids(assess({**STOP, "contract_type": "services"}))
    for kind in ("work", "unknown"):
        result = assess({**STOP, "contract_type": kind})
        assert result.verdict == "stop"
        assert step_ids(result)[0] == "refuse_in_writing"
        assert not set(step_ids(result)) & UNILATERAL


contract_kinds = st.sampled_from(CONTRACT_TYPES)


@settings(max_examples=300, deadline=None)
@given(request=answers, kind=contract_kinds)
def test_the_kind_of_contract_changes_the_path_never_the_verdict(request, kind):
    base = assess(request)
    result = assess({**request, "contract_type": kind})
    assert (result.verdict, result.score, result.reasons) == (
        base.verdict, base.score, base.reasons)
    assert step_ids(result) == next_step_ids(result.verdict, kind)
    if kind != "services":
        assert not set(step_ids(result)) & UNILATERAL
    if kind == "unknown" and result.verdict == "red":
        assert step_ids(result)[0] == "find_contract_type"


def test_no_verdict_recommends_a_notice_unless_the_contract_is_for_services():
    for verdict in VERDICTS:
        for kind in ("work", "unknown"):
            assert not set(next_step_ids(verdict, kind)) & unilateral_steps(), (verdict, kind)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_wrong_contract_type_is_named_in_the_readers_language(lang):
    with pytest.raises(ValidationError) as caught:
        assess({"contract_type": "lease", "lang": lang})
    (error,) = caught.value.errors
    assert (error.field, error.code) == ("contract_type", "not_a_choice")
    assert field_label(lang, "contract_type") in error.message(lang)


def test_the_form_offers_every_contract_type_in_every_language():
    for lang in LANGUAGES:
        labels = choice_labels(lang, "contract_type")
        assert set(labels) == set(CONTRACT_TYPES)
        assert all(label.strip() for label in labels.values())
        assert field_label(lang, "contract_type") != "contract_type"
    assert choice_labels("ru", "contract_type") != choice_labels("en", "contract_type")
    assert DATA["rules"]["default_contract_type"] == "unknown"


def test_every_cited_step_renders_in_every_language():
    for table in ("steps", "alternatives"):
        for step_id, entry in DATA[table].items():
            for lang in LANGUAGES:
                step = _step(table, step_id, lang)
                assert bool(step.citations) == bool(entry.get("cite")), step_id
                for citation in step.citations:
                    assert citation.text in step.text and citation.url.startswith("https://")
