"""Network profiles, applied through Chromium's DevTools protocol, and the bytes a visit moved.

``Network.emulateNetworkConditions`` on a page's target also holds its dedicated workers
(the engine's worker and Material's search worker) to the same budget: fetching the 3.5 MB
gzipped wasm and the 3.4 MB stdlib archive under "cable" took 3.1 s from the page, from a
worker, or split between both at once (checked 2026-12-01, Chromium 156; the emulation runs
about 10-25% slower than its nominal rate). The latency is added to each request, not per
connection: handshakes and TCP slow start are not modelled, so real links are slower.

Bytes are counted twice: by the bench server (bytes written, headers and body, as encoded;
every request, worker scripts included) and by the browser (Chromium's
``Network.loadingFinished`` ``encodedDataLength`` through Playwright's request sizes; it
reports worker scripts as 0 bytes, and knows which requests a service worker made).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path


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

    def since(self, offset: int) -> list[dict]:
        with self.path.open(encoding="utf-8") as f:
            f.seek(offset)
            return [json.loads(line) for line in f if line.strip()]

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
        sizes = request.sizes()
        self.seen.append({
            "t": time.time(), "url": request.url,
            "bytes": max(0, sizes["responseHeadersSize"] + sizes["responseBodySize"]),
            "service_worker": request.service_worker is not None,
        })  # fmt: skip

    def mark(self) -> int:
        return len(self.seen)


def traffic(served: list[dict], counted: list[dict], runtime: str, first_at: float | None) -> dict:
    """A visit's bytes: all of them, the runtime's, and what was fetched after the first
    result (a service worker's background download for offline use belongs there; it must
    start only after the first result and never with Save-Data)."""
    after = [r for r in served if first_at is not None and r["t"] > first_at]
    return {
        "requests": len(served),
        "bytes": sum(r["bytes"] for r in served),
        "runtime_bytes": sum(r["bytes"] for r in served if r["path"].startswith("/" + runtime)),
        "after_first_result_bytes": sum(r["bytes"] for r in after),
        "after_first_result": [r["path"] for r in after],
        "browser_bytes": sum(r["bytes"] for r in counted),
        "service_worker_bytes": sum(r["bytes"] for r in counted if r["service_worker"]),
        "save_data_sent": any(r.get("save_data") == "on" for r in served),
        "not_ok": [r for r in served if r["status"] not in (200, 301, 304)],
    }
