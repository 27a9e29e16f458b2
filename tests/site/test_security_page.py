"""The "Security and privacy" page states how many tests keep each promise; the numbers are
the ones this very test session collected (when it runs the whole suite, as `make test`
does), and every edition shows the same numbers."""

import json
import re
import tomllib

import pytest

from conftest import ROOT

pytestmark = pytest.mark.site

PROMISES = tomllib.loads((ROOT / "macros" / "promises.toml").read_text(encoding="utf-8"))
EDITIONS = {"en": "Tests behind this promise:", "ru": "Тестов за этим обещанием:",
            "pl": "Testy stojące za tą obietnicą:"}  # fmt: skip


def stated_counts(built_site, lang: str) -> list[int]:
    prefix = "" if lang == "en" else f"{lang}/"
    html = (built_site / prefix / "tools" / "security" / "index.html").read_text("utf-8")
    return [int(n) for n in re.findall(rf"{EDITIONS[lang]}</strong> (\d+)\.", html)]


def test_every_edition_states_the_same_counts(built_site):
    counts = {lang: stated_counts(built_site, lang) for lang in EDITIONS}
    assert len(counts["en"]) == 7  # one per section with tests; the engine's count is in prose
    assert counts["ru"] == counts["en"] == counts["pl"]


def test_counts_are_the_tests_this_session_collected(built_site, request):
    node_ids = [item.nodeid for item in request.session.items]
    every_promise = [prefix for entry in PROMISES.values() for prefix in entry["tests"]]
    if not all(any(node.startswith(p) for node in node_ids) for p in every_promise):
        pytest.skip("this session did not collect every test behind the promises")
    collected = {name: sum(node.startswith(tuple(entry["tests"])) for node in node_ids)
                 for name, entry in PROMISES.items()}
    in_sections = [name for name in PROMISES if name != "in_pyodide"]
    assert stated_counts(built_site, "en") == [collected[name] for name in in_sections]
    html = (built_site / "tools" / "security" / "index.html").read_text("utf-8")
    assert f"engine's {collected['in_pyodide']} tests" in html
    payloads = json.loads((ROOT / "tests" / "data" / "hostile_inputs.json").read_text("utf-8"))
    assert f"uses {len(payloads)} hostile inputs" in html
