"""MkDocs hook: what the per-language passes of a build would repeat is done once, and what
an unchanged project would compute again is kept between builds.

mkdocs-static-i18n builds the site once per language, each time with a fresh template
environment and a fresh start of every plugin. Without this hook every pass walks
Material's 14,000 theme files, compiles every template and runs a dozen `git` commands for
mkdocs-macros' `git` variable (which no page uses) again. With it, the theme is listed once
(without the hidden files MkDocs never copies, so without walking them), the git facts are
kept for the run, and the compiled templates, the theme's and the pages' own (mkdocs-macros
compiles each page's Markdown as one), are kept on disk (build/jinja-cache), also between
builds; Jinja checks each template's source against its cached code, so an edited template
or page is compiled afresh.

The macros' outputs are kept too (build/macro-cache), under a digest of everything they
can read: the engine's and the macros' code and data, the tests (the security page counts
them), the versions of Python and of the installed packages, the terminal's width (argparse
wraps the CLI's help to it) and today's date; a call is looked up by its macro, arguments,
page and page URL. Any change to an input is a new digest, so the engine runs afresh; an
unchanged project skips it (the notice examples alone import all 250 countries of PyPI's
`holidays`)."""

from __future__ import annotations

import datetime
import functools
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import sys
from pathlib import Path

import mkdocs_macros.context
from jinja2 import FileSystemBytecodeCache

ROOT = Path(__file__).resolve().parents[1]
# PARTWAYS_BUILD_CACHE: another folder for the caches (a cold-cache timing), or "off" for a
# build that neither reads nor writes them (the reference the cached build is tested against).
_CACHES = os.environ.get("PARTWAYS_BUILD_CACHE", str(ROOT / "build"))
CACHES = None if _CACHES == "off" else Path(_CACHES)
CACHE = CACHES / "jinja-cache" if CACHES else None
MACRO_CACHE = CACHES / "macro-cache" if CACHES else None
MACRO_INPUTS = ("tools/partways", "macros", "tests")  # every file a macro can read
_listings: dict[tuple[str, ...], list[str]] = {}


def _visible_templates(searchpath: list[str]) -> list[str]:
    """What ``FileSystemLoader.list_templates`` lists, without hidden files and folders:
    MkDocs' theme-file filter drops those anyway ('.*', '*/.*'), and they are Material's
    13,000 .icons, which templates include by name (never through the listing)."""
    found = set()
    for root in searchpath:
        for folder, subfolders, names in os.walk(root, followlinks=True):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            relative = Path(folder).relative_to(root)
            found.update((relative / name).as_posix() for name in names if not name.startswith("."))
    return sorted(found)


def _list_once(loader) -> None:
    def list_templates() -> list[str]:
        # mkdocs-static-i18n adds its sitemap folder again on every pass: the same listing.
        key = tuple(dict.fromkeys(loader.searchpath))
        if key not in _listings:
            _listings[key] = _visible_templates(list(key))
        return list(_listings[key])

    loader.list_templates = list_templates


def on_startup(command, dirty):
    global _macro_outputs
    _listings.clear()  # `mkdocs serve` rebuilds in one process: list afresh on each start
    _macro_outputs = None  # and digest the inputs afresh
    git_info = getattr(mkdocs_macros.context.get_git_info, "__wrapped__",
                       mkdocs_macros.context.get_git_info)
    mkdocs_macros.context.get_git_info = functools.cache(git_info)


def _cache_page_templates(macros) -> None:
    """mkdocs-macros compiles every page's Markdown as a Jinja template, on every build; keep
    the compiled code in the same cache, checked against the page's source like the theme's."""
    env, cache = macros.env, FileSystemBytecodeCache(str(CACHE))
    compile_afresh = env.from_string

    def from_string(source, globals=None, template_class=None):
        page = getattr(macros, "page", None)
        if page is None:
            return compile_afresh(source, globals, template_class)
        bucket = cache.get_bucket(env, f"macros:{page.file.src_uri}", None, source)
        if bucket.code is None:
            bucket.code = env.compile(source)
            cache.set_bucket(bucket)
        cls = template_class or env.template_class
        return cls.from_code(env, bucket.code, env.make_globals(globals), None)

    env.from_string = from_string


def _inputs_digest() -> str:
    digest = hashlib.sha256()
    for folder in MACRO_INPUTS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    packages = [f"{name}=={importlib.metadata.version(name)}" for name in _run_time_requirements()]
    facts = [sys.version, *packages, str(shutil.get_terminal_size()), str(datetime.date.today())]
    digest.update("\n".join(facts).encode())
    return digest.hexdigest()[:20]


def _run_time_requirements(name: str = "partways", found: set[str] | None = None) -> list[str]:
    """What the engine needs to run (holidays and what it needs), not its extras."""
    found = set() if found is None else found
    for requirement in importlib.metadata.requires(name) or []:
        required = re.match(r"[A-Za-z0-9._-]+", requirement)[0].lower()
        if "extra ==" not in requirement and required not in found:
            found.add(required)
            _run_time_requirements(required, found)
    return sorted(found)


class _MacroOutputs:
    """{call: output} for one digest of the inputs, read once per build and written when it grew."""

    def __init__(self):
        self.path = MACRO_CACHE / f"{_inputs_digest()}.json"
        self.outputs = json.loads(self.path.read_text("utf-8")) if self.path.is_file() else {}
        self.grown = False

    def wrap(self, macros, name: str, function):
        @functools.wraps(function)
        def cached(*args, **kwargs):
            page = macros.page
            call = json.dumps([name, args, kwargs, page.file.src_uri, page.url], default=repr)
            if call not in self.outputs:
                self.outputs[call] = function(*args, **kwargs)
                self.grown = True
            return self.outputs[call]

        return cached

    def save(self) -> None:
        if not self.grown:
            return
        MACRO_CACHE.mkdir(parents=True, exist_ok=True)
        for stale in MACRO_CACHE.glob("*.json"):  # earlier digests: never asked for again
            stale.unlink()
        self.path.write_text(json.dumps(self.outputs, ensure_ascii=False), "utf-8")
        self.grown = False


_macro_outputs: _MacroOutputs | None = None


def _cache_macro_outputs(macros) -> None:
    """The project's macros (not mkdocs-macros' own, such as `now()`) answer from the cache
    when their inputs are unchanged."""
    global _macro_outputs
    if _macro_outputs is None:
        _macro_outputs = _MacroOutputs()
    package = macros.config["module_name"]
    for name, function in macros.macros.items():
        if function.__module__.split(".")[0] == package:
            macros.env.globals[name] = _macro_outputs.wrap(macros, name, function)


def on_post_build(config):
    if _macro_outputs is not None:
        _macro_outputs.save()


def on_config(config):
    macros = config.plugins.get("macros")
    if macros is not None and CACHES:  # its on_config, which makes a new environment, ran first
        _cache_page_templates(macros)
        _cache_macro_outputs(macros)
    theme = config.theme
    if getattr(theme, "_partways_cached", False):
        return config
    make_env = theme.get_env

    def get_env():
        env = make_env()
        if CACHES:
            CACHE.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(CACHE))
        _list_once(env.loader)
        return env

    theme.get_env = get_env
    theme._partways_cached = True
    return config
