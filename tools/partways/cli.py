"""``partways``: the engine on the command line, a thin layer over the public API.

Options are collected into the same request mapping the browser sends, so the CLI and the
page validate and compute through one path. Bad input exits 2 with one line naming the field.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from . import _render
from ._entry import _tools, handle_json
from ._errors import FieldError, ValidationError
from ._i18n import normalize_language

EXIT_INVALID = 2
PERIOD_OPTIONS = ("days", "business_days", "weeks", "months")
LETTER_TEXT_OPTIONS = (
    "client", "contact", "contact_email", "sender", "sender_email", "company", "contract",
    "partner",
)  # fmt: skip
# Options of the letter's details (issue 13): name, metavar, help.
LETTER_DETAIL_OPTIONS = (
    ("kind", "KIND", "notice (default), agreement (a proposal to end by mutual agreement) or "
     "payment_demand (a pre-trial demand for the invoices given)"),
    ("end_date", "YYYY-MM-DD", "for an agreement: the end date proposed "
     "(default: the end of the notice period)"),
    ("contract_date", "YYYY-MM-DD", "date the contract was signed"),
    ("clause", "TEXT", "the contract clause you rely on, e.g. 9.2 or \"§ 9 ust. 2\""),
    ("facts", "TEXT", "what was breached (for --reason breach)"),
    ("pay_by", "YYYY-MM-DD", "deadline for paying the invoices listed (a payment demand "
     "without it: 14 days after the letter's date, moved off a weekend or holiday)"),
    ("bank_account", "TEXT", "the account to pay to, stated in a payment demand"),
    ("signatory_title", "TEXT", "your title under the signature"),
    ("contact_gender", "f|m|none", "how to greet the contact: Ms, Mr, or by name (default)"),
    ("client_address", "LINES", "the client's address; separate lines with ';'"),
    ("sender_address", "LINES", "your address; separate lines with ';'"),
    ("place", "TEXT", "place of signing, shown before the date"),
    ("delivery", "HOW", "email, registered, courier or hand: stated in the letter"),
)
ADDRESS_OPTIONS = ("client_address", "sender_address")
# A list the engine takes as entries, and the repeatable option that gives one entry each.
LIST_FLAGS = {"invoices": "--invoice"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        _fail_line(f"{self.prog}: {message}")


def _fail_line(line: str) -> NoReturn:
    print(" ".join(line.split()), file=sys.stderr)
    raise SystemExit(EXIT_INVALID)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="partways", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    notice = commands.add_parser("notice", help="the end date of a notice period")
    notice.add_argument("--received", help="date the notice is received (YYYY-MM-DD)")
    _add_period(notice)
    notice.add_argument("--jurisdiction", help="ru, pl or other (default: other)")
    notice.add_argument(
        "--end-of-month", dest="end_of_month", action="store_true", default=None,
        help="the contract ends at the end of the calendar month in which the period ends",
    )
    _add_common(notice)

    receipt = commands.add_parser("receipt", help="the day a notice counts as received")
    receipt.add_argument("--sent", help="date the notice was sent (YYYY-MM-DD)")
    receipt.add_argument("--method", help="email, registered, courier or hand")
    receipt.add_argument("--jurisdiction", help="ru, pl or other (default: other)")
    _add_common(receipt)

    assess = commands.add_parser("assess", help="should we part ways with this client?")
    assess.add_argument("--input", required=True, help="a JSON file of answers, or - for stdin")
    _add_common(assess)

    checklist = commands.add_parser("checklist", help="what to check before announcing")
    checklist.add_argument("--jurisdiction", help="ru, pl or other (default: other)")
    checklist.add_argument("--done", help="comma-separated ids of the items already done")
    _add_common(checklist)

    letter = commands.add_parser(
        "letter", help="write a letter: a termination notice, a proposal to end by agreement, "
        "or a payment demand"
    )
    letter.add_argument("--input", help="a JSON file with any of these options, or - for stdin")
    for name in LETTER_TEXT_OPTIONS:
        letter.add_argument(_flag(name), dest=name)
    letter.add_argument(
        "--received", help="day you expect the client to receive the letter (default: its date)"
    )
    letter.add_argument("--letter-date", dest="letter_date", help="date on the letter (default: today)")
    for name, metavar, text in LETTER_DETAIL_OPTIONS:
        letter.add_argument(_flag(name), dest=name, metavar=metavar, help=text)
    letter.add_argument(
        "--invoice", dest="invoices", action="append", metavar="NUMBER:AMOUNT:CURRENCY:DUE",
        help="an unpaid invoice, e.g. FV/41:1200.50:PLN:2026-11-10 (DUE may be left out); "
        "repeat for each invoice",
    )
    letter.add_argument(
        "--acknowledge", action="store_true", default=None, help="ask the client to confirm receipt"
    )
    letter.add_argument(
        "--release", action="store_true", default=None,
        help="an agreement's term: no further claims once it is performed",
    )
    _add_period(letter)
    letter.add_argument("--jurisdiction", help="ru, pl or other")
    letter.add_argument("--reason", help="specialization, capacity, unpaid_invoices or breach")
    letter.add_argument("--tone", help="warm, neutral or formal")
    letter.add_argument("--options", help="comma-separated: finish_stage, handover, data, ...")
    letter.add_argument(
        "--format", help="text, markdown, eml or docx (default: text; docx: redirect to a file)"
    )
    letter.add_argument("--talking-points", action="store_true", help="print talking points")
    _add_common(letter)

    check = commands.add_parser("check-letter", help="flag blame, wavering and gaps in a draft")
    check.add_argument("--input", required=True, help="a text file with the draft, or - for stdin")
    check.add_argument("--end-date", dest="end_date", help="the end date the draft must state")
    check.add_argument("--sender", help="your name, which the signature must carry")
    check.add_argument("--company", help="your company, which the signature must carry")
    _add_common(check)

    request = commands.add_parser("request", help="answer one JSON request like the browser does")
    request.add_argument("--input", default="-", help="a JSON request file, or - for stdin")
    return parser


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _add_period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", metavar="N", help="notice period, in --unit")
    parser.add_argument("--unit", help="days, business_days, weeks or months (default: days)")
    for unit in PERIOD_OPTIONS:
        parser.add_argument(_flag(unit), dest=unit, metavar="N", help=f"notice period in {unit}")


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", help="en, ru or pl (default: en)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def _read_source(path: str) -> str:
    try:
        if path == "-":
            return sys.stdin.read()
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as error:
        _fail_line(f"partways: --input: cannot read “{path}”: {error.__class__.__name__}")


def _read_json_object(path: str) -> dict[str, Any]:
    text = _read_source(path)
    try:
        data = json.loads(text)
    except ValueError as error:
        _fail_line(f"partways: --input: “{path}” is not valid JSON: {error}")
    if not isinstance(data, dict):
        _fail_line(f"partways: --input: “{path}” must hold a JSON object")
    return data


def _options(args: argparse.Namespace, names: Sequence[str]) -> dict[str, Any]:
    return {name: getattr(args, name) for name in names if getattr(args, name) is not None}


def _invoice(value: str) -> dict[str, str]:
    """One --invoice NUMBER:AMOUNT:CURRENCY[:DUE]; a number may itself hold colons. What does
    not split is passed on as the number, so the engine names what is missing."""
    parts = value.split(":")
    names = ("number", "amount", "currency", "due")
    if len(parts) >= 4:
        parts = [":".join(parts[:-3]), *parts[-3:]]
    elif len(parts) != 3:
        parts = [value]
    return dict(zip(names, parts))


def _letter_request(args: argparse.Namespace) -> dict[str, Any]:
    base = _read_json_object(args.input) if args.input else {}
    names = (
        "lang", *LETTER_TEXT_OPTIONS, "received", "letter_date", "period", "unit", *PERIOD_OPTIONS,
        "jurisdiction", "reason", "tone", "options", "format", "acknowledge", "release",
        *(name for name, _, _ in LETTER_DETAIL_OPTIONS),
    )  # fmt: skip
    request = base | _options(args, names)
    for name in ADDRESS_OPTIONS:
        if getattr(args, name) is not None:
            request[name] = "\n".join(line.strip() for line in getattr(args, name).split(";"))
    if args.invoices is not None:
        request["invoices"] = [_invoice(value) for value in args.invoices]
    return request


def _request_for(args: argparse.Namespace) -> dict[str, Any]:
    if args.command == "notice":
        names = ("lang", "received", "period", "unit", "jurisdiction", "end_of_month")
        return _options(args, (*names, *PERIOD_OPTIONS))
    if args.command == "receipt":
        return _options(args, ("lang", "sent", "method", "jurisdiction"))
    if args.command == "assess":
        return _read_json_object(args.input) | _options(args, ("lang",))
    if args.command == "checklist":
        return _options(args, ("lang", "jurisdiction", "done"))
    if args.command == "letter":
        return _letter_request(args)
    if args.command == "check-letter":
        names = ("lang", "end_date", "sender", "company")
        return {"text": _read_source(args.input)} | _options(args, names)
    raise AssertionError(args.command)


def _run_tool(command: str, request: dict[str, Any]) -> Any:
    tool = "letter_check" if command == "check-letter" else command
    return _tools()[tool](request)


def _explain(error: ValidationError, lang: str) -> str:
    first: FieldError = error.errors[0]
    listed = first.field.split(".")[0]
    if listed in LIST_FLAGS:
        flag = LIST_FLAGS[listed]
    else:
        flag = _flag(first.field) if first.field not in ("input", "period") else first.field
    line = f"partways: {flag}: {first.message(lang)}"
    more = len(error.errors) - 1
    return line + (f" (+{more} more)" if more else "")


def _write_docx(encoded: str) -> None:
    if sys.stdout.isatty():
        _fail_line("partways: --format docx writes a file: redirect it, e.g. > letter.docx")
    sys.stdout.buffer.write(base64.b64decode(encoded))
    sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    if args.command == "request":
        answer = handle_json(_read_source(args.input))
        print(answer)
        return 0 if json.loads(answer)["ok"] else EXIT_INVALID
    request = _request_for(args)
    lang = normalize_language(request.get("lang"))
    try:
        result = _run_tool(args.command, request)
    except ValidationError as error:
        _fail_line(_explain(error, lang))
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif args.command == "letter" and result.format == "docx":
        _write_docx(result.docx)
    else:
        print(_render.as_text(args.command, result, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
