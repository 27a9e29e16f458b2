"""The live tools in Chromium give what the CLI gives for the same input, in every edition
of the site and (for the letter) in every language the engine writes."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from browser_helpers import (
    LANGUAGES,
    READ_ASSESS,
    READ_CHECKLIST,
    READ_LETTER,
    READ_NOTICE,
    cli,
    cli_json,
    engine_state,
    in_background,
    labels,
    open_tool,
    page_path,
    read,
    settle,
    until,
    widget,
)

pytestmark = pytest.mark.browser


def require_page(site_dir, lang: str, tool: str) -> None:
    built = site_dir / page_path(lang, tool) / "index.html"
    if not built.is_file():
        pytest.skip(f"the {lang} edition has no {page_path(lang, tool)} page yet ({built.name} "
                    "not built)")


def no_field_errors(page, tool: str) -> None:
    errors = widget(page, tool).locator(".pw-error").all_inner_texts()
    assert not errors, f"the {tool} tool shows errors: {errors}"


# --- notice dates ------------------------------------------------------------------------------

NOTICE_CASES = [
    # received, unit, amount, jurisdiction, the end date the law gives (checked against the CLI)
    ("2026-12-28", "days", 3, "ru", "2027-01-11"),  # Russian New Year holidays
    ("2026-11-05", "days", 3, "pl", "2026-11-09"),  # Saturday the 8th moves to Monday
    ("2026-12-28", "days", 14, "other", "2027-01-11"),
    ("2026-01-30", "months", 1, "ru", None),  # month ends on the last day of February
    ("2026-04-30", "business_days", 3, "pl", None),  # 1 and 3 May are holidays
    ("2026-12-21", "weeks", 1, "pl", None),  # Christmas
]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_notice_matches_cli(page, site_dir, lang):
    require_page(site_dir, lang, "notice")
    answers = [
        in_background(cli_json, "notice", "--received", received,
                      f"--{unit.replace('_', '-')}", str(amount),
                      "--jurisdiction", jurisdiction, "--lang", lang)
        for received, unit, amount, jurisdiction, _ in NOTICE_CASES
    ]
    root = open_tool(page, "notice", lang)
    form = root.locator("form")
    for (received, unit, amount, jurisdiction, law_says), answer in zip(NOTICE_CASES, answers):
        expected = answer.result()
        if law_says:
            assert expected["end_date"] == law_says
        form.locator('[name="jurisdiction"]').select_option(jurisdiction)
        form.locator('[name="received"]').fill(received)
        form.locator('[name="period"]').fill(str(amount))
        form.locator('[name="unit"]').select_option(unit)
        want = {
            "result": "ok",
            "end_date": expected["end_date"],
            "period_end": expected["period_end"],
            "moved_by": expected["moved_by"],
        }
        settle(lambda: read(page, "notice", READ_NOTICE), want)
        no_field_errors(page, "notice")


def test_notice_announces_each_result(page):
    """Loading then ready, and each new result is said in the polite live region."""
    page.add_init_script("""
      window.__states = [];
      new MutationObserver((records) => {
        for (const r of records) if (r.target.dataset.widget) window.__states.push(r.target.dataset.state);
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
    """)
    root = open_tool(page, "notice")
    fetched = {url.removeprefix(page.base_url) for url in page.watch.requests}
    assert "assets/pyodide/pyodide.asm.wasm" in fetched  # the runtime from the site itself
    # Our wheel from the site too, unless this browser profile restored the engine from its
    # memory snapshot (test_snapshot.py), which brings the wheel's files with it.
    if engine_state(page)["from"] == "fresh":
        assert any(url.startswith("assets/pyodide/partways-") for url in fetched)
    else:
        assert engine_state(page)["from"] == "snapshot"
    states = page.evaluate("window.__states")
    assert states[0] == "loading" and states[-1] == "ready", states
    assert "error" not in states
    region = root.locator('.pw-sr[aria-live="polite"]')
    assert region.count() == 1
    words = labels(page, "notice")
    first = until(region.text_content, what="a first announcement")
    assert first.startswith(words["end_date"])
    root.locator('[name="received"]').fill("2026-11-05")
    root.locator('[name="period"]').fill("3")
    root.locator('[name="jurisdiction"]').select_option("pl")
    # Sunday the 8th moves to Monday under art. 115, disputed: both dates are said
    settle(region.text_content,
           f"{words['end_date']}: 9 November 2026. "
           f"{words['period_end']}: 8 November 2026 ({words['disputed']})")


# --- the assessment ----------------------------------------------------------------------------

ASSESS_CASES = [
    {"payment_delay_days": 0},
    {"payment_delay_days": 45, "haggling": True, "disrespect": True, "scope_creep": True},
    {"payment_delay_days": 5, "illegal_request": True},
    {"payment_delay_days": 12, "talked_already": True, "team_strain": True,
     "poor_communication": True, "unprofitable": True, "constant_complaints": True},
    {"payment_delay_days": 90, "threatens_to_leave": True, "excessive_demands": True,
     "ignores_advice": True, "unethical_request": True},
    # The kind of contract changes the way out of a red card (issue 14 §2).
    {"payment_delay_days": 40, "talked_already": True, "scope_creep": True,
     "contract_type": "work"},
    {"payment_delay_days": 40, "talked_already": True, "scope_creep": True,
     "contract_type": "services"},
]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_assessment_matches_cli(page, site_dir, lang):
    require_page(site_dir, lang, "assess")
    root = open_tool(page, "assess", lang)
    flags = root.locator('form input[type="checkbox"][value="true"]')
    names = [box.get_attribute("name") for box in flags.all()]
    assert len(names) >= 10, names
    requests = []
    for answers in ASSESS_CASES:
        request = {name: bool(answers.get(name)) for name in names}
        request["payment_delay_days"] = answers["payment_delay_days"]
        request["contract_type"] = answers.get("contract_type", "unknown")
        requests.append(request)
    results = [in_background(cli_json, "assess", "--input", "-", "--lang", lang,
                             stdin=json.dumps(request)) for request in requests]
    verdicts = set()
    for answers, request, answer in zip(ASSESS_CASES, requests, results):
        expected = answer.result()
        verdicts.add(expected["verdict"])
        root.locator('[name="payment_delay_days"]').fill(str(answers["payment_delay_days"]))
        root.locator('select[name="contract_type"]').select_option(request["contract_type"])
        for name in names:
            root.locator(f'input[name="{name}"]').set_checked(request[name])
        want = {
            "result": "ok",
            "verdict": expected["verdict"],
            "title": expected["title"],
            "summary": expected["summary"],
            "reasons": [reason["text"] for reason in expected["reasons"]],
            "next_steps": [step["text"] for step in expected["next_steps"]],
            "alternatives": [step["text"] for step in expected["alternatives"]],
        }
        settle(lambda: read(page, "assess", READ_ASSESS), want)
        no_field_errors(page, "assess")
    assert len(verdicts) >= 3, f"the cases should reach several verdicts, got {verdicts}"
    work, services = (answer.result()["next_steps"] for answer in results[-2:])
    assert "end_by_agreement" in [s["id"] for s in work]
    assert "reasonable_notice" in [s["id"] for s in services]


# --- the checklist -----------------------------------------------------------------------------


def checklist_state(page) -> dict:
    state = read(page, "checklist", READ_CHECKLIST)
    del state["data_ready"]
    return state


def checklist_expected(lang: str, jurisdiction: str, done: list[str]) -> dict:
    data = cli_json("checklist", "--jurisdiction", jurisdiction, "--lang", lang,
                    "--done", ",".join(done))
    items = [item for group in data["groups"] for item in group["items"]]
    return {
        "result": "ok",
        "done": data["progress"]["done"],
        "total": data["progress"]["total"],
        "ready": "true" if data["ready"] else "false",
        "items": [item["id"] for item in items],
        "checked": [item["id"] for item in items if item["done"]],
    }


def tick(root, ids, checked=True):
    for item in ids:
        root.locator(f'form input[name="done"][value="{item}"]').set_checked(checked)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_checklist_matches_cli(page, site_dir, lang):
    require_page(site_dir, lang, "checklist")
    root = open_tool(page, "checklist", lang)
    jurisdiction = root.locator('select[name="jurisdiction"]')
    current = jurisdiction.input_value()
    settle(lambda: checklist_state(page), checklist_expected(lang, current, []))

    # Russia: items only Russian law asks for appear; tick some, among them one of those.
    jurisdiction.select_option("ru")
    ru = checklist_expected(lang, "ru", [])
    settle(lambda: checklist_state(page), ru)
    ticked = ["termination_clause", "provider_losses", "records", "thank_client"]
    assert set(ticked) <= set(ru["items"])
    tick(root, ticked)
    settle(lambda: checklist_state(page), checklist_expected(lang, "ru", ticked))

    # Poland: the list changes (provider_losses goes, important_reason comes); the ticks the
    # page sends are what the form held, as with --done.
    jurisdiction.select_option("pl")
    pl = checklist_expected(lang, "pl", ticked)
    assert pl["items"] != ru["items"]
    settle(lambda: checklist_state(page), pl)
    # The rebuilt items link their citations to the official text, as the static page does.
    cited = cli_json("checklist", "--jurisdiction", "pl", "--lang", lang)
    (signatory,) = [item for group in cited["groups"] for item in group["items"]
                    if item["id"] == "signatory"]
    links = root.locator('li[data-item="signatory"] a.pw-citation')
    assert [(a.get_attribute("href"), a.inner_text()) for a in links.all()] == [
        (c["url"], c["text"]) for c in signatory["citations"]]

    # Every blocking item done: ready to announce.
    blocking = cli_json("checklist", "--jurisdiction", "pl", "--lang", lang)["blockers_left"]
    tick(root, blocking)
    done = sorted(set(pl["checked"]) | set(blocking))
    expected = checklist_expected(lang, "pl", done)
    assert expected["ready"] == "true"
    settle(lambda: checklist_state(page), expected)
    progress = root.locator("[data-summary] progress")
    assert progress.get_attribute("max") == str(expected["total"])

    # Back to "other": its own list, the ticks that exist there kept.
    jurisdiction.select_option("other")
    settle(lambda: checklist_state(page),
           checklist_expected(lang, "other", done))
    no_field_errors(page, "checklist")


def test_checklist_ready_attribute_says_true_or_false(page):
    root = open_tool(page, "checklist")
    settle(lambda: read(page, "checklist", READ_CHECKLIST)["ready"], "false")
    assert read(page, "checklist", READ_CHECKLIST)["data_ready"] == "false"
    tick(root, cli_json("checklist", "--jurisdiction", "other")["blockers_left"])
    settle(lambda: read(page, "checklist", READ_CHECKLIST)["ready"], "true")
    assert read(page, "checklist", READ_CHECKLIST)["data_ready"] == "true"


# --- the letter --------------------------------------------------------------------------------

LETTER_PEOPLE = {
    "en": {"client": "Northwind Trading Ltd", "contact": "Alex Morgan", "sender": "Jamie Lee",
           "company": "Studio North", "contract": "No. 7/2026", "partner": "Bright Pixel Ltd"},
    "ru": {"client": "ООО «Северный ветер»", "contact": "Ирина Петрова",
           "sender": "Алексей Смирнов", "company": "Студия «Норд»", "contract": "№ 7/2026",
           "partner": "ООО «Пиксель»"},
    "pl": {"client": "Wiatr Północny sp. z o.o.", "contact": "Anna Kowalska",
           "sender": "Piotr Nowak", "company": "Studio Nord", "contract": "nr 7/2026",
           "partner": "Jasny Piksel sp. z o.o."},
}
# (reason, tone, jurisdiction, period unit, amount, received, letter date, options)
# Without a letter date the letter is dated today, and a letter cannot be dated after its
# receipt: those variants are received some days from today, whenever the test runs.
_IN_DAYS = lambda days: (dt.date.today() + dt.timedelta(days=days)).isoformat()  # noqa: E731
LETTER_VARIANTS = [
    ("specialization", "warm", "other", "days", 14, _IN_DAYS(3), "",
     ["finish_stage", "handover", "data", "final_invoice", "referral"]),
    ("unpaid_invoices", "formal", "ru", "months", 1, "2026-12-28", "2026-12-20",
     ["handover", "final_invoice"]),
    ("breach", "neutral", "pl", "business_days", 10, "2026-11-05", "2026-11-02",
     ["data", "call"]),
    ("capacity", "neutral", "pl", "weeks", 2, _IN_DAYS(20), "", ["finish_stage", "call"]),
]
TEXT_FIELDS = ("client", "contact", "contact_email", "sender", "sender_email", "company",
               "contract", "partner")
OPTIONS = ("finish_stage", "handover", "data", "final_invoice", "referral", "call")


def letter_inputs(letter_lang: str, variant: int) -> dict:
    reason, tone, jurisdiction, unit, amount, received, letter_date, options = (
        LETTER_VARIANTS[variant % len(LETTER_VARIANTS)])
    return {
        **LETTER_PEOPLE[letter_lang],
        "contact_email": "alex@northwind.example", "sender_email": "jamie@studio.example",
        "lang": letter_lang, "reason": reason, "tone": tone, "jurisdiction": jurisdiction,
        "unit": unit, "amount": amount, "received": received, "letter_date": letter_date,
        "options": options,
    }


def fill_letter(root, inputs: dict) -> None:
    form = root.locator("form")
    more = form.locator("details.pw-more")  # the letter date is one of its details
    if not more.evaluate("(details) => details.open"):
        more.locator("summary").click()
    for name in (*TEXT_FIELDS, "received", "letter_date"):
        form.locator(f'[name="{name}"]').fill(inputs[name])
    form.locator('[name="period"]').fill(str(inputs["amount"]))
    for name in ("jurisdiction", "unit", "lang", "reason", "tone"):
        form.locator(f'select[name="{name}"]').select_option(inputs[name])
    for option in OPTIONS:
        form.locator(f'input[name="options"][value="{option}"]').set_checked(
            option in inputs["options"])


def letter_cli_args(inputs: dict) -> list[str]:
    args = ["letter"]
    for name in (*TEXT_FIELDS, "received", "letter_date", "jurisdiction", "lang", "reason",
                 "tone"):
        if inputs[name]:
            args += [f"--{name.replace('_', '-')}", inputs[name]]
    args += [f"--{inputs['unit'].replace('_', '-')}", str(inputs["amount"])]
    args += ["--options", ",".join(inputs["options"])]
    return args


@pytest.mark.parametrize("lang", LANGUAGES)
def test_letter_matches_cli_in_every_language(page, site_dir, lang):
    require_page(site_dir, lang, "letter")
    cases = []
    for index, letter_lang in enumerate(LANGUAGES):
        # Each page edition writes in each letter language; the variants shift with the
        # edition, so that across the editions each letter language meets three reasons.
        inputs = letter_inputs(letter_lang, index + LANGUAGES.index(lang))
        args = letter_cli_args(inputs)
        cases.append((inputs, in_background(cli, *args, "--format", "text"),
                      in_background(cli_json, *args)))
    root = open_tool(page, "letter", lang)
    subject_label = labels(page, "letter")["subject"]
    for inputs, text_answer, json_answer in cases:
        text = text_answer.result().removesuffix("\n")
        data = json_answer.result()
        # The contact is greeted or addressed by first name (a Russian addressee line has
        # the dative and initials, «И. Петровой»).
        assert inputs["contact"].split()[0] in text
        fill_letter(root, inputs)
        want = {"result": "ok", "text": text, "subject": f"{subject_label}: {data['subject']}",
                "points": data["talking_points"]}
        settle(lambda: read(page, "letter", READ_LETTER), want)
        no_field_errors(page, "letter")
