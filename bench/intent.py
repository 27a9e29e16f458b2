"""Start before the click, measured: the first live result of a tool after a reader pointed
at its link for 300 ms and clicked, against the same click without pointing first, both cold
(a fresh browser profile each), under a network profile emulated through Chromium's DevTools
protocol, in the same run.

    .venv/bin/python -m bench.intent --url http://127.0.0.1:PORT/ [--reps 3] [--down 20 --rtt 40]

The site must be built for the URL it is served at (instant navigation only runs there), and
served as a static host would (e.g. gzipped). Each visit opens the home page, lets it settle,
then follows the navigation's link to the tool: "cold" with a script click (no pointer, so no
sign of intent), "intent" with the pointer over the link, 300 ms, then a click. The time is
the page's own, from the click to the tool's first live result, so the two share a clock.

``first_result_after_intent(browser_type, url, ...)`` is what `make bench` can call.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOVER_MS = 300
TIMEOUT_MS = 180_000
FIRST_RESULT = "partways:first-result"
# The click's time and the first live result's, on the page's clock; the message says when
# the result is there, so nothing of Playwright polls the page meanwhile.
PROBE = """
document.addEventListener("click", () => { window.__clickAt ??= performance.now(); }, true);
new MutationObserver((_, observer) => {
  if (window.__clickAt === undefined || !document.querySelector(".pw-widget[data-result]")) return;
  window.__resultAt = performance.now();
  observer.disconnect();
  console.log("%s");
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-result"] });
""" % FIRST_RESULT  # noqa: UP031


def _visit(browser_type, url: str, tool_path: str, intent: bool, down_mbit: float,
           rtt_ms: float) -> float:
    profile = Path(tempfile.mkdtemp(prefix="intent-profile-"))
    context = browser_type.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS,
        viewport={"width": 1280, "height": 900})
    try:
        page = context.pages[0] if context.pages else context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": rtt_ms,
            "downloadThroughput": down_mbit * 1e6 / 8, "uploadThroughput": down_mbit * 1e6 / 8 / 4,
        })  # fmt: skip
        page.add_init_script(PROBE)
        page.goto(url, wait_until="networkidle", timeout=TIMEOUT_MS)
        link = page.locator(f'nav.md-nav--primary a.md-nav__link[href$="{tool_path}"]').first
        with page.expect_console_message(lambda m: m.text == FIRST_RESULT, timeout=TIMEOUT_MS):
            if intent:
                link.hover()
                page.wait_for_timeout(HOVER_MS)
                link.click()
            else:
                link.evaluate("(element) => element.click()")
        return page.evaluate("window.__resultAt - window.__clickAt")
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


def first_result_after_intent(browser_type, url: str, tool_path: str = "tools/notice-dates/",
                              reps: int = 3, down_mbit: float = 20, rtt_ms: float = 40) -> dict:
    """Click-to-first-result (ms), cold and after intent, alternated, ``reps`` each; medians
    and their ratio (intent / cold: below 1 is the gain)."""
    cold, intent = [], []
    for _ in range(reps):
        cold.append(_visit(browser_type, url, tool_path, False, down_mbit, rtt_ms))
        intent.append(_visit(browser_type, url, tool_path, True, down_mbit, rtt_ms))
    cold_ms, intent_ms = statistics.median(cold), statistics.median(intent)
    return {"profile": {"down_mbit": down_mbit, "rtt_ms": rtt_ms}, "hover_ms": HOVER_MS,
            "cold_ms": cold, "intent_ms": intent, "cold_median_ms": cold_ms,
            "intent_median_ms": intent_ms, "ratio": intent_ms / cold_ms}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the site's root, as it was built for")
    parser.add_argument("--tool", default="tools/notice-dates/")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--down", type=float, default=20, help="Mbit/s")
    parser.add_argument("--rtt", type=float, default=40, help="ms")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        result = first_result_after_intent(playwright.chromium, args.url, args.tool, args.reps,
                                           args.down, args.rtt)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
