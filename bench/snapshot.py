"""Repeat visits restored from the reader's memory snapshot (issue 16 §4): the warm first live
result of each tool restored from the snapshot, the same visit started afresh, and the bare
loadPyodide() page on the site's own runtime, interleaved in one browser profile.

A cold visit to a tool makes the snapshot (engine.js's snapshot worker, after the first
result) and fills the HTTP cache and the service worker's caches. The bench then keeps the
snapshot aside in a cache of its own and leaves runtime.js's "failed" marker in its place, so
a visit started afresh neither restores one nor makes one; before a restored visit it puts
the snapshot back. Each visit says how its engine started, and one that did not start as
measured is reported as an error, not counted."""

from __future__ import annotations

from pathlib import Path

from .browser import Session, visit
from .common import TARGETS, log, median, minimum, ratio
from .network import Profile, ServerLog
from .report import Table, fmt, times, verdict
from .site import Site

ENGINE = "assets/javascripts/partways/engine.js"
SNAPSHOTS, KEPT = "partways-snapshots", "partways-bench-kept"  # runtime.js's cache; ours
SNAPSHOT_WAIT_MS = 180_000  # making one takes about as long as a fresh start
ENGINE_STATE = """async (url) => {
  const engine = await import(url);
  return { ...engine.currentState(), snapshot: engine.snapshotState() };
}"""
# Moves whatever one cache holds into the other (emptied first); a snapshot taken out of
# runtime.js's cache leaves the marker of a failed one behind.
MOVE = """async ([from, to, manifest]) => {
  const [source, target] = await Promise.all([caches.open(from), caches.open(to)]);
  for (const key of await target.keys()) await target.delete(key);
  for (const key of await source.keys()) {
    await target.put(key, await source.match(key));
    await source.delete(key);
  }
  if (from !== "SNAPSHOTS") return;
  const build = (await (await fetch(manifest)).json()).build;
  await source.put(new URL(`snapshot/${build}.failed`, manifest), new Response(""));
}""".replace("SNAPSHOTS", SNAPSHOTS)


def engine_state(page, base_url: str) -> dict:
    return page.evaluate(ENGINE_STATE, base_url + ENGINE)


def wait_saved(page, base_url: str) -> None:
    for _ in range(SNAPSHOT_WAIT_MS // 500):
        if (snapshot := engine_state(page, base_url)["snapshot"]) not in ("waiting", "making"):
            break
        page.wait_for_timeout(500)
    if snapshot != "saved":
        raise RuntimeError(f"no snapshot was saved (it is {snapshot!r})")


def run_snapshot(pw, site: Site, base_url: str, work: Path, server_log: ServerLog,
                 profile: Profile, reps: int) -> dict:  # fmt: skip
    """Warm visits by "bare, site runtime", "<tool>, snapshot", "<tool>, fresh"."""
    session = Session(pw, work, profile)
    samples: dict[str, list] = {"bare, site runtime": []}
    errors: list[str] = []
    manifest = base_url + site.runtime + "runtime.json"

    def warm(path: str, started: str | None) -> dict:
        visited = visit(session, base_url + path, server_log, site.runtime, linger=False)
        if started is not None and (how := engine_state(session.page, base_url)["from"]) != started:
            errors.append(f"{path}: started {how!r}, not {started!r}")
            return {"first_ms": None}
        return {key: visited[key] for key in ("first_ms", "tbt_ms", "phases_ms")}

    try:
        first_tool = "notice" if "notice" in site.tools else next(iter(site.tools))
        visit(session, base_url + site.tools[first_tool], server_log, site.runtime, linger=True)
        wait_saved(session.page, base_url)
        session.page.evaluate(MOVE, [SNAPSHOTS, KEPT, manifest])
        for rep in range(reps):
            samples["bare, site runtime"].append(warm(site.bares["bare, site runtime"], None))
            for name, path in site.tools.items():
                samples.setdefault(f"{name}, fresh", []).append(warm(path, "fresh"))
                session.page.evaluate(MOVE, [KEPT, SNAPSHOTS, manifest])
                samples.setdefault(f"{name}, snapshot", []).append(warm(path, "snapshot"))
                session.page.evaluate(MOVE, [SNAPSHOTS, KEPT, manifest])
            log(f"snapshot rep {rep + 1}/{reps}: " + ", ".join(
                f"{name} {fmt(values[-1]['first_ms'])}" for name, values in samples.items()))  # fmt: skip
    except Exception as error:  # noqa: BLE001 -- a failed measurement is reported
        errors.append(f"{type(error).__name__}: {error}")
        log(f"snapshot: {errors[-1]}")
    finally:
        session.close()
    return {"warm": samples, "errors": errors}


def snapshot_rows(table: Table, measured: dict) -> None:
    samples = {key: [v["first_ms"] for v in runs] for key, runs in measured["warm"].items()}
    limit, bare = TARGETS["snapshot_ratio"], samples["bare, site runtime"]
    base, base_best = median(bare), minimum(bare)
    baseline = f"bare loadPyodide(), site runtime, warm {fmt(base)} (best {fmt(base_best)})"
    for key, runs in samples.items():
        if key == "bare, site runtime":
            continue
        name, mode = key.split(", ")
        value, best = median(runs), minimum(runs)
        cells = (f"{fmt(value)} (best {fmt(best)})", baseline,
                 f"{times(ratio(value, base))} (best {times(ratio(best, base_best))})")  # fmt: skip
        if mode == "snapshot":
            r = ratio(value, base)
            table.row(f"first live result, warm, restored from the snapshot: {name}", *cells,
                      f"<= {limit}x", verdict(None if r is None else r <= limit))
        else:
            table.row(f"first live result, warm, started afresh: {name} (reference)", *cells)


def snapshot_lines(measured: dict) -> list[str]:
    """Where a warm tool visit's time goes, restored and afresh (medians over the tools)."""
    lines = ["Warm tool visits (loopback, medians over every tool's; ms since navigation): "
             "worker = engine.js creates it, runtime = worker.js runs, restore = snapshot read, "
             "ready = engine answers:"]  # fmt: skip
    for mode in ("snapshot", "fresh"):
        runs = [v for key, vs in measured["warm"].items() if key.endswith(mode) for v in vs]
        stages = " | ".join(
            f"{stage.split(':')[-1]} {fmt(median(v.get('phases_ms', {}).get(stage) for v in runs))}"
            for stage in ("worker", "status:runtime", "status:restore", "ready"))  # fmt: skip
        lines.append(f"  {mode:8} {stages} | result {fmt(median(v['first_ms'] for v in runs))}")
    return lines
