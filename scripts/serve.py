"""Serve the built site on loopback with the MIME types Pyodide needs (``.wasm``, ``.mjs``)."""

from __future__ import annotations

import argparse
import functools
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


class SiteHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--directory", default="site")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    handler = functools.partial(SiteHandler, directory=args.directory)
    with ThreadingHTTPServer((args.host, args.port), handler) as server:
        print(f"Serving {args.directory}/ at http://{args.host}:{args.port}/ (Ctrl+C stops)")
        server.serve_forever()


if __name__ == "__main__":
    main()
