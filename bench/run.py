"""`make bench`: how fast the site's live tools, its build and its engine are, in one run.

Measures, next to a baseline measured in the same run wherever there is one:

* navigation to the first live result of each tool in headless Chromium, cold (fresh
  user-data dir) and warm (same profile, second navigation), next to a bare
  ``loadPyodide()`` page of the same Pyodide version as npm ships it (the target's baseline)
  and, as references, the same bare page on the runtime the site ships (compiled to
  bytecode by scripts/pyodide_dist.py) and a bare page that also loads the ``partways``
  wheel and answers one request on the main thread;
* total blocking time (long tasks on the main thread) from navigation to that result;
* returning to a tool page through Material's instant navigation, worker already running;
* a click or keystroke to the updated result once the tool is loaded;
* bytes and requests per page (counted by the server, workers included);
* ``mkdocs build`` next to a plain Material build of the same pages, wall and CPU time;
* the CLI's time per command and the engine's calls per second (CPython, Pyodide on Node).

Writes every sample to bench/results/latest.json and prints a table with PASS/MISS against
the issue's targets. It never fails on a miss: it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
VIEWPORT = {"width": 1280, "height": 900}  # wide enough for Material's sidebar nav
LOAD_TIMEOUT_MS = 90_000

TOOLS = {  # widget -> page
    "assess": "tools/assessment/",
    "checklist": "tools/checklist/",
    "notice": "tools/notice-dates/",
    "letter": "tools/letter/",
}
BARES = {
    "bare": "bench/bare.html",  # stock Pyodide from npm: the target's baseline
    "bare, site runtime": "bench/bare-site-runtime.html",
    "bare+engine": "bench/bare-engine.html",
}
STOCK_RUNTIME = "bench/pyodide-stock/"  # beside the site's assets/pyodide/, at bench time
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
STOCK_FILES = [
    "pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json",
]  # fmt: skip
NO_TOOL_PAGES = [
    "",
    "playbook/signs/",
    "playbook/telling-the-client/",
    "legal/russia/",
    "tools/",
    "tools/cli/",
]

TARGETS = {
    "first_result_ratio": 1.15,
    "tbt_ms": 50,
    "click_ms": 30,
    "return_ms": 150,
    "build_ratio": 1.3,
}

LETTER = {
    "client": "Acme Ltd", "contact": "Jane Doe", "sender": "Ola Nowak", "company": "Studio North",
    "contract": "No. 12/2026", "received": "2026-12-01", "letter_date": "2026-12-01", "days": 14,
    "jurisdiction": "pl", "reason": "specialization", "tone": "neutral", "lang": "en",
}  # fmt: skip
NOTICE = {"received": "2026-12-28", "days": 14, "jurisdiction": "pl", "lang": "pl"}

# --- pages written into the served site at bench time ------------------------------------

BARE_HTML = """<!doctype html>
<html lang="en"><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench: bare loadPyodide</title>
<body><p id="out">loading</p>
<script type="module">
import { loadPyodide } from "RUNTIMEpyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("RUNTIME", import.meta.url).href });
document.getElementById("out").textContent = String(pyodide.runPython("1+1"));
document.body.dataset.result = "ok";
</script>
</body></html>
"""

BARE_ENGINE_HTML = """<!doctype html>
<html lang="en"><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench: loadPyodide + partways</title>
<body><p id="out">loading</p>
<script type="module">
import { loadPyodide } from "../assets/pyodide/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("../assets/pyodide/", import.meta.url).href });
await pyodide.loadPackage("partways");
const answer = pyodide.pyimport("partways").handle_json(JSON.stringify(REQUEST));
document.getElementById("out").textContent = answer;
document.body.dataset.result = JSON.parse(answer).ok ? "ok" : "error";
</script>
</body></html>
""".replace("REQUEST", json.dumps({"tool": "checklist", "input": {"lang": "en"}}))

# bare+engine does on the main thread what the worker does before its first answer (load the
# site's runtime, load our wheel and its dependencies, import partways, answer a cheap
# request), so tool - bare+engine is the page and the worker, bare+engine - "bare, site
# runtime" is our wheels and import, and "bare, site runtime" - bare is what compiling the
# runtime to bytecode saves.

# Runs before any page script: long tasks, the first data-result="ok" per element, the
# engine worker's own status messages, and the time of the last trusted click and input.
INIT_JS = """
(() => {
  const b = (window.__bench = { firstOk: null, longtasks: [], phases: [], okAt: new WeakMap() });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (e) { b.noLongtask = String(e); }
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      const el = r.target;
      if (el.getAttribute("data-result") === "ok" && !b.okAt.has(el)) {
        b.okAt.set(el, now);
        if (b.firstOk === null) b.firstOk = now;
      }
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-result"] });
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      if (String(url).includes("partways")) {
        b.phases.push(["worker", performance.now()]);
        this.addEventListener("message", ({ data }) => {
          if (data && data.type) {
            b.phases.push([data.stage ? data.type + ":" + data.stage : data.type, performance.now()]);
          }
        });
      }
    }
  };
  document.addEventListener("click", (e) => { b.clickAt = e.timeStamp; }, true);
})();
"""

COLLECT_JS = """() => {
  const b = window.__bench;
  const nav = performance.getEntriesByType("navigation")[0];
  return { firstOk: b.firstOk, longtasks: b.longtasks, phases: b.phases,
           dcl: nav ? nav.domContentLoadedEventEnd : null, noLongtask: b.noLongtask || null };
}"""

# Arms a one-shot measurement: from the next `type` event (its timeStamp) on the document to
# the first mutation of the widget's output; the promise waits in window.__benchPending.
ARM_JS = """(type) => {
  const out = document.querySelector("[data-widget] [data-output]");
  window.__benchPending = new Promise((resolve) => {
    let t0 = null;
    document.addEventListener(type, (e) => { t0 = e.timeStamp; }, { capture: true, once: true });
    const mo = new MutationObserver(() => {
      if (t0 === null) return;
      mo.disconnect();
      resolve(performance.now() - t0);
    });
    mo.observe(out, { childList: true, subtree: true, characterData: true });
    setTimeout(() => { mo.disconnect(); resolve(null); }, 10000);
  });
}"""

NEW_WIDGET_OK_JS = """() => {
  const w = document.querySelector("[data-widget]");
  return !!w && w !== window.__benchOld && window.__bench.okAt.has(w);
}"""


# --- helpers --------------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def minimum(values):
    values = [v for v in values if v is not None]
    return min(values) if values else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed_run(cmd, **kwargs) -> float:
    return timed_run_cpu(cmd, **kwargs)[0]


def timed_run_cpu(cmd, **kwargs) -> tuple[float, float]:
    """Wall time and CPU time (user + sys) of a command, in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, **kwargs)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def tbt(longtasks, until):
    """Total blocking time of the long tasks that started before `until` (ms)."""
    if until is None:
        return None
    return sum(max(0.0, duration - 50.0) for start, duration in longtasks if start < until)


# --- builds ----------------------------------------------------------------------------------


def load_config(site_url: str) -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: site_url)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def plugin_name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


# Added to one untimed full build: keeps each page's Markdown as mkdocs-macros rendered it,
# so that the plain build gets the same pages, with the same content.
CAPTURE_HOOK = """
from pathlib import Path

from mkdocs.plugins import event_priority

OUT = Path(__file__).with_name("rendered-docs")


@event_priority(-100)  # after mkdocs-macros
def on_page_markdown(markdown, page, config, files):
    target = OUT / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return markdown
"""


def rendered_docs(project: Path, site_url: str, env: dict) -> Path:
    """docs/ with every page's Markdown replaced by what mkdocs-macros made of it."""
    out = project / "rendered-docs"
    shutil.copytree(ROOT / "docs", out)
    hook = project / "capture_rendered.py"
    hook.write_text(CAPTURE_HOOK, encoding="utf-8")
    config = load_config(site_url)
    config["hooks"] = [*config["hooks"], str(hook)]
    path = project / "capture.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    site = project / "capture-site"
    subprocess.run(
        [str(BIN / "mkdocs"), "build", "-q", "-f", str(path), "--site-dir", str(site)],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    shutil.rmtree(site)
    return out


def build_configs(work: Path, site_url: str, env: dict) -> dict[str, Path]:
    """Config files in a directory that mirrors the project (symlinks), so every relative path
    (docs, hooks, the macros package) resolves as in the real mkdocs.yml.

    full: the project's own mkdocs.yml. plain: Material and search only, the same pages with
    the same content (each page's Markdown as mkdocs-macros renders it in the full build), nav
    and Markdown extensions, no macros, i18n or hooks. The others leave one part out of the
    full build, to show where its extra time goes."""
    project = work / "project"
    project.mkdir()
    for name in ("docs", "hooks", "macros", "build"):
        (project / name).symlink_to(ROOT / name)
    config = load_config(site_url)
    plain = {
        "site_name": config["site_name"],
        "site_url": site_url,
        "docs_dir": str(rendered_docs(project, site_url, env)),
        "theme": config["theme"],
        "plugins": ["search"],
        "markdown_extensions": config.get("markdown_extensions", []),
        "extra_css": config.get("extra_css", []),
        "nav": config["nav"],
    }
    without = {
        "full without runtime copy": lambda c: c.update(
            hooks=[h for h in c["hooks"] if "runtime" not in h]
        ),
        "full without macros": lambda c: c.update(
            plugins=[p for p in c["plugins"] if plugin_name(p) != "macros"]
        ),
        "full without i18n (+ its hook)": lambda c: c.update(
            plugins=[p for p in c["plugins"] if plugin_name(p) != "i18n"],
            hooks=[h for h in c["hooks"] if "i18n" not in h],
        ),
    }
    paths = {"full": ROOT / "mkdocs.yml", "plain Material": project / "plain.yml"}
    paths["plain Material"].write_text(
        yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), "utf-8"
    )
    for i, (name, change) in enumerate(without.items()):
        variant = load_config(site_url)
        change(variant)
        paths[name] = project / f"variant-{i}.yml"
        paths[name].write_text(
            yaml.safe_dump(variant, allow_unicode=True, sort_keys=False), "utf-8"
        )
    return paths


def bench_builds(work: Path, site_url: str, reps: int) -> tuple[dict, Path]:
    """Wall and CPU time of `mkdocs build` (a fresh process each time, as a user runs it).
    The target is on wall time; CPU time (user + sys) is steadier on a shared machine."""
    mkdocs = str(BIN / "mkdocs")
    env = {**os.environ, "PARTWAYS_SITE_URL": site_url}
    configs = build_configs(work, site_url, env)
    times: dict[str, list[float]] = {name: [] for name in configs}
    cpu: dict[str, list[float]] = {name: [] for name in configs}
    for i in range(reps):  # interleaved, so a slow moment of the machine hits every variant
        for name, config in configs.items():
            site = work / ("site" if name == "full" else "variant-site")
            shutil.rmtree(site, ignore_errors=True)
            cmd = [mkdocs, "build", "-f", str(config), "--site-dir", str(site)]
            wall, used = timed_run_cpu(
                cmd + (["--strict"] if name == "full" else []), cwd=ROOT, env=env
            )
            times[name].append(wall)
            cpu[name].append(used)
        log(f"build {i + 1}/{reps}: " + ", ".join(f"{n} {t[-1]:.2f} s" for n, t in times.items()))
    shutil.rmtree(work / "variant-site", ignore_errors=True)
    medians = {name: median(t) for name, t in times.items()}
    cpu_medians = {name: median(t) for name, t in cpu.items()}
    return {
        "samples_s": times,
        "median_s": medians,
        "ratio": medians["full"] / medians["plain Material"],
        "cpu_samples_s": cpu,
        "cpu_median_s": cpu_medians,
        "cpu_ratio": cpu_medians["full"] / cpu_medians["plain Material"],
    }, work / "site"


# --- browser ---------------------------------------------------------------------------------


def write_bench_pages(site: Path) -> None:
    """The bare pages, and npm's Pyodide as it ships for the baseline's."""
    stock = site / STOCK_RUNTIME
    stock.mkdir(parents=True, exist_ok=True)
    for name in STOCK_FILES:
        shutil.copyfile(NPM_PYODIDE / name, stock / name)
    pages = {
        BARES["bare"]: BARE_HTML.replace("RUNTIME", "./pyodide-stock/"),
        BARES["bare, site runtime"]: BARE_HTML.replace("RUNTIME", "../assets/pyodide/"),
        BARES["bare+engine"]: BARE_ENGINE_HTML,
    }
    for path, html in pages.items():
        (site / path).write_text(html, encoding="utf-8")


def load_and_measure(page, url: str) -> dict:
    page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_function(
        "() => window.__bench && window.__bench.firstOk !== null",
        timeout=LOAD_TIMEOUT_MS,
        polling=100,
    )
    page.wait_for_timeout(300)  # late long-task entries
    data = page.evaluate(COLLECT_JS)
    first = data["firstOk"]
    phases = {name: at for name, at in data["phases"]}
    return {
        "first_ms": first,
        "tbt_ms": tbt(data["longtasks"], first),
        "longest_task_ms": max((d for s, d in data["longtasks"] if s < first), default=0.0),
        "dcl_ms": data["dcl"],
        "phases_ms": phases,
    }


def instant_return(page, tool_path: str) -> float | None:
    """Tool page -> page without a tool -> back, by clicking nav links; click to fresh result."""
    page.evaluate("() => { window.__benchOld = document.querySelector('[data-widget]'); }")
    page.locator('.md-nav--primary a.md-nav__link[href$="playbook/signs/"]').first.click()
    page.wait_for_function(
        "() => location.pathname.endsWith('/playbook/signs/') && !document.querySelector('[data-widget]')"
        " && window.__benchOld !== undefined",
        timeout=20_000,
        polling=50,
    )
    page.wait_for_timeout(300)
    page.locator(f'.md-nav--primary a.md-nav__link[href$="{tool_path}"]').first.click()
    page.wait_for_function(NEW_WIDGET_OK_JS, timeout=20_000, polling=50)
    return page.evaluate("""() => {
      if (window.__benchOld === undefined) return null;  // a full reload, not instant navigation
      const w = document.querySelector("[data-widget]");
      return window.__bench.okAt.get(w) - window.__bench.clickAt;
    }""")


def measure_input(page, type_: str, action) -> float | None:
    page.evaluate(ARM_JS, type_)
    action()
    value = page.evaluate("() => window.__benchPending")
    page.wait_for_timeout(150)
    return value


def interactions(page, kind: str, samples: int) -> dict:
    out = {}
    if kind == "checklist":
        boxes = page.locator('[data-widget] input[name="done"]')
        out["checkbox_ms"] = [
            measure_input(page, "input", lambda i=i: boxes.nth(i % 4).click())
            for i in range(samples)
        ]
    if kind == "notice":
        period = page.locator('[data-widget] input[name="period"]')
        period.click()
        page.keyboard.press("End")
        keys = ["1", "Backspace"]
        out["keystroke_ms"] = [
            measure_input(page, "input", lambda i=i: page.keyboard.press(keys[i % 2]))
            for i in range(samples)
        ]
    return out


def served_since(server_log: Path, offset: int) -> dict:
    served = read_log(server_log, offset)
    runtime = [r for r in served if r["path"].startswith("/assets/pyodide/")]
    return {
        "requests": len(served),
        "bytes": sum(r["bytes"] for r in served),
        "pyodide_requests": len(runtime),
        "pyodide_bytes": sum(r["bytes"] for r in runtime),
        "not_ok": [r for r in served if r["status"] not in (200, 304)],
    }


def bench_browser(pw, base_url: str, work: Path, reps: int, server_log: Path) -> dict:
    samples: dict[str, dict[str, list]] = {}
    order = [*TOOLS, *BARES]
    for rep in range(reps):
        for name in order:
            path = BARES.get(name) or TOOLS[name]
            url = base_url + path
            profile = Path(tempfile.mkdtemp(prefix="profile-", dir=work))
            ctx = pw.chromium.launch_persistent_context(
                str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS, viewport=VIEWPORT
            )
            ctx.add_init_script(INIT_JS)
            record = samples.setdefault(name, {})
            cold = warm = {}
            try:
                cold_page = ctx.pages[0] if ctx.pages else ctx.new_page()
                offset = server_log.stat().st_size
                cold = load_and_measure(cold_page, url)
                if name in TOOLS:
                    cold["workers"] = cold_page.evaluate("() => window.partways.workerCount()")
                page = ctx.new_page()
                cold_page.close()
                cold["served"] = served_since(server_log, offset)
                record.setdefault("cold", []).append(cold)
                page.wait_for_timeout(1000)  # let the HTTP cache (and code cache) settle
                offset = server_log.stat().st_size
                warm = load_and_measure(page, url)
                warm["served"] = served_since(server_log, offset)
                record.setdefault("warm", []).append(warm)
                if name in TOOLS:
                    for _ in range(2):
                        record.setdefault("return_ms", []).append(instant_return(page, path))
                    record.setdefault("workers_after_return", []).append(
                        page.evaluate("() => window.partways.workerCount()")
                    )
                    for key, values in interactions(page, name, 5).items():
                        record.setdefault(key, []).extend(values)
            except Exception as error:  # noqa: BLE001 -- a failed measurement is reported, not fatal
                log(f"{name} (rep {rep + 1}): {type(error).__name__}: {error}")
                record.setdefault("errors", []).append(f"{type(error).__name__}: {error}")
            finally:
                ctx.close()
                shutil.rmtree(profile, ignore_errors=True)
            log(
                f"rep {rep + 1}/{reps} {name}: first result cold {fmt(cold.get('first_ms'))}, "
                f"warm {fmt(warm.get('first_ms'))}"
            )
    return samples


def read_log(path: Path, offset: int) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        f.seek(offset)
        return [json.loads(line) for line in f if line.strip()]


def bench_bytes(pw, base_url: str, server_log: Path) -> dict:
    """Pages without a tool, cold cache: what they fetch (tool pages: see their cold loads)."""
    browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
    pages = {}
    try:
        for path in NO_TOOL_PAGES:
            ctx = browser.new_context(viewport=VIEWPORT)  # empty cache
            ctx.add_init_script(INIT_JS)
            page = ctx.new_page()
            offset = server_log.stat().st_size
            page.goto(base_url + path, wait_until="networkidle")
            page.wait_for_timeout(500)  # nothing should start late either
            workers = page.evaluate("() => window.partways.workerCount()")
            longtasks = page.evaluate("() => window.__bench.longtasks")
            ctx.close()
            pages["/" + path] = {
                **served_since(server_log, offset),
                "workers": workers,
                "tbt_ms": tbt(longtasks, float("inf")),
            }
    finally:
        browser.close()
    return pages


# --- CLI and engine --------------------------------------------------------------------------


def bench_cli(reps: int) -> dict:
    python = sys.executable
    letter_args = []
    for key, value in LETTER.items():
        letter_args += [f"--{key.replace('_', '-')}", str(value)]
    commands = {
        "python -c pass (baseline)": ([python, "-c", "pass"], None),
        "python -c 'import partways' (baseline)": ([python, "-c", "import partways"], None),
        "notice": (
            [
                python,
                "-m",
                "partways",
                "notice",
                "--received",
                "2026-12-28",
                "--days",
                "14",
                "--jurisdiction",
                "pl",
            ],
            None,
        ),
        "assess": (
            [python, "-m", "partways", "assess", "--input", "-"],
            json.dumps({"haggling": True}),
        ),
        "checklist": (
            [python, "-m", "partways", "checklist", "--jurisdiction", "pl", "--done", "records"],
            None,
        ),
        "letter": ([python, "-m", "partways", "letter", *letter_args], None),
    }
    out = {}
    for name, (cmd, stdin) in commands.items():
        times = [timed_run(cmd, input=stdin, text=True, cwd=BENCH) * 1000 for _ in range(reps)]
        out[name] = {"samples_ms": times, "median_ms": median(times)}
    return out


def calls_per_second(handle_json, texts: list[str], seconds: float = 1.0) -> float:
    calls, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        handle_json(texts[calls % len(texts)])
        calls += 1
    return calls / (time.perf_counter() - start)


def bench_engine_cpython() -> dict:
    from partways import handle_json

    out = {}
    for tool, request in (("notice", NOTICE), ("letter", LETTER)):
        texts = [json.dumps({"tool": tool, "input": {**request, "days": d}}) for d in range(1, 31)]
        assert json.loads(handle_json(texts[0]))["ok"], tool
        out[tool] = calls_per_second(handle_json, texts)
    return out


def bench_engine_node() -> dict:
    done = subprocess.run(
        ["node", str(BENCH / "engine_node.mjs"), str(ROOT / "build" / "pyodide"), "1"],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- report ----------------------------------------------------------------------------------


def fmt(value, unit="ms", digits=0):
    if value is None:
        return "n/a"
    return f"{value:,.{digits}f} {unit}".strip()


def verdict(ok):
    return "n/a" if ok is None else ("PASS" if ok else "MISS")


def report(results: dict) -> str:
    rows = []

    def row(what, value, baseline="", ratio="", target="", status=""):
        rows.append((what, value, baseline, ratio, target, status))

    browser = results["browser"]
    bare = browser.get("bare", {})
    limit = TARGETS["first_result_ratio"]
    for mode in ("cold", "warm"):
        bare_all = [s["first_ms"] for s in bare.get(mode, [])]
        bare_ms, bare_best = median(bare_all), minimum(bare_all)
        for name in [*TOOLS, "bare, site runtime", "bare+engine"]:
            values = [s["first_ms"] for s in browser.get(name, {}).get(mode, [])]
            value, best = median(values), minimum(values)
            ratio = value / bare_ms if value and bare_ms else None
            best_ratio = best / bare_best if best and bare_best else None
            cells = (
                f"{fmt(value)} (best {fmt(best)})",
                f"bare, npm runtime {fmt(bare_ms)} (best {fmt(bare_best)})",
                f"{fmt(ratio, 'x', 2)} (best {fmt(best_ratio, 'x', 2)})",
            )
            if name in TOOLS:
                row(
                    f"first live result, {mode}: {name}",
                    *cells,
                    f"<= {limit}x",
                    verdict(ratio <= limit if ratio else None),
                )
            else:
                row(f"first live result, {mode}: {name} (reference)", *cells)
    plain_tbt = median(data.get("tbt_ms") for data in results["bytes"].values())
    for mode in ("cold", "warm"):
        bare_tbt = median(s["tbt_ms"] for s in bare.get(mode, []))
        for name in TOOLS:
            value = median(s["tbt_ms"] for s in browser.get(name, {}).get(mode, []))
            row(
                f"total blocking time, {mode}: {name}",
                fmt(value),
                f"bare (main thread) {fmt(bare_tbt)}"
                + (f"; page without tool {fmt(plain_tbt)}" if mode == "cold" else ""),
                "",
                f"<= {TARGETS['tbt_ms']} ms",
                verdict(value <= TARGETS["tbt_ms"] if value is not None else None),
            )
    for name in TOOLS:
        value = median(browser.get(name, {}).get("return_ms", []))
        row(
            f"instant-nav return to result: {name}",
            fmt(value),
            "",
            "",
            f"<= {TARGETS['return_ms']} ms",
            verdict(value <= TARGETS["return_ms"] if value is not None else None),
        )
    for name, key, label in (
        ("checklist", "checkbox_ms", "checklist: tick a box"),
        ("notice", "keystroke_ms", "notice: keystroke in the period"),
    ):
        value = median(browser.get(name, {}).get(key, []))
        row(
            f"input to updated result, {label}",
            fmt(value, digits=1),
            "",
            "",
            f"<= {TARGETS['click_ms']} ms",
            verdict(value <= TARGETS["click_ms"] if value is not None else None),
        )
    build = results["build"]
    plain_s = build["median_s"]["plain Material"]
    row(
        f"mkdocs build --strict (median of {len(build['samples_s']['full'])})",
        fmt(build["median_s"]["full"], "s", 2),
        f"plain Material {fmt(plain_s, 's', 2)}",
        fmt(build["ratio"], "x", 2),
        f"<= {TARGETS['build_ratio']}x",
        verdict(build["ratio"] <= TARGETS["build_ratio"]),
    )
    row(
        "  build reference: CPU time (user + sys)",
        fmt(build["cpu_median_s"]["full"], "s", 2),
        f"plain Material {fmt(build['cpu_median_s']['plain Material'], 's', 2)}",
        fmt(build["cpu_ratio"], "x", 2),
    )
    for name, value in build["median_s"].items():
        if name.startswith("full without"):
            row(
                f"  build reference: {name}",
                fmt(value, "s", 2),
                f"plain Material {fmt(plain_s, 's', 2)}",
                fmt(value / plain_s, "x", 2),
            )
    cli = results["cli"]
    base = cli["python -c pass (baseline)"]["median_ms"]
    for name, data in cli.items():
        if "baseline" in name:
            continue
        row(
            f"CLI `partways {name}` (median of {len(data['samples_ms'])})",
            fmt(data["median_ms"]),
            f"python -c pass {fmt(base)}",
            fmt(data["median_ms"] / base, "x", 2),
        )
    imp = cli["python -c 'import partways' (baseline)"]["median_ms"]
    row(
        "CLI reference: python -c 'import partways'",
        fmt(imp),
        f"python -c pass {fmt(base)}",
        fmt(imp / base, "x", 2),
    )
    node = results["engine"]["pyodide_node"]
    for tool in ("notice", "letter"):
        cp = results["engine"]["cpython"][tool]
        py = node["calls_per_s"][tool]
        row(
            f"engine calls/s, {tool}: Pyodide (Node)",
            fmt(py, "/s"),
            f"CPython {fmt(cp, '/s')}",
            fmt(py / cp, "x", 2),
        )

    widths = [max(len(str(r[i])) for r in rows + [HEADER]) for i in range(6)]
    lines = [
        " | ".join(str(c).ljust(w) for c, w in zip(HEADER, widths)),
        "-+-".join("-" * w for w in widths),
    ]
    lines += [" | ".join(str(c).ljust(w) for c, w in zip(r, widths)) for r in rows]

    lines += [
        "",
        (
            "Status compares medians; (best) is the fastest of the reps, less hurt by other work "
            "on the machine."
        ),
    ]
    lines += [
        "",
        (
            "Where a tool page's load goes (median ms since navigation start; worker = engine.js "
            "creates it, runtime = worker.js runs, engine = loadPyodide done, ready = wheels loaded "
            "and partways imported):"
        ),
    ]
    for mode in ("cold", "warm"):
        for name in TOOLS:
            loads = browser.get(name, {}).get(mode, [])
            names = ["worker", "status:runtime", "status:engine", "ready"]
            parts = [
                f"{n.split(':')[-1]} {fmt(median(s['phases_ms'].get(n) for s in loads))}"
                for n in names
            ]
            dcl = median(s["dcl_ms"] for s in loads)
            first = median(s["first_ms"] for s in loads)
            lines.append(
                f"  {mode} {name:9} DOMContentLoaded {fmt(dcl)} | "
                + " | ".join(parts)
                + f" | result {fmt(first)}"
            )
    lines += [
        "",
        "Pyodide on Node, loading steps (ms): "
        + ", ".join(f"{k} {v:.0f}" for k, v in node["steps_ms"].items()),
    ]
    lines.append(
        "Pyodide on Node, first call per tool (ms): "
        + ", ".join(f"{k} {v:.0f}" for k, v in node["first_call_ms"].items())
    )

    lines += ["", "Bytes per page (counted by the server, workers included; cold = empty cache):"]
    per_page = {f"{path} (cold)": data for path, data in results["bytes"].items()}
    for name, path in [*TOOLS.items(), ("bare", BARES["bare"])]:
        for mode in ("cold", "warm"):
            loads = browser.get(name, {}).get(mode, [])
            if loads and "served" in loads[0]:
                first = loads[0]["served"]
                per_page[f"/{path} ({mode})"] = {**first, "workers": loads[0].get("workers", "-")}
    for path, data in per_page.items():
        lines.append(
            f"  {path:36} {data['requests']:3d} requests {data['bytes'] / 1e6:7.2f} MB; "
            f"/assets/pyodide/: {data['pyodide_requests']} requests {data['pyodide_bytes'] / 1e6:.2f} MB; "
            f"workers {data['workers']}" + (f"; NOT OK {data['not_ok']}" if data["not_ok"] else "")
        )
    errors = {name: data["errors"] for name, data in browser.items() if data.get("errors")}
    if errors:
        lines += ["", f"Browser measurements that failed: {errors}"]
    return "\n".join(lines)


HEADER = ("measure", "value", "baseline", "ratio", "target", "status")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--reps", type=int, default=3, help="browser and build repetitions (default 3)"
    )
    parser.add_argument("--cli-reps", type=int, default=5)
    args = parser.parse_args()
    if not (ROOT / "build" / "pyodide" / "pyodide-lock.json").is_file():
        sys.exit("bench: no build/pyodide (run `make pyodide`)")
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="partways-bench-"))
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/"
    server = None
    results: dict = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "reps": args.reps,
        "targets": TARGETS,
        "loadavg_start": os.getloadavg(),
    }
    try:
        log("builds: full site vs plain Material")
        results["build"], site = bench_builds(work, base_url, args.reps)
        write_bench_pages(site)
        server_log = work / "server.jsonl"
        server_log.touch()
        server = subprocess.Popen(
            [
                sys.executable,
                str(BENCH / "server.py"),
                "--directory",
                str(site),
                "--port",
                str(port),
                "--log",
                str(server_log),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        server.stdout.readline()  # "bench server on ..."
        with sync_playwright() as pw:
            log(f"browser: {args.reps} reps of cold + warm loads on {base_url}")
            results["browser"] = bench_browser(pw, base_url, work, args.reps, server_log)
            log("browser: bytes per page")
            results["bytes"] = bench_bytes(pw, base_url, server_log)
        log("CLI and engine")
        results["cli"] = bench_cli(args.cli_reps)
        results["engine"] = {"cpython": bench_engine_cpython(), "pyodide_node": bench_engine_node()}
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    results["total_s"] = time.perf_counter() - started
    results["loadavg_end"] = os.getloadavg()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(
        json.dumps(results, indent=2, default=str), encoding="utf-8"
    )
    print(report(results))
    print(
        f"\nTotal {results['total_s']:.0f} s on {results['cpus']} CPUs; load average at start "
        f"{results['loadavg_start'][0]:.2f}, at end {results['loadavg_end'][0]:.2f} (other work on the "
        f"machine skews the browser figures); every sample in {(RESULTS / 'latest.json').relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
