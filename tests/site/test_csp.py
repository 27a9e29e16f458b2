"""The Content-Security-Policy every built page ships: only the site's own origin, plus
'wasm-unsafe-eval' for WebAssembly; inline scripts only by the hash of the script on that very
page; no inline handler or style attribute that the policy would have to allow.
(That every page and tool works under it is shown in Chromium by the browser suite, whose
pages keep the policy on and fail on any console error, violations included.)"""

import base64
import hashlib
import re

import pytest

from conftest import read_page

pytestmark = pytest.mark.site

STRICT = {
    "default-src": {"'self'"},
    "script-src": {"'self'", "'wasm-unsafe-eval'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "worker-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
}
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def parse_policy(content: str) -> dict[str, set[str]]:
    directives = {}
    for part in content.split(";"):
        name, *values = part.split()
        assert name not in directives, f"{name} given twice"
        directives[name] = set(values)
    return directives


def sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def every_page(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 3 * 18
    return pages


def test_every_page_ships_the_strict_policy_before_anything_it_governs(built_site):
    for path in every_page(built_site):
        html = path.read_text(encoding="utf-8")
        page = read_page(path)
        policies = page.find_all("meta", http_equiv="Content-Security-Policy")
        assert len(policies) == 1, path
        directives = parse_policy(policies[0]["content"])
        hashes = directives["script-src"] - STRICT["script-src"]
        assert {**directives, "script-src": directives["script-src"] - hashes} == STRICT, path
        # Only the hashes of this page's own inline scripts, all of them.
        assert hashes == {sha256(script) for script in INLINE_SCRIPT.findall(html)}, path
        head = html.split("</head>", 1)[0]
        meta_at = head.index('http-equiv="Content-Security-Policy"')
        first_resource = min((head.find(tag) for tag in ("<script", "<link", "<style")
                              if tag in head), default=len(head))
        assert meta_at < first_resource, f"{path}: the policy comes after what it governs"


def test_no_page_needs_inline_handlers_styles_or_foreign_sources(built_site):
    for path in every_page(built_site):
        page = read_page(path)
        for tag, attributes in page.elements:
            handlers = [name for name in attributes if name.startswith("on")]
            assert not handlers, f"{path}: <{tag} {handlers}>"
            assert "style" not in attributes, f"{path}: <{tag} style=...>"
            if tag == "script" and attributes.get("src"):
                assert not attributes["src"].startswith(("http:", "https:", "//")), path

