"""Plain-text renderings of results for the terminal, labelled in the result's language."""

from __future__ import annotations

import argparse
from typing import Any

from ._data import load


def _labels(lang: str) -> dict[str, str]:
    return load("cli")[lang]


def as_text(command: str, result: Any, args: argparse.Namespace) -> str:
    data = result.to_dict()
    labels = _labels(result.lang)
    if command == "notice":
        return _notice(result, labels)
    if command == "receipt":
        return _receipt(result, labels)
    if command == "assess":
        return _assessment(data, labels)
    if command == "checklist":
        return _checklist(data, labels)
    if command == "letter":
        from ._letter import render

        text = render(result, result.format)
        if args.talking_points:
            points = "\n".join(f"- {point}" for point in data["talking_points"])
            text += f"\n\n{labels['talking_points']}:\n{points}"
        return text
    return _letter_check(data, labels)


def _rule(rule: dict[str, Any], labels: dict[str, str]) -> list[str]:
    lines = [f"{labels['rule']}: {rule['title']} ({rule['citation']})", f"  {rule['explanation']}"]
    return lines + [f"  {link['name']}: {link['url']}" for link in rule["links"]]


def _notice(result: Any, labels: dict[str, str]) -> str:
    from ._inflect import format_date

    data, lang = result.to_dict(), result.lang
    lines = [f"{labels['period_end']}: {format_date(result.period_end, lang)}"]
    if result.moved_by:
        disputed = f", {labels['disputed']}" if result.disputed else ""
        moved = format_date(result.moved_end, lang)
        lines.append(f"{labels['moved_end']} ({result.moved_under}{disputed}): {moved}")
        lines += [
            f"  {labels['moved_by']} {format_date(day.date, lang)}: {day.reason}"
            for day in result.moved_by
        ]
    if result.month_end:
        lines.append(f"{labels['month_end']}: {format_date(result.month_end, lang)}")
    lines.append(f"{labels['end_date']}: {format_date(result.end_date, lang)}")
    lines += [f"- {note['text']}" for note in data["notes"]]
    lines += _rule(data["rule"], labels)
    if data["month_end_rule"]:
        rule = data["month_end_rule"]
        lines += [f"{labels['rule']}: {rule['title']}", f"  {rule['explanation']}"]
    return "\n".join(lines)


def _receipt(result: Any, labels: dict[str, str]) -> str:
    from ._inflect import format_date

    data, lang = result.to_dict(), result.lang
    estimate = f" ({labels['estimate']})" if result.estimate else ""
    lines = [
        f"{labels['sent']}: {format_date(result.sent, lang)}",
        f"{labels['received']}{estimate}: {format_date(result.received, lang)}",
    ]
    if result.earliest != result.received:
        lines.append(f"{labels['earliest']}: {format_date(result.earliest, lang)}")
    lines += [
        f"{labels['certainty']}: {data['certainty_note']}",
        f"{labels['conservative']}: {data['conservative']}",
        f"{labels['evidence']}: {data['evidence']}",
    ]
    return "\n".join(lines + _rule(data["rule"], labels))


def _assessment(data: dict[str, Any], labels: dict[str, str]) -> str:
    lines = [f"{data['title']} [{data['verdict']}]", data["summary"], ""]
    lines += [f"{labels['reasons']}:"] + [f"- {r['text']}" for r in data["reasons"]]
    lines += ["", f"{labels['next_steps']}:"] + [f"- {s['text']}" for s in data["next_steps"]]
    if data["alternatives"]:
        lines += ["", f"{labels['alternatives']}:"]
        lines += [f"- {s['text']}" for s in data["alternatives"]]
    return "\n".join(lines)


def _checklist(data: dict[str, Any], labels: dict[str, str]) -> str:
    lines = []
    for group in data["groups"]:
        lines.append(group["title"])
        for item in group["items"]:
            mark = "x" if item["done"] else " "
            blocking = f" ({labels['blocking']})" if item["blocking"] else ""
            lines.append(f"  [{mark}] {item['id']}: {item['text']}{blocking}")
    progress = data["progress"]
    ready = labels["ready"] if data["ready"] else labels["not_ready"]
    lines += ["", f"{progress['done']}/{progress['total']} ({progress['percent']}%). {ready}"]
    return "\n".join(lines)


def _letter_check(data: dict[str, Any], labels: dict[str, str]) -> str:
    if data["ok"]:
        return labels["check_ok"]
    return "\n".join(f"- [{f['kind']}] {f['message']}" for f in data["findings"])
