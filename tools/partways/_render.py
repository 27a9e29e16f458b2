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
        return _notice(data, labels)
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


def _notice(data: dict[str, Any], labels: dict[str, str]) -> str:
    lines = [
        f"{labels['period_end']}: {data['period_end']}",
        f"{labels['end_date']}: {data['end_date']}",
    ]
    lines += [f"  {labels['moved_by']} {day['date']}: {day['reason']}" for day in data["moved_by"]]
    rule = data["rule"]
    lines.append(f"{labels['rule']}: {rule['title']} ({rule['citation']})")
    return "\n".join(lines)


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
