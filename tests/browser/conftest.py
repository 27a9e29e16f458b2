"""Fixtures of the browser suite: the site built once for a free loopback port, served with
scripts/serve.py's handler, and Debian's Chromium driven by Playwright.

Every ``page`` records its requests, console errors and uncaught exceptions; after the test
it asserts that no request left the site's origin and (unless the test opts out with
``page.allow_console_errors()``) that the console stayed clean.

The site registers its service worker once a tool has given a live result (offline.js), so in
the shared context later tests are answered by it, as a returning reader is. ``page.route``
does not see requests a service worker answers: a test that routes the runtime's requests
either never lets a tool answer in its context (the fault tests: fresh contexts) or opens its
context with ``service_workers="block"``.

Pytest imports conftest.py files without a package as the module ``conftest``; other suites
do ``from conftest import ROOT``, so this module keeps ``ROOT`` with the same meaning.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser_helpers import CHROMIUM, CHROMIUM_ARGS, CONTEXT_OPTIONS

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_LOCK = ROOT / "build" / "pyodide" / "pyodide-lock.json"
SUB_PATH = "parting-ways/"  # a repository's name, as in https://<owner>.github.io/<repo>/
# URL schemes that never reach a network: in-page data and the letter's download blobs.
LOCAL_SCHEMES = {"data", "blob", "about"}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve_module():
    spec = importlib.util.spec_from_file_location("partways_serve", ROOT / "scripts" / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def port() -> int:
    return _free_port()


@pytest.fixture(scope="session")
def base_url(port) -> str:
    return f"http://127.0.0.1:{port}/"


def _build_site(out: Path, site_url: str) -> Path:
    """`mkdocs build --strict` into ``out`` for ``site_url`` (instant navigation is only
    active when the page's origin and path are site_url's)."""
    assert PYODIDE_LOCK.is_file(), (
        f"{PYODIDE_LOCK.relative_to(ROOT)} is missing: run `make pyodide` first "
        "(`make test` does)"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "PARTWAYS_SITE_URL": site_url},
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert (out / "assets" / "pyodide" / "pyodide-lock.json").is_file(), "runtime not copied"
    return out


@contextlib.contextmanager
def _serving(directory: Path, port: int):
    """scripts/serve.py's handler on ``port`` for ``directory``, quiet, in a thread."""
    serve = _serve_module()

    class QuietHandler(serve.SiteHandler):
        def log_message(self, format, *args):
            pass

    class QuietServer(serve.ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address):
            # The browser drops downloads it no longer needs (a page left mid-load).
            if not isinstance(sys.exc_info()[1], ConnectionError):
                super().handle_error(request, client_address)

    handler = functools.partial(QuietHandler, directory=str(directory))
    httpd = QuietServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, base_url) -> Path:
    """The site built for the port the suite serves it on, so that Material's instant
    navigation is active."""
    return _build_site(tmp_path_factory.mktemp("browser-site"), base_url)


@pytest.fixture(scope="session")
def server(site_dir, port, base_url):
    with _serving(site_dir, port):
        yield base_url


@pytest.fixture(scope="session")
def sub_path_server(tmp_path_factory):
    """The site built for, and served below, a sub-path of its origin, as GitHub Pages
    serves a fork (``/<repo>/``); the host's root has nothing else."""
    port = _free_port()
    host_root = tmp_path_factory.mktemp("sub-path-host")
    site_url = f"http://127.0.0.1:{port}/{SUB_PATH}"
    _build_site(host_root / SUB_PATH.strip("/"), site_url)
    with _serving(host_root, port):
        yield site_url


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: `make browser` installs Debian's Chromium")
    with sync_api.sync_playwright() as playwright:
        # launch() gives every run a fresh temporary user-data dir; never `playwright install`.
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watch:
    """What one page did on the network and in its console."""

    def __init__(self, origin: str):
        self.origin = origin
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.workers: list[str] = []
        self.check_console = True

    def attach(self, page) -> None:
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("worker", self._worker)

    def _console(self, message) -> None:
        if message.type == "error":
            location = message.location or {}
            self.console_errors.append(f"{message.text} ({location.get('url', '')})")

    def _worker(self, worker) -> None:
        self.workers.append(worker.url)
        worker.on("console", self._console)

    def foreign_requests(self) -> list[str]:
        foreign = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in LOCAL_SCHEMES:
                continue
            if f"{parts.scheme}://{parts.netloc}" != self.origin:
                foreign.append(url)
        return foreign

    def verify(self) -> None:
        foreign = self.foreign_requests()
        assert not foreign, f"requests left {self.origin}: {foreign}"
        if self.check_console:
            assert not self.page_errors, f"uncaught errors: {self.page_errors}"
            assert not self.console_errors, f"console errors: {self.console_errors}"


def _origin(base_url: str) -> str:
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}"


def _watched_page(context, base_url):
    page = context.new_page()
    watch = Watch(_origin(base_url))
    watch.attach(page)
    page.watch = watch
    page.base_url = base_url

    def allow_console_errors():
        watch.check_console = False

    page.allow_console_errors = allow_console_errors
    page.set_default_timeout(30_000)
    return page


@pytest.fixture(scope="session")
def shared_context(browser, server):
    """One context for most tests, so the runtime comes from a warm HTTP cache."""
    context = browser.new_context(base_url=server, accept_downloads=True, **CONTEXT_OPTIONS)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    yield context
    context.close()


def _forget_entries(page, base_url: str) -> None:
    """Clear what the test left in localStorage, so the next test starts empty."""
    with contextlib.suppress(Exception):  # a crashed page leaves nothing worth clearing
        if not page.url.startswith(base_url):
            page.goto(base_url, wait_until="domcontentloaded")
        page.evaluate("localStorage.clear()")


@pytest.fixture
def page(shared_context, server):
    """A fresh tab in the shared context; its requests and console are checked afterwards."""
    tab = _watched_page(shared_context, server)
    yield tab
    try:
        tab.watch.verify()
    finally:
        _forget_entries(tab, server)
        tab.close()


@pytest.fixture
def sub_path_page(browser, sub_path_server):
    """A tab in a fresh context on the site served below a sub-path, checked like ``page``."""
    context = browser.new_context(base_url=sub_path_server, **CONTEXT_OPTIONS)
    tab = _watched_page(context, sub_path_server)
    yield tab
    context.close()
    tab.watch.verify()


@pytest.fixture
def new_page(browser, server):
    """Open tabs in fresh contexts (cold cache, empty storage): ``new_page(**context_options)``.
    Every tab opened this way is checked like ``page``."""
    opened = []

    def open_page(**options):
        context = browser.new_context(
            base_url=server, accept_downloads=True, **{**CONTEXT_OPTIONS, **options})
        tab = _watched_page(context, server)
        opened.append((context, tab))
        return tab

    yield open_page
    watches = []
    for context, tab in opened:
        watches.append(tab.watch)
        context.close()
    for watch in watches:
        watch.verify()
