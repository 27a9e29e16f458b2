"""`make bench`: what readers pay, measured against baselines from the same run.

    python -m bench [--reps N] [--network-reps N] [--mobile-reps N] [--profiles ...]
                    [--snapshot-reps N] [--intent-reps N] [--no-snapshot] [--no-intent] ...

__main__   the run: build, serve, measure, write bench/results/latest.json, print
server     the built site served as GitHub Pages serves it (gzip, cache headers), logged
site       what the build ships (tool pages, pages without a tool, the runtime) and the
           bench's bare loadPyodide() pages
network    network profiles through Chromium's DevTools protocol; bytes a visit moved, and
           apart, what the service worker fetched
probes     the scripts put into the measured pages
browser    one visit: first live result, blocking time, main-thread work, bytes
runs       visits of every page under each profile, pages without a tool, Save-Data
interactions  instant-navigation returns and input-to-result
snapshot   warm visits restored from the reader's memory snapshot, afresh, and a bare page
intent     the first result after a reader points at a tool's link, against a cold click
trace      one traced visit per tool: the main thread's CPU time, by what ran
builds     mkdocs build against a plain Material build of the same pages
engine     the CLI and the engine's calls per second (CPython, Pyodide on Node)
report, rows, details  the printed table (targets PASS/MISS) and what lies behind it
"""
