"""The browser runs: every tool page and bare page under each network profile, the pages
without a tool, and the cold tool visits with Save-Data on."""

from __future__ import annotations

from pathlib import Path

from .browser import Session, tbt, visit
from .common import LOAD_TIMEOUT_MS, log
from .interactions import in_use
from .network import Profile, ServerLog, traffic
from .site import Site
from .snapshot import engine_state

# Between the cold and the warm visit of one profile: the HTTP cache and V8's code cache
# settle. The memory snapshot the cold visit makes takes longer, so these warm visits
# mostly start afresh (each records how it started); snapshot.py measures restored visits.
WARM_AFTER_MS = 1000


def _fmt_ms(value) -> str:
    return "n/a" if value is None else f"{value:,.0f} ms"


def run_profile(pw, site: Site, base_url: str, work: Path, server_log: ServerLog,
                profile: Profile, reps: int) -> dict:  # fmt: skip
    """Each page cold (and, on loopback, warm and in use), rep after rep, pages interleaved
    so a busy moment of the machine hits them all."""
    loopback = profile.down_mbit is None
    samples: dict[str, dict[str, list]] = {}
    pages = {**site.tools, **site.bares}
    for rep in range(reps):
        for name, path in pages.items():
            record = samples.setdefault(name, {})
            session = Session(pw, work, profile)
            cold = warm = {}
            try:
                cold = visit(session, base_url + path, server_log, site.runtime,
                             linger=loopback and name in site.tools)  # fmt: skip
                if name in site.tools:
                    cold["workers"] = session.page.evaluate("() => window.partways.workerCount()")
                record.setdefault("cold", []).append(cold)
                if loopback:
                    session.page.wait_for_timeout(WARM_AFTER_MS)
                    warm = visit(session, base_url + path, server_log, site.runtime, linger=False)
                    if name in site.tools:
                        warm["started"] = engine_state(session.page, base_url)["from"]
                    record.setdefault("warm", []).append(warm)
                    if name in site.tools:
                        for key, values in in_use(session.page, name, path).items():
                            record.setdefault(key, []).extend(values)
            except Exception as error:  # noqa: BLE001 -- a failed measurement is reported
                log(f"{profile.name} {name} (rep {rep + 1}): {type(error).__name__}: {error}")
                record.setdefault("errors", []).append(f"{type(error).__name__}: {error}")
            finally:
                session.close()
            log(f"{profile.name} rep {rep + 1}/{reps} {name}: first result cold "
                f"{_fmt_ms(cold.get('first_ms'))}, warm {_fmt_ms(warm.get('first_ms'))}, "
                f"{cold.get('traffic', {}).get('bytes', 0) / 1e6:.2f} MB")  # fmt: skip
    return samples


def run_save_data(pw, site: Site, base_url: str, work: Path, server_log: ServerLog,
                  profile: Profile) -> dict:  # fmt: skip
    """A cold visit to each tool with Save-Data on: nothing may start after the first result."""
    out = {}
    for name, path in site.tools.items():
        session = Session(pw, work, profile, save_data=True)
        try:
            out[name] = visit(session, base_url + path, server_log, site.runtime, linger=True)
        except Exception as error:  # noqa: BLE001
            out[name] = {"error": f"{type(error).__name__}: {error}"}
        finally:
            session.close()
    return out


def run_plain_pages(pw, site: Site, base_url: str, work: Path, server_log: ServerLog,
                    profile: Profile) -> dict:  # fmt: skip
    """Each page without a tool, cold: what it fetches, its workers, its blocking time."""
    out = {}
    for path in site.plain_pages:
        session = Session(pw, work, profile)
        try:
            page = session.new_page()
            offset, counted_from = server_log.mark(), session.counted.mark()
            page.goto(base_url + path, wait_until="load", timeout=LOAD_TIMEOUT_MS)
            server_log.wait_quiet(quiet_s=1.0)
            longtasks = page.evaluate("() => window.__bench.longtasks")
            out["/" + path] = {
                "tbt_ms": tbt(longtasks, float("inf")),
                "workers": page.evaluate("() => window.partways.workerCount()"),
                "traffic": traffic(server_log.since(offset), session.counted.seen[counted_from:],
                                   site.runtime, None),
            }  # fmt: skip
        except Exception as error:  # noqa: BLE001
            out["/" + path] = {"error": f"{type(error).__name__}: {error}"}
        finally:
            session.close()
    return out

