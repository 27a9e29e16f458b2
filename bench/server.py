"""The site's own loopback server (scripts/serve.py) plus a log of what it sent.

    python bench/server.py --directory DIR --port PORT --log FILE

Each finished GET becomes one JSON line in FILE: path, status and the body bytes written,
so bench/run.py counts the bytes a page fetched (workers included) on the server's side.
"""

from __future__ import annotations

import argparse
import functools
import json
import shutil
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from serve import SiteHandler


class LoggingHandler(SiteHandler):
    log_file = None
    lock = threading.Lock()

    def send_response(self, code, message=None):
        self._bench_status = code
        super().send_response(code, message)

    def copyfile(self, source, outputfile):
        start = source.tell()
        shutil.copyfileobj(source, outputfile)
        self._bench_bytes = source.tell() - start

    def do_GET(self):
        self._bench_status, self._bench_bytes = None, 0
        super().do_GET()
        line = {"path": self.path, "status": self._bench_status, "bytes": self._bench_bytes}
        with self.lock:
            self.log_file.write(json.dumps(line) + "\n")
            self.log_file.flush()

    def log_message(self, format, *args):  # quiet: the JSON log says it all
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--directory", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", required=True)
    args = parser.parse_args()
    LoggingHandler.log_file = open(args.log, "a", encoding="utf-8")  # noqa: SIM115
    handler = functools.partial(LoggingHandler, directory=args.directory)
    with ThreadingHTTPServer((args.host, args.port), handler) as server:
        print(f"bench server on http://{args.host}:{args.port}/", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
