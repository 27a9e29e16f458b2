"""Visits in headless Chromium: the first live result of a page, cold (fresh profile) and
warm (same profile, second visit), with its blocking time, its main-thread work and the
bytes it moved, under a network profile."""

from __future__ import annotations

import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

from .common import CHROMIUM, FLAGS, LOAD_TIMEOUT_MS, VIEWPORT
from .network import BrowserBytes, Profile, ServerLog, emulate, traffic
from .probes import COLLECT_JS, FIRST_MESSAGE, INIT_JS


def tbt(longtasks, until) -> float | None:
    """Total blocking time of the long tasks that started before `until` (ms)."""
    if until is None:
        return None
    return sum(max(0.0, duration - 50.0) for start, duration in longtasks if start < until)


def main_thread(frames, until) -> dict[str, float]:
    """Script time in long animation frames before `until`, by script file (or what invoked
    it), and the rest of those frames (style, layout, paint, parsing): where blocking comes from."""
    out: dict[str, float] = defaultdict(float)
    for frame in frames:
        if until is None or frame["start"] >= until:
            continue
        scripts = 0.0
        for script in frame["scripts"]:
            source = (script["source"] or script["invoker"] or "?").split("?")[0]
            name = source.rstrip("/").rsplit("/", 1)[-1] or source
            out[f"{name} ({script['type']})"] += script["duration"]
            scripts += script["duration"]
        out["(no script: style, layout, paint, parsing)"] += max(0.0, frame["duration"] - scripts)
    return dict(out)


class Session:
    """One browser profile (a fresh user-data dir): cold, then warm, visits."""

    def __init__(self, pw, work: Path, profile: Profile, save_data: bool = False):
        self.dir = Path(tempfile.mkdtemp(prefix="profile-", dir=work))
        self.context = pw.chromium.launch_persistent_context(
            str(self.dir), executable_path=CHROMIUM, headless=True, args=FLAGS, viewport=VIEWPORT
        )
        self.context.add_init_script(INIT_JS)
        self.profile, self.save_data = profile, save_data
        self.counted = BrowserBytes(self.context)
        self.page = None

    def new_page(self):
        """The profile's first tab, then a new tab for each visit (the previous one closed)."""
        previous = self.page
        fresh = previous is None and self.context.pages
        self.page = self.context.pages[0] if fresh else self.context.new_page()
        if previous is not None:
            previous.close()
        emulate(self.context, self.page, self.profile, self.save_data)
        return self.page

    def close(self) -> None:
        self.context.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def visit(session: Session, url: str, log: ServerLog, runtime: str, linger: bool) -> dict:
    """Navigate a new page of the session to the first live result; `linger` also waits for
    the network to go quiet, so what starts after the first result is counted."""
    page = session.new_page()
    served_from, counted_from = log.mark(), session.counted.mark()
    with page.expect_console_message(lambda m: m.text == FIRST_MESSAGE, timeout=LOAD_TIMEOUT_MS):
        page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
    if linger:
        log.wait_quiet()
    else:
        page.wait_for_timeout(300)  # late long-task entries
    data = page.evaluate(COLLECT_JS)
    first = data["firstResult"]
    first_at = (data["timeOrigin"] + first) / 1000  # the server logs epoch seconds
    return {
        "first_ms": first,
        "tbt_ms": tbt(data["longtasks"], first),
        "longest_task_ms": max((d for s, d in data["longtasks"] if s < first), default=0.0),
        "main_thread_ms": main_thread(data["frames"], first),
        "dcl_ms": data["dcl"],
        "phases_ms": dict(data["phases"]),
        "traffic": traffic(log.since(served_from), session.counted.seen[counted_from:],
                           runtime, first_at),
    }  # fmt: skip
