"""Helpers of the browser suite: open a tool and wait for its engine, read results out of
the page, run the same request through the CLI, wait for a value to settle."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from partways import handle_request

ROOT = Path(__file__).resolve().parents[2]
# Wide enough for Material's navigation sidebar; the date fields' segments in en-US order.
CONTEXT_OPTIONS = {"viewport": {"width": 1280, "height": 900}, "locale": "en-US"}
WORKER_PATH = "/assets/javascripts/partways/worker.js"
ENGINE_TIMEOUT_MS = 60_000
SETTLE_SECONDS = 15.0

LANGUAGES = ("en", "ru", "pl")
TOOL_PAGES = {
    "assess": "tools/assessment/",
    "checklist": "tools/checklist/",
    "notice": "tools/notice-dates/",
    "letter": "tools/letter/",
}


def page_path(lang: str, tool: str) -> str:
    """The tool's page below the site root in an edition (English has no prefix)."""
    prefix = "" if lang == "en" else f"{lang}/"
    return prefix + TOOL_PAGES[tool]


def widget(page, tool: str):
    return page.locator(f'.pw-widget[data-widget="{tool}"]')


def wait_ready(page, tool: str) -> None:
    """The engine is loaded and the widget has drawn its first live result."""
    root = f'.pw-widget[data-widget="{tool}"]'
    page.wait_for_selector(f'{root}[data-state="ready"]', timeout=ENGINE_TIMEOUT_MS)
    page.wait_for_selector(f"{root}[data-result]", timeout=ENGINE_TIMEOUT_MS)


def open_tool(page, tool: str, lang: str = "en") -> Any:
    page.goto(page.base_url + page_path(lang, tool))
    wait_ready(page, tool)
    return widget(page, tool)


def click_nav(page, tool: str, lang: str = "en") -> None:
    """Click the tool's link in the site's navigation and wait until the page is swapped
    (Material's instant navigation) and the tool is ready."""
    target = page.base_url + page_path(lang, tool)
    links = page.locator("nav.md-nav--primary a.md-nav__link")
    hrefs = links.evaluate_all("(links) => links.map((link) => link.href)")
    assert target in hrefs, f"no navigation link to {target}"
    links.nth(hrefs.index(target)).click()
    # Material's navigation.tracking may add the section in view as a fragment at once.
    page.wait_for_url(lambda url: url.split("#")[0] == target)
    wait_ready(page, tool)


def labels(page, tool: str) -> dict[str, str]:
    return json.loads(widget(page, tool).get_attribute("data-labels"))


def settle(read: Callable[[], Any], expected: Any, timeout: float = SETTLE_SECONDS) -> Any:
    """Poll ``read()`` until it equals ``expected``; on timeout assert, showing the last value."""
    deadline = time.monotonic() + timeout
    value = read()
    while value != expected and time.monotonic() < deadline:
        time.sleep(0.05)
        value = read()
    assert value == expected, f"still\n  {value!r}\nnot\n  {expected!r}"
    return value


def until(read: Callable[[], Any], timeout: float = SETTLE_SECONDS, what: str = "") -> Any:
    """Poll ``read()`` until it returns something truthy, and return it."""
    deadline = time.monotonic() + timeout
    value = read()
    while not value and time.monotonic() < deadline:
        time.sleep(0.05)
        value = read()
    assert value, f"timed out waiting for {what or read}"
    return value


# --- the CLI ---------------------------------------------------------------------------------


def cli(*args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "partways", *args],
        input=stdin, capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert result.returncode == 0, f"partways {' '.join(args)}: {result.stderr}"
    return result.stdout


def cli_json(*args: str, stdin: str | None = None) -> dict[str, Any]:
    return json.loads(cli(*args, "--json", stdin=stdin))


_POOL = ThreadPoolExecutor(max_workers=4)


def in_background(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Future:
    """Run a CLI call while the browser loads the engine; ``.result()`` waits for it."""
    return _POOL.submit(function, *args, **kwargs)


# --- reading what a widget shows ---------------------------------------------------------------

# The list under the heading whose text is `labels[key]` in the output.
_LIST_AFTER = """
(output, heading) => {
  const h = [...output.querySelectorAll("h3")].find((node) => node.textContent === heading);
  if (!h) return [];
  const list = h.nextElementSibling;
  return list ? [...list.querySelectorAll(":scope > li")].map((li) => li.textContent) : [];
}
"""

READ_NOTICE = """
(root) => {
  const labels = JSON.parse(root.dataset.labels);
  const output = root.querySelector("[data-output]");
  const heading = [...output.querySelectorAll("h3")].find((h) => h.textContent === labels.moved_by);
  const moved = heading ? [...heading.nextElementSibling.children].map((li) => {
    const time = li.querySelector("time");
    return { date: time.getAttribute("datetime"),
             reason: li.textContent.slice(time.textContent.length).replace(/^ — /, "") };
  }) : [];
  return {
    result: root.dataset.result || null,
    end_date: output.querySelector("[data-field=end_date] time")?.getAttribute("datetime") || null,
    period_end: output.querySelector("[data-field=period_end] time")?.getAttribute("datetime") || null,
    moved_by: moved,
  };
}
"""

READ_ASSESS = (
    """
(root) => {
  const labels = JSON.parse(root.dataset.labels);
  const output = root.querySelector("[data-output]");
  const listAfter = """
    + _LIST_AFTER
    + """;
  const verdict = output.querySelector("[data-verdict]");
  return {
    result: root.dataset.result || null,
    verdict: verdict ? verdict.dataset.verdict : null,
    title: verdict ? verdict.textContent : null,
    summary: verdict?.nextElementSibling?.textContent ?? null,
    reasons: listAfter(output, labels.reasons),
    next_steps: listAfter(output, labels.next_steps),
    alternatives: listAfter(output, labels.alternatives),
  };
}
"""
)

READ_CHECKLIST = """
(root) => {
  const output = root.querySelector("[data-output]");
  const progress = root.querySelector("[data-summary] progress");
  const boxes = [...root.querySelectorAll('form input[name="done"]')];
  return {
    result: root.dataset.result || null,
    done: progress ? Number(progress.value) : null,
    total: progress ? Number(progress.max) : null,
    // Read from the class: render.js writes data-ready only when it is true (see the
    // xfail test_checklist_ready_attribute_says_true_or_false).
    ready: output.querySelector(".pw-ready") ? "true"
      : output.querySelector(".pw-not-ready") ? "false" : null,
    data_ready: output.querySelector(".pw-ready, .pw-not-ready")?.getAttribute("data-ready") ?? null,
    items: boxes.map((box) => box.value),
    checked: boxes.filter((box) => box.checked).map((box) => box.value),
  };
}
"""

READ_LETTER = """
(root) => {
  const draft = root.querySelector("#pw-letter-draft");
  return {
    result: root.dataset.result || null,
    text: draft ? draft.value : null,
    subject: root.querySelector(".pw-subject")?.textContent ?? null,
    points: [...root.querySelectorAll(".pw-points li")].map((li) => li.textContent),
  };
}
"""

# Every named field of a tool's form: value, or checked for check boxes (keyed by value).
READ_FIELDS = """
(root) => {
  const fields = {};
  for (const element of root.querySelector("form").elements) {
    if (!element.name) continue;
    if (element.type === "checkbox") fields[`${element.name}=${element.value}`] = element.checked;
    else fields[element.name] = element.value;
  }
  return fields;
}
"""


def read(page, tool: str, script: str) -> Any:
    return widget(page, tool).evaluate(script)


def fields(page, tool: str) -> dict[str, Any]:
    return read(page, tool, READ_FIELDS)


# Set named fields at once, then fire one input event, so that exactly one answer follows;
# data-result is removed first so that the caller can wait for that answer.
SET_FIELDS = """
(root, values) => {
  const form = root.querySelector("form");
  for (const [name, value] of Object.entries(values)) form.elements.namedItem(name).value = value;
  root.removeAttribute("data-result");
  form.elements.namedItem(Object.keys(values)[0]).dispatchEvent(new Event("input", { bubbles: true }));
}
"""

# The error shown at each invalid field: {field name: message} (the error is the first of
# the ids the field is described by; a hint of its own may follow).
READ_ERRORS = """
(root) => Object.fromEntries([...root.querySelectorAll("[aria-invalid=true]")].map((field) =>
  [field.name, document.getElementById(
    (field.getAttribute("aria-describedby") || "").split(" ")[0])?.textContent]))
"""


# What every letter needs, in each language: the letter's form starts empty.
LETTER_BASICS = {
    "en": {"client": "Harbour Lights Ltd", "contact": "Robin Hale", "sender": "Casey Brook",
           "company": "Brook & Field", "contract": "HL-2026/4", "received": "2026-12-01",
           "letter_date": "2026-12-01",
           "period": "14"},
    "ru": {"client": "ООО «Маяк»", "contact": "Ирина Петрова", "sender": "Алексей Смирнов",
           "company": "ООО «Студия Норд»", "contract": "№ 4/2026", "received": "2026-12-01",
           "letter_date": "2026-12-01",
           "period": "14"},
    "pl": {"client": "Latarnia sp. z o.o.", "contact": "Anna Kowalska", "sender": "Piotr Nowak",
           "company": "Studio Nord", "contract": "nr 4/2026", "received": "2026-12-01",
           "letter_date": "2026-12-01",
           "period": "14"},
}  # fmt: skip


def fill_letter_basics(page, lang: str = "en", **more: str) -> None:
    """Fill in what every letter needs (and ``more``) and wait for the engine's letter."""
    set_fields(page, "letter", {**LETTER_BASICS[lang], **more})
    page.wait_for_selector('.pw-widget[data-widget="letter"][data-result="ok"] #pw-letter-draft')


def set_fields(page, tool: str, values: dict[str, str]) -> None:
    """Enter ``values`` in the tool's form and wait for the engine's answer to them."""
    widget(page, tool).evaluate(SET_FIELDS, values)
    page.wait_for_selector(f'.pw-widget[data-widget="{tool}"][data-result]')


def _blank(value: Any) -> bool:
    return isinstance(value, str) and value.strip() == ""


def as_request(entries: dict[str, Any]) -> dict[str, Any]:
    """Saved entries as form.js's toRequest sends them: blank text left out; in a list of
    rows ("invoices": [{...}]) blank cells left out, and the blank rows at its end."""
    request: dict[str, Any] = {}
    for name, value in entries.items():
        if isinstance(value, list) and value and all(isinstance(row, dict) for row in value):
            rows = [{cell: text for cell, text in row.items() if not _blank(text)} for row in value]
            while rows and not rows[-1]:
                rows.pop()
            if rows:
                request[name] = rows
        elif not _blank(value):
            request[name] = value
    return request


def engine_answer(tool: str, lang: str, entries: dict[str, Any]) -> dict[str, Any]:
    """The engine's answer, under CPython, to the entries a page saved (read as main.js
    reads them, see as_request; the page's language unless the form names one)."""
    request = as_request(entries)
    request.setdefault("lang", lang)
    return handle_request({"tool": tool, "lang": lang, "input": request})


# form.js's snapshot: the form as a tool's request reads it.
READ_SNAPSHOT = """
(root) => {
  const data = {};
  const lists = {};
  for (const element of root.querySelector("form").elements) {
    if (!element.name || element.disabled || element.type === "button") continue;
    const row = /^([a-z_]+)[.]([0-9]+)[.]([a-z_]+)$/.exec(element.name);
    if (row) {
      lists[row[1]] ??= [];
      lists[row[1]][Number(row[2])] ??= {};
      lists[row[1]][Number(row[2])][row[3]] = element.value;
    } else if (element.type === "checkbox" && element.value === "true") data[element.name] = element.checked;
    else if (element.type === "checkbox") {
      data[element.name] ??= [];
      if (element.checked) data[element.name].push(element.value);
    } else data[element.name] = element.value;
  }
  for (const [name, rows] of Object.entries(lists)) data[name] = Array.from(rows, (r) => r || {});
  return data;
}
"""

CASE_KEY = "partways:v2:case"
# Fields whose page value stands until the reader picks one (main.js): the letter's language.
FOLLOWS_PAGE = ("lang",)

READ_CASE = """
(key) => {
  const raw = localStorage.getItem(key);
  if (raw === null) return null;
  const fields = JSON.parse(raw).fields;
  return Object.fromEntries(Object.entries(fields)
    .filter(([, entry]) => entry.value !== null).map(([name, entry]) => [name, entry.value]));
}
"""


def form_as_stored(page, tool: str) -> dict[str, Any]:
    """The tool's form as it stands, as the case keeps it."""
    return read(page, tool, READ_SNAPSHOT)


def case_values(page) -> dict[str, Any] | None:
    """The reader's case as storage.js keeps it: {field: value}, cleared fields left out."""
    return page.evaluate(READ_CASE, CASE_KEY)


def stored(page, tool: str) -> dict[str, Any] | None:
    """What the case holds of the tool's fields; None when it holds none of them."""
    values = case_values(page) or {}
    held = {name: values[name] for name in form_as_stored(page, tool) if name in values}
    return held or None


def stored_as_shown(page, tool: str) -> bool:
    """The case holds every field of the tool's form as the form shows it (the letter's
    language only once the reader has picked one)."""
    held = stored(page, tool) or {}
    shown = form_as_stored(page, tool)
    return held == {name: value for name, value in shown.items()
                    if name not in FOLLOWS_PAGE or name in held}


# --- the engine's worker, asked directly --------------------------------------------------------

ENGINE_MODULE = "assets/javascripts/partways/engine.js"


def every_tool_request() -> list[dict[str, Any]]:
    """A request of every tool in every language and jurisdiction, every letter format."""
    from partways import JURISDICTIONS, LANGUAGES, TOOL_NAMES
    from partways._letter import FORMATS
    from partways._receipt import METHODS

    dates = {"received": "2026-12-28", "period": 14, "unit": "days"}
    letter = {"client": "Acme Ltd", "contact": "Jane Doe", "sender": "Ola Nowak",
              "company": "Studio North", "contract": "12/2026", "reason": "specialization",
              "letter_date": "2026-12-21", "contact_email": "jane@example.org", **dates}
    requests = []
    for lang in LANGUAGES:
        requests.append({"tool": "assess", "input": {"lang": lang, "haggling": True,
                                                     "payment_delay_days": 30}})
        requests.append({"tool": "letter_check", "input": {
            "lang": lang, "text": "We are sorry you failed to pay.", "end_date": "2027-01-11"}})
        for jurisdiction in JURISDICTIONS:
            requests.append({"tool": "checklist", "input": {
                "lang": lang, "jurisdiction": jurisdiction, "done": ["records"]}})
            requests.append({"tool": "notice", "input": {
                "lang": lang, "jurisdiction": jurisdiction, **dates}})
            requests.extend({"tool": "receipt", "input": {
                "lang": lang, "jurisdiction": jurisdiction, "sent": "2026-12-28", "method": method}}
                for method in METHODS)
            for fmt in FORMATS:
                requests.append({"tool": "letter", "input": {
                    **letter, "lang": lang, "jurisdiction": jurisdiction, "format": fmt}})
    assert {request["tool"] for request in requests} == set(TOOL_NAMES), "a tool is missing here"
    return [{**request, "lang": request["input"]["lang"]} for request in requests]


def ask_engine(page, requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The answers of the page's own engine worker (engine.js, the module main.js uses)."""
    return page.evaluate(
        """async ([url, requests]) => {
          const engine = await import(url);
          return Promise.all(requests.map((request) => engine.ask(request)));
        }""",
        [page.base_url + ENGINE_MODULE, requests],
    )


def engine_state(page) -> dict[str, Any]:
    """engine.js's state (phase, and for a ready engine how it started) and its snapshot's."""
    return page.evaluate(
        """async (url) => {
          const engine = await import(url);
          return { ...engine.currentState(), snapshot: engine.snapshotState() };
        }""",
        page.base_url + ENGINE_MODULE,
    )
