"""The scripts the bench puts into pages. INIT_JS runs before any page script and says when
the first live result appears in a console message (FIRST_MESSAGE), which the bench waits for:
until then nothing of Playwright runs in the page. A live result is the engine's first answer
drawn, data-result "ok" or "error" (main.js sets it only for an answer; the letter's empty
form is answered with its fields' errors), as offline.js and the browser tests read it.
The earlier bench polled with
wait_for_function, which makes Chromium parse a 330 KB injected script (and a 13 KB utility
script) in the page's main world during the load it measures; a page.evaluate() alone brings
the 13 KB one (counted with the DevTools protocol's Debugger.scriptParsed, 2026-12-01)."""

FIRST_MESSAGE = "partways-bench:first-result"

INIT_JS = """
(() => {
  const b = (window.__bench = { firstResult: null, longtasks: [], frames: [], phases: [],
                                resultAt: new WeakMap() });
  const observe = (type, take) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(take))
        .observe({ type, buffered: true });
    } catch (e) { b.unobserved = String(e); }
  };
  observe("longtask", (e) => b.longtasks.push([e.startTime, e.duration]));
  // Long animation frames name the scripts that ran in them: where blocking time comes from.
  observe("long-animation-frame", (e) => b.frames.push({
    start: e.startTime, duration: e.duration, blocking: e.blockingDuration,
    scripts: e.scripts.map((s) => ({ source: s.sourceURL, invoker: s.invoker,
      type: s.invokerType, duration: s.duration, layout: s.forcedStyleAndLayoutDuration })),
  }));
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      const el = r.target;
      if (el.hasAttribute("data-result") && !b.resultAt.has(el)) {
        b.resultAt.set(el, now);
        if (b.firstResult === null) { b.firstResult = now; console.debug("FIRST_MESSAGE"); }
      }
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-result"] });
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      if (String(url).includes("partways")) {
        b.phases.push(["worker", performance.now()]);
        this.addEventListener("message", ({ data }) => {
          if (data && data.type) {
            b.phases.push([data.stage ? data.type + ":" + data.stage : data.type, performance.now()]);
          }
        });
      }
    }
  };
  document.addEventListener("click", (e) => { b.clickAt = e.timeStamp; }, true);
})();
""".replace("FIRST_MESSAGE", FIRST_MESSAGE)

COLLECT_JS = """() => {
  const b = window.__bench;
  const nav = performance.getEntriesByType("navigation")[0];
  return { firstResult: b.firstResult, timeOrigin: performance.timeOrigin, longtasks: b.longtasks,
           frames: b.frames, phases: b.phases, unobserved: b.unobserved || null,
           dcl: nav ? nav.domContentLoadedEventEnd : null };
}"""

# Arms a one-shot measurement: from the next `type` event (its timeStamp) on the document to
# the first mutation of the widget's output; the promise waits in window.__benchPending.
ARM_JS = """(type) => {
  const out = document.querySelector("[data-widget] [data-output]");
  window.__benchPending = new Promise((resolve) => {
    let t0 = null;
    document.addEventListener(type, (e) => { t0 = e.timeStamp; }, { capture: true, once: true });
    const mo = new MutationObserver(() => {
      if (t0 === null) return;
      mo.disconnect();
      resolve(performance.now() - t0);
    });
    mo.observe(out, { childList: true, subtree: true, characterData: true });
    setTimeout(() => { mo.disconnect(); resolve(null); }, 10000);
  });
}"""

NEW_WIDGET_OK_JS = """() => {
  const w = document.querySelector("[data-widget]");
  return !!w && w !== window.__benchOld && window.__bench.resultAt.has(w);
}"""

RETURN_MS_JS = """() => {
  if (window.__benchOld === undefined) return null;  // a full reload, not instant navigation
  const w = document.querySelector("[data-widget]");
  return window.__bench.resultAt.get(w) - window.__bench.clickAt;
}"""
