"""What the built site ships, read from the build itself (never a hand-kept list): its tool
pages, its pages without a tool, where its runtime lives; and the bench's own pages, written
into the built site before it is served."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .common import ROOT

NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
BENCH_DIR = "bench/"  # below the site root, beside the site's own pages

# A bare loadPyodide() page: the baseline of every first-result target.
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

# What the worker does before its first answer, on the main thread: the site's runtime, our
# wheels, an import and one cheap request. tool - bare+engine is the page and the worker;
# bare+engine - "bare, site runtime" is our wheels and import; "bare, site runtime" - bare is
# what the runtime's own changes (compiled stdlib, trimmed archive...) save or cost.
BARE_ENGINE_HTML = """<!doctype html>
<html lang="en"><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench: loadPyodide + partways</title>
<body><p id="out">loading</p>
<script type="module">
import { loadPyodide } from "RUNTIMEpyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("RUNTIME", import.meta.url).href,
                                    packages: ["partways"] });
const answer = pyodide.pyimport("partways").handle_json(JSON.stringify(REQUEST));
document.getElementById("out").textContent = answer;
document.body.dataset.result = JSON.parse(answer).ok ? "ok" : "error";
</script>
</body></html>
""".replace("REQUEST", json.dumps({"tool": "checklist", "input": {"lang": "en"}}))


@dataclass
class Site:
    root: Path
    lang: str  # the default edition's language, the one measured
    tools: dict[str, str]  # widget -> page path below the site root, e.g. "tools/letter/"
    plain_pages: list[str]  # the edition's pages without a tool
    runtime: str  # where the runtime lives below the site root, e.g. "assets/pyodide/"
    bares: dict[str, str]  # bare page name -> path

    def narrowed_to_baseline(self) -> Site:
        """The tools and the baseline's bare page (the other bare pages are loopback references)."""
        return dataclasses.replace(self, bares={"bare": self.bares["bare"]})


def _lang(html: str) -> str | None:
    found = re.search(r'<html[^>]*\slang="([\w-]+)"', html)
    return found[1] if found else None


def read_site(root: Path) -> Site:
    """The default edition (the root page's language): each page's widget, if any."""
    lang = _lang((root / "index.html").read_text(encoding="utf-8"))
    tools, plain = {}, []
    for index in sorted(root.rglob("index.html")):
        path = index.parent.relative_to(root).as_posix() + "/"
        path = "" if path == "./" else path
        html = index.read_text(encoding="utf-8")
        if path.startswith(BENCH_DIR) or _lang(html) != lang:
            continue
        widgets = re.findall(r'data-widget="(\w+)"', html)
        if widgets:
            tools.setdefault(widgets[0], path)
        else:
            plain.append(path)
    lock = next(p for p in root.rglob("pyodide-lock.json") if not p.is_relative_to(root / BENCH_DIR))
    runtime = lock.parent.relative_to(root).as_posix() + "/"
    return Site(root, lang, tools, plain, runtime, bares={})


def write_bench_pages(site: Site) -> None:
    """npm's Pyodide as it ships, and the bare pages, under <site>/bench/."""
    npm_runtime = site.root / BENCH_DIR / "pyodide-npm"
    shutil.copytree(NPM_PYODIDE, npm_runtime, dirs_exist_ok=True)
    to_site_runtime = "../" * BENCH_DIR.count("/") + site.runtime
    pages = {
        "bare": (BARE_HTML, "./pyodide-npm/"),  # the baseline
        "bare, site runtime": (BARE_HTML, to_site_runtime),
        "bare+engine": (BARE_ENGINE_HTML, to_site_runtime),
    }
    for i, (name, (html, runtime)) in enumerate(pages.items()):
        path = f"{BENCH_DIR}bare-{i}.html"
        (site.root / path).write_text(html.replace("RUNTIME", runtime), encoding="utf-8")
        site.bares[name] = path
