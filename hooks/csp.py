"""MkDocs hook: a strict Content-Security-Policy on every page.

Only the site's own origin may supply scripts, styles, images, fonts, workers and
connections; WebAssembly may compile ('wasm-unsafe-eval', for Pyodide). Material's few
inline scripts are allowed by their SHA-256 hashes, computed from each page as built.
The policy is a <meta> element because static hosts (GitHub Pages) cannot set headers.
"""

from __future__ import annotations

import base64
import hashlib
import re

from mkdocs.plugins import event_priority

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy_for(html: str) -> str:
    hashes = sorted({_hash(m[1]) for m in _INLINE_SCRIPT.finditer(html)})
    directives = {**DIRECTIVES, "script-src": DIRECTIVES["script-src"] + hashes}
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def with_policy(html: str) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return _CHARSET.sub(lambda m: m[0] + meta, html, count=1)


@event_priority(-300)  # after every other hook and plugin has shaped the page
def on_post_page(output: str, page, config) -> str:
    return with_policy(output)


@event_priority(-300)
def on_post_template(output_content: str, template_name: str, config) -> str:
    """Static templates are pages too: 404.html is what a host serves for any stray path."""
    return with_policy(output_content) if template_name.endswith(".html") else output_content
