"""The command line: the fixed contract of the issue, exit codes and one-line errors."""

import email
import email.policy
import json
import subprocess
import sys

import pytest

# Every test here runs the CLI in a subprocess, which Pyodide (emscripten) cannot start.
pytestmark = pytest.mark.skipif(
    sys.platform == "emscripten", reason="runs a subprocess; Pyodide (emscripten) has none"
)

LETTER_ARGS = [
    "letter", "--lang", "en", "--client", "Acme Ltd", "--contact", "Jane Doe",
    "--sender", "Ola Nowak", "--company", "Studio North", "--contract", "No. 12/2026",
    "--received", "2026-12-01", "--letter-date", "2026-12-01", "--days", "14",
    "--jurisdiction", "pl",
    "--reason", "specialization", "--tone", "neutral",
]  # fmt: skip


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "partways", *args], input=stdin, capture_output=True, text=True
    )


def test_notice_json_contract():
    out = run("notice", "--received", "2026-12-28", "--days", "3", "--jurisdiction", "ru", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["period_end"] == "2026-12-31"
    # 31 Dec 2026 is a day off transferred from 4 Jan, then come the New Year holidays
    # (1-8 Jan) and a weekend: art. 193 moves the end to Monday 11 Jan 2027.
    assert data["end_date"] == "2027-01-11"
    assert [d["date"] for d in data["moved_by"]][0] == "2026-12-31"
    assert len(data["moved_by"]) == 11 and all(d["reason"] for d in data["moved_by"])


def test_notice_moved_days_are_listed_with_reasons():
    # Received Thu 2026-11-05, 3 days -> Sun 2026-11-08, a statutory day off -> Mon 9th.
    out = run("notice", "--received", "2026-11-05", "--days", "3", "--jurisdiction", "pl", "--json")
    data = json.loads(out.stdout)
    assert data["period_end"] == "2026-11-08"
    assert data["end_date"] == "2026-11-09"
    assert [d["date"] for d in data["moved_by"]] == ["2026-11-08"]
    assert data["moved_by"][0]["reason"]


def test_notice_end_of_month_with_period_and_unit():
    # 14 days from Sat 17 Oct 2026 end on Sat 31 Oct; art. 115 would move them to Mon 2 Nov
    # (disputed); the contract ends at the end of that month, 30 Nov.
    args = ["notice", "--received", "2026-10-17", "--period", "14", "--unit", "days",
            "--jurisdiction", "pl", "--end-of-month"]
    data = json.loads(run(*args, "--json").stdout)
    assert (data["period_end"], data["moved_end"], data["month_end"], data["end_date"]) == (
        "2026-10-31", "2026-11-02", "2026-11-30", "2026-11-30"
    )
    assert data["disputed"] is True and data["end_of_month"] is True
    assert [note["kind"] for note in data["notes"]] == ["disputed", "month_end"]
    without = json.loads(run(*args[:-1], "--json").stdout)
    assert (without["end_date"], without["month_end"]) == ("2026-11-02", None)
    text = run(*args, "--lang", "pl").stdout
    assert "Koniec okresu: 31 października 2026 r." in text
    assert "Koniec przesunięty (art. 115 k.c., sporne): 2 listopada 2026 r." in text
    assert "Koniec miesiąca kalendarzowego: 30 listopada 2026 r." in text
    assert "Data zakończenia: 30 listopada 2026 r." in text
    assert "przesunięto z 1 listopada 2026 r.: Uroczystość Wszystkich Świętych" in text


def test_notice_text_in_english_names_the_days_in_words():
    out = run("notice", "--received", "2026-12-28", "--days", "3", "--jurisdiction", "ru")
    assert out.returncode == 0, out.stderr
    assert "Period ends: 31 December 2026" in out.stdout
    assert "End date: 11 January 2027" in out.stdout
    assert "moved past 31 December 2026: Day off (moved from 4 January 2026)" in out.stdout
    assert "https://pravo.gov.ru/proxy/ips/?docbody=&nd=102033239" in out.stdout


def test_receipt_json_contract():
    out = run("receipt", "--sent", "2026-12-30", "--method", "registered",
              "--jurisdiction", "pl", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert (data["sent"], data["earliest"], data["received"]) == (
        "2026-12-30", "2026-12-31", "2027-01-20"
    )
    assert (data["certainty"], data["estimate"]) == ("uncertain", True)
    assert data["rule"]["citation"] == "Polish Civil Code, art. 61 § 1"


def test_receipt_text_in_russian():
    out = run("receipt", "--sent", "2026-12-30", "--method", "email", "--jurisdiction", "ru",
              "--lang", "ru")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "Отправлено: 30 декабря 2026 г."
    assert lines[1] == "Считается полученным: 11 января 2027 г."
    assert "Насколько это точно: Вероятно" in out.stdout
    registered = run("receipt", "--sent", "2026-12-30", "--method", "registered",
                     "--jurisdiction", "ru", "--lang", "ru").stdout
    assert "Считается полученным (оценка): 5 февраля 2027 г." in registered


def test_assess_reads_json_from_stdin():
    out = run("assess", "--input", "-", "--json", stdin=json.dumps({"illegal_request": True}))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["verdict"] == "stop"


def test_checklist_in_russian():
    out = run("checklist", "--jurisdiction", "ru", "--lang", "ru", "--json")
    data = json.loads(out.stdout)
    assert data["ready"] is False and data["blockers_left"]
    assert any("782" in (item["cite"] or "") for g in data["groups"] for item in g["items"])


def test_letter_text_names_the_client_and_the_end_date():
    out = run(*LETTER_ARGS, "--format", "text")
    assert out.returncode == 0, out.stderr
    assert "Acme Ltd" in out.stdout and "Jane Doe" in out.stdout
    # 1 Dec + 14 days = 15 Dec 2026, a Tuesday: no roll-forward in Poland.
    assert "15 December 2026" in out.stdout


def test_letter_eml_parses_and_input_file_is_overridden_by_options(tmp_path):
    base = tmp_path / "letter.json"
    base.write_text(json.dumps({"client": "Old Name", "contact_email": "jane@example.com"}))
    out = run(*LETTER_ARGS, "--input", str(base), "--format", "eml")
    assert out.returncode == 0, out.stderr
    message = email.message_from_string(out.stdout, policy=email.policy.default)
    assert message["To"].addresses[0].addr_spec == "jane@example.com"
    assert "Acme Ltd" in message.get_content()


def test_letter_options_from_json_input_only(tmp_path):
    request = dict(zip(LETTER_ARGS[1::2], LETTER_ARGS[2::2], strict=True))
    request = {key.lstrip("-").replace("-", "_"): value for key, value in request.items()}
    request["days"] = 14
    path = tmp_path / "letter.json"
    path.write_text(json.dumps(request))
    out = run("letter", "--input", str(path), "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["end_date"] == "2026-12-15"


def test_letter_details_from_their_flags():
    out = run(
        *LETTER_ARGS, "--reason", "unpaid_invoices", "--lang", "pl", "--contact", "Anna Kowalska",
        "--contact-gender", "f", "--contract-date", "2026-03-01", "--clause", "§ 9 ust. 2",
        "--invoice", "FV/41/2026:1234.50:PLN:2026-11-10", "--invoice", "FV/45/2026:12345:pln",
        "--pay-by", "2026-12-08", "--signatory-title", "Prezes Zarządu",
        "--client-address", "ul. Długa 2; 80-001 Gdańsk", "--sender-address", "ul. Prosta 1",
        "--place", "Warszawa", "--delivery", "registered", "--acknowledge", "--json",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    layout = json.loads(out.stdout)["layout"]
    assert layout["place_date"] == "Warszawa, 1 grudnia 2026 r."
    assert layout["recipient"] == ["Pani Anna Kowalska", "Acme Ltd", "ul. Długa 2", "80-001 Gdańsk"]
    assert layout["sender"] == ["Studio North", "ul. Prosta 1"]
    assert layout["greeting"] == "Szanowna Pani,"
    assert layout["signature"] == ["Ola Nowak", "Prezes Zarządu", "Studio North"]
    assert "z dnia 1 marca 2026 r." in layout["subject"]
    (invoices,) = [block["items"] for block in layout["body"] if block["kind"] == "list"]
    assert invoices == [
        "faktura nr\u00a0FV/41/2026 na kwotę 1234,50\u00a0zł, termin płatności: 10 listopada 2026 r.;",
        "faktura nr\u00a0FV/45/2026 na kwotę 12\u00a0345,00\u00a0zł.",
    ]
    text = " ".join(block.get("text", "") for block in layout["body"])
    assert "§ 9 ust. 2 umowy" in text and "13\u00a0579,50\u00a0zł" in text
    assert "listem poleconym" in text and "Prosimy o potwierdzenie" in text


def test_a_bad_invoice_is_named_by_its_flag_and_number():
    out = run(*LETTER_ARGS, "--reason", "unpaid_invoices", "--invoice", "41:100:GBP",
              "--invoice", "42:12x:GBP")  # fmt: skip
    assert out.returncode == 2 and out.stdout == ""
    (line,) = out.stderr.strip().splitlines()
    assert line.startswith("partways: --invoice: Invoice 2 — amount:") and "12x" in line


@pytest.mark.parametrize(
    ("args", "field", "value"),
    [
        (["notice", "--received", "2026-02-30", "--days", "3"], "--received", "2026-02-30"),
        (["notice", "--received", "2026-03-01", "--days", "-4"], "--days", "-4"),
        (["notice", "--received", "2026-03-01", "--weeks", "two"], "--weeks", "two"),
        (["notice", "--received", "2026-03-01", "--period", "3", "--unit", "years"], "--unit",
         "years"),
        (["receipt", "--sent", "2026-03-01", "--method", "pigeon"], "--method", "pigeon"),
        (["receipt", "--sent", "2026-13-01", "--method", "email"], "--sent", "2026-13-01"),
        (["checklist", "--lang", "xx"], "--lang", "xx"),
        (["checklist", "--jurisdiction", "mars"], "--jurisdiction", "mars"),
        ([*LETTER_ARGS[:-2], "--tone", "angry"], "--tone", "angry"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_field_and_value(args, field, value):
    out = run(*args)
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert field in lines[0] and value in lines[0]
    assert "Traceback" not in out.stderr


def test_malformed_json_input_exits_2():
    out = run("assess", "--input", "-", stdin="{oops")
    assert out.returncode == 2 and "--input" in out.stderr and len(out.stderr.splitlines()) == 1


def test_wrong_type_in_json_exits_2():
    out = run("assess", "--input", "-", stdin=json.dumps({"haggling": "sometimes"}))
    assert out.returncode == 2 and "--haggling" in out.stderr and "sometimes" in out.stderr


def test_missing_period_and_unknown_command_exit_2():
    assert run("notice", "--received", "2026-03-01").returncode == 2
    assert run("frobnicate").returncode == 2


def test_errors_speak_the_requested_language():
    out = run("notice", "--received", "2026-02-30", "--days", "3", "--lang", "ru")
    assert out.returncode == 2 and "календаре" in out.stderr


def test_request_command_answers_like_the_browser():
    ok = run("request", stdin=json.dumps({"tool": "assess", "input": {"haggling": True}}))
    assert ok.returncode == 0 and json.loads(ok.stdout)["ok"] is True
    bad = run("request", stdin=json.dumps({"tool": "assess", "input": {"haggling": 7}}))
    assert bad.returncode == 2 and json.loads(bad.stdout)["errors"][0]["field"] == "haggling"


def test_check_letter_reads_the_sender_the_signature_must_carry(tmp_path):
    letter = run(*LETTER_ARGS)
    assert letter.returncode == 0, letter.stderr
    draft = tmp_path / "draft.txt"
    draft.write_text(letter.stdout, encoding="utf-8")
    common = ("check-letter", "--input", str(draft), "--end-date", "2026-12-15")
    signed = run(*common, "--sender", "Ola Nowak", "--company", "Studio North", "--json")
    assert signed.returncode == 0, signed.stderr
    assert json.loads(signed.stdout)["ok"] is True
    other = run(*common, "--sender", "Jan Kowal", "--json")
    (finding,) = json.loads(other.stdout)["findings"]
    assert finding["code"] == "signature_name" and "Jan Kowal" in finding["message"]
    unsigned = run("check-letter", "--input", "-", "--lang", "pl", stdin="Dziękujemy.")
    assert "„Z poważaniem”" in unsigned.stdout


# --- the kinds of letter (issue 14 §3) ----------------------------------------------------------

KIND_ARGS = [
    "letter", "--client", "Acme Ltd", "--contact", "Jane Doe", "--sender", "Ola Nowak",
    "--company", "Studio North", "--contract", "12/2026", "--letter-date", "2026-12-01",
]  # fmt: skip


def test_letter_help_lists_the_kinds_and_their_flags():
    out = run("letter", "--help")
    assert out.returncode == 0
    help_text = " ".join(out.stdout.split())
    for flag in ("--kind", "--end-date", "--release", "--bank-account", "--pay-by"):
        assert flag in help_text
    assert "agreement" in help_text and "payment_demand" in help_text


def test_a_payment_demand_from_the_command_line():
    out = run(*KIND_ARGS, "--kind", "payment_demand", "--lang", "pl", "--jurisdiction", "pl",
              "--invoice", "FV/41/2026:19680.00:PLN:2026-11-02", "--invoice", "FV/45/2026:9840:PLN",
              "--bank-account", "PL61 1090 1014 0000 0712 1981 2874", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["kind"] == "payment_demand" and data["notice"] is None
    assert data["end_date"] == "2026-12-15"  # no --pay-by: fourteen days after the letter
    assert "wezwanie do zapłaty" in data["subject"].lower()
    assert "29\u00a0520,00\u00a0zł" in data["text"] and "PL61 1090 1014" in data["text"]


def test_a_payment_demand_without_invoices_exits_2_naming_the_flag():
    out = run(*KIND_ARGS, "--kind", "payment_demand", "--lang", "ru")
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.strip() == "partways: --invoice: Неоплаченные счета: обязательное поле."


def test_an_agreement_with_its_end_date_and_release():
    out = run(*KIND_ARGS, "--kind", "agreement", "--end-date", "2027-01-29", "--release")
    assert out.returncode == 0, out.stderr
    assert "Proposal to end contract No.\u00a012/2026 by mutual agreement" in out.stdout
    assert "the contract ends on 29 January 2027;" in out.stdout
    assert "neither party has any further claims" in out.stdout
    without = run(*KIND_ARGS, "--kind", "agreement", "--days", "14")
    assert without.returncode == 0 and "further claims" not in without.stdout
    assert "the contract ends on 15 December 2026;" in without.stdout


def test_an_unknown_kind_exits_2_with_the_choices():
    out = run(*KIND_ARGS, "--kind", "reminder", "--days", "14", "--reason", "capacity")
    assert out.returncode == 2
    assert out.stderr.startswith("partways: --kind:") and "payment_demand" in out.stderr
