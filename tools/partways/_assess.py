"""The assessment: "should we part ways with this client?"

Every weight, threshold, severity and word comes from ``data/assessment.toml``; this module
only evaluates those rules against one set of answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ._data import load
from ._fields import Reader
from ._i18n import LANGUAGES, field_label, normalize_language
from ._law import Citation, Ref, cite_refs

VERDICTS = ("keep", "watch", "yellow", "red", "stop")
CONTRACT_TYPES = ("services", "work", "unknown")


@dataclass(frozen=True)
class Reason:
    """How one answer moved the verdict, in words."""

    signal: str
    weight: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"signal": self.signal, "weight": self.weight, "text": self.text}


@dataclass(frozen=True)
class Step:
    """A next step or an alternative to parting, by id and in words; ``text`` ends with the
    step's citations, which ``citations`` also gives with their links."""

    id: str
    text: str
    citations: tuple[Citation, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text,
                "citations": [citation.to_dict() for citation in self.citations]}


@dataclass(frozen=True)
class Assessment:
    verdict: str
    title: str
    summary: str
    score: int
    reasons: tuple[Reason, ...]
    next_steps: tuple[Step, ...]
    alternatives: tuple[Step, ...]
    lang: str
    contract_type: str = "unknown"

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "contract_type": self.contract_type,
            "title": self.title,
            "summary": self.summary,
            "score": self.score,
            "reasons": [reason.to_dict() for reason in self.reasons],
            "next_steps": [step.to_dict() for step in self.next_steps],
            "alternatives": [step.to_dict() for step in self.alternatives],
        }


@dataclass(frozen=True)
class _Finding:
    """A sign that is present: its severity, weight and the words explaining it."""

    signal: str
    severity: str
    weight: int
    words: Mapping[str, Any]


# ---------------------------------------------------------------- the data


def _config() -> dict[str, Any]:
    return load("assessment")


def _signals() -> list[dict[str, Any]]:
    return _config()["signals"]


def _is_sign(signal: Mapping[str, Any]) -> bool:
    """Signs carry a severity (or bands of them); other answers only change their meaning."""
    return "severity" in signal or "bands" in signal


def _words(signal: str, lang: str) -> dict[str, Any]:
    return _config()["words"][signal][lang]


def signal_names() -> tuple[str, ...]:
    """Every answer the assessment reads, in the form's display order."""
    return tuple(signal["name"] for signal in _signals())


def signal_definitions(lang: str = "en") -> list[dict[str, Any]]:
    """What the form asks: name, kind ("boolean" or "days"), label and help, in ``lang``."""
    lang = normalize_language(lang)
    definitions = []
    for signal in _signals():
        definition = {
            "name": signal["name"],
            "kind": signal["kind"],
            "label": field_label(lang, signal["name"]),
            "help": _words(signal["name"], lang)["help"],
        }
        if signal["kind"] == "days":
            definition |= {"min": 0, "max": signal["max"]}
        definitions.append(definition)
    return definitions


def signs_table(lang: str = "en") -> list[dict[str, Any]]:
    """The warning signs with where the line is and what to do: one row per sign or band."""
    lang = normalize_language(lang)
    floors = _config()["rules"]["severity_floors"]
    rows = []
    for signal in filter(_is_sign, _signals()):
        name, words = signal["name"], _words(signal["name"], lang)
        label = field_label(lang, name)
        for band in signal.get("bands", ()):
            band_words = words["bands"][band["id"]]
            rows.append(_sign_row(name, band["id"], label, band_words, floors[band["severity"]]))
        if "severity" in signal:
            rows.append(_sign_row(name, None, label, words, floors[signal["severity"]]))
    return rows


def _sign_row(
    signal: str, band: str | None, label: str, words: Mapping[str, str], verdict: str
) -> dict[str, Any]:
    return {
        "signal": signal,
        "band": band,
        "label": label,
        "line": words["line"],
        "action": words["action"],
        "verdict": verdict,
    }


# ---------------------------------------------------------------- the assessment


def assess(request: Mapping[str, Any]) -> Assessment:
    """Validate the answers in ``request`` and judge whether to part ways.

    ``contract_type`` (services, work or unknown; unknown when not given) does not change the
    verdict but the way out: see ``by_contract`` in data/assessment.toml.
    """
    reader = Reader(request, known=(*signal_names(), "lang", "contract_type"))
    lang = reader.choice("lang", LANGUAGES, default="en")
    default_type = _config()["rules"]["default_contract_type"]
    contract_type = reader.choice("contract_type", CONTRACT_TYPES, default=default_type)
    answers = {signal["name"]: _read_answer(reader, signal) for signal in _signals()}
    reader.finish()
    return _judge(answers, lang or "en", contract_type or default_type)


def _read_answer(reader: Reader, signal: Mapping[str, Any]) -> bool | int:
    if signal["kind"] == "days":
        days = reader.integer(signal["name"], low=0, high=signal["max"], required=False, default=0)
        return days or 0
    return reader.boolean(signal["name"])


def _judge(
    answers: Mapping[str, bool | int], lang: str, contract_type: str = "unknown"
) -> Assessment:
    findings = [
        finding
        for signal in filter(_is_sign, _signals())
        if (finding := _finding(signal, answers[signal["name"]], lang)) is not None
    ]
    score = sum(finding.weight for finding in findings)
    verdict = _verdict_from(findings, score)
    # The heaviest reasons first: the one that decided the verdict leads.
    ranked = sorted(findings, key=lambda finding: -finding.weight)
    reasons = [_reason(finding, answers[finding.signal]) for finding in ranked]
    escalated = _escalate(verdict, answers)
    if escalated != verdict:
        signal = _config()["rules"]["escalation"]["signal"]
        reasons.append(Reason(signal, 0, _words(signal, lang)["reason"]))
        verdict = escalated
    return _assessment(verdict, score, tuple(reasons), findings, lang, contract_type)


def _finding(signal: Mapping[str, Any], answer: bool | int, lang: str) -> _Finding | None:
    name, words = signal["name"], _words(signal["name"], lang)
    if signal["kind"] == "days":
        band = _band_for(signal["bands"], int(answer))
        if band is None:
            return None
        return _Finding(name, band["severity"], band["weight"], words["bands"][band["id"]])
    if not answer:
        return None
    return _Finding(name, signal["severity"], signal["weight"], words)


def _band_for(bands: list[dict[str, Any]], days: int) -> dict[str, Any] | None:
    for band in bands:
        if band["from"] <= days and ("to" not in band or days <= band["to"]):
            return band
    return None


def _reason(finding: _Finding, answer: bool | int) -> Reason:
    return Reason(finding.signal, finding.weight, finding.words["reason"].format(days=answer))


def _verdict_from(findings: list[_Finding], score: int) -> str:
    rules = _config()["rules"]
    floors = [rules["severity_floors"][finding.severity] for finding in findings]
    floors += [rule["verdict"] for rule in rules["score_floors"] if score >= rule["from"]]
    return max(floors, key=VERDICTS.index, default="keep")


def _escalate(verdict: str, answers: Mapping[str, bool | int]) -> str:
    escalation = _config()["rules"]["escalation"]
    if answers.get(escalation["signal"]) and verdict == escalation["from"]:
        return escalation["to"]
    return verdict


def _assessment(
    verdict: str,
    score: int,
    reasons: tuple[Reason, ...],
    findings: list[_Finding],
    lang: str,
    contract_type: str,
) -> Assessment:
    rules = _config()["verdicts"][verdict]
    words = rules[lang]
    return Assessment(
        verdict=verdict,
        title=words["title"],
        summary=words["summary"],
        score=score,
        reasons=reasons,
        next_steps=tuple(
            _step("steps", step, lang) for step in next_step_ids(verdict, contract_type)
        ),
        alternatives=tuple(
            _step("alternatives", step, lang) for step in _alternative_ids(rules, findings)
        ),
        lang=lang,
        contract_type=contract_type,
    )


def next_step_ids(verdict: str, contract_type: str) -> list[str]:
    """The next steps of ``verdict`` for a contract of ``contract_type``."""
    rules = _config()["verdicts"][verdict]
    return list(rules.get("by_contract", {}).get(contract_type, rules["next_steps"]))


def unilateral_steps() -> frozenset[str]:
    """The steps that recommend ending the contract by one's own notice."""
    return frozenset(step for step, entry in _config()["steps"].items() if entry.get("unilateral"))


def _alternative_ids(rules: Mapping[str, Any], findings: list[_Finding]) -> list[str]:
    """The verdict's own alternatives, then those of each contributing sign, without repeats."""
    ids = list(rules["alternatives"])
    if rules["signal_alternatives"]:
        by_name = {signal["name"]: signal for signal in _signals()}
        for finding in findings:
            if finding.weight > 0:
                ids += by_name[finding.signal]["alternatives"]
    return list(dict.fromkeys(ids))


def _step(table: str, step_id: str, lang: str) -> Step:
    entry = _config()[table][step_id]
    citations = cite_refs((Ref.from_mapping(ref) for ref in entry.get("cite", ())), lang)
    text = entry[lang]
    if citations:
        text += " (" + "; ".join(citation.text for citation in citations) + ")"
    return Step(step_id, text, citations)
