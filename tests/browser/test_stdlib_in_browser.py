"""The standard library ships in two archives (scripts/pyodide_compile.py): the first, which
Pyodide loads at start, holds what the runtime's start and the tools import; the rest comes
only when an import needs it. In Chromium: every tool answers in every language with only
the first archive fetched, and a module of the second still imports, from a worker started
the way the engine's is (runtime.js), fetching the rest once."""

from __future__ import annotations

import json

import pytest

from browser_helpers import ask_engine, engine_state, every_tool_request, open_tool, until
from partways import handle_request

pytestmark = pytest.mark.browser

FIRST, REST = "assets/pyodide/python_stdlib.zip", "assets/pyodide/python_stdlib_rest.zip"

# A worker that starts Python as worker.js does, then imports what no tool imports.
PROBE_WORKER = """
import { startPython } from "../assets/javascripts/partways/runtime.js";
const pyodide = await startPython();
const answer = pyodide.pyimport("partways").handle_json('{"tool": "checklist", "input": {}}');
postMessage(pyodide.runPython(`
import json, sys
before = sorted(m for m in sys.modules if m.startswith(("xml", "email.mime", "statistics")))
try:
    import xml.dom.minidom, email.mime.text, statistics
    imported = {
        "origins": [m.__spec__.origin for m in (xml.dom.minidom, email.mime.text, statistics)],
        "parsed": xml.dom.minidom.parseString("<a><b/></a>").documentElement.firstChild.tagName,
        "mean": statistics.mean([1, 2, 3]),
        "mime": email.mime.text.MIMEText("hi", "plain", "utf-8")["Content-Type"],
    }
except ImportError as error:
    imported = {"error": str(error)}
json.dumps({"before": before, "imported": imported})
`) + "\\n" + answer);
"""
PROBE_PAGE = """<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<title>stdlib probe</title><body>
<script type="module">
const worker = new Worker(new URL("stdlib-worker.js", import.meta.url), { type: "module" });
worker.onmessage = ({ data }) => { document.body.dataset.result = data; };
</script>
"""


@pytest.fixture(scope="module")
def probe_url(site_dir, server):
    folder = site_dir / "probes"
    folder.mkdir(exist_ok=True)
    (folder / "stdlib-worker.js").write_text(PROBE_WORKER)
    (folder / "stdlib.html").write_text(PROBE_PAGE)
    return server + "probes/stdlib.html"


def fetched(page, path: str) -> int:
    return sum(url == page.base_url + path for url in page.watch.requests)


def test_every_tool_answers_in_every_language_with_only_the_first_archive(new_page):
    page = new_page()
    open_tool(page, "notice", "pl")
    requests = every_tool_request()
    answers = ask_engine(page, requests)
    assert answers == [handle_request(request) for request in requests]
    assert all(answer["ok"] for answer in answers)
    # The snapshot's worker answers every tool too (snapshot.js); it needs no more.
    until(lambda: engine_state(page)["snapshot"] == "saved", 60, "the snapshot")
    assert fetched(page, FIRST) >= 1
    assert fetched(page, REST) == 0


def probe(page, url: str) -> tuple[dict, dict]:
    page.goto(url)
    page.wait_for_selector("body[data-result]", state="attached", timeout=60_000)
    imports, answer = page.get_attribute("body", "data-result").split("\n", 1)
    return json.loads(imports), json.loads(answer)


def test_a_module_no_tool_imports_comes_from_the_second_archive(new_page, probe_url):
    page = new_page()
    imports, answer = probe(page, probe_url)
    assert answer["ok"] is True
    assert imports["before"] == []
    result = imports["imported"]
    assert [origin.startswith("/lib/python_stdlib_rest.zip/") for origin in result["origins"]] == [
        True, True, True], result
    assert result["parsed"] == "b"
    assert result["mean"] == 2
    assert result["mime"] == 'text/plain; charset="utf-8"'
    assert fetched(page, REST) == 1  # once, for three modules


def test_without_the_second_archive_only_that_import_fails(new_page, probe_url):
    page = new_page()
    page.allow_console_errors()  # the browser logs the 404
    page.route(f"**/{REST}", lambda route: route.fulfill(status=404, body="not found"))
    imports, answer = probe(page, probe_url)
    assert answer["ok"] is True  # the engine never needed it
    assert imports["imported"] == {
        "error": "the rest of the standard library did not arrive: HTTP 404"}
