"""Network profiles, applied through Chromium's DevTools protocol, and the bytes a visit moved.

``Network.emulateNetworkConditions`` on a page's target also holds its dedicated workers
(the engine's worker and Material's search worker) to the same budget: fetching the 3.5 MB
gzipped wasm and the 3.4 MB stdlib archive under "cable" took 3.1 s from the page, from a
worker, or split between both at once (checked 2026-12-01, Chromium 156; the emulation runs
about 10-25% slower than its nominal rate). The latency is added to each request, not per
connection: handshakes and TCP slow start are not modelled, so real links are slower.

Bytes are counted by the bench server (bytes written, headers and body, as encoded; every
request, worker scripts and the service worker's included), with the browser's count beside
it (Chromium's ``Network.loadingFinished`` ``encodedDataLength`` through Playwright's request
sizes; it reports worker scripts as 0 bytes and does not see the service worker's requests).
The server tells the service worker's requests apart: its script comes with
``Sec-Fetch-Dest: serviceworker``, and what it fetches itself carries its script's URL as
``Referer`` (a page's request it passes on to the network keeps the page's).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError


@dataclass(frozen=True)
class Profile:
    name: str
    down_mbit: float | None = None  # None: loopback, no emulation
    up_mbit: float | None = None
    rtt_ms: float = 0


PROFILES = {
    "loopback": Profile("loopback"),
    # A cable or fibre line at home: the figures, upload as WebPageTest's "Cable" ratio.
    "cable": Profile("cable", down_mbit=20, up_mbit=5, rtt_ms=40),
    # Lighthouse's mobile throttling ("slow 4G"): 1.6 Mbit/s down, 750 kbit/s up, 150 ms.
    "mobile": Profile("mobile", down_mbit=1.6, up_mbit=0.75, rtt_ms=150),
}


def emulate(context, page, profile: Profile, save_data: bool = False):
    """Apply the profile (and Save-Data) to the page's target before it navigates."""
    cdp = context.new_cdp_session(page)
    if profile.down_mbit is not None:
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False,
            "latency": profile.rtt_ms,
            "downloadThroughput": profile.down_mbit * 1e6 / 8,
            "uploadThroughput": profile.up_mbit * 1e6 / 8,
        })  # fmt: skip
    if save_data:  # navigator.connection.saveData, and the header a host would see
        cdp.send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})
        page.set_extra_http_headers({"Save-Data": "on"})
    return cdp


class ServerLog:
    """The bench server's JSON lines: one per response, bytes as written."""

    def __init__(self, path: Path):
        self.path = path
        path.touch()

    def mark(self) -> int:
        return self.path.stat().st_size

    def since(self, offset: int, until: int | None = None) -> list[dict]:
        with self.path.open("rb") as f:
            f.seek(offset)
            lines = f.read() if until is None else f.read(until - offset)
        return [json.loads(line) for line in lines.decode("utf-8").splitlines() if line.strip()]

    def wait_quiet(self, quiet_s: float = 2.0, limit_s: float = 30.0) -> None:
        """Until nothing was served for quiet_s (at most limit_s): late requests count too."""
        start, size, changed = time.time(), self.mark(), time.time()
        while time.time() - start < limit_s and time.time() - changed < quiet_s:
            time.sleep(0.25)
            if (now := self.mark()) != size:
                size, changed = now, time.time()


class BrowserBytes:
    """Every finished request of a browser context, as Chromium counted it."""

    def __init__(self, context):
        self.seen: list[dict] = []
        context.on("requestfinished", self._finished)

    def _finished(self, request) -> None:
        try:
            sizes = request.sizes()
        except PlaywrightError:  # finished as its tab closed, after the visit it belonged to
            return
        self.seen.append({
            "t": time.time(), "url": request.url,
            "bytes": max(0, sizes["responseHeadersSize"] + sizes["responseBodySize"]),
        })  # fmt: skip

    def mark(self) -> int:
        return len(self.seen)


SERVICE_WORKER = "/sw.js"  # hooks/offline.py writes it at the site's root


def by_service_worker(response: dict) -> bool:
    return response["dest"] == "serviceworker" or (response["referer"] or "").endswith(
        SERVICE_WORKER
    )


def per_path(responses) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in responses:
        out[r["path"]] = out.get(r["path"], 0) + r["bytes"]
    return out


def traffic(served: list[dict], counted: list[dict], runtime: str, first_at: float | None) -> dict:
    """A visit's bytes: the page's (all of them, the runtime's, those fetched after the first
    result) and, apart, the service worker's background download for offline use, which must
    start only after the first result and never with Save-Data."""
    worker = [r for r in served if by_service_worker(r)]
    page = [r for r in served if not by_service_worker(r)]
    after = [r for r in page if first_at is not None and r["t"] > first_at]
    return {
        "requests": len(page),
        "bytes": sum(r["bytes"] for r in page),
        "runtime_bytes": sum(r["bytes"] for r in page if r["path"].startswith("/" + runtime)),
        "runtime_files": per_path(r for r in page if r["path"].startswith("/" + runtime)),
        "after_first_result_bytes": sum(r["bytes"] for r in after),
        "after_first_result": [r["path"] for r in after],
        "browser_bytes": sum(r["bytes"] for r in counted),
        "service_worker_requests": len(worker),
        "service_worker_bytes": sum(r["bytes"] for r in worker),
        # seconds from the first result to the service worker's first response (its script)
        "service_worker_after_first_result_s": min(r["t"] for r in worker) - first_at
        if worker and first_at is not None else None,
        "save_data_sent": any(r.get("save_data") == "on" for r in served),
        "not_ok": [r for r in served if r["status"] not in (200, 301, 304)],
    }
