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
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
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
  const progress = output.querySelector("progress");
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

# The error shown at each invalid field: {field name: message}.
READ_ERRORS = """
(root) => Object.fromEntries([...root.querySelectorAll("[aria-invalid=true]")].map((field) =>
  [field.name, document.getElementById(field.getAttribute("aria-describedby"))?.textContent]))
"""


def set_fields(page, tool: str, values: dict[str, str]) -> None:
    """Enter ``values`` in the tool's form and wait for the engine's answer to them."""
    widget(page, tool).evaluate(SET_FIELDS, values)
    page.wait_for_selector(f'.pw-widget[data-widget="{tool}"][data-result]')


def engine_answer(tool: str, lang: str, entries: dict[str, Any]) -> dict[str, Any]:
    """The engine's answer, under CPython, to the entries a page saved (read as main.js
    reads them: blank text left out, the page's language unless the form names one)."""
    request = {name: value for name, value in entries.items()
               if not (isinstance(value, str) and value.strip() == "")}
    request.setdefault("lang", lang)
    return handle_request({"tool": tool, "lang": lang, "input": request})


# form.js's snapshot: what storage.js keeps for the form as it stands.
READ_SNAPSHOT = """
(root) => {
  const data = {};
  for (const element of root.querySelector("form").elements) {
    if (!element.name || element.disabled || element.type === "button") continue;
    if (element.type === "checkbox" && element.value === "true") data[element.name] = element.checked;
    else if (element.type === "checkbox") {
      data[element.name] ??= [];
      if (element.checked) data[element.name].push(element.value);
    } else data[element.name] = element.value;
  }
  return data;
}
"""


def form_as_stored(page, tool: str) -> dict[str, Any]:
    """What storage.js keeps for the tool's form as it stands."""
    return read(page, tool, READ_SNAPSHOT)


def stored(page, key: str) -> Any:
    raw = page.evaluate("(key) => localStorage.getItem(key)", f"partways:v1:{key}")
    return None if raw is None else json.loads(raw)
