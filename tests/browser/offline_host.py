"""What the offline and intent tests share: a host that serves one build of the site at a
time below a sub-path (as GitHub Pages serves a fork), can be switched to another build on
the same origin or "unplugged" (every connection closed unanswered), and logs what it
answered; and readers' browsers (a profile each, service workers allowed) with every
request they make recorded. The fixtures are in offline_fixtures.py."""

from __future__ import annotations

import http.server
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from browser_helpers import CHROMIUM, CHROMIUM_ARGS, CONTEXT_OPTIONS

ROOT = Path(__file__).resolve().parents[2]
SUB_PATH = "parting-ways/"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


serve = _module("partways_serve", ROOT / "scripts" / "serve.py")
offline_hook = _module("partways_offline_hook", ROOT / "hooks" / "offline.py")


def build_site(out: Path, site_url: str) -> Path:
    """`mkdocs build --strict` into ``out`` for ``site_url``."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "PARTWAYS_SITE_URL": site_url},
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert (out / "sw.js").is_file(), "no service worker written"
    return out


def changed_build(site: Path, out: Path, marker: str) -> Path:
    """A copy of the built ``site`` as the next deploy would bring it: the notice page says
    ``marker``, the engine's worker script knows it (``self.partwaysBuild``), the runtime's
    lock file has changed (a byte more), and sw.js is written anew by the build's own hook."""
    shutil.copytree(site, out)
    page = out / "tools" / "notice-dates" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</h1>", f'</h1><p id="build-marker">{marker}</p>', 1), "utf-8")
    worker = out / "assets" / "javascripts" / "partways" / "worker.js"
    worker.write_text(worker.read_text("utf-8") + f'\nself.partwaysBuild = "{marker}";\n', "utf-8")
    lock = out / "assets" / "pyodide" / "pyodide-lock.json"
    lock.write_text(lock.read_text("utf-8") + "\n", "utf-8")
    offline_hook.write_service_worker(
        out, ROOT / "docs" / "assets" / "javascripts" / "partways" / "service-worker.js")
    # A deploy comes later than the build it replaces: the host's Last-Modified (whole
    # seconds) must differ, or the browser's check of sw.js gets 304 when both builds were
    # written within one second, and the next build never installs.
    later = time.time() + 2
    for changed in (page, worker, lock, out / offline_hook.SCRIPT):
        os.utime(changed, (later, later))
    return out


@dataclass
class Host:
    """Serves ``root`` (the host's root: the site is below SUB_PATH) on ``port``."""

    port: int
    root: Path
    online: bool = True
    answered: list[tuple[str, int]] = field(default_factory=list)  # (path, status)
    refused: list[str] = field(default_factory=list)

    @property
    def site_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{SUB_PATH}"

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def answered_paths(self, status: int = 200) -> list[str]:
        return [path for path, code in self.answered if code == status]


def start_host(host: Host):
    """Serve ``host`` in a thread; returns a function that stops it."""

    class Handler(serve.SiteHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(host.root), **kwargs)

        def handle_one_request(self):
            if host.online:
                super().handle_one_request()
                return
            self.raw_requestline = self.rfile.readline(65537)
            host.refused.append(self.raw_requestline.decode("latin-1").strip())
            self.close_connection = True  # unplugged: the connection closes unanswered

        def log_request(self, code="-", size="-"):
            host.answered.append((self.path.split("?", 1)[0], int(code)))

        def log_message(self, format, *args):
            pass

    server = _server(("127.0.0.1", host.port), Handler)
    thread = threading.Thread(target=server.serve_forever, name="offline-host", daemon=True)
    thread.start()

    def stop():
        server.shutdown()
        server.server_close()
        thread.join(5)

    return stop


class _Quiet(serve.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _server(address, handler) -> http.server.HTTPServer:
    return _Quiet(address, handler)


class Visit:
    """One reader's browser on the host: a Chromium profile of its own on disk (as a reader's
    is: a private window's in-memory cache keeps no file as big as the runtime's .wasm),
    service workers allowed, and every request the pages and the service worker make recorded."""

    def __init__(self, browser_type, profile: Path, host: Host, **options):
        self.host = host
        self.context = browser_type.launch_persistent_context(
            profile, executable_path=CHROMIUM,
            args=[*CHROMIUM_ARGS, "--disable-features=AutofillServerCommunication"],
            base_url=host.site_url, service_workers="allow",
            **{**CONTEXT_OPTIONS, **options})
        self.requests: list[tuple[str, bool]] = []  # (url, made by the service worker)
        self.context.on("request", lambda r: self.requests.append(
            (r.url, r.service_worker is not None)))
        self.errors: list[str] = []

    def new_page(self):
        page = self.context.new_page()
        page.base_url = self.host.site_url
        page.set_default_timeout(30_000)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        return page

    def foreign(self) -> list[str]:
        return [url for url, _ in self.requests
                if urlsplit(url).scheme in ("http", "https", "ws", "wss")
                and not url.startswith(self.host.origin + "/")]

    def close(self) -> None:
        self.context.close()
