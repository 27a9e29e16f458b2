"""Start before the click (issue 16 §3): the first live result of a tool after a reader
pointed at its link in the navigation for 300 ms and clicked, against a cold click (a
script's click: no pointer, no focus, so no sign of intent), each in a fresh browser profile
that first loaded the home page and let it settle, under a network profile.

The time is the page's own, from the click to the first live result: instant navigation
keeps the document, and with it the probe's clock (a full page load would lose it, and is
reported as an error). The bytes are the server's, from the click to the first result."""

from __future__ import annotations

from pathlib import Path

from .browser import Session
from .common import LOAD_TIMEOUT_MS, log, median, ratio
from .network import Profile, ServerLog, traffic
from .probes import FIRST_MESSAGE
from .report import Table, fmt, mb, times, verdict
from .site import Site

HOVER_MS = 300
CLICK_TO_RESULT_JS = """() => window.__bench.clickAt === undefined ? null
  : window.__bench.firstResult - window.__bench.clickAt"""


def click_to_result(session: Session, base_url: str, path: str, server_log: ServerLog,
                    runtime: str, intent: bool) -> dict:  # fmt: skip
    page = session.new_page()
    page.goto(base_url, wait_until="load", timeout=LOAD_TIMEOUT_MS)
    server_log.wait_quiet(quiet_s=1.0)
    link = page.locator(f'nav.md-nav--primary a.md-nav__link[href$="{path}"]').first
    settled = offset = server_log.mark()
    with page.expect_console_message(lambda m: m.text == FIRST_MESSAGE, timeout=LOAD_TIMEOUT_MS):
        if intent:
            link.hover()
            page.wait_for_timeout(HOVER_MS)
            offset = server_log.mark()
            link.click()
        else:
            link.evaluate("(element) => element.click()")
    first_ms = page.evaluate(CLICK_TO_RESULT_JS)
    if first_ms is None:
        raise RuntimeError("the click loaded a new page, not instant navigation")
    # The server sends at once; the emulated link delivers later: what the pointer's 300 ms
    # asked for is not what had arrived by the click.
    asked = server_log.since(settled, offset)
    after = server_log.since(offset)
    again = {r["path"] for r in asked} & {r["path"] for r in after if r["status"] == 200}
    return {"click_to_first_ms": first_ms, "asked_before_click_bytes": sum(r["bytes"] for r in asked),
            "asked_again_bytes": sum(r["bytes"] for r in after if r["path"] in again),
            "asked_again": sorted(again),
            "traffic": traffic(after, [], runtime, None)}  # fmt: skip


def run_intent(pw, site: Site, base_url: str, work: Path, server_log: ServerLog,
               profile: Profile, reps: int) -> dict:  # fmt: skip
    """Cold and intent visits to one tool, alternated, `reps` each."""
    name = "notice" if "notice" in site.tools else next(iter(site.tools))
    out: dict = {"tool": name, "profile": profile.name, "hover_ms": HOVER_MS,
                 "cold": [], "intent": [], "errors": []}  # fmt: skip
    for rep in range(reps):
        for mode in ("cold", "intent"):
            session = Session(pw, work, profile)
            try:
                out[mode].append(click_to_result(session, base_url, site.tools[name], server_log,
                                                 site.runtime, intent=mode == "intent"))
            except Exception as error:  # noqa: BLE001 -- a failed measurement is reported
                out["errors"].append(f"{mode} (rep {rep + 1}): {type(error).__name__}: {error}")
                log(f"intent: {out['errors'][-1]}")
            finally:
                session.close()
        log(f"intent rep {rep + 1}/{reps}, {profile.name}: click to first result, cold and "
            "after intent so far: " + "; ".join(
                ", ".join(f"{v['click_to_first_ms']:,.0f}" for v in out[m]) for m in ("cold", "intent")))  # fmt: skip
    return out


def intent_rows(table: Table, measured: dict) -> None:
    """No number in the issue: the row passes when intent makes the first result sooner."""
    cold, intent = ([v["click_to_first_ms"] for v in measured[m]] for m in ("cold", "intent"))
    value, base = median(intent), median(cold)
    r = ratio(value, base)
    table.row(f"first live result after intent ({measured['hover_ms']} ms over the link), click "
              f"to result, {measured['profile']}: {measured['tool']}",
              f"{fmt(value)} (runs: {', '.join(fmt(v, '') for v in intent)})",
              f"cold click {fmt(base)} (runs: {', '.join(fmt(v, '') for v in cold)})", times(r),
              "< 1x (sooner)", verdict(None if r is None else r < 1))  # fmt: skip


def intent_lines(measured: dict) -> list[str]:
    lines = [f"After intent ({measured['profile']}, {measured['tool']}; the server's count, which "
             "sends at once what the emulated link delivers later):"]
    for v in measured["intent"]:
        lines.append(f"  asked for while the pointer rested {mb(v['asked_before_click_bytes'])}; "
                     f"asked for again after the click {mb(v['asked_again_bytes'])} "
                     f"({', '.join(p.rsplit('/', 1)[-1] for p in v['asked_again']) or 'nothing'}); "
                     f"after the click in all {mb(v['traffic']['bytes'])}")
    for v in measured["cold"]:
        lines.append(f"  cold click: after the click {mb(v['traffic']['bytes'])}")
    return lines
