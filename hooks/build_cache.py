"""MkDocs hook: what the per-language passes of a build would repeat is done once.

mkdocs-static-i18n builds the site once per language, each time with a fresh template
environment and a fresh start of every plugin. Without this hook every pass walks
Material's 14,000 theme files, compiles every template and runs a dozen `git` commands for
mkdocs-macros' `git` variable (which no page uses) again. With it, the theme is listed once
(without the hidden files MkDocs never copies, so without walking them), the git facts are
kept for the run, and the compiled templates, the theme's and the pages' own (mkdocs-macros
compiles each page's Markdown as one), are kept on disk (build/jinja-cache), also between
builds; Jinja checks each template's source against its cached code, so an edited template
or page is compiled afresh."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import mkdocs_macros.context
from jinja2 import FileSystemBytecodeCache

CACHE = Path(__file__).resolve().parents[1] / "build" / "jinja-cache"
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
    _listings.clear()  # `mkdocs serve` rebuilds in one process: list afresh on each start
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


def on_config(config):
    macros = config.plugins.get("macros")
    if macros is not None:  # its on_config, which makes a new environment, ran before ours
        _cache_page_templates(macros)
    theme = config.theme
    if getattr(theme, "_partways_cached", False):
        return config
    make_env = theme.get_env

    def get_env():
        env = make_env()
        CACHE.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(CACHE))
        _list_once(env.loader)
        return env

    theme.get_env = get_env
    theme._partways_cached = True
    return config
