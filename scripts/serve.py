"""Serve the built site on loopback with the MIME types Pyodide needs (``.wasm``, ``.mjs``).

    python scripts/serve.py --directory site --port 8123 [--gzip]

``--gzip`` models how GitHub Pages serves the site: a response whose type compresses
(HTML, CSS, JavaScript, JSON, SVG, XML, plain text and WebAssembly) is sent with
``Content-Encoding: gzip`` (level 6) to a client that accepts it; archives (``.zip``,
``.whl``), images and fonts are sent as they are. Without it every file goes out raw, as
before. Measure a reader's bytes with ``--gzip``.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import os
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".svg": "image/svg+xml",
}
# What GitHub Pages (Fastly) compresses: text, JSON, SVG and WebAssembly; not archives.
GZIP_TYPES = {"application/wasm", "application/json", "application/xml", "image/svg+xml"}
GZIP_LEVEL = 6


def compresses(content_type: str) -> bool:
    return content_type.startswith("text/") or content_type in GZIP_TYPES


@functools.lru_cache(maxsize=256)
def gzipped(path: str, mtime_ns: int) -> bytes:
    """The file's bytes gzipped, kept while the file is unchanged (``mtime_ns`` keys it)."""
    with open(path, "rb") as source:
        return gzip.compress(source.read(), compresslevel=GZIP_LEVEL, mtime=0)


class SiteHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    gzip = False
    _gzip_body = None

    def send_head(self):
        """The parent's answer (404, redirect, 304 or the file), with a compressible file's
        body swapped for its gzip when the client accepts it."""
        body = self._gzip_body = self._gzip_body_for(self.translate_path(self.path))
        try:
            source = super().send_head()
        finally:
            self._gzip_body = None
        if source is None or body is None:
            return source
        source.close()
        return io.BytesIO(body)

    def send_header(self, keyword, value):
        if self._gzip_body is not None and keyword.lower() == "content-length":
            super().send_header("Content-Encoding", "gzip")
            super().send_header("Vary", "Accept-Encoding")
            value = str(len(self._gzip_body))
        super().send_header(keyword, value)

    def _gzip_body_for(self, path: str) -> bytes | None:
        if not self.gzip or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return None
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return None  # the parent redirects to "dir/"
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path) or not compresses(self.guess_type(path)):
            return None
        return gzipped(path, os.stat(path).st_mtime_ns)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--directory", default="site")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--gzip", action="store_true", help="compress as GitHub Pages does")
    args = parser.parse_args()
    handler_class = type("Handler", (SiteHandler,), {"gzip": args.gzip})
    handler = functools.partial(handler_class, directory=args.directory)
    with ThreadingHTTPServer((args.host, args.port), handler) as server:
        mode = ", gzip as GitHub Pages" if args.gzip else ""
        print(f"Serving {args.directory}/ at http://{args.host}:{args.port}/{mode} (Ctrl+C stops)")
        server.serve_forever()


if __name__ == "__main__":
    main()
