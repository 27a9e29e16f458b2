"""The bench's static host serves a built site as GitHub Pages does: gzip for text and
WebAssembly when asked, archives as they are, a ten-minute cache with ETags, the site's
404 page, and one log line per response with the bytes it sent."""

import gzip
import json
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from conftest import ROOT

WASM = bytes(range(256)) * 64  # compresses well, as real wasm does
ARCHIVE = b"PK\x03\x04" + bytes(4000)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    (site / "tools").mkdir()
    (site / "tools" / "index.html").write_text("<p>tool</p>" * 100, encoding="utf-8")
    (site / "404.html").write_text("<p>not here</p>", encoding="utf-8")
    (site / "runtime.wasm").write_bytes(WASM)
    (site / "stdlib.zip").write_bytes(ARCHIVE)
    log = site.parent / "served.jsonl"
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "bench.server", "--directory", str(site), "--port", str(port),
         "--log", str(log)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    server.stdout.readline()  # serving: every compressible file is gzipped by now
    yield f"http://127.0.0.1:{port}/", log
    server.terminate()
    server.wait(timeout=10)


def get(url, **headers):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_text_and_wasm_are_gzipped_when_asked_archives_never(host):
    base, _ = host
    status, headers, body = get(base + "runtime.wasm", **{"Accept-Encoding": "gzip, br"})
    assert (status, headers["Content-Type"]) == (200, "application/wasm")
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == WASM and len(body) < len(WASM) / 4
    status, headers, body = get(base + "runtime.wasm")  # no Accept-Encoding: as it is
    assert "Content-Encoding" not in headers and body == WASM
    status, headers, body = get(base + "stdlib.zip", **{"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in headers and body == ARCHIVE
    status, headers, body = get(base + "tools/", **{"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == b"<p>tool</p>" * 100


def test_a_repeat_within_ten_minutes_is_cached_and_revalidates_by_etag(host):
    base, _ = host
    status, headers, _ = get(base + "stdlib.zip")
    assert headers["Cache-Control"] == "max-age=600"
    status, again, body = get(base + "stdlib.zip", **{"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")


def test_a_missing_page_is_the_sites_404_and_every_response_is_logged(host):
    base, log = host
    status, _, body = get(base + "nowhere/")
    assert (status, body) == (404, b"<p>not here</p>")
    get(base + "runtime.wasm", **{"Accept-Encoding": "gzip", "Sec-Fetch-Dest": "worker"})
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    last = lines[-1]
    assert (last["path"], last["status"], last["encoding"], last["dest"]) == (
        "/runtime.wasm", 200, "gzip", "worker")
    sent = len(gzip.compress(WASM, compresslevel=6, mtime=0))
    assert sent < last["bytes"] < sent + 1000  # the gzipped body and the headers
    assert (lines[-2]["path"], lines[-2]["status"]) == ("/nowhere/", 404)
