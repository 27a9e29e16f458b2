"""`mkdocs build` next to a plain Material build of the same pages, wall and CPU time, each
build a fresh process as a user runs it; variants leaving one part out show where the time goes.

plain Material: Material and search only, the same pages with the same content (each page's
Markdown as mkdocs-macros renders it, captured from one untimed full build), nav and Markdown
extensions; no macros, i18n or hooks."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import yaml

from .common import BIN, ROOT, log, median, timed_run

# Added to the one untimed capture build: keeps each page's Markdown as mkdocs-macros made it.
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


def load_config(site_url: str) -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: site_url)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def plugin_name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def write_config(path: Path, config: dict) -> Path:
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def rendered_docs(project: Path, site_url: str, env: dict) -> Path:
    """docs/ with every page's Markdown replaced by what mkdocs-macros made of it."""
    out = project / "rendered-docs"
    shutil.copytree(ROOT / "docs", out)
    (project / "capture_rendered.py").write_text(CAPTURE_HOOK, encoding="utf-8")
    config = load_config(site_url)
    config["hooks"] = [*config["hooks"], str(project / "capture_rendered.py")]
    path = write_config(project / "capture.yml", config)
    site = project / "capture-site"
    cmd = [str(BIN / "mkdocs"), "build", "-q", "-f", str(path), "--site-dir", str(site)]
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    shutil.rmtree(site)
    return out


VARIANTS = {  # the full build with one part left out
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


def build_configs(work: Path, site_url: str, env: dict) -> dict[str, Path]:
    """Config files in a directory that mirrors the project (symlinks), so every relative
    path (docs, hooks, the macros package) resolves as in the real mkdocs.yml."""
    project = work / "project"
    project.mkdir()
    for name in ("docs", "hooks", "macros", "overrides", "build"):
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
    paths = {"full": ROOT / "mkdocs.yml"}
    paths["plain Material"] = write_config(project / "plain.yml", plain)
    for i, (name, change) in enumerate(VARIANTS.items()):
        variant = load_config(site_url)
        change(variant)
        paths[name] = write_config(project / f"variant-{i}.yml", variant)
    return paths


def bench_builds(work: Path, site_url: str, reps: int) -> tuple[dict, Path]:
    """Wall and CPU time per build; the target is on wall time, CPU time (user + sys) is
    steadier on a shared machine. "full" keeps its caches between builds as `make build`
    does (build/: compiled templates, the macros' outputs); "full, empty caches" starts each
    time without them, as after an engine change. Returns the last full build's site."""
    env = {**os.environ, "PARTWAYS_SITE_URL": site_url}
    configs = build_configs(work, site_url, env)
    configs["full, empty caches"] = configs["full"]
    empty = work / "empty-caches"
    wall: dict[str, list[float]] = {name: [] for name in configs}
    cpu: dict[str, list[float]] = {name: [] for name in configs}
    for i in range(reps):  # interleaved, so a slow moment of the machine hits every variant
        for name, config in configs.items():
            site = work / ("site" if name == "full" else "variant-site")
            shutil.rmtree(site, ignore_errors=True)
            shutil.rmtree(empty, ignore_errors=True)
            cmd = [str(BIN / "mkdocs"), "build", "-f", str(config), "--site-dir", str(site)]
            caches = {"PARTWAYS_BUILD_CACHE": str(empty)} if "empty caches" in name else {}
            strict = ["--strict"] if config == configs["full"] else []  # the variants warn
            seconds, used = timed_run(cmd + strict, cwd=ROOT, env={**env, **caches})
            wall[name].append(seconds)
            cpu[name].append(used)
        log(f"build {i + 1}/{reps}: " + ", ".join(f"{n} {t[-1]:.2f} s" for n, t in wall.items()))
    shutil.rmtree(work / "variant-site", ignore_errors=True)
    medians = {name: median(t) for name, t in wall.items()}
    cpu_medians = {name: median(t) for name, t in cpu.items()}
    return {
        "samples_s": wall,
        "median_s": medians,
        "ratio": medians["full"] / medians["plain Material"],
        "cpu_samples_s": cpu,
        "cpu_median_s": cpu_medians,
        "cpu_ratio": cpu_medians["full"] / cpu_medians["plain Material"],
    }, work / "site"
