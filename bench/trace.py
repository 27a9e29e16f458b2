"""One traced cold visit per tool page: the main thread's CPU time before the first result, by
what ran (Chromium's trace, each task's thread time), and each long task's wall time beside
its CPU time. Wall time is what blocking time counts; a long task that used little CPU waited
for a core, taken by the engine's worker starting Pyodide or by other work on the machine.
Tracing costs time itself, so these visits are apart from the measured ones."""

from __future__ import annotations

import json
from collections import Counter

from .common import CHROMIUM, FLAGS, LOAD_TIMEOUT_MS, VIEWPORT
from .network import Profile, emulate
from .probes import COLLECT_JS, FIRST_MESSAGE, INIT_JS

CATEGORIES = ["toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline",
              "v8.execute", "blink.user_timing", "loading"]  # fmt: skip
SCRIPT = {"EvaluateScript", "v8.evaluateModule", "v8.compileModule", "v8.compile",
          "FunctionCall", "v8.callFunction"}  # fmt: skip
RENDERING = {"UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "Commit"}
PARSING = {"ParseHTML", "ParseAuthorStyleSheet"}
TASK = "ThreadControllerImpl::RunTask"


def _source(event) -> str | None:
    name, data = event["name"], event.get("args", {}).get("data") or {}
    if name in SCRIPT:
        url = (data.get("url") or "").split("?")[0].rstrip("/")
        return "script " + (url.rsplit("/", 1)[-1] if url else "(no URL: compiling, init scripts)")
    if name in RENDERING:
        return "style, layout, paint"
    if name in PARSING:
        return "parsing HTML and CSS"
    return None


def _main_thread(events, port: int) -> list[dict]:
    """The page's renderer main thread: the one that parsed a page of the bench server."""
    threads = {(e["pid"], e["tid"]): e["args"]["name"] for e in events
               if e.get("ph") == "M" and e.get("name") == "thread_name"}  # fmt: skip
    parsed = Counter((e["pid"], e["tid"]) for e in events if e.get("name") == "ParseHTML"
                     and f":{port}/" in json.dumps(e.get("args")))  # fmt: skip
    main = next(key for key, _ in parsed.most_common() if threads.get(key) == "CrRendererMain")
    return sorted((e for e in events if (e["pid"], e["tid"]) == main and e.get("ph") == "X"),
                  key=lambda e: e["ts"])  # fmt: skip


def attribute(events, port: int, first_ms: float) -> dict:
    main = _main_thread(events, port)
    starts = [e["ts"] for e in main if e["name"] == "ParseHTML"]
    start = min(starts) if starts else main[0]["ts"]
    end = start + first_ms * 1000  # ParseHTML begins a few ms after navigation: close enough
    by_source: Counter = Counter()
    long_tasks, total = [], 0.0
    for task in (e for e in main if e["name"] == TASK and e["ts"] < end):
        cpu = task.get("tdur", task["dur"]) / 1000
        total += cpu
        covered, attributed = 0, 0.0
        for event in main:
            if not task["ts"] <= event["ts"] <= task["ts"] + task["dur"] or event is task:
                continue
            source = _source(event)
            if source and event["ts"] >= covered:  # the outermost named event inside the task
                spent = event.get("tdur", event.get("dur", 0)) / 1000
                by_source[source] += spent
                attributed += spent
                covered = event["ts"] + event.get("dur", 0)
        by_source["other (network, loading, scheduling)"] += max(0.0, cpu - attributed)
        if task["dur"] > 50_000:
            long_tasks.append({"at_ms": (task["ts"] - start) / 1000, "wall_ms": task["dur"] / 1000,
                               "cpu_ms": cpu})  # fmt: skip
    return {"cpu_ms": total, "by_source": dict(by_source), "long_tasks": long_tasks}


def traced_visit(pw, profile: Profile, url: str, port: int) -> dict:
    """A cold visit (a new context: empty caches) in a browser of its own, traced."""
    browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
    try:
        context = browser.new_context(viewport=VIEWPORT)
        context.add_init_script(INIT_JS)
        page = context.new_page()
        emulate(context, page, profile)
        browser.start_tracing(page=page, categories=CATEGORIES)
        first_result = page.expect_console_message(lambda m: m.text == FIRST_MESSAGE,
                                                   timeout=LOAD_TIMEOUT_MS)  # fmt: skip
        with first_result:
            page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
        first = page.evaluate(COLLECT_JS)["firstResult"]
        trace = json.loads(browser.stop_tracing())
        events = trace["traceEvents"] if isinstance(trace, dict) else trace
        return {"first_ms": first, **attribute(events, port, first)}
    finally:
        browser.close()
