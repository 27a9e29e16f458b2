"""The bench's static host: the built site served the way GitHub Pages serves it, with a log
of every response.

    python -m bench.server --directory DIR --port PORT --log FILE

GitHub Pages (behind Fastly) is the host modelled, since the project publishes there:

* gzip, never brotli (GitHub Pages does not serve brotli: actions/deploy-pages#84,
  community discussion 21655), for text, JavaScript, JSON, SVG, XML and WebAssembly when
  the browser accepts it (wasm is gzipped there too: maxence-charriere/go-app#866);
  archives (.zip, .whl) and images go as they are;
* ``Cache-Control: max-age=600`` with an ETag, so a visit within ten minutes reads the
  HTTP cache and a later one revalidates (304);
* HTTP/1.1 with keep-alive; a missing file gets the site's 404.html.

Each body is compressed once (level 6, zlib's default), at start, so no measured load pays
for it. Each response becomes one JSON line in FILE: when, path, status, encoding, the bytes
written (headers and body) and the request's Sec-Fetch-Dest, Save-Data and Referer headers
(network.py tells the service worker's requests apart by them).
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import gzip
import io
import json
import os
import sys
import threading
import time
from http import HTTPStatus
from http.server import ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from serve import SiteHandler  # noqa: E402 -- the site's MIME types, in one place

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "application/wasm", "image/svg+xml", "application/manifest+json")  # fmt: skip
MAX_AGE_S = 600


class _CountingWriter(io.RawIOBase):
    def __init__(self, raw):
        self.raw, self.count = raw, 0

    def write(self, data):
        self.count += len(data)
        return self.raw.write(data)

    def flush(self):
        self.raw.flush()


class StaticHostHandler(SiteHandler):
    protocol_version = "HTTP/1.1"
    log_file = None
    lock = threading.Lock()
    gzipped: dict[str, bytes] = {}  # path -> gzip body, made at start

    def setup(self):
        super().setup()
        self.wfile = _CountingWriter(self.wfile)

    def handle_one_request(self):
        before, self.command = self.wfile.count, None
        self._encoding, self._status = "identity", None
        super().handle_one_request()
        if self.command and self.log_file:
            self._log(self.wfile.count - before)

    def send_response(self, code, message=None):
        self._status = code
        super().send_response(code, message)

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL with a "/"
            path = os.path.join(path, "index.html")
        status = HTTPStatus.OK
        if not os.path.isfile(path):
            path = os.path.join(self.directory, "404.html")
            status = HTTPStatus.NOT_FOUND
            if not os.path.isfile(path):
                self.send_error(status)
                return None
        stat = os.stat(path)
        kind = self.guess_type(path)
        gzipped = self.gzipped.get(path) if self._accepts_gzip() else None
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}{"-gz" if gzipped else ""}"'
        if status == HTTPStatus.OK and etag in self.headers.get("If-None-Match", ""):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self._cache_headers(etag, stat)
            self.end_headers()
            return None
        body = gzipped if gzipped is not None else Path(path).read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if gzipped is not None:
            self._encoding = "gzip"
            self.send_header("Content-Encoding", "gzip")
        if compressible(kind):
            self.send_header("Vary", "Accept-Encoding")
        self._cache_headers(etag, stat)
        self.end_headers()
        return io.BytesIO(body)

    def _cache_headers(self, etag, stat):
        self.send_header("Cache-Control", f"max-age={MAX_AGE_S}")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))

    def _accepts_gzip(self) -> bool:
        offered = self.headers.get("Accept-Encoding", "")
        return "gzip" in [part.split(";")[0].strip() for part in offered.split(",")]

    def _log(self, written: int) -> None:
        line = {
            "t": time.time(), "path": self.path, "status": self._status, "bytes": written,
            "encoding": self._encoding, "dest": self.headers.get("Sec-Fetch-Dest"),
            "save_data": self.headers.get("Save-Data"),
            "referer": self.headers.get("Referer"),
        }  # fmt: skip
        with self.lock:
            self.log_file.write(json.dumps(line) + "\n")
            self.log_file.flush()

    def log_message(self, format, *args):  # quiet: the JSON log says it all
        pass


class StaticHost(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a tab closed mid-response
            super().handle_error(request, client_address)


def compressible(kind: str) -> bool:
    return kind.startswith(COMPRESSIBLE)


def compress_site(directory: str) -> dict[str, bytes]:
    handler = StaticHostHandler.__new__(StaticHostHandler)  # only for its guess_type
    out = {}
    for folder, _, names in os.walk(directory):
        for name in names:
            path = os.path.join(folder, name)
            if compressible(handler.guess_type(path)):
                out[path] = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--directory", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log")
    args = parser.parse_args()
    directory = os.path.abspath(args.directory)
    StaticHostHandler.gzipped = compress_site(directory)
    if args.log:
        StaticHostHandler.log_file = open(args.log, "a", encoding="utf-8")  # noqa: SIM115
    handler = functools.partial(StaticHostHandler, directory=directory)
    with StaticHost((args.host, args.port), handler) as server:
        print(f"bench server on http://{args.host}:{args.port}/", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
