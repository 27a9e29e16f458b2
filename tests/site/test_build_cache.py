"""The build's caches (hooks/build_cache.py): a build that answers its macros (and compiles
its templates) from the caches makes the same site, byte for byte, as one without them; a
macro runs once per call and page; any change to what a macro can read is a new digest."""

import filecmp
import importlib.util
import os
import subprocess
from types import SimpleNamespace

import pytest

from conftest import MKDOCS, ROOT

pytestmark = pytest.mark.site


def _hook():
    spec = importlib.util.spec_from_file_location("build_cache_hook", ROOT / "hooks" / "build_cache.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _build(out, caches):
    env = {**os.environ, "PARTWAYS_BUILD_CACHE": str(caches)}
    result = subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stderr[-4000:]


def _differences(left, right):
    comparison = filecmp.dircmp(left, right)
    found = comparison.left_only + comparison.right_only + comparison.diff_files
    for name, sub in comparison.subdirs.items():
        found += [f"{name}/{path}" for path in _differences(sub.left, sub.right)]
    return found


def test_a_build_from_the_caches_is_the_build_without_them(tmp_path):
    _build(tmp_path / "uncached", "off")
    caches = tmp_path / "caches"
    _build(tmp_path / "filling", caches)  # empty caches: every macro runs and is kept
    (kept,) = (caches / "macro-cache").glob("*.json")
    assert kept.stat().st_size > 10_000  # the forms, tables and sample letters of three languages
    _build(tmp_path / "cached", caches)
    assert _differences(tmp_path / "uncached", tmp_path / "filling") == []
    assert _differences(tmp_path / "uncached", tmp_path / "cached") == []


def test_a_macro_runs_once_per_call_and_page_and_the_next_build_reads_it(tmp_path, monkeypatch):
    hook = _hook()
    monkeypatch.setattr(hook, "MACRO_CACHE", tmp_path)
    calls = []

    def notice_form(jurisdiction="pl"):
        calls.append(jurisdiction)
        return f"<form>{jurisdiction} {len(calls)}</form>"

    plugin = SimpleNamespace(page=SimpleNamespace(file=SimpleNamespace(src_uri="tools/notice-dates.md"),
                                                  url="tools/notice-dates/"))
    outputs = hook._MacroOutputs()
    cached = outputs.wrap(plugin, "notice_form", notice_form)
    assert cached("ru") == cached("ru") == "<form>ru 1</form>"
    assert cached("pl") == "<form>pl 2</form>"
    plugin.page = SimpleNamespace(file=SimpleNamespace(src_uri="tools/notice-dates.pl.md"),
                                  url="pl/tools/notice-dates/")
    assert cached("ru") == "<form>ru 3</form>"  # another page (here another language) runs it
    outputs.save()
    later = hook._MacroOutputs().wrap(plugin, "notice_form", notice_form)
    assert later("ru") == "<form>ru 3</form>" and len(calls) == 3


def test_any_change_to_what_a_macro_reads_is_a_new_digest(tmp_path, monkeypatch):
    hook = _hook()
    for folder in hook.MACRO_INPUTS:
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "a.toml").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(hook, "ROOT", tmp_path)
    first = hook._inputs_digest()
    assert hook._inputs_digest() == first
    data = tmp_path / "tools" / "partways" / "a.toml"
    data.write_text("x = 2\n", encoding="utf-8")
    assert hook._inputs_digest() != first
    data.write_text("x = 1\n", encoding="utf-8")
    assert hook._inputs_digest() == first
    (tmp_path / "tests" / "test_new.py").write_text("", encoding="utf-8")
    assert hook._inputs_digest() != first
